from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "velkomst.volunteers"
    label = "volunteers"
    verbose_name = _("Frivillige og ressourcebank")

    def ready(self) -> None:
        from velkomst.core import access, navigation, worklist

        from . import worklist as volunteer_worklist

        navigation.register(
            "community", "volunteers-bank", _("Ressourcebank"), access.VOLUNTEER_VIEW
        )
        navigation.register(
            "community",
            "volunteers-approvals",
            _("Frivillige til godkendelse"),
            access.VOLUNTEER_VIEW,
        )
        # expired child certificates on the coordinator's worklist (CIV-3)
        worklist.register(volunteer_worklist.rows)
