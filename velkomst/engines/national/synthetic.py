"""A synthetic national world with a known truth (bench and tests): municipalities, a year of
arriving households, a history of past cohorts, and the true employment model.

The truth (logit of work within 3 years; 1 and 2 years are the same shifted down):
- men +1.7 against women (domain-facts: 57 % against 19 % after 3 years), education +0.35 /
  +0.6 / +0.9 (secondary, vocational, higher), prior work +0.5, age and, for women, household
  size lowering it; an effect per nationality group;
- the local employment rate: +1 percentage point → about +0.55 pp (0.023 on the logit);
- the network of countrymen: 0.12 × log(1 + countrymen living there + the group's same-year
  arrivals), about +4 pp per standard deviation of the local stock;
- crowding: −0.35 per same-year arrival of the group per 1,000 inhabitants;
- each municipality's own effect, and its effect for the educated and for each group.
Calibrated to about 40–45 % after 3 years overall under quota-random placement.

Plain Python with numpy; no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import (
    Adult,
    Adults,
    Floats,
    Ints,
    PastAdult,
    Place,
    adults_arrays,
)
from .quota import MunicipalityFigures, quotas

GROUPS = ("SYR", "ERI", "AFG", "SOM", "IRN", "IRQ", "UKR", "COD")
GROUP_SHARES = np.array([0.30, 0.20, 0.12, 0.08, 0.08, 0.07, 0.10, 0.05])
GROUP_EFFECT = np.array([0.0, -0.1, -0.2, -0.45, 0.2, -0.1, 0.45, -0.3])
EDUCATION_SHARES = np.array([0.35, 0.30, 0.20, 0.15])
REGIONS = ("Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland")
SHIFT = {1: -1.35, 2: -0.75, 3: 0.0}
BETA_NETWORK = 0.12
BETA_CROWDING = 0.35
BETA_EMPLOYMENT = 2.3  # per unit of rate (0.023 per percentage point)
INTERCEPT = -2.05


@dataclass(frozen=True)
class Truth:
    groups: tuple[str, ...]
    population: Floats
    employment: Floats
    stock: Floats  # M × G
    municipality: Floats  # M
    municipality_educated: Floats  # M
    municipality_group: Floats  # M × G
    horizon: int = 3

    def person_logit(self, a: Adults) -> Floats:
        age = (a.age - 35.0) / 10.0
        edu = np.array([0.0, 0.35, 0.6, 0.9])[a.education]
        women = 1.0 - a.male
        out: Floats = (
            INTERCEPT
            + SHIFT[self.horizon]
            + 1.7 * a.male
            + edu
            + 0.5 * a.prior_work
            - 0.3 * np.maximum(age, 0.0)
            - 0.15 * age * age
            - 0.12 * women * np.minimum(a.household_size, 8.0)
            + GROUP_EFFECT[a.group]
        )
        return out

    def base_logit(self, a: Adults, horizon: int = 3) -> Floats:
        educated = (a.education >= 2).astype(np.float64)
        out: Floats = (
            self.person_logit(a)[:, None]
            + (self.municipality + BETA_EMPLOYMENT * (self.employment - 0.76))[None, :]
            + educated[:, None] * self.municipality_educated[None, :]
            + self.municipality_group[:, a.group].T
        )
        return out

    def context_logit(self, arrivals: Floats, muni: Ints, group: Ints) -> Floats:
        """The network (countrymen living there and arriving with them) and the crowding."""
        out: Floats = BETA_NETWORK * np.log1p(
            self.stock[muni, group] + arrivals
        ) - BETA_CROWDING * arrivals / (self.population[muni] / 1000.0)
        return out

    def logit(self, a: Adults, muni: Ints, arrivals: Floats) -> Floats:
        """The truth for adults placed in ``muni`` with ``arrivals`` of their group there."""
        base = self.base_logit(a)[np.arange(a.n), muni]
        out: Floats = base + self.context_logit(arrivals, muni, a.group)
        return out


@dataclass(frozen=True)
class SyntheticWorld:
    places: tuple[Place, ...]
    arrivals: tuple[Adult, ...]
    special_needs: frozenset[str]  # household ids that need treatment services
    history: tuple[PastAdult, ...]
    truth: Truth


def _arrivals_count(muni: Ints, group: Ints, n_muni: int, n_groups: int) -> Floats:
    counts = np.zeros((n_muni, n_groups))
    np.add.at(counts, (muni, group), 1.0)
    out: Floats = counts[muni, group]
    return out


def true_expected(truth: Truth, a: Adults, household_muni: Ints, horizon: int = 3) -> float:
    """True expected number in work when the households go where ``household_muni`` says."""
    muni = household_muni[a.household]
    arrivals = _arrivals_count(muni, a.group, truth.population.size, len(truth.groups))
    t = truth if horizon == truth.horizon else Truth(**{**truth.__dict__, "horizon": horizon})
    return float((1.0 / (1.0 + np.exp(-t.logit(a, muni, arrivals)))).sum())


def _households(rng: np.random.Generator, n: int, prefix: str) -> list[Adult]:
    out: list[Adult] = []
    for h in range(n):
        g = int(rng.choice(len(GROUPS), p=GROUP_SHARES))
        couple = rng.random() < 0.5
        size = int(1 + (1 if couple else 0) + rng.poisson(1.2 if couple else 0.4))
        first_male = rng.random() < (0.55 if couple else 0.7)
        week = int(rng.integers(1, 53))
        for k in range(2 if couple else 1):
            male = first_male if k == 0 else not first_male
            out.append(
                Adult(
                    household_id=f"{prefix}{h}",
                    nationality=GROUPS[g],
                    male=bool(male),
                    education_level=int(rng.choice(4, p=EDUCATION_SHARES)),
                    age=float(np.clip(rng.normal(33, 9), 18, 64).round()),
                    prior_work=bool(rng.random() < (0.6 if male else 0.35)),
                    household_size=size,
                    arrival_week=week,
                )
            )
    return out


def generate(
    seed: int = 0,
    n_municipalities: int = 98,
    n_households: int = 5000,
    history_cohorts: int = 3,
    history_households: int | None = None,
    special_share: float = 0.05,
) -> SyntheticWorld:
    rng = np.random.default_rng(seed)
    m_count, g_count = n_municipalities, len(GROUPS)
    pop = np.clip(np.exp(rng.normal(np.log(42_000), 0.75, m_count)), 1_800, 650_000).round()
    employment = np.clip(rng.normal(0.76, 0.03, m_count), 0.65, 0.85)
    nw_share = np.clip(rng.normal(0.07, 0.03, m_count) + 0.02 * np.log(pop / 42_000), 0.02, 0.25)
    nonwestern = (pop * nw_share).round()
    reunified = rng.poisson(pop / 25_000)
    treatment = rng.random(m_count) < np.clip(0.15 + 0.1 * np.log(pop / 20_000), 0.1, 0.9)
    treatment[int(np.argmax(pop))] = True
    stock = (
        nonwestern[:, None] * GROUP_SHARES[None, :] * np.exp(rng.normal(0, 1.1, (m_count, g_count)))
    ).round()
    codes = [f"{101 + 4 * i}" for i in range(m_count)]
    regions = [REGIONS[i % len(REGIONS)] for i in range(m_count)]
    figures = [
        MunicipalityFigures(
            codes[i], regions[i], int(pop[i]), int(nonwestern[i]), int(reunified[i])
        )
        for i in range(m_count)
    ]
    quota = quotas(figures, n_households).quota
    places = tuple(
        Place(
            code=codes[i],
            region=regions[i],
            population=int(pop[i]),
            nonwestern_stock=int(nonwestern[i]),
            reunified_last_year=int(reunified[i]),
            local_employment_rate=float(round(employment[i], 4)),
            treatment_services=bool(treatment[i]),
            quota_households=int(quota[codes[i]]),
            stock={GROUPS[g]: int(stock[i, g]) for g in range(g_count)},
        )
        for i in range(m_count)
    )
    truth = Truth(
        groups=GROUPS,
        population=pop.astype(np.float64),
        employment=employment,
        stock=stock,
        municipality=rng.normal(0, 0.3, m_count),
        municipality_educated=rng.normal(0, 0.3, m_count),
        municipality_group=rng.normal(0, 0.3, (m_count, g_count)),
    )
    arrivals = _households(rng, n_households, "h")
    hh_ids = sorted({a.household_id for a in arrivals}, key=lambda s: int(s[1:]))
    special = frozenset(h for h in hh_ids if rng.random() < special_share)
    # History: past cohorts placed by past practice (in proportion to quotas, with each
    # municipality taking more of some groups than others), outcomes drawn from the truth.
    quota_arr = np.array([quota[c] for c in codes], dtype=np.float64) + 0.5
    practice = np.exp(rng.normal(0, 0.9, (m_count, g_count)))
    history: list[PastAdult] = []
    per_cohort = history_households or n_households
    for c in range(history_cohorts):
        past = _households(rng, per_cohort, f"c{c}-")
        a = adults_arrays(past, GROUPS)
        hh_group = np.zeros(len(a.household_ids), dtype=np.int64)
        hh_group[a.household] = a.group
        weights = quota_arr[:, None] * practice
        probs = weights / weights.sum(axis=0, keepdims=True)
        cum = np.cumsum(probs, axis=0)
        u_hh = rng.random(hh_group.size)
        hh_muni = np.minimum((cum[:, hh_group] < u_hh[None, :]).sum(axis=0), m_count - 1)
        muni = hh_muni[a.household]
        arr = _arrivals_count(muni, a.group, m_count, g_count)
        outcomes = {}
        for horizon in (1, 2, 3):
            t = Truth(**{**truth.__dict__, "horizon": horizon})
            p = 1.0 / (1.0 + np.exp(-t.logit(a, muni, arr)))
            outcomes[horizon] = p
        u = rng.random(a.n)  # one draw for all horizons: work by year 1 means work by year 3
        for i, adult in enumerate(past):
            history.append(
                PastAdult(
                    adult=Adult(
                        adult.household_id,
                        adult.nationality,
                        adult.male,
                        adult.education_level,
                        adult.age,
                        adult.prior_work,
                        adult.household_size,
                    ),
                    municipality=codes[int(muni[i])],
                    employed_3y=bool(u[i] < outcomes[3][i]),
                    employed_1y=bool(u[i] < min(outcomes[1][i], outcomes[3][i])),
                    employed_2y=bool(u[i] < min(outcomes[2][i], outcomes[3][i])),
                    cohort=2020 + c,
                )
            )
    return SyntheticWorld(places, tuple(arrivals), special, tuple(history), truth)
