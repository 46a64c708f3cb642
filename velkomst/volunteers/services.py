"""Writes of the resource bank (CIV-1, CIV-3, CIV-6). Each runs in one transaction with its audit
row; edits use optimistic concurrency (SEC-5).

The flow: a volunteer registers on the municipality's public form (or the coordinator registers
them) → the volunteer coordinator approves or declines with a reason → the volunteer may correct
their own entry through the secret link they were given → the coordinator records the child
certificate and the duty of confidentiality, the volunteer's offers and hours, and issues a
diploma for a period's hours.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.config import config_value
from velkomst.core.models import AuditAction, AuditEntry, Municipality, StaffUser
from velkomst.core.pdf import html_to_pdf
from velkomst.core.records import check_names, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.engines.calendar import add_months
from velkomst.housing.models import Area
from velkomst.people.codes import language_code_of

from .eligibility import child_eligibility
from .models import (
    Audience,
    Diploma,
    Offer,
    OfferKind,
    RegisteredVia,
    Volunteer,
    VolunteerHours,
    VolunteerKind,
    VolunteerStatus,
    Weekday,
)

__all__ = ["child_eligibility"]

# what the volunteer tells about themselves (public form, secret link, coordinator)
OWN_FIELDS = ("kind", "name", "phone", "email", "languages", "area", "about", "association_name")
VOLUNTEER_FIELDS = (*OWN_FIELDS, "person")
CERTIFICATE_FIELDS = (
    "child_certificate_received_on",
    "child_certificate_expires_on",
    "confidentiality_signed_on",
)
DECISION_FIELDS = ("status", "decision_reason", "decided_at", "decided_by")
OFFER_FIELDS = (
    "kind",
    "description",
    "area",
    "weekdays",
    "time_from",
    "time_to",
    "languages",
    "capacity",
    "audience",
    "active",
)
HOURS_FIELDS = ("period_start", "period_end", "hours", "activity")
DIPLOMA_FIELDS = ("period_start", "period_end", "hours", "activities", "issued_on")

# the statuses a coordinator may move a volunteer to, from each status; a reason is required
# for declined and inactive
TRANSITIONS: dict[str, tuple[str, ...]] = {
    VolunteerStatus.PENDING: (VolunteerStatus.APPROVED, VolunteerStatus.DECLINED),
    VolunteerStatus.APPROVED: (VolunteerStatus.INACTIVE,),
    VolunteerStatus.INACTIVE: (VolunteerStatus.APPROVED,),
    VolunteerStatus.DECLINED: (VolunteerStatus.PENDING,),
}
REASON_REQUIRED = frozenset({VolunteerStatus.DECLINED, VolunteerStatus.INACTIVE})

PUBLIC_ACTOR = "Frivillig (offentlig tilmelding)"
OWN_LINK_ACTOR = "Frivillig (eget link)"
MAX_HOURS_PER_ENTRY = Decimal("2000")


class TooManyRegistrations(Exception):
    """The address has sent more registrations in the last hour than any real use needs."""


@dataclass
class OfferData:
    """What a volunteer offers on the public form: one offer per kind chosen, sharing the rest."""

    kinds: list[str]
    audience: list[str]
    weekdays: list[int] = field(default_factory=list)
    time_from: time | None = None
    time_to: time | None = None
    capacity: int = 1
    description: str = ""


# --- validation -----------------------------------------------------------------------------


def _raise(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


def _area_error(area: Area | None, municipality_id: int) -> str | None:
    if area is not None and area.municipality_id != municipality_id:
        return _("Området findes ikke.")
    return None


def _languages_error(obj: Volunteer | Offer) -> str | None:
    """None when every language is a known ISO 639 code; the codes are then stored as the
    people register stores them (639-1 where one exists, else 639-3), so they compare with the
    citizens' languages."""
    languages = obj.languages
    if not isinstance(languages, list) or not all(isinstance(c, str) for c in languages):
        return _("Vælg sprog fra listen.")
    stored = [language_code_of(code) for code in languages]
    if any(code is None for code in stored):
        return _("Vælg sprog fra listen.")
    obj.languages = sorted({code for code in stored if code})
    return None


