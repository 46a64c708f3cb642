"""Batch fill (PRG-4): many openings at once, each person at most once, each opening up to its
places, the sum of the pairs' scores as large as possible.

The model is an assignment MILP over the eligible pairs scoring at least ``Weights.min_score``
(``x[o,s]`` binary): ``sum_s x[o,s] <= places[o]`` per opening and ``sum_o x[o,s] <= 1`` per
person. Its matrix is a bipartite incidence matrix (totally unimodular), so the LP relaxation
has an integral optimum and HiGHS proves optimality at the root; the MILP is still solved as one
(with a time limit) so that a stopped run reports its gap honestly.

The bound is the LP relaxation's value computed from its duals (``u`` per opening, ``v`` per
person, made feasible for every pair): ``sum places[o] u[o] + sum v[s]``. It holds over every
eligible pair and every fill, whatever HiGHS did.

A greedy fill (best pair first) is computed too, for comparison and as the MILP's start.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

import highspy
import numpy as np

from velkomst.engines.highs import THREADS

from .model import Fill, Match, Opening, Seeker, Travel, Weights
from .scoring import Bools, Floats, score_matrix, score_pair


def pairs_of(points: Floats, ok: Bools, weights: Weights) -> tuple[np.ndarray, np.ndarray]:
    keep = ok & (points >= weights.min_score) & (points > 0)
    po, ps = np.nonzero(keep)
    return po.astype(np.int64), ps.astype(np.int64)


def greedy(
    points: Floats, po: np.ndarray, ps: np.ndarray, places: Sequence[int]
) -> list[tuple[int, int]]:
    """Best pair first (ties: opening, then person index), skipping full openings and persons
    already given one."""
    scores = points[po, ps]
    order = np.lexsort((ps, po, -scores))
    left = list(places)
    taken = np.zeros(points.shape[1], dtype=bool)
    out = []
    for k in order:
        o, s = int(po[k]), int(ps[k])
        if left[o] > 0 and not taken[s]:
            left[o] -= 1
            taken[s] = True
            out.append((o, s))
    return out


def dual_bound(points: Floats, ok: Bools, u: np.ndarray, places: Sequence[int]) -> float:
    """An upper bound on any fill from opening prices ``u >= 0``: each person's price ``v`` is
    the most any eligible pair of theirs is worth after ``u`` (at least 0)."""
    u = np.maximum(u, 0.0)
    reduced = np.where(ok, points - u[:, None], -np.inf)
    v = np.maximum(reduced.max(axis=0, initial=-np.inf), 0.0) if points.size else np.zeros(0)
    return float(np.dot(np.asarray(places, dtype=float), u) + v.sum())


def fill(
    openings: Sequence[Opening],
    seekers: Sequence[Seeker],
    travel: Travel,
    weights: Weights,
    time_limit: float = 30.0,
    threads: int = THREADS,
) -> Fill:
    started = time.perf_counter()
    points, ok = score_matrix(openings, seekers, travel, weights)
    ok_scored = ok & (points >= weights.min_score) & (points > 0)
    po, ps = pairs_of(points, ok, weights)
    places = [max(0, o.places) for o in openings]
    g = greedy(points, po, ps, places)
    greedy_objective = float(sum(points[o, s] for o, s in g))
    chosen: list[tuple[int, int]] = g
    objective = greedy_objective
    bound = math.inf
    status = "greedy"
    n = len(po)
    if n:
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("time_limit", float(max(0.1, time_limit)))
        h.setOptionValue("threads", int(threads))
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("mip_rel_gap", 1e-6)
        n_o, n_s = len(openings), len(seekers)
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = n_o + n_s
        lp.col_cost_ = points[po, ps]
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.ones(n)
        lp.row_lower_ = np.full(n_o + n_s, -highspy.kHighsInf)
        lp.row_upper_ = np.r_[np.asarray(places, dtype=float), np.ones(n_s)]
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.arange(0, 2 * n + 1, 2, dtype=np.int32)
        index = np.empty(2 * n, dtype=np.int32)
        index[0::2] = po
        index[1::2] = n_o + ps
        lp.a_matrix_.index_ = index
        lp.a_matrix_.value_ = np.ones(2 * n)
        # 1. The LP relaxation: its duals give the bound.
        h.passModel(lp)
        lp_run = h.run()
        if (
            lp_run != highspy.HighsStatus.kError
            and h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        ):
            duals = np.asarray(h.getSolution().row_dual)
            # a maximisation's duals of <= rows are <= 0 in HiGHS's sign convention
            u = np.abs(duals[:n_o])
            bound = dual_bound(points, ok_scored, u, places)
            values = np.asarray(h.getSolution().col_value)
            if np.all(np.abs(values - np.round(values)) < 1e-6):
                pick = np.nonzero(values > 0.5)[0]
                lp_objective = float(points[po[pick], ps[pick]].sum())
                if lp_objective >= objective - 1e-9:
                    chosen = [(int(po[k]), int(ps[k])) for k in pick]
                    objective = lp_objective
                    status = (
                        "optimal" if bound - objective <= 1e-6 * max(1.0, objective) else status
                    )
        # 2. The MILP, if the LP's vertex was not integral or not proven optimal.
        if status != "optimal":
            lp.integrality_ = [highspy.HighsVarType.kInteger] * n
            h.passModel(lp)
            start = np.zeros(n)
            index_of = {(int(o), int(s)): k for k, (o, s) in enumerate(zip(po, ps, strict=True))}
            for pair in chosen:
                start[index_of[pair]] = 1.0
            solution = highspy.HighsSolution()
            solution.col_value = start.tolist()
            solution.value_valid = True
            h.setSolution(solution)
            h.setOptionValue(
                "time_limit", float(max(0.1, time_limit - (time.perf_counter() - started)))
            )
            mip_run = h.run()
            info = h.getInfo()
            if mip_run != highspy.HighsStatus.kError and info.primal_solution_status == 2:
                values = np.asarray(h.getSolution().col_value)
                pick = np.nonzero(values > 0.5)[0]
                mip_objective = float(points[po[pick], ps[pick]].sum())
                if mip_objective >= objective - 1e-9:
                    chosen = [(int(po[k]), int(ps[k])) for k in pick]
                    objective = mip_objective
            mip_bound = float(info.mip_dual_bound)
            if mip_run != highspy.HighsStatus.kError and math.isfinite(mip_bound):
                bound = min(bound, mip_bound)
            bound = max(bound, objective)
            status = "optimal" if bound - objective <= 1e-6 * max(1.0, objective) else "time_limit"
    else:
        bound = 0.0
        status = "optimal"
    bound = max(bound, objective)
    chosen.sort()
    assignments = tuple(score_pair(seekers[s], openings[o], travel, weights) for o, s in chosen)
    return Fill(
        assignments=assignments,
        objective=round(objective, 6),
        bound=round(bound, 6),
        gap=(bound - objective) / max(1.0, abs(objective)),
        greedy_objective=round(greedy_objective, 6),
        greedy_assigned=len(g),
        status=status,
        seconds=time.perf_counter() - started,
        columns=n,
        eligible_pairs=int(ok.sum()),
    )


def as_matches(matches: Sequence[Match]) -> dict[int, int]:
    """seeker id -> opening id of a fill's assignments."""
    return {m.seeker_id: m.opening_id for m in matches}
