from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "velkomst.matching"
    label = "matching"
    verbose_name = _("Matchning af personer og opslag")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        navigation.register(
            "citizens", "matching:index", _("Matchning til opslag"), access.COMPANY_VIEW
        )
