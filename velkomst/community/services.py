"""Writes of events and associations (CIV-4, CIV-5) and leisure participation (CHI-4): keyword-
only, ``actor`` first, each in one transaction with its audit rows; edits under optimistic
concurrency (SEC-5). A person's records (an invitation, a free membership, a participation, a
contact on an association's behalf) are audited with the person's id.

Passing a citizen on to an association (``association_contact_create``), and inviting a citizen
to an event an association organises, needs the citizen's consent ``contact.association`` at
that moment (COO-4, ``velkomst.consent.selectors.covering``); without it nothing is written and
the message names the person.

``send_reminders`` sends tomorrow's reminders through the notification backend
(``velkomst.core.notify``), each once: the invitation is claimed (``reminder_sent_at``) in the
same transaction as the sending, so a second run, or two at once, send nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.consent import services as consent_services
from velkomst.consent.models import Purpose
from velkomst.core import access, audit, notify
from velkomst.core.config import config_value
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import check_names, create_audited, snapshot, update_audited
from velkomst.core.versioning import save_versioned
from velkomst.engines.calendar import add_months
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from . import texts
from .models import (
    Activity,
    Association,
    AssociationActivityKind,
    AssociationContact,
    CommunityEventKind,
    Event,
    EventAttendance,
    FreeMembership,
    Invitation,
    InvitationChannel,
    Participation,
)

EVENT_FIELDS = (
    "kind",
    "title",
    "held_on",
    "starts_at",
    "ends_at",
    "place",
    "organiser",
    "association",
    "capacity",
    "area",
    "description",
)
INVITATION_FIELDS = ("invited_on", "language", "channel", "address", "attendance")
ASSOCIATION_FIELDS = ("name", "contact_name", "contact_email", "contact_phone", "area", "note")
ACTIVITY_FIELDS = ("name", "kind", "for_children")
MEMBERSHIP_FIELDS = ("starts_on", "ends_on", "volunteering")
PARTICIPATION_FIELDS = ("activity", "started_on", "ended_on", "note")


def _today() -> date:
    return timezone.localdate()


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _visible(actor: StaffUser, persons: Sequence[Person]) -> None:
    pks = {p.pk for p in persons}
    seen = set(persons_visible_to(actor).filter(pk__in=pks).values_list("pk", flat=True))
    if pks - seen:
        raise ValidationError({"persons": _("Personen findes ikke.")})


def _log_person(actor: StaffUser, action: str, obj: Any, person_id: int, changes: Any) -> None:
    audit.log(actor=actor, action=action, obj=obj, person_id=person_id, changes=changes)


def _same_tenant(actor: StaffUser, obj: Any, field: str, errors: dict[str, str]) -> None:
    if obj is not None and obj.municipality_id != access.tenant_id(actor):
        errors[field] = _("Findes ikke.")


def contact_consent(person: Person, at: Any = None) -> bool:
    """Whether the person's consent covers being contacted by an association now (COO-4)."""
    from velkomst.consent.selectors import covering

    return covering(person, Purpose.CONTACT_ASSOCIATION, at=at) is not None


def _no_consent_message(person: Person, association: Association) -> str:
    return _(
        "%(name)s har ikke givet samtykke til at blive kontaktet af en forening, så "
        "%(association)s kan ikke få personens oplysninger."
    ) % {"name": person.full_name, "association": association.name}


# --- events (CIV-4) ----------------------------------------------------------------------------


def _validate_event(event: Event) -> None:
    errors: dict[str, str] = {}
    if not event.title.strip():
        errors["title"] = _("Skriv arrangementets titel.")
    if event.kind not in CommunityEventKind.values:
        errors["kind"] = _("Vælg en type.")
    if event.ends_at is not None and event.starts_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("Arrangementet skal slutte efter det starter.")
    if event.capacity is not None and event.capacity < 1:
        errors["capacity"] = _("Der skal være mindst én plads.")
    if event.area is not None and event.area.municipality_id != event.municipality_id:
        errors["area"] = _("Findes ikke.")
    if event.association is not None and event.association.municipality_id != (
        event.municipality_id
    ):
        errors["association"] = _("Findes ikke.")
    if event.pk and event.capacity is not None:
        invited = Invitation.objects.filter(event_id=event.pk).count()
        if invited > event.capacity:
            errors["capacity"] = _("Der er allerede inviteret %(n)s personer.") % {"n": invited}
    _raise(errors)


