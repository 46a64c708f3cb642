from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DanishConfig(AppConfig):
    name = "velkomst.danish"
    label = "danish"
    verbose_name = _("Danskuddannelse")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        navigation.register(
            "citizens", "danish-overview", _("Danskuddannelse"), access.PROGRAMME_VIEW
        )
        navigation.register("admin", "danish-centre-list", _("Sprogcentre"), access.PROGRAMME_EDIT)
