from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundTablesConfig(AppConfig):
    name = "velkomst.roundtables"
    label = "roundtables"
    verbose_name = _("Rundbordsmøder")

    def ready(self) -> None:
        from velkomst.core import access, navigation, worklist

        from . import worklist as roundtable_worklist

        worklist.register(roundtable_worklist.rows)
        navigation.register("tasks", "roundtable-list", _("Rundbordsmøder"), access.ROUNDTABLE_VIEW)
