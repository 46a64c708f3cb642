from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def officer(staff):
    return staff["housing_officer"]


@pytest.fixture
def area(officer):
    from velkomst.housing.services import area_create

    return area_create(acting_user=officer, name="Rønne Nord", kind="district")


def dwelling_values(area, **overrides):
    values = dict(
        address="Storegade 1, 3700 Rønne",
        area=area,
        type="permanent",
        rooms=3,
        size_m2=78,
        rent=5200,
        utilities=600,
        landlord_kind="housing_association",
        landlord_name="BoBornholm",
        available_from=date(2026, 6, 1),
        step_free=False,
        minutes_to_school=10,
    )
    values.update(overrides)
    return values


@pytest.fixture
def dwelling(officer, area):
    from velkomst.housing.services import dwelling_create

    return dwelling_create(acting_user=officer, **dwelling_values(area))


JULY = date(2026, 7, 1)


@pytest.fixture
def single(caseworker):
    from conftest import member
    from velkomst.people.services import household_create

    return household_create(
        acting_user=caseworker,
        name="Yusuf Ali",
        visitation_date=date(2026, 5, 15),
        expected_arrival_date=JULY,
        members=[member(first_name="Yusuf", last_name="Ali", birth_date=date(1999, 3, 3), sex="M")],
    )


@pytest.fixture
def batch(officer, area, household, single):
    """A family and a single adult waiting; a permanent 3-room flat, a temporary room, and a
    flat in a vulnerable area that must never be suggested."""
    from velkomst.housing import services as housing_services

    vulnerable = housing_services.area_create(
        acting_user=officer, name="Udsat Vest", kind="district", vulnerable=True
    )
    flat = housing_services.dwelling_create(
        acting_user=officer, **dwelling_values(area, address="Storegade 1", rent=5000)
    )
    room = housing_services.dwelling_create(
        acting_user=officer,
        **dwelling_values(
            area, address="Kirkevej 2", type="temporary", rooms=1, size_m2=20, rent=2500
        ),
    )
    housing_services.dwelling_create(
        acting_user=officer,
        **dwelling_values(vulnerable, address="Blok 7", rent=3000, rooms=4, size_m2=95),
    )
    for h, rooms, max_rent in ((household, 2, 7000), (single, 1, 4000)):
        housing_services.housing_need_save(
            household=h,
            acting_user=officer,
            data=housing_services.NeedData(rooms_needed=rooms, max_rent=max_rent, needed_by=JULY),
        )
    return {"flat": flat, "room": room, "family": household, "single": single}
