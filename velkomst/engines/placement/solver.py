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
- ``sum x = n_max``: exactly as many placed as the largest feasible assignment (computed
  before by ``greedy.max_placement``): placing as many as possible comes first
  (lexicographically), the soft goals second;
- spread: ``sum_{d in a} x[h,d] - o[a] <= headroom[a]``; hard-cap mode: ``<= headroom[a]``
  and no ``o``;
- not alone: ``sum_{d in a} x[h,d] <= z[a,g]`` for each household h of g with a candidate in a,
  and ``s[a,g] >= (k + 1) z[a,g] - existing[a,g] - sum_{h in g, d in a} x[h,d]`` (k + 1
  because the household itself is counted).

Objective (maximise): ``sum score[h,d] x[h,d] - w_spread sum o - w_not_alone sum s``, which
equals ``scoring.evaluate`` on the integer solution.

Solving, in up to three HiGHS runs within ``options.time_limit``:

1. the LP relaxation: its value is the bound; if its solution is integral it is optimal;
2. RENS: the MIP restricted to the pairs the LP solution uses (plus the warm start's), warm
   started from greedy; small, so fast, and on these instances usually within the gap;
3. the full MIP, warm-started from the best so far, only while the gap is above
   ``options.gap``.

The status is "optimal" (gap <= 1e-6), "gap_limit" (gap <= options.gap) or "time_limit".
(Solving the MIP directly spent most of its time in root cut rounds before its own RENS found
the solution the LP already pointed at: 37 s against 4 s for 500 households.)

Pruning: with ``top_k`` each household keeps its K best dwellings by pair points; the pairs of
the greedy assignment and of a maximum assignment are always added, so the MILP can place as
many as possible and is never worse than greedy. The reported bound is the bound of the pruned
model (a pair left out could in principle score better).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

from .model import Weights
from .rules import Floats, Instance, Ints


@dataclass(frozen=True)
class MilpOutcome:
    assignment: dict[int, int] | None  # None: HiGHS found no solution
    objective: float
    bound: float
    status: str
    seconds: float
    columns: int
    rows: int
    stages: str  # the HiGHS runs made: "lp", "rens", "mip"


def candidate_pairs(
    inst: Instance, scores: Floats, top_k: int | None, keep: list[dict[int, int]]
) -> tuple[Ints, Ints, bool]:
    """The (household, dwelling) index pairs the MILP decides on, and whether any feasible pair
    was left out."""
    feasible = inst.feasible.copy()
    pruned = False
    if top_k is not None and inst.n_dwellings > top_k:
        counts = feasible.sum(axis=1)
        for h in np.flatnonzero(counts > top_k):
            cand = np.flatnonzero(feasible[h])
            best = cand[np.argpartition(-scores[h, cand], top_k - 1)[:top_k]]
            feasible[h] = False
            feasible[h, best] = True
            pruned = True
        for assignment in keep:
            for hh, dd in assignment.items():
                feasible[hh, dd] = True
    ph, pd = np.nonzero(feasible)
    return ph.astype(np.int64), pd.astype(np.int64), pruned


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
    # link rows per (household, area) whose group is modelled in that area
    modelled = p_ag >= 0
    ha_key = ph * A + pa
    link_keys, link_inverse = np.unique(ha_key[modelled], return_inverse=True)
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

    def as_vector(assignment: dict[int, int]) -> Floats:
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

    def run(
        integral: bool, col_upper: Floats, start: Floats | None
    ) -> tuple[Any, Any, Floats | None]:
        """One HiGHS run; returns the model status, the info and the column values (None
        without a solution)."""
        lp.col_upper_ = col_upper
        lp.integrality_ = kinds if integral else []
        h = highspy.Highs()
        h.setOptionValue("output_flag", bool(opts.log))
        h.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        h.setOptionValue("mip_rel_gap", float(opts.gap))
        h.setOptionValue("threads", int(opts.threads))
        h.setOptionValue("random_seed", 0)
        h.passModel(lp)
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = start.tolist()
            solution.value_valid = True
            h.setSolution(solution)
        h.run()
        info: Any = h.getInfo()
        feasible = info.primal_solution_status == 2  # kSolutionStatusFeasible
        values = np.asarray(h.getSolution().col_value) if feasible else None
        return h.getModelStatus(), info, values

    kinds = [highspy.HighsVarType(int(i)) for i in integrality]
    start_vec = as_vector(warm) if warm is not None and len(warm) == n_required else None
    stages = []

    # 1. The LP relaxation: its value bounds every assignment over the candidate pairs.
    status, info, values = run(False, upper, None)
    stages.append("lp")
    bound = math.inf
    best: Floats | None = start_vec
    best_value = -math.inf if start_vec is None else float(cost @ start_vec)
    if status == highspy.HighsModelStatus.kOptimal and values is not None:
        bound = float(info.objective_function_value)
        x_lp = values[:P]
        integral_lp = np.all(
            np.abs(values[integrality == 1] - np.round(values[integrality == 1])) < 1e-6
        )
        if integral_lp:
            best, best_value = np.round(values), bound
        else:
            # 2. RENS: the MIP restricted to the pairs the LP uses (and the warm start's).
            keep = x_lp > 1e-6
            if start_vec is not None:
                keep |= start_vec[:P] > 0.5
            restricted = upper.copy()
            restricted[:P][~keep] = 0.0
            _, info2, values2 = run(True, restricted, start_vec)
            stages.append("rens")
            if values2 is not None and float(cost @ values2) > best_value:
                best, best_value = values2, float(cost @ values2)

    def gap_of(value: float) -> float:
        return max(0.0, bound - value) / max(1.0, abs(value))

    # 3. The full MIP, warm-started, when the gap is still open and time is left.
    if (best is None or gap_of(best_value) > opts.gap) and time.perf_counter() < deadline - 0.1:
        status3, info3, values3 = run(True, upper, best)
        stages.append("mip")
        if values3 is not None and float(cost @ values3) > best_value:
            best, best_value = values3, float(cost @ values3)
        if status3 in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit):
            mip_bound = float(info3.mip_dual_bound)
            if math.isfinite(mip_bound):
                bound = min(bound, mip_bound)
            if status3 == highspy.HighsModelStatus.kOptimal:
                bound = min(bound, max(best_value, mip_bound))

    seconds = time.perf_counter() - started
    if best is None:
        return MilpOutcome(
            None, math.nan, bound, "no_solution", seconds, n_cols, n_rows, "+".join(stages)
        )
    gap = gap_of(best_value)
    status_name = "optimal" if gap <= 1e-6 else "gap_limit" if gap <= opts.gap else "time_limit"
    chosen = np.flatnonzero(best[:P] > 0.5)
    assignment = {int(ph[i]): int(pd[i]) for i in chosen}
    return MilpOutcome(
        assignment=dict(sorted(assignment.items())),
        objective=best_value,
        bound=bound,
        status=status_name,
        seconds=seconds,
        columns=n_cols,
        rows=n_rows,
        stages="+".join(stages),
    )
