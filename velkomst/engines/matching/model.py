"""The matching engine's input and output (PRG-4): plain dataclasses, no Django.

Identifiers are the caller's (database primary keys); the engine only compares them. Trades are
occupation codes (DISCO-08, the Danish version of ISCO-08: the first digit is the major group,
two digits the sub-major, three the minor and four the unit group; Danish codes may be longer),
or, where a trade was recorded in words without a code, the words themselves (anything that is
not all digits): those are compared with the opening's title (``scoring.words_similarity``).
Danish levels are ``people.levels.cefr_rank`` values (0 none, 1 A1 … 6 C2). Travel times are
whole minutes by public transport between the municipality's areas (``housing.AreaTravel``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# (from area, to area) -> minutes; (a, a) is the time within an area
Travel = Mapping[tuple[int, int], int]


@dataclass(frozen=True)
class Seeker:
    """A person who could take an opening."""

    id: int
    # trades of interest in the person's priority order: occupation codes, or words
    trades: tuple[str, ...] = ()
    experience: Mapping[str, float] = field(default_factory=dict)  # years by code (or words)
    danish: int = 0  # cefr_rank of the person's Danish
    skills: frozenset[str] = frozenset()
    area_id: int | None = None  # where the person lives
    # hours a week the person can work (childcare, health); None: no limit known
    max_hours: float | None = None
    # why the hours are limited ("childcare": a young child without a daycare place), for the reason
    hours_reason: str = ""


@dataclass(frozen=True)
class Opening:
    id: int
    trade: str  # occupation code ("" when none)
    danish_required: int = 0  # cefr_rank; 0: no requirement
    skills: frozenset[str] = frozenset()
    hours_per_week: float = 37.0
    area_id: int | None = None
    places: int = 1
    title: str = ""  # the opening's title, compared with trades recorded in words


@dataclass(frozen=True)
class Weights:
    """Points per score part (the default parts sum to 100) and the hard rules' limits."""

    interest: float = 30.0  # the opening's trade among the person's trades of interest
    experience: float = 25.0  # years in the trade (full points at experience_full_years)
    danish: float = 20.0  # Danish at or above the requirement
    skills: float = 15.0  # share of the opening's skills the person has
    travel: float = 10.0  # full points at 0 minutes, none at max_travel_minutes
    experience_full_years: float = 3.0
    # hard rule: travel over this many minutes each way makes the pair ineligible
    max_travel_minutes: int = 60
    # hard rule: Danish more than this many levels below the requirement makes it ineligible
    danish_tolerance: int = 1
    # the share of the travel points a pair gets when its travel time is not known
    unknown_travel_share: float = 0.5
    # batch fill: pairs scoring below this are not suggested
    min_score: float = 0.0


@dataclass(frozen=True)
class Reason:
    """A reason as data: ``code`` names a text in ``explain.TEXTS``, ``params`` fills it,
    ``points`` is what the part adds to the score (0 for a hard rule broken)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    points: float = 0.0


@dataclass(frozen=True)
class Match:
    seeker_id: int
    opening_id: int
    score: float  # the sum of the reasons' points (0 when not eligible)
    eligible: bool  # no hard rule broken
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Fill:
    """A batch fill: each person at most once, each opening up to its places."""

    assignments: tuple[Match, ...]
    objective: float  # the sum of the assigned pairs' scores
    bound: float  # an upper bound on the objective of any fill (the LP relaxation's dual)
    gap: float  # (bound - objective) / max(1, |objective|)
    greedy_objective: float  # the greedy fill's (best pair first) objective
    greedy_assigned: int
    status: str  # "optimal", "time_limit" (a fill with its gap), "greedy" (no MILP solution)
    seconds: float = 0.0
    columns: int = 0  # the MILP's variables (eligible pairs scoring at least min_score)
    eligible_pairs: int = 0

    @property
    def assigned(self) -> int:
        return len(self.assignments)