@transaction.atomic
def event_create(*, actor: StaffUser, **values: Any) -> Event:
    municipality_id = access.tenant_id(actor)
    access.require_in_tenant(actor, access.COMMUNITY_EDIT, municipality_id)
    check_names(values, EVENT_FIELDS)
    return create_audited(
        Event(municipality_id=municipality_id, created_by=actor, **values),
        acting_user=actor,
        fields=EVENT_FIELDS,
        validate=_validate_event,
    )


@transaction.atomic
def event_update(*, actor: StaffUser, event: Event, expected_version: int, **values: Any) -> Event:
    access.require_in_tenant(actor, access.COMMUNITY_EDIT, event.municipality_id)
    return update_audited(
        event,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=EVENT_FIELDS,
        validate=_validate_event,
    )


@transaction.atomic
def invite(
    *,
    actor: StaffUser,
    event: Event,
    persons: Sequence[Person],
    channel: str = InvitationChannel.LETTER,
    address: str = "",
    language: str = "",
    invited_on: date | None = None,
) -> list[Invitation]:
    """Invite ``persons`` (chosen citizens, or a household's members) to the event, each in the
    given language, else their own where a text exists, else Danish. All or none: a person
    already invited, past the capacity, or (for an association's event) without consent to be
    contacted by an association stops the whole invitation with a message naming them."""
    access.require_in_tenant(actor, access.COMMUNITY_INVITE, event.municipality_id)
    persons = list(persons)
    errors: dict[str, str] = {}
    if not persons:
        errors["persons"] = _("Vælg mindst én person.")
    _raise(errors)
    _visible(actor, persons)
    invited_on = invited_on or _today()
    if channel not in InvitationChannel.values:
        errors["channel"] = _("Vælg en kanal.")
    address = address.strip()
    if channel in (InvitationChannel.SMS, InvitationChannel.EMAIL):
        if len(persons) > 1 and address:
            errors["address"] = _("Skriv kun et nummer eller en adresse, når én person inviteres.")
        elif len(persons) == 1 and not address:
            errors["address"] = _("Skriv telefonnummer eller e-mail til påmindelsen.")
    if channel == InvitationChannel.EMAIL and address and "@" not in address:
        errors["address"] = _("Skriv en gyldig e-mailadresse.")
    if (
        channel == InvitationChannel.SMS
        and address
        and not address.replace(" ", "").lstrip("+").isdigit()
    ):
        errors["address"] = _("Skriv et telefonnummer med cifre.")
    if language and not texts.has_text(language):
        errors["language"] = _("Der er ingen tekst på det sprog.")
    if invited_on > event.held_on:
        errors["invited_on"] = _("Invitationen kan ikke sendes efter arrangementet.")
    already = set(
        Invitation.objects.filter(event=event, person__in=persons).values_list(
            "person__first_name", "person__last_name"
        )
    )
    if already:
        names = ", ".join(sorted(f"{f} {last}" for f, last in already))
        errors["persons"] = _("Allerede inviteret: %(names)s.") % {"names": names}
    if event.capacity is not None:
        taken = Invitation.objects.filter(event=event).count()
        if taken + len(persons) > event.capacity:
            errors["persons"] = _(
                "Der er %(free)s ledige pladser, og du har valgt %(n)s personer."
            ) % {"free": max(event.capacity - taken, 0), "n": len(persons)}
    if event.association_id is not None and "persons" not in errors:
        refused = [p for p in persons if not contact_consent(p)]
        if refused:
            errors["persons"] = " ".join(
                _no_consent_message(p, event.association)  # type: ignore[arg-type]
                for p in refused
            )
    _raise(errors)
    created = []
    for person in persons:
        invitation = Invitation.objects.create(
            municipality_id=event.municipality_id,
            event=event,
            person=person,
            invited_on=invited_on,
            language=texts._code(language) if language else texts.language_for(person),
            channel=channel,
            address=address,
            invited_by=actor,
        )
        _log_person(
            actor,
            AuditAction.CREATE,
            invitation,
            person.pk,
            audit.diff({}, snapshot(invitation, INVITATION_FIELDS)),
        )
        created.append(invitation)
    return created


