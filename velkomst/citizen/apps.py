from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Languages of the citizen's entrance that Django does not know (CIT-1): its language switch and
# ``get_language_info`` read them from LANG_INFO; Dari is written right to left
EXTRA_LANG_INFO = {
    "prs": {"bidi": True, "code": "prs", "name": "Dari", "name_local": "دری"},
    "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
}


class CitizenConfig(AppConfig):
    name = "velkomst.citizen"
    label = "citizen"
    verbose_name = _("Borgerindgang")

    def ready(self) -> None:
        from django.conf.locale import LANG_INFO

        for code, info in EXTRA_LANG_INFO.items():
            LANG_INFO.setdefault(code, info)
