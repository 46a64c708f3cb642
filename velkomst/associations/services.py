"""Writes of housing associations, move-out numbers and allocation meetings (HOU-5). Each runs in
one transaction with its audit rows; edits use optimistic concurrency (SEC-5)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import check_names, create_audited, snapshot, update_audited
from velkomst.core.versioning import save_versioned
from velkomst.housing import services as housing_services
from velkomst.housing.models import Dwelling, PlacementSource

from . import distribution, selectors
from .models import (
    MEETING_STATUSES,
    AllocationLine,
    AllocationMeeting,
    HousingAssociation,
    MeetingStatus,
    MoveOutCount,
    Outcome,
)

ASSOCIATION_FIELDS = ("name", "contact_person", "email", "phone", "note", "active")
MEETING_FIELDS = ("month", "meeting_date", "status", "note", "key_months")
LINE_FIELDS = ("association", "outcome", "dwelling", "placement", "note")


class IllegalMeetingTransition(ValidationError):
    """A meeting's status may only move along ``MEETING_STATUSES`` (draft → held)."""

    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(
            {
                "status": _("Et møde med status %(from)s kan ikke få status %(to)s.")
                % {
                    "from": MeetingStatus(from_status).label,
                    "to": MeetingStatus(to_status).label,
                }
            }
        )


# --- Housing associations -----------------------------------------------------------------------


def _validate_association(association: HousingAssociation) -> None:
    if not association.name.strip():
        raise ValidationError({"name": _("Skriv boligforeningens navn.")})
    clash = HousingAssociation.objects.filter(
        municipality_id=association.municipality_id, name__iexact=association.name.strip()
    )
    if association.pk:
        clash = clash.exclude(pk=association.pk)
    if clash.exists():
        raise ValidationError({"name": _("Der findes allerede en boligforening med det navn.")})


@transaction.atomic
def association_create(*, acting_user: StaffUser, **values: Any) -> HousingAssociation:
    municipality_id = access.tenant_id(acting_user)
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, municipality_id)
    check_names(values, ASSOCIATION_FIELDS)
    association = HousingAssociation(municipality_id=municipality_id, **values)
    association.name = association.name.strip()
    return create_audited(
        association,
        acting_user=acting_user,
        fields=ASSOCIATION_FIELDS,
        validate=_validate_association,
    )


@transaction.atomic
def association_update(
    *,
    association: HousingAssociation,
    acting_user: StaffUser,
    expected_version: int,
    **values: Any,
) -> HousingAssociation:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, association.municipality_id)
    check_names(values, ASSOCIATION_FIELDS)
    if "name" in values:
        values["name"] = values["name"].strip()
    return update_audited(
        association,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=ASSOCIATION_FIELDS,
        validate=_validate_association,
    )


# --- Move-out numbers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MoveOutEntry:
    """A month's move-outs as entered. ``move_outs`` None: not entered. ``expected_version``: the
    version of the month's number the user saw (0: there was none)."""

    period: date
    move_outs: int | None
    expected_version: int = 0


def period_key(period: date) -> str:
    """The key of a month's error in ``move_outs_save``'s ValidationError: ``YYYY-MM``."""
    return period.strftime("%Y-%m")


