"""Reception plans: registering a household together with its plan (REC-2, REC-3, CHI-1)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from velkomst.core.models import StaffUser, Unit, UnitKind
from velkomst.people import services as people_services
from velkomst.people.models import Household
from velkomst.people.services import MemberData

CHILD_AGE = 18


@transaction.atomic
def household_register(
    *,
    acting_user: StaffUser,
    name: str,
    members: list[MemberData],
    visitation_date: date,
    expected_arrival_date: date | None = None,
    arrival_date: date | None = None,
    asylum_centre: str = "",
    address: str = "",
    caseworker: StaffUser | None = None,
    channel: str = "web",
) -> Household:
    """Register a household (people.services.household_create) and generate its reception plan.

    Same keyword-only signature as ``household_create``. A household with children also gets
    the municipality's children-and-family unit (CHI-1), in the same transaction.
    """
    household = people_services.household_create(
        acting_user=acting_user,
        name=name,
        members=members,
        visitation_date=visitation_date,
        expected_arrival_date=expected_arrival_date,
        arrival_date=arrival_date,
        asylum_centre=asylum_centre,
        address=address,
        caseworker=caseworker,
        channel=channel,
    )
    reference_day = arrival_date or expected_arrival_date or visitation_date
    if any(p.age_on(reference_day) < CHILD_AGE for p in household.members.all()):
        household.units.add(
            *Unit.objects.filter(
                municipality_id=household.municipality_id, kind=UnitKind.CHILDREN_FAMILY
            )
        )
    return household
