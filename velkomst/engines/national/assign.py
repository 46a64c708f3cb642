"""Assignment of arriving households to municipalities (NAT-1): maximise the expected number
of adults in work within quotas, with the network and crowding effects the assignment itself
causes in the objective.

The linear programme (HiGHS through highspy):

- ``x[h,m]`` in [0, 1] over candidate pairs (each household's ``top_k`` municipalities by its
  own predicted chance, plus the pairs of a feasible greedy assignment): household h goes to m;
- ``y[m,g,k]`` in [0, width_k]: the k-th segment of the same-year arrivals of group g in m.

Rows: each household exactly once; each municipality at most its capacity (a household counts
once, whatever its size); per (m, g): the adults of g placed in m equal the sum of the
segments, whose widths end at the cap on same-year arrivals of one group.

Objective: ``sum s[h,m] x[h,m] + sum slope[m,g,k] y[m,g,k]``. ``s[h,m]`` is the household's
expected adults in work in m as if its adults were the first of their group to arrive there
this year; the segments carry the rest: for n adults of g in m (after n0 already placed this
year) the change ``(n0 + n) σ(ℓ + c(n0 + n)) − n0 σ(ℓ + c(n0)) − n σ(ℓ + c(n0 + 1))`` for the
group's mean logit ℓ there and the model's same-year part ``c`` (network and crowding), on a
geometric grid of n and replaced by its upper concave hull so that the programme stays an LP
(the slopes fall, so the segments fill in order without binaries).

The LP's solution is almost integral (a transportation problem plus one row per municipality
and group); the fractional households are rounded by a greedy repair in order of their largest
x, within every hard constraint, and the gap to the LP bound is reported.

Online (``assign_online``): the households of a week, against the year's quotas less what has
been placed, with each municipality's capacity this week paced in proportion to the arrivals
still expected (so later arrivals are not starved), and the year's same-year arrivals so far
as n0.

Plain Python with numpy, scipy and HiGHS; no Django.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Protocol

import highspy
import numpy as np
import scipy.sparse as sp

from velkomst.engines.highs import THREADS

from .data import Adults, Bools, Floats, Ints, sigmoid, subset


class Predictor(Protocol):
    def base_logit(self, a: Adults, horizon: int = 3) -> Floats: ...

    def context_logit(self, arrivals: Floats, muni: Ints, group: Ints) -> Floats: ...


@dataclass(frozen=True)
class Options:
    context: bool = True  # the same-year network and crowding terms in the objective
    top_k: int = 12  # candidate municipalities per household
    group_cap: Floats | None = None  # M × G: most adults of a group one municipality takes a year
    next_best: int = 3  # alternatives shown per suggestion
    time_limit: float = 25.0
    rounds: int = 2  # LPs, each linearised around the previous one's same-year arrivals


@dataclass(frozen=True)
class Alternative:
    municipality: str
    chance: float  # the household's adults' mean predicted chance there
    why_not: str  # "quota", "group_cap", "treatment", "fixed", "objective"


@dataclass(frozen=True)
class Suggestion:
    household_id: str
    municipality: str
    chance: float
    alternatives: tuple[Alternative, ...]
    bound: str  # the constraint that kept it from its best municipality ("" when it got it)


@dataclass(frozen=True)
class Outcome:
    assignment: Ints  # household index → municipality index
    suggestions: tuple[Suggestion, ...]
    expected: float  # predicted expected adults in work (same-year effects included)
    bound: float  # the LP's value (an upper bound for the objective's approximation)
    objective: float  # the approximation's value at the assignment
    fractional: int  # households the LP left fractional (rounded by the repair)
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


class Infeasible(ValueError):
    pass


def household_groups(a: Adults, n_groups: int) -> Floats:
    """Households × groups: how many of each household's adults are of each group."""
    out = np.zeros((len(a.household_ids), n_groups))
    np.add.at(out, (a.household, a.group), 1.0)
    return out


def _grid(upper: int) -> list[int]:
    pts = [0, 1, 2, 3, 4, 6]
    v = 8
    while v < upper:
        pts.append(v)
        v = int(v * 1.5)
    return sorted({p for p in pts if p < upper} | {upper})