@transaction.atomic
def invitation_update(
    *, actor: StaffUser, invitation: Invitation, expected_version: int, **values: Any
) -> Invitation:
    """EventAttendance (the event's organiser: COMMUNITY_EDIT) or how the person is reached."""
    check_names(values, INVITATION_FIELDS)
    needed = access.COMMUNITY_EDIT if "attendance" in values else access.COMMUNITY_INVITE
    access.require_in_tenant(actor, needed, invitation.municipality_id)
    if "attendance" in values and values["attendance"] not in EventAttendance.values:
        raise ValidationError({"attendance": _("Vælg deltagelse.")})
    if "channel" in values and values["channel"] not in InvitationChannel.values:
        raise ValidationError({"channel": _("Vælg en kanal.")})
    before = snapshot(invitation, list(values))
    changes = audit.diff(before, values)
    if not changes:
        return invitation
    for name, value in values.items():
        setattr(invitation, name, value)
    save_versioned(invitation, expected_version=expected_version, fields=list(values))
    _log_person(actor, AuditAction.CHANGE, invitation, invitation.person_id, changes)
    return invitation


@dataclass
class ReminderResult:
    sent: int = 0
    skipped: int = 0  # no way to reach the person (a letter, no address)


def reminders_due(day: date) -> Any:
    """Invitations to events held the day after ``day`` whose reminder has not been sent."""
    return (
        Invitation.objects.filter(
            event__held_on=day + timedelta(days=1), reminder_sent_at__isnull=True
        )
        .exclude(attendance=EventAttendance.CANCELLED)
        .select_related("event", "person")
        .order_by("id")
    )


def send_reminders(*, day: date | None = None) -> ReminderResult:
    """Send the reminder the day before each event, once per invitation (CIV-4)."""
    day = day or _today()
    result = ReminderResult()
    for invitation in reminders_due(day):
        if (
            invitation.channel not in (InvitationChannel.SMS, InvitationChannel.EMAIL)
            or not invitation.address
        ):
            result.skipped += 1
            continue
        with transaction.atomic():
            claimed = Invitation.objects.filter(
                pk=invitation.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now())
            if not claimed:  # another run got there first
                continue
            subject, body = texts.reminder(
                language=invitation.language,
                event=invitation.event,
                name=invitation.person.first_name,
            )
            sent = notify.send(
                notify.Notification(
                    channel=invitation.channel, to=invitation.address, subject=subject, body=body
                )
            )
            if not sent:
                transaction.set_rollback(True)
                result.skipped += 1
                continue
        result.sent += 1
    return result


# --- associations (CIV-5) ----------------------------------------------------------------------


def _validate_association(association: Association) -> None:
    errors: dict[str, str] = {}
    if not association.name.strip():
        errors["name"] = _("Skriv foreningens navn.")
    if association.area is not None and (
        association.area.municipality_id != association.municipality_id
    ):
        errors["area"] = _("Findes ikke.")
    _raise(errors)


@transaction.atomic
def association_create(*, actor: StaffUser, **values: Any) -> Association:
    municipality_id = access.tenant_id(actor)
    access.require_in_tenant(actor, access.COMMUNITY_EDIT, municipality_id)
    check_names(values, ASSOCIATION_FIELDS)
    return create_audited(
        Association(municipality_id=municipality_id, **values),
        acting_user=actor,
        fields=ASSOCIATION_FIELDS,
        validate=_validate_association,
    )


@transaction.atomic
def association_update(
    *, actor: StaffUser, association: Association, expected_version: int, **values: Any
) -> Association:
    access.require_in_tenant(actor, access.COMMUNITY_EDIT, association.municipality_id)
    return update_audited(
        association,
        acting_user=actor,
        expected_version=expected_version,
        values=values,
        fields=ASSOCIATION_FIELDS,
        validate=_validate_association,
    )


def _validate_activity(activity: Activity) -> None:
    errors: dict[str, str] = {}
    if not activity.name.strip():
        errors["name"] = _("Skriv aktivitetens navn.")
    if activity.kind not in AssociationActivityKind.values:
        errors["kind"] = _("Vælg en type.")
    _raise(errors)


@transaction.atomic
def activity_create(*, actor: StaffUser, association: Association, **values: Any) -> Activity:
    access.require_in_tenant(actor, access.COMMUNITY_EDIT, association.municipality_id)
    check_names(values, ACTIVITY_FIELDS)
    return create_audited(
        Activity(municipality_id=association.municipality_id, association=association, **values),
        acting_user=actor,
        fields=ACTIVITY_FIELDS,
        validate=_validate_activity,
    )


def _validate_membership(membership: FreeMembership) -> None:
    """Up to the configured months (preset six) of free membership, dates in order."""
    errors: dict[str, str] = {}
    if not membership.volunteering.strip():
        errors["volunteering"] = _("Skriv, hvilket frivilligt arbejde personen gør til gengæld.")
    start, end = membership.starts_on, membership.ends_on
    if start and end:
        months = int(
            config_value(membership.association.municipality, "free_membership_max_months", start)
        )
        latest = add_months(start, months)
        if end < start:
            errors["ends_on"] = _("Slutdatoen må ikke ligge før startdatoen.")
        elif end > latest:
            errors["ends_on"] = _(
                "Et gratis medlemskab kan højst vare %(months)s måneder: til og med %(day)s."
            ) % {"months": months, "day": latest.strftime("%d.%m.%Y")}
    _raise(errors)


