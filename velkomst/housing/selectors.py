"""Reads of the housing register, always scoped to the acting user's municipality. Another
municipality's area, dwelling or household is a 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import StaffUser
from velkomst.people.models import Household, Person, Relation

from . import rules
from .models import Area, Dwelling, HousingNeed


def areas_for(user: StaffUser) -> QuerySet[Area]:
    access.require(user, access.HOUSING_VIEW)
    return Area.objects.filter(municipality_id=access.tenant_id(user)).order_by("name", "id")


def area_get(*, user: StaffUser, pk: int) -> Area:
    area = areas_for(user).filter(pk=pk).first()
    if area is None:
        raise Http404
    return area


def dwellings_for(user: StaffUser) -> QuerySet[Dwelling]:
    access.require(user, access.HOUSING_VIEW)
    return Dwelling.objects.filter(municipality_id=access.tenant_id(user))


def dwelling_get(*, user: StaffUser, pk: int) -> Dwelling:
    dwelling = dwellings_for(user).select_related("area").filter(pk=pk).first()
    if dwelling is None:
        raise Http404
    return dwelling


def dwellings_search(
    *,
    user: StaffUser,
    area: Area | None = None,
    type: str = "",
    status: str = "",
    min_rooms: int | None = None,
    max_rent: int | None = None,
) -> QuerySet[Dwelling]:
    """The municipality's dwellings, filtered; ``max_rent`` compares rent plus utilities."""
    qs = dwellings_for(user).select_related("area")
    if area is not None:
        qs = qs.filter(area=area)
    if type:
        qs = qs.filter(type=type)
    if status:
        qs = qs.filter(status=status)
    if min_rooms is not None:
        qs = qs.filter(rooms__gte=min_rooms)
    if max_rent is not None:
        qs = qs.alias(cost=F("rent") + F("utilities")).filter(cost__lte=max_rent)
    return qs.order_by("area__name", "address", "id")


def need_for(household: Household) -> HousingNeed | None:
    """The need of a household the caller fetched through a scoped selector."""
    return (
        HousingNeed.objects.filter(household=household)
        .select_related("workplace_or_school_area")
        .first()
    )


def composition(household: Household, members: list[Person] | None = None) -> dict[str, Any]:
    """Adults, children and whether the head lives with a spouse, counted on the (expected)
    arrival day."""
    members = members if members is not None else list(household.members.all())
    on: date = household.arrival_date or household.expected_arrival_date or timezone.localdate()
    adults = [m for m in members if m.age_on(on) >= rules.CHILD_AGE]
    children = len(members) - len(adults)
    relations = {m.relation for m in adults}
    couple = Relation.HEAD in relations and Relation.SPOUSE in relations
    return {"size": len(members), "adults": len(adults), "children": children, "couple": couple}


def default_rooms(household: Household, members: list[Person] | None = None) -> int:
    c = composition(household, members)
    return rules.rooms_needed(adults=c["adults"], children=c["children"], couple=c["couple"])


def max_rent_share(household: Household) -> float:
    return float(config_value(household.municipality, "max_rent_share_of_income"))


def household_for_housing(*, user: StaffUser, pk: int) -> Household:
    """A household of the municipality, for its housing need: the housing officers house every
    arriving household, not only those of their unit; the page shows the household's name and
    composition, not the members' case data."""
    access.require(user, access.HOUSING_VIEW)
    household = (
        Household.objects.filter(municipality_id=access.tenant_id(user), pk=pk)
        .select_related("municipality")
        .prefetch_related("members")
        .first()
    )
    if household is None:
        raise Http404
    return household
