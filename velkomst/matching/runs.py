"""Batch matching runs (PRG-4): start one (COMPANY_EDIT), compute it in the background
(``tasks.execute_run``), store the suggestions with their reasons as data, after the independent
check (``engines.matching.check_fill``).

A run takes the municipality's open openings and the candidates the starter may see (their ids
are stored with the run, so the background task computes over exactly those) and fills the
openings: each person at most once, each opening up to its places, the sum of the scores as
large as possible (HiGHS), with the LP bound and a greedy fill for comparison.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from velkomst.companies.models import Opening, OpeningStatus
from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser
from velkomst.engines import matching as engine
from velkomst.engines.matching import check as fill_check
from velkomst.people.models import Person

from . import inputs, selectors
from .models import MatchingRun, MatchingSuggestion, RunStatus


@transaction.atomic
def run_start(*, acting_user: StaffUser) -> MatchingRun:
    """Queue a run over the open openings and the candidates the user sees."""
    access.require(acting_user, access.COMPANY_EDIT)
    municipality_id = access.tenant_id(acting_user)
    opening_ids = list(selectors.open_openings(acting_user).values_list("pk", flat=True))
    if not opening_ids:
        raise ValidationError({"openings": _("Der er ingen åbne opslag at matche.")})
    person_ids = list(selectors.candidates(acting_user).values_list("pk", flat=True))
    if not person_ids:
        raise ValidationError({"persons": _("Der er ingen borgere at matche.")})
    run = MatchingRun.objects.create(
        municipality_id=municipality_id,
        created_by=acting_user,
        opening_ids=opening_ids,
        person_ids=person_ids,
        parameters=inputs.parameters(municipality_id),
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=run,
        changes={"openings": [None, len(opening_ids)], "persons": [None, len(person_ids)]},
    )
    from .tasks import execute_run

    result = execute_run.enqueue(run.pk)
    MatchingRun.objects.filter(pk=run.pk, task_id="").update(task_id=str(result.id))
    run.refresh_from_db()
    return run


def _progress(run_id: int, **values: Any) -> None:
    MatchingRun.objects.filter(pk=run_id).update(**values)


def execute(run_id: int) -> None:
    """Compute a queued run and store its suggestions (the task's body)."""
    run = MatchingRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return
    _progress(
        run.pk, status=RunStatus.RUNNING, stage="reading", progress=5, started_at=timezone.now()
    )
    try:
        municipality_id = run.municipality_id
        params = run.parameters
        today = timezone.localdate(run.created_at)
        openings = list(
            Opening.objects.filter(
                municipality_id=municipality_id, pk__in=run.opening_ids, status=OpeningStatus.OPEN
            ).order_by("pk")
        )
        persons = list(
            Person.objects.filter(municipality_id=municipality_id, pk__in=run.person_ids).order_by(
                "pk"
            )
        )
        seekers = inputs.seekers(municipality_id, persons, params, today)
        jobs = [inputs.engine_opening(o) for o in openings]
        travel = inputs.travel(municipality_id)
        weights = inputs.weights_of(params)
        _progress(run.pk, stage="solving", progress=30)
        result = engine.fill(
            jobs, seekers, travel, weights, time_limit=float(params.get("time_limit", 30))
        )
        _progress(run.pk, stage="checking", progress=90)
        pairs = [(m.opening_id, m.seeker_id) for m in result.assignments]
        broken = engine.check_fill(jobs, seekers, travel, weights, pairs)
        _store(run, result, broken)
    except Exception as error:
        _progress(
            run.pk,
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise


def _finite(value: float) -> float | None:
    return value if value == value and abs(value) != float("inf") else None


@transaction.atomic
def _store(run: MatchingRun, result: engine.Fill, broken: list[engine.Broken]) -> None:
    if not broken:
        MatchingSuggestion.objects.bulk_create(
            [
                MatchingSuggestion(
                    municipality_id=run.municipality_id,
                    run=run,
                    opening_id=m.opening_id,
                    person_id=m.seeker_id,
                    score=round(m.score, 4),
                    reasons=[engine.reason_data(r) for r in m.reasons],
                )
                for m in result.assignments
            ]
        )
    # a fill breaking a rule is never shown: the run keeps the check and no suggestions
    _progress(
        run.pk,
        status=RunStatus.DONE if not broken else RunStatus.FAILED,
        stage="done",
        progress=100,
        finished_at=timezone.now(),
        objective=result.objective,
        bound=_finite(result.bound),
        gap=_finite(result.gap),
        solver_status=result.status[:20],
        solve_seconds=result.seconds,
        greedy_objective=result.greedy_objective,
        greedy_assigned=result.greedy_assigned,
        eligible_pairs=result.eligible_pairs,
        rule_check={
            "broken": [
                {
                    "rule": b.rule,
                    "persons": list(b.seeker_ids),
                    "opening": b.opening_id,
                    "params": dict(b.params),
                }
                for b in broken
            ]
        },
        error="" if not broken else "rule check failed",
    )


def solution_quality(run: MatchingRun) -> str:
    """How good the run's suggestions are, in words a job consultant reads."""
    gap = run.gap_percent
    if run.solver_status == "optimal" or (gap is not None and gap < 0.05):
        return _("Forslaget er det bedst mulige efter kommunens regler og vægte.")
    if gap is not None:
        return _("Forslaget er højst %(percent)s %% fra det bedst mulige.") % {
            "percent": number_format(gap, 1)
        }
    return _(
        "Beregningen nåede tidsgrænsen, før det kunne vises, hvor tæt forslaget er på det bedst "
        "mulige."
    )


def rule_check_lines(run: MatchingRun) -> list[str]:
    """The independent check's broken rules in words (none for a good run)."""
    names = {
        fill_check.PERSON_TWICE: _("en person er foreslået til flere opslag"),
        fill_check.OPENING_OVER: _("et opslag har fået flere personer end pladser"),
        fill_check.NOT_ELIGIBLE: _("en person er foreslået til et opslag, en fast regel udelukker"),
        fill_check.UNKNOWN: _("et forslag nævner en person eller et opslag uden for kørslen"),
    }
    return [names.get(row["rule"], row["rule"]) for row in (run.rule_check or {}).get("broken", [])]
