from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "velkomst.outcomes"
    label = "outcomes"
    verbose_name = _("Resultater og resultattilskud")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        navigation.register("citizens", "outcomes-grants", _("Resultattilskud"), access.GRANTS_VIEW)
