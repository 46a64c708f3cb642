from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighboursConfig(AppConfig):
    name = "velkomst.neighbours"
    label = "neighbours"
    verbose_name = _("Naboproblemer")
