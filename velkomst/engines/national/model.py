"""The employment model (NAT-2): each adult's chance of ordinary work within 3 years (and 1
and 2 years when the history has them) in each municipality, learnt from past outcomes.

A logistic regression (scikit-learn) on
- the person: age (and its square), sex, education, prior work, household size, nationality
  group, and sex × education;
- the place: the local employment rate, the local stock of countrymen (log), and the same-year
  arrivals of the same group there (log and per 1,000 inhabitants: the network of those who
  arrive together, and their crowding);
- the municipality's own effect, which may differ by education (municipality × educated) and
  by group (municipality × group).
Then Platt scaling fitted on a part of the training data the regression did not see. Why a
logistic regression and not gradient boosting: docs/decisions.md (measured on the bench world).

The logit is additive, so the prediction for every adult in every municipality is a matrix
sum, and the part that depends on the assignment itself (how many of the same group arrive in
the same municipality the same year) is one function per municipality that the assignment's
optimiser can use (``context_logit``).

Validation on held-out cohorts (the last arrival year when the history has several, otherwise
a fifth of the households): AUC, Brier score, a reliability curve, and calibration by sex, age
band and group. ``card`` is the model card, generated from the training run.

Plain Python with numpy, scipy and scikit-learn; no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, roc_auc_score

from .data import (
    EDUCATION_LEVELS,
    HIGH_EDUCATION,
    Adult,
    Adults,
    Floats,
    Ints,
    PastAdult,
    Place,
    adults_arrays,
    sigmoid,
    stock_matrix,
    subset,
)

HORIZONS = (1, 2, 3)
AGE_BANDS = ((18, 29), (30, 39), (40, 49), (50, 200))
PERSON_FEATURES = (
    "age (centred at 40, per 10 years)",
    "age squared",
    "male",
    "education: secondary",
    "education: vocational",
    "education: higher",
    "prior work",
    "household size (capped at 8)",
    "male × educated",
)
PLACE_FEATURES = (
    "local employment rate",
    "countrymen living there (log)",
    "same-year arrivals of the group (log)",
    "same-year arrivals of the group per 1,000 inhabitants",
)
INTERACTION_SCALE = 0.5  # interaction columns are scaled down: the L2 penalty holds them harder

KNOWN_LIMITS = (
    "Learnt from where refugees were placed in the past: a municipality that received few of a "
    "group has an uncertain effect for that group (shrunk towards the average by the penalty).",
    "The stock of countrymen is this year's reference figure, also for past cohorts.",
    "Outcomes only of those who stayed in the platform's municipalities; moves are not modelled.",
    "Nationality is used as a group only where the law allows it; the model predicts averages "
    "for people like the person and never decides alone: a case officer does.",
)


@dataclass(frozen=True)
class World:
    """The municipalities as arrays, in the order of ``codes``."""

    codes: tuple[str, ...]
    population: Floats
    employment: Floats
    treatment: Ints
    quota: Ints
    stock: Floats  # municipality × group

    @property
    def m(self) -> int:
        return len(self.codes)


def world_of(places: Sequence[Place], groups: Sequence[str]) -> World:
    return World(
        codes=tuple(p.code for p in places),
        population=np.array([max(1.0, float(p.population)) for p in places]),
        employment=np.array([float(p.local_employment_rate) for p in places]),
        treatment=np.array([1 if p.treatment_services else 0 for p in places], dtype=np.int64),
        quota=np.array([int(p.quota_households) for p in places], dtype=np.int64),
        stock=stock_matrix(places, groups),
    )


@dataclass(frozen=True)
class Options:
    context: bool = True  # stock of countrymen and same-year arrivals as features
    interactions: bool = True  # municipality × educated, municipality × group
    c: float = 0.5  # inverse L2 penalty
    calibration_share: float = 0.2  # of the training households, for Platt scaling
    holdout_share: float = 0.2  # of the households, when the history has one cohort only
    min_group_size: int = 30  # a nationality with fewer past adults joins "other"
    horizons: tuple[int, ...] = HORIZONS  # those the history has outcomes for are trained
    interaction_scale: float = INTERACTION_SCALE
    seed: int = 0


@dataclass(frozen=True)
class Bin:
    lower: float
    upper: float
    n: int
    predicted: float
    observed: float


@dataclass(frozen=True)
class Subgroup:
    name: str
    n: int
    predicted: float
    observed: float


@dataclass(frozen=True)
class Metrics:
    horizon: int
    n: int
    base_rate: float
    auc: float
    brier: float
    brier_base: float  # Brier score of always predicting the training base rate
    reliability: tuple[Bin, ...]
    by_sex: tuple[Subgroup, ...]
    by_age: tuple[Subgroup, ...]
    by_group: tuple[Subgroup, ...]


@dataclass(frozen=True)
class ModelCard:
    data_period: str
    n_train: int
    n_holdout: int
    holdout: str
    features: tuple[str, ...]
    groups: tuple[str, ...]
    method: str
    metrics: tuple[Metrics, ...]
    known_limits: tuple[str, ...] = KNOWN_LIMITS


@dataclass(frozen=True)
class Coefficients:
    """One horizon's fitted logit, split into its additive parts."""

    intercept: float
    person: Floats
    group: Floats  # G
    employment: float
    stock: float
    arrivals_log: float
    arrivals_per_1000: float
    municipality: Floats  # M
    municipality_educated: Floats  # M
    municipality_group: Floats  # M × G
    platt: tuple[float, float]  # calibrated logit = a · logit + b


