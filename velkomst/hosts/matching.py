"""Matching private hosts' offers and households on stated preferences (HOU-6). Plain Python: no
Django, dataclasses in, ranked candidates with reasons out.

Hard rules (a household that breaks one is not a candidate, and the page says which rule):
persons within the offer's maximum; the household's type (single adult, couple or adults without
children, family with children) among those the host accepts; step-free access when the
household needs it; rent plus utilities within the household's maximum rent when that is known;
the offer available on the day the household needs a home (the need date, or today if that has
passed) and not ending before it; no pets unless the host accepts pets; no smoking unless the
host accepts smoking.

Soft score (orders the candidates): a language shared with the host, the household's wish for
private lodging, and the host living in the area the household works or studies in.

Reasons are data (``Reason(code, params)``) rendered in Danish ("da", the default) or English
("en"), like the placement engine's (velkomst.engines.placement.explain).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from velkomst.people import codes


class HouseholdType(StrEnum):
    SINGLE = "single"  # one adult, no children
    COUPLE = "couple"  # two or more adults (a couple), no children
    FAMILY = "family"  # a household with children


def household_type(*, adults: int, children: int) -> HouseholdType:
    if children > 0:
        return HouseholdType.FAMILY
    if adults <= 1:
        return HouseholdType.SINGLE
    return HouseholdType.COUPLE


# Points of the soft goals.
POINTS_LANGUAGE = 3
POINTS_WISH = 2
POINTS_AREA = 1


@dataclass(frozen=True)
class Offer:
    id: str
    max_persons: int
    household_types: frozenset[HouseholdType]
    rent: int  # what the municipality pays the host per month (kr.)
    utilities: int
    available_from: date
    available_until: date | None = None
    step_free: bool = False
    languages: frozenset[str] = frozenset()  # the host's languages (ISO 639 codes)
    pets_ok: bool = False
    smoking_ok: bool = False
    area_id: str | None = None  # the host's area

    @property
    def monthly_cost(self) -> int:
        return self.rent + self.utilities


@dataclass(frozen=True)
class Household:
    id: str
    persons: int
    adults: int
    children: int
    max_rent: int | None = None  # rent plus utilities the household can carry; None: not known
    needed_by: date | None = None
    step_free_needed: bool = False
    languages: frozenset[str] = frozenset()
    has_pets: bool = False
    smokes: bool = False
    wants_private_lodging: bool = False
    area_id: str | None = None  # the area of the household's work or education

    @property
    def type(self) -> HouseholdType:
        return household_type(adults=self.adults, children=self.children)


@dataclass(frozen=True)
class Reason:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    ok: bool = True  # False: a broken hard rule (or an unmet soft goal shown for information)
    points: int = 0

    def text(self, language: str = "da") -> str:
        return render(self, language)


@dataclass(frozen=True)
class Candidate:
    household_id: str
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Excluded:
    household_id: str
    reasons: tuple[Reason, ...]  # the broken hard rules (never empty)


@dataclass(frozen=True)
class Result:
    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]


def need_day(household: Household, today: date) -> date:
    """The day the household needs a home: its need date, or today if that has passed."""
    if household.needed_by is None or household.needed_by < today:
        return today
    return household.needed_by


def hard_rules(offer: Offer, household: Household, today: date) -> list[Reason]:
    """One reason per hard rule, ``ok`` False where the household breaks it."""
    reasons = [
        Reason(
            "persons",
            {"persons": household.persons, "max": offer.max_persons},
            household.persons <= offer.max_persons,
        ),
        Reason(
            "type",
            {"type": str(household.type)},
            household.type in offer.household_types,
        ),
    ]
    if household.step_free_needed:
        reasons.append(Reason("step_free", {}, offer.step_free))
    if household.max_rent is not None:
        reasons.append(
            Reason(
                "rent",
                {"cost": offer.monthly_cost, "max": household.max_rent},
                offer.monthly_cost <= household.max_rent,
            )
        )
    day = need_day(household, today)
    reasons.append(
        Reason(
            "available",
            {"from": offer.available_from, "day": day},
            offer.available_from <= day,
        )
    )
    if offer.available_until is not None:
        reasons.append(
            Reason(
                "until",
                {"until": offer.available_until, "day": day},
                offer.available_until >= day,
            )
        )
    if household.has_pets:
        reasons.append(Reason("pets", {}, offer.pets_ok))
    if household.smokes:
        reasons.append(Reason("smoking", {}, offer.smoking_ok))
    return reasons


def soft_goals(offer: Offer, household: Household) -> list[Reason]:
    shared = sorted(offer.languages & household.languages)
    reasons = [
        Reason("language", {"languages": shared}, True, POINTS_LANGUAGE)
        if shared
        else Reason("no_language", {}, False, 0),
        Reason("wish", {}, True, POINTS_WISH)
        if household.wants_private_lodging
        else Reason("no_wish", {}, False, 0),
    ]
    if household.area_id is not None and offer.area_id is not None:
        same = household.area_id == offer.area_id
        reasons.append(
            Reason("area", {}, True, POINTS_AREA) if same else Reason("other_area", {}, False, 0)
        )
    return reasons


def rank(offer: Offer, households: Iterable[Household], *, today: date) -> Result:
    """Candidates (best first: score, then the earliest need, then id) and the excluded
    households with the hard rules they break."""
    candidates: list[tuple[Candidate, date]] = []
    excluded: list[Excluded] = []
    for household in households:
        hard = hard_rules(offer, household, today)
        broken = tuple(r for r in hard if not r.ok)
        if broken:
            excluded.append(Excluded(household.id, broken))
            continue
        soft = soft_goals(offer, household)
        score = sum(r.points for r in soft)
        candidates.append(
            (Candidate(household.id, score, tuple(hard + soft)), need_day(household, today))
        )
    candidates.sort(key=lambda pair: (-pair[0].score, pair[1], _id_key(pair[0].household_id)))
    excluded.sort(key=lambda e: _id_key(e.household_id))
    return Result(tuple(c for c, _ in candidates), tuple(excluded))


def check(offer: Offer, household: Household, *, today: date) -> tuple[Reason, ...]:
    """The hard rules ``household`` breaks for ``offer`` (empty: it may be matched)."""
    return tuple(r for r in hard_rules(offer, household, today) if not r.ok)


def _id_key(value: str) -> tuple[int, str]:
    return (int(value), "") if value.isdigit() else (0, value)


# --- words -------------------------------------------------------------------------------------

TYPE_NAMES = {
    "da": {"single": "enlig voksen", "couple": "par uden børn", "family": "familie med børn"},
    "en": {"single": "single adult", "couple": "couple without children", "family": "family"},
}

TEXTS: dict[str, dict[tuple[str, bool], str]] = {
    "da": {
        ("persons", True): "{persons} personer; værten har plads til {max}",
        ("persons", False): "{persons} personer; værten har kun plads til {max}",
        ("type", True): "Værten tager imod en {type}",
        ("type", False): "Værten tager ikke imod en {type}",
        ("step_free", True): "Husstanden har brug for niveaufri adgang, og boligen har det",
        ("step_free", False): "Husstanden har brug for niveaufri adgang, som boligen ikke har",
        ("rent", True): "Husleje og forbrug {cost} kr. er inden for husstandens højst {max} kr.",
        ("rent", False): "Husleje og forbrug {cost} kr. er over husstandens højst {max} kr.",
        ("available", True): "Ledig fra {from}, husstanden skal bruge bolig {day}",
        ("available", False): "Først ledig {from}, husstanden skal bruge bolig {day}",
        ("until", True): "Ledig til {until}",
        ("until", False): "Tilbuddet slutter {until}, før husstanden skal bruge bolig {day}",
        ("pets", True): "Husstanden har kæledyr, og værten accepterer kæledyr",
        ("pets", False): "Husstanden har kæledyr, men værten accepterer ikke kæledyr",
        ("smoking", True): "Husstanden ryger, og værten accepterer rygning",
        ("smoking", False): "Husstanden ryger, men værten accepterer ikke rygning",
        ("language", True): "Fælles sprog med værten: {languages}",
        ("no_language", False): "Intet fælles sprog med værten",
        ("wish", True): "Husstanden ønsker privat indkvartering",
        ("no_wish", False): "Husstanden har ikke ønsket privat indkvartering",
        ("area", True): "Værten bor i husstandens område for arbejde eller uddannelse",
        (
            "other_area",
            False,
        ): "Værten bor uden for husstandens område for arbejde eller uddannelse",
    },
    "en": {
        ("persons", True): "{persons} persons; the host has room for {max}",
        ("persons", False): "{persons} persons; the host only has room for {max}",
        ("type", True): "The host accepts a {type}",
        ("type", False): "The host does not accept a {type}",
        ("step_free", True): "The household needs step-free access, and the home has it",
        ("step_free", False): "The household needs step-free access, which the home lacks",
        ("rent", True): "Rent and utilities DKK {cost} are within the household's DKK {max}",
        ("rent", False): "Rent and utilities DKK {cost} exceed the household's DKK {max}",
        ("available", True): "Available from {from}; the household needs a home on {day}",
        ("available", False): "Only available from {from}; the household needs a home on {day}",
        ("until", True): "Available until {until}",
        ("until", False): "The offer ends {until}, before the household needs a home on {day}",
        ("pets", True): "The household has pets, and the host accepts pets",
        ("pets", False): "The household has pets, but the host does not accept pets",
        ("smoking", True): "The household smokes, and the host accepts smoking",
        ("smoking", False): "The household smokes, but the host does not accept smoking",
        ("language", True): "Language shared with the host: {languages}",
        ("no_language", False): "No language shared with the host",
        ("wish", True): "The household wishes private lodging",
        ("no_wish", False): "The household has not asked for private lodging",
        ("area", True): "The host lives in the area of the household's work or education",
        ("other_area", False): "The host lives outside the area of the household's work or study",
    },
}

MONTHS = {
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "en": "January February March April May June July August September October November December",
}


def _date(day: date, language: str) -> str:
    month = MONTHS[language].split()[day.month - 1]
    if language == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day}. {month} {day.year}"


def language_name(code: str, language: str = "da") -> str:
    """The language's name from the one code list (people/codes.py, plain Python)."""
    return codes.language_name(code, language)


def render(reason: Reason, language: str = "da") -> str:
    language = "en" if language.startswith("en") else "da"
    template = TEXTS[language].get((reason.code, reason.ok)) or TEXTS["da"].get(
        (reason.code, reason.ok), reason.code
    )
    values: dict[str, Any] = {}
    for key, value in reason.params.items():
        if isinstance(value, date):
            values[key] = _date(value, language)
        elif key == "type":
            values[key] = TYPE_NAMES[language].get(str(value), str(value))
        elif key == "languages":
            values[key] = ", ".join(language_name(code, language) for code in value)
        else:
            values[key] = value
    return template.format(**values)


def texts(reasons: Sequence[Reason], language: str = "da") -> list[str]:
    return [render(r, language) for r in reasons]
