from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "velkomst.surveys"
    label = "surveys"
    verbose_name = _("Spørgeskemaer")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        from . import retention

        retention.register()

        # in the management-information menu; a caseworker reaches the results from a person's
        # surveys page (the menu's groups stay the role's)
        navigation.register(
            "insight", "survey-results", _("Borgernes egen oplevelse"), access.INSIGHT_VIEW
        )
