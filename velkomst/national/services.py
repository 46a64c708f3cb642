"""Writes of national distribution (NAT-1, NAT-2), each for the national user only
(``national.manage``) and in one transaction: a reference table (all or nothing), a quota plan
and its regional agreements and revisions (versioned), a trained model kept with its card,
arriving households (all or nothing), an assignment run (queued to the background task) and
the case officer's decision on a suggestion (versioned; an accepted household becomes a
``NationalPlacement`` in the receiving municipality, written to that municipality's audit log).

Problems in a file are ``files.Problem`` (file, row, column, message); problems in a form are
``ValidationError`` keyed by the field.
"""

from __future__ import annotations

import pickle
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction, Municipality, StaffUser
from velkomst.engines.national import quota as quota_engine
from velkomst.engines.national.data import Adult, PastAdult
from velkomst.engines.national.model import EmploymentModel, ModelCard, TrainingError, train

from . import files, selectors
from .models import (
    ArrivalBatch,
    AssignmentRun,
    DecisionState,
    ModelSource,
    NationalPlacement,
    QuotaPlan,
    ReferenceRow,
    ReferenceTable,
    RunMode,
    Suggestion,
    TrainedModel,
)

MAX_REASON = 2000


def _require(user: StaffUser) -> None:
    access.require(user, access.NATIONAL_MANAGE)


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2200:
        raise ValidationError({"year": _("Angiv et år fra 2000 til 2200.")})


# --- reference tables -------------------------------------------------------------------------


@transaction.atomic
def table_upload(
    *,
    acting_user: StaffUser | None,
    year: int,
    label: str,
    file_name: str,
    content: bytes,
    landstal: int | None = None,
    is_demo: bool = False,
) -> ReferenceTable:
    """Read and check a reference table (M.csv's columns, CSV or XLSX; an optional
    ``reunified_living`` column, else last year's figure); with ``landstal``, the quota column
    must sum to it. Any problem: ``files.Problem`` and nothing written."""
    if acting_user is not None:
        _require(acting_user)
    _check_year(year)
    name = file_name or "M.csv"
    lines = files.content_lines(name, content)
    header, rows = files._table(name, lines, files.M_COLUMNS)
    places = files.municipalities_from(name, header, rows)
    living: dict[str, int] = {}
    if "reunified_living" in header:
        for line, r in rows:
            living[r["municipality_code"]] = files._value(
                name,
                line,
                "reunified_living",
                r["reunified_living"],
                files._int(0),
                "a whole number of at least 0",
            )
    if landstal is not None:
        total = sum(p.quota_households for p in places)
        if total != landstal:
            raise files.Problem(
                name,
                None,
                "quota_households",
                f"the quotas sum to {total}, not the landstal {landstal}",
            )
    table = ReferenceTable.objects.create(
        year=year,
        label=label.strip()[:120] or name,
        is_demo=is_demo,
        file_name=name[:255],
        groups=sorted({g for p in places for g in p.stock}),
        uploaded_by=acting_user,
        uploaded_at=timezone.now(),
    )
    ReferenceRow.objects.bulk_create(
        ReferenceRow(
            table=table,
            municipality_code=p.code,
            region=p.region,
            population=p.population,
            nonwestern_stock=p.nonwestern_stock,
            reunified_last_year=p.reunified_last_year,
            reunified_living=living.get(p.code, p.reunified_last_year),
            local_employment_rate=p.local_employment_rate,
            treatment_services=p.treatment_services,
            quota_households=p.quota_households,
            stock=dict(p.stock),
        )
        for p in places
    )
    return table


# --- quota plans ------------------------------------------------------------------------------


def _steps_json(steps: quota_engine.QuotaSteps) -> dict[str, Any]:
    data = asdict(steps)
    data["rounds"] = [asdict(r) for r in steps.rounds]
    return data


