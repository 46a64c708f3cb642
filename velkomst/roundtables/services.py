"""Writes of round tables (COO-3): keyword-only, ``actor`` first, each in one transaction with
its audit rows (one per person the round table is about, SEC-3).

A round table is booked as an appointment of the kind ``round_table`` through the appointments'
own service (the calendar, the household's meetings and interpreter bookings see it). Sending the
minutes to an outside participant or to a unit is a share of the citizen's data: it goes through
``velkomst.consent.services.share`` at that moment, once per person it concerns (an adult who
consents for themself; the household's adults for a child), and is refused, with nothing sent,
when a consent does not cover it (COO-4).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.appointments import services as appointment_services
from velkomst.appointments.models import AppointmentKind
from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser, Unit
from velkomst.core.records import snapshot
from velkomst.core.versioning import save_versioned
from velkomst.engines.deadlines import CHILD_AGE
from velkomst.people.models import Household, Person
from velkomst.people.selectors import persons_visible_to

from . import selectors
from .models import (
    AgendaItem,
    Decision,
    FollowUp,
    MinutesSent,
    Participant,
    ParticipantKind,
    RoundTable,
)

ROUND_TABLE_FIELDS = ("title", "person")
PARTICIPANT_FIELDS = ("kind", "user", "unit", "name", "organisation", "role")
ITEM_FIELDS = ("position", "title", "notes")
DECISION_FIELDS = ("text",)
FOLLOWUP_FIELDS = ("text", "owner", "unit", "deadline", "decision", "done_on")
MINUTES_PDF_REASON = "round-table minutes PDF"


def _log(
    actor: StaffUser,
    action: str,
    obj: Any,
    round_table: RoundTable,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    channel: str = "web",
) -> None:
    audit.log_bulk(
        audit.entry(
            actor=actor,
            action=action,
            obj=obj,
            person_id=pk,
            changes=changes,
            reason=reason,
            channel=channel,
        )
        for pk in selectors.concerned_person_ids(round_table)
    )


def _require_edit(actor: StaffUser, round_table: RoundTable) -> None:
    access.require_in_tenant(actor, access.ROUNDTABLE_EDIT, round_table.municipality_id)


def _raise(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def _staff_ok(actor: StaffUser, user: StaffUser | None) -> bool:
    return (
        user is not None
        and user.municipality_id == actor.municipality_id
        and user.is_active
        and access.can(user, access.PERSON_VIEW)
    )


def _unit_ok(actor: StaffUser, unit: Unit | None) -> bool:
    return unit is not None and unit.municipality_id == actor.municipality_id


def _first_unit(user: StaffUser) -> Unit | None:
    return user.units.order_by("name").first()


@transaction.atomic
def round_table_create(
    *,
    actor: StaffUser,
    household: Household,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    person: Person | None = None,
    interpreter_needed: bool = False,
    language: str = "",
    channel: str = "web",
) -> RoundTable:
    """Book a round table about ``person`` (or the whole household): an appointment of the kind
    round table, with the booking staff member as its first participant."""
    access.require_in_tenant(actor, access.ROUNDTABLE_EDIT, household.municipality_id)
    if not persons_visible_to(actor).filter(household_id=household.pk).exists():
        raise PermissionDenied("household not seen")
    errors: dict[str, Any] = {}
    if not (title or "").strip():
        errors["title"] = _("Skriv mødets formål.")
    if person is not None and person.household_id != household.pk:
        errors["person"] = _("Borgeren hører ikke til husstanden.")
    _raise(errors)
    data = appointment_services.AppointmentData(
        kind=AppointmentKind.ROUND_TABLE,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        persons=[person] if person is not None else [],
        staff=[actor],
        interpreter_needed=interpreter_needed,
        language=language,
        notes=title.strip(),
    )
    try:
        appointment = appointment_services.appointment_create(
            household=household, acting_user=actor, data=data, channel=channel
        )
    except appointment_services.InvalidAppointment as error:
        field = "place" if "sted" in str(error).lower() else "ends_at"
        if "sprog" in str(error).lower():
            field = "language"
        raise ValidationError({field: str(error)}) from error
    except appointment_services.NotSameMunicipality as error:
        raise ValidationError({"person": _("Borgeren hører ikke til husstanden.")}) from error
    round_table = RoundTable.objects.create(
        municipality_id=household.municipality_id,
        appointment=appointment,
        household=household,
        person=person,
        title=title.strip(),
        created_by=actor,
    )
    _log(
        actor,
        AuditAction.CREATE,
        round_table,
        round_table,
        audit.diff({}, snapshot(round_table, ROUND_TABLE_FIELDS)),
        channel=channel,
    )
    Participant.objects.create(
        round_table=round_table,
        kind=ParticipantKind.STAFF,
        user=actor,
        unit=_first_unit(actor),
    )
    return round_table


@transaction.atomic
def round_table_update(
    *, actor: StaffUser, round_table: RoundTable, expected_version: int, title: str
) -> RoundTable:
    _require_edit(actor, round_table)
    if not (title or "").strip():
        raise ValidationError({"title": _("Skriv mødets formål.")})
    before = snapshot(round_table, ROUND_TABLE_FIELDS)
    round_table.title = title.strip()
    changes = audit.diff(before, snapshot(round_table, ROUND_TABLE_FIELDS))
    if not changes:
        return round_table
    save_versioned(round_table, expected_version=expected_version, fields=["title"])
    _log(actor, AuditAction.CHANGE, round_table, round_table, changes)
    return round_table


@transaction.atomic
def participant_add(
    *,
    actor: StaffUser,
    round_table: RoundTable,
    user: StaffUser | None = None,
    unit: Unit | None = None,
    name: str = "",
    organisation: str = "",
    role: str = "",
    channel: str = "web",
) -> Participant:
    """A staff member (``user``, in ``unit``, default their first unit) or an outside actor
    (``name``, ``organisation``, ``role``, and the municipality's ``unit`` it belongs to or works
    with, e.g. the school: what the citizen's consents to share name)."""
    _require_edit(actor, round_table)
    errors: dict[str, Any] = {}
    if user is not None:
        if not _staff_ok(actor, user):
            errors["user"] = _("Medarbejderen findes ikke eller arbejder ikke med borgere.")
        elif Participant.objects.filter(round_table=round_table, user=user).exists():
            errors["user"] = _("Medarbejderen deltager allerede.")
        if unit is None and not errors:
            unit = _first_unit(user)
        if unit is not None and not _unit_ok(actor, unit):
            errors["unit"] = _("Enheden findes ikke.")
        participant = Participant(
            round_table=round_table, kind=ParticipantKind.STAFF, user=user, unit=unit
        )
    else:
        if not (name or "").strip():
            errors["name"] = _("Skriv deltagerens navn, eller vælg en medarbejder.")
        if not (organisation or "").strip():
            errors["organisation"] = _("Skriv den eksterne deltagers organisation, fx skolen.")
        if unit is not None and not _unit_ok(actor, unit):
            errors["unit"] = _("Enheden findes ikke.")
        participant = Participant(
            round_table=round_table,
            kind=ParticipantKind.OUTSIDE,
            unit=unit,
            name=(name or "").strip(),
            organisation=(organisation or "").strip(),
            role=(role or "").strip(),
        )
    _raise(errors)
    participant.save()
    if user is not None:
        round_table.appointment.staff.add(user)
    _log(
        actor,
        AuditAction.CREATE,
        participant,
        round_table,
        audit.diff({}, snapshot(participant, PARTICIPANT_FIELDS)),
        channel=channel,
    )
    return participant


@transaction.atomic
def participant_remove(*, actor: StaffUser, participant: Participant) -> None:
    round_table = participant.round_table
    _require_edit(actor, round_table)
    changes = {
        name: [audit._jsonable(getattr(participant, name)), None] for name in PARTICIPANT_FIELDS
    }
    _log(actor, AuditAction.DELETE, participant, round_table, changes)
    participant.delete()


@transaction.atomic
def agenda_item_add(
    *,
    actor: StaffUser,
    round_table: RoundTable,
    title: str,
    notes: str = "",
    channel: str = "web",
) -> AgendaItem:
    """The next item of the agenda (numbered in order)."""
    _require_edit(actor, round_table)
    if not (title or "").strip():
        raise ValidationError({"title": _("Skriv dagsordenspunktet.")})
    last = AgendaItem.objects.filter(round_table=round_table).aggregate(n=Max("position"))["n"]
    item = AgendaItem.objects.create(
        round_table=round_table,
        position=(last or 0) + 1,
        title=title.strip(),
        notes=(notes or "").strip(),
    )
    _log(
        actor,
        AuditAction.CREATE,
        item,
        round_table,
        audit.diff({}, snapshot(item, ITEM_FIELDS)),
        channel=channel,
    )
    return item


@transaction.atomic
def decision_add(
    *, actor: StaffUser, item: AgendaItem, text: str, channel: str = "web"
) -> Decision:
    round_table = item.round_table
    _require_edit(actor, round_table)
    if not (text or "").strip():
        raise ValidationError({"text": _("Skriv beslutningen.")})
    decision = Decision.objects.create(item=item, text=text.strip())
    _log(
        actor,
        AuditAction.CREATE,
        decision,
        round_table,
        audit.diff({}, snapshot(decision, DECISION_FIELDS)),
        channel=channel,
    )
    return decision


@transaction.atomic
def followup_add(
    *,
    actor: StaffUser,
    round_table: RoundTable,
    text: str,
    owner: StaffUser | None,
    deadline: date | None,
    unit: Unit | None = None,
    decision: Decision | None = None,
    channel: str = "web",
) -> FollowUp:
    """A follow-up task for ``owner`` (a staff member of the municipality, in ``unit``, default
    their first unit) by ``deadline``: it appears on the owner's worklist when due soon."""
    _require_edit(actor, round_table)
    errors: dict[str, Any] = {}
    if not (text or "").strip():
        errors["text"] = _("Skriv opgaven.")
    if not _staff_ok(actor, owner):
        errors["owner"] = _("Vælg en medarbejder, der arbejder med borgere.")
    elif unit is None:
        unit = _first_unit(owner)  # type: ignore[arg-type]
    if not _unit_ok(actor, unit):
        errors["unit"] = _("Vælg enheden, der har opgaven.")
    if deadline is None:
        errors["deadline"] = _("Angiv en frist.")
    if decision is not None and decision.item.round_table_id != round_table.pk:
        errors["decision"] = _("Beslutningen hører ikke til dette møde.")
    _raise(errors)
    assert owner is not None and unit is not None and deadline is not None  # checked above
    followup = FollowUp.objects.create(
        municipality_id=round_table.municipality_id,
        round_table=round_table,
        decision=decision,
        text=text.strip(),
        owner=owner,
        unit=unit,
        deadline=deadline,
    )
    _log(
        actor,
        AuditAction.CREATE,
        followup,
        round_table,
        audit.diff({}, snapshot(followup, FOLLOWUP_FIELDS)),
        channel=channel,
    )
    return followup


@transaction.atomic
def followup_done(
    *,
    actor: StaffUser,
    followup: FollowUp,
    expected_version: int,
    done_on: date | None = None,
    channel: str = "web",
) -> FollowUp:
    """Mark a follow-up done: its owner, or one who holds round tables."""
    round_table = followup.round_table
    if round_table.municipality_id != access.tenant_id(actor):
        raise PermissionDenied("another municipality's data")
    if followup.owner_id != actor.pk:
        _require_edit(actor, round_table)
    if followup.done_on is not None:
        raise ValidationError({"done_on": _("Opgaven er allerede udført.")})
    day = done_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"done_on": _("Datoen kan ikke ligge i fremtiden.")})
    before = snapshot(followup, FOLLOWUP_FIELDS)
    followup.done_on = day
    followup.done_by = actor
    save_versioned(followup, expected_version=expected_version, fields=["done_on", "done_by"])
    _log(
        actor,
        AuditAction.CHANGE,
        followup,
        round_table,
        audit.diff(before, snapshot(followup, FOLLOWUP_FIELDS)),
        channel=channel,
    )
    return followup


