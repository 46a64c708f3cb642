"""The placement MILP (HOU-3), solved with HiGHS through highspy.

Variables (every one over the candidate pairs only; see ``candidate_pairs``):

- ``x[h,d]`` binary: household h gets dwelling d;
- ``o[a] >= 0``: households placed in area a over its headroom (soft spread; only for areas
  whose candidates could exceed the headroom);
- ``z[a,g]`` binary: some household of group g is placed in area a, and ``s[a,g] >= 0`` the
  shortfall of that group there (only where ``existing[a,g] < k``; otherwise nobody of g can
  be short of company in a).

Constraints:

- each household at most one dwelling, each dwelling at most one household;
- as many placed as the largest feasible assignment (``greedy.max_placement``): placing as
  many as possible comes first (lexicographically), the soft goals second. A household
  placed in every largest assignment gets an equality row (exactly one dwelling); the others
  ("flexible") share one count row. (One count row over all pairs is dense and made HiGHS's
  presolve several times slower.)
- spread: ``sum_{d in a} x[h,d] - o[a] <= headroom[a]``; hard-cap mode: ``<= headroom[a]``
  and no ``o``;
- not alone: ``sum_{d in a} x[h,d] <= z[a,g]`` for each household h of g with a candidate in a,
  and ``s[a,g] >= (k + 1) z[a,g] - existing[a,g] - sum_{h in g, d in a} x[h,d]`` (k + 1
  because the household itself is counted).

Objective (maximise): ``sum score[h,d] x[h,d] - w_spread sum o - w_not_alone sum s``, which
equals ``scoring.evaluate`` on the integer solution.

Solving, in stages, each only while the gap is above ``options.gap`` and time is left:

1. flow LP: the LP without the not-alone cost. Its matrix is a network matrix (two laminar
   families of rows: households with the count row; dwellings within areas), so its solution
   is an assignment, and its value is an upper bound (the shortfall only costs). When the
   not-alone goal costs nothing there, this is the optimum, found in about a second.
2. lp: the full LP relaxation, warm-started from the flow LP's basis; a tighter bound.
3. dive: each not-alone indicator z fixed by rounding the LP's (>= 0.5: open), then the MIP.
4. rens: the MIP restricted to the pairs the LP solution uses, warm-started from the best.
5. mip: the full MIP, warm-started from the best so far.

Greedy's assignment (or a largest one) is the incumbent from the start. On the synthetic
batches the LP bound was tight (equal to the optimum) while the MIP struggled to find primal
solutions: HiGHS alone spent tens of seconds in root cut rounds before its own sub-MIP found
the solution the LP pointed at. The status is "optimal" (gap <= 1e-6), "gap_limit"
(gap <= options.gap) or "time_limit".

Pruning: see ``candidate_pairs``. The pairs of the greedy assignment and of a largest
assignment are always kept, so the MILP places as many as possible and is never worse than
greedy. The reported bound is the bound of the pruned model (a pair left out could in
principle score better).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

from .model import Weights
from .rules import Bools, Floats, Instance, Ints


@dataclass(frozen=True)
class MilpOutcome:
    assignment: dict[int, int] | None  # None: HiGHS found no solution
    objective: float
    bound: float
    status: str
    seconds: float
    columns: int
    rows: int
    stages: str  # the HiGHS runs made, e.g. "flow+lp+dive"
    stage_seconds: dict[str, float]


@dataclass(frozen=True)
class Candidates:
    ph: Ints  # household index per pair
    pd: Ints  # dwelling index per pair
    pruned: bool  # some feasible pair was left out
    top_k: int | None  # the values used (per_area and top_k lowered to fit max_pairs)
    per_area: int


def candidate_pairs(
    inst: Instance,
    scores: Floats,
    keep: list[dict[int, int]],
    top_k: int | None,
    per_area: int = 0,
    max_pairs: int | None = None,
) -> Candidates:
    """The (household, dwelling) pairs the MILP decides on: each household's ``top_k`` best
    dwellings by pair points, plus its ``per_area`` best in every area (so the spread and
    not-alone goals can still move it to any area), plus the pairs of the assignments in
    ``keep``. With ``max_pairs``, ``per_area`` and then ``top_k`` are lowered until the pairs
    fit (the LP grows faster than linearly in them)."""
    feasible = inst.feasible
    if top_k is None:
        ph, pd = np.nonzero(feasible)
        return Candidates(ph.astype(np.int64), pd.astype(np.int64), False, None, per_area)
    # Each feasible pair's rank among the household's candidates, overall and in its area.
    ph, pd = np.nonzero(feasible)
    overall = np.empty(ph.size, dtype=np.int64)
    in_area = np.empty(ph.size, dtype=np.int64)
    bounds = np.r_[0, np.cumsum(feasible.sum(axis=1))]
    for h in range(inst.n_households):
        lo, hi = int(bounds[h]), int(bounds[h + 1])
        if lo == hi:
            continue
        sc = scores[h, pd[lo:hi]]
        order = np.argsort(-sc, kind="stable")
        overall[lo + order] = np.arange(hi - lo)
        areas = inst.dwelling_area[pd[lo:hi]]
        by_area = np.lexsort((-sc, areas))
        sorted_areas = areas[by_area]
        starts = np.flatnonzero(np.r_[True, sorted_areas[1:] != sorted_areas[:-1]])
        group_start = np.repeat(starts, np.diff(np.r_[starts, hi - lo]))
        in_area[lo + by_area] = np.arange(hi - lo) - group_start
    kept = np.zeros(feasible.shape, dtype=np.bool_)
    for assignment in keep:
        for hh, dd in assignment.items():
            kept[hh, dd] = True
    kept_pairs = kept[ph, pd]

    def chosen(k: int, per: int) -> Bools:
        return (overall < k) | (in_area < per) | kept_pairs

    k, per = top_k, per_area
    mask = chosen(k, per)
    while max_pairs is not None and int(mask.sum()) > max_pairs and (per > 0 or k > 1):
        if per > 0:
            per -= 1
        else:
            k = max(1, min(k - 1, max_pairs // max(1, inst.n_households)))
        mask = chosen(k, per)
    return Candidates(
        ph[mask].astype(np.int64),
        pd[mask].astype(np.int64),
        bool((~mask).any()),
        k,
        per,
    )


def solve_milp(
    inst: Instance,
    weights: Weights,
    scores: Floats,
    ph: Ints,
    pd: Ints,
    largest: dict[int, int],
    flexible: set[int],
    warm: dict[int, int] | None,
) -> MilpOutcome:
    """Solve over the candidate pairs ``(ph, pd)``, placing as many as ``largest``: every
    household placed there but not in ``flexible`` is placed (its row is an equality), and the
    flexible ones fill the rest (a count row over their pairs only: a row over all pairs would
    be dense and slows HiGHS's presolve down many times)."""
    started = time.perf_counter()
    opts = inst.options
    k = opts.not_alone_k
    hard = opts.spread_mode == "hard"
    H, D, A = inst.n_households, inst.n_dwellings, inst.n_areas
    G = len(inst.groups)
    P = len(ph)
    pa = inst.dwelling_area[pd]
    pg = inst.group[ph]

    # Spread rows: areas whose candidates could exceed the headroom.
    cand_by_area = np.bincount(pa, minlength=A)
    spread_areas = np.flatnonzero(cand_by_area > inst.headroom)
    if not hard and weights.spread <= 0:
        spread_areas = spread_areas[:0]
    n_rows = H + D + 1
    spread_row = np.full(A, -1, dtype=np.int64)
    spread_row[spread_areas] = n_rows + np.arange(len(spread_areas))
    n_rows += len(spread_areas)

    # Not-alone: (area, group) pairs with existing < k and a candidate.
    has_group = pg >= 0
    ag_key = np.where(has_group, pa * max(G, 1) + pg, -1)
    need = np.zeros(A * max(G, 1), dtype=np.bool_)
    if G and weights.not_alone > 0:
        need_ag = (inst.existing_group < k).ravel()
        need[ag_key[has_group]] = need_ag[ag_key[has_group]]
    ag_list = np.flatnonzero(need)
    ag_index = np.full(A * max(G, 1), -1, dtype=np.int64)
    ag_index[ag_list] = np.arange(len(ag_list))
    n_ag = len(ag_list)
    p_ag = np.where(has_group, ag_index[np.maximum(ag_key, 0)], -1)
    short_row_of_ag = n_rows + np.arange(n_ag)
    n_rows += n_ag
    # link rows per (household, area) whose group is modelled in that area (one row per
    # (area, group) with a big coefficient on z is smaller but its RENS solutions were poor)
    modelled = p_ag >= 0
    link_keys, link_inverse = np.unique((ph * A + pa)[modelled], return_inverse=True)
    link_row_of_pair = np.full(P, -1, dtype=np.int64)
    link_row_of_pair[modelled] = n_rows + link_inverse
    link_ag = np.zeros(len(link_keys), dtype=np.int64)
    if len(link_keys):
        first = np.zeros(len(link_keys), dtype=np.int64)
        first[link_inverse] = np.flatnonzero(modelled)
        link_ag = p_ag[first]
    n_links = len(link_keys)
    link_rows = n_rows + np.arange(n_links)
    n_rows += n_links

    # Columns: x (P), o (spread areas, soft only), z (n_ag), s (n_ag).
    n_o = 0 if hard else len(spread_areas)
    col_o = P
    col_z = col_o + n_o
    col_s = col_z + n_ag
    n_cols = col_s + n_ag

    rows_l: list[Ints] = []
    cols_l: list[Ints] = []
    vals_l: list[Floats] = []

    def add(r: Ints, c: Ints, v: Floats | float) -> None:
        rows_l.append(r.astype(np.int64))
        cols_l.append(c.astype(np.int64))
        vals_l.append(np.broadcast_to(np.asarray(v, dtype=np.float64), r.shape).copy())

    xs = np.arange(P, dtype=np.int64)
    add(ph, xs, 1.0)  # household rows
    add(H + pd, xs, 1.0)  # dwelling rows
    n_required = len(largest)
    must = np.zeros(H, dtype=np.bool_)
    must[[h for h in largest if h not in flexible]] = True
    is_flexible = ~must[ph]
    add(np.full(int(is_flexible.sum()), H + D), xs[is_flexible], 1.0)  # count row
    in_spread = spread_row[pa] >= 0
    add(spread_row[pa][in_spread], xs[in_spread], 1.0)
    add(short_row_of_ag[p_ag[modelled]], xs[modelled], 1.0)
    add(link_row_of_pair[modelled], xs[modelled], 1.0)
    if n_o:
        add(spread_row[spread_areas], col_o + np.arange(n_o), -1.0)
    if n_ag:
        zs = col_z + np.arange(n_ag)
        add(short_row_of_ag, zs, -(k + 1.0))
        add(link_rows, col_z + link_ag, -1.0)
        add(short_row_of_ag, col_s + np.arange(n_ag), 1.0)

    row_idx = np.concatenate(rows_l)
    col_idx = np.concatenate(cols_l)
    coef = np.concatenate(vals_l)
    order = np.lexsort((row_idx, col_idx))
    row_idx, col_idx, coef = row_idx[order], col_idx[order], coef[order]
    start = np.zeros(n_cols + 1, dtype=np.int32)
    start[1:] = np.cumsum(np.bincount(col_idx, minlength=n_cols))

    inf = highspy.kHighsInf
    row_lower = np.full(n_rows, -inf)
    row_upper = np.full(n_rows, inf)
    row_upper[: H + D] = 1.0
    row_lower[:H][must] = 1.0
    row_lower[H + D] = n_required - int(must.sum())
    row_upper[spread_row[spread_areas]] = inst.headroom[spread_areas]
    if n_ag:
        ag_a, ag_g = np.divmod(ag_list, max(G, 1))
        row_lower[short_row_of_ag] = -inst.existing_group[ag_a, ag_g].astype(np.float64)
    row_upper[link_rows] = 0.0

    cost = np.zeros(n_cols)
    cost[:P] = scores[ph, pd]
    cost[col_o : col_o + n_o] = -weights.spread
    cost[col_s:] = -weights.not_alone
    lower = np.zeros(n_cols)
    upper = np.ones(n_cols)
    upper[col_o : col_o + n_o] = inf
    upper[col_s:] = k + 1.0
    integrality = np.zeros(n_cols, dtype=np.int32)
    integrality[:P] = 1
    integrality[col_z:col_s] = 1

    lp = highspy.HighsLp()
    lp.num_col_ = n_cols
    lp.num_row_ = n_rows
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = row_lower
    lp.row_upper_ = row_upper
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = row_idx.astype(np.int32)
    lp.a_matrix_.value_ = coef
    deadline = started + float(opts.time_limit)
    kinds = [highspy.HighsVarType(int(i)) for i in integrality]
    z_cols = np.arange(col_z, col_s)
    s_cols = np.arange(col_s, n_cols)

    def as_vector(assignment: dict[int, int]) -> Floats:
        """The column values of an assignment (o, z and s at their best for it)."""
        pair_col = {(int(a), int(b)): i for i, (a, b) in enumerate(zip(ph, pd, strict=True))}
        sol = np.zeros(n_cols)
        for hh, dd in assignment.items():
            sol[pair_col[(hh, dd)]] = 1.0
        x = sol[:P]
        placed_area = np.bincount(pa, weights=x, minlength=A)
        if n_o:
            sol[col_o : col_o + n_o] = np.maximum(
                0.0, placed_area[spread_areas] - inst.headroom[spread_areas]
            )
        if n_ag:
            placed_ag = np.bincount(p_ag[modelled], weights=x[modelled], minlength=n_ag)
            z = (placed_ag > 0.5).astype(np.float64)
            ag_a, ag_g = np.divmod(ag_list, max(G, 1))
            e = inst.existing_group[ag_a, ag_g]
            sol[col_z:col_s] = z
            sol[col_s:] = np.maximum(0.0, (k + 1) * z - e - placed_ag)
        return sol

    def assignment_of(values: Floats) -> dict[int, int]:
        return {int(ph[i]): int(pd[i]) for i in np.flatnonzero(values[:P] > 0.5)}

    def integral(values: Floats) -> bool:
        x = values[:P]
        return bool(np.all(np.minimum(x, 1.0 - x) < 1e-6))

    def highs() -> highspy.Highs:
        h = highspy.Highs()
        h.setOptionValue("output_flag", bool(opts.log))
        h.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        h.setOptionValue("mip_rel_gap", float(opts.gap))
        h.setOptionValue("threads", int(opts.threads))
        h.setOptionValue("random_seed", 0)
        return h

    def solve_mip(
        col_lower: Floats, col_upper: Floats, start: Floats | None
    ) -> tuple[Any, Any, Floats | None]:
        """One MIP run over the model with these column bounds: (status, info, values)."""
        lp.col_cost_ = cost
        lp.col_lower_ = col_lower
        lp.col_upper_ = col_upper
        lp.integrality_ = kinds
        h = highs()
        h.passModel(lp)
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = start.tolist()
            solution.value_valid = True
            h.setSolution(solution)
        h.run()
        info: Any = h.getInfo()
        found = info.primal_solution_status == 2  # kSolutionStatusFeasible
        return h.getModelStatus(), info, np.asarray(h.getSolution().col_value) if found else None

    stages: list[str] = []
    stage_seconds: dict[str, float] = {}
    clock = [time.perf_counter()]

    def stage(name: str) -> None:
        now = time.perf_counter()
        stages.append(name)
        stage_seconds[name] = round(now - clock[0], 3)
        clock[0] = now

    best: Floats | None = None
    best_value = -math.inf
    bound = math.inf

    def offer(values: Floats | None) -> None:
        """Keep ``values`` if it is a better assignment (re-derived, so o, z, s are exact)."""
        nonlocal best, best_value
        if values is None:
            return
        assignment = assignment_of(values)
        if len(assignment) != n_required:
            return
        vector = as_vector(assignment)
        value = float(cost @ vector)
        if value > best_value + 1e-9:
            best, best_value = vector, value

    def gap_now() -> float:
        return max(0.0, bound - best_value) / max(1.0, abs(best_value))

    def time_left() -> bool:
        return time.perf_counter() < deadline - 0.1

    if warm is not None and len(warm) == n_required:
        offer(as_vector(warm))

    # 1. The flow LP: the not-alone shortfall left out of the objective. Without it the
    # constraint matrix is a network matrix, so the LP solution is an assignment (integral),
    # and its value bounds the full objective from above (the shortfall only costs).
    flow_cost = cost.copy()
    flow_cost[s_cols] = 0.0
    lp.col_cost_ = flow_cost
    lp.integrality_ = []
    h_lp = highs()
    h_lp.passModel(lp)
    h_lp.run()
    stage("flow")
    lp_values: Floats | None = None
    if h_lp.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        bound = float(h_lp.getInfo().objective_function_value)
        flow_values = np.asarray(h_lp.getSolution().col_value)
        if integral(flow_values):
            offer(flow_values)
        lp_values = flow_values
        # 2. The LP relaxation of the full model, warm-started from the flow LP's basis.
        if n_ag and gap_now() > opts.gap and time_left():
            h_lp.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
            h_lp.changeColsCost(len(s_cols), s_cols.astype(np.int32), cost[s_cols])
            h_lp.run()
            stage("lp")
            if h_lp.getModelStatus() == highspy.HighsModelStatus.kOptimal:
                bound = min(bound, float(h_lp.getInfo().objective_function_value))
                lp_values = np.asarray(h_lp.getSolution().col_value)
                if integral(lp_values):
                    offer(lp_values)
            else:
                lp_values = None

    # 3. Dive: fix each not-alone indicator z by rounding the LP's, then solve the MIP over x.
    if n_ag and lp_values is not None and gap_now() > opts.gap and time_left():
        dive_lower, dive_upper = lower.copy(), upper.copy()
        open_ = lp_values[z_cols] >= 0.5
        dive_lower[z_cols[open_]] = 1.0
        dive_upper[z_cols[~open_]] = 0.0
        _, _, values = solve_mip(dive_lower, dive_upper, None)
        stage("dive")
        offer(values)

    # 4. RENS: the MIP restricted to the pairs the LP solution uses (and the best so far's).
    if lp_values is not None and gap_now() > opts.gap and time_left():
        keep = lp_values[:P] > 1e-6
        if best is not None:
            keep |= best[:P] > 0.5
        restricted = upper.copy()
        restricted[:P][~keep] = 0.0
        _, _, values = solve_mip(lower, restricted, best)
        stage("rens")
        offer(values)

    # 5. The full MIP, warm-started from the best so far.
    if (best is None or gap_now() > opts.gap) and time_left():
        status, info, values = solve_mip(lower, upper, best)
        stage("mip")
        offer(values)
        if status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit):
            mip_bound = float(info.mip_dual_bound)
            if math.isfinite(mip_bound):
                bound = min(bound, mip_bound)
            if status == highspy.HighsModelStatus.kOptimal:
                bound = min(bound, max(best_value, mip_bound))

    seconds = time.perf_counter() - started
    if best is None:
        return MilpOutcome(
            None,
            math.nan,
            bound,
            "no_solution",
            seconds,
            n_cols,
            n_rows,
            "+".join(stages),
            stage_seconds,
        )
    gap = gap_now()
    status_name = "optimal" if gap <= 1e-6 else "gap_limit" if gap <= opts.gap else "time_limit"
    return MilpOutcome(
        assignment=dict(sorted(assignment_of(best).items())),
        objective=best_value,
        bound=max(bound, best_value),
        status=status_name,
        seconds=seconds,
        columns=n_cols,
        rows=n_rows,
        stages="+".join(stages),
        stage_seconds=stage_seconds,
    )
