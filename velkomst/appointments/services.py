"""Writes for appointments (REC-4 meetings), calendar-feed tokens and contacts (REC-8).

Each service runs in one transaction with its audit rows. Audit convention: an appointment is
logged once per person it concerns: the listed persons, or every household member when none is
listed, so each citizen's log (access request, SEC-3) shows it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.dates import DateCheck, refuse_impossible_dates
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.versioning import save_versioned
from velkomst.people.codes import LANGUAGES
from velkomst.people.models import Household, Person
from velkomst.reception import services as reception_services
from velkomst.reception.models import PlanTask

from . import selectors
from .models import (
    Appointment,
    AppointmentStatus,
    CalendarFeedToken,
    ContactKind,
    ContactLog,
    ContactTopic,
)

# The declared pipeline of an appointment's status: from -> allowed next statuses.
STATUSES: dict[str, list[str]] = {
    AppointmentStatus.PLANNED: [
        AppointmentStatus.HELD,
        AppointmentStatus.CANCELLED,
        AppointmentStatus.NO_SHOW,
    ],
    AppointmentStatus.HELD: [],
    AppointmentStatus.CANCELLED: [],
    AppointmentStatus.NO_SHOW: [],
}

# Fields whose change the attendees' calendars must see: each change bumps SEQUENCE (RFC 5545)
CALENDAR_FIELDS = ("kind", "starts_at", "ends_at", "place", "status")
EDITABLE = (
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "external_participants",
    "interpreter_needed",
    "language",
    "notes",
)


class IllegalStatusTransition(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"an appointment cannot go from {from_status} to {to_status}")
        self.from_status, self.to_status = from_status, to_status


class InvalidAppointment(ValueError):
    """The appointment's values do not fit together (times, language, persons, task)."""


class NotSameMunicipality(Exception):
    """A participant, person or task of another municipality (or household) was given."""


class ReasonRequired(Exception):
    pass


@dataclass
class AppointmentData:
    kind: str
    starts_at: datetime
    ends_at: datetime
    place: str
    persons: list[Person]
    staff: list[StaffUser]
    external_participants: str = ""
    interpreter_needed: bool = False
    language: str = ""
    notes: str = ""
    plan_task: PlanTask | None = None


def _require_household(acting_user: StaffUser, household: Household) -> None:
    access.require(acting_user, access.APPOINTMENT_EDIT)
    if household.municipality_id != access.tenant_id(acting_user):
        raise PermissionDenied("another municipality's household")


def _validate(household: Household, data: AppointmentData) -> AppointmentData:
    if timezone.is_naive(data.starts_at) or timezone.is_naive(data.ends_at):
        raise InvalidAppointment("times must be aware")
    if data.ends_at <= data.starts_at:
        raise InvalidAppointment(_("Mødet skal slutte efter, det begynder."))
    if not data.place.strip():
        raise InvalidAppointment(_("Angiv et sted."))
    for person in data.persons:
        if person.household_id != household.pk:
            raise NotSameMunicipality()
    for member in data.staff:
        if member.municipality_id != household.municipality_id or not member.is_active:
            raise NotSameMunicipality()
        if not access.can(member, access.PERSON_VIEW):
            raise InvalidAppointment(_("%(name)s arbejder ikke med borgere.") % {"name": member})
    task = data.plan_task
    if task is not None and (
        task.municipality_id != household.municipality_id or task.plan.household_id != household.pk
    ):
        raise NotSameMunicipality()
    language = data.language.strip().lower()
    if data.interpreter_needed and not language:
        language = selectors.default_interpreter_language(household, data.persons)
    if language and language not in LANGUAGES:
        raise InvalidAppointment(_("Ukendt sprogkode. Brug ISO 639, fx ar, ti, fa, so, uk."))
    if data.interpreter_needed and not language:
        raise InvalidAppointment(_("Angiv sproget, der skal tolkes til."))
    data.language = language if data.interpreter_needed else ""
    data.place = data.place.strip()
    return data


