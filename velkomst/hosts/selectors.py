"""Reads of private lodging (HOU-6), always scoped to the acting user's municipality. Another
municipality's host, offer, meeting or household is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.housing.models import HousingNeed, Placement
from velkomst.housing.selectors import household_for_housing
from velkomst.people.models import Household, Person

from . import matching
from .match_input import match_household, match_offer
from .models import Host, HostOffer, Lease, LodgingProfile, Meeting, OfferStatus


def hosts_for(user: StaffUser) -> QuerySet[Host]:
    access.require(user, access.HOUSING_VIEW)
    return Host.objects.filter(municipality_id=access.tenant_id(user))


def host_get(*, user: StaffUser, pk: int) -> Host:
    host = hosts_for(user).select_related("area").filter(pk=pk).first()
    if host is None:
        raise Http404
    return host


def hosts_search(*, user: StaffUser, status: str = "") -> QuerySet[Host]:
    """The municipality's hosts with their offers counted by status; ``status``: only hosts with
    an offer in that status."""
    qs = hosts_for(user).select_related("area")
    if status:
        qs = qs.filter(offers__status=status).distinct()
    return qs.annotate(
        open_offers=Count("offers", filter=Q(offers__status=OfferStatus.OPEN), distinct=True),
        matched_offers=Count("offers", filter=Q(offers__status=OfferStatus.MATCHED), distinct=True),
        all_offers=Count("offers", distinct=True),
    ).order_by("name", "id")


def offers_for(user: StaffUser) -> QuerySet[HostOffer]:
    access.require(user, access.HOUSING_VIEW)
    return HostOffer.objects.filter(municipality_id=access.tenant_id(user))


def offers_of(host: Host) -> QuerySet[HostOffer]:
    """The offers of a host the caller fetched through ``host_get``."""
    return HostOffer.objects.filter(host=host).order_by("available_from", "id")


def offer_get(*, user: StaffUser, pk: int) -> HostOffer:
    offer = offers_for(user).select_related("host", "host__area", "dwelling").filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def meetings_for(user: StaffUser) -> QuerySet[Meeting]:
    access.require(user, access.HOUSING_VIEW)
    return Meeting.objects.filter(municipality_id=access.tenant_id(user))


def meeting_get(*, user: StaffUser, pk: int) -> Meeting:
    meeting = (
        meetings_for(user)
        .select_related("offer", "offer__host", "offer__host__area", "household", "proposed_by")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def meetings_of(offer: HostOffer) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(offer=offer)
        .select_related("household")
        .prefetch_related("household__members")
        .order_by("-meeting_at", "-id")
    )


def lease_of(meeting: Meeting) -> Lease | None:
    return Lease.objects.filter(meeting=meeting).select_related("dwelling", "placement").first()


def household_for_lodging(*, user: StaffUser, pk: int) -> Household:
    """A household of the municipality, as the housing officers see it (all arriving ones)."""
    return household_for_housing(user=user, pk=pk)


def profile_for(household: Household) -> LodgingProfile | None:
    return LodgingProfile.objects.filter(household=household).first()


def _members_prefetch() -> Prefetch:
    return Prefetch("members", queryset=Person.objects.prefetch_related("languages"))


def candidate_households(user: StaffUser) -> QuerySet[Household]:
    """Households waiting for a home: with a housing need and without an open placement."""
    access.require(user, access.HOUSING_VIEW)
    open_placement = Placement.objects.filter(household=OuterRef("pk"), end_date__isnull=True)
    return (
        Household.objects.filter(municipality_id=access.tenant_id(user))
        .filter(Exists(HousingNeed.objects.filter(household=OuterRef("pk"))))
        .exclude(Exists(open_placement))
        .select_related("housing_need", "lodging_profile")
        .prefetch_related(_members_prefetch())
        .order_by("name", "id")
    )


def _profile(household: Household) -> LodgingProfile | None:
    try:
        return household.lodging_profile  # type: ignore[attr-defined]
    except LodgingProfile.DoesNotExist:
        return None


def _need(household: Household) -> HousingNeed | None:
    try:
        return household.housing_need
    except HousingNeed.DoesNotExist:
        return None


def as_match_household(household: Household) -> matching.Household:
    return match_household(
        household, _need(household), _profile(household), list(household.members.all())
    )


@dataclass
class Ranked:
    """The matching's result with the households by id (for names on the page)."""

    result: matching.Result
    households: dict[str, Household]


def candidates(*, user: StaffUser, offer: HostOffer, today: date) -> Ranked:
    households = {str(h.pk): h for h in candidate_households(user)}
    result = matching.rank(
        match_offer(offer), [as_match_household(h) for h in households.values()], today=today
    )
    return Ranked(result, households)


def household_for_match(*, household: Household) -> matching.Household:
    """A household the caller fetched through a scoped selector, as the matching sees it."""
    fresh = (
        Household.objects.filter(pk=household.pk)
        .select_related("housing_need", "lodging_profile")
        .prefetch_related(_members_prefetch())
        .get()
    )
    return as_match_household(fresh)


def has_open_placement(household: Household) -> bool:
    return Placement.objects.filter(household=household, end_date__isnull=True).exists()