def person_matrix(a: Adults) -> Floats:
    age = (a.age - 40.0) / 10.0
    educated = (a.education >= HIGH_EDUCATION).astype(np.float64)
    cols = [
        age,
        age * age,
        a.male,
        *[(a.education == lvl).astype(np.float64) for lvl in range(1, EDUCATION_LEVELS)],
        a.prior_work,
        np.minimum(a.household_size, 8.0) / 4.0,
        a.male * educated,
    ]
    return np.column_stack(cols) if a.n else np.zeros((0, len(PERSON_FEATURES)))


def _design(
    a: Adults, muni: Ints, arrivals: Floats, world: World, n_groups: int, opts: Options
) -> sp.csr_matrix:
    n, m_count = a.n, world.m
    rows = np.arange(n)
    blocks: list[sp.spmatrix] = [sp.csr_matrix(person_matrix(a))]
    blocks.append(sp.csr_matrix((np.ones(n), (rows, a.group)), shape=(n, n_groups)))
    place = [world.employment[muni] * 10.0]
    if opts.context:
        place += [
            np.log1p(world.stock[muni, a.group]),
            np.log1p(arrivals),
            arrivals / (world.population[muni] / 1000.0),
        ]
    blocks.append(sp.csr_matrix(np.column_stack(place)))
    blocks.append(sp.csr_matrix((np.ones(n), (rows, muni)), shape=(n, m_count)))
    if opts.interactions:
        educated = (a.education >= HIGH_EDUCATION).astype(np.float64) * opts.interaction_scale
        blocks.append(sp.csr_matrix((educated, (rows, muni)), shape=(n, m_count)))
        blocks.append(
            sp.csr_matrix(
                (np.full(n, opts.interaction_scale), (rows, muni * n_groups + a.group)),
                shape=(n, m_count * n_groups),
            )
        )
    return sp.hstack(blocks, format="csr")


def _split(coef: Floats, intercept: float, m: int, g: int, opts: Options) -> Coefficients:
    k = len(PERSON_FEATURES)
    i = 0
    person = coef[i : i + k]
    i += k
    group = coef[i : i + g]
    i += g
    employment = float(coef[i]) * 10.0
    i += 1
    stock = arrivals_log = arrivals_per_1000 = 0.0
    if opts.context:
        stock, arrivals_log, arrivals_per_1000 = (float(x) for x in coef[i : i + 3])
        i += 3
    municipality = coef[i : i + m]
    i += m
    if opts.interactions:
        educated = coef[i : i + m] * opts.interaction_scale
        i += m
        mg = coef[i : i + m * g].reshape(m, g) * opts.interaction_scale
    else:
        educated, mg = np.zeros(m), np.zeros((m, g))
    return Coefficients(
        intercept,
        person,
        group,
        employment,
        stock,
        arrivals_log,
        arrivals_per_1000,
        municipality,
        educated,
        mg,
        (1.0, 0.0),
    )


