"""Writes of private lodging (HOU-6). Each runs in one transaction with its audit rows; edits use
optimistic concurrency (SEC-5).

The flow: a host offers a room or a flat → the housing officer proposes a meeting between the
host and a household that passes the hard rules (velkomst.hosts.matching) → each side's decision
is recorded → both yes: the outcome is recorded, the municipality's lease with the host (at most
two years) is made, the offer becomes a private-host dwelling in the register and the household
is placed there (housing.services.placement_start); either no: the outcome is recorded and the
offer stays open. Nothing is placed without both sides' yes.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import (
    check_names,
    create_audited,
    log_for_members,
    snapshot,
    update_audited,
    update_for_members,
)
from velkomst.core.versioning import save_versioned
from velkomst.housing import services as housing_services
from velkomst.housing.models import Area, DwellingType, LandlordKind, PlacementSource
from velkomst.people.codes import LANGUAGES
from velkomst.people.models import Household

from . import matching, selectors
from .match_input import match_offer, reasons_data
from .models import (
    Decision,
    Host,
    HostOffer,
    HouseholdType,
    Lease,
    LodgingProfile,
    Meeting,
    OfferStatus,
    Outcome,
)

HOST_FIELDS = ("name", "phone", "email", "address", "area", "note")
OFFER_FIELDS = (
    "kind",
    "description",
    "rooms",
    "size_m2",
    "rent",
    "utilities",
    "available_from",
    "available_until",
    "step_free",
    "max_persons",
    "household_types",
    "languages",
    "pets_ok",
    "smoking_ok",
    "status",
)
PROFILE_FIELDS = ("has_pets", "smokes", "wants_private_lodging", "note")
MEETING_FIELDS = (
    "meeting_at",
    "place",
    "host_decision",
    "household_decision",
    "outcome",
    "outcome_date",
    "outcome_note",
)
LEASE_FIELDS = ("start_date", "end_date", "monthly_rent", "household_id", "dwelling_id")

LEASE_MAX_YEARS = 2  # the municipality rents from a private host for at most two years (KL Furesø)

# The offer's status a housing officer may set by hand; ``matched`` is set by a match only.
OFFER_STATUSES: dict[str, list[str]] = {
    OfferStatus.OPEN: [OfferStatus.WITHDRAWN],
    OfferStatus.WITHDRAWN: [OfferStatus.OPEN],
    OfferStatus.MATCHED: [],
}


class OfferStatusError(ValidationError):
    """An offer's status cannot change this way (e.g. to matched by hand)."""


class MeetingClosed(ValidationError):
    """The meeting's outcome is recorded; its decisions no longer change."""


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (29 February → 28 February)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


# --- hosts -------------------------------------------------------------------------------------


def _validate_host(host: Host) -> None:
    errors: dict[str, str] = {}
    if not host.name.strip():
        errors["name"] = _("Skriv værtens navn.")
    if not host.address.strip():
        errors["address"] = _("Skriv værtens adresse.")
    area: Area | None = host.area if host.area_id else None
    if area is not None and area.municipality_id != host.municipality_id:
        errors["area"] = _("Området findes ikke.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def host_create(*, acting_user: StaffUser, **values: Any) -> Host:
    municipality_id = access.tenant_id(acting_user)
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, municipality_id)
    check_names(values, HOST_FIELDS)
    return create_audited(
        Host(municipality_id=municipality_id, **values),
        acting_user=acting_user,
        fields=HOST_FIELDS,
        validate=_validate_host,
    )


@transaction.atomic
def host_update(
    *, host: Host, acting_user: StaffUser, expected_version: int, **values: Any
) -> Host:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, host.municipality_id)
    return update_audited(
        host,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=HOST_FIELDS,
        validate=_validate_host,
    )


# --- offers ------------------------------------------------------------------------------------


def validate_offer(offer: HostOffer) -> None:
    """Field messages for an offer that breaks the rules."""
    errors: dict[str, str] = {}
    if offer.rooms is not None and offer.rooms < 1:
        errors["rooms"] = _("Et tilbud har mindst ét værelse.")
    if offer.size_m2 is not None and offer.size_m2 < 1:
        errors["size_m2"] = _("Skriv størrelsen i m².")
    if offer.max_persons is not None and offer.max_persons < 1:
        errors["max_persons"] = _("Der skal være plads til mindst én person.")
    if offer.available_until is not None and offer.available_until < offer.available_from:
        errors["available_until"] = _("Datoen ligger før ledig fra.")
    if not offer.household_types:
        errors["household_types"] = _("Vælg mindst én type husstand.")
    elif any(t not in HouseholdType.values for t in offer.household_types):
        errors["household_types"] = _("Ukendt type husstand.")
    unknown = [code for code in offer.languages if code not in LANGUAGES]
    if unknown:
        errors["languages"] = _("Ukendt sprogkode: %(codes)s. Brug ISO 639, fx da, en, ar.") % {
            "codes": ", ".join(unknown)
        }
    if errors:
        raise ValidationError(errors)