def concerned_person_ids(appointment: Appointment) -> list[int]:
    """The ids of the persons an appointment concerns (listed, else the whole household)."""
    listed = [p.pk for p in appointment.persons.all()]
    if listed:
        return listed
    return list(
        Person.objects.filter(household_id=appointment.household_id).values_list("pk", flat=True)
    )


def _log(
    *,
    acting_user: StaffUser,
    appointment: Appointment,
    action: str,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    channel: str = "web",
    person_ids: Iterable[int] | None = None,
) -> None:
    for person_id in person_ids if person_ids is not None else concerned_person_ids(appointment):
        audit.log(
            actor=acting_user,
            action=action,
            obj=appointment,
            person_id=person_id,
            changes=changes,
            reason=reason,
            channel=channel,
        )


@transaction.atomic
def appointment_create(
    *,
    household: Household,
    acting_user: StaffUser,
    data: AppointmentData,
    channel: str = "web",
) -> Appointment:
    """Book a meeting with a household (REC-4); the booking staff member takes part unless
    other participants are chosen."""
    _require_household(acting_user, household)
    data = _validate(household, data)
    staff = data.staff or [acting_user]
    appointment = Appointment.objects.create(
        municipality_id=household.municipality_id,
        household=household,
        kind=data.kind,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=data.place,
        external_participants=data.external_participants.strip(),
        interpreter_needed=data.interpreter_needed,
        language=data.language,
        notes=data.notes.strip(),
        plan_task=data.plan_task,
        created_by=acting_user,
    )
    appointment.persons.set(data.persons)
    appointment.staff.set(staff)
    _log(
        acting_user=acting_user,
        appointment=appointment,
        action=AuditAction.CREATE,
        changes={
            "kind": [None, data.kind],
            "starts_at": [None, data.starts_at],
            "ends_at": [None, data.ends_at],
            "place": [None, data.place],
            "staff": [None, sorted(s.pk for s in staff)],
            "persons": [None, sorted(p.pk for p in data.persons)],
            "plan_task": [None, data.plan_task.pk if data.plan_task else None],
        },
        channel=channel,
    )
    return appointment


def _require_open(appointment: Appointment, to: str) -> None:
    if to not in STATUSES.get(appointment.status, []):
        raise IllegalStatusTransition(appointment.status, to)


@transaction.atomic
def appointment_update(
    *,
    appointment: Appointment,
    acting_user: StaffUser,
    expected_version: int,
    data: AppointmentData,
    channel: str = "web",
) -> Appointment:
    """Change a planned appointment; raises ConcurrentEditError if someone saved it first."""
    _require_household(acting_user, appointment.household)
    if appointment.status != AppointmentStatus.PLANNED:
        raise IllegalStatusTransition(appointment.status, appointment.status)
    data = _validate(appointment.household, data)
    old_persons = sorted(p.pk for p in appointment.persons.all())
    old_staff = sorted(s.pk for s in appointment.staff.all())
    old = {name: getattr(appointment, name) for name in EDITABLE}
    old["plan_task"] = appointment.plan_task_id
    values: dict[str, Any] = {name: getattr(data, name) for name in EDITABLE}
    values["external_participants"] = data.external_participants.strip()
    values["notes"] = data.notes.strip()
    for name, value in values.items():
        setattr(appointment, name, value)
    appointment.plan_task = data.plan_task
    new_task = data.plan_task.pk if data.plan_task is not None else None
    changes = audit.diff(old, {**values, "plan_task": new_task})
    new_persons = sorted(p.pk for p in data.persons)
    new_staff = sorted(s.pk for s in (data.staff or [acting_user]))
    if new_persons != old_persons:
        changes["persons"] = [old_persons, new_persons]
    if new_staff != old_staff:
        changes["staff"] = [old_staff, new_staff]
    if not changes:  # nothing changed: no audit row, and the version stays (SEC-5)
        return appointment
    fields = [*EDITABLE, "plan_task"]
    if any(name in changes for name in CALENDAR_FIELDS):
        appointment.sequence += 1
        fields.append("sequence")
    save_versioned(appointment, expected_version=expected_version, fields=fields)
    appointment.persons.set(data.persons)
    appointment.staff.set(data.staff or [acting_user])
    person_ids = sorted(set(concerned_person_ids(appointment)) | set(old_persons))
    _log(
        acting_user=acting_user,
        appointment=appointment,
        action=AuditAction.CHANGE,
        changes=changes,
        channel=channel,
        person_ids=person_ids,
    )
    return appointment