def _concave_hull(xs: list[int], ys: Floats) -> tuple[Floats, Floats]:
    """The upper concave hull's segments: widths and slopes (falling)."""
    hull: list[int] = [0]
    for i in range(1, len(xs)):
        while len(hull) >= 2:
            i0, i1 = hull[-2], hull[-1]
            # drop i1 when it lies below the line from i0 to i
            if (ys[i1] - ys[i0]) * (xs[i] - xs[i0]) <= (ys[i] - ys[i0]) * (xs[i1] - xs[i0]):
                hull.pop()
            else:
                break
        hull.append(i)
    widths = np.array([xs[hull[k + 1]] - xs[hull[k]] for k in range(len(hull) - 1)], dtype=float)
    slopes = np.array(
        [(ys[hull[k + 1]] - ys[hull[k]]) / widths[k] for k in range(len(hull) - 1)], dtype=float
    )
    return widths, slopes


def group_term(
    predictor: Predictor,
    mean_logit: float,
    n0: float,
    upper: int,
    m: int,
    g: int,
    ref: float | None = None,
) -> tuple[list[int], Floats]:
    """The change in expected adults in work of group g in m when n more arrive (n on a grid up
    to ``upper``), beyond what each would have with ``ref`` same-year arrivals (default: as
    the first newcomer, n0 + 1): see the module's doc."""
    xs = _grid(upper)
    n = np.array(xs, dtype=float)
    muni = np.full(n.size + 2, m, dtype=np.int64)
    grp = np.full(n.size + 2, g, dtype=np.int64)
    ctx = predictor.context_logit(np.r_[n0 + n, n0, n0 + 1 if ref is None else ref], muni, grp)
    after = (n0 + n) * sigmoid(mean_logit + ctx[: n.size])
    before = n0 * sigmoid(np.array([mean_logit + ctx[n.size]]))[0]
    first = sigmoid(np.array([mean_logit + ctx[n.size + 1]]))[0]
    ys: Floats = after - before - n * first
    ys[0] = 0.0
    return xs, ys


@dataclass
class _Problem:
    a: Adults
    codes: tuple[str, ...]
    n_groups: int
    capacity: Ints  # M
    allowed: Bools  # H × M
    prior: Floats  # M × G adults already placed this year
    cap: Floats  # M × G
    logit: Floats  # adults × M (base)


def _scores(predictor: Predictor, p: _Problem, arrivals: Floats) -> Floats:
    """Households × municipalities: expected adults in work, each adult's group having
    ``arrivals`` (M × G) in the municipality."""
    a = p.a
    m_count = len(p.codes)
    muni = np.broadcast_to(np.arange(m_count), (a.n, m_count)).ravel()
    grp = np.repeat(a.group, m_count)
    ctx = predictor.context_logit(arrivals[muni, grp], muni, grp).reshape(a.n, m_count)
    prob = sigmoid(p.logit + ctx)
    hh = sp.csr_matrix(
        (np.ones(a.n), (a.household, np.arange(a.n))), shape=(len(a.household_ids), a.n)
    )
    out: Floats = np.asarray(hh @ prob)
    return out


def _greedy(score: Floats, p: _Problem, hg: Floats, order: Ints) -> Ints:
    """A feasible assignment: households in ``order``, each to its best municipality with room
    (capacity and group cap)."""
    h_count, m_count = score.shape
    left = p.capacity.astype(np.int64).copy()
    n = p.prior.copy()
    out = np.full(h_count, -1, dtype=np.int64)
    masked = np.where(p.allowed, score, -np.inf)
    for h in order:
        _place(p, hg, h, [int(m) for m in np.argsort(-masked[h]) if p.allowed[h, m]], out, left, n)
    return out


def _place(
    p: _Problem, hg: Floats, h: int, options: list[int], out: Ints, left: Ints, n: Floats
) -> None:
    """Household h to the first of ``options`` with room (capacity and group cap)."""
    for m in options:
        if left[m] > 0 and not np.any(n[m] + hg[h] > p.cap[m] + 1e-9):
            out[h] = m
            left[m] -= 1
            n[m] += hg[h]
            return
    raise Infeasible(f"household {p.a.household_ids[h]} fits in no municipality")