def _check_status(before: str, after: str) -> None:
    if before != after and after not in OFFER_STATUSES.get(before, []):
        message = _("Status kan ikke ændres fra %(from)s til %(to)s.") % {
            "from": OfferStatus(before).label,
            "to": OfferStatus(after).label,
        }
        raise OfferStatusError({"status": message})


@transaction.atomic
def offer_create(*, acting_user: StaffUser, host: Host, **values: Any) -> HostOffer:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, host.municipality_id)
    check_names(values, OFFER_FIELDS)
    values.setdefault("status", OfferStatus.OPEN)
    if values["status"] == OfferStatus.MATCHED:
        _check_status(OfferStatus.OPEN, OfferStatus.MATCHED)
    values["languages"] = sorted(set(values.get("languages") or []))
    return create_audited(
        HostOffer(municipality_id=host.municipality_id, host=host, **values),
        acting_user=acting_user,
        fields=OFFER_FIELDS,
        validate=validate_offer,
    )


@transaction.atomic
def offer_update(
    *, offer: HostOffer, acting_user: StaffUser, expected_version: int, **values: Any
) -> HostOffer:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, offer.municipality_id)
    _check_status(offer.status, values.get("status", offer.status))
    if "languages" in values:
        values["languages"] = sorted(set(values["languages"] or []))
    return update_audited(
        offer,
        acting_user=acting_user,
        expected_version=expected_version,
        values=values,
        fields=OFFER_FIELDS,
        validate=validate_offer,
    )


# --- the household's side ----------------------------------------------------------------------


@dataclass
class ProfileData:
    has_pets: bool = False
    smokes: bool = False
    wants_private_lodging: bool = False
    note: str = ""


@transaction.atomic
def lodging_profile_save(
    *,
    household: Household,
    acting_user: StaffUser,
    data: ProfileData,
    expected_version: int | None = None,
) -> LodgingProfile:
    """Create or change the household's wishes for private lodging (``expected_version``: the
    version the user saw, 0 for none; a profile made meanwhile is a concurrent edit)."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, household.municipality_id)
    values = {name: getattr(data, name) for name in PROFILE_FIELDS}
    profile = LodgingProfile.objects.filter(household=household).first()
    if profile is None:
        if expected_version not in (None, 0):
            raise ConcurrentEditError(str(LodgingProfile._meta.verbose_name))
        profile = LodgingProfile.objects.create(
            municipality_id=household.municipality_id, household=household, **values
        )
        log_for_members(
            acting_user,
            AuditAction.CREATE,
            profile,
            household,
            audit.diff({}, snapshot(profile, PROFILE_FIELDS)),
        )
        return profile
    return update_for_members(
        profile,
        acting_user=acting_user,
        household=household,
        expected_version=profile.version if expected_version is None else expected_version,
        values=values,
        fields=PROFILE_FIELDS,
    )


# --- meetings, decisions and the match -----------------------------------------------------------


@transaction.atomic
def meeting_propose(
    *,
    acting_user: StaffUser,
    offer: HostOffer,
    household: Household,
    meeting_at: datetime,
    place: str,
    today: date | None = None,
) -> Meeting:
    """Propose a meeting between the offer's host and a household that passes the hard rules."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, offer.municipality_id)
    if household.municipality_id != offer.municipality_id:
        raise ValidationError({"household": _("Husstanden findes ikke.")})
    offer = HostOffer.objects.select_for_update().select_related("host").get(pk=offer.pk)
    if offer.status != OfferStatus.OPEN:
        raise ValidationError({"offer": _("Tilbuddet er ikke ledigt.")})
    if not place.strip():
        raise ValidationError({"place": _("Skriv, hvor mødet holdes.")})
    if selectors.has_open_placement(household):
        raise ValidationError({"household": _("Husstanden har allerede en bolig.")})
    if Meeting.objects.filter(offer=offer, household=household, outcome=Outcome.PENDING).exists():
        raise ValidationError(
            {"household": _("Der er allerede et møde mellem værten og husstanden.")}
        )
    today = today or timezone.localdate()
    match_household = selectors.household_for_match(household=household)
    broken = matching.check(match_offer(offer), match_household, today=today)
    if broken:
        raise ValidationError(
            {"household": [matching.render(r) for r in broken]}  # stored Danish (decision 13)
        )
    hard = matching.hard_rules(match_offer(offer), match_household, today)
    soft = matching.soft_goals(match_offer(offer), match_household)
    meeting = Meeting.objects.create(
        municipality_id=offer.municipality_id,
        offer=offer,
        household=household,
        proposed_by=acting_user,
        meeting_at=meeting_at,
        place=place.strip(),
        reasons=reasons_data(tuple(hard + soft)),
        score=sum(r.points for r in soft),
    )
    log_for_members(
        acting_user,
        AuditAction.CREATE,
        meeting,
        household,
        audit.diff({}, snapshot(meeting, MEETING_FIELDS)),
    )
    return meeting


