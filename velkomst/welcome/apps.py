from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WelcomeConfig(AppConfig):
    name = "velkomst.welcome"
    label = "welcome"
    verbose_name = _("Velkomstmappe")
