"""The placement engine's input and output (HOU-3): plain dataclasses, no Django.

Amounts are whole kroner per month, travel times whole minutes, sizes m². Identifiers are the
caller's (database primary keys as strings, say); the engine only compares them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal

from velkomst.engines.highs import THREADS


class DwellingType(StrEnum):
    TEMPORARY = "temporary"
    PERMANENT = "permanent"
    PRIVATE_HOST = (
        "private_host"  # a room with a private host, sublet by the municipality (<= 2 years)
    )
    SHARED = "shared"
    YOUTH = "youth"  # youth or student housing
    CONVERTED = "converted"  # a converted institution (temporary housing)


# Dwellings a household is expected to move out of again ("fewest moves later").
TEMPORARY_TYPES = frozenset(
    {DwellingType.TEMPORARY, DwellingType.PRIVATE_HOST, DwellingType.CONVERTED}
)

# The travel-time keys a dwelling may carry (HOU-1).
TRAVEL_KEYS = ("school", "daycare", "transport", "shops")


@dataclass(frozen=True)
class Household:
    id: str
    size: int
    adults: int
    children: int
    rooms_needed: int
    max_rent: int | None  # rent plus utilities the household can carry; None: no limit
    needed_by: date  # the dwelling must be available on or before this day
    step_free: bool = False
    is_student: bool = False
    language: str = ""  # the language spoken at home (a code such as "ar", or a name)
    nationality: str = ""
    target_place: str | None = None  # a workplace or school: a key of Dwelling.travel_to
    wishes_area: str | None = None  # an Area.id the household has asked for
    # the day its current stay in temporary housing began (None: not in temporary housing)
    temporary_since: date | None = None

    @property
    def is_family(self) -> bool:
        """A family is a household with children."""
        return self.children > 0


@dataclass(frozen=True)
class Dwelling:
    id: str
    area_id: str
    type: DwellingType
    rooms: int
    size_m2: float
    rent: int
    utilities: int
    available_from: date
    step_free: bool = False
    travel_minutes: Mapping[str, int] = field(default_factory=dict)  # keys: TRAVEL_KEYS
    travel_to: Mapping[str, int] = field(default_factory=dict)  # named place -> minutes

    @property
    def monthly_cost(self) -> int:
        return self.rent + self.utilities


@dataclass(frozen=True)
class Area:
    """A district or town. The spread cap is ``max_refugee_households`` or ``max_share`` of
    ``households_total`` (the smaller when both are set); with neither, ``Options.default_cap``."""

    id: str
    name: str
    vulnerable: bool = False  # a designated vulnerable housing area: no placement
    youth_environment: bool = False
    existing_refugee_households: int = 0
    existing_by_language: Mapping[str, int] = field(default_factory=dict)
    existing_by_nationality: Mapping[str, int] = field(default_factory=dict)
    max_refugee_households: int | None = None
    max_share: float | None = None
    households_total: int | None = None

    def cap(self, default: int | None = None) -> int | None:
        caps = []
        if self.max_refugee_households is not None:
            caps.append(self.max_refugee_households)
        if self.max_share is not None and self.households_total is not None:
            caps.append(int(self.max_share * self.households_total))
        if caps:
            return min(caps)
        return default


@dataclass(frozen=True)
class Weights:
    """Points per soft goal, set by the municipality. A pair's points are earned by placing the
    household in the dwelling; the spread and not-alone penalties are per household."""

    family_permanent: float = 10.0  # a household with children in a permanent dwelling
    temporary: float = 4.0  # penalty: a temporary dwelling means another move later
    spread: float = 8.0  # penalty per refugee household over an area's cap
    not_alone: float = 3.0  # penalty per missing fellow household (language or nationality)
    school: float = 4.0  # families: full points at 0 minutes, none at travel_reference_minutes
    daycare: float = 3.0  # families
    transport: float = 3.0  # everybody
    shops: float = 1.0  # everybody
    target: float = 4.0  # travel to the household's workplace or school (target_place)
    youth: float = 5.0  # a student in youth housing or an area with a youth environment
    wish: float = 2.0  # the household's wished-for area
    # the household has waited (in temporary housing, or past its needed-by date): full points
    # at waited_reference_days or more, proportionally fewer before
    waited: float = 6.0
    travel_reference_minutes: float = 30.0
    waited_reference_days: float = 180.0


@dataclass(frozen=True)
class Options:
    time_limit: float = 30.0  # seconds for the MILP
    gap: float = 0.005  # relative optimality gap at which HiGHS stops
    # Pruning: the MILP starts from each household's top_k best dwellings by pair points, its
    # per_area best in every area and each dwelling's per_dwelling best households (top_k=None:
    # every feasible pair). Pricing then adds back every pair the LP says would improve it
    # (column generation); when it converges, the bound holds over all feasible pairs.
    top_k: int | None = 10
    per_area: int = 0
    per_dwelling: int = 5
    max_pairs: int | None = 60_000  # lower per_area, then top_k, until the start fits
    pricing: bool = True
    pricing_rounds: int = 30
    pricing_per_round: int = 5  # pairs added per household and round
    # each rule either a hard rule (never broken to place one more household) or a weighed goal
    spread_mode: Literal["soft", "hard"] = "soft"
    not_alone_mode: Literal["soft", "hard"] = "soft"
    default_cap: int | None = None  # the cap of an area without its own
    not_alone_k: int = 2  # at least k OTHER households of the same group in the area
    not_alone_by: Literal["language", "nationality"] = "language"
    max_persons_per_room: float = 2.0
    # the run's day: a needed-by date before it means "now" (availability is judged against the
    # later of the two), and waiting is counted up to it; None: needed-by dates as they stand
    today: date | None = None
    min_m2_per_person: float | None = None
    threads: int = THREADS  # the engines' one HiGHS thread pool (engines/highs.py)
    language: str = "da"  # the language of the reasons ("da" or "en")
    solver: Literal["milp", "greedy"] = "milp"
    log: bool = False  # HiGHS's log to stdout


@dataclass(frozen=True)
class Reason:
    """A reason as data: ``code`` names a text in ``explain.TEXTS``, ``params`` fills it."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    household_id: str
    dwelling_id: str
    area_id: str
    score: float  # the sum of the parts
    parts: dict[str, float]  # goal -> points (penalties negative)
    reasons: list[str]  # in Options.language
    explanations: tuple[Reason, ...] = ()  # the same reasons as data, for another language


