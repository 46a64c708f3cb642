"""Reads of housing associations and allocation meetings (HOU-5), always scoped to the acting
user's municipality. Another municipality's association, meeting or line is a 404."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import StaffUser
from velkomst.housing import selectors as housing_selectors
from velkomst.housing.models import Dwelling, DwellingStatus, HousingNeed, Placement
from velkomst.people.models import Household

from . import distribution
from .models import AllocationLine, AllocationMeeting, HousingAssociation, MoveOutCount


def associations_for(user: StaffUser) -> QuerySet[HousingAssociation]:
    access.require(user, access.HOUSING_VIEW)
    return HousingAssociation.objects.filter(municipality_id=access.tenant_id(user)).order_by(
        "name", "id"
    )


def association_get(*, user: StaffUser, pk: int) -> HousingAssociation:
    association = associations_for(user).filter(pk=pk).first()
    if association is None:
        raise Http404
    return association


def move_outs_by_month(
    *, user: StaffUser, months: list[date]
) -> dict[int, dict[date, MoveOutCount]]:
    """{association id: {month: count}} of the municipality for the given months."""
    access.require(user, access.HOUSING_VIEW)
    grid: dict[int, dict[date, MoveOutCount]] = {}
    for count in MoveOutCount.objects.filter(
        municipality_id=access.tenant_id(user), period__in=months
    ):
        grid.setdefault(count.association_id, {})[count.period] = count
    return grid


def key_months(user: StaffUser, on: date | None = None) -> int:
    """The municipality's key period in months (configuration ``allocation_key_months``)."""
    assert user.municipality is not None
    return int(config_value(user.municipality, "allocation_key_months", on))


def key_counts(*, user: StaffUser, month: date, months: int) -> list[distribution.AssociationCount]:
    """Each active association's move-outs over the ``months`` months before ``month``."""
    period = distribution.key_period(month, months)
    totals = dict(
        MoveOutCount.objects.filter(
            municipality_id=access.tenant_id(user), period__in=period, association__active=True
        )
        .values_list("association_id")
        .annotate(total=Sum("move_outs"))
    )
    return [
        distribution.AssociationCount(a.pk, a.name, int(totals.get(a.pk) or 0))
        for a in associations_for(user).filter(active=True)
    ]


def last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def unhoused_households(*, user: StaffUser, month: date) -> QuerySet[Household]:
    """The month's households: a housing need whose date falls in ``month`` or earlier, and no
    open placement (still unhoused); most urgent first (need date, then id)."""
    access.require(user, access.HOUSING_VIEW)
    open_placement = Placement.objects.filter(household=OuterRef("pk"), end_date__isnull=True)
    return (
        Household.objects.filter(
            municipality_id=access.tenant_id(user),
            housing_need__needed_by__lte=last_day(month),
        )
        .exclude(Exists(open_placement))
        .order_by("housing_need__needed_by", "id")
    )


def meetings_for(user: StaffUser) -> QuerySet[AllocationMeeting]:
    access.require(user, access.HOUSING_VIEW)
    return AllocationMeeting.objects.filter(municipality_id=access.tenant_id(user)).order_by(
        "-month", "-id"
    )


def meeting_get(*, user: StaffUser, pk: int) -> AllocationMeeting:
    meeting = meetings_for(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def line_get(*, user: StaffUser, pk: int) -> AllocationLine:
    access.require(user, access.HOUSING_VIEW)
    line = (
        AllocationLine.objects.filter(municipality_id=access.tenant_id(user), pk=pk)
        .select_related("meeting", "association", "keyed_association", "household", "dwelling")
        .first()
    )
    if line is None:
        raise Http404
    return line


@dataclass
class ListRow:
    """A household on the meeting's list, with what the association needs to know."""

    line: AllocationLine
    need: HousingNeed | None
    composition: dict[str, Any]
    member_ids: list[int]


@dataclass
class AssociationBlock:
    association: HousingAssociation
    key: dict[str, Any] | None  # the association's row of the drafted key
    rows: list[ListRow]


def meeting_list(meeting: AllocationMeeting) -> list[AssociationBlock]:
    """The meeting's list per association: the key's associations in the key's order (the
    largest share first), each with its households most urgent first. A meeting the caller
    fetched through ``meeting_get``."""
    lines = list(
        AllocationLine.objects.filter(meeting=meeting)
        .select_related("keyed_association", "dwelling", "household__housing_need")
        .prefetch_related(Prefetch("household__members"))
        .order_by("position", "id")
    )
    keyed = {row["id"]: row for row in meeting.key.get("shares", [])}
    ids = set(keyed) | {line.association_id for line in lines}
    associations = HousingAssociation.objects.filter(
        municipality_id=meeting.municipality_id, pk__in=ids
    )
    blocks = {a.pk: AssociationBlock(a, keyed.get(a.pk), []) for a in associations}
    for line in lines:
        members = list(line.household.members.all())
        block = blocks[line.association_id]
        line.association = block.association
        block.rows.append(
            ListRow(
                line=line,
                need=getattr(line.household, "housing_need", None),
                composition=housing_selectors.composition(line.household, members),
                member_ids=[m.pk for m in members],
            )
        )
    return sorted(
        blocks.values(),
        key=lambda b: (
            -(b.key or {}).get("share", 0),
            b.association.name.casefold(),
            b.association.pk,
        ),
    )


def free_dwellings(user: StaffUser, include: int | None = None) -> QuerySet[Dwelling]:
    """Dwellings an offer can be recorded with: not withdrawn or occupied (and ``include``, the
    dwelling already recorded on the line)."""
    free = ~Q(status__in=[DwellingStatus.WITHDRAWN, DwellingStatus.OCCUPIED])
    if include is not None:
        free |= Q(pk=include)
    return (
        housing_selectors.dwellings_for(user)
        .filter(free)
        .select_related("area")
        .order_by("address", "id")
    )