def _validate_volunteer(volunteer: Volunteer) -> None:
    errors: dict[str, Any] = {}
    if volunteer.kind not in VolunteerKind.values:
        errors["kind"] = _("Vælg en type frivillig.")
    if not volunteer.name.strip():
        errors["name"] = _("Skriv navnet.")
    if not volunteer.phone.strip() and not volunteer.email.strip():
        errors["phone"] = _("Skriv telefon eller e-mail, så koordinatoren kan kontakte dig.")
    if volunteer.kind == VolunteerKind.ASSOCIATION and not volunteer.association_name.strip():
        errors["association_name"] = _("Skriv foreningens navn.")
    if (error := _languages_error(volunteer)) is not None:
        errors["languages"] = error
    if (error := _area_error(volunteer.area, volunteer.municipality_id)) is not None:
        errors["area"] = error
    person = volunteer.person if volunteer.person_id else None
    if person is not None and person.municipality_id != volunteer.municipality_id:
        errors["person"] = _("Borgeren findes ikke.")
    _raise(errors)


def _validate_offer(offer: Offer) -> None:
    errors: dict[str, Any] = {}
    if offer.kind not in OfferKind.values:
        errors["kind"] = _("Vælg, hvad der tilbydes.")
    if not offer.audience or any(a not in Audience.values for a in offer.audience):
        errors["audience"] = _("Vælg, hvem tilbuddet er for.")
    if any(d not in Weekday.values for d in offer.weekdays):
        errors["weekdays"] = _("Vælg ugedage fra listen.")
    if offer.time_from and offer.time_to and offer.time_to <= offer.time_from:
        errors["time_to"] = _("Sluttidspunktet skal ligge efter starttidspunktet.")
    if (error := _languages_error(offer)) is not None:
        errors["languages"] = error
    if not 1 <= (offer.capacity or 0) <= 50:
        errors["capacity"] = _("Skriv et tal fra 1 til 50.")
    if (error := _area_error(offer.area, offer.municipality_id)) is not None:
        errors["area"] = error
    _raise(errors)


def _validate_offer_data(data: OfferData) -> None:
    errors: dict[str, Any] = {}
    if not data.kinds or any(k not in OfferKind.values for k in data.kinds):
        errors["kinds"] = _("Vælg mindst én ting, du vil tilbyde.")
    if not data.audience or any(a not in Audience.values for a in data.audience):
        errors["audience"] = _("Vælg, hvem du vil hjælpe.")
    if data.time_from and data.time_to and data.time_to <= data.time_from:
        errors["time_to"] = _("Sluttidspunktet skal ligge efter starttidspunktet.")
    _raise(errors)


# --- audit ------------------------------------------------------------------------------------


def _audit(
    actor: StaffUser, action: str, obj: Any, changes: dict[str, Any], volunteer: Volunteer
) -> None:
    """One audit row; a settled refugee's entry is that person's data (``person_id``)."""
    audit.log(actor=actor, action=action, obj=obj, person_id=volunteer.person_id, changes=changes)


