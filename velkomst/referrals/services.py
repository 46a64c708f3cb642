"""Writes of referrals between units (COO-1) and of concerns about a child's welfare (CIV-3).
Each runs in one transaction with its audit rows; answering a referral uses optimistic
concurrency (SEC-5).

Sending a referral shares the kinds of data it names with the receiving unit: each is checked
against the citizen's consent through ``velkomst.consent.services.share`` at that moment (COO-4),
once per purpose. A purpose no consent covers refuses the whole referral: nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.consent import services as consent_services
from velkomst.consent.models import Purpose
from velkomst.core import access, audit
from velkomst.core.config import config_in_force
from velkomst.core.models import AuditAction, AuditEntry, Municipality, StaffUser, Unit, UnitKind
from velkomst.core.records import snapshot
from velkomst.core.versioning import save_versioned
from velkomst.engines.calendar import add_working_days
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from .models import Referral, ReferralKind, ReferralStatus

FIELDS = (
    "kind",
    "from_unit_id",
    "from_staff_id",
    "to_unit_id",
    "person_id",
    "shared",
    "deadline",
    "sent_at",
    "answer_due",
    "status",
    "owner_id",
    "answered_at",
    "answered_by_id",
    "return_reason",
    "done_at",
    "result",
    "is_concern",
)
ANSWER_FIELDS = ("status", "owner_id", "answered_at", "answered_by_id", "return_reason")
DONE_FIELDS = ("status", "done_at", "result")

SHARE_PREFIX = "share."


class IllegalTransition(Exception):
    """The referral cannot move from its status to the requested one (answered already)."""

    def __init__(self, current: str, to: str) -> None:
        super().__init__(f"{current} → {to}")
        self.current, self.to = current, to


def answer_due_for(municipality: Municipality, sent_at: datetime, *, concern: bool = False) -> date:
    """The day the receiving unit must have answered by: the configured number of working days
    after the day it was sent (Danish calendar: weekends, public holidays, closing days)."""
    day = timezone.localtime(sent_at).date()
    values = config_in_force(municipality, on=day)
    days = values["concern_answer_days" if concern else "referral_answer_days"]
    return add_working_days(day, int(days))


def share_purposes() -> list[tuple[str, str]]:
    """The consent purposes a referral can share (``share.*``), as (value, label)."""
    return [(v, str(label)) for v, label in Purpose.choices if v.startswith(SHARE_PREFIX)]


def _validate_send(
    *,
    actor: StaffUser,
    from_unit: Unit,
    to_unit: Unit | None,
    person: Person | None,
    kind: str,
    text: str,
    shared: list[str],
    deadline: date | None,
) -> None:
    errors: dict[str, str] = {}
    municipality_id = access.tenant_id(actor)
    if (
        from_unit.municipality_id != municipality_id
        or not actor.units.filter(pk=from_unit.pk).exists()
    ):
        errors["from_unit"] = _("Du kan kun sende henvisninger fra en enhed, du er med i.")
    if to_unit is None or to_unit.municipality_id != municipality_id:
        errors["to_unit"] = _("Vælg den enhed, henvisningen går til.")
    elif to_unit.pk == from_unit.pk:
        errors["to_unit"] = _(
            "En henvisning kan ikke sendes til din egen enhed. Vælg en anden enhed."
        )
    if person is None or not persons_visible_to(actor, few=True).filter(pk=person.pk).exists():
        errors["person"] = _("Vælg en borger, du har adgang til.")
    if kind not in ReferralKind.values or kind == ReferralKind.CHILD_CONCERN:
        errors["kind"] = _("Vælg hvad henvisningen drejer sig om.")
    if not text.strip():
        errors["text"] = _("Skriv hvad den anden enhed bedes om.")
    allowed = {value for value, _label in share_purposes()} if shared else set()
    unknown = [p for p in shared if p not in allowed]
    if unknown:
        errors["shared"] = _("Ukendt formål: %(purpose)s.") % {"purpose": ", ".join(unknown)}
    if deadline is not None and deadline < timezone.localdate():
        errors["deadline"] = _("Fristen kan ikke ligge før i dag.")
    if errors:
        raise ValidationError(errors)


def _audit(actor: StaffUser, action: str, referral: Referral, before: dict[str, Any]) -> None:
    audit.log(
        actor=actor,
        action=action,
        obj=referral,
        person_id=referral.person_id,
        changes=audit.diff(before, snapshot(referral, FIELDS)),
    )


@transaction.atomic
def referral_send(
    *,
    actor: StaffUser,
    from_unit: Unit,
    to_unit: Unit | None,
    person: Person | None,
    kind: str,
    text: str,
    shared: Iterable[str] = (),
    deadline: date | None = None,
) -> Referral:
    """Send a referral from ``from_unit`` (one of the actor's units) to another unit of the
    municipality. Each purpose of ``shared`` is shared with the receiving unit through the
    consent check at this moment; one not covered refuses the referral (nothing is written) with
    the consent's message on the field ``shared``."""
    access.require(actor, access.REFERRAL_SEND)
    purposes = list(dict.fromkeys(shared))  # once per purpose, in the order given
    _validate_send(
        actor=actor,
        from_unit=from_unit,
        to_unit=to_unit,
        person=person,
        kind=kind,
        text=text,
        shared=purposes,
        deadline=deadline,
    )
    assert to_unit is not None and person is not None
    now = timezone.now()
    referral = Referral(
        municipality_id=access.tenant_id(actor),
        kind=kind,
        from_unit=from_unit,
        from_staff=actor,
        to_unit=to_unit,
        person=person,
        text=text.strip(),
        shared=purposes,
        deadline=deadline,
        sent_at=now,
        answer_due=answer_due_for(from_unit.municipality, now),
    )
    referral.save()
    _share(actor=actor, referral=referral, person=person, purposes=purposes)
    _audit(actor, AuditAction.CREATE, referral, {})
    return referral


def _share(*, actor: StaffUser, referral: Referral, person: Person, purposes: list[str]) -> None:
    for purpose in purposes:
        try:
            consent_services.share(
                actor=actor,
                person=person,
                purpose=purpose,
                unit=referral.to_unit,
                recipient=str(referral.to_unit),
                context=f"referral:{referral.pk}",
            )
        except ValidationError as error:
            messages = error.message_dict.get("consent") or error.messages
            raise ValidationError({"shared": messages}) from error


def _require_receiver(actor: StaffUser, referral: Referral) -> None:
    access.require_in_tenant(actor, access.REFERRAL_SEND, referral.municipality_id)
    if not actor.units.filter(pk=referral.to_unit_id).exists():
        raise PermissionDenied("only the receiving unit answers a referral")


@transaction.atomic
def referral_accept(
    *, actor: StaffUser, referral: Referral, owner: StaffUser | None, expected_version: int
) -> Referral:
    """The receiving unit accepts the referral: it gets an owner, a staff member of that unit
    (the actor when none is named)."""
    _require_receiver(actor, referral)
    if referral.status != ReferralStatus.NEW:
        raise IllegalTransition(referral.status, ReferralStatus.ACCEPTED)
    owner = owner or actor
    if (
        owner.municipality_id != referral.municipality_id
        or not owner.is_active
        or not owner.units.filter(pk=referral.to_unit_id).exists()
    ):
        raise ValidationError(
            {
                "owner": _("Den ansvarlige skal være medarbejder i %(unit)s.")
                % {"unit": referral.to_unit}
            }
        )
    _change(
        actor,
        referral,
        expected_version,
        {
            "status": ReferralStatus.ACCEPTED,
            "owner_id": owner.pk,
            "answered_at": timezone.now(),
            "answered_by_id": actor.pk,
        },
    )
    return referral


@transaction.atomic
def referral_return(
    *, actor: StaffUser, referral: Referral, reason: str, expected_version: int
) -> Referral:
    """The receiving unit returns the referral to the sender with a reason (required)."""
    _require_receiver(actor, referral)
    if referral.status != ReferralStatus.NEW:
        raise IllegalTransition(referral.status, ReferralStatus.RETURNED)
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor henvisningen sendes retur.")})
    _change(
        actor,
        referral,
        expected_version,
        {
            "status": ReferralStatus.RETURNED,
            "answered_at": timezone.now(),
            "answered_by_id": actor.pk,
            "return_reason": reason.strip(),
        },
    )
    return referral


@transaction.atomic
def referral_done(
    *, actor: StaffUser, referral: Referral, result: str = "", expected_version: int
) -> Referral:
    """The accepted referral's work is done (by its owner or a colleague of the unit)."""
    _require_receiver(actor, referral)
    if referral.status != ReferralStatus.ACCEPTED:
        raise IllegalTransition(referral.status, ReferralStatus.DONE)
    _change(
        actor,
        referral,
        expected_version,
        {"status": ReferralStatus.DONE, "done_at": timezone.now(), "result": result.strip()},
    )
    return referral


def _change(
    actor: StaffUser, referral: Referral, expected_version: int, values: dict[str, Any]
) -> None:
    """Save ``values`` if the stored version is ``expected_version`` (else ConcurrentEditError)
    and audit the change, with the citizen it is about (SEC-3)."""
    before = snapshot(referral, FIELDS)
    for name, value in values.items():
        setattr(referral, name, value)
    save_versioned(referral, expected_version=expected_version, fields=list(values))
    _audit(actor, AuditAction.CHANGE, referral, before)


# --- concerns about a child's welfare (CIV-3) -----------------------------------------------


def children_unit(municipality: Municipality) -> Unit | None:
    return (
        Unit.objects.filter(municipality=municipality, kind=UnitKind.CHILDREN_FAMILY)
        .order_by("name")
        .first()
    )


@transaction.atomic
def concern_report(
    *,
    municipality: Municipality,
    reporter_name: str,
    reporter_contact: str,
    person: Person | None = None,
    child_description: str = "",
    text: str,
    actor: StaffUser | None = None,
    volunteer_id: int | None = None,
) -> Referral:
    """A concern about a child's welfare becomes a referral to the municipality's children and
    family unit, to be answered within ``concern_answer_days`` working days. It shares nothing
    about the citizen outward (it reaches the municipality), so no consent is checked; it is
    audited (by the staff member who recorded it, else as the reporter's own)."""
    errors: dict[str, str] = {}
    if actor is not None:
        access.require_in_tenant(actor, access.CONCERN_RECORD, municipality.pk)
    if not reporter_name.strip():
        errors["reporter_name"] = _("Skriv hvem der indberetter bekymringen.")
    if not reporter_contact.strip():
        errors["reporter_contact"] = _("Skriv hvordan kommunen kan kontakte indberetteren.")
    if not text.strip():
        errors["text"] = _("Skriv hvad bekymringen går ud på.")
    if person is not None and person.municipality_id != municipality.pk:
        errors["person"] = _("Vælg et barn i kommunen.")
    if person is None and not child_description.strip():
        errors["child_description"] = _(
            "Skriv hvilket barn det drejer sig om (navn, alder, adresse eller familie)."
        )
    to_unit = children_unit(municipality)
    if to_unit is None:
        errors["to_unit"] = _("Kommunen har ingen enhed for børn og familie.")
    if errors:
        raise ValidationError(errors)
    assert to_unit is not None
    from_unit = None
    if actor is not None:
        from_unit = actor.units.exclude(pk=to_unit.pk).order_by("name").first()
    if from_unit is None:
        from_unit = (
            Unit.objects.filter(municipality=municipality, kind=UnitKind.VOLUNTEER_CENTRE)
            .exclude(pk=to_unit.pk)
            .order_by("name")
            .first()
        )
    now = timezone.now()
    referral = Referral(
        municipality=municipality,
        kind=ReferralKind.CHILD_CONCERN,
        from_unit=from_unit,
        from_staff=actor,
        to_unit=to_unit,
        person=person,
        text=text.strip(),
        shared=[],
        sent_at=now,
        answer_due=answer_due_for(municipality, now, concern=True),
        is_concern=True,
        reporter_name=reporter_name.strip(),
        reporter_contact=reporter_contact.strip(),
        child_description=child_description.strip(),
        volunteer_id=volunteer_id,
    )
    referral.save()
    changes = audit.diff({}, snapshot(referral, FIELDS))
    if actor is not None:
        audit.log(
            actor=actor,
            action=AuditAction.CREATE,
            obj=referral,
            person_id=referral.person_id,
            changes=changes,
        )
    else:
        AuditEntry.objects.create(
            municipality_id=municipality.pk,
            actor_id=None,
            actor_label=f"{reporter_name.strip()} (frivillig)"[:160],
            person_id=referral.person_id,
            action=AuditAction.CREATE,
            object_type=Referral._meta.label,
            object_id=str(referral.pk),
            changes=changes,
            channel="link",
        )
    return referral