@dataclass(frozen=True)
class EmploymentModel:
    groups: tuple[str, ...]
    world: World
    options: Options
    coefficients: dict[int, Coefficients]  # by horizon (years)
    card: ModelCard

    def arrays(self, adults: Sequence[Adult]) -> Adults:
        return adults_arrays(adults, self.groups)

    def base_logit(self, a: Adults, horizon: int = 3) -> Floats:
        """Adults × municipalities: the calibrated logit without the same-year arrivals' part
        (``context_logit`` adds it)."""
        c = self.coefficients[horizon]
        person = c.intercept + person_matrix(a) @ c.person + c.group[a.group]
        educated = (a.education >= HIGH_EDUCATION).astype(np.float64)
        raw = (
            person[:, None]
            + (c.municipality + c.employment * self.world.employment)[None, :]
            + educated[:, None] * c.municipality_educated[None, :]
            + c.municipality_group[:, a.group].T
            + c.stock * np.log1p(self.world.stock[:, a.group].T)
        )
        a_, _ = c.platt
        out: Floats = a_ * raw
        return out

    def context_logit(
        self, arrivals: Floats, muni: Ints, group: Ints | None = None, horizon: int = 3
    ) -> Floats:
        """The calibrated logit's part from the same-year arrivals of the adult's group in the
        municipality (the adult included), plus Platt's intercept."""
        c = self.coefficients[horizon]
        a_, b_ = c.platt
        raw = c.arrivals_log * np.log1p(arrivals) + c.arrivals_per_1000 * arrivals / (
            self.world.population[muni] / 1000.0
        )
        out: Floats = a_ * raw + b_
        return out

    def probability(self, a: Adults, muni: Ints, horizon: int = 3) -> Floats:
        """Each adult's chance in the municipality given (``muni``), with the same-year
        arrivals that this placement of all the adults makes."""
        arrivals = same_year_arrivals(
            muni, a.group, np.zeros(a.n, dtype=np.int64), len(self.groups), self.world.m
        )
        base = self.base_logit(a, horizon)[np.arange(a.n), muni]
        return sigmoid(base + self.context_logit(arrivals, muni, a.group, horizon))

    def expected_employed(self, a: Adults, household_muni: Ints, horizon: int = 3) -> float:
        """The expected number of adults in work under an assignment of households."""
        return float(self.probability(a, household_muni[a.household], horizon).sum())


def same_year_arrivals(muni: Ints, group: Ints, cohort: Ints, n_groups: int, n_muni: int) -> Floats:
    """For each adult: the adults of the same group, cohort and municipality (itself included)."""
    key = (cohort.astype(np.int64) * n_muni + muni) * n_groups + group
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    out: Floats = counts[inverse].astype(np.float64)
    return out


def _auc(y: Floats, p: Floats) -> float:
    return float(roc_auc_score(y, p)) if 0 < y.sum() < y.size else float("nan")


def _subgroups(names: list[str], masks: list[Floats], y: Floats, p: Floats) -> tuple[Subgroup, ...]:
    out = []
    for name, mask in zip(names, masks, strict=True):
        sel = mask.astype(bool)
        if sel.any():
            out.append(Subgroup(name, int(sel.sum()), float(p[sel].mean()), float(y[sel].mean())))
    return tuple(out)


def metrics(
    horizon: int, y: Floats, p: Floats, a: Adults, groups: Sequence[str], base_rate: float
) -> Metrics:
    edges = np.linspace(0.0, 1.0, 11)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, 9)
    bins = []
    for b in range(10):
        sel = which == b
        if sel.any():
            bins.append(
                Bin(
                    float(edges[b]),
                    float(edges[b + 1]),
                    int(sel.sum()),
                    float(p[sel].mean()),
                    float(y[sel].mean()),
                )
            )
    bands = [(lo <= a.age) & (a.age <= hi) for lo, hi in AGE_BANDS]
    band_names = [f"{lo}–{hi}" if hi < 200 else f"{lo}+" for lo, hi in AGE_BANDS]
    return Metrics(
        horizon=horizon,
        n=int(y.size),
        base_rate=float(y.mean()) if y.size else 0.0,
        auc=_auc(y, p),
        brier=float(brier_score_loss(y, p)) if y.size else float("nan"),
        brier_base=float(np.mean((y - base_rate) ** 2)) if y.size else float("nan"),
        reliability=tuple(bins),
        by_sex=_subgroups(["women", "men"], [1 - a.male, a.male], y, p),
        by_age=_subgroups(band_names, [m.astype(np.float64) for m in bands], y, p),
        by_group=_subgroups(
            list(groups), [(a.group == g).astype(np.float64) for g in range(len(groups))], y, p
        ),
    )


class TrainingError(ValueError):
    pass


