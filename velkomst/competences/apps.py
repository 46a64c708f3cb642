from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "velkomst.competences"
    label = "competences"
    verbose_name = _("Kompetencer og CV")

    def ready(self) -> None:
        from velkomst.core import audit_log

        from .audit_names import CODE_NAMES, DESCRIBERS

        audit_log.DESCRIBERS.update(DESCRIBERS)
        audit_log.CODE_NAMES.update(CODE_NAMES)
