"""The assignment run's body (NAT-1; the background task runs it): load the stored model, take
the batch's households (all of them, or one week's for an online run), assign them within what
is left of the plan's quotas (online: paced over the rest of the year, so later arrivals are
not starved), store each suggestion with its chance, the next best municipalities, its reasons
(as data: a code and its values, shown in the reader's language) and the binding rule, and a
summary (expected adults in work against a quota-random placement, quotas and fairness).

Progress is told on the run's row as it goes (done of total and a step code).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from velkomst.engines.national import assign as engine
from velkomst.engines.national.data import Adult

from . import selectors
from .models import AssignmentRun, RunMode, RunState, Suggestion

STEP_LABELS = {
    "": gettext_lazy("Venter på at blive startet"),
    "model": gettext_lazy("Henter modellen"),
    "assign": gettext_lazy("Beregner chancer og fordeler husstandene"),
    "save": gettext_lazy("Gemmer forslagene"),
    "done": gettext_lazy("Færdig"),
}
TOTAL_STEPS = 4
RANDOM_DRAWS = 5


def step_label(step: str) -> str:
    return str(STEP_LABELS.get(step, STEP_LABELS[""]))


def _progress(run_id: int, **values: Any) -> None:
    AssignmentRun.objects.filter(pk=run_id).update(**values)


def execute(run_id: int) -> None:
    """Do a queued run; not queued any more: nothing to do. A failure is kept on the run."""
    run = (
        AssignmentRun.objects.select_related("batch", "plan", "model__table")
        .filter(pk=run_id)
        .first()
    )
    if run is None or run.state != RunState.QUEUED:
        return
    _progress(
        run.pk,
        state=RunState.RUNNING,
        progress_done=0,
        progress_total=TOTAL_STEPS,
        progress_step="model",
    )
    try:
        _execute(run)
    except (engine.Infeasible, ValueError) as error:
        _progress(
            run.pk, state=RunState.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )


def _execute(run: AssignmentRun) -> None:
    model = selectors.load_model(run.model)
    _progress(run.pk, progress_done=1, progress_step="assign")
    adults = [Adult(**a) for a in run.batch.adults]
    if run.mode == RunMode.ONLINE:
        adults = [a for a in adults if a.arrival_week == run.week]
    if not adults:
        raise ValueError("no households to assign")
    a = model.arrays(adults)
    codes = model.world.codes
    index = {c: i for i, c in enumerate(codes)}
    left = selectors.quota_left(run.plan)
    remaining = np.array([max(0, left.get(c, 0)) for c in codes], dtype=np.int64)
    households = len(a.household_ids)
    if run.mode == RunMode.ONLINE:
        # the year's remaining quota, paced by this week's share of the arrivals still expected
        expected_left = max(households, int(remaining.sum()))
        capacity = engine.paced_capacity(remaining, households, expected_left, 0.25)
        if int(capacity.sum()) < households:
            capacity = remaining
    else:
        capacity = remaining
    if int(capacity.sum()) < households:
        raise ValueError(
            f"{households} households, but the plan's quotas have room for {int(capacity.sum())}"
        )
    special_ids = set(run.batch.special)
    special = np.array([h in special_ids for h in a.household_ids])
    treatment = model.world.treatment.astype(bool)
    hh = {h: i for i, h in enumerate(a.household_ids)}
    fixed = {hh[h]: index[c] for h, c in run.batch.fixed.items() if h in hh and c in index}
    outcome = engine.assign(
        model, a, codes, len(model.groups), capacity, treatment, special, fixed=fixed
    )
    rng = np.random.default_rng(run.pk)
    try:
        random_expected = float(
            np.mean(
                [
                    model.expected_employed(
                        a, engine.quota_random(capacity, treatment, special, rng)
                    )
                    for _ in range(RANDOM_DRAWS)
                ]
            )
        )
    except engine.Infeasible:
        random_expected = float("nan")
    _progress(run.pk, progress_done=2, progress_step="save")
    first: dict[str, Adult] = {}
    for adult in adults:
        first.setdefault(adult.household_id, adult)
    adults_in = np.bincount(a.household, minlength=households)
    main_group = _main_group(a, households)
    rows = []
    for h, s in enumerate(outcome.suggestions):
        m = index[s.municipality]
        hid = s.household_id
        group = model.groups[int(main_group[h])]
        reasons = _reasons(s, model, m, int(main_group[h]), group, hid in special_ids, h in fixed)
        rows.append(
            Suggestion(
                run=run,
                household_id=hid,
                adults=int(adults_in[h]),
                household_size=first[hid].household_size,
                arrival_week=first[hid].arrival_week,
                municipality_code=s.municipality,
                chance=s.chance,
                alternatives=[
                    {"municipality": x.municipality, "chance": x.chance, "why_not": x.why_not}
                    for x in s.alternatives
                ],
                reasons=reasons,
                bound=s.bound,
            )
        )
    placed = np.bincount(outcome.assignment, minlength=len(codes))
    bound_counts: dict[str, int] = {}
    for s in outcome.suggestions:
        bound_counts[s.bound or "none"] = bound_counts.get(s.bound or "none", 0) + 1
    by_group: dict[str, list[float]] = {}
    for h, s in enumerate(outcome.suggestions):
        by_group.setdefault(model.groups[int(main_group[h])], []).append(s.chance)
    summary = {
        "households": households,
        "adults": int(a.n),
        "expected": outcome.expected,
        "random_expected": random_expected,
        "bound_gap": (outcome.bound - outcome.objective) if np.isfinite(outcome.bound) else None,
        "seconds": outcome.seconds,
        "municipalities": [
            {
                "code": c,
                "capacity": int(capacity[i]),
                "quota_left": int(remaining[i]),
                "assigned": int(placed[i]),
            }
            for i, c in enumerate(codes)
            if capacity[i] or placed[i]
        ],
        "bound": bound_counts,
        "by_group": {g: float(np.mean(v)) for g, v in sorted(by_group.items())},
        "full": int(((placed >= capacity) & (capacity > 0)).sum()),
    }
    with transaction.atomic():
        Suggestion.objects.bulk_create(rows)
        _progress(
            run.pk,
            state=RunState.DONE,
            progress_done=TOTAL_STEPS,
            progress_step="done",
            summary=summary,
            finished_at=timezone.now(),
        )


def _main_group(a: Any, households: int) -> Any:
    """Each household's most common group among its adults."""
    counts = np.zeros((households, int(a.group.max()) + 1 if a.n else 1))
    np.add.at(counts, (a.household, a.group), 1.0)
    return counts.argmax(axis=1)


def _reasons(
    s: engine.Suggestion,
    model: Any,
    m: int,
    g: int,
    group: str,
    special: bool,
    fixed: bool,
) -> list[dict[str, Any]]:
    """Why this municipality, as data (a code and its values; the page shows each by its
    label in the reader's language)."""
    out: list[dict[str, Any]] = []
    if fixed:
        out.append({"code": "fixed", "values": {}})
    elif s.bound:
        out.append({"code": "bound", "values": {"rule": s.bound}})
    else:
        out.append({"code": "best", "values": {}})
    if special:
        out.append({"code": "treatment", "values": {}})
    out.append(
        {
            "code": "countrymen",
            "values": {"group": group, "n": int(model.world.stock[m, g])},
        }
    )
    out.append(
        {
            "code": "employment",
            "values": {"rate": round(float(model.world.employment[m]) * 100, 1)},
        }
    )
    return out
