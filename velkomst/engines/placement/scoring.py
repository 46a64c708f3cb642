"""Soft goals (HOU-3): a pair's points, the area penalties, and the objective of an assignment.

The objective of an assignment (to maximise) is

    sum over placed pairs of the pair's points
    - weights.spread    * (refugee households placed over each area's cap)
    - weights.not_alone * (missing fellow households, per area and language group)

A pair's points: ``family_permanent`` for a household with children in a permanent dwelling;
``-temporary`` for a temporary dwelling (temporary, private host, converted institution: the
household moves again); travel points for school and daycare (families), transport and shops
(everybody) and the household's target place (workplace or education), each
``weight * max(0, 1 - minutes / travel_reference_minutes)`` and 0 when the time is unknown;
``youth`` for a student in youth housing or in an area with a youth environment; ``wish`` when the
household asked for the area; ``waited`` for a household that has waited (in temporary
housing, or past its needed-by date; ``rules.waited_days``): ``weight * min(1, days /
waited_reference_days)``, the same for every dwelling, so it decides who is placed when not all
can be.

Spread: an area may take ``headroom = max(0, cap - existing)`` more refugee households; each
one placed beyond that costs ``weights.spread`` (households already living there over the cap
are not counted: the batch cannot change them).

Not alone: a household should have at least ``k = options.not_alone_k`` other households of its
group (language or nationality) in the area, counting those already living there. The household
itself counts, so an area and group needs ``k + 1``. For each area and group with ``n > 0`` of
the batch placed and ``e`` already living there, the shortfall is ``max(0, k + 1 - e - n)``
households, each costing ``weights.not_alone``; a group placed nowhere in an area costs nothing.

``pair_parts`` is the one-pair version (for the reasons), ``score_matrix`` the vectorised one
(for the solver); a test checks they agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from .model import (
    TEMPORARY_TYPES,
    Area,
    Dwelling,
    DwellingType,
    GoalReport,
    Household,
    Weights,
)
from .rules import Floats, Instance, Ints, waited_days

# Goal keys of Suggestion.parts, in the order the reasons are given.
PAIR_GOALS = (
    "family_permanent",
    "temporary",
    "school",
    "daycare",
    "transport",
    "shops",
    "target",
    "youth",
    "wish",
    "waited",
)
AREA_GOALS = ("spread", "not_alone")
GOALS = PAIR_GOALS + AREA_GOALS


def travel_points(minutes: float | None, weight: float, reference: float) -> float:
    if minutes is None or weight == 0:
        return 0.0
    return weight * max(0.0, 1.0 - minutes / reference)


def is_permanent(dwelling: Dwelling) -> bool:
    return dwelling.type == DwellingType.PERMANENT


def is_temporary(dwelling: Dwelling) -> bool:
    return dwelling.type in TEMPORARY_TYPES


def youth_match(household: Household, dwelling: Dwelling, area: Area) -> bool:
    return household.is_student and (dwelling.type == DwellingType.YOUTH or area.youth_environment)


def waited_points(household: Household, weights: Weights, today: date | None) -> float:
    days, _how = waited_days(household, today)
    if days <= 0 or weights.waited == 0:
        return 0.0
    return weights.waited * min(1.0, days / weights.waited_reference_days)


def pair_parts(
    household: Household,
    dwelling: Dwelling,
    area: Area,
    weights: Weights,
    today: date | None = None,
) -> dict[str, float]:
    """The points the pair earns per goal, for the goals that concern the household."""
    ref = weights.travel_reference_minutes
    tm = dwelling.travel_minutes
    parts: dict[str, float] = {}
    if household.is_family:
        parts["family_permanent"] = weights.family_permanent if is_permanent(dwelling) else 0.0
    parts["temporary"] = -weights.temporary if is_temporary(dwelling) else 0.0
    if household.is_family:
        parts["school"] = travel_points(tm.get("school"), weights.school, ref)
        parts["daycare"] = travel_points(tm.get("daycare"), weights.daycare, ref)
    parts["transport"] = travel_points(tm.get("transport"), weights.transport, ref)
    parts["shops"] = travel_points(tm.get("shops"), weights.shops, ref)
    if household.target_place:
        minutes = dwelling.travel_to.get(household.target_place)
        parts["target"] = travel_points(minutes, weights.target, ref)
    if household.is_student:
        parts["youth"] = weights.youth if youth_match(household, dwelling, area) else 0.0
    if household.wishes_area:
        parts["wish"] = weights.wish if household.wishes_area == area.id else 0.0
    if waited_days(household, today)[0] > 0:
        parts["waited"] = waited_points(household, weights, today)
    return parts


def _travel_vector(values: list[int | None], weight: float, reference: float) -> Floats:
    minutes = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    points = weight * np.maximum(0.0, 1.0 - minutes / reference)
    return np.where(np.isnan(points), 0.0, points)


def score_matrix(inst: Instance, weights: Weights) -> Floats:
    """The H x D matrix of pair points (the sum of ``pair_parts``)."""
    hs, ds = inst.households, inst.dwellings
    ref = weights.travel_reference_minutes
    area_ids = [a.id for a in inst.areas]

    def travel(key: str, weight: float) -> Floats:
        return _travel_vector([d.travel_minutes.get(key) for d in ds], weight, ref)

    family = np.array([h.is_family for h in hs], dtype=np.float64)[:, None]
    student = np.array([h.is_student for h in hs], dtype=np.float64)[:, None]
    permanent = np.array([is_permanent(d) for d in ds], dtype=np.float64)[None, :]
    temporary = np.array([is_temporary(d) for d in ds], dtype=np.float64)[None, :]
    youth_env = np.array([a.youth_environment for a in inst.areas], dtype=np.bool_)
    youth = np.array([d.type == DwellingType.YOUTH for d in ds], dtype=np.bool_)
    if len(ds):
        youth = youth | youth_env[inst.dwelling_area]

    score = np.zeros((len(hs), len(ds)), dtype=np.float64)
    score += family * (weights.family_permanent * permanent)
    score -= weights.temporary * temporary
    score += family * (travel("school", weights.school) + travel("daycare", weights.daycare))[None]
    score += (travel("transport", weights.transport) + travel("shops", weights.shops))[None, :]
    score += student * (weights.youth * youth.astype(np.float64))[None, :]

    targets: dict[str, Floats] = {}
    today = inst.options.today
    for i, h in enumerate(hs):
        score[i] += waited_points(h, weights, today)
        if h.target_place:
            if h.target_place not in targets:
                values = [d.travel_to.get(h.target_place) for d in ds]
                targets[h.target_place] = _travel_vector(values, weights.target, ref)
            score[i] += targets[h.target_place]
        if h.wishes_area and h.wishes_area in area_ids:
            wished = inst.dwelling_area == area_ids.index(h.wishes_area)
            score[i] += weights.wish * wished
    return score


@dataclass(frozen=True)
class Evaluation:
    """An assignment's objective and its pieces."""

    score: float
    pair_points: float
    spread_penalty: float
    not_alone_penalty: float
    placed_by_area: Ints  # A
    over_by_area: Floats  # A: households placed over the headroom
    placed_by_group: Ints  # A x G
    shortfall: Ints  # A x G

    @property
    def penalty(self) -> float:
        return self.spread_penalty + self.not_alone_penalty