def _solve(
    predictor: Predictor, p: _Problem, opts: Options, started: float, ref: Floats
) -> tuple[Ints, float, float, int, dict[str, float]]:
    """One LP with the household scores at ``ref`` same-year arrivals (M × G, the adult
    included) and the group terms correcting from there."""
    a = p.a
    h_count, m_count, g_count = len(a.household_ids), len(p.codes), p.n_groups
    timings: dict[str, float] = {}
    t = time.perf_counter()
    hg = household_groups(a, g_count)
    score = _scores(predictor, p, ref if opts.context else p.prior + 1.0)
    timings["scores"] = time.perf_counter() - t
    t = time.perf_counter()
    # the greedy start: households with the fewest allowed municipalities first
    order = np.lexsort((-score.max(axis=1), p.allowed.sum(axis=1)))
    try:
        greedy: Ints | None = _greedy(score, p, hg, order)
    except Infeasible:  # tight group caps: the LP over every allowed pair decides
        greedy = None
    # candidate pairs: each household's best by its own score, and its best when every
    # municipality receives its share of each group (so the LP can spread a group out)
    keep = np.zeros((h_count, m_count), dtype=bool)
    k = min(opts.top_k, m_count)
    rankings = [score]
    if opts.context:
        share = p.capacity[:, None] * (hg.sum(axis=0) / max(1, h_count))[None, :]
        rankings.append(_scores(predictor, p, p.prior + np.maximum(share, 1.0)))
    for ranking in rankings:
        masked = np.where(p.allowed, ranking, -np.inf)
        top = np.argpartition(-masked, k - 1, axis=1)[:, :k]
        keep[np.arange(h_count)[:, None], top] = True
    keep &= p.allowed
    if greedy is None:
        keep = p.allowed.copy()
    else:
        keep[np.arange(h_count), greedy] = True
    ph, pm = np.nonzero(keep)
    timings["candidates"] = time.perf_counter() - t
    t = time.perf_counter()
    # group rows: (m, g) pairs some candidate brings adults of g to
    pair_groups = hg[ph] > 0  # pairs × G
    used = np.zeros((m_count, g_count), dtype=bool)
    pi, gi = np.nonzero(pair_groups)
    used[pm[pi], gi] = True
    mg_m, mg_g = np.nonzero(used)
    mg_index = -np.ones((m_count, g_count), dtype=np.int64)
    mg_index[mg_m, mg_g] = np.arange(mg_m.size)
    # segments
    group_total = hg.sum(axis=0)
    seg_row: list[int] = []
    seg_width: list[float] = []
    seg_slope: list[float] = []
    for r, (m, g) in enumerate(zip(mg_m.tolist(), mg_g.tolist(), strict=True)):
        upper = int(min(group_total[g], max(0.0, p.cap[m, g] - p.prior[m, g])))
        if upper <= 0:
            continue
        if opts.context:
            sel = a.group == g
            mean_logit = float(p.logit[sel, m].mean())
            xs, ys = group_term(
                predictor, mean_logit, float(p.prior[m, g]), upper, m, g, float(ref[m, g])
            )
            widths, slopes = _concave_hull(xs, ys)
        else:
            widths, slopes = np.array([float(upper)]), np.array([0.0])
        seg_row += [r] * widths.size
        seg_width += widths.tolist()
        seg_slope += slopes.tolist()
    n_pairs, n_seg = ph.size, len(seg_row)
    n_rows = h_count + m_count + mg_m.size
    # x columns: household row (1), municipality row (1), group rows (adults of g)
    xr_h = ph
    xr_m = h_count + pm
    xr_g_rows = h_count + m_count + mg_index[pm[pi], gi]
    rows = np.concatenate([xr_h, xr_m, xr_g_rows])
    cols = np.concatenate([np.arange(n_pairs), np.arange(n_pairs), pi])
    vals = np.concatenate([np.ones(n_pairs), np.ones(n_pairs), hg[ph[pi], gi]])
    seg_rows = h_count + m_count + np.array(seg_row, dtype=np.int64)
    rows = np.concatenate([rows, seg_rows])
    cols = np.concatenate([cols, n_pairs + np.arange(n_seg)])
    vals = np.concatenate([vals, -np.ones(n_seg)])
    n_cols = n_pairs + n_seg
    mat = sp.csc_matrix((vals, (rows, cols)), shape=(n_rows, n_cols))
    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.col_cost_ = np.concatenate([score[ph, pm], np.array(seg_slope)])
    lp.col_lower_ = np.zeros(n_cols)
    lp.col_upper_ = np.concatenate([np.ones(n_pairs), np.array(seg_width)])
    lp.row_lower_ = np.concatenate(
        [np.ones(h_count), np.full(m_count, -highspy.kHighsInf), np.zeros(mg_m.size)]
    )
    lp.row_upper_ = np.concatenate(
        [np.ones(h_count), p.capacity.astype(np.float64), np.zeros(mg_m.size)]
    )
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = mat.indptr.astype(np.int32)
    lp.a_matrix_.index_ = mat.indices.astype(np.int32)
    lp.a_matrix_.value_ = mat.data.astype(np.float64)
    timings["build"] = time.perf_counter() - t
    t = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", THREADS)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", max(0.5, opts.time_limit - (time.perf_counter() - started)))
    h.passModel(lp)
    h.run()
    timings["lp"] = time.perf_counter() - t
    t = time.perf_counter()
    seg_cost = np.array(seg_slope)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        if greedy is None:
            raise Infeasible("no assignment holds every quota and cap")
        assignment, bound, fractional = greedy, math.inf, h_count
    else:
        x = np.asarray(h.getSolution().col_value)[:n_pairs]
        bound = float(h.getInfo().objective_function_value)
        # rounding: integral households keep their municipality; the others by their largest x
        best_x = np.zeros(h_count)
        choice = np.full(h_count, -1, dtype=np.int64)
        for j in np.argsort(x, kind="stable"):  # ascending, so the largest x wins
            if x[j] > best_x[ph[j]]:
                best_x[ph[j]], choice[ph[j]] = x[j], pm[j]
        integral = best_x > 1 - 1e-6
        fractional = int((~integral).sum())
        try:
            assignment = _repair(score, p, hg, choice, integral, best_x)
        except Infeasible:  # the rounding painted itself into a corner
            assignment = greedy if greedy is not None else _mip(lp, h, n_pairs, x, ph, pm, h_count)
    timings["round"] = time.perf_counter() - t
    objective = _approx_value(assignment, score, hg, mg_index, seg_row, seg_width, seg_cost)
    return assignment, bound, objective, fractional, timings


