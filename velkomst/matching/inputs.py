"""The matching engine's input from the models (PRG-4): persons as ``Seeker``, openings as
``Opening``, the travel grid, the weights. Plain reads in bulk, a fixed number of queries
whatever the number of persons; callers scope the ids (``selectors``).

- Trades of interest, work experience and skills: ``competences`` (TradeInterest by priority,
  WorkExperience years summed by occupation code, Skill tags); a trade recorded in words without
  a code enters as its words. Only coded trades and work enter
  the engine: one recorded only in words (occupation "") has no code to compare with an
  opening's trade, so it is left out rather than matched as "".
- Danish: the higher of what Danish education documents (``danish.selectors.danish_levels``:
  passed exams and module tests) and a Danish language level recorded among the competences.
- Area: the area of the dwelling of the household's current housing placement (none: unknown).
- Hours: a person who is the household's only adult and has a child under school age (under 6)
  without a daycare place that has started can work ``matching_childcare_hours`` a week (the
  municipality's setting); otherwise no limit is known.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from velkomst.companies.models import Opening
from velkomst.competences.models import LanguageSkill, Skill, TradeInterest, WorkExperience
from velkomst.core.config import config_in_force
from velkomst.core.models import Municipality
from velkomst.danish.selectors import danish_levels
from velkomst.engines import matching as engine
from velkomst.families.models import ChildPlacement, PlacementKind
from velkomst.housing.models import AreaTravel, Placement
from velkomst.people.levels import cefr_rank
from velkomst.people.models import Person

POINT_NAMES = ("interest", "experience", "danish", "skills", "travel")
SCHOOL_AGE = 6
ADULT_AGE = 18
DANISH_CODES = ("da", "dan")


def parameters(municipality_id: int, on: date | None = None) -> dict[str, Any]:
    """The weights and limits a ranked list or a run uses: the engine's defaults overlaid by the
    municipality's configuration (``matching_*`` keys)."""
    config = config_in_force(Municipality.objects.get(pk=municipality_id), on)
    defaults = engine.Weights()
    weights = {name: float(getattr(defaults, name)) for name in POINT_NAMES}
    weights.update(
        {k: float(v) for k, v in (config["matching_weights"] or {}).items() if k in weights}
    )
    return {
        "weights": weights,
        "max_travel_minutes": int(config["matching_max_travel_minutes"]),
        "danish_tolerance": int(config["matching_danish_tolerance"]),
        "childcare_hours": float(config["matching_childcare_hours"]),
        "time_limit": float(config["matching_time_limit_seconds"]),
    }


def weights_of(params: dict[str, Any]) -> engine.Weights:
    known = {f.name for f in fields(engine.Weights)}
    values = {k: v for k, v in params["weights"].items() if k in known}
    return engine.Weights(
        **values,
        max_travel_minutes=int(params["max_travel_minutes"]),
        danish_tolerance=int(params["danish_tolerance"]),
    )


def travel(municipality_id: int) -> dict[tuple[int, int], int]:
    """The municipality's travel grid both ways (``housing.AreaTravel``)."""
    grid: dict[tuple[int, int], int] = {}
    for a, b, minutes in AreaTravel.objects.filter(municipality_id=municipality_id).values_list(
        "from_area_id", "to_area_id", "minutes"
    ):
        grid[(a, b)] = minutes
        grid.setdefault((b, a), minutes)
    return grid


def engine_opening(opening: Opening) -> engine.Opening:
    return engine.Opening(
        id=opening.pk,
        trade=opening.trade or "",
        danish_required=cefr_rank(opening.danish_required),
        skills=frozenset(str(s).strip().lower() for s in (opening.skills or []) if str(s).strip()),
        hours_per_week=float(opening.hours_per_week),
        area_id=opening.area_id,
        places=int(opening.places),
        title=opening.title or "",
    )


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _areas(household_ids: Iterable[int]) -> dict[int, int]:
    """Each household's area: the dwelling's of its current placement (the latest started)."""
    out: dict[int, int] = {}
    rows = (
        Placement.objects.filter(household_id__in=list(household_ids), end_date__isnull=True)
        .order_by("household_id", "start_date", "pk")
        .values_list("household_id", "dwelling__area_id")
    )
    for household_id, area_id in rows:
        out[household_id] = area_id
    return out


