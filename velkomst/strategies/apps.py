from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "velkomst.strategies"
    label = "strategies"
    verbose_name = _("Strategier")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        navigation.register("insight", "strategy-current", _("Strategi"), access.INSIGHT_VIEW)
        navigation.register(
            "insight", "strategy-figures", _("Håndindtastede tal"), access.INSIGHT_VIEW
        )