def _set_status(
    *,
    appointment: Appointment,
    acting_user: StaffUser,
    expected_version: int,
    to: str,
    reason: str,
    channel: str,
) -> Appointment:
    _require_household(acting_user, appointment.household)
    _require_open(appointment, to)
    if to in (AppointmentStatus.HELD, AppointmentStatus.NO_SHOW) and (
        appointment.starts_at > timezone.now()
    ):
        # as the household's meetings page offers it: held or absent only once it has begun
        raise ValidationError(_("Mødet er ikke begyndt endnu."))
    from_status = appointment.status
    appointment.status, appointment.status_reason = to, reason.strip()[:300]
    fields = ["status", "status_reason"]
    if to == AppointmentStatus.CANCELLED:
        appointment.sequence += 1
        fields.append("sequence")
    save_versioned(appointment, expected_version=expected_version, fields=fields)
    _log(
        acting_user=acting_user,
        appointment=appointment,
        action=AuditAction.CHANGE,
        changes={"status": [from_status, to]},
        reason=reason,
        channel=channel,
    )
    return appointment


@transaction.atomic
def appointment_cancel(
    *,
    appointment: Appointment,
    acting_user: StaffUser,
    expected_version: int,
    reason: str,
    channel: str = "web",
) -> Appointment:
    """Cancel a planned appointment, with a reason; calendars get STATUS:CANCELLED."""
    if not reason.strip():
        raise ReasonRequired()
    return _set_status(
        appointment=appointment,
        acting_user=acting_user,
        expected_version=expected_version,
        to=AppointmentStatus.CANCELLED,
        reason=reason,
        channel=channel,
    )


@transaction.atomic
def appointment_mark_no_show(
    *,
    appointment: Appointment,
    acting_user: StaffUser,
    expected_version: int,
    reason: str = "",
    channel: str = "web",
) -> Appointment:
    return _set_status(
        appointment=appointment,
        acting_user=acting_user,
        expected_version=expected_version,
        to=AppointmentStatus.NO_SHOW,
        reason=reason,
        channel=channel,
    )


@transaction.atomic
def appointment_mark_held(
    *,
    appointment: Appointment,
    acting_user: StaffUser,
    expected_version: int,
    complete_task: bool = True,
    channel: str = "web",
) -> bool:
    """Record that the meeting was held. If it is linked to an open reception-plan task the user
    may tick off, the task is ticked off as done on the meeting's day (REC-4). Returns whether
    the task was ticked off."""
    _set_status(
        appointment=appointment,
        acting_user=acting_user,
        expected_version=expected_version,
        to=AppointmentStatus.HELD,
        reason="",
        channel=channel,
    )
    task = appointment.plan_task
    if not complete_task or task is None:
        return False
    task = PlanTask.objects.select_for_update().get(pk=task.pk)
    if not task.is_open or not reception_services.can_work_on(acting_user, task):
        return False
    meeting_day = timezone.localdate(appointment.starts_at)
    reception_services.task_complete(
        task=task,
        acting_user=acting_user,
        expected_version=task.version,
        done_on=meeting_day,
        note=_("%(kind)s afholdt %(date)s")
        % {"kind": appointment.get_kind_display(), "date": meeting_day.strftime("%d.%m.%Y")},
        channel=channel,
    )
    return True


