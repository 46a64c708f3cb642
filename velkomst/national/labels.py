"""Labels of the codes national distribution stores as data (NAT-1): the binding rule of a
suggestion, why an alternative was not chosen, a suggestion's reasons, a run's steps. Stored as
codes, shown in the reader's language."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velkomst.core.formats import ui_language

RULES = {
    "": gettext_lazy("Ingen: den bedste kommune"),
    "none": gettext_lazy("Ingen: den bedste kommune"),
    "quota": gettext_lazy("Kvoten"),
    "group_cap": gettext_lazy("Loft over samme gruppe i samme år"),
    "treatment": gettext_lazy("Behov for behandlingstilbud"),
    "fixed": gettext_lazy("Fast placering (familie eller jobtilbud)"),
    "objective": gettext_lazy("Samlet bedst: andre husstande har større gavn af pladsen"),
}


def rule_label(code: str) -> str:
    return str(RULES.get(code, code))


def reason_text(reason: dict[str, Any]) -> str:
    code = reason.get("code", "")
    values = reason.get("values", {})
    if code == "best":
        return _("Den højeste forventede chance for job blandt kommunerne med plads.")
    if code == "bound":
        return _("Ikke den bedste kommune for husstanden; bindende regel: %(rule)s.") % {
            "rule": rule_label(str(values.get("rule", "")))
        }
    if code == "fixed":
        return _("Fast placering (familie eller dokumenteret jobtilbud).")
    if code == "treatment":
        return _("Husstanden har brug for et behandlingstilbud, som kommunen har.")
    if code == "countrymen":
        return _("%(n)s landsmænd (%(group)s) bor allerede i kommunen.") % {
            "n": values.get("n", 0),
            "group": values.get("group", ""),
        }
    if code == "employment":
        return _("Den lokale beskæftigelsesfrekvens er %(rate)s %%.") % {
            "rate": format_decimal(float(values.get("rate", 0)), "#,##0.0", locale=ui_language())
        }
    return str(code)