@transaction.atomic
def move_outs_save(
    *,
    acting_user: StaffUser,
    association: HousingAssociation,
    entries: Sequence[MoveOutEntry],
    channel: str = "web",
    reason: str = "",
) -> list[MoveOutCount]:
    """Save an association's move-outs for some months at once (all or nothing): a new month's
    number is created, a changed one updated if nobody changed it meanwhile; one audit row per
    month written. Errors are keyed by the month (``period_key``)."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, association.municipality_id)
    errors: dict[str, str] = {}
    for entry in entries:
        if entry.period.day != 1:
            errors[period_key(entry.period)] = _("En måned angives ved sin første dag.")
        elif entry.move_outs is not None and entry.move_outs < 0:
            errors[period_key(entry.period)] = _(
                "Antallet af fraflytninger kan ikke være negativt."
            )
    if errors:
        raise ValidationError(errors)
    existing = {
        c.period: c
        for c in MoveOutCount.objects.select_for_update().filter(
            association=association, period__in=[e.period for e in entries]
        )
    }
    saved: list[MoveOutCount] = []
    for entry in entries:
        count = existing.get(entry.period)
        if count is None:
            if entry.expected_version not in (0, None):
                raise ConcurrentEditError(str(MoveOutCount._meta.verbose_name))
            if entry.move_outs is None:
                continue
            try:
                with transaction.atomic():  # a month another writer created meanwhile
                    count = MoveOutCount.objects.create(
                        municipality_id=association.municipality_id,
                        association=association,
                        period=entry.period,
                        move_outs=entry.move_outs,
                    )
            except IntegrityError as error:
                raise ConcurrentEditError(str(MoveOutCount._meta.verbose_name)) from error
            audit.log(
                actor=acting_user,
                action=AuditAction.CREATE,
                obj=count,
                changes=audit.diff(
                    {},
                    {
                        "association": association.pk,
                        "period": count.period,
                        "move_outs": count.move_outs,
                    },
                ),
                channel=channel,
                reason=reason,
            )
            saved.append(count)
            continue
        if entry.move_outs is None:
            errors[period_key(entry.period)] = _(
                "Skriv antallet af fraflytninger (0, hvis ingen fraflyttede)."
            )
            continue
        if entry.move_outs == count.move_outs and entry.expected_version == count.version:
            continue
        before = count.move_outs
        count.move_outs = entry.move_outs
        save_versioned(count, expected_version=entry.expected_version, fields=["move_outs"])
        audit.log(
            actor=acting_user,
            action=AuditAction.CHANGE,
            obj=count,
            changes={"move_outs": [before, count.move_outs]},
            channel=channel,
            reason=reason,
        )
        saved.append(count)
    if errors:
        raise ValidationError(errors)
    return saved


@transaction.atomic
def move_outs_import(
    *, acting_user: StaffUser, rows: Sequence[Any], reason: str = ""
) -> list[MoveOutCount]:
    """Save the move-outs of an import file (rows with ``association``, ``period`` and
    ``move_outs``, checked by ``importing.check_file``): the file's numbers replace the stored
    ones; all or nothing, one audit row per month written (channel "import")."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, access.tenant_id(acting_user))
    by_association: dict[int, list[Any]] = {}
    associations: dict[int, HousingAssociation] = {}
    for row in rows:
        if row.association.municipality_id != access.tenant_id(acting_user):
            raise PermissionDenied("another municipality's association")
        by_association.setdefault(row.association.pk, []).append(row)
        associations[row.association.pk] = row.association
    saved: list[MoveOutCount] = []
    for pk, group in by_association.items():
        versions = dict(
            MoveOutCount.objects.select_for_update()
            .filter(association_id=pk, period__in=[r.period for r in group])
            .values_list("period", "version")
        )
        saved += move_outs_save(
            acting_user=acting_user,
            association=associations[pk],
            entries=[MoveOutEntry(r.period, r.move_outs, versions.get(r.period, 0)) for r in group],
            channel="import",
            reason=reason,
        )
    return saved


# --- Allocation meetings ------------------------------------------------------------------------


def keysnapshot(
    result: distribution.KeyResult, *, period: list[date], months: int
) -> dict[str, Any]:
    """The key as stored with the meeting: the numbers a person can check it by."""
    return {
        "months": months,
        "from": period[0].isoformat(),
        "to": period[-1].isoformat(),
        "households": result.households,
        "total": result.total_move_outs,
        "problem": result.problem,
        "shares": [
            {
                "id": s.key,
                "name": s.name,
                "move_outs": s.move_outs,
                "quota": f"{s.quota.numerator}/{s.quota.denominator}",
                "quota_value": float(s.quota),
                "whole": s.whole,
                "remainder": float(s.remainder),
                "extra": s.extra,
                "share": s.share,
                "percent": result.percent_of(s),
            }
            for s in result.shares
        ],
    }