def _mip(
    lp: highspy.HighsLp,
    h: highspy.Highs,
    n_pairs: int,
    x: Floats,
    ph: Ints,
    pm: Ints,
    h_count: int,
) -> Ints:
    """The LP as a MIP (x binary) with the households the LP placed whole kept there: for tight
    group caps, where the greedy repair can fail."""
    lower = np.asarray(lp.col_lower_, dtype=np.float64).copy()
    whole = np.flatnonzero(x > 1 - 1e-6)
    lower[whole] = 1.0
    lp.col_lower_ = lower
    kinds = [highspy.HighsVarType.kInteger] * n_pairs
    kinds += [highspy.HighsVarType.kContinuous] * (lp.num_col_ - n_pairs)
    lp.integrality_ = kinds
    h.passModel(lp)
    h.setOptionValue("time_limit", 10.0)
    h.run()
    if h.getInfo().primal_solution_status != 2:  # no feasible solution
        raise Infeasible("no assignment holds every quota and cap")
    sol = np.asarray(h.getSolution().col_value)[:n_pairs] > 0.5
    out = np.full(h_count, -1, dtype=np.int64)
    out[ph[sol]] = pm[sol]
    if (out < 0).any():
        raise Infeasible("no assignment holds every quota and cap")
    return out


def _repair(
    score: Floats, p: _Problem, hg: Floats, choice: Ints, integral: Bools, best_x: Floats
) -> Ints:
    h_count = score.shape[0]
    out = np.where(integral, choice, -1)
    left = p.capacity.astype(np.int64) - np.bincount(out[integral], minlength=len(p.codes))
    n = p.prior.copy()
    for h in np.flatnonzero(integral):
        n[out[h]] += hg[h]
    rest = np.flatnonzero(~integral)
    # the most restricted first (special needs, fixed), then by their largest x
    rest = rest[np.lexsort((-best_x[rest], p.allowed[rest].sum(axis=1)))]
    masked = np.where(p.allowed, score, -np.inf)
    for h in rest:
        options = [int(choice[h])] if choice[h] >= 0 else []
        options += [int(m) for m in np.argsort(-masked[h]) if p.allowed[h, m]]
        _place(p, hg, int(h), options, out, left, n)
    assert (out >= 0).all() and out.size == h_count
    return out


