"""The entry point (HOU-3): ``suggest(households, dwellings, areas, weights, options)``.

1. Hard rules: the feasibility matrix (``rules``).
2. Pair points (``scoring.score_matrix``) and the greedy baseline (``greedy.greedy``).
3. The largest number of households placeable at once under the hard rules: a maximum flow
   (``greedy.max_placement``), or, with "not alone" as a hard rule, the pure max-placed MILP
   over every feasible pair (``max_placed_hard``).
4. The MILP over the candidate pairs (``solver``), placing exactly that many and maximising
   the soft goals; warm-started from greedy (or the maximum assignment). Whatever it returns
   keeps every hard rule (the solver's ``valid``); the greedy fallback does too.
5. For each placed household its score parts and reasons, for each unplaced one what blocked
   it (``explain``).

Suggestions only: nothing is placed without a person's decision (HOU-3); the caller stores them
for staff to approve, change or reject.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import fields, replace

import numpy as np

from .explain import render, suggestion_reasons, unplaced_reasons
from .greedy import drop_alone, greedy, max_placement
from .model import Area, Dwelling, Household, Options, Result, Suggestion, Unplaced, Weights
from .rules import Floats, Instance
from .scoring import evaluate, goal_report, pair_parts, score_matrix
from .solver import Candidates, candidate_pairs, solve_milp

# The stages ``suggest`` reports, with the share of the work done when each begins (percent)
STAGES = {"rules": 5, "scores": 15, "matching": 25, "milp": 35, "explain": 90}


def suggest(
    households: Sequence[Household],
    dwellings: Sequence[Dwelling],
    areas: Sequence[Area],
    weights: Weights | None = None,
    options: Options | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> Result:
    """Suggest a dwelling for as many households as possible, then by the soft goals.

    ``progress(stage, percent)`` is called as each stage begins (stages: ``STAGES``)."""
    started = time.perf_counter()
    weights = weights or Weights()
    options = options or Options()
    report = progress or (lambda stage, percent: None)
    report("rules", STAGES["rules"])
    inst = Instance.build(households, dwellings, areas, options)
    report("scores", STAGES["scores"])
    scores = score_matrix(inst, weights)
    baseline = greedy(inst, weights, scores)
    report("matching", STAGES["matching"])
    largest, flexible = max_placement(inst, baseline)
    max_bound = math.nan
    if options.not_alone_mode == "hard":
        repaired = drop_alone(inst, largest)
        start = repaired if len(repaired) > len(baseline) else baseline
        if options.solver == "milp":
            largest, max_bound = max_placed_hard(inst, weights, scores, start, options)
        else:
            largest = start
        flexible = set(range(inst.n_households))
    n_max = len(largest)
    warm = baseline if len(baseline) >= n_max else largest
    baseline_eval = evaluate(inst, weights, baseline, scores)

    chosen = warm
    bound = math.nan
    status = "greedy"
    milp_seconds = 0.0
    columns = rows = 0
    pruned = False
    pruning: tuple[int | None, int] = (options.top_k, options.per_area)
    stages = ""
    stage_seconds: dict[str, float] = {}
    bound_all, priced = math.inf, 0
    if n_max == 0:
        chosen, bound, bound_all, status = {}, 0.0, 0.0, "optimal"
    elif options.solver == "milp":
        report("milp", STAGES["milp"])
        # Rank candidates by their points less the spread penalty where greedy filled the
        # area (a cheap stand-in for the LP's prices; pricing corrects the rest).
        full = baseline_eval.placed_by_area >= inst.headroom
        rank = scores - weights.spread * full[inst.dwelling_area][None, :]
        cands: Candidates = candidate_pairs(
            inst,
            rank,
            [baseline, largest],
            options.top_k,
            options.per_area,
            options.max_pairs,
            options.per_dwelling,
        )
        pruned, pruning = cands.pruned, (cands.top_k, cands.per_area)
        ph, pd = cands.ph, cands.pd
        outcome = solve_milp(
            inst,
            weights,
            scores,
            ph,
            pd,
            largest,
            flexible,
            warm,
            time_limit=max(1.0, options.time_limit - (time.perf_counter() - started)),
        )
        milp_seconds, columns, rows = outcome.seconds, outcome.columns, outcome.rows
        stages = outcome.stages
        stage_seconds = outcome.stage_seconds
        bound_all, priced = outcome.bound_all_pairs, outcome.priced
        if outcome.assignment is not None and len(outcome.assignment) >= n_max:
            milp_eval = evaluate(inst, weights, outcome.assignment, scores)
            more = len(outcome.assignment) > len(warm)
            if more or milp_eval.score >= evaluate(inst, weights, warm, scores).score - 1e-6:
                chosen = outcome.assignment
                status = outcome.status
            bound = outcome.bound
        else:
            status = f"greedy ({outcome.status})"

    report("explain", STAGES["explain"])
    final = evaluate(inst, weights, chosen, scores)

    def gap_of(upper: float) -> float:
        if not math.isfinite(upper):
            return math.nan
        return max(0.0, upper - final.score) / max(1.0, abs(final.score))

    gap = gap_of(bound)
    suggestions = []
    for h, d in sorted(chosen.items()):
        hh, dw = inst.households[h], inst.dwellings[d]
        a = int(inst.dwelling_area[d])
        parts = pair_parts(hh, dw, inst.area_of(d), weights, options.today)
        placed_here = int(final.placed_by_area[a])
        parts["spread"] = -weights.spread * float(final.over_by_area[a]) / placed_here
        g = int(inst.group[h])
        if g >= 0:
            n_group = int(final.placed_by_group[a, g])
            parts["not_alone"] = -weights.not_alone * float(final.shortfall[a, g]) / n_group
        explanations = tuple(suggestion_reasons(inst, weights, h, d, final))
        suggestions.append(
            Suggestion(
                household_id=hh.id,
                dwelling_id=dw.id,
                area_id=dw.area_id,
                score=sum(parts.values()),
                parts=parts,
                reasons=[render(r, options.language) for r in explanations],
                explanations=explanations,
            )
        )
    unplaced = []
    for h, hh in enumerate(inst.households):
        if h in chosen:
            continue
        explanations = tuple(unplaced_reasons(inst, h, chosen, n_max))
        unplaced.append(
            Unplaced(
                household_id=hh.id,
                reasons=[render(r, options.language) for r in explanations],
                candidates=int(inst.feasible[h].sum()),
                explanations=explanations,
            )
        )
    return Result(
        assignments=suggestions,
        unplaced=unplaced,
        objective=final.score,
        bound=bound,
        gap=gap,
        status=status,
        solve_seconds=time.perf_counter() - started,
        greedy_objective=baseline_eval.score,
        greedy_placed=len(baseline),
        milp_seconds=milp_seconds,
        columns=columns,
        rows=rows,
        pruned=pruned,
        pruning=pruning,
        stages=stages,
        stage_seconds=stage_seconds,
        bound_all_pairs=bound_all,
        gap_all_pairs=gap_of(bound_all),
        priced_pairs=priced,
        goals=goal_report(inst, weights, chosen),
        greedy_goals=goal_report(inst, weights, baseline),
        max_placed=n_max,
        max_placed_bound=max_bound if math.isfinite(max_bound) else float(n_max),
    )


def max_placed_hard(
    inst: Instance,
    weights: Weights,
    scores: Floats,
    start: dict[int, int],
    options: Options,
) -> tuple[dict[int, int], float]:
    """The pure max-placed problem with "not alone" (and the caps, if hard) as constraints,
    over every feasible pair, warm-started from ``start`` (which keeps the rules): a largest
    assignment found and an upper bound on the number (equal when solved to optimality). Every
    pair counts 1 and no goal counts (a weighed tie-break made HiGHS several times slower);
    the gap is below one household. Uses up to half the time limit."""
    if not start and not inst.feasible.any():
        return {}, 0.0
    ph, pd = (v.astype("int64") for v in inst.feasible.nonzero())
    count = replace(weights, **{f: 0.0 for f in _WEIGHT_FIELDS})
    outcome = solve_milp(
        inst,
        count,
        inst.feasible.astype(np.float64),
        ph,
        pd,
        {},
        set(),
        start,
        gap=0.5 / max(1, inst.n_households),
        time_limit=0.5 * options.time_limit,
        keep_groups=False,
    )
    if outcome.assignment is None or len(outcome.assignment) < len(start):
        return dict(start), max(float(len(start)), math.floor(outcome.bound + 1e-6))
    found = outcome.assignment
    return found, max(float(len(found)), float(math.floor(outcome.bound + 1e-6)))


# every goal's weight (not the reference minutes and days)
_WEIGHT_FIELDS = tuple(
    f.name for f in fields(Weights) if not f.name.endswith(("_minutes", "_days"))
)