def _audit_lines(
    acting_user: StaffUser,
    action: str,
    lines: Sequence[AllocationLine],
    changes: Mapping[AllocationLine, dict[str, Any]] | None = None,
) -> None:
    """A household on the list is its members' data: one audit row per member (SEC-3)."""
    from velkomst.people.models import Person

    members: dict[int, list[int]] = {}
    for pk, household_id in Person.objects.filter(
        household_id__in=[line.household_id for line in lines]
    ).values_list("pk", "household_id"):
        members.setdefault(household_id, []).append(pk)
    audit.log_bulk(
        audit.entry(
            actor=acting_user,
            action=action,
            obj=line,
            person_id=person_id,
            changes=(changes or {}).get(line),
        )
        for line in lines
        for person_id in members.get(line.household_id, [])
    )


def _allocate(meeting: AllocationMeeting, acting_user: StaffUser) -> list[AllocationLine]:
    """Compute the key for the meeting's month and put the month's households on the list."""
    counts = selectors.key_counts(user=acting_user, month=meeting.month, months=meeting.key_months)
    household_ids = list(
        selectors.unhoused_households(user=acting_user, month=meeting.month).values_list(
            "pk", flat=True
        )
    )
    result = distribution.distribute(counts, len(household_ids))
    period = distribution.key_period(meeting.month, meeting.key_months)
    meeting.key = keysnapshot(result, period=period, months=meeting.key_months)
    assigned: dict[Any, Any] = distribution.deal(result, household_ids)
    meeting.key["unallocated"] = len(household_ids) - len(assigned)
    lines = [
        AllocationLine(
            municipality_id=meeting.municipality_id,
            meeting=meeting,
            association_id=assigned[household_id],
            keyed_association_id=assigned[household_id],
            household_id=household_id,
            position=position,
        )
        for position, household_id in enumerate(household_ids)
        if household_id in assigned
    ]
    for line in lines:  # one by one: ids on every database for the audit rows
        line.save()
    _audit_lines(
        acting_user,
        AuditAction.CREATE,
        lines,
        {line: {"association": [None, line.association_id]} for line in lines},
    )
    return lines