@dataclass
class LeaseData:
    start_date: date | None = None
    end_date: date | None = None
    monthly_rent: int | None = None


def validate_lease(offer: HostOffer, data: LeaseData) -> None:
    """Field messages (start_date, end_date, monthly_rent) for the municipality's lease."""
    errors: dict[str, str] = {}
    if data.start_date is None:
        errors["start_date"] = _("Skriv, hvornår lejemålet begynder.")
    elif data.start_date < offer.available_from:
        errors["start_date"] = _("Tilbuddet er først ledigt %(date)s.") % {
            "date": format_date(offer.available_from, "short")
        }
    if data.end_date is None:
        errors["end_date"] = _("Skriv, hvornår lejemålet slutter (højst to år).")
    elif data.start_date is not None:
        latest = add_years(data.start_date, LEASE_MAX_YEARS)
        if data.end_date <= data.start_date:
            errors["end_date"] = _("Lejemålet skal slutte efter, at det begynder.")
        elif data.end_date > latest:
            errors["end_date"] = _(
                "Kommunen lejer højst for to år ad gangen: lejemålet skal slutte senest %(date)s."
            ) % {"date": format_date(latest, "short")}
    if data.monthly_rent is None or data.monthly_rent < 0:
        errors["monthly_rent"] = _("Skriv husleje pr. måned.")
    if errors:
        raise ValidationError(errors)


def _close_meeting(
    *, meeting: Meeting, acting_user: StaffUser, outcome: str, note: str, on: date
) -> None:
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.outcome = outcome
    meeting.outcome_date = on
    meeting.outcome_note = note
    save_versioned(
        meeting,
        expected_version=meeting.version,
        fields=["outcome", "outcome_date", "outcome_note"],
    )
    log_for_members(
        acting_user,
        AuditAction.CHANGE,
        meeting,
        meeting.household,
        audit.diff(before, snapshot(meeting, MEETING_FIELDS)),
    )


