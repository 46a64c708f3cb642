from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    name = "velkomst.health"
    label = "health"
    verbose_name = _("Sundhed og barrierer")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        navigation.register("citizens", "health-overview", _("Sundhed"), access.HEALTH_VIEW)
        navigation.register(
            "citizens", "coordination-list", _("Koordinerede indsatser"), access.HEALTH_VIEW
        )
