from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "velkomst.programme"
    label = "programme"
    verbose_name = _("Integrationsforløb")

    def ready(self) -> None:
        from velkomst.core import access, navigation, worklist

        from . import worklist as programme_worklist

        worklist.register(programme_worklist.rows)
        navigation.register(
            "tasks", "programme-overview", _("Integrationsforløb: frister"), access.PROGRAMME_VIEW
        )