def _hours_limited(household_ids: Iterable[int], today: date) -> set[int]:
    """The persons who are their household's only adult and have a child under school age
    without a daycare place that has started."""
    members = list(
        Person.objects.filter(household_id__in=list(household_ids)).values_list(
            "pk", "household_id", "birth_date"
        )
    )
    small = [pk for pk, _h, birth in members if _age(birth, today) < SCHOOL_AGE]
    in_daycare = set(
        ChildPlacement.objects.filter(
            person_id__in=small,
            kind=PlacementKind.DAYCARE,
            actual_start_date__isnull=False,
            actual_start_date__lte=today,
        ).values_list("person_id", flat=True)
    )
    adults: dict[int, list[int]] = defaultdict(list)
    uncared: set[int] = set()
    for pk, household_id, birth in members:
        age = _age(birth, today)
        if age >= ADULT_AGE:
            adults[household_id].append(pk)
        elif age < SCHOOL_AGE and pk not in in_daycare:
            uncared.add(household_id)
    return {adults[h][0] for h in uncared if len(adults[h]) == 1}


def seekers(
    municipality_id: int,
    persons: Sequence[Person],
    params: dict[str, Any],
    today: date,
) -> list[engine.Seeker]:
    """The persons as the engine's seekers (eight queries, whatever their number)."""
    ids = [p.pk for p in persons]
    if not ids:
        return []
    trades: dict[int, list[str]] = defaultdict(list)
    # a trade is its occupation code, or its words where it has no code (the engine compares
    # words with the opening's title)
    for person_id, code, words in (
        TradeInterest.objects.filter(municipality_id=municipality_id, person_id__in=ids)
        .order_by("person_id", "priority", "pk")
        .values_list("person_id", "occupation", "title")
    ):
        trade = code or words.strip()
        if trade and trade not in trades[person_id]:
            trades[person_id].append(trade)
    experience: dict[int, dict[str, float]] = defaultdict(dict)
    for person_id, code, words, years in WorkExperience.objects.filter(
        municipality_id=municipality_id, person_id__in=ids
    ).values_list("person_id", "occupation", "title", "years"):
        trade = code or words.strip()
        if trade:
            experience[person_id][trade] = experience[person_id].get(trade, 0.0) + float(years or 0)
    skills: dict[int, set[str]] = defaultdict(set)
    for person_id, tag in Skill.objects.filter(
        municipality_id=municipality_id, person_id__in=ids
    ).values_list("person_id", "tag"):
        skills[person_id].add(tag.strip().lower())
    danish = {
        pk: cefr_rank(level)
        for pk, level in danish_levels(municipality_id=municipality_id, person_ids=ids).items()
    }
    for person_id, level in LanguageSkill.objects.filter(
        municipality_id=municipality_id, person_id__in=ids, language__in=DANISH_CODES
    ).values_list("person_id", "level"):
        danish[person_id] = max(danish.get(person_id, 0), cefr_rank(level))
    household_ids = {p.household_id for p in persons}
    areas = _areas(household_ids)
    limited = _hours_limited(household_ids, today)
    hours = float(params["childcare_hours"])
    return [
        engine.Seeker(
            id=p.pk,
            trades=tuple(trades.get(p.pk, ())),
            experience=dict(experience.get(p.pk, {})),
            danish=danish.get(p.pk, 0),
            skills=frozenset(skills.get(p.pk, set())),
            area_id=areas.get(p.household_id),
            max_hours=hours if p.pk in limited else None,
            hours_reason="childcare" if p.pk in limited else "",
        )
        for p in persons
    ]
