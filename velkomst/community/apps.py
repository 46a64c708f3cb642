from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "velkomst.community"
    label = "community"
    verbose_name = _("Arrangementer og foreninger")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        for url_name, label in (
            ("community:event-list", _("Arrangementer")),
            ("community:association-list", _("Foreninger")),
            ("community:participation-counts", _("Deltagelse i foreninger")),
        ):
            navigation.register("community", url_name, label, access.COMMUNITY_VIEW)