def _audit_public(
    volunteer: Volunteer, action: str, obj: Any, changes: dict[str, Any], label: str
) -> None:
    """An audit row of a write by the volunteer themselves (no staff user)."""
    AuditEntry.objects.create(
        municipality_id=volunteer.municipality_id,
        actor_id=None,
        actor_label=label,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        person_id=volunteer.person_id,
        changes=changes,
        channel="link",
    )


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def source_key(address: str) -> str:
    """The registration's network address as a keyed hash: enough to count a flood, never the
    address itself (it is personal data nobody needs)."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


# --- the public side --------------------------------------------------------------------------


def _make_offers(volunteer: Volunteer, data: OfferData) -> list[Offer]:
    return [
        Offer(
            municipality_id=volunteer.municipality_id,
            volunteer=volunteer,
            kind=kind,
            description=data.description,
            area=volunteer.area,
            weekdays=sorted(set(data.weekdays)),
            time_from=data.time_from,
            time_to=data.time_to,
            languages=list(volunteer.languages),
            capacity=data.capacity,
            audience=sorted(set(data.audience)),
        )
        for kind in dict.fromkeys(data.kinds)
    ]


@transaction.atomic
def register_public(
    *, municipality: Municipality, values: dict[str, Any], offer: OfferData, address: str
) -> Volunteer:
    """A volunteer's registration on the public form: pending until the coordinator decides.
    Whether the person is already registered is never checked nor told (a second registration is
    one more pending entry the coordinator sees). More than the configured number of
    registrations an hour from one address raises TooManyRegistrations."""
    check_names(values, OWN_FIELDS)
    key = source_key(address)
    limit = config_value(municipality, "volunteer_registrations_per_hour")
    recent = Volunteer.objects.filter(
        source_key=key, created_at__gte=timezone.now() - timedelta(hours=1)
    )
    if recent.count() >= limit:
        raise TooManyRegistrations
    now = timezone.now()
    volunteer = Volunteer(
        municipality=municipality,
        registered_via=RegisteredVia.PUBLIC,
        consent_at=now,
        token=_new_token(),
        source_key=key,
        created_at=now,
        updated_at=now,
        **values,
    )
    _validate_volunteer(volunteer)
    _validate_offer_data(offer)
    volunteer.save()
    offers = _make_offers(volunteer, offer)
    for row in offers:
        _validate_offer(row)
    Offer.objects.bulk_create(offers)
    _audit_public(
        volunteer,
        AuditAction.CREATE,
        volunteer,
        audit.diff({}, snapshot(volunteer, OWN_FIELDS)),
        PUBLIC_ACTOR,
    )
    return volunteer


@transaction.atomic
def correct_own_entry(
    *, volunteer: Volunteer, expected_version: int, values: dict[str, Any], offer: OfferData
) -> Volunteer:
    """The volunteer's own correction through their secret link: their details and what they
    offer (kinds no longer chosen are set inactive; new kinds are added)."""
    if volunteer.status == VolunteerStatus.DECLINED:
        raise PermissionDenied("declined")
    check_names(values, OWN_FIELDS)
    before = snapshot(volunteer, OWN_FIELDS)
    for name, value in values.items():
        setattr(volunteer, name, value)
    _validate_volunteer(volunteer)
    _validate_offer_data(offer)
    save_versioned(volunteer, expected_version=expected_version, fields=list(values))
    changes = audit.diff(before, snapshot(volunteer, OWN_FIELDS))
    existing = {o.kind: o for o in volunteer.offers.all()}
    wanted = _make_offers(volunteer, offer)
    for new in wanted:
        old = existing.pop(new.kind, None)
        if old is None:
            _validate_offer(new)
            new.save()
            continue
        for name in ("description", "area", "weekdays", "time_from", "time_to", "capacity"):
            setattr(old, name, getattr(new, name))
        old.languages, old.audience, old.active = new.languages, new.audience, True
        _validate_offer(old)
        old.version += 1
        old.updated_at = timezone.now()
        old.save()
    for old in existing.values():
        if old.active:
            old.active = False
            old.version += 1
            old.save(update_fields=["active", "version"])
    changes["offers"] = [None, sorted(dict.fromkeys(offer.kinds))]
    _audit_public(volunteer, AuditAction.CHANGE, volunteer, changes, OWN_LINK_ACTOR)
    return volunteer


# --- the coordinator ------------------------------------------------------------------------


def _require(actor: StaffUser, volunteer: Volunteer) -> None:
    access.require_in_tenant(actor, access.VOLUNTEER_EDIT, volunteer.municipality_id)


@transaction.atomic
def volunteer_create(*, actor: StaffUser, **values: Any) -> Volunteer:
    """A volunteer the coordinator registers (e.g. a settled refugee with ``person``): approved
    at once, since the coordinator is the one who approves."""
    municipality_id = access.tenant_id(actor)
    access.require_in_tenant(actor, access.VOLUNTEER_EDIT, municipality_id)
    check_names(values, VOLUNTEER_FIELDS)
    now = timezone.now()
    volunteer = Volunteer(
        municipality_id=municipality_id,
        registered_via=RegisteredVia.STAFF,
        status=VolunteerStatus.APPROVED,
        decided_at=now,
        decided_by=actor,
        token=_new_token(),
        **values,
    )
    _validate_volunteer(volunteer)
    volunteer.save()
    _audit(
        actor,
        AuditAction.CREATE,
        volunteer,
        audit.diff({}, snapshot(volunteer, (*VOLUNTEER_FIELDS, "status"))),
        volunteer,
    )
    return volunteer


def _update(
    actor: StaffUser,
    obj: Any,
    volunteer: Volunteer,
    *,
    expected_version: int,
    values: dict[str, Any],
    fields: tuple[str, ...],
    validate: Any,
) -> Any:
    check_names(values, fields)
    before = snapshot(obj, fields)
    if not audit.diff(before, dict(values)):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    validate(obj)
    save_versioned(obj, expected_version=expected_version, fields=list(values))
    _audit(actor, AuditAction.CHANGE, obj, audit.diff(before, snapshot(obj, fields)), volunteer)
    return obj


@transaction.atomic
def volunteer_update(
    *, actor: StaffUser, volunteer: Volunteer, expected_version: int, **values: Any
) -> Volunteer:
    _require(actor, volunteer)
    return _update(
        actor,
        volunteer,
        volunteer,
        expected_version=expected_version,
        values=values,
        fields=VOLUNTEER_FIELDS,
        validate=_validate_volunteer,
    )


@transaction.atomic
def volunteer_decide(
    *,
    actor: StaffUser,
    volunteer: Volunteer,
    expected_version: int,
    status: str,
    reason: str = "",
) -> Volunteer:
    """Approve or decline a registration (declining needs a reason), or set an approved
    volunteer inactive (with a reason) and back."""
    _require(actor, volunteer)
    if status not in TRANSITIONS.get(volunteer.status, ()):
        raise ValidationError(
            {
                "status": _("En frivillig med status %(now)s kan ikke få status %(to)s.")
                % {
                    "now": VolunteerStatus(volunteer.status).label,
                    "to": VolunteerStatus(status).label
                    if status in VolunteerStatus.values
                    else status,
                }
            }
        )
    reason = reason.strip()
    if status in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Skriv en begrundelse.")})
    before = snapshot(volunteer, DECISION_FIELDS)
    volunteer.status = status
    volunteer.decision_reason = reason
    volunteer.decided_at = timezone.now()
    volunteer.decided_by = actor
    save_versioned(volunteer, expected_version=expected_version, fields=list(DECISION_FIELDS))
    _audit(
        actor,
        AuditAction.CHANGE,
        volunteer,
        audit.diff(before, snapshot(volunteer, DECISION_FIELDS)),
        volunteer,
    )
    return volunteer


def certificate_expiry(volunteer: Volunteer, received_on: date) -> date:
    """A child certificate's expiry when none is given: the configured months after receipt."""
    months = config_value(volunteer.municipality, "volunteer_child_certificate_months", received_on)
    return add_months(received_on, int(months))