@transaction.atomic
def plan_compute(
    *,
    acting_user: StaffUser | None,
    table: ReferenceTable,
    landstal: int,
    reunified_total: int | None = None,
) -> QuotaPlan:
    """§ 4 on the table for ``landstal`` and last year's family-reunified in the whole country
    (default: the table's figures summed), every step stored with who and when."""
    if acting_user is not None:
        _require(acting_user)
    figures = selectors.quota_figures(table)
    if reunified_total is None:
        reunified_total = sum(r.reunified_last_year for r in table.rows.all())
    try:
        steps = quota_engine.quotas(figures, landstal, reunified_total)
    except quota_engine.QuotaError as error:
        raise ValidationError({"landstal": str(error)}) from None
    return QuotaPlan.objects.create(
        table=table,
        landstal=landstal,
        reunified_total=reunified_total,
        steps=_steps_json(steps),
        quota=dict(steps.quota),
        computed_by=acting_user,
        computed_at=timezone.now(),
    )


def _locked_plan(plan: QuotaPlan, expected_version: int) -> QuotaPlan:
    found = QuotaPlan.objects.select_for_update().get(pk=plan.pk)
    if found.version != expected_version:
        raise ConcurrentEditError(str(QuotaPlan._meta.verbose_name))
    return found


@transaction.atomic
def plan_agreement(
    *,
    acting_user: StaffUser,
    plan: QuotaPlan,
    region: str,
    agreed: dict[str, int],
    expected_version: int,
) -> QuotaPlan:
    """A regional agreement: municipalities of one region trade quota, the region's total
    unchanged (else refused, nothing written)."""
    _require(acting_user)
    found = _locked_plan(plan, expected_version)
    regions = {r.municipality_code: r.region for r in found.table.rows.all()}
    outcome = quota_engine.regional_agreement(
        {k: int(v) for k, v in found.quota.items()}, regions, region, agreed
    )
    if not outcome.accepted:
        raise ValidationError(
            {"agreed": _("Aftalen kan ikke bruges: %(why)s") % {"why": outcome.reason}}
        )
    before = {k: found.quota[k] for k in agreed}
    found.agreements = [
        *found.agreements,
        {
            "region": region,
            "before": before,
            "after": dict(agreed),
            "by": audit.actor_label(acting_user),
            "at": timezone.now().isoformat(),
        },
    ]
    found.quota = outcome.quota
    found.version += 1
    found.save(update_fields=["agreements", "quota", "version"])
    return found


@transaction.atomic
def plan_revise(
    *, acting_user: StaffUser, plan: QuotaPlan, new_landstal: int, expected_version: int
) -> QuotaPlan:
    """A revision of the landstal: allowed beyond the 40 % / 25 % thresholds; the rest of the
    year is recomputed from what has been placed (the accepted and changed suggestions of the
    plan's runs). Refused: a ValidationError saying why, nothing written."""
    _require(acting_user)
    found = _locked_plan(plan, expected_version)
    placed = selectors.placed_by_municipality(found)
    try:
        rev = quota_engine.revise(
            selectors.quota_figures(found.table),
            found.landstal,
            new_landstal,
            placed,
            {k: int(v) for k, v in found.quota.items()},
        )
    except quota_engine.QuotaError as error:
        raise ValidationError({"new_landstal": str(error)}) from None
    if not rev.allowed:
        raise ValidationError(
            {
                "new_landstal": _(
                    "Landstallet kan ikke revideres: ændringen er %(change)s %%, grænsen er "
                    "%(threshold)s %%."
                )
                % {"change": round(rev.change * 100, 1), "threshold": round(rev.threshold * 100)}
            }
        )
    found.revisions = [
        *found.revisions,
        {
            "old_landstal": found.landstal,
            "new_landstal": new_landstal,
            "change": rev.change,
            "threshold": rev.threshold,
            "placed": rev.placed,
            "remaining": rev.remaining,
            "by": audit.actor_label(acting_user),
            "at": timezone.now().isoformat(),
        },
    ]
    found.landstal = new_landstal
    found.quota = rev.quota
    found.version += 1
    found.save(update_fields=["revisions", "landstal", "quota", "version"])
    return found


# --- trained models ---------------------------------------------------------------------------


def card_json(card: ModelCard) -> dict[str, Any]:
    def clean(value: Any) -> Any:
        if isinstance(value, float) and value != value:
            return None  # NaN (an AUC on one class) is shown as "–"
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return clean(asdict(card))  # type: ignore[no-any-return]


