from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API (django-ninja). No models of its own: tokens live in core."""

    name = "velkomst.api"
    label = "api"
    verbose_name = _("API")
