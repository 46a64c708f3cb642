"""The independent rule check of an assignment (HOU-3): plain counting, no solver.

A run's suggestions pass through ``check_assignment`` after the engine and before anyone sees
them, and a housing officer's changed dwelling through ``Tally.breaks``. It does not trust the
solver's matrices: each pair is checked with ``rules.check_pair`` (the rules decisions use), and
the rules about the whole assignment are counted again here, area by area:

- each dwelling is given once;
- spread: an area may take ``max(0, cap - existing)`` more refugee households (``Area.cap``,
  the municipality's ``default_cap`` for an area without its own); those placed beyond are over
  the cap;
- not alone: a placed household should have at least ``k`` other households of its group
  (language or nationality, ``Options.not_alone_by``) in the area, those living there and
  those placed in the same assignment counted.

Whether the spread cap and "not alone" are hard rules or weighed goals is the municipality's
choice (``Options.spread_mode``, ``not_alone_mode``): a hard rule over or alone is a broken rule
(``Check.broken``); a goal is reported area by area (``Check.areas``) either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .model import Area, Dwelling, Household, Options
from .rules import check_pair

SPREAD = "spread"
NOT_ALONE = "not_alone"
DWELLING_TWICE = "dwelling_twice"


@dataclass(frozen=True)
class Broken:
    """A hard rule broken: ``rule`` is a ``rules.Rule`` value (a pair rule), ``SPREAD``,
    ``NOT_ALONE`` or ``DWELLING_TWICE``; the area and the households concerned."""

    rule: str
    area_id: str
    household_ids: tuple[str, ...]
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class AreaTally:
    area_id: str
    placed: int  # households of the assignment placed in the area
    count: int  # refugee households there with the assignment (those living there counted)
    cap: int | None
    over: int  # households of the assignment placed over the cap
    alone: int  # households of the assignment with fewer than k fellow households there


@dataclass(frozen=True)
class Check:
    broken: list[Broken]
    areas: list[AreaTally]  # areas where the assignment places someone

    @property
    def over(self) -> int:
        return sum(a.over for a in self.areas)

    @property
    def alone(self) -> int:
        return sum(a.alone for a in self.areas)


def group_of(household: Household, options: Options) -> str:
    return household.nationality if options.not_alone_by == "nationality" else household.language


class Tally:
    """Refugee households per area, and per area and group, starting from those living there."""

    def __init__(self, areas: Sequence[Area], options: Options) -> None:
        self.options = options
        self.areas = {a.id: a for a in areas}
        self.placed: Counter[str] = Counter()
        self.fellows: Counter[tuple[str, str]] = Counter()  # placed, by (area, group)

    def add(self, area_id: str, group: str) -> None:
        """One more household placed in the area (``group``: its language or nationality, ""
        for none)."""
        self.placed[area_id] += 1
        if group:
            self.fellows[(area_id, group)] += 1

    def headroom(self, area_id: str) -> int | None:
        area = self.areas[area_id]
        cap = area.cap(self.options.default_cap)
        return None if cap is None else max(0, cap - area.existing_refugee_households)

    def existing_fellows(self, area_id: str, group: str) -> int:
        area = self.areas[area_id]
        by = (
            area.existing_by_nationality
            if self.options.not_alone_by == "nationality"
            else area.existing_by_language
        )
        return int(by.get(group, 0))

    def others(self, household: Household, area_id: str, counted: bool) -> int | None:
        """Fellow households the household has in the area (None: it has no group);
        ``counted``: whether the household itself is among the placed."""
        group = group_of(household, self.options)
        if not group:
            return None
        placed = self.fellows[(area_id, group)] - (1 if counted else 0)
        return self.existing_fellows(area_id, group) + placed

    def breaks(self, household: Household, area_id: str) -> list[str]:
        """The hard whole-assignment rules that adding ``household`` to the area would break
        (the household not yet counted)."""
        broken = []
        room = self.headroom(area_id)
        if self.options.spread_mode == "hard" and room is not None and self.placed[area_id] >= room:
            broken.append(SPREAD)
        others = self.others(household, area_id, counted=False)
        if (
            self.options.not_alone_mode == "hard"
            and others is not None
            and others < self.options.not_alone_k
        ):
            broken.append(NOT_ALONE)
        return broken


def check_assignment(
    households: Sequence[Household],
    dwellings: Sequence[Dwelling],
    areas: Sequence[Area],
    assignment: Mapping[str, str],
    options: Options,
) -> Check:
    """Every hard rule ``assignment`` (household id -> dwelling id) breaks, and per area how many
    it places, over the cap and alone."""
    by_household = {h.id: h for h in households}
    by_dwelling = {d.id: d for d in dwellings}
    tally = Tally(areas, options)
    broken: list[Broken] = []
    uses: dict[str, list[str]] = {}
    in_area: dict[str, list[Household]] = {}
    for household_id, dwelling_id in assignment.items():
        household, dwelling = by_household[household_id], by_dwelling[dwelling_id]
        area = tally.areas[dwelling.area_id]
        for rule in check_pair(household, dwelling, area, options):
            broken.append(Broken(str(rule), area.id, (household_id,), {"dwelling": dwelling_id}))
        uses.setdefault(dwelling_id, []).append(household_id)
        in_area.setdefault(area.id, []).append(household)
        tally.add(area.id, group_of(household, options))
    for dwelling_id, users in uses.items():
        if len(users) > 1:
            area_id = by_dwelling[dwelling_id].area_id
            broken.append(
                Broken(DWELLING_TWICE, area_id, tuple(sorted(users)), {"dwelling": dwelling_id})
            )
    report = []
    k = options.not_alone_k
    for area_id in sorted(in_area):
        placed = in_area[area_id]
        area = tally.areas[area_id]
        room = tally.headroom(area_id)
        over = 0 if room is None else max(0, len(placed) - room)
        alone = []
        for household in placed:
            others = tally.others(household, area_id, counted=True)
            if others is not None and others < k:
                alone.append(household)
                if options.not_alone_mode == "hard":
                    group = group_of(household, options)
                    params = {"k": k, "others": others, "group": group}
                    broken.append(Broken(NOT_ALONE, area_id, (household.id,), params))
        if over and options.spread_mode == "hard":
            cap = area.cap(options.default_cap)
            params = {"cap": cap, "count": area.existing_refugee_households + len(placed)}
            ids = tuple(sorted(h.id for h in placed))
            broken.append(Broken(SPREAD, area_id, ids, {**params, "over": over}))
        report.append(
            AreaTally(
                area_id=area_id,
                placed=len(placed),
                count=area.existing_refugee_households + len(placed),
                cap=area.cap(options.default_cap),
                over=over,
                alone=len(alone),
            )
        )
    return Check(broken=broken, areas=report)