def model_store(
    *,
    acting_user: StaffUser | None,
    model: EmploymentModel,
    table: ReferenceTable,
    source: str,
    source_name: str = "",
    is_demo: bool = False,
) -> TrainedModel:
    """Keep a trained model with its card (for good: an assignment names the model it used)."""
    if acting_user is not None:
        _require(acting_user)
    return TrainedModel.objects.create(
        trained_at=timezone.now(),
        trained_by=acting_user,
        source=source,
        source_name=source_name[:255],
        table=table,
        is_demo=is_demo,
        card=card_json(model.card),
        fitted=pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL),
    )


def train_on_file(
    *, acting_user: StaffUser | None, table: ReferenceTable, file_name: str, content: bytes
) -> TrainedModel:
    """Train on an H.csv file against the table's municipalities."""
    places = selectors.places(table)
    name = file_name or "H.csv"
    header, rows = files._table(name, files.content_lines(name, content), files.H_COLUMNS)
    history = files.history_from(name, header, rows, {p.code for p in places})
    try:
        model = train(history, places)
    except TrainingError as error:
        raise files.Problem(name, None, None, str(error)) from None
    return model_store(
        acting_user=acting_user, model=model, table=table, source=ModelSource.FILE, source_name=name
    )


def train_on_platform(*, acting_user: StaffUser | None, table: ReferenceTable) -> TrainedModel:
    """Train on the platform's own outcomes, across all municipalities (anonymous adults)."""
    places = selectors.places(table)
    history: list[PastAdult] = selectors.platform_history({p.code for p in places})
    try:
        model = train(history, places)
    except TrainingError as error:
        raise ValidationError({"source": str(error)}) from None
    return model_store(
        acting_user=acting_user,
        model=model,
        table=table,
        source=ModelSource.PLATFORM,
        source_name=_("%(n)s voksne") % {"n": len(history)},
    )


# --- arriving households ----------------------------------------------------------------------


def _adult_json(a: Adult) -> dict[str, Any]:
    return asdict(a)


@transaction.atomic
def arrivals_upload(
    *,
    acting_user: StaffUser | None,
    year: int,
    label: str,
    file_name: str,
    content: bytes,
    table: ReferenceTable,
    is_demo: bool = False,
) -> ArrivalBatch:
    """Arriving adults (A.csv's columns, CSV or XLSX), all or nothing."""
    if acting_user is not None:
        _require(acting_user)
    _check_year(year)
    name = file_name or "A.csv"
    codes = set(table.rows.values_list("municipality_code", flat=True))
    header, rows = files._table(name, files.content_lines(name, content), files.A_COLUMNS)
    arrivals = files.adults_from(name, header, rows, codes)
    return ArrivalBatch.objects.create(
        year=year,
        label=label.strip()[:120] or name,
        is_demo=is_demo,
        file_name=name[:255],
        adults=[_adult_json(a) for a in arrivals.adults],
        special=sorted(arrivals.special),
        fixed=dict(arrivals.fixed),
        household_count=len({a.household_id for a in arrivals.adults}),
        uploaded_by=acting_user,
        uploaded_at=timezone.now(),
    )


# --- assignment runs --------------------------------------------------------------------------


def run_request(
    *,
    acting_user: StaffUser,
    batch: ArrivalBatch,
    plan: QuotaPlan,
    model: TrainedModel,
    mode: str,
    week: int | None = None,
) -> AssignmentRun:
    """Queue an assignment run (the background task does it and tells its progress)."""
    run = _queue(acting_user=acting_user, batch=batch, plan=plan, model=model, mode=mode, week=week)
    from .tasks import assignment_run

    result = assignment_run.enqueue(run.pk)
    AssignmentRun.objects.filter(pk=run.pk, task_id="").update(task_id=str(result.id))
    run.refresh_from_db()
    return run


