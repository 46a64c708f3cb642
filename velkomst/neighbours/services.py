"""Writes of neighbour-problem reports (HOU-8). Each runs in one transaction with its audit rows;
changes of a report use optimistic concurrency (SEC-5).

A report linked to a household is that household's members' data: its changes are audited with
one row per member (SEC-3). A report not (yet) linked holds no citizen's data and gets one row.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.config import config_in_force
from velkomst.core.models import AuditAction, AuditEntry, Municipality, StaffUser
from velkomst.core.records import check_names, create_audited, snapshot, update_audited
from velkomst.core.versioning import save_versioned
from velkomst.engines.calendar import add_working_days
from velkomst.housing.models import Dwelling
from velkomst.people.models import Household, Person

from .models import (
    RESPONSE_KINDS,
    CaseNumberCounter,
    ChannelKind,
    EventKind,
    NeighbourReport,
    ReportChannel,
    ReportEvent,
    ReportSource,
    ReportStatus,
    Urgency,
)

CHANNEL_FIELDS = ("name", "kind", "active")
REPORT_FIELDS = (
    "number",
    "channel_id",
    "source",
    "urgency",
    "received_at",
    "response_due",
    "status",
    "owner_id",
    "dwelling_id",
    "household_id",
    "first_response_at",
    "closed_at",
    "resolution",
)

# The status pipeline: new → in progress → closed (a report may be closed straight from new).
STATUSES: dict[str, frozenset[str]] = {
    ReportStatus.NEW: frozenset({ReportStatus.IN_PROGRESS, ReportStatus.CLOSED}),
    ReportStatus.IN_PROGRESS: frozenset({ReportStatus.CLOSED}),
    ReportStatus.CLOSED: frozenset(),
}

# Events staff record on the timeline by hand (owner changes and closing have their own forms).
MANUAL_EVENT_KINDS = (EventKind.NOTE, EventKind.CONTACTED_REPORTER, EventKind.VISITED_HOUSEHOLD)


# A channel's link is shared among a landlord's staff and may leak; beyond this many reports in an
# hour the form refuses more (a flood, not a neighbour problem), so the case list stays usable.
MAX_REPORTS_PER_HOUR_PER_CHANNEL = 30


class TooManyReports(Exception):
    """The channel has sent more reports in the last hour than any real use needs."""


class IllegalTransition(Exception):
    """The report's status cannot move from where it is to the requested status."""

    def __init__(self, current: str, to: str) -> None:
        super().__init__(f"{current} → {to}")
        self.current, self.to = current, to


class ReportClosedError(IllegalTransition):
    """A closed report takes no more events, owners or links."""

    def __init__(self) -> None:
        super().__init__(ReportStatus.CLOSED, "")


@dataclass
class ReportData:
    """What a reporter tells (on the public form, or by phone to the municipality)."""

    reporter_name: str
    address: str
    description: str
    since: date
    urgency: str = Urgency.NORMAL
    reporter_phone: str = ""
    reporter_email: str = ""


def response_due_for(municipality: Municipality, received_at: datetime, urgency: str) -> date:
    """The day the first response is due: the configured number of working days after the day of
    receipt (Danish time), counted with the Danish calendar (weekends, public holidays and the
    days municipal administrations close)."""
    day = timezone.localtime(received_at).date()
    values = config_in_force(municipality, on=day)
    key = (
        "neighbour_response_days_urgent" if urgency == Urgency.URGENT else "neighbour_response_days"
    )
    return add_working_days(day, int(values[key]))


def _next_number(municipality_id: int, year: int) -> str:
    """The next case number of the municipality's year: ``2026-0007``. The counter row is locked
    (PostgreSQL), so two reports arriving at once never share a number."""
    for _attempt in range(3):
        counter = (
            CaseNumberCounter.objects.select_for_update()
            .filter(municipality_id=municipality_id, year=year)
            .first()
        )
        if counter is None:
            try:
                with transaction.atomic():
                    counter = CaseNumberCounter.objects.create(
                        municipality_id=municipality_id, year=year, last=0
                    )
            except IntegrityError:  # created by a concurrent report: lock and use it
                continue
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{year}-{counter.last:04d}"
    raise RuntimeError("could not allocate a case number")