def _approx_value(
    assignment: Ints,
    score: Floats,
    hg: Floats,
    mg_index: Ints,
    seg_row: list[int],
    seg_width: list[float],
    seg_cost: Floats,
) -> float:
    value = float(score[np.arange(assignment.size), assignment].sum())
    m_count, g_count = mg_index.shape
    n = np.zeros((m_count, g_count))
    np.add.at(n, assignment, hg)
    if not seg_row:
        return value
    rows = np.array(seg_row)
    widths = np.array(seg_width)
    r_m, r_g = np.nonzero(mg_index >= 0)
    amount = np.zeros(int(mg_index.max()) + 1)
    amount[mg_index[r_m, r_g]] = n[r_m, r_g]
    # fill each row's segments in order
    for r in np.unique(rows):
        left = amount[r]
        for k in np.flatnonzero(rows == r):
            take = min(left, widths[k])
            value += take * float(seg_cost[k])
            left -= take
    return value


def _reasons(
    predictor: Predictor,
    p: _Problem,
    assignment: Ints,
    hg: Floats,
    fixed: dict[int, int],
    opts: Options,
) -> tuple[tuple[Suggestion, ...], float]:
    a = p.a
    m_count = len(p.codes)
    n = p.prior.copy()
    np.add.at(n, assignment, hg)
    final = _scores(predictor, p, n)  # as placed (its own adults counted once)
    size = np.maximum(hg.sum(axis=1), 1.0)
    # a household's chance elsewhere: its adults joining that municipality's arrivals
    elsewhere = _scores(predictor, p, n + 1.0) / size[:, None]
    chance_here = final[np.arange(assignment.size), assignment] / size
    placed = np.bincount(assignment, minlength=m_count)
    full = placed >= p.capacity
    out = []
    for h in range(assignment.size):
        m = int(assignment[h])
        ranked = [int(x) for x in np.argsort(-elsewhere[h]) if int(x) != m][: opts.next_best]
        alts = []
        for o in ranked:
            if h in fixed:
                why = "fixed"
            elif not p.allowed[h, o]:
                why = "treatment"
            elif np.any(n[o] + hg[h] > p.cap[o] + 1e-9):
                why = "group_cap"
            elif full[o]:
                why = "quota"
            else:
                why = "objective"
            alts.append(Alternative(p.codes[o], float(elsewhere[h, o]), why))
        better = [x for x in alts if x.chance > chance_here[h] + 1e-9]
        out.append(
            Suggestion(
                a.household_ids[h],
                p.codes[m],
                float(chance_here[h]),
                tuple(alts),
                better[0].why_not if better else "",
            )
        )
    expected = float(final[np.arange(assignment.size), assignment].sum())
    return tuple(out), expected