@transaction.atomic
def _queue(
    *,
    acting_user: StaffUser,
    batch: ArrivalBatch,
    plan: QuotaPlan,
    model: TrainedModel,
    mode: str,
    week: int | None,
) -> AssignmentRun:
    _require(acting_user)
    if mode not in RunMode.values:
        raise ValidationError({"mode": _("Vælg en kørsel.")})
    if mode == RunMode.ONLINE:
        weeks = {int(a["arrival_week"]) for a in batch.adults}
        if week is None or week not in weeks:
            raise ValidationError({"week": _("Vælg en uge, hvor der ankommer husstande.")})
    else:
        week = None
    if plan.table_id != model.table_id:
        codes_plan = set(plan.quota)
        codes_model = set(model.table.rows.values_list("municipality_code", flat=True))
        if codes_plan != codes_model:
            raise ValidationError(
                {"model": _("Modellen er trænet på andre kommuner end kvoteplanens.")}
            )
    return AssignmentRun.objects.create(
        batch=batch,
        plan=plan,
        model=model,
        mode=mode,
        week=week,
        requested_by=acting_user,
        requested_at=timezone.now(),
    )


# --- decisions --------------------------------------------------------------------------------


@transaction.atomic
def suggestion_decide(
    *,
    acting_user: StaffUser,
    suggestion: Suggestion,
    decision: str,
    expected_version: int,
    municipality_code: str = "",
    reason: str = "",
) -> Suggestion:
    """Accept, change (a reason required; the new municipality must have quota left) or reject
    a suggestion. Another decision in between: ConcurrentEditError. Accepted or changed: the
    household is placed in the municipality (when it is on the platform), audited there."""
    _require(acting_user)
    found = Suggestion.objects.select_for_update().select_related("run__plan").get(pk=suggestion.pk)
    if found.version != expected_version:
        raise ConcurrentEditError(str(Suggestion._meta.verbose_name))
    if found.decision != DecisionState.PENDING:
        raise ValidationError({"decision": _("Forslaget er allerede afgjort.")})
    reason = reason.replace("\r\n", "\n").strip()
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("Højst %(n)s tegn.") % {"n": MAX_REASON}})
    if decision == DecisionState.ACCEPTED:
        code = found.municipality_code
    elif decision == DecisionState.CHANGED:
        code = municipality_code.strip()
        if not reason:
            raise ValidationError({"reason": _("Skriv, hvorfor kommunen ændres.")})
        plan = found.run.plan
        if code not in plan.quota:
            raise ValidationError({"municipality_code": _("Vælg en kommune fra kvoteplanen.")})
        if code == found.municipality_code:
            raise ValidationError(
                {"municipality_code": _("Vælg en anden kommune end den foreslåede.")}
            )
        left = selectors.quota_left(plan)
        if left.get(code, 0) <= 0:
            raise ValidationError(
                {
                    "municipality_code": _(
                        "Kommune %(code)s har ikke flere pladser i kvoten (kvote %(quota)s, "
                        "allerede placeret %(placed)s)."
                    )
                    % {
                        "code": code,
                        "quota": plan.quota[code],
                        "placed": plan.quota[code] - left.get(code, 0),
                    }
                }
            )
    elif decision == DecisionState.REJECTED:
        code = ""
    else:
        raise ValidationError({"decision": _("Vælg en afgørelse.")})
    found.decision = decision
    found.decided_municipality_code = code
    found.decision_reason = reason
    found.decided_by = acting_user
    found.decided_at = timezone.now()
    found.version += 1
    found.save()
    if code:
        _place(acting_user, found, code)
    return found


def _place(acting_user: StaffUser, suggestion: Suggestion, code: str) -> None:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        return  # not on the platform: the municipality is told outside it
    batch = suggestion.run.batch
    placement = NationalPlacement.objects.create(
        municipality=municipality,
        suggestion=suggestion,
        household_reference=suggestion.household_id,
        adults=suggestion.adults,
        household_size=suggestion.household_size,
        arrival_week=suggestion.arrival_week,
        year=batch.year,
        special_needs=suggestion.household_id in set(batch.special),
        placed_at=timezone.now(),
    )
    audit.log_to_municipality(
        municipality_id=municipality.pk,
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=placement,
        changes={
            "household_reference": [None, placement.household_reference],
            "household_size": [None, placement.household_size],
            "arrival_week": [None, placement.arrival_week],
        },
    )