def _member_ids(household_ids: Iterable[int | None]) -> list[int]:
    ids = [pk for pk in household_ids if pk is not None]
    if not ids:
        return []
    return list(
        Person.objects.filter(household_id__in=ids).order_by("pk").values_list("pk", flat=True)
    )


def _audit(
    acting_user: StaffUser,
    action: str,
    report: NeighbourReport,
    before: dict[str, Any],
    *,
    household_ids: Iterable[int | None] = (),
) -> None:
    """The report's changes since ``before`` (its snapshot then; {} for a new report): one row per
    member of the linked household (and of any household it was linked to before the change);
    one row without a person when no household is linked."""
    changes = audit.diff(before, snapshot(report, REPORT_FIELDS))
    members = _member_ids({report.household_id, *household_ids})
    person_ids: list[int | None] = list(members) or [None]
    audit.log_bulk(
        audit.entry(actor=acting_user, action=action, obj=report, person_id=pk, changes=changes)
        for pk in person_ids
    )


# --- Channels ---------------------------------------------------------------------------------


def _validate_channel(channel: ReportChannel) -> None:
    errors = {}
    if not channel.name.strip():
        errors["name"] = _("Skriv kanalens navn.")
    elif (
        ReportChannel.objects.filter(
            municipality_id=channel.municipality_id, name__iexact=channel.name.strip()
        )
        .exclude(pk=channel.pk)
        .exists()
    ):
        errors["name"] = _("Der findes allerede en kanal med det navn.")
    if channel.kind not in ChannelKind.values:
        errors["kind"] = _("Vælg en type.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def channel_create(
    *, acting_user: StaffUser, name: str, kind: str, active: bool = True
) -> ReportChannel:
    municipality_id = access.tenant_id(acting_user)
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, municipality_id)
    channel = ReportChannel(
        municipality_id=municipality_id,
        name=name.strip(),
        kind=kind,
        active=active,
        token=secrets.token_urlsafe(24),
    )
    return create_audited(
        channel, acting_user=acting_user, fields=CHANNEL_FIELDS, validate=_validate_channel
    )


@transaction.atomic
def channel_update(
    *, channel: ReportChannel, acting_user: StaffUser, expected_version: int, **values: Any
) -> ReportChannel:
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, channel.municipality_id)
    check_names(values, CHANNEL_FIELDS)
    if "name" in values:
        values["name"] = values["name"].strip()
    return update_audited(
        channel,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=CHANNEL_FIELDS,
        validate=_validate_channel,
    )


