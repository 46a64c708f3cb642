from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "velkomst.retention"
    label = "retention"
    verbose_name = _("Opbevaring og sletning")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        from . import erasure

        erasure.register_kinds()

        navigation.register(
            "admin", "retention-rules", _("Opbevaring og sletning"), access.RETENTION_MANAGE
        )