def _adult_born_by() -> date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - CHILD_AGE)
    except ValueError:  # 29 February
        return date(today.year - CHILD_AGE, 2, 28)


def minutes_consents(round_table: RoundTable) -> tuple[str, list[Person]]:
    """What sending the minutes shares (a consent purpose, COO-4) and whose consent it needs:
    an adult citizen's case (``share.case``, their own consent); a child's (``share.children``,
    each adult of the household's); a household's (``share.household``, each adult's)."""
    from velkomst.consent.models import Purpose

    born_by = _adult_born_by()
    person = round_table.person
    if person is not None and person.birth_date <= born_by:
        return Purpose.SHARE_CASE, [person]
    adults = list(
        Person.objects.filter(
            household_id=round_table.household_id, birth_date__lte=born_by
        ).order_by("pk")
    )
    purpose = Purpose.SHARE_CHILDREN if person is not None else Purpose.SHARE_HOUSEHOLD
    return purpose, adults


@transaction.atomic
def minutes_send(
    *,
    actor: StaffUser,
    round_table: RoundTable,
    participant: Participant | None = None,
    unit: Unit | None = None,
    channel: str = "web",
) -> MinutesSent:
    """Record that the minutes were sent to an outside participant (through the unit of the
    municipality it belongs to or works with, e.g. the school) or to a unit. Each person whose
    consent the share needs must have one covering it, for that unit, at this moment
    (``consent.services.share``, which writes each disclosure); otherwise the ValidationError
    names the person and nothing is recorded as sent. An outside participant without a unit is
    outside every consent to share between units, so sending to them is refused."""
    from velkomst.consent import services as consent_services

    _require_edit(actor, round_table)
    if (participant is None) == (unit is None):
        raise ValidationError(
            {"recipient": _("Vælg én modtager: en ekstern deltager eller en enhed.")}
        )
    if participant is not None:
        if participant.round_table_id != round_table.pk or participant.user_id is not None:
            raise ValidationError({"recipient": _("Vælg en ekstern deltager i mødet.")})
        recipient = f"{participant.name}, {participant.organisation}"
        if participant.role:
            recipient += f" ({participant.role})"
        unit = participant.unit
    else:
        assert unit is not None
        if not _unit_ok(actor, unit):
            raise ValidationError({"recipient": _("Enheden findes ikke.")})
        recipient = unit.name
    purpose, persons = minutes_consents(round_table)
    context = (_("Referat af rundbordsmøde: %(title)s") % {"title": round_table.title})[:100]
    for person in persons:
        consent_services.share(
            actor=actor,
            person=person,
            purpose=purpose,
            unit=unit,
            recipient=recipient,
            context=context,
        )
    sent = MinutesSent.objects.create(
        round_table=round_table,
        participant=participant,
        unit=unit,
        recipient=recipient[:300],
        purpose=purpose,
        sent_by=actor,
    )
    _log(
        actor,
        AuditAction.EXPORT,
        sent,
        round_table,
        {"recipient": [None, recipient]},
        reason="Referat sendt",
        channel=channel,
    )
    return sent


@transaction.atomic
def minutes_exported(*, actor: StaffUser, round_table: RoundTable) -> None:
    """The minutes left the system as a PDF: an export on each concerned person's log."""
    _log(actor, AuditAction.EXPORT, round_table, round_table, reason=MINUTES_PDF_REASON)
