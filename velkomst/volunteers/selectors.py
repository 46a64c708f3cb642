"""Reads of the resource bank (CIV-1, CIV-3, CIV-6), tenant-scoped: the caller's municipality's
volunteers only, for roles with ``volunteer.view``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines.deadlines import DeadlineState
from velkomst.housing.models import Area

from .models import (
    CHILD_AUDIENCES,
    Diploma,
    Offer,
    Volunteer,
    VolunteerHours,
    VolunteerStatus,
)


def volunteers_for(user: StaffUser) -> QuerySet[Volunteer]:
    access.require(user, access.VOLUNTEER_VIEW)
    return Volunteer.objects.filter(municipality_id=access.tenant_id(user))


def offers_for(user: StaffUser) -> QuerySet[Offer]:
    access.require(user, access.VOLUNTEER_VIEW)
    return Offer.objects.filter(municipality_id=access.tenant_id(user))


def municipality_by_code(code: str) -> Municipality:
    """The municipality of a public registration link; an unknown code is a 404."""
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise Http404
    return municipality


def volunteer_by_token(token: str) -> Volunteer:
    """The volunteer of a secret link; an unknown token is a 404 (nothing tells whether any
    other volunteer exists)."""
    volunteer = (
        Volunteer.objects.filter(token=token)
        .select_related("municipality", "area")
        .prefetch_related("offers")
        .first()
    )
    if volunteer is None or not token:
        raise Http404
    return volunteer


def _json_has(value: str) -> str:
    """The text a JSON list containing ``value`` holds (``"ara"``): a portable contains-test
    for SQLite and PostgreSQL on a short list of codes."""
    return f'"{value}"'


def _child_facing_offers() -> Q:
    query = Q()
    for audience in CHILD_AUDIENCES:
        query |= Q(audience__icontains=_json_has(audience))
    return query


def bank_search(
    *,
    user: StaffUser,
    q: str = "",
    kind: str = "",
    offer_kind: str = "",
    area: int | None = None,
    language: str = "",
    audience: str = "",
    status: str = "",
) -> QuerySet[Volunteer]:
    """The resource bank: volunteers with their active offers (prefetched: a fixed number of
    queries per page). ``offer_kind``, ``area`` and ``audience`` look at the active offers (an
    area also matches the volunteer's own); ``language`` at the volunteer's languages."""
    qs = volunteers_for(user).select_related("area", "person")
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(association_name__icontains=q) | Q(email__icontains=q)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if language:
        qs = qs.filter(languages__icontains=_json_has(language))
    offers = Offer.objects.filter(volunteer=OuterRef("pk"), active=True)
    if offer_kind:
        offers = offers.filter(kind=offer_kind)
    if audience:
        offers = offers.filter(audience__icontains=_json_has(audience))
    if area:
        offers = offers.filter(Q(area_id=area) | Q(area__isnull=True, volunteer__area_id=area))
    if offer_kind or audience or area:
        qs = qs.filter(Exists(offers))
    return qs.prefetch_related(
        Prefetch(
            "offers",
            queryset=Offer.objects.filter(active=True).order_by("kind", "id"),
            to_attr="active_offers",
        )
    ).order_by("name", "id")


def approvals(user: StaffUser) -> QuerySet[Volunteer]:
    """Registrations waiting for the coordinator's decision, the oldest first."""
    return (
        volunteers_for(user)
        .filter(status=VolunteerStatus.PENDING)
        .select_related("area")
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=Offer.objects.filter(active=True).order_by("kind", "id"),
                to_attr="active_offers",
            )
        )
        .order_by("created_at", "id")
    )


def volunteer_get(*, user: StaffUser, pk: int) -> Volunteer:
    volunteer = (
        volunteers_for(user)
        .select_related("area", "person", "decided_by", "municipality")
        .filter(pk=pk)
        .first()
    )
    if volunteer is None:
        raise Http404
    return volunteer


def offer_get(*, user: StaffUser, pk: int) -> Offer:
    offer = offers_for(user).select_related("volunteer", "area").filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def offers_of(volunteer: Volunteer) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(volunteer=volunteer)
        .select_related("area")
        .order_by("-active", "kind", "id")
    )


def hours_of(volunteer: Volunteer) -> QuerySet[VolunteerHours]:
    return VolunteerHours.objects.filter(volunteer=volunteer).order_by("-period_start", "-id")


def diplomas_of(volunteer: Volunteer) -> QuerySet[Diploma]:
    return Diploma.objects.filter(volunteer=volunteer).order_by("-issued_on", "-id")


def diploma_get(*, user: StaffUser, pk: int) -> Diploma:
    access.require(user, access.VOLUNTEER_VIEW)
    diploma = (
        Diploma.objects.filter(municipality_id=access.tenant_id(user), pk=pk)
        .select_related("volunteer", "volunteer__municipality", "volunteer__person", "issued_by")
        .first()
    )
    if diploma is None:
        raise Http404
    return diploma


def total_hours(volunteer: Volunteer) -> float:
    from django.db.models import Sum

    total = VolunteerHours.objects.filter(volunteer=volunteer).aggregate(t=Sum("hours"))["t"]
    return float(total or 0)


# --- child certificates (CIV-3) -------------------------------------------------------------


def warning_days(user: StaffUser, day: date) -> int:
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    return int(config_value(municipality, "volunteer_certificate_warning_days", day))


def certificates_to_renew(user: StaffUser, day: date, soon_days: int) -> QuerySet[Volunteer]:
    """Approved volunteers with an active offer for children or families whose child
    certificate has expired or expires within ``soon_days`` (or who have none): they may not be
    matched with children until it is renewed. Soonest first."""
    child_offers = Offer.objects.filter(volunteer=OuterRef("pk"), active=True).filter(
        _child_facing_offers()
    )
    return (
        volunteers_for(user)
        .filter(status=VolunteerStatus.APPROVED)
        .filter(Exists(child_offers))
        .filter(
            Q(child_certificate_expires_on__isnull=True)
            | Q(child_certificate_expires_on__lt=day + timedelta(days=soon_days))
        )
        .order_by("child_certificate_expires_on", "name", "id")
    )


def certificate_state(volunteer: Volunteer, day: date, soon_days: int) -> str:
    expires = volunteer.child_certificate_expires_on
    if expires is None or expires < day:
        return DeadlineState.OVERDUE
    if expires < day + timedelta(days=soon_days):
        return DeadlineState.DUE_SOON
    return DeadlineState.UPCOMING


@dataclass(frozen=True)
class PanelCounts:
    pending: int
    approved: int
    expired: int
    expiring: int


def panel_counts(user: StaffUser, day: date) -> PanelCounts:
    """The coordinator's start-page figures, in two queries."""
    soon = warning_days(user, day)
    counts = volunteers_for(user).aggregate(
        pending=Count("pk", filter=Q(status=VolunteerStatus.PENDING)),
        approved=Count("pk", filter=Q(status=VolunteerStatus.APPROVED)),
    )
    renew = list(
        certificates_to_renew(user, day, soon).values_list(
            "child_certificate_expires_on", flat=True
        )
    )
    expired = sum(1 for d in renew if d is None or d < day)
    return PanelCounts(
        pending=counts["pending"],
        approved=counts["approved"],
        expired=expired,
        expiring=len(renew) - expired,
    )


def areas_of(municipality_id: int) -> QuerySet[Area]:
    """The municipality's areas (for the volunteer's and offers' area choice)."""
    return Area.objects.filter(municipality_id=municipality_id).order_by("name", "id")
