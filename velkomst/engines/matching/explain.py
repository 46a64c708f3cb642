"""Reasons in words (PRG-4), rendered in the reader's language.

Reasons are data (``Reason(code, params, points)``) that the app stores with a run's
suggestions; ``render`` turns one into Danish ("da", the default and the fallback) or English
("en"). Occupation codes are named by the caller's ``trade_name`` (the DISCO-08 code list lives
in the app); without one the code itself is shown. Trades recorded in words and the opening's
title are shown as written; a code the caller cannot name is shown by the opening's title
where the reason carries it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .model import Reason

LEVELS = ("none", "A1", "A2", "B1", "B2", "C1", "C2")
NO_DANISH = {"da": "intet kendskab", "en": "none"}
WHY_HOURS = {
    "da": {"childcare": "enlig forsørger med et barn uden pasningstilbud", "": ""},
    "en": {"childcare": "a single parent with a child without a daycare place", "": ""},
}

TEXTS: dict[str, dict[str, str]] = {
    "da": {
        "interest": "Ønsker at arbejde som {trade} (ønske nr. {rank})",
        "interest_related": "Ønsker et beslægtet fag: {wished} (ønske nr. {rank})",
        "interest_words": "Ønsker at arbejde som {words} (ønske nr. {rank})",
        "interest_words_related": (
            "Ønsker at arbejde som {words}, som ligner opslagets titel {title} (ønske nr. {rank})"
        ),
        "no_interest": "Har ikke ønsket {trade} eller et beslægtet fag",
        "experience": "{years} års erfaring som {trade}",
        "experience_related": "{years} års erfaring i et beslægtet fag: {code}",
        "experience_words": "{years} års erfaring som {words}",
        "experience_words_related": (
            "{years} års erfaring som {words}, som ligner opslagets titel {title}"
        ),
        "no_experience": "Ingen erfaring som {trade} eller i et beslægtet fag",
        "danish_none_required": "Intet krav til dansk (dansk: {level})",
        "danish_meets": "Dansk på {level} opfylder kravet {required}",
        "danish_below": "Dansk på {level} er under kravet {required}",
        "skills": "Har {held} af de {asked} ønskede kompetencer",
        "skills_missing": "Har {held} af de {asked} ønskede kompetencer; mangler {missing}",
        "skills_none_required": "Stillingen kræver ingen særlige kompetencer",
        "travel": "{minutes} min. med offentlig transport (grænsen er {limit} min.)",
        "travel_unknown": "Rejsetiden kendes ikke (bopæl eller arbejdssted uden område)",
        "hours_no_limit": "{hours} timer om ugen; ingen kendt begrænsning",
        "hours_fit": "{hours} timer om ugen; personen kan arbejde op til {max_hours}",
        "hours_fit_why": "{hours} timer om ugen; personen kan arbejde op til {max_hours} ({why})",
        "travel_too_far": "For langt: {minutes} min. med offentlig transport; grænsen er {limit}",
        "hours_over": "For mange timer: {hours} om ugen; personen kan højst {max_hours}",
        "hours_over_why": (
            "For mange timer: {hours} om ugen; personen kan højst {max_hours} ({why})"
        ),
        "danish_too_low": (
            "Dansk på {level} er mere end {tolerance} niveau under kravet {required}"
        ),
    },
    "en": {
        "interest": "Wants to work as {trade} (wish no. {rank})",
        "interest_related": "Wants a related trade: {wished} (wish no. {rank})",
        "interest_words": "Wants to work as {words} (wish no. {rank})",
        "interest_words_related": (
            "Wants to work as {words}, like the opening's title {title} (wish no. {rank})"
        ),
        "no_interest": "Has not asked for {trade} or a related trade",
        "experience": "{years} years of experience as {trade}",
        "experience_related": "{years} years of experience in a related trade: {code}",
        "experience_words": "{years} years of experience as {words}",
        "experience_words_related": (
            "{years} years of experience as {words}, like the opening's title {title}"
        ),
        "no_experience": "No experience as {trade} or in a related trade",
        "danish_none_required": "No Danish required (Danish: {level})",
        "danish_meets": "Danish at {level} meets the requirement {required}",
        "danish_below": "Danish at {level} is below the requirement {required}",
        "skills": "Has {held} of the {asked} skills asked for",
        "skills_missing": "Has {held} of the {asked} skills asked for; lacks {missing}",
        "skills_none_required": "The opening asks for no particular skills",
        "travel": "{minutes} min. by public transport (the limit is {limit} min.)",
        "travel_unknown": "Travel time not known (home or workplace without an area)",
        "hours_no_limit": "{hours} hours a week; no limit known",
        "hours_fit": "{hours} hours a week; the person can work up to {max_hours}",
        "hours_fit_why": "{hours} hours a week; the person can work up to {max_hours} ({why})",
        "travel_too_far": "Too far: {minutes} min. by public transport; the limit is {limit}",
        "hours_over": "Too many hours: {hours} a week; the person can work at most {max_hours}",
        "hours_over_why": (
            "Too many hours: {hours} a week; the person can work at most {max_hours} ({why})"
        ),
        "danish_too_low": (
            "Danish at {level} is more than {tolerance} level below the requirement {required}"
        ),
    },
}


def _number(value: object, language: str) -> str:
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
    else:
        text = str(value)
    return text.replace(".", ",") if language == "da" else text


def _level(rank: object, language: str) -> str:
    r = int(rank) if isinstance(rank, int | float) else 0
    if r <= 0:
        return NO_DANISH[language]
    return LEVELS[min(r, 6)]


def render(
    reason: Reason,
    language: str = "da",
    trade_name: Callable[[str], str] | None = None,
    skill_name: Callable[[str], str] | None = None,
) -> str:
    """The reason in words; an unknown language falls back to Danish, an unknown code to the
    code itself."""
    lang = language if language in TEXTS else "da"
    texts = TEXTS[lang]
    params: Mapping[str, object] = reason.params
    code = reason.code
    values: dict[str, object] = {}
    name = trade_name or (lambda c: c)
    for key, value in params.items():
        if key in ("trade", "wished", "code"):
            values[key] = name(str(value))
        elif key in ("words", "title", "opening"):
            values[key] = str(value)  # as the person or the company wrote them
        elif key in ("level", "required"):
            values[key] = _level(value, lang)
        elif key == "missing":
            skills = [skill_name(str(k)) if skill_name else str(k) for k in value]  # type: ignore[attr-defined]
            values[key] = ", ".join(skills)
        elif key == "why":
            values[key] = WHY_HOURS[lang].get(str(value), str(value))
        else:
            values[key] = _number(value, lang)
    opening = params.get("opening")
    if opening and values.get("trade") == str(params.get("trade")):
        # a code the list cannot name (no list installed): the opening's title instead
        values["trade"] = str(opening)
    if code == "skills" and params.get("missing"):
        code = "skills_missing"
    if code in ("hours_fit", "hours_over") and params.get("why"):
        code = f"{code}_why"
    template = texts.get(code)
    if template is None:
        return str(reason.code)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return str(reason.code)


def reason_data(reason: Reason) -> dict[str, object]:
    """A JSON-ready form of the reason, for storing."""
    params = {
        k: (list(v) if isinstance(v, list | tuple | frozenset | set) else v)
        for k, v in reason.params.items()
    }
    return {"code": str(reason.code), "params": params, "points": round(reason.points, 3)}


def reason_from_data(data: Mapping[str, object]) -> Reason:
    params = data.get("params") or {}
    points = data.get("points") or 0.0
    return Reason(
        str(data.get("code", "")),
        dict(params) if isinstance(params, Mapping) else {},
        float(points) if isinstance(points, int | float) else 0.0,
    )
