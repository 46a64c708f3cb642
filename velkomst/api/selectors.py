"""Reads the API needs that people.selectors does not have yet. Both are tenant-scoped through
people.selectors' visibility rules; they belong in people/selectors.py and should move there."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from velkomst.associations.models import (
    AllocationLine,
    AllocationMeeting,
    HousingAssociation,
    MoveOutCount,
)
from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.people.models import Case, Household
from velkomst.people.selectors import households_visible_to, persons_visible_to


def household_list(*, user: StaffUser, query: str = "") -> QuerySet[Household]:
    qs = households_visible_to(user)
    for word in query.split():
        qs = qs.filter(name__icontains=word)
    return qs.order_by("name", "id")


def case_list(
    *, user: StaffUser, phase: str = "", caseworker_id: int | None = None, mine: bool = False
) -> QuerySet[Case]:
    qs = Case.objects.filter(
        municipality_id=access.tenant_id(user), person__in=persons_visible_to(user)
    ).select_related("person", "caseworker")
    if phase:
        qs = qs.filter(phase=phase)
    if caseworker_id is not None:
        qs = qs.filter(caseworker_id=caseworker_id)
    if mine:
        qs = qs.filter(
            Q(caseworker=user) | Q(assignments__staff=user, assignments__ended_at__isnull=True)
        ).distinct()
    return qs.order_by("person__last_name", "person__first_name", "id")


# --- housing, hosts, housing associations (HOU-1..6): scoped through the apps' own selectors ---


def move_outs_of(association: HousingAssociation) -> QuerySet[MoveOutCount]:
    """The move-outs of an association the caller fetched through ``association_get``."""
    return MoveOutCount.objects.filter(association=association).order_by("period")


def lines_of(meeting: AllocationMeeting) -> QuerySet[AllocationLine]:
    """The lines of a meeting the caller fetched through ``meeting_get``, with the households'
    members (whose views are logged)."""
    return (
        AllocationLine.objects.filter(meeting=meeting)
        .select_related("household")
        .prefetch_related("household__members")
        .order_by("association__name", "position", "id")
    )