def train(
    history: Sequence[PastAdult], places: Sequence[Place], options: Options | None = None
) -> EmploymentModel:
    opts = options or Options()
    if not history:
        raise TrainingError("the history is empty")
    codes = {p.code: i for i, p in enumerate(places)}
    counts: dict[str, int] = {}
    for h in history:
        counts[h.adult.nationality] = counts.get(h.adult.nationality, 0) + 1
    groups = tuple(sorted(g for g, n in counts.items() if n >= opts.min_group_size)) + ("other",)
    world = world_of(places, groups)
    a = adults_arrays([h.adult for h in history], groups)
    try:
        muni = np.array([codes[h.municipality] for h in history], dtype=np.int64)
    except KeyError as e:
        raise TrainingError(f"unknown municipality in the history: {e.args[0]}") from None
    cohort = np.array([h.cohort for h in history], dtype=np.int64)
    arrivals = same_year_arrivals(muni, a.group, cohort, len(groups), world.m)
    rng = np.random.default_rng(opts.seed)
    cohorts = sorted(set(cohort.tolist()))
    n_hh = len(a.household_ids)
    if len(cohorts) > 1:
        test = cohort == cohorts[-1]
        holdout = f"the last cohort ({cohorts[-1]})"
        trained = f"{cohorts[0]}–{cohorts[-2]}" if len(cohorts) > 2 else f"{cohorts[0]}"
        period = f"cohorts {trained} (trained), {cohorts[-1]} (held out)"
    else:
        test = rng.random(n_hh)[a.household] < opts.holdout_share
        holdout = f"{opts.holdout_share:.0%} of the households, drawn at random"
        period = "one cohort (the history has no arrival year)"
    calib = ~test & (rng.random(n_hh)[a.household] < opts.calibration_share)
    fit = ~test & ~calib
    if not fit.any() or not test.any() or not calib.any():
        raise TrainingError("the history is too small to train and validate on")
    X = _design(a, muni, arrivals, world, len(groups), opts)
    coefficients: dict[int, Coefficients] = {}
    all_metrics = []
    for horizon in opts.horizons:
        ys = [
            h.employed_3y if horizon == 3 else (h.employed_1y if horizon == 1 else h.employed_2y)
            for h in history
        ]
        if any(v is None for v in ys):
            continue
        y = np.array([1.0 if v else 0.0 for v in ys])
        if y[fit].min() == y[fit].max():
            raise TrainingError(f"every past adult has the same outcome within {horizon} years")
        lr = LogisticRegression(C=opts.c, max_iter=2000)
        lr.fit(X[fit], y[fit])
        raw = lr.decision_function(X)
        platt = LogisticRegression(C=1e6, max_iter=1000)
        platt.fit(raw[calib][:, None], y[calib])
        pa, pb = float(platt.coef_[0, 0]), float(platt.intercept_[0])
        coef = _split(lr.coef_[0], float(lr.intercept_[0]), world.m, len(groups), opts)
        coefficients[horizon] = Coefficients(
            pa * coef.intercept,
            pa * coef.person,
            pa * coef.group,
            pa * coef.employment,
            pa * coef.stock,
            pa * coef.arrivals_log,
            pa * coef.arrivals_per_1000,
            pa * coef.municipality,
            pa * coef.municipality_educated,
            pa * coef.municipality_group,
            (1.0, pb),
        )
        p = sigmoid(pa * raw + pb)
        sel = np.flatnonzero(test)
        all_metrics.append(
            metrics(horizon, y[sel], p[sel], subset(a, sel), groups, float(y[fit].mean()))
        )
    if 3 not in coefficients:
        raise TrainingError("the history has no outcome within 3 years")
    features = (
        PERSON_FEATURES
        + ("nationality group",)
        + (PLACE_FEATURES if opts.context else PLACE_FEATURES[:1])
    )
    features += ("municipality",)
    if opts.interactions:
        features += ("municipality × educated", "municipality × group")
    card = ModelCard(
        data_period=period,
        n_train=int(fit.sum() + calib.sum()),
        n_holdout=int(test.sum()),
        holdout=holdout,
        features=features,
        groups=groups,
        method=(
            f"logistic regression (L2, C={opts.c}), Platt scaling on "
            f"{opts.calibration_share:.0%} of the training households"
        ),
        metrics=tuple(all_metrics),
    )
    # Platt's slope is folded into the coefficients; its intercept stays in ``platt``.
    return EmploymentModel(groups, world, opts, coefficients, card)
