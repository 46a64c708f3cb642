"""The greedy baseline, and the largest number of households that can be placed.

Greedy: households with the fewest feasible dwellings first (ties: input order); each takes
the free feasible dwelling with the best marginal objective (its pair points, minus the spread
penalty if its area is at the cap, minus the change in the area's not-alone shortfall). In
hard-cap mode an area at its cap takes no more. With "not alone" as a hard rule, the households
left alone are then taken out again (``drop_alone``), so the greedy assignment, the fallback when
the MILP finds nothing, breaks no hard rule.

``max_placement``: the most households placeable at once (each dwelling once, and in hard-cap
mode the area caps) — a maximum flow household -> dwelling -> area -> sink, found by
augmenting paths from the greedy start. The solver uses it to place as many as possible first.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from .model import Weights
from .rules import Floats, Instance


def greedy(inst: Instance, weights: Weights, scores: Floats) -> dict[int, int]:
    """A quick assignment (household index -> dwelling index) by marginal objective."""
    k = inst.options.not_alone_k
    hard = inst.options.spread_mode == "hard"
    taken = np.zeros(inst.n_dwellings, dtype=np.bool_)
    by_area = np.zeros(inst.n_areas, dtype=np.int64)
    by_group = np.zeros((inst.n_areas, len(inst.groups)), dtype=np.int64)
    counts = inst.feasible.sum(axis=1)
    order = sorted(range(inst.n_households), key=lambda h: (int(counts[h]), h))
    assignment: dict[int, int] = {}
    for h in order:
        candidates = np.flatnonzero(inst.feasible[h] & ~taken)
        if hard:
            candidates = candidates[
                by_area[inst.dwelling_area[candidates]]
                < inst.headroom[inst.dwelling_area[candidates]]
            ]
        if candidates.size == 0:
            continue
        full = by_area >= inst.headroom  # one more here is over the cap
        area_bonus = -weights.spread * full.astype(np.float64)
        g = int(inst.group[h])
        if g >= 0:
            e, n = inst.existing_group[:, g], by_group[:, g]
            before = np.where(n > 0, np.maximum(0, k + 1 - e - n), 0)
            after = np.maximum(0, k + 1 - e - n - 1)
            area_bonus -= weights.not_alone * (after - before)
        marginal = scores[h, candidates] + area_bonus[inst.dwelling_area[candidates]]
        d = int(candidates[int(np.argmax(marginal))])
        assignment[h] = d
        taken[d] = True
        a = int(inst.dwelling_area[d])
        by_area[a] += 1
        if g >= 0:
            by_group[a, g] += 1
    return drop_alone(inst, dict(sorted(assignment.items())))


def drop_alone(inst: Instance, assignment: dict[int, int]) -> dict[int, int]:
    """With "not alone" as a hard rule: ``assignment`` without the households that would have
    fewer than k fellow households in their area (taking a group out of an area changes no other
    group's count, so one pass suffices). As it is otherwise."""
    if inst.options.not_alone_mode != "hard":
        return assignment
    k = inst.options.not_alone_k
    by_group = np.zeros((inst.n_areas, len(inst.groups)), dtype=np.int64)
    for h, d in assignment.items():
        if (g := int(inst.group[h])) >= 0:
            by_group[int(inst.dwelling_area[d]), g] += 1
    alone = inst.existing_group + by_group - 1 < k
    return {
        h: d
        for h, d in assignment.items()
        if int(inst.group[h]) < 0 or not alone[int(inst.dwelling_area[d]), int(inst.group[h])]
    }


def max_placement(inst: Instance, start: dict[int, int]) -> tuple[dict[int, int], set[int]]:
    """A largest feasible assignment, grown from ``start`` (which must be feasible), and the
    households some largest assignment leaves out (the others are placed in every one).

    Flow view: source -> household (1) -> dwelling (1) -> area (the headroom in hard-cap mode,
    unlimited otherwise) -> sink. A household is left out by some maximum flow exactly when
    the residual graph reaches it from an unplaced household.
    """
    hard = inst.options.spread_mode == "hard"
    n_d = inst.n_dwellings
    adj = [np.flatnonzero(row).tolist() for row in inst.feasible]
    area_of = inst.dwelling_area.tolist()
    headroom = inst.headroom.tolist() if hard else [float("inf")] * inst.n_areas
    match_h = [-1] * inst.n_households
    match_d = [-1] * n_d
    used = [0] * inst.n_areas
    for h, d in start.items():
        match_h[h], match_d[d] = d, h
        used[area_of[d]] += 1
    by_area: list[list[int]] = [[] for _ in range(inst.n_areas)]
    for d in range(n_d):
        by_area[area_of[d]].append(d)

    def search(roots: list[int]) -> tuple[dict[int, tuple[int, int]], tuple[int, int] | None]:
        """BFS over households in the residual graph; parent[v] = (u, d): u takes d, which
        displaces v (v held d, or v held a dwelling in d's area, which is at its cap). Stops at
        a free dwelling in an area with room: (u, d)."""
        parent: dict[int, tuple[int, int]] = {r: (-1, -1) for r in roots}
        seen_d = [False] * n_d
        seen_a = [False] * inst.n_areas
        queue = deque(roots)
        while queue:
            u = queue.popleft()
            for d in adj[u]:
                if seen_d[d] or match_h[u] == d:
                    continue
                seen_d[d] = True
                holder = match_d[d]
                if holder != -1:
                    if holder not in parent:
                        parent[holder] = (u, d)
                        queue.append(holder)
                    continue
                a = area_of[d]
                if used[a] < headroom[a]:
                    return parent, (u, d)
                if seen_a[a]:
                    continue
                seen_a[a] = True
                for d2 in by_area[a]:
                    v = match_d[d2]
                    if v != -1 and v not in parent:
                        parent[v] = (u, d)
                        queue.append(v)
        return parent, None

    for root in range(inst.n_households):
        if match_h[root] != -1 or not adj[root]:
            continue
        parent, end = search([root])
        if end is None:
            continue
        v, target = end
        while v != -1:
            old = match_h[v]
            if old != -1:
                if match_d[old] == v:
                    match_d[old] = -1
                used[area_of[old]] -= 1
            match_h[v], match_d[target] = target, v
            used[area_of[target]] += 1
            v, target = parent[v]
    unplaced = [h for h in range(inst.n_households) if match_h[h] == -1 and adj[h]]
    parent, end = search(unplaced) if unplaced else ({}, None)
    assert end is None, "the assignment is not maximum"
    return {h: d for h, d in enumerate(match_h) if d != -1}, set(parent)
