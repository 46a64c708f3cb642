from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "velkomst.insight"
    label = "insight"
    verbose_name = _("Ledelsesinformation")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        # "Overblik" first in the group
        navigation.register("insight", "insight-dashboard", _("Overblik"), access.INSIGHT_VIEW)
        navigation.register(
            "insight", "insight-deadlines", _("Frister overholdt"), access.INSIGHT_VIEW
        )
        navigation.register("insight", "insight-economy", _("Økonomi"), access.INSIGHT_VIEW)
        navigation.register("insight", "insight-places", _("Steder"), access.INSIGHT_VIEW)
        navigation.register("insight", "insight-report", _("Statusrapport"), access.INSIGHT_VIEW)
        navigation.register(
            "insight", "insight-exports", _("Udtræk til analyse"), access.INSIGHT_EXPORT
        )
