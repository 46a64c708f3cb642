from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "velkomst.core"
    label = "core"
    verbose_name = _("Kerne")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from . import audit, moved

        # one view row per person per request (SEC-3)
        request_started.connect(audit.start_request, dispatch_uid="audit_start_request")
        request_finished.connect(audit.end_request, dispatch_uid="audit_end_request")
        # the handed-over households read once per request (COO-5)
        request_started.connect(moved.start_request, dispatch_uid="moved_start_request")
        request_finished.connect(moved.end_request, dispatch_uid="moved_end_request")
