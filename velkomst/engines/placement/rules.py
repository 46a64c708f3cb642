"""Hard rules (HOU-3): which household may get which dwelling, and what blocks a pair.

A pair is feasible when the dwelling fits the household (rooms needed, persons per room, and
optionally m² per person), the monthly rent plus utilities is within the household's limit, the
dwelling is available on or before the day the household needs it (a needed-by date that has
passed means the run's day, ``Options.today``: a family waiting since the summer can have a
dwelling that is free now), it is step-free when the
household needs that, it does not lie in a designated vulnerable housing area, and a household
already in temporary housing is not moved to another temporary dwelling (one move out of
temporary housing, not a second temporary stay; the officer may override with a reason). "Each dwelling
used once" and, as the municipality chooses, the area caps and "not alone" are rules about the
whole assignment (solver; ``check.check_assignment`` checks them independently).

``check_pair`` answers for one pair, with every rule that blocks it; ``Instance`` holds the
whole batch as numpy arrays and the feasibility matrix (the same rules, vectorised; a test
checks they agree).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from .model import TEMPORARY_TYPES, Area, Dwelling, Household, Options

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


class Rule(StrEnum):
    ROOMS = "rooms"
    CROWDING = "crowding"
    SIZE = "size_m2"
    RENT = "rent"
    AVAILABLE = "available"
    STEP_FREE = "step_free"
    VULNERABLE = "vulnerable_area"
    TEMPORARY_AGAIN = "temporary_again"  # already in temporary housing: not another temporary


RULES = tuple(Rule)


def need_day(household: Household, options: Options) -> date:
    """The day the household needs a dwelling: its needed-by date, or the run's day once that
    has passed."""
    if options.today is not None and household.needed_by < options.today:
        return options.today
    return household.needed_by


def waited_days(household: Household, today: date | None) -> tuple[int, str]:
    """How long the household has waited on ``today``, and how: ("temporary", days since its
    current stay in temporary housing began) or ("needed_by", days past its needed-by date),
    whichever is longer; (0, "") when it has not waited or the day is not known."""
    if today is None:
        return 0, ""
    temporary = (today - household.temporary_since).days if household.temporary_since else 0
    overdue = (today - household.needed_by).days
    if temporary <= 0 and overdue <= 0:
        return 0, ""
    return (temporary, "temporary") if temporary >= overdue else (overdue, "needed_by")


def check_pair(
    household: Household, dwelling: Dwelling, area: Area, options: Options
) -> list[Rule]:
    """Every hard rule the pair breaks, in ``RULES`` order; an empty list when it is feasible."""
    blocked = []
    if household.rooms_needed > dwelling.rooms:
        blocked.append(Rule.ROOMS)
    if household.size > options.max_persons_per_room * dwelling.rooms:
        blocked.append(Rule.CROWDING)
    if (
        options.min_m2_per_person is not None
        and dwelling.size_m2 < options.min_m2_per_person * household.size
    ):
        blocked.append(Rule.SIZE)
    if household.max_rent is not None and dwelling.monthly_cost > household.max_rent:
        blocked.append(Rule.RENT)
    if dwelling.available_from > need_day(household, options):
        blocked.append(Rule.AVAILABLE)
    if household.step_free and not dwelling.step_free:
        blocked.append(Rule.STEP_FREE)
    if area.vulnerable:
        blocked.append(Rule.VULNERABLE)
    if household.temporary_since is not None and dwelling.type in TEMPORARY_TYPES:
        blocked.append(Rule.TEMPORARY_AGAIN)
    return blocked


def _unique(ids: Sequence[str], what: str) -> dict[str, int]:
    index = {v: i for i, v in enumerate(ids)}
    if len(index) != len(ids):
        raise ValueError(f"duplicate {what} ids")
    return index


@dataclass
class Instance:
    """One batch: households (rows) by dwellings (columns), areas, and the per-area, per-group
    figures the soft goals need. Built once by ``Instance.build``."""

    households: Sequence[Household]
    dwellings: Sequence[Dwelling]
    areas: Sequence[Area]
    options: Options
    dwelling_area: Ints  # D: area index
    feasible: Bools  # H x D
    group: Ints  # H: group index (language or nationality), -1 for none
    groups: list[str]
    existing_group: Ints  # A x G: households of the group already living in the area
    existing: Ints  # A: refugee households already living in the area
    cap: Floats  # A: the area's cap (inf: none)
    headroom: Floats  # A: refugee households the batch may add before the cap (inf: no cap)

    @property
    def n_households(self) -> int:
        return len(self.households)

    @property
    def n_dwellings(self) -> int:
        return len(self.dwellings)

    @property
    def n_areas(self) -> int:
        return len(self.areas)

    def group_key(self, household: Household) -> str:
        if self.options.not_alone_by == "nationality":
            return household.nationality
        return household.language

    def area_of(self, d: int) -> Area:
        return self.areas[int(self.dwelling_area[d])]

    def blocking(self, h: int, d: int) -> list[Rule]:
        return check_pair(self.households[h], self.dwellings[d], self.area_of(d), self.options)

    @classmethod
    def build(
        cls,
        households: Sequence[Household],
        dwellings: Sequence[Dwelling],
        areas: Sequence[Area],
        options: Options,
    ) -> Instance:
        _unique([h.id for h in households], "household")
        _unique([d.id for d in dwellings], "dwelling")
        area_index = _unique([a.id for a in areas], "area")
        missing = {d.area_id for d in dwellings} - area_index.keys()
        if missing:
            raise ValueError(f"dwellings in unknown areas: {sorted(missing)}")
        dwelling_area = np.array([area_index[d.area_id] for d in dwellings], dtype=np.int64)

        feasible = feasibility_matrix(households, dwellings, areas, dwelling_area, options)

        by = "nationality" if options.not_alone_by == "nationality" else "language"
        keys = [h.nationality if by == "nationality" else h.language for h in households]
        groups = sorted({k for k in keys if k})
        group_index = {g: i for i, g in enumerate(groups)}
        group = np.array([group_index.get(k, -1) for k in keys], dtype=np.int64)
        existing_group = np.zeros((len(areas), len(groups)), dtype=np.int64)
        for a, area in enumerate(areas):
            counts = (
                area.existing_by_nationality if by == "nationality" else area.existing_by_language
            )
            for g, name in enumerate(groups):
                existing_group[a, g] = int(counts.get(name, 0))

        existing = np.array([a.existing_refugee_households for a in areas], dtype=np.int64)
        cap = np.array(
            [np.inf if (c := a.cap(options.default_cap)) is None else float(c) for a in areas],
            dtype=np.float64,
        )
        headroom = np.maximum(cap - existing, 0.0)
        return cls(
            households=households,
            dwellings=dwellings,
            areas=areas,
            options=options,
            dwelling_area=dwelling_area,
            feasible=feasible,
            group=group,
            groups=groups,
            existing_group=existing_group,
            existing=existing,
            cap=cap,
            headroom=headroom,
        )


def rule_matrices(
    households: Sequence[Household],
    dwellings: Sequence[Dwelling],
    areas: Sequence[Area],
    dwelling_area: Ints,
    options: Options,
) -> dict[Rule, Bools]:
    """For each rule, the H x D matrix of pairs it blocks (the vectorised ``check_pair``)."""
    rooms_needed = np.array([h.rooms_needed for h in households], dtype=np.int64)[:, None]
    size = np.array([h.size for h in households], dtype=np.float64)[:, None]
    max_rent = np.array(
        [np.inf if h.max_rent is None else h.max_rent for h in households], dtype=np.float64
    )[:, None]
    needed_by = np.array([need_day(h, options).toordinal() for h in households], dtype=np.int64)[
        :, None
    ]
    needs_step_free = np.array([h.step_free for h in households], dtype=np.bool_)[:, None]

    rooms = np.array([d.rooms for d in dwellings], dtype=np.int64)[None, :]
    m2 = np.array([d.size_m2 for d in dwellings], dtype=np.float64)[None, :]
    cost = np.array([d.monthly_cost for d in dwellings], dtype=np.float64)[None, :]
    available = np.array([d.available_from.toordinal() for d in dwellings], dtype=np.int64)[None, :]
    step_free = np.array([d.step_free for d in dwellings], dtype=np.bool_)[None, :]
    vulnerable_area = np.array([a.vulnerable for a in areas], dtype=np.bool_)
    vulnerable = vulnerable_area[dwelling_area][None, :] if len(dwellings) else step_free
    in_temporary = np.array([h.temporary_since is not None for h in households], dtype=np.bool_)[
        :, None
    ]
    temporary = np.array([d.type in TEMPORARY_TYPES for d in dwellings], dtype=np.bool_)[None, :]

    shape = (len(households), len(dwellings))
    out: dict[Rule, Bools] = {
        Rule.ROOMS: rooms_needed > rooms,
        Rule.CROWDING: size > options.max_persons_per_room * rooms,
        Rule.RENT: cost > max_rent,
        Rule.AVAILABLE: available > needed_by,
        Rule.STEP_FREE: needs_step_free & ~step_free,
        Rule.VULNERABLE: np.broadcast_to(vulnerable, shape),
        Rule.TEMPORARY_AGAIN: in_temporary & temporary,
    }
    if options.min_m2_per_person is not None:
        out[Rule.SIZE] = m2 < options.min_m2_per_person * size
    return {rule: np.broadcast_to(m, shape) for rule, m in out.items()}


def feasibility_matrix(
    households: Sequence[Household],
    dwellings: Sequence[Dwelling],
    areas: Sequence[Area],
    dwelling_area: Ints,
    options: Options,
) -> Bools:
    feasible = np.ones((len(households), len(dwellings)), dtype=np.bool_)
    for blocked in rule_matrices(households, dwellings, areas, dwelling_area, options).values():
        feasible &= ~blocked
    return feasible
