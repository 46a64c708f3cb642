"""Writes of retention and erasure (SEC-4): rule versions, legal holds, runs (request a dry run,
approve or discard it). The job itself is ``erasure``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit, moved
from velkomst.core.models import AuditAction, StaffUser

from . import rules
from .models import LegalHold, RecordKind, Rule, RuleSet, Run, RunState


def _kind_label(kind: str) -> str:
    return str(RecordKind(kind).label)


def check_rules(values: Mapping[str, Mapping[str, Any]]) -> dict[str, rules.RuleValues]:
    """The rules of a new version, one per kind ({kind: {months, event, action}}), checked; a
    ValidationError names the field (``<kind>-months`` …) and the kind in words."""
    errors: dict[str, list[str]] = {}
    checked: dict[str, rules.RuleValues] = {}
    for kind in RecordKind.values:
        row = values.get(kind)
        if row is None:
            errors.setdefault(f"{kind}-months", []).append(
                _("Angiv en regel for %(kind)s.") % {"kind": _kind_label(kind)}
            )
            continue
        raw = row.get("months")
        try:
            months = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            errors.setdefault(f"{kind}-months", []).append(
                _("Opbevaringstiden for %(kind)s skal være et helt antal måneder.")
                % {"kind": _kind_label(kind)}
            )
            continue
        if months < 0:
            errors.setdefault(f"{kind}-months", []).append(
                _("Opbevaringstiden for %(kind)s kan ikke være negativ (%(value)s måneder).")
                % {"kind": _kind_label(kind), "value": months}
            )
        elif months > rules.MAX_MONTHS:
            errors.setdefault(f"{kind}-months", []).append(
                _("Opbevaringstiden for %(kind)s kan højst være %(max)s måneder.")
                % {"kind": _kind_label(kind), "max": rules.MAX_MONTHS}
            )
        event = str(row.get("event") or "")
        if event not in rules.EVENTS[kind]:
            errors.setdefault(f"{kind}-event", []).append(
                _("Vælg, hvad opbevaringstiden for %(kind)s regnes fra.")
                % {"kind": _kind_label(kind)}
            )
        action = str(row.get("action") or "")
        if action not in ("keep", "anonymise", "delete"):
            errors.setdefault(f"{kind}-action", []).append(
                _("Vælg, hvad der sker med %(kind)s bagefter.") % {"kind": _kind_label(kind)}
            )
        elif kind == RecordKind.AUDIT_ENTRY and action == "anonymise":
            errors.setdefault(f"{kind}-action", []).append(
                _(
                    "Logposter om en slettet person pseudonymiseres altid; vælg for logposter "
                    "enten bevares eller slettes."
                )
            )
        checked[kind] = rules.RuleValues(kind, months, event, action)
    if errors:
        raise ValidationError(errors)
    return checked


@transaction.atomic
def rule_set_create(
    *,
    acting_user: StaffUser,
    effective_from: date,
    values: Mapping[str, Mapping[str, Any]],
    note: str = "",
) -> RuleSet:
    """A new version of the municipality's retention rules, in force from ``effective_from``."""
    access.require(acting_user, access.RETENTION_MANAGE)
    municipality_id = access.tenant_id(acting_user)
    checked = check_rules(values)
    if RuleSet.objects.filter(
        municipality_id=municipality_id, effective_from=effective_from
    ).exists():
        raise ValidationError(
            {"effective_from": _("Der er allerede en version, som gælder fra den dag.")}
        )
    rule_set = RuleSet.objects.create(
        municipality_id=municipality_id,
        effective_from=effective_from,
        note=note[:200],
        created_by=acting_user,
    )
    Rule.objects.bulk_create(
        Rule(
            municipality_id=municipality_id,
            rule_set=rule_set,
            kind=r.kind,
            months=r.months,
            event=r.event,
            action=r.action,
        )
        for r in checked.values()
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=rule_set,
        changes={
            "effective_from": [None, effective_from],
            "rules": [None, {k: [r.months, r.event, r.action] for k, r in checked.items()}],
        },
    )
    return rule_set


@transaction.atomic
@moved.allowed()  # a hold may fall on a household handed over (COO-5)
def hold_place(
    *,
    acting_user: StaffUser,
    reason: str,
    person_id: int | None = None,
    case_id: int | None = None,
) -> LegalHold:
    """A legal hold on a person or a case of the user's municipality: nothing of it is erased
    while the hold stands."""
    from velkomst.people.models import Case, Person

    access.require(acting_user, access.RETENTION_MANAGE)
    municipality_id = access.tenant_id(acting_user)
    reason = reason.strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Skriv, hvorfor der sættes tilbagehold.")
    if (person_id is None) == (case_id is None):
        errors["person_id"] = _("Angiv enten en person eller en sag.")
    elif (
        person_id is not None
        and not Person.objects.filter(pk=person_id, municipality_id=municipality_id).exists()
    ):
        errors["person_id"] = _("Personen findes ikke i kommunen.")
    elif (
        case_id is not None
        and not Case.objects.filter(pk=case_id, municipality_id=municipality_id).exists()
    ):
        errors["case_id"] = _("Sagen findes ikke i kommunen.")
    if errors:
        raise ValidationError(errors)
    hold = LegalHold.objects.create(
        municipality_id=municipality_id,
        person_id=person_id,
        case_id=case_id,
        reason=reason[:500],
        placed_by=acting_user,
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=hold,
        person_id=person_id if person_id is not None else _case_person(case_id),
        changes={"reason": [None, hold.reason]},
    )
    return hold


