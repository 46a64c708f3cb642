from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandoverConfig(AppConfig):
    name = "velkomst.handover"
    label = "handover"
    verbose_name = _("Overdragelse ved flytning")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        navigation.register(
            "tasks", "handover-inbox", _("Overdragelser ved flytning"), access.HANDOVER_VIEW
        )
