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
  because the household itself is counted). As a hard rule (``not_alone_mode="hard"``) s is
  fixed at 0: a household of g is placed in a only if at least k others of g live there or are
  placed there in the same run. This is exact, so every feasible incumbent, whatever the gap at
  which HiGHS stops, keeps the rule.

With "not alone" as a hard rule the largest number placeable is no longer a flow: ``engine``
first solves the pure max-placed problem with this model (every pair point 1, the goals'
weights 0, ``n_required`` 0), then this model with the count row at that number and every
household flexible. ``valid`` re-checks every hard rule of any assignment offered as an
incumbent (the flow LP's, greedy's), so none breaking one is ever kept.

Objective (maximise): ``sum score[h,d] x[h,d] - w_spread sum o - w_not_alone sum s``, which
equals ``scoring.evaluate`` on the integer solution.

Solving, in stages, each only while the gap is above ``options.gap`` and time is left:

1. flow: the LP with the not-alone part switched off (its rows relaxed, z fixed at 1, s
   free of cost). The feasible set is then a flow polytope (two laminar families of rows:
   households with the count row; dwellings within areas) times a box, so the LP's solution
   is an assignment, and its value an upper bound. When the not-alone goal costs nothing
   there, this is the optimum, in about a second.
2. lp: the not-alone part switched on in the same HiGHS model (warm start, dual simplex).
2b. zfix (not alone a hard rule): z fixed at the best assignment's, then the MIP.
3. dive: each not-alone indicator z fixed by rounding the LP's (>= 0.5: open), then the MIP.
4. rens: the MIP restricted to the pairs the LP solution uses, warm-started from the best.
5. mip: the full MIP, warm-started from the best so far.

Pricing (column generation) after stages 1 and 2: the reduced cost c - A^T y of every
feasible pair left out (a link row it would need has dual 0) is computed with numpy; the best
``pricing_per_round`` per household with a positive one are added to the live model and the
LP re-solved (primal simplex: 0.2 s where the dual simplex took 7 s). When none is left, the
LP value bounds every assignment over all feasible pairs: ``bound_all_pairs``. Stage 1 may
price until 30 % of the time limit, stage 2 until 50 %.

Greedy's assignment (or a largest one) is the incumbent from the start. On the synthetic
batches of 500 households the LP bound was tight (equal to the optimum) while HiGHS's MIP
struggled to find primal solutions: it spent tens of seconds in root cut rounds before its
own sub-MIP found the solution the LP pointed at; the dive finds it in seconds. On small
batches (tens of households) the LP bound can be several per cent above the optimum, and
stage 5 closes it. The status is "optimal" (gap <= 1e-6), "gap_limit" (gap <= options.gap)
or "time_limit", by the gap over the model's pairs.

Pruning: see ``candidate_pairs``. The pairs of the greedy assignment and of a largest
assignment are always kept, so the MILP places as many as possible and is never worse than
greedy.
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
    bound: float  # over the model's pairs
    bound_all_pairs: float  # over every feasible pair (inf: not known)
    status: str
    seconds: float
    columns: int
    rows: int
    stages: str  # the HiGHS runs made, e.g. "flow+lp+dive"
    stage_seconds: dict[str, float]
    priced: int  # pairs added by pricing


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
    per_dwelling: int = 0,
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
    if per_dwelling > 0 and inst.n_households:
        # each dwelling's best households too: when preferences agree, the households' own
        # top lists crowd onto the same few dwellings and leave the rest without candidates
        masked = np.where(feasible, scores, -np.inf)
        n = min(per_dwelling, inst.n_households)
        top = np.argpartition(-masked, n - 1, axis=0)[:n]
        cols = np.broadcast_to(np.arange(inst.n_dwellings), top.shape)
        kept[top, cols] = True
        kept &= feasible
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