def area_counts(inst: Instance, assignment: Mapping[int, int]) -> tuple[Ints, Ints]:
    """Households placed per area, and per area and group."""
    by_area = np.zeros(inst.n_areas, dtype=np.int64)
    by_group = np.zeros((inst.n_areas, len(inst.groups)), dtype=np.int64)
    for h, d in assignment.items():
        a = int(inst.dwelling_area[d])
        by_area[a] += 1
        g = int(inst.group[h])
        if g >= 0:
            by_group[a, g] += 1
    return by_area, by_group


def shortfall_of(k: int, existing: Ints, placed: Ints) -> Ints:
    short = np.maximum(0, k + 1 - existing - placed)
    return np.where(placed > 0, short, 0)


def evaluate(
    inst: Instance, weights: Weights, assignment: Mapping[int, int], scores: Floats | None = None
) -> Evaluation:
    """The objective of ``assignment`` (household index -> dwelling index)."""
    if scores is None:
        pair_points = sum(
            sum(
                pair_parts(
                    inst.households[h],
                    inst.dwellings[d],
                    inst.area_of(d),
                    weights,
                    inst.options.today,
                ).values()
            )
            for h, d in assignment.items()
        )
    else:
        pair_points = float(sum(scores[h, d] for h, d in assignment.items()))
    by_area, by_group = area_counts(inst, assignment)
    over = np.maximum(0.0, by_area - inst.headroom)
    short = shortfall_of(inst.options.not_alone_k, inst.existing_group, by_group)
    spread_penalty = weights.spread * float(over.sum())
    not_alone_penalty = weights.not_alone * float(short.sum())
    return Evaluation(
        score=float(pair_points) - spread_penalty - not_alone_penalty,
        pair_points=float(pair_points),
        spread_penalty=spread_penalty,
        not_alone_penalty=not_alone_penalty,
        placed_by_area=by_area,
        over_by_area=over,
        placed_by_group=by_group,
        shortfall=short,
    )


def goal_report(inst: Instance, weights: Weights, assignment: Mapping[int, int]) -> GoalReport:
    """How far each goal is met (counts and mean minutes), for reports and the benchmark."""
    k = inst.options.not_alone_k
    ev = evaluate(inst, weights, assignment)
    by_group = ev.placed_by_group
    over = ev.over_by_area
    families = families_permanent = in_temporary = 0
    students = students_youth = checked = alone = with_target = 0
    minutes: dict[str, list[int]] = {key: [] for key in ("school", "daycare", "transport", "shops")}
    target_minutes: list[int] = []
    for h, d in assignment.items():
        hh, dw, area = inst.households[h], inst.dwellings[d], inst.area_of(d)
        a = int(inst.dwelling_area[d])
        if hh.is_family:
            families += 1
            families_permanent += is_permanent(dw)
        in_temporary += is_temporary(dw)
        if hh.is_student:
            students += 1
            students_youth += youth_match(hh, dw, area)
        g = int(inst.group[h])
        if g >= 0:
            checked += 1
            alone += int(inst.existing_group[a, g] + by_group[a, g] - 1 < k)
        keys = (
            ("school", "daycare", "transport", "shops") if hh.is_family else ("transport", "shops")
        )
        for key in keys:
            if key in dw.travel_minutes:
                minutes[key].append(dw.travel_minutes[key])
        if hh.target_place:
            with_target += 1
            if hh.target_place in dw.travel_to:
                target_minutes.append(dw.travel_to[hh.target_place])
    return GoalReport(
        placed=len(assignment),
        households=inst.n_households,
        families=families,
        families_permanent=families_permanent,
        in_temporary=in_temporary,
        areas_over_cap=int((over > 0).sum()),
        households_over_cap=int(over.sum()),
        not_alone_checked=checked,
        alone=alone,
        students=students,
        students_youth=students_youth,
        mean_minutes={k_: float(np.mean(v)) for k_, v in minutes.items() if v},
        with_target=with_target,
        mean_minutes_target=float(np.mean(target_minutes)) if target_minutes else None,
        objective=ev.score,
        pair_points=ev.pair_points,
        spread_penalty=ev.spread_penalty,
        not_alone_penalty=ev.not_alone_penalty,
    )
