"""Reads of health (HEA-1, HEA-2) and barriers (PRG-6), tenant-scoped through the person
visibility (``people.selectors.persons_visible_to``). Health data only for those who may read it
(``policy``); barriers for the plan's team, a health or trauma barrier masked to the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.consent.models import HEALTH_PURPOSES, Consent
from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser, Unit
from velkomst.people.models import Household, Person
from velkomst.people.selectors import persons_visible_to

from . import policy
from .models import (
    HEALTH_BARRIERS,
    Barrier,
    BarrierKind,
    CareCoordination,
    CoordinatedMeasure,
    HealthAssessment,
    HealthAssessmentOffer,
    HealthReferral,
    HealthShare,
    OfferAnswer,
    ReferralStatus,
)

ADULT_AGE = 18
OVERVIEW_ROWS = 100  # each list of the overview shows at most this many rows (and counts all)


def log_health_read(user: StaffUser, obj: Any, person_ids: list[int], channel: str = "web") -> None:
    """Every read of health data: one ``view`` row per person, reason "Helbredsoplysninger"."""
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(obj, pk) for pk in person_ids],
        reason=policy.HEALTH_READ_REASON,
        channel=channel,
    )


def _visible_person(user: StaffUser, pk: int) -> Person:
    person = (
        persons_visible_to(user, few=True).select_related("household", "case").filter(pk=pk).first()
    )
    if person is None:
        raise Http404
    return person


def health_person_get(*, user: StaffUser, pk: int) -> Person:
    """A person whose health data the user may read (403 without the need, 404 unseen)."""
    person = _visible_person(user, pk)  # 404 for a person the user does not see at all
    policy.require_health_view(user)
    return person


@dataclass
class HealthRecord:
    person: Person
    offers: list[HealthAssessmentOffer]
    assessments: list[HealthAssessment]
    referrals: list[HealthReferral]
    consents: list[Consent]
    shares: list[HealthShare]


def health_record(*, user: StaffUser, person: Person, channel: str = "web") -> HealthRecord:
    """The person's health data; the read is logged."""
    policy.require_health_view(user)
    record = HealthRecord(
        person=person,
        offers=list(HealthAssessmentOffer.objects.filter(person=person)),
        assessments=list(HealthAssessment.objects.filter(person=person)),
        referrals=list(HealthReferral.objects.filter(person=person)),
        consents=list(
            Consent.objects.filter(person=person, purpose__in=HEALTH_PURPOSES)
            .select_related("withdrawn_by")
            .prefetch_related("units")
        ),
        shares=list(HealthShare.objects.filter(person=person).select_related("unit", "shared_by")),
    )
    log_health_read(user, person, [person.pk], channel)
    return record


def _mine(user: StaffUser, model: Any) -> QuerySet[Any]:
    """Rows of ``model`` about persons the user sees (health data only for health readers)."""
    return model.objects.filter(
        municipality_id=access.tenant_id(user), person__in=persons_visible_to(user)
    )


def _health_get(user: StaffUser, model: Any, pk: int) -> Any:
    """A health record of a person the user sees (404 otherwise, as for the person), read only
    by those who may read health data (403)."""
    found = _get(_mine(user, model).select_related("person"), pk)
    policy.require_health_view(user)
    return found


def offer_get(*, user: StaffUser, pk: int) -> HealthAssessmentOffer:
    return _health_get(user, HealthAssessmentOffer, pk)  # type: ignore[no-any-return]


def assessment_get(*, user: StaffUser, pk: int) -> HealthAssessment:
    return _health_get(user, HealthAssessment, pk)  # type: ignore[no-any-return]


def referral_get(*, user: StaffUser, pk: int) -> HealthReferral:
    return _health_get(user, HealthReferral, pk)  # type: ignore[no-any-return]


def _get(qs: QuerySet[Any], pk: int) -> Any:
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def offers_unanswered(user: StaffUser) -> QuerySet[HealthAssessmentOffer]:
    return (
        _mine(user, HealthAssessmentOffer)
        .filter(answer=OfferAnswer.PENDING)
        .select_related("person")
        .order_by("offered_on", "id")
    )


def persons_without_offer(user: StaffUser, today: date) -> QuerySet[Person]:
    """Adults taken over by the municipality who have not been offered an assessment, the
    longest-waiting first (the offer is due within the configured months of the takeover)."""
    born_before = (
        today.replace(year=today.year - ADULT_AGE)
        if not (today.month == 2 and today.day == 29)
        else date(today.year - ADULT_AGE, 2, 28)
    )
    return (
        persons_visible_to(user)
        .filter(birth_date__lte=born_before, case__takeover_date__isnull=False)
        .exclude(Exists(HealthAssessmentOffer.objects.filter(person=OuterRef("pk"))))
        .select_related("case")
        .order_by("case__takeover_date", "id")
    )


def referrals_by_status(user: StaffUser, status: str = "") -> QuerySet[HealthReferral]:
    qs = _mine(user, HealthReferral).select_related("person")
    if status:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status__in=[ReferralStatus.COMPLETED, ReferralStatus.DECLINED])
    return qs.order_by("status_on", "id")


def referral_counts(user: StaffUser) -> dict[str, int]:
    rows = _mine(user, HealthReferral).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def recent_assessments(user: StaffUser) -> QuerySet[HealthAssessment]:
    return _mine(user, HealthAssessment).select_related("person").order_by("-assessed_on", "-id")