class _Model:
    """The MILP's rows and columns, grown by pricing. Layout:

    rows: households (H) | dwellings (D) | count (1) | spread (per capped area) |
          shortfall (per area and group with existing < k) | links (per household and area,
          appended as pairs are added);
    columns: o (soft spread, per spread row) | z, s (per shortfall row) | x (pairs, appended).
    """

    def __init__(
        self,
        inst: Instance,
        weights: Weights,
        scores: Floats,
        largest: dict[int, int],
        flexible: set[int],
    ) -> None:
        opts = inst.options
        self.inst, self.scores = inst, scores
        self.k = opts.not_alone_k
        H, D, A = inst.n_households, inst.n_dwellings, inst.n_areas
        G = max(len(inst.groups), 1)
        self.H, self.D, self.A, self.G = H, D, A, G
        hard = opts.spread_mode == "hard"
        self.hard_not_alone = opts.not_alone_mode == "hard"
        self.n_required = len(largest)
        self.must = np.zeros(H, dtype=np.bool_)
        self.must[[h for h in largest if h not in flexible]] = True

        # spread rows: every area with a cap (hard: a constraint; soft: with a penalty)
        if hard or weights.spread > 0:
            self.spread_areas = np.flatnonzero(np.isfinite(inst.headroom))
        else:
            self.spread_areas = np.zeros(0, dtype=np.int64)
        # shortfall rows: (area, group) with existing < k that some household of the group
        # could reach
        need = np.zeros((A, G), dtype=np.bool_)
        if inst.groups and (weights.not_alone > 0 or self.hard_not_alone):
            reach_ha = np.zeros((H, A), dtype=np.bool_)
            for a in range(A):
                reach_ha[:, a] = inst.feasible[:, inst.dwelling_area == a].any(axis=1)
            for g in range(len(inst.groups)):
                members = inst.group == g
                if members.any():
                    need[:, g] = reach_ha[members].any(axis=0) & (
                        inst.existing_group[:, g] < self.k
                    )
        self.ag_list = np.flatnonzero(need.ravel())
        self.ag_index = np.full(A * G, -1, dtype=np.int64)
        self.ag_index[self.ag_list] = np.arange(len(self.ag_list))
        n_ag = len(self.ag_list)

        self.row_count = H + D
        self.spread_row = np.full(A, -1, dtype=np.int64)
        self.spread_row[self.spread_areas] = H + D + 1 + np.arange(len(self.spread_areas))
        self.short_row0 = H + D + 1 + len(self.spread_areas)
        self.n_rows = self.short_row0 + n_ag
        self.link_row = np.full((H, A), -1, dtype=np.int64)

        self.n_o = 0 if hard else len(self.spread_areas)
        self.col_z0 = self.n_o
        self.col_s0 = self.n_o + n_ag
        self.x0 = self.n_o + 2 * n_ag
        fixed_cost = np.zeros(self.x0)
        fixed_cost[: self.n_o] = -weights.spread
        fixed_cost[self.col_s0 :] = -weights.not_alone
        self.cost = fixed_cost
        self.x_h = np.zeros(0, dtype=np.int64)
        self.x_d = np.zeros(0, dtype=np.int64)
        self.in_model = np.zeros((H, D), dtype=np.bool_)
        self.col_of: dict[tuple[int, int], int] = {}

    @property
    def n_cols(self) -> int:
        return self.x0 + len(self.x_h)

    @property
    def n_ag(self) -> int:
        return len(self.ag_list)

    def pair_ag(self, ph: Ints, pd: Ints) -> Ints:
        """The shortfall index of each pair (-1: none)."""
        g = self.inst.group[ph]
        a = self.inst.dwelling_area[pd]
        return np.where(g >= 0, self.ag_index[a * self.G + np.maximum(g, 0)], -1)

    def fixed_part(self) -> tuple[list[Ints], list[Ints], list[Floats]]:
        """The entries of the o, z and s columns."""
        k = self.k
        rows: list[Ints] = []
        cols: list[Ints] = []
        vals: list[Floats] = []
        if self.n_o:
            rows.append(self.spread_row[self.spread_areas])
            cols.append(np.arange(self.n_o))
            vals.append(np.full(self.n_o, -1.0))
        if self.n_ag:
            short_rows = self.short_row0 + np.arange(self.n_ag)
            rows += [short_rows, short_rows]
            cols += [self.col_z0 + np.arange(self.n_ag), self.col_s0 + np.arange(self.n_ag)]
            vals += [np.full(self.n_ag, -(k + 1.0)), np.ones(self.n_ag)]
        return rows, cols, vals

    def row_bounds(self) -> tuple[Floats, Floats]:
        inst = self.inst
        inf = highspy.kHighsInf
        lower = np.full(self.n_rows, -inf)
        upper = np.full(self.n_rows, inf)
        H, D = self.H, self.D
        upper[: H + D] = 1.0
        lower[:H][self.must] = 1.0
        lower[self.row_count] = self.n_required - int(self.must.sum())
        upper[self.spread_row[self.spread_areas]] = inst.headroom[self.spread_areas]
        if self.n_ag:
            a, g = np.divmod(self.ag_list, self.G)
            lower[self.short_row0 : self.short_row0 + self.n_ag] = -inst.existing_group[
                a, g
            ].astype(np.float64)
        upper[self.short_row0 + self.n_ag :] = 0.0  # links: sum_{d in a} x[h,d] - z <= 0
        return lower, upper

    def new_links(self, ph: Ints, pd: Ints) -> tuple[Ints, Ints]:
        """Create the link rows the pairs need; returns their (row, z column) entries."""
        ag = self.pair_ag(ph, pd)
        a = self.inst.dwelling_area[pd]
        want = (ag >= 0) & (self.link_row[ph, a] < 0)
        keys, first = np.unique(ph[want] * self.A + a[want], return_index=True)
        hs, as_ = np.divmod(keys, self.A)
        rows = self.n_rows + np.arange(len(keys))
        self.link_row[hs, as_] = rows
        self.n_rows += len(keys)
        return rows, self.col_z0 + ag[want][first]

    def add_pairs(self, ph: Ints, pd: Ints) -> tuple[Ints, Ints, Floats, Floats]:
        """Register new x columns; returns their entries (row, column, value) and costs."""
        inst = self.inst
        P0 = len(self.x_h)
        cols = self.x0 + P0 + np.arange(len(ph))
        self.x_h = np.concatenate([self.x_h, ph])
        self.x_d = np.concatenate([self.x_d, pd])
        self.in_model[ph, pd] = True
        for i, (h, d) in enumerate(zip(ph.tolist(), pd.tolist(), strict=True)):
            self.col_of[(h, d)] = P0 + i
        costs = self.scores[ph, pd]
        self.cost = np.concatenate([self.cost, costs])
        a = inst.dwelling_area[pd]
        ag = self.pair_ag(ph, pd)
        rows = [ph, self.H + pd]
        cs = [cols, cols]
        flexible = ~self.must[ph]
        rows.append(np.full(int(flexible.sum()), self.row_count))
        cs.append(cols[flexible])
        sr = self.spread_row[a]
        rows.append(sr[sr >= 0])
        cs.append(cols[sr >= 0])
        rows.append(self.short_row0 + ag[ag >= 0])
        cs.append(cols[ag >= 0])
        lr = self.link_row[ph, a]
        rows.append(lr[lr >= 0])
        cs.append(cols[lr >= 0])
        r = np.concatenate(rows)
        c = np.concatenate(cs)
        return r, c, np.ones(r.size), costs

    def initial_lp(self, ph: Ints, pd: Ints) -> highspy.HighsLp:
        """The flow LP over the pairs: the not-alone part switched off (s costs nothing, its
        rows are relaxed and z is fixed at 1, so the link rows repeat the household rows).
        The feasible set is then the flow polytope times a box, and the LP's vertices are
        assignments. ``restore_not_alone`` switches the part on in a live model."""
        rows, cols, vals = self.fixed_part()
        link_rows, link_z = self.new_links(ph, pd)
        rows.append(link_rows)
        cols.append(link_z)
        vals.append(np.full(len(link_rows), -1.0))
        r, c, v, _ = self.add_pairs(ph, pd)
        rows.append(r)
        cols.append(c)
        vals.append(v)
        row_lower, row_upper = self.row_bounds()
        row_lower[self.short_rows] = -highspy.kHighsInf
        lp = self.lp(
            np.concatenate(rows),
            np.concatenate(cols),
            np.concatenate(vals),
            row_lower,
            row_upper,
            0.0,
        )
        lower = np.asarray(lp.col_lower_)
        lower[self.col_z0 : self.col_s0] = 1.0
        lp.col_lower_ = lower
        return lp

    @property
    def short_rows(self) -> Ints:
        return self.short_row0 + np.arange(self.n_ag)

    def restore_not_alone(self, h: highspy.Highs) -> None:
        """Switch the not-alone part on in a live model made by ``initial_lp``."""
        n = self.n_ag
        z = np.arange(self.col_z0, self.col_s0, dtype=np.int32)
        h.changeColsBounds(n, z, np.zeros(n), np.ones(n))
        row_lower, row_upper = self.row_bounds()
        rows = self.short_rows.astype(np.int32)
        # changeRowsBounds exists in highspy but not in its type stubs
        h.changeRowsBounds(n, rows, row_lower[rows], row_upper[rows])  # type: ignore[attr-defined]
        s_cols = np.arange(self.col_s0, self.x0, dtype=np.int32)
        h.changeColsCost(n, s_cols, self.cost[self.col_s0 : self.x0])

    def column_bounds(self) -> tuple[Floats, Floats]:
        lower = np.zeros(self.n_cols)
        upper = np.ones(self.n_cols)
        upper[: self.n_o] = highspy.kHighsInf
        upper[self.col_s0 : self.x0] = 0.0 if self.hard_not_alone else self.k + 1.0
        return lower, upper

    def integrality(self) -> list[highspy.HighsVarType]:
        kinds = np.zeros(self.n_cols, dtype=np.int64)
        kinds[self.col_z0 : self.col_s0] = 1
        kinds[self.x0 :] = 1
        return [highspy.HighsVarType(int(i)) for i in kinds]

    def lp(
        self,
        rows: Ints,
        cols: Ints,
        vals: Floats,
        row_lower: Floats,
        row_upper: Floats,
        s_cost: float,
    ) -> highspy.HighsLp:
        order = np.lexsort((rows, cols))
        rows, cols, vals = rows[order], cols[order], vals[order]
        start = np.zeros(self.n_cols + 1, dtype=np.int32)
        start[1:] = np.cumsum(np.bincount(cols, minlength=self.n_cols))
        lower, upper = self.column_bounds()
        cost = self.cost.copy()
        cost[self.col_s0 : self.x0] = s_cost
        lp = highspy.HighsLp()
        lp.num_col_ = self.n_cols
        lp.num_row_ = self.n_rows
        lp.col_cost_ = cost
        lp.col_lower_ = lower
        lp.col_upper_ = upper
        lp.row_lower_ = row_lower
        lp.row_upper_ = row_upper
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = start
        lp.a_matrix_.index_ = rows.astype(np.int32)
        lp.a_matrix_.value_ = vals.astype(np.float64)
        return lp

    def grow(self, h: highspy.Highs, ph: Ints, pd: Ints) -> None:
        """Add pairs (and the link rows they need) to a live HiGHS model; its basis stays."""
        link_rows, link_z = self.new_links(ph, pd)
        if len(link_rows):
            n = len(link_rows)
            h.addRows(
                n,
                np.full(n, -highspy.kHighsInf),
                np.zeros(n),
                n,
                np.arange(n, dtype=np.int32),
                link_z.astype(np.int32),
                np.full(n, -1.0),
            )
        first_col = self.n_cols
        r, c, v, costs = self.add_pairs(ph, pd)
        local = c - first_col
        order = np.lexsort((r, local))
        r, local, v = r[order], local[order], v[order]
        starts = np.searchsorted(local, np.arange(len(ph))).astype(np.int32)
        h.addCols(
            len(ph),
            costs,
            np.zeros(len(ph)),
            np.ones(len(ph)),
            len(r),
            starts,
            r.astype(np.int32),
            v,
        )

    def reduced_costs(self, row_dual: Floats) -> Floats:
        """c - A^T y for every household-dwelling pair (as if its column were in the model;
        a link row the pair would need but that does not exist yet has dual 0)."""
        inst = self.inst
        H, D, A = self.H, self.D, self.A
        y = row_dual
        rc = self.scores - y[:H][:, None]
        rc -= y[H : H + D][None, :]
        rc -= (~self.must * y[self.row_count])[:, None]
        spread = np.zeros(A)
        spread[self.spread_areas] = y[self.spread_row[self.spread_areas]]
        area = inst.dwelling_area
        rc -= spread[area][None, :]
        if self.n_ag:
            short = np.zeros(A * self.G)
            short[self.ag_list] = y[self.short_row0 : self.short_row0 + self.n_ag]
            short_ag = short.reshape(A, self.G)
            has = inst.group >= 0
            rc[has] -= short_ag[area][:, inst.group[has]].T
        links = np.where(self.link_row >= 0, y[np.maximum(self.link_row, 0)], 0.0)
        rc -= links[:, area]
        return rc

    def vector(self, assignment: dict[int, int]) -> Floats:
        """The column values of an assignment (o, z and s at their best for it)."""
        inst, k = self.inst, self.k
        sol = np.zeros(self.n_cols)
        for hh, dd in assignment.items():
            sol[self.x0 + self.col_of[(hh, dd)]] = 1.0
        placed_area = np.zeros(self.A)
        placed_ag = np.zeros(self.n_ag)
        for hh, dd in assignment.items():
            a = int(inst.dwelling_area[dd])
            placed_area[a] += 1
            g = int(inst.group[hh])
            if g >= 0 and self.ag_index[a * self.G + g] >= 0:
                placed_ag[self.ag_index[a * self.G + g]] += 1
        if self.n_o:
            sol[: self.n_o] = np.maximum(
                0.0, placed_area[self.spread_areas] - inst.headroom[self.spread_areas]
            )
        if self.n_ag:
            z = (placed_ag > 0.5).astype(np.float64)
            ag_a, ag_g = np.divmod(self.ag_list, self.G)
            e = inst.existing_group[ag_a, ag_g]
            sol[self.col_z0 : self.col_s0] = z
            sol[self.col_s0 : self.x0] = np.maximum(0.0, (k + 1) * z - e - placed_ag)
        return sol

    def assignment_of(self, values: Floats) -> dict[int, int]:
        x = values[self.x0 :]
        chosen = np.flatnonzero(x > 0.5)
        return {int(self.x_h[i]): int(self.x_d[i]) for i in chosen}

    def value(self, vector: Floats) -> float:
        return float(self.cost @ vector)


