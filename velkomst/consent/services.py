"""Writes of consent (COO-4): record, withdraw, and share under a consent. Keyword-only,
``actor`` first, each in one transaction with its audit rows.

``share`` is the one door every share, match and referral goes through: it asks
``selectors.covering`` at that moment, records the ``Disclosure`` with an audit row on the
person, and refuses (ValidationError on ``consent``, nothing written) when no consent covers it.
A withdrawal takes effect at the moment it is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser, Unit
from velkomst.core.records import snapshot
from velkomst.core.versioning import save_versioned
from velkomst.people import codes
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from . import policy, selectors
from .models import Consent, Disclosure, Method, Purpose, names_units

CONSENT_FIELDS = ("purpose", "given_on", "valid_until", "method", "language", "note")
WITHDRAW_FIELDS = ("withdrawn_at", "withdrawal_note")
SHARE_REASON = N_("Videregivet under samtykke")


def _visible_person(actor: StaffUser, person: Person) -> Person:
    if person.municipality_id != access.tenant_id(actor):
        raise PermissionDenied("another municipality's data")
    if not persons_visible_to(actor, few=True).filter(pk=person.pk).exists():
        raise PermissionDenied("person")
    return person


def _units(actor: StaffUser, units: Iterable[Unit]) -> list[Unit]:
    chosen = list(units)
    if any(unit.municipality_id != actor.municipality_id for unit in chosen):
        raise ValidationError({"units": _("Enheden findes ikke.")})
    return chosen


def _validate(
    *,
    purposes: list[str],
    units: list[Unit],
    given_on: date,
    valid_until: date | None,
    method: str,
    language: str,
    note: str,
) -> None:
    errors: dict[str, str] = {}
    if not purposes:
        errors["purposes"] = _("Vælg mindst ét formål, borgeren har givet samtykke til.")
    elif any(p not in Purpose.values for p in purposes):
        errors["purposes"] = _("Vælg formål fra listen.")
    elif any(names_units(p) for p in purposes) and not units:
        errors["units"] = _(
            "Vælg mindst én enhed, der må modtage oplysningerne (for deling mellem enheder)."
        )
    if given_on > timezone.localdate():
        errors["given_on"] = _("Samtykket kan ikke være givet i fremtiden.")
    if valid_until is not None and valid_until < given_on:
        errors["valid_until"] = _("Samtykket kan ikke udløbe, før det er givet.")
    if method not in Method.values:
        errors["method"] = _("Vælg, hvordan samtykket blev givet.")
    elif method == Method.ORAL and not note.strip():
        errors["note"] = _(
            "Et mundtligt samtykke skal have et notat om, hvad borgeren sagde ja til."
        )
    if language and codes.language_code_of(language) is None:
        errors["language"] = _("Sproget findes ikke i sproglisten.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def consent_record(
    *,
    actor: StaffUser,
    person: Person,
    purposes: Iterable[str],
    given_on: date,
    units: Iterable[Unit] = (),
    valid_until: date | None = None,
    method: str = Method.SIGNED,
    language: str = "",
    note: str = "",
) -> list[Consent]:
    """One consent per purpose the person agreed to, all given the same way on the same day.
    Units are kept on the purposes that name receiving units."""
    chosen = [str(p) for p in purposes]
    for purpose in chosen:
        if purpose in Purpose.values:
            policy.require_record(actor, purpose)
    _visible_person(actor, person)
    recipients = _units(actor, units)
    _validate(
        purposes=chosen,
        units=recipients,
        given_on=given_on,
        valid_until=valid_until,
        method=method,
        language=language,
        note=note,
    )
    language = (codes.language_code_of(language) or "") if language else ""
    made: list[Consent] = []
    for purpose in chosen:
        consent = Consent.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            purpose=purpose,
            given_on=given_on,
            valid_until=valid_until,
            method=method,
            language=language,
            note=note,
            recorded_by=actor,
        )
        named = recipients if names_units(purpose) else []
        consent.units.set(named)
        audit.log(
            actor=actor,
            action=AuditAction.CREATE,
            obj=consent,
            person_id=person.pk,
            changes=audit.diff(
                {}, {**snapshot(consent, CONSENT_FIELDS), "units": [u.pk for u in named]}
            ),
        )
        made.append(consent)
    return made


@transaction.atomic
def consent_withdraw(
    *, actor: StaffUser, consent: Consent, expected_version: int, note: str = ""
) -> Consent:
    """From this moment the consent covers no share (COO-4); what was shared before stays
    recorded. Recorded by whoever may record that purpose."""
    policy.require_record(actor, consent.purpose)
    _visible_person(actor, consent.person)
    if consent.withdrawn_at is not None:
        raise ValidationError({"consent": _("Samtykket er allerede trukket tilbage.")})
    before = snapshot(consent, WITHDRAW_FIELDS)
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.withdrawal_note = note
    save_versioned(
        consent,
        expected_version=expected_version,
        fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"],
    )
    audit.log(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=consent,
        person_id=consent.person_id,
        changes=audit.diff(before, snapshot(consent, WITHDRAW_FIELDS)),
    )
    return consent


def refusal_message(person: Person, purpose: str, unit: Unit | None, recipient: str) -> str:
    label = str(Purpose(purpose).label).lower() if purpose in Purpose.values else purpose
    to = unit.name if unit is not None else (recipient or _("frivillige og foreninger"))
    return _(
        "%(person)s har ikke et gældende samtykke til, at %(purpose)s gives videre til "
        "%(to)s. Der er ikke delt noget."
    ) % {"person": person.full_name, "purpose": label, "to": to}


@transaction.atomic
def share(
    *,
    actor: StaffUser,
    person: Person,
    purpose: str,
    unit: Unit | None = None,
    recipient: str = "",
    context: str = "",
) -> Disclosure:
    """Share ``purpose`` of ``person`` with ``unit`` (or the named ``recipient`` outside the
    units) if a consent covers it at this moment; the disclosure and its audit row are written
    in the same transaction as the caller's own write."""
    if person.municipality_id != access.tenant_id(actor):
        raise PermissionDenied("another municipality's data")
    if unit is not None and unit.municipality_id != person.municipality_id:
        raise ValidationError({"unit": _("Enheden findes ikke.")})
    now = timezone.now()
    consent = selectors.covering(person, purpose, unit, at=now)
    if consent is None:
        raise ValidationError({"consent": refusal_message(person, purpose, unit, recipient)})
    disclosure = Disclosure.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        consent=consent,
        purpose=purpose,
        unit=unit,
        recipient=recipient[:200],
        context=context[:100],
        shared_at=now,
        shared_by=actor,
    )
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=disclosure,
        person_id=person.pk,
        changes=audit.diff(
            {},
            {
                "purpose": purpose,
                "unit": unit.pk if unit else None,
                "recipient": recipient,
                "consent": consent.pk,
            },
        ),
        reason=SHARE_REASON,
    )
    return disclosure