def _validate_certificate(volunteer: Volunteer) -> None:
    errors: dict[str, Any] = {}
    today = timezone.localdate()
    received = volunteer.child_certificate_received_on
    expires = volunteer.child_certificate_expires_on
    signed = volunteer.confidentiality_signed_on
    if received is not None and received > today:
        errors["child_certificate_received_on"] = _("Datoen ligger i fremtiden.")
    if expires is not None and received is None:
        errors["child_certificate_received_on"] = _("Skriv, hvornår børneattesten blev modtaget.")
    if received is not None and expires is not None and expires <= received:
        errors["child_certificate_expires_on"] = _(
            "Udløbsdatoen skal ligge efter modtagelsesdatoen."
        )
    if signed is not None and signed > today:
        errors["confidentiality_signed_on"] = _("Datoen ligger i fremtiden.")
    _raise(errors)


@transaction.atomic
def certificate_record(
    *, actor: StaffUser, volunteer: Volunteer, expected_version: int, **values: Any
) -> Volunteer:
    """Record the child certificate (børneattest) and the signed duty of confidentiality
    (CIV-3). A certificate without an expiry date gets the configured validity."""
    _require(actor, volunteer)
    check_names(values, CERTIFICATE_FIELDS)
    received = values.get("child_certificate_received_on", volunteer.child_certificate_received_on)
    if received is not None and not values.get("child_certificate_expires_on"):
        if received <= timezone.localdate():
            values["child_certificate_expires_on"] = certificate_expiry(volunteer, received)
    return _update(
        actor,
        volunteer,
        volunteer,
        expected_version=expected_version,
        values=values,
        fields=CERTIFICATE_FIELDS,
        validate=_validate_certificate,
    )