def solve_milp(
    inst: Instance,
    weights: Weights,
    scores: Floats,
    ph: Ints,
    pd: Ints,
    largest: dict[int, int],
    flexible: set[int],
    warm: dict[int, int] | None,
    gap: float | None = None,
    time_limit: float | None = None,
    keep_groups: bool = True,
) -> MilpOutcome:
    """Solve over the candidate pairs ``(ph, pd)`` (grown by pricing), placing at least as
    many as ``largest``: every household placed there but not in ``flexible`` is placed (its
    row is an equality), and the flexible ones fill the rest. ``gap`` and ``time_limit``
    override the options'; ``keep_groups``: run the zfix stage (hard "not alone")."""
    started = time.perf_counter()
    opts = inst.options
    T = float(opts.time_limit if time_limit is None else time_limit)
    gap_limit = float(opts.gap if gap is None else gap)
    deadline = started + T
    model = _Model(inst, weights, scores, largest, flexible)
    n_required = model.n_required

    stages: list[str] = []
    stage_seconds: dict[str, float] = {}
    clock = [time.perf_counter()]

    def stage(name: str) -> None:
        now = time.perf_counter()
        stages.append(name)
        stage_seconds[name] = round(now - clock[0], 3)
        clock[0] = now

    def highs() -> highspy.Highs:
        h = highspy.Highs()
        h.setOptionValue("output_flag", bool(opts.log))
        h.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        h.setOptionValue("mip_rel_gap", gap_limit)
        h.setOptionValue("threads", int(opts.threads))
        h.setOptionValue("random_seed", 0)
        return h

    def time_left() -> bool:
        return time.perf_counter() < deadline - 0.1

    best: Floats | None = None
    best_value = -math.inf
    bound = math.inf  # an upper bound over the model's pairs (the model only grows)
    bound_all = math.inf  # an upper bound over every feasible pair
    priced = 0

    def valid(assignment: dict[int, int]) -> bool:
        """Each dwelling once, every pair feasible, and the caps and "not alone" where they are
        hard rules."""
        dwellings = list(assignment.values())
        if len(set(dwellings)) != len(dwellings):
            return False
        if not all(inst.feasible[h, d] for h, d in assignment.items()):
            return False
        if opts.spread_mode == "hard":
            placed = np.bincount(inst.dwelling_area[dwellings], minlength=inst.n_areas)
            if not np.all(placed <= inst.headroom):
                return False
        if opts.not_alone_mode == "hard":
            by_group = np.zeros((inst.n_areas, max(len(inst.groups), 1)), dtype=np.int64)
            for hh, dd in assignment.items():
                if (g := int(inst.group[hh])) >= 0:
                    by_group[int(inst.dwelling_area[dd]), g] += 1
            if len(inst.groups):
                short = (by_group > 0) & (inst.existing_group + by_group - 1 < model.k)
                if short.any():
                    return False
        return True

    def offer(values: Floats | None) -> None:
        """Keep an assignment if better (re-derived, so o, z and s are exact)."""
        nonlocal best, best_value
        if values is None:
            return
        assignment = model.assignment_of(values)
        one_each = int((values[model.x0 :] > 0.5).sum()) == len(assignment)
        if len(assignment) < n_required or not one_each or not valid(assignment):
            return
        vector = model.vector(assignment)
        value = model.value(vector)
        if value > best_value + 1e-9:
            best, best_value = vector, value

    def gap_now() -> float:
        return max(0.0, bound - best_value) / max(1.0, abs(best_value))

    def integral(values: Floats) -> bool:
        x = values[model.x0 :]
        return bool(np.all(np.minimum(x, 1.0 - x) < 1e-6))

    def price(h: highspy.Highs, until: float) -> tuple[bool, bool]:
        """Column generation on the solved LP in ``h``: add the pairs with a positive reduced
        cost (the best ``pricing_per_round`` per household) and re-solve, until none is left
        or ``until`` or ``pricing_rounds`` is reached. Returns (the LP is solved, no pair
        outside the model could improve it): with both, the LP value bounds every
        assignment over all feasible pairs, not only the model's."""
        nonlocal priced
        rounds = 0
        while True:
            if not opts.pricing:
                return True, not bool(np.any(~model.in_model & inst.feasible))
            rc = model.reduced_costs(np.asarray(h.getSolution().row_dual))
            rc[~inst.feasible | model.in_model] = -np.inf
            best_rc = rc.max(axis=1)
            positive = best_rc > 1e-6
            if not positive.any():
                return True, True
            if rounds >= opts.pricing_rounds or time.perf_counter() > until:
                return True, False
            per = min(max(1, opts.pricing_per_round), rc.shape[1])
            hs = np.flatnonzero(positive)
            take = np.argpartition(-rc[hs], per - 1, axis=1)[:, :per]
            new_h = np.repeat(hs, per)
            new_d = take.ravel()
            ok = rc[new_h, new_d] > 1e-6
            new_h, new_d = new_h[ok], new_d[ok]
            model.grow(h, new_h.astype(np.int64), new_d.astype(np.int64))
            priced += len(new_h)
            rounds += 1
            h.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
            # new columns leave the basis primal feasible: the primal simplex takes a few
            # hundred iterations where the dual simplex took thousands (0.2 s against 7 s)
            h.setOptionValue("simplex_strategy", 4)
            h.run()
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                return False, False

    # 1. The flow LP: the not-alone cost left out. Its matrix is a network matrix, so its
    # solution is an assignment, and its value bounds the full objective from above.
    h_lp = highs()
    h_lp.passModel(model.initial_lp(ph, pd))
    if warm is not None and len(warm) >= n_required:
        offer(model.vector(warm))
    h_lp.run()
    lp_values: Floats | None = None
    if h_lp.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        solved, converged = price(h_lp, started + 0.3 * T)
        if solved:
            bound = float(h_lp.getInfo().objective_function_value)
            if converged:
                bound_all = bound
            lp_values = np.asarray(h_lp.getSolution().col_value)
            if integral(lp_values):
                offer(lp_values)
    stage("flow")
    # 2. The full LP relaxation, warm-started from the flow LP's basis, priced again.
    if model.n_ag and lp_values is not None and gap_now() > gap_limit and time_left():
        h_lp.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        model.restore_not_alone(h_lp)
        h_lp.setOptionValue("simplex_strategy", 1)  # the dual simplex after a change
        h_lp.run()
        lp_values = None
        if h_lp.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            solved, converged = price(h_lp, started + 0.5 * T)
            if solved:
                # over the grown model: the flow LP's bound held for the smaller one only,
                # unless it held for all pairs
                bound = min(bound_all, float(h_lp.getInfo().objective_function_value))
                if converged:
                    bound_all = min(bound_all, bound)
                lp_values = np.asarray(h_lp.getSolution().col_value)
                if integral(lp_values):
                    offer(lp_values)
        stage("lp")

    # The model as priced, for the MIP runs.
    base = h_lp.getLp()
    base.col_cost_ = model.cost
    base.row_lower_, base.row_upper_ = model.row_bounds()
    base.integrality_ = model.integrality()
    col_lower, col_upper = model.column_bounds()
    if best is not None and len(best) < model.n_cols:
        best = np.r_[best, np.zeros(model.n_cols - len(best))]
    if lp_values is not None and len(lp_values) < model.n_cols:
        lp_values = np.r_[lp_values, np.zeros(model.n_cols - len(lp_values))]

    def solve_mip(
        lower: Floats, upper: Floats, start: Floats | None
    ) -> tuple[Any, Any, Floats | None]:
        base.col_lower_ = lower
        base.col_upper_ = upper
        h = highs()
        h.passModel(base)
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = start.tolist()
            solution.value_valid = True
            h.setSolution(solution)
        h.run()
        info: Any = h.getInfo()
        found = info.primal_solution_status == 2  # kSolutionStatusFeasible
        return h.getModelStatus(), info, np.asarray(h.getSolution().col_value) if found else None

    z_cols = np.arange(model.col_z0, model.col_s0)
    # 2b. With "not alone" as a hard rule: the best so far (the max-placed assignment) keeps
    # which groups live in which areas (z fixed at its values); the MIP over x then only has
    # simple lower bounds per area and group, and improves the goals quickly.
    if keep_groups and model.hard_not_alone and model.n_ag and best is not None and time_left():
        if gap_now() > gap_limit:
            lower, upper = col_lower.copy(), col_upper.copy()
            lower[z_cols] = upper[z_cols] = np.round(best[z_cols])
            _, _, values = solve_mip(lower, upper, best)
            offer(values)
            stage("zfix")
    # 3. Dive: each not-alone indicator z fixed by rounding the LP's, then the MIP over x.
    if model.n_ag and lp_values is not None and gap_now() > gap_limit and time_left():
        lower, upper = col_lower.copy(), col_upper.copy()
        open_ = lp_values[z_cols] >= 0.5
        lower[z_cols[open_]] = 1.0
        upper[z_cols[~open_]] = 0.0
        _, _, values = solve_mip(lower, upper, None)
        offer(values)
        stage("dive")

    # 4. RENS: the MIP restricted to the pairs the LP solution uses (and the best so far's).
    if lp_values is not None and gap_now() > gap_limit and time_left():
        keep = lp_values[model.x0 :] > 1e-6
        if best is not None:
            keep |= best[model.x0 :] > 0.5
        upper = col_upper.copy()
        upper[model.x0 :][~keep] = 0.0
        _, _, values = solve_mip(col_lower, upper, best)
        offer(values)
        stage("rens")

    # 5. The full MIP (over the priced pairs), warm-started from the best so far.
    if (best is None or gap_now() > gap_limit) and time_left():
        status, info, values = solve_mip(col_lower, col_upper, best)
        offer(values)
        # The MIP's bound holds over the model's pairs; over all pairs if it has them all.
        complete = not bool(np.any(inst.feasible & ~model.in_model))
        if status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kTimeLimit):
            mip_bound = float(info.mip_dual_bound)
            if status == highspy.HighsModelStatus.kOptimal:
                mip_bound = max(best_value, mip_bound)
            if math.isfinite(mip_bound):
                bound = min(bound, mip_bound)
                if complete:
                    bound_all = min(bound_all, mip_bound)
        stage("mip")

    seconds = time.perf_counter() - started
    if best is None:
        return MilpOutcome(
            None,
            math.nan,
            bound,
            bound_all,
            "no_solution",
            seconds,
            model.n_cols,
            model.n_rows,
            "+".join(stages),
            stage_seconds,
            priced,
        )
    gap_value = gap_now()
    status_name = (
        "optimal" if gap_value <= 1e-6 else "gap_limit" if gap_value <= gap_limit else "time_limit"
    )
    return MilpOutcome(
        assignment=dict(sorted(model.assignment_of(best).items())),
        objective=best_value,
        bound=max(bound, best_value),
        bound_all_pairs=max(bound_all, best_value),
        status=status_name,
        seconds=seconds,
        columns=model.n_cols,
        rows=model.n_rows,
        stages="+".join(stages),
        stage_seconds=stage_seconds,
        priced=priced,
    )
