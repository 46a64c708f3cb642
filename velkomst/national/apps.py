from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    """National distribution (NAT-1, NAT-2): quotas, the employment model and the assignment of
    arriving households to municipalities (the national user's pages, outside tenancy)."""

    name = "velkomst.national"
    label = "national"
    verbose_name = _("National fordeling")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        navigation.register("national", "national-plans", _("Kvoter"), access.NATIONAL_VIEW)
        navigation.register(
            "national", "national-runs", _("Fordeling af husstande"), access.NATIONAL_VIEW
        )
        navigation.register(
            "national", "national-models", _("Beskæftigelsesmodeller"), access.NATIONAL_VIEW
        )
        navigation.register(
            "national", "national-tables", _("Referencetabeller"), access.NATIONAL_VIEW
        )
