"""Labels of the codes national distribution stores as data (NAT-1): the binding rule of a
suggestion, why an alternative was not chosen, a suggestion's reasons, a run's steps. Stored as
codes, shown in the reader's language."""

from __future__ import annotations

import re
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


# --- the model card: the engine writes its card in English; shown in the reader's language -----

CARD_TEXTS = {
    # the person's and the place's features (engines/national/model.py)
    "age (centred at 40, per 10 years)": gettext_lazy("alder (centreret om 40, pr. 10 år)"),
    "age squared": gettext_lazy("alder i anden"),
    "male": gettext_lazy("mand"),
    "education: secondary": gettext_lazy("uddannelse: gymnasial"),
    "education: vocational": gettext_lazy("uddannelse: erhvervsfaglig"),
    "education: higher": gettext_lazy("uddannelse: videregående"),
    "prior work": gettext_lazy("tidligere arbejde"),
    "household size (capped at 8)": gettext_lazy("husstandens størrelse (højst 8)"),
    "male × educated": gettext_lazy("mand × uddannet"),
    "nationality group": gettext_lazy("nationalitetsgruppe"),
    "local employment rate": gettext_lazy("lokal beskæftigelsesfrekvens"),
    "countrymen living there (log)": gettext_lazy("landsmænd der bor der (log)"),
    "same-year arrivals of the group (log)": gettext_lazy("gruppens ankomster samme år (log)"),
    "same-year arrivals of the group per 1,000 inhabitants": gettext_lazy(
        "gruppens ankomster samme år pr. 1.000 indbyggere"
    ),
    "municipality": gettext_lazy("kommune"),
    "municipality × educated": gettext_lazy("kommune × uddannet"),
    "municipality × group": gettext_lazy("kommune × gruppe"),
    "one cohort (the history has no arrival year)": gettext_lazy(
        "én årgang (historikken har intet ankomstår)"
    ),
    # the known limits (engines/national/model.py KNOWN_LIMITS)
    "Learnt from where refugees were placed in the past: a municipality that received few of a "
    "group has an uncertain effect for that group (shrunk towards the average by the penalty).": (
        gettext_lazy(
            "Lært af hvor flygtninge blev placeret tidligere: en kommune der fik få af en gruppe, "
            "har en usikker effekt for den gruppe (trukket mod gennemsnittet af straffeleddet)."
        )
    ),
    "The stock of countrymen is this year's reference figure, also for past cohorts.": (
        gettext_lazy("Antallet af landsmænd er årets referencetal, også for tidligere årgange.")
    ),
    "Outcomes only of those who stayed in the platform's municipalities; moves are not "
    "modelled.": gettext_lazy(
        "Kun udfald for dem der blev i platformens kommuner; flytninger er ikke med i modellen."
    ),
    "Nationality is used as a group only where the law allows it; the model predicts averages "
    "for people like the person and never decides alone: a case officer does.": gettext_lazy(
        "Nationalitet bruges kun som gruppe hvor loven tillader det; modellen forudsiger "
        "gennemsnit for personer som personen og afgør aldrig alene: det gør en sagsbehandler."
    ),
}
CARD_PATTERNS = (
    (
        re.compile(
            r"^logistic regression \(L2, C=(?P<c>[\d.]+)\), Platt scaling on (?P<share>\d+)% "
            r"of the training households$"
        ),
        gettext_lazy(
            "logistisk regression (L2, C=%(c)s), Platt-skalering på %(share)s %% af "
            "træningshusstandene"
        ),
    ),
    (
        re.compile(r"^the last cohort \((?P<year>\d+)\)$"),
        gettext_lazy("den seneste årgang (%(year)s)"),
    ),
    (
        re.compile(r"^(?P<share>\d+)% of the households, drawn at random$"),
        gettext_lazy("%(share)s %% af husstandene, udtrukket tilfældigt"),
    ),
    (
        re.compile(r"^cohorts (?P<trained>[\d–]+) \(trained\), (?P<held>\d+) \(held out\)$"),
        gettext_lazy("årgangene %(trained)s (træning), %(held)s (holdt ude)"),
    ),
)


def card_text(text: str) -> str:
    """A text of a model card (written by the engine in English) in the reader's language; a
    text the platform does not know (a newer engine's) is shown as written."""
    known = CARD_TEXTS.get(text)
    if known is not None:
        return str(known)
    for pattern, translated in CARD_PATTERNS:
        match = pattern.match(text)
        if match:
            return str(translated) % match.groupdict()
    return text