def _case_person(case_id: int | None) -> int | None:
    from velkomst.people.models import Case

    if case_id is None:
        return None
    return Case.objects.filter(pk=case_id).values_list("person_id", flat=True).first()


@transaction.atomic
@moved.allowed()  # a hold may fall on a household handed over (COO-5)
def hold_lift(*, acting_user: StaffUser, hold_id: int, reason: str) -> LegalHold:
    access.require(acting_user, access.RETENTION_MANAGE)
    hold = (
        LegalHold.objects.select_for_update()
        .filter(pk=hold_id, municipality_id=access.tenant_id(acting_user))
        .first()
    )
    if hold is None:
        raise LegalHold.DoesNotExist
    reason = reason.strip()
    if not reason:
        raise ValidationError({"lift_reason": _("Skriv, hvorfor tilbageholdet ophæves.")})
    if hold.lifted_at is not None:
        raise ValidationError({"lift_reason": _("Tilbageholdet er allerede ophævet.")})
    hold.lifted_at = timezone.now()
    hold.lifted_by = acting_user
    hold.lift_reason = reason[:500]
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=hold,
        person_id=hold.person_id if hold.person_id is not None else _case_person(hold.case_id),
        changes={"lifted_at": [None, hold.lifted_at], "lift_reason": ["", hold.lift_reason]},
    )
    return hold


def request_dry_run(
    *, acting_user: StaffUser | None, municipality_id: int, as_of: date | None = None
) -> Run:
    """Queue a dry run for the municipality (the daily command, or an administrator on the
    page): the task writes the items the rules in force make due. One run at a time: a run
    still planning, waiting for approval or working is returned instead."""
    from .tasks import plan_run

    if acting_user is not None:
        access.require_in_tenant(acting_user, access.RETENTION_MANAGE, municipality_id)
    with transaction.atomic():
        open_run = (
            Run.objects.select_for_update()
            .filter(
                municipality_id=municipality_id,
                state__in=[RunState.PLANNING, RunState.PLANNED, RunState.APPROVED],
            )
            .first()
        )
        if open_run is not None:
            return open_run
        run = Run.objects.create(
            municipality_id=municipality_id,
            as_of=as_of or timezone.localdate(),
            requested_by=acting_user,
        )
        if acting_user is not None:
            audit.log(actor=acting_user, action=AuditAction.CREATE, obj=run)
    result = plan_run.enqueue(run.pk)
    Run.objects.filter(pk=run.pk, task_id="").update(task_id=str(result.id))
    run.refresh_from_db()
    return run


def approve(*, acting_user: StaffUser, run_id: int) -> Run:
    """The administrator approves a reviewed dry run: who and when are kept, and the task does
    it batch by batch."""
    from .tasks import execute_run

    access.require(acting_user, access.RETENTION_MANAGE)
    with transaction.atomic():
        run = (
            Run.objects.select_for_update()
            .filter(pk=run_id, municipality_id=access.tenant_id(acting_user))
            .first()
        )
        if run is None:
            raise Run.DoesNotExist
        if run.state != RunState.PLANNED:
            raise ValidationError(
                {"run": _("Kun en prøvekørsel, der venter på godkendelse, kan godkendes.")}
            )
        run.state = RunState.APPROVED
        run.approved_by = acting_user
        run.approved_at = timezone.now()
        run.save(update_fields=["state", "approved_by", "approved_at"])
        audit.log(
            actor=acting_user,
            action=AuditAction.CHANGE,
            obj=run,
            changes={"state": [RunState.PLANNED, RunState.APPROVED]},
        )
    result = execute_run.enqueue(run.pk)
    Run.objects.filter(pk=run.pk).update(task_id=str(result.id))
    run.refresh_from_db()
    return run


@transaction.atomic
def discard(*, acting_user: StaffUser, run_id: int) -> Run:
    access.require(acting_user, access.RETENTION_MANAGE)
    run = (
        Run.objects.select_for_update()
        .filter(pk=run_id, municipality_id=access.tenant_id(acting_user))
        .first()
    )
    if run is None:
        raise Run.DoesNotExist
    if run.state not in (RunState.PLANNED, RunState.FAILED):
        raise ValidationError({"run": _("Kørslen kan ikke forkastes nu.")})
    if run.state == RunState.FAILED and run.approved_at is not None:
        raise ValidationError({"run": _("En godkendt kørsel gøres færdig af næste kørsel.")})
    before = run.state
    run.state = RunState.DISCARDED
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "finished_at"])
    run.items.all().delete()
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=run,
        changes={"state": [before, RunState.DISCARDED]},
    )
    return run
