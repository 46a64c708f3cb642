from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CompaniesConfig(AppConfig):
    name = "velkomst.companies"
    label = "companies"
    verbose_name = _("Virksomheder")

    def ready(self) -> None:
        from velkomst.core import access, navigation

        for url_name, label in (
            ("companies:company-list", _("Virksomheder")),
            ("companies:opening-list", _("Opslag")),
            ("companies:proposal-list", pgettext_lazy("jobforslag", "Forslag")),
            ("companies:job-event-list", _("Speed-dating")),
        ):
            navigation.register("companies", url_name, label, access.COMPANY_VIEW)