@transaction.atomic
def meeting_draft(
    *,
    acting_user: StaffUser,
    month: date,
    meeting_date: date,
    note: str = "",
    key_months: int | None = None,
) -> AllocationMeeting:
    """Draft the month's allocation meeting: the distribution key over the key period
    (configuration ``allocation_key_months`` unless given) and the month's unhoused households
    dealt out to the associations by it."""
    municipality_id = access.tenant_id(acting_user)
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, municipality_id)
    errors: dict[str, str] = {}
    if month.day != 1:
        errors["month"] = _("En måned angives ved sin første dag.")
    elif AllocationMeeting.objects.filter(municipality_id=municipality_id, month=month).exists():
        errors["month"] = _("Der er allerede et anvisningsmøde for den måned.")
    months = key_months if key_months is not None else selectors.key_months(acting_user, month)
    if months < 1:
        errors["key_months"] = _("Nøgleperioden er mindst én måned.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():  # another officer drafted the month meanwhile
            meeting = AllocationMeeting.objects.create(
                municipality_id=municipality_id,
                month=month,
                meeting_date=meeting_date,
                note=note,
                key_months=months,
                created_by=acting_user,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"month": _("Der er allerede et anvisningsmøde for den måned.")}
        ) from error
    _allocate(meeting, acting_user)
    meeting.save(update_fields=["key"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=meeting,
        changes=audit.diff({}, snapshot(meeting, MEETING_FIELDS)),
    )
    return meeting


@transaction.atomic
def meeting_recompute(
    *, acting_user: StaffUser, meeting: AllocationMeeting, expected_version: int
) -> AllocationMeeting:
    """Compute a draft meeting's key and list again (e.g. after move-outs were corrected or new
    households got a need); moves made by hand are undone. Refused once an outcome is recorded."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, meeting.municipality_id)
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(
            {"status": _("Mødet er afholdt; fordelingen kan ikke beregnes igen.")}
        )
    old = list(meeting.lines.all())
    if any(line.outcome != Outcome.PENDING for line in old):
        raise ValidationError(
            {
                "status": _(
                    "Der er registreret resultater på listen; fordelingen kan ikke beregnes igen."
                )
            }
        )
    save_versioned(meeting, expected_version=expected_version, fields=[])
    _audit_lines(acting_user, AuditAction.DELETE, old)
    AllocationLine.objects.filter(pk__in=[line.pk for line in old]).delete()
    before_total = meeting.key.get("total")
    _allocate(meeting, acting_user)
    meeting.save(update_fields=["key"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=meeting,
        changes={"key_total": [before_total, meeting.key["total"]]},
        reason="Fordelingen beregnet igen",
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    acting_user: StaffUser,
    meeting: AllocationMeeting,
    expected_version: int,
    meeting_date: date,
    status: str,
    note: str = "",
) -> AllocationMeeting:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, meeting.municipality_id)
    if status != meeting.status and status not in MEETING_STATUSES[meeting.status]:
        raise IllegalMeetingTransition(meeting.status, status)
    return update_audited(
        meeting,
        acting_user=acting_user,
        expected_version=expected_version,
        values={"meeting_date": meeting_date, "status": status, "note": note},
        fields=MEETING_FIELDS,
    )


@transaction.atomic
def line_move(
    *,
    acting_user: StaffUser,
    line: AllocationLine,
    association: HousingAssociation,
    expected_version: int,
    note: str = "",
) -> AllocationLine:
    """Move a household to another association before the meeting: a deviation from the key,
    shown as such on the list."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, line.municipality_id)
    if association.municipality_id != line.municipality_id:
        raise ValidationError({"association": _("Boligforeningen findes ikke.")})
    if not association.active:
        raise ValidationError({"association": _("Boligforeningen er ikke aktiv.")})
    if line.meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(
            {"association": _("Mødet er afholdt; husstanden kan ikke flyttes længere.")}
        )
    if line.outcome != Outcome.PENDING:
        raise ValidationError(
            {"association": _("Der er registreret et resultat; husstanden kan ikke flyttes.")}
        )
    if line.association_id == association.pk and line.note == note:
        return line  # nothing changed: no audit row, and the version stays (SEC-5)
    before = snapshot(line, LINE_FIELDS)
    line.association = association
    line.note = note
    save_versioned(line, expected_version=expected_version, fields=["association", "note"])
    _audit_lines(
        acting_user,
        AuditAction.CHANGE,
        [line],
        {line: audit.diff(before, snapshot(line, LINE_FIELDS))},
    )
    return line


@transaction.atomic
def line_record_outcome(
    *,
    acting_user: StaffUser,
    line: AllocationLine,
    outcome: str,
    expected_version: int,
    dwelling: Dwelling | None = None,
    start_date: date | None = None,
    note: str = "",
) -> AllocationLine:
    """Record what came of a household's allocation. Accepted with a dwelling: the household
    moves in on ``start_date`` (a placement with the source "allocation", HOU-4)."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, line.municipality_id)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Vælg et resultat.")})
    if line.outcome == Outcome.ACCEPTED:
        raise ValidationError(
            {
                "outcome": _(
                    "Husstanden har accepteret en bolig og er placeret; resultatet er endeligt."
                )
            }
        )
    if dwelling is not None and dwelling.municipality_id != line.municipality_id:
        raise ValidationError({"dwelling": _("Boligen findes ikke.")})
    errors: dict[str, str] = {}
    if outcome == Outcome.ACCEPTED:
        if dwelling is None:
            errors["dwelling"] = _("Vælg den bolig, husstanden har accepteret.")
        if start_date is None:
            errors["start_date"] = _("Skriv indflytningsdatoen.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(line, LINE_FIELDS)
    if outcome == Outcome.ACCEPTED:
        assert dwelling is not None and start_date is not None
        line.placement = housing_services.placement_start(
            acting_user=acting_user,
            household=line.household,
            dwelling=dwelling,
            start_date=start_date,
            source=PlacementSource.ALLOCATION,
            note=f"Anvist af {line.association.name} ({line.meeting.month:%m.%Y})",
        )
    line.outcome, line.dwelling, line.note = outcome, dwelling, note
    line.decided_by, line.decided_at = acting_user, timezone.now()
    save_versioned(
        line,
        expected_version=expected_version,
        fields=["outcome", "dwelling", "placement", "note", "decided_by", "decided_at"],
    )
    _audit_lines(
        acting_user,
        AuditAction.CHANGE,
        [line],
        {line: audit.diff(before, snapshot(line, LINE_FIELDS))},
    )
    return line