@transaction.atomic
def channel_renew_token(
    *, channel: ReportChannel, acting_user: StaffUser, expected_version: int
) -> ReportChannel:
    """A new link for the channel; the old one stops working at once (e.g. it was forwarded)."""
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, channel.municipality_id)
    channel.token = secrets.token_urlsafe(24)
    save_versioned(channel, expected_version=expected_version, fields=["token"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=channel,
        changes={"token": ["…", "…"]},
        reason="Nyt indberetningslink",
    )
    return channel


# --- Reports ----------------------------------------------------------------------------------


def validate_report_data(data: ReportData, *, today: date | None = None) -> None:
    """Field messages for what a reporter sent (the form checks the same; services never trust
    their caller)."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if not data.reporter_name.strip():
        errors["reporter_name"] = _("Skriv dit navn.")
    if not data.reporter_phone.strip() and not data.reporter_email.strip():
        errors["reporter_phone"] = _("Skriv et telefonnummer eller en e-mailadresse.")
    if not data.address.strip():
        errors["address"] = _("Skriv boligens adresse.")
    if not data.description.strip():
        errors["description"] = _("Beskriv, hvad der er sket.")
    if data.since is None:
        errors["since"] = _("Skriv, siden hvornår.")
    elif data.since > today:
        errors["since"] = _("Datoen ligger i fremtiden.")
    if data.urgency not in Urgency.values:
        errors["urgency"] = _("Vælg, om det haster.")
    if errors:
        raise ValidationError(errors)


def _create_report(
    *, channel: ReportChannel, data: ReportData, received_at: datetime, source: str
) -> NeighbourReport:
    validate_report_data(data, today=timezone.localtime(received_at).date())
    day = timezone.localtime(received_at).date()
    report = NeighbourReport(
        municipality_id=channel.municipality_id,
        channel=channel,
        number=_next_number(channel.municipality_id, day.year),
        source=source,
        reporter_name=data.reporter_name.strip(),
        reporter_phone=data.reporter_phone.strip(),
        reporter_email=data.reporter_email.strip(),
        address=" ".join(data.address.split()),
        description=data.description.strip(),
        since=data.since,
        urgency=data.urgency,
        consent_at=received_at,
        received_at=received_at,
        response_due=response_due_for(channel.municipality, received_at, data.urgency),
    )
    report.save()
    return report


@transaction.atomic
def report_submit(
    *, channel: ReportChannel, data: ReportData, now: datetime | None = None
) -> NeighbourReport:
    """A report sent through a channel's public form. No staff member acts: the audit row names
    the channel."""
    channel = (
        ReportChannel.objects.select_for_update().select_related("municipality").get(pk=channel.pk)
    )
    if not channel.active:
        raise PermissionDenied("inactive channel")
    moment = now or timezone.now()
    recent = channel.reports.filter(
        source=ReportSource.LINK, created_at__gte=timezone.now() - timedelta(hours=1)
    )
    if recent.count() >= MAX_REPORTS_PER_HOUR_PER_CHANNEL:
        raise TooManyReports
    report = _create_report(
        channel=channel, data=data, received_at=moment, source=ReportSource.LINK
    )
    AuditEntry.objects.create(
        municipality_id=channel.municipality_id,
        actor_id=None,
        actor_label=f"{channel.name} (indberetningslink)"[:160],
        action=AuditAction.CREATE,
        object_type=NeighbourReport._meta.label,
        object_id=str(report.pk),
        changes=audit.diff({}, snapshot(report, REPORT_FIELDS)),
        channel="link",
    )
    return report


@transaction.atomic
def report_register(
    *,
    acting_user: StaffUser,
    channel: ReportChannel,
    data: ReportData,
    received_at: datetime | None = None,
) -> NeighbourReport:
    """A report the municipality took by phone (or in person), registered by staff; the
    reporter was told how the municipality uses it."""
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, channel.municipality_id)
    now = timezone.now()
    received_at = received_at or now
    if received_at > now:
        raise ValidationError({"received_at": _("Tidspunktet ligger i fremtiden.")})
    report = _create_report(
        channel=channel, data=data, received_at=received_at, source=ReportSource.PHONE
    )
    _audit(acting_user, AuditAction.CREATE, report, {})
    return report


def _move(report: NeighbourReport, to: str) -> None:
    if report.status == to:
        return
    if report.status == ReportStatus.CLOSED:
        raise ReportClosedError
    if to not in STATUSES[report.status]:
        raise IllegalTransition(report.status, to)
    report.status = to


def _locked(report: NeighbourReport) -> NeighbourReport:
    """The stored report, locked for this transaction."""
    return NeighbourReport.objects.select_for_update().get(pk=report.pk)


def _copy_into(target: NeighbourReport, source: NeighbourReport) -> NeighbourReport:
    for field in NeighbourReport._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))
    return target


def _event(
    report: NeighbourReport,
    acting_user: StaffUser,
    kind: str,
    text: str,
    at: datetime | None = None,
) -> ReportEvent:
    return ReportEvent.objects.create(
        municipality_id=report.municipality_id,
        report=report,
        at=at or timezone.now(),
        by=acting_user,
        kind=kind,
        text=text,
    )


def handler_error(owner: StaffUser, municipality_id: int) -> str | None:
    if owner.municipality_id != municipality_id or not owner.is_active:
        return _("Medarbejderen findes ikke.")
    if not access.can(owner, access.NEIGHBOUR_HANDLE):
        return _("Medarbejderen kan ikke behandle naboproblemer.")
    return None


@transaction.atomic
def report_assign_owner(
    *,
    report: NeighbourReport,
    acting_user: StaffUser,
    owner: StaffUser,
    expected_version: int,
) -> NeighbourReport:
    """Make ``owner`` responsible for the report (taking it: ``owner`` is the acting user)."""
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, report.municipality_id)
    problem = handler_error(owner, report.municipality_id)
    if problem:
        raise ValidationError({"owner": problem})
    if report.status == ReportStatus.CLOSED:
        raise ReportClosedError
    before = snapshot(report, REPORT_FIELDS)
    if report.owner_id == owner.pk:
        return report
    report.owner = owner
    _move(report, ReportStatus.IN_PROGRESS)
    save_versioned(report, expected_version=expected_version, fields=["owner", "status"])
    text = "Sagen er taget af %s" if owner.pk == acting_user.pk else "Sagen er givet til %s"
    _event(report, acting_user, EventKind.OWNER, text % (owner.get_full_name() or owner.username))
    _audit(acting_user, AuditAction.CHANGE, report, before)
    return report


@transaction.atomic
def report_add_event(
    *, report: NeighbourReport, acting_user: StaffUser, kind: str, text: str
) -> ReportEvent:
    """Add an entry to the timeline. The first response (contact with the reporter, a visit)
    sets the report's response time, once; any event moves a new report into progress.

    Events are appended, never edited, so two officers writing at once do not conflict: the row
    is locked and its version bumped when the report itself changes."""
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, report.municipality_id)
    if kind not in MANUAL_EVENT_KINDS:
        raise ValidationError({"kind": _("Vælg en type.")})
    if not text.strip():
        raise ValidationError({"text": _("Skriv, hvad der er gjort eller aftalt.")})
    current = _locked(report)
    if current.status == ReportStatus.CLOSED:
        raise ReportClosedError
    before = snapshot(current, REPORT_FIELDS)
    event = _event(current, acting_user, kind, text.strip())
    changed = []
    if current.first_response_at is None and kind in RESPONSE_KINDS:
        current.first_response_at = event.at
        changed.append("first_response_at")
    if current.status == ReportStatus.NEW:
        _move(current, ReportStatus.IN_PROGRESS)
        changed.append("status")
    if changed:
        save_versioned(current, expected_version=current.version, fields=changed)
    _audit(acting_user, AuditAction.CHANGE, current, before)
    _copy_into(report, current)
    return event


@transaction.atomic
def report_link(
    *,
    report: NeighbourReport,
    acting_user: StaffUser,
    dwelling: Dwelling | None,
    household: Household | None,
    expected_version: int,
) -> NeighbourReport:
    """Link the report to the dwelling it is about and the household living there (either may
    be empty: unlink)."""
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, report.municipality_id)
    if report.status == ReportStatus.CLOSED:
        raise ReportClosedError
    errors = {}
    if dwelling is not None and dwelling.municipality_id != report.municipality_id:
        errors["dwelling"] = _("Boligen findes ikke.")
    if household is not None and household.municipality_id != report.municipality_id:
        errors["household"] = _("Husstanden findes ikke.")
    if errors:
        raise ValidationError(errors)
    if (report.dwelling_id, report.household_id) == (
        dwelling.pk if dwelling else None,
        household.pk if household else None,
    ):
        return report  # nothing changed: no audit row, and the version stays (SEC-5)
    before = snapshot(report, REPORT_FIELDS)
    previous_household = report.household_id
    report.dwelling = dwelling
    report.household = household
    save_versioned(report, expected_version=expected_version, fields=["dwelling", "household"])
    _audit(acting_user, AuditAction.CHANGE, report, before, household_ids=[previous_household])
    return report


@transaction.atomic
def report_close(
    *,
    report: NeighbourReport,
    acting_user: StaffUser,
    resolution: str,
    expected_version: int,
) -> NeighbourReport:
    """Close the report with what came of it. Closing answers the report if nothing did before."""
    access.require_in_tenant(acting_user, access.NEIGHBOUR_HANDLE, report.municipality_id)
    if not resolution.strip():
        raise ValidationError({"resolution": _("Skriv, hvordan sagen er afsluttet.")})
    if report.status == ReportStatus.CLOSED:
        raise ReportClosedError
    before = snapshot(report, REPORT_FIELDS)
    _move(report, ReportStatus.CLOSED)
    now = timezone.now()
    report.closed_at = now
    report.resolution = resolution.strip()
    fields = ["status", "closed_at", "resolution"]
    if report.first_response_at is None:
        report.first_response_at = now
        fields.append("first_response_at")
    save_versioned(report, expected_version=expected_version, fields=fields)
    _event(report, acting_user, EventKind.CLOSED, report.resolution, at=now)
    _audit(acting_user, AuditAction.CHANGE, report, before)
    return report
