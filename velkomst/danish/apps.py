from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DanishConfig(AppConfig):
    name = "velkomst.danish"
    label = "danish"
    verbose_name = _("Danskuddannelse")