# --- barriers (PRG-6) ------------------------------------------------------------------------


@dataclass(frozen=True)
class BarrierRow:
    """A barrier as the reader may see it: a health or trauma barrier without its kind and
    details to a reader of no health data."""

    barrier: Barrier
    masked: bool

    @property
    def label(self) -> str:
        if self.masked:
            return str(policy.HEALTH_BARRIER_TEXT)
        return str(BarrierKind(self.barrier.kind).label)

    @property
    def description(self) -> str:
        return "" if self.masked else self.barrier.description


def barrier_rows(user: StaffUser, barriers: list[Barrier]) -> list[BarrierRow]:
    health = policy.can_view_health(user)
    return [BarrierRow(b, masked=b.kind in HEALTH_BARRIERS and not health) for b in barriers]


def barriers_person_get(*, user: StaffUser, pk: int) -> Person:
    person = _visible_person(user, pk)
    if not policy.can_see_barriers(user):
        raise access_denied("barriers")
    return person


def access_denied(what: str) -> Exception:
    return PermissionDenied(what)


def barriers_for(*, user: StaffUser, person: Person, channel: str = "web") -> list[BarrierRow]:
    """The person's barriers, masked for the reader; the read is logged (with the health reason
    when health details were shown)."""
    if not policy.can_see_barriers(user):
        raise access_denied("barriers")
    rows = barrier_rows(
        user, list(Barrier.objects.filter(person=person).select_related("responsible"))
    )
    if any(r.barrier.kind in HEALTH_BARRIERS and not r.masked for r in rows):
        log_health_read(user, person, [person.pk], channel)
    else:
        audit.log_read(actor=user, obj=person, persons=[person], channel=channel)
    return rows


def barrier_get(*, user: StaffUser, pk: int) -> Barrier:
    if not policy.can_see_barriers(user):
        raise access_denied("barriers")
    return _get(_mine(user, Barrier).select_related("person", "responsible"), pk)


def barriers_due(user: StaffUser, today: date) -> QuerySet[Barrier]:
    """The open barriers the user is responsible for whose follow-up day has come."""
    return (
        _mine(user, Barrier)
        .filter(responsible=user, resolved_on__isnull=True, follow_up_on__lte=today)
        .select_related("person")
        .order_by("follow_up_on", "id")
    )


def responsible_choices(user: StaffUser) -> QuerySet[StaffUser]:
    return StaffUser.objects.filter(
        municipality_id=access.tenant_id(user), is_active=True
    ).order_by("first_name", "last_name", "username")


def units_for(user: StaffUser) -> QuerySet[Unit]:
    return Unit.objects.filter(municipality_id=access.tenant_id(user)).order_by("name")


# --- coordinated plans (HEA-2) ----------------------------------------------------------------


def can_see_coordination(user: StaffUser, coordination: CareCoordination | None = None) -> bool:
    if coordination is not None and coordination.coordinator_id == user.pk:
        return True
    return access.can(user, access.PROGRAMME_VIEW) or policy.can_view_health(user)


def coordinations_visible_to(user: StaffUser) -> QuerySet[CareCoordination]:
    persons = persons_visible_to(user)
    qs = CareCoordination.objects.filter(municipality_id=access.tenant_id(user)).filter(
        Q(person__in=persons) | Q(household__members__in=persons)
    )
    if not (access.can(user, access.PROGRAMME_VIEW) or policy.can_view_health(user)):
        qs = qs.filter(coordinator=user)
    return qs.distinct().select_related("household", "person", "coordinator")


def coordinations_of(user: StaffUser) -> QuerySet[CareCoordination]:
    """The open coordinated plans the user coordinates (the start page's panel)."""
    return coordinations_visible_to(user).filter(coordinator=user, ended_on__isnull=True)


def coordination_get(*, user: StaffUser, pk: int) -> CareCoordination:
    found = coordinations_visible_to(user).filter(pk=pk).first()
    if found is None:
        if not can_see_coordination(user):  # a role outside the plans' teams: no need at all
            raise PermissionDenied("coordination")
        raise Http404
    return found


def measures_of(coordination: CareCoordination) -> list[CoordinatedMeasure]:
    return list(
        CoordinatedMeasure.objects.filter(coordination=coordination).select_related(
            "unit", "responsible"
        )
    )


def coordination_members(coordination: CareCoordination) -> list[Person]:
    if coordination.person_id is not None:
        return [coordination.person]  # type: ignore[list-item]
    return list(Person.objects.filter(household=coordination.household))


def household_for_coordination(*, user: StaffUser, pk: int) -> Household:
    from velkomst.people.selectors import household_get

    return household_get(user=user, pk=pk)


def today() -> date:
    return timezone.localdate()


def measure_get(*, user: StaffUser, pk: int) -> CoordinatedMeasure:
    """A measure of a coordinated plan the user sees (else 404, or 403 outside the teams)."""
    measure = (
        CoordinatedMeasure.objects.filter(municipality_id=access.tenant_id(user), pk=pk)
        .select_related("coordination")
        .first()
    )
    if measure is None:
        raise Http404
    coordination_get(user=user, pk=measure.coordination_id)  # the plan's own visibility
    return measure


def person_offer(*, user: StaffUser, person: Person, pk: int) -> HealthAssessmentOffer | None:
    """One of the person's offers (an assessment's), or None."""
    policy.require_health_view(user)
    return _mine(user, HealthAssessmentOffer).filter(pk=pk, person=person).first()
