from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingsConfig(AppConfig):
    name = "velkomst.pairings"
    label = "pairings"
    verbose_name = _("Match mellem frivillige og husstande")

    def ready(self) -> None:
        from velkomst.core import access, navigation, worklist

        from . import worklist as pairings_worklist

        worklist.register(pairings_worklist.rows)
        navigation.register(
            "community", "pairings-list", _("Match og opfølgning"), access.PAIRING_VIEW
        )
