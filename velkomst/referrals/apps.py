from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "velkomst.referrals"
    label = "referrals"
    verbose_name = _("Henvisninger mellem enheder")

    def ready(self) -> None:
        from velkomst.core import access, navigation, worklist

        from . import worklist as referral_worklist

        worklist.register(referral_worklist.rows)
        navigation.register("tasks", "referral-home", _("Henvisninger"), access.REFERRAL_VIEW)
        navigation.register(
            "tasks", "referral-interfaces", _("Snitfladebeskrivelser"), access.REFERRAL_VIEW
        )
        navigation.register(
            "citizens", "referral-concern-create", _("Bekymring for et barn"), access.CONCERN_RECORD
        )