def assign(
    predictor: Predictor,
    a: Adults,
    codes: tuple[str, ...],
    n_groups: int,
    capacity: Ints,
    treatment: Bools,
    special: Bools | None = None,
    fixed: dict[int, int] | None = None,
    prior: Floats | None = None,
    options: Options | None = None,
) -> Outcome:
    """Assign every household in ``a``: ``capacity`` per municipality (households),
    ``special[h]``: needs treatment services, ``fixed``: household index → municipality index
    (counts against the capacity), ``prior``: adults of each group already placed this year."""
    started = time.perf_counter()
    opts = options or Options()
    h_count, m_count = len(a.household_ids), len(codes)
    fixed = fixed or {}
    allowed = np.ones((h_count, m_count), dtype=bool)
    if special is not None:
        allowed[special] &= treatment.astype(bool)[None, :]
    for h, m in fixed.items():
        allowed[h] = False
        allowed[h, m] = True
    cap = opts.group_cap if opts.group_cap is not None else np.full((m_count, n_groups), np.inf)
    prior_ = prior if prior is not None else np.zeros((m_count, n_groups))
    cap = np.maximum(cap, prior_)  # a cap already passed blocks more, never those placed
    if int(capacity.sum()) < h_count:
        raise Infeasible(f"{h_count} households but room for {int(capacity.sum())}")
    t = time.perf_counter()
    logit = predictor.base_logit(a)
    problem = _Problem(a, codes, n_groups, capacity.astype(np.int64), allowed, prior_, cap, logit)
    base_seconds = time.perf_counter() - t
    ref = prior_ + 1.0
    best: tuple[Ints, float, float, int, dict[str, float]] | None = None
    best_value = -math.inf
    hg = household_groups(a, n_groups)
    for _round in range(opts.rounds if opts.context else 1):
        try:
            solved = _solve(predictor, problem, opts, started, ref)
        except Infeasible:
            if best is None:
                raise
            break
        # the model's own figure for the assignment (same-year effects exact)
        n = prior_.copy()
        np.add.at(n, solved[0], hg)
        value = float(_scores(predictor, problem, n)[np.arange(h_count), solved[0]].sum())
        if value <= best_value:
            break  # no better than the last round: the linearisation has settled
        best, best_value = solved, value
        # the next round linearises around this assignment's arrivals
        ref = np.maximum(n, prior_ + 1.0)
        if time.perf_counter() - started > opts.time_limit / 2:
            break
    assert best is not None
    assignment, bound, objective, fractional, timings = best
    timings["predict"] = base_seconds + timings.pop("scores")
    t = time.perf_counter()
    suggestions, expected = _reasons(predictor, problem, assignment, hg, fixed, opts)
    timings["reasons"] = time.perf_counter() - t
    return Outcome(
        assignment,
        suggestions,
        expected,
        bound,
        objective,
        fractional,
        time.perf_counter() - started,
        timings,
    )


def paced_capacity(remaining: Ints, this_week: int, expected_left: int, slack: float) -> Ints:
    """Each municipality's room this week: its remaining quota in proportion to this week's
    share of the arrivals still expected, rounded up, plus ``slack`` of that."""
    if expected_left <= 0:
        return remaining.copy()
    share = min(1.0, this_week / expected_left)
    out: Ints = np.minimum(remaining, np.ceil(remaining * share * (1.0 + slack))).astype(np.int64)
    return out


@dataclass(frozen=True)
class OnlineOutcome:
    assignment: Ints  # household index (of the whole year's ``a``) → municipality index
    weeks: tuple[tuple[int, int, float], ...]  # (week, households, seconds)
    over_quota: int = 0  # places beyond the quotas (only when late special needs forced it)


