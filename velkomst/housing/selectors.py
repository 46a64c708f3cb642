"""Reads of the housing register, always scoped to the acting user's municipality. Another
municipality's area, dwelling or household is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import mean, median_low
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines.placement import model as engine_model
from velkomst.people.models import Household, Person, Relation

from . import rules
from .models import Area, Dwelling, DwellingType, HousingNeed, Placement


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


# --- Placements and time in temporary housing (HOU-4) -------------------------------------------

# Dwelling types that are a stage, not a home: the engine's (temporary, private lodging with a
# host (a sublease of at most two years), converted institution)
TEMPORARY_TYPES = tuple(sorted(str(t) for t in engine_model.TEMPORARY_TYPES))


def placements_of(household: Household) -> list[Placement]:
    return list(
        Placement.objects.filter(household=household)
        .select_related("dwelling__area", "created_by")
        .order_by("start_date", "pk")
    )


def stay_days(placement: Placement, today: date | None = None) -> int:
    """Days lived in the dwelling: start to end (or to today while it lasts), both counted."""
    end = placement.end_date or today or timezone.localdate()
    return max(0, (end - placement.start_date).days + 1)


def temporary_days(placements: list[Placement], today: date | None = None) -> int:
    return sum(stay_days(p, today) for p in placements if p.type in TEMPORARY_TYPES)


@dataclass(frozen=True)
class TemporaryStay:
    household: Household
    days: int  # in temporary housing so far, all stays counted
    since: date
    dwelling: Dwelling


@dataclass(frozen=True)
class TemporaryOverview:
    current: list[TemporaryStay]  # households living in temporary housing now, longest first
    current_median_days: int | None
    current_max_days: int | None
    moved_on: int  # households that lived in temporary housing and now live permanently
    moved_on_median_days: int | None
    moved_on_mean_days: float | None
    over_limit: int  # current stays longer than the municipality's limit
    limit_days: int


def temporary_overview(user: StaffUser, today: date | None = None) -> TemporaryOverview:
    """Time in temporary housing across the municipality: the households living there now and
    how long those who moved on to a permanent home stayed."""
    access.require(user, access.HOUSING_VIEW)
    today = today or timezone.localdate()
    rows = (
        Placement.objects.filter(municipality_id=access.tenant_id(user))
        .select_related("household", "dwelling__area")
        .order_by("household_id", "start_date", "pk")
    )
    by_household: dict[int, list[Placement]] = {}
    for placement in rows:
        by_household.setdefault(placement.household_id, []).append(placement)
    current: list[TemporaryStay] = []
    moved_on: list[int] = []
    for placements in by_household.values():
        days = temporary_days(placements, today)
        if not days:
            continue
        open_ = next((p for p in placements if p.end_date is None), None)
        if open_ is not None and open_.type in TEMPORARY_TYPES:
            current.append(TemporaryStay(open_.household, days, open_.start_date, open_.dwelling))
        elif open_ is not None and open_.type == DwellingType.PERMANENT:
            moved_on.append(days)
    current.sort(key=lambda stay: (-stay.days, stay.household.name))
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    limit = int(config_value(municipality, "temporary_housing_limit_days"))
    return TemporaryOverview(
        current=current,
        current_median_days=median_low([s.days for s in current]) if current else None,
        current_max_days=current[0].days if current else None,
        moved_on=len(moved_on),
        moved_on_median_days=median_low(moved_on) if moved_on else None,
        moved_on_mean_days=round(mean(moved_on), 1) if moved_on else None,
        over_limit=sum(1 for s in current if s.days > limit),
        limit_days=limit,
    )
