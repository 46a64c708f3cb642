from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenConfig(AppConfig):
    name = "velkomst.citizen"
    label = "citizen"
    verbose_name = _("Borgerindgang")