# --- the personal calendar feed ----------------------------------------------------------------


@transaction.atomic
def calendar_feed_token_create(*, acting_user: StaffUser) -> str:
    """Make (or replace) the user's calendar-feed token and return it; only its hash is kept, so
    it can be shown this once. The old address stops working at once."""
    access.require(acting_user, access.PERSON_VIEW)
    token = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.update_or_create(
        user=acting_user,
        defaults={
            "token_hash": hashlib.sha256(token.encode()).hexdigest(),
            "prefix": token[:6],
            "created_at": timezone.now(),
            "last_used_at": None,
        },
    )
    return token


@transaction.atomic
def calendar_feed_token_revoke(*, acting_user: StaffUser) -> None:
    CalendarFeedToken.objects.filter(user=acting_user).delete()


def calendar_feed_used(*, user: StaffUser, appointment_ids: list[int]) -> None:
    """Note a feed fetch: the token's last use, and one export entry naming the appointments.

    The feed carries no name, CPR or notes (see views.calendar_feed), so one entry per fetch
    without a person id is enough to show who exported what, when."""
    with transaction.atomic():
        CalendarFeedToken.objects.filter(user=user).update(last_used_at=timezone.now())
        audit.log(
            actor=user,
            action=AuditAction.EXPORT,
            changes={"appointments": [None, appointment_ids]},
            reason="calendar feed",
            channel="calendar",
        )


# --- contacts (REC-8) --------------------------------------------------------------------------


@dataclass
class ContactData:
    kind: str
    date: date
    topic: str
    topic_text: str = ""
    household: Household | None = None
    persons: list[Person] | None = None
    anonymous_count: int = 0
    staff: list[StaffUser] | None = None
    note: str = ""


class NobodyCame(ValueError):
    """A contact needs at least one registered person or a number of other attendees."""


@transaction.atomic
def contact_record(
    *, acting_user: StaffUser, data: ContactData, channel: str = "web"
) -> ContactLog:
    """Log an open-counselling, house-meeting or phone contact so its use can be counted."""
    access.require(acting_user, access.CONTACT_LOG)
    tenant = access.tenant_id(acting_user)
    if data.kind not in ContactKind.values or data.topic not in ContactTopic.values:
        raise ValueError("unknown kind or topic")
    refuse_impossible_dates(DateCheck("date", data.date, past=True))  # SEC-5
    persons = list(data.persons or [])
    staff = list(data.staff or [acting_user])
    household = data.household
    if household is not None and household.municipality_id != tenant:
        raise NotSameMunicipality()
    for person in persons:
        if household is None or person.household_id != household.pk:
            raise NotSameMunicipality()
    for member in staff:
        if member.municipality_id != tenant:
            raise NotSameMunicipality()
    if not persons and data.anonymous_count < 1:
        raise NobodyCame()
    contact = ContactLog.objects.create(
        municipality_id=tenant,
        kind=data.kind,
        date=data.date,
        topic=data.topic,
        topic_text=data.topic_text.strip(),
        household=household,
        anonymous_count=max(0, data.anonymous_count),
        note=data.note.strip(),
        created_by=acting_user,
    )
    contact.persons.set(persons)
    contact.staff.set(staff)
    changes = {
        "kind": [None, data.kind],
        "topic": [None, data.topic],
        "date": [None, data.date],
        "anonymous_count": [None, contact.anonymous_count],
    }
    person_ids: list[int | None] = [p.pk for p in persons]
    if not person_ids and household is not None:
        person_ids = list(household.members.values_list("pk", flat=True))
    for person_id in person_ids or [None]:
        audit.log(
            actor=acting_user,
            action=AuditAction.CREATE,
            obj=contact,
            person_id=person_id,
            changes=changes,
            channel=channel,
        )
    return contact