@transaction.atomic
def meeting_decide(
    *,
    meeting: Meeting,
    acting_user: StaffUser,
    expected_version: int,
    host_decision: str,
    household_decision: str,
    note: str = "",
    lease: LeaseData | None = None,
    today: date | None = None,
) -> Meeting:
    """Record each side's decision after the meeting.

    Both yes: the outcome (matched) is recorded, the lease is made (``lease``, at most two
    years), the offer becomes a private-host dwelling and the household is placed there from the
    lease's start, and the offer is matched; other open meetings about the offer are cancelled.
    Either no: the outcome (declined) is recorded and the offer stays open. Otherwise the
    decisions so far are saved and the meeting stays open."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, meeting.municipality_id)
    today = today or timezone.localdate()
    for name, value in (
        ("host_decision", host_decision),
        ("household_decision", household_decision),
    ):
        if value not in Decision.values:
            raise ValidationError({name: _("Vælg ja, nej eller afventer.")})
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.version != expected_version:
        raise ConcurrentEditError(str(Meeting._meta.verbose_name))
    if not current.is_open:
        raise MeetingClosed({"outcome": _("Mødets udfald er allerede registreret.")})
    offer = HostOffer.objects.select_for_update().select_related("host").get(pk=meeting.offer_id)
    both_yes = host_decision == household_decision == Decision.YES
    either_no = Decision.NO in (host_decision, household_decision)
    if both_yes:
        if offer.status != OfferStatus.OPEN:
            raise ValidationError({"outcome": _("Tilbuddet er ikke længere ledigt.")})
        lease = lease or LeaseData()
        validate_lease(offer, lease)
        if offer.host.area_id is None:
            raise ValidationError({"area": _("Angiv værtens område, før boligen kan registreres.")})
    before = snapshot(meeting, MEETING_FIELDS)
    meeting.host_decision = host_decision
    meeting.household_decision = household_decision
    fields = ["host_decision", "household_decision"]
    if both_yes or either_no:
        meeting.outcome = Outcome.MATCHED if both_yes else Outcome.DECLINED
        meeting.outcome_date = today
        meeting.outcome_note = note.strip()
        fields += ["outcome", "outcome_date", "outcome_note"]
    save_versioned(meeting, expected_version=expected_version, fields=fields)
    log_for_members(
        acting_user,
        AuditAction.CHANGE,
        meeting,
        meeting.household,
        audit.diff(before, snapshot(meeting, MEETING_FIELDS)),
    )
    if both_yes:
        assert lease is not None
        _conclude(meeting=meeting, offer=offer, acting_user=acting_user, lease=lease, today=today)
    return meeting


def _conclude(
    *,
    meeting: Meeting,
    offer: HostOffer,
    acting_user: StaffUser,
    lease: LeaseData,
    today: date,
) -> Lease:
    assert lease.start_date and lease.end_date and lease.monthly_rent is not None
    host = offer.host
    dwelling = housing_services.dwelling_create(
        acting_user=acting_user,
        address=host.address,
        area=host.area,
        type=DwellingType.PRIVATE_HOST,
        rooms=offer.rooms,
        size_m2=offer.size_m2,
        rent=lease.monthly_rent,
        utilities=offer.utilities,
        landlord_kind=LandlordKind.PRIVATE,
        landlord_name=host.name,
        available_from=offer.available_from,
        step_free=offer.step_free,
    )
    placement = housing_services.placement_start(
        acting_user=acting_user,
        household=meeting.household,
        dwelling=dwelling,
        start_date=lease.start_date,
        source=PlacementSource.HOST_MATCH,
        note=f"Privat indkvartering hos {host.name}"[:500],
    )
    made = Lease.objects.create(
        municipality_id=offer.municipality_id,
        offer=offer,
        meeting=meeting,
        household=meeting.household,
        start_date=lease.start_date,
        end_date=lease.end_date,
        monthly_rent=lease.monthly_rent,
        dwelling=dwelling,
        placement=placement,
        created_by=acting_user,
    )
    log_for_members(
        acting_user,
        AuditAction.CREATE,
        made,
        meeting.household,
        audit.diff({}, snapshot(made, LEASE_FIELDS)),
    )
    before = snapshot(offer, OFFER_FIELDS)
    offer.status = OfferStatus.MATCHED
    offer.dwelling = dwelling
    save_versioned(offer, expected_version=offer.version, fields=["status", "dwelling"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=offer,
        changes=audit.diff(before, snapshot(offer, OFFER_FIELDS)),
    )
    others = (
        Meeting.objects.select_for_update()
        .filter(offer=offer, outcome=Outcome.PENDING)
        .exclude(pk=meeting.pk)
        .select_related("household")
    )
    for other in others:
        _close_meeting(
            meeting=other,
            acting_user=acting_user,
            outcome=Outcome.CANCELLED,
            note="Tilbuddet er matchet med en anden husstand.",
            on=today,
        )
    if made.end_date <= today:  # a lease registered after it ended
        housing_services.placement_end_with_lease(
            placement=placement, end_date=made.end_date, actor=acting_user, channel="web"
        )
    return made


def leases_end_placements(*, day: date | None = None) -> list[Lease]:
    """End the placement of every lease whose last day is ``day`` (today) or earlier and whose
    household still lives there (HOU-6): the placement ends on the lease's end date. Idempotent:
    a placement already ended is left alone; run it daily (``manage.py end_host_leases``). Each
    lease in its own transaction."""
    day = day or timezone.localdate()
    ended = []
    for lease in (
        Lease.objects.filter(end_date__lte=day, placement__end_date__isnull=True)
        .select_related("placement", "created_by")
        .order_by("end_date", "pk")
    ):
        if housing_services.placement_end_with_lease(
            placement=lease.placement, end_date=lease.end_date, actor=lease.created_by
        ):
            ended.append(lease)
    return ended