def assign_online(
    predictor: Predictor,
    a: Adults,
    weeks: Ints,  # per household: its arrival week
    codes: tuple[str, ...],
    n_groups: int,
    quota: Ints,
    treatment: Bools,
    special: Bools | None = None,
    slack: float = 0.25,
    pace: bool = True,
    options: Options | None = None,
) -> OnlineOutcome:
    """Week by week: each week's households are assigned knowing only those placed before.
    With ``pace``, a municipality takes this week at most its remaining quota in proportion to
    the week's share of the arrivals still expected (the year's quotas sum to them)."""
    m_count = len(codes)
    h_count = len(a.household_ids)
    out = np.full(h_count, -1, dtype=np.int64)
    placed = np.zeros(m_count, dtype=np.int64)
    prior = np.zeros((m_count, n_groups))
    hg_all = household_groups(a, n_groups)
    treat = treatment.astype(bool)
    seen = seen_special = over = 0
    log = []
    for week in sorted(set(weeks.tolist())):
        hh = np.flatnonzero(weeks == week)
        started = time.perf_counter()
        sel = np.isin(a.household, hh)
        local = {int(h): i for i, h in enumerate(hh)}
        sub = subset(
            a,
            sel,
            np.array([local[int(h)] for h in a.household[sel]], dtype=np.int64),
            tuple(a.household_ids[int(h)] for h in hh),
        )
        remaining = np.maximum(quota - placed, 0)
        expected_left = int(remaining.sum())
        capacity = paced_capacity(remaining, hh.size, expected_left, slack) if pace else remaining
        sp_week = special[hh] if special is not None else np.zeros(hh.size, dtype=bool)
        # keep room with treatment services for those needing it later in the year: the share
        # seen so far (at least 5 %), times 1.5, of the households still expected after this week
        seen_special += int(sp_week.sum())
        seen += hh.size
        rate = max(0.05, seen_special / max(1, seen))
        reserve = math.ceil(1.5 * rate * max(0, expected_left - hh.size))
        attempts = [_reserved(capacity, remaining, treat, reserve, int(sp_week.sum())), capacity]
        attempts += [remaining, remaining + np.where(treat, int(sp_week.sum()), 0)]
        res = None
        for k, room in enumerate(attempts):
            try:
                res = assign(
                    predictor,
                    sub,
                    codes,
                    n_groups,
                    room,
                    treatment,
                    sp_week,
                    prior=prior,
                    options=options,
                )
            except Infeasible:
                continue
            if k == len(attempts) - 1:
                over += int(
                    np.maximum(
                        0, placed + np.bincount(res.assignment, minlength=m_count) - quota
                    ).sum()
                )
            break
        if res is None:
            raise Infeasible(f"week {week}: no assignment holds the rules")
        out[hh] = res.assignment
        np.add.at(placed, res.assignment, 1)
        np.add.at(prior, res.assignment, hg_all[hh])
        log.append((int(week), int(hh.size), time.perf_counter() - started))
    return OnlineOutcome(out, tuple(log), over)


def _reserved(capacity: Ints, remaining: Ints, treat: Bools, reserve: int, needy: int) -> Ints:
    """``capacity`` with the treatment municipalities' room this week lowered so that at least
    ``reserve`` of their remaining quota is left after it (never below this week's ``needy``)."""
    room_t = int(capacity[treat].sum())
    keep = int(remaining[treat].sum()) - reserve
    allowed = max(needy, min(room_t, keep))
    if allowed >= room_t or room_t == 0:
        return capacity
    out = capacity.copy()
    scaled = np.floor(capacity[treat] * allowed / room_t).astype(np.int64)
    short = allowed - int(scaled.sum())
    order = np.argsort(-(capacity[treat] - scaled), kind="stable")[:short]
    scaled[order] += 1
    out[treat] = scaled
    return out


def quota_random(quota: Ints, treatment: Bools, special: Bools, rng: np.random.Generator) -> Ints:
    """The comparison: households dealt at random to the quotas' places (those needing
    treatment services to places in municipalities that have them)."""
    slots = np.repeat(np.arange(quota.size), np.maximum(quota, 0))
    out = np.full(special.size, -1, dtype=np.int64)
    with_treatment = rng.permutation(slots[treatment.astype(bool)[slots]])
    needy = np.flatnonzero(special)
    if needy.size > with_treatment.size:
        raise Infeasible("more households need treatment services than those places")
    out[needy] = with_treatment[: needy.size]
    rest = rng.permutation(
        np.concatenate([with_treatment[needy.size :], slots[~treatment.astype(bool)[slots]]])
    )
    others = np.flatnonzero(~special)
    if others.size > rest.size:
        raise Infeasible(f"{special.size} households but room for {slots.size}")
    out[others] = rest[: others.size]
    return out
