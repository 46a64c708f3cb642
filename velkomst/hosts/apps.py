from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HostsConfig(AppConfig):
    name = "velkomst.hosts"
    label = "hosts"
    verbose_name = _("Private værter")
