"""The national engines' input: municipalities, arriving adults and past adults with their
outcomes (NAT-1, NAT-2). Plain dataclasses, no Django; ``Adults`` holds them as numpy arrays
for the model and the assignment."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

EDUCATION_LEVELS = 4  # 0 none or primary, 1 secondary, 2 vocational, 3 higher
HIGH_EDUCATION = 2  # levels from here count as "educated" in the municipality interactions


@dataclass(frozen=True)
class Place:
    """A municipality's reference figures for the year."""

    code: str
    region: str
    population: int
    nonwestern_stock: int
    reunified_last_year: int
    local_employment_rate: float  # share of 16-64-year-olds in work, 0..1
    treatment_services: bool
    quota_households: int
    stock: Mapping[str, int] = field(default_factory=dict)  # countrymen living there, by group


@dataclass(frozen=True)
class Adult:
    household_id: str
    nationality: str
    male: bool
    education_level: int
    age: float
    prior_work: bool
    household_size: int
    arrival_week: int = 1


@dataclass(frozen=True)
class PastAdult:
    adult: Adult
    municipality: str
    employed_3y: bool
    employed_1y: bool | None = None
    employed_2y: bool | None = None
    cohort: int = 0  # arrival year when known; same-year arrivals are counted per cohort


@dataclass(frozen=True)
class Adults:
    """Adults as arrays (one entry per adult)."""

    household: Ints  # index into ``household_ids``
    household_ids: tuple[str, ...]
    group: Ints  # index into the groups given
    male: Floats
    education: Ints
    age: Floats
    prior_work: Floats
    household_size: Floats

    @property
    def n(self) -> int:
        return int(self.household.size)


def adults_arrays(adults: Sequence[Adult], groups: Sequence[str]) -> Adults:
    """``groups``: the model's nationality groups; a nationality not among them is the last
    group ("other")."""
    index = {g: i for i, g in enumerate(groups)}
    other = len(groups) - 1
    hh_index: dict[str, int] = {}
    for a in adults:
        hh_index.setdefault(a.household_id, len(hh_index))
    return Adults(
        household=np.array([hh_index[a.household_id] for a in adults], dtype=np.int64),
        household_ids=tuple(hh_index),
        group=np.array([index.get(a.nationality, other) for a in adults], dtype=np.int64),
        male=np.array([1.0 if a.male else 0.0 for a in adults]),
        education=np.array(
            [min(max(int(a.education_level), 0), EDUCATION_LEVELS - 1) for a in adults],
            dtype=np.int64,
        ),
        age=np.array([float(a.age) for a in adults]),
        prior_work=np.array([1.0 if a.prior_work else 0.0 for a in adults]),
        household_size=np.array([float(a.household_size) for a in adults]),
    )


def stock_matrix(places: Sequence[Place], groups: Sequence[str]) -> Floats:
    """Countrymen living in each municipality (rows) by group (columns)."""
    out = np.zeros((len(places), len(groups)))
    for m, p in enumerate(places):
        for g, name in enumerate(groups):
            out[m, g] = float(p.stock.get(name, 0))
    return out


def sigmoid(x: Floats) -> Floats:
    """The logistic function (through tanh: no overflow warnings for large logits)."""
    out: Floats = 0.5 * (1.0 + np.tanh(0.5 * x))
    return out


def subset(
    a: Adults,
    sel: Ints | Bools,
    household: Ints | None = None,
    household_ids: tuple[str, ...] | None = None,
) -> Adults:
    """The adults ``sel`` (a mask or indices), optionally with their households renumbered."""
    return Adults(
        household=a.household[sel] if household is None else household,
        household_ids=a.household_ids if household_ids is None else household_ids,
        group=a.group[sel],
        male=a.male[sel],
        education=a.education[sel],
        age=a.age[sel],
        prior_work=a.prior_work[sel],
        household_size=a.household_size[sel],
    )


M_COLUMNS = (
    "municipality_code",
    "region",
    "population",
    "nonwestern_stock",
    "reunified_last_year",
    "local_employment_rate",
    "treatment_services",
    "quota_households",
)
PERSON_COLUMNS = (
    "household_id",
    "nationality",
    "male",
    "education_level",
    "age",
    "prior_work",
    "household_size",
)