@transaction.atomic
def free_membership_create(
    *, actor: StaffUser, association: Association, person: Person, **values: Any
) -> FreeMembership:
    """Free membership in return for volunteering (CIV-5); longer than the configured months
    (preset six) is refused with a message on the end date."""
    access.require_in_tenant(actor, access.COMMUNITY_EDIT, association.municipality_id)
    check_names(values, MEMBERSHIP_FIELDS)
    _visible(actor, [person])
    membership = FreeMembership(
        municipality_id=association.municipality_id,
        association=association,
        person=person,
        **values,
    )
    _validate_membership(membership)
    membership.save()
    _log_person(
        actor,
        AuditAction.CREATE,
        membership,
        person.pk,
        audit.diff({}, snapshot(membership, MEMBERSHIP_FIELDS)),
    )
    return membership


def _validate_participation(participation: Participation) -> None:
    errors: dict[str, str] = {}
    if participation.started_on and participation.started_on > _today():
        errors["started_on"] = _("Startdatoen må ikke ligge i fremtiden.")
    if participation.ended_on and participation.ended_on < participation.started_on:
        errors["ended_on"] = _("Slutdatoen må ikke ligge før startdatoen.")
    if (
        participation.activity is not None
        and participation.activity.association_id != participation.association_id
    ):
        errors["activity"] = _("Aktiviteten hører ikke til foreningen.")
    _raise(errors)


@transaction.atomic
def participation_create(
    *, actor: StaffUser, person: Person, association: Association, **values: Any
) -> Participation:
    """A person starts in an association (CIV-5) or a child's leisure activity (CHI-4)."""
    access.require_in_tenant(actor, access.PARTICIPATION_EDIT, association.municipality_id)
    check_names(values, PARTICIPATION_FIELDS)
    _visible(actor, [person])
    participation = Participation(
        municipality_id=association.municipality_id,
        person=person,
        association=association,
        **values,
    )
    _validate_participation(participation)
    participation.save()
    _log_person(
        actor,
        AuditAction.CREATE,
        participation,
        person.pk,
        audit.diff({}, snapshot(participation, PARTICIPATION_FIELDS)),
    )
    return participation


@transaction.atomic
def participation_update(
    *, actor: StaffUser, participation: Participation, expected_version: int, **values: Any
) -> Participation:
    """Change or end a participation (``ended_on``)."""
    access.require_in_tenant(actor, access.PARTICIPATION_EDIT, participation.municipality_id)
    check_names(values, PARTICIPATION_FIELDS)
    before = snapshot(participation, PARTICIPATION_FIELDS)
    if not audit.diff(before, dict(values)):
        return participation
    for name, value in values.items():
        setattr(participation, name, value)
    _validate_participation(participation)
    save_versioned(participation, expected_version=expected_version, fields=list(values))
    _log_person(
        actor,
        AuditAction.CHANGE,
        participation,
        participation.person_id,
        audit.diff(before, snapshot(participation, PARTICIPATION_FIELDS)),
    )
    return participation


@transaction.atomic
def association_contact_create(
    *, actor: StaffUser, association: Association, person: Person, note: str = ""
) -> AssociationContact:
    """Pass a citizen on to an association, which will contact them: only under the person's
    consent ``contact.association`` at this moment (COO-4), recorded as a disclosure to the
    association (``velkomst.consent.services.share``) in the same transaction."""
    access.require_in_tenant(actor, access.COMMUNITY_INVITE, association.municipality_id)
    _visible(actor, [person])
    try:
        consent_services.share(
            actor=actor,
            person=person,
            purpose=Purpose.CONTACT_ASSOCIATION,
            recipient=association.name,
            context="community.association_contact",
        )
    except ValidationError as error:
        raise ValidationError({"person": _no_consent_message(person, association)}) from error
    contact = AssociationContact.objects.create(
        municipality_id=association.municipality_id,
        association=association,
        person=person,
        note=note.strip(),
        by=actor,
    )
    _log_person(
        actor,
        AuditAction.CREATE,
        contact,
        person.pk,
        {"association": [None, association.name], "note": [None, contact.note]},
    )
    return contact