@transaction.atomic
def offer_create(*, actor: StaffUser, volunteer: Volunteer, **values: Any) -> Offer:
    _require(actor, volunteer)
    check_names(values, OFFER_FIELDS)
    offer = Offer(municipality_id=volunteer.municipality_id, volunteer=volunteer, **values)
    _validate_offer(offer)
    offer.save()
    _audit(
        actor, AuditAction.CREATE, offer, audit.diff({}, snapshot(offer, OFFER_FIELDS)), volunteer
    )
    return offer


@transaction.atomic
def offer_update(*, actor: StaffUser, offer: Offer, expected_version: int, **values: Any) -> Offer:
    volunteer = offer.volunteer
    _require(actor, volunteer)
    return _update(
        actor,
        offer,
        volunteer,
        expected_version=expected_version,
        values=values,
        fields=OFFER_FIELDS,
        validate=_validate_offer,
    )


def _validate_hours(row: VolunteerHours) -> None:
    errors: dict[str, Any] = {}
    if row.period_end < row.period_start:
        errors["period_end"] = _("Slutdatoen ligger før startdatoen.")
    elif row.period_start > timezone.localdate():
        errors["period_start"] = _("Perioden er ikke begyndt endnu.")
    if not Decimal("0") < row.hours <= MAX_HOURS_PER_ENTRY:
        errors["hours"] = _("Skriv et antal timer over 0 og højst 2000.")
    _raise(errors)


@transaction.atomic
def hours_record(*, actor: StaffUser, volunteer: Volunteer, **values: Any) -> VolunteerHours:
    """The hours a volunteer gave in a period (CIV-6)."""
    _require(actor, volunteer)
    check_names(values, HOURS_FIELDS)
    row = VolunteerHours(
        municipality_id=volunteer.municipality_id, volunteer=volunteer, recorded_by=actor, **values
    )
    _validate_hours(row)
    row.save()
    _audit(actor, AuditAction.CREATE, row, audit.diff({}, snapshot(row, HOURS_FIELDS)), volunteer)
    return row


def hours_in_period(volunteer: Volunteer, start: date, end: date) -> tuple[Decimal, list[str]]:
    """The hours recorded for periods within ``start``–``end``, and their activities."""
    rows = VolunteerHours.objects.filter(
        volunteer=volunteer, period_start__gte=start, period_end__lte=end
    )
    total = rows.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    activities = list(dict.fromkeys(a for a in rows.values_list("activity", flat=True) if a))
    return total, activities


@transaction.atomic
def diploma_issue(
    *, actor: StaffUser, volunteer: Volunteer, period_start: date, period_end: date
) -> Diploma:
    """A diploma for the hours recorded within the period (CIV-6)."""
    _require(actor, volunteer)
    if period_end < period_start:
        raise ValidationError({"period_end": _("Slutdatoen ligger før startdatoen.")})
    hours, activities = hours_in_period(volunteer, period_start, period_end)
    if hours <= 0:
        raise ValidationError({"period_start": _("Der er ingen timer registreret i perioden.")})
    diploma = Diploma(
        municipality_id=volunteer.municipality_id,
        volunteer=volunteer,
        period_start=period_start,
        period_end=period_end,
        hours=hours,
        activities=", ".join(activities)[:500],
        issued_on=timezone.localdate(),
        issued_by=actor,
    )
    diploma.save()
    _audit(
        actor,
        AuditAction.CREATE,
        diploma,
        audit.diff({}, snapshot(diploma, DIPLOMA_FIELDS)),
        volunteer,
    )
    return diploma


def diploma_html(diploma: Diploma) -> str:
    """The diploma's page, always in Danish (a document the volunteer shows others)."""
    volunteer = diploma.volunteer
    offers = [o.get_kind_display() for o in volunteer.offers.filter(active=True)]
    with translation.override("da"):
        return render_to_string(
            "volunteers/diploma_pdf.html",
            {
                "diploma": diploma,
                "volunteer": volunteer,
                "municipality": volunteer.municipality,
                "offers": [str(o) for o in offers],
                "signer": diploma.issued_by.get_full_name() or diploma.issued_by.username,
            },
        )


def diploma_pdf(diploma: Diploma) -> bytes:
    return html_to_pdf(diploma_html(diploma))