@dataclass(frozen=True)
class Unplaced:
    household_id: str
    reasons: list[str]
    candidates: int  # dwellings passing every hard rule for the household
    explanations: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class GoalReport:
    """How far each goal is met by an assignment (for reports and the benchmark)."""

    placed: int
    households: int
    families: int
    families_permanent: int
    in_temporary: int
    areas_over_cap: int
    households_over_cap: int
    not_alone_checked: int  # placed households with a language/nationality to check
    alone: int  # of those, placed with fewer than k others of their group
    students: int
    students_youth: int
    mean_minutes: dict[str, float]  # travel key -> mean minutes over the households it concerns
    with_target: int
    mean_minutes_target: float | None
    objective: float
    pair_points: float  # the objective's pieces: pair points - spread and not-alone penalties
    spread_penalty: float
    not_alone_penalty: float


@dataclass(frozen=True)
class Result:
    assignments: list[Suggestion]
    unplaced: list[Unplaced]
    objective: float  # the soft-goal score of the assignment (sum of Suggestion.score)
    bound: float  # an upper bound on the score of any assignment placing as many (MILP pairs)
    gap: float  # (bound - objective) / max(1, |objective|)
    status: str  # "optimal", "gap_limit", "time_limit", "greedy" (no MILP run or no solution)
    solve_seconds: float  # everything: feasibility, matching, greedy, MILP, explanation
    greedy_objective: float
    greedy_placed: int
    milp_seconds: float = 0.0
    columns: int = 0  # the MILP's variables
    rows: int = 0
    pruned: bool = False  # some feasible pairs were left out of the MILP (top_k)
    # bound and gap are over the MILP's pairs (after pruning and pricing); these over every
    # feasible pair, known when pricing converged or nothing was pruned (else inf and nan)
    bound_all_pairs: float = math.inf
    gap_all_pairs: float = math.nan
    priced_pairs: int = 0  # pairs pricing added back
    pruning: tuple[int | None, int] = (None, 0)  # the (top_k, per_area) used
    stages: str = ""  # the HiGHS runs made, e.g. "flow+lp+dive" (see solver)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    goals: GoalReport | None = None
    greedy_goals: GoalReport | None = None
    # the most households any assignment under the same hard rules places (``max_placed``) and,
    # when that was found by a MILP stopped early, an upper bound on it
    max_placed: int = 0
    max_placed_bound: float = math.nan

    @property
    def placed(self) -> int:
        return len(self.assignments)
