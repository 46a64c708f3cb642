from __future__ import annotations

from datetime import date

import pytest

from conftest import member


@pytest.fixture
def officer(staff):
    return staff["housing_officer"]


def months_before(month: date, n: int) -> list[date]:
    from velkomst.associations.distribution import key_period

    return key_period(month, n)


MEETING_MONTH = date(2026, 7, 1)


def association_with_move_outs(officer, name, per_month, month=MEETING_MONTH, months=12):
    """An association with ``per_month`` move-outs in each of the ``months`` before ``month``."""
    from velkomst.associations import services

    association = services.association_create(acting_user=officer, name=name)
    services.move_outs_save(
        acting_user=officer,
        association=association,
        entries=[
            services.MoveOutEntry(period=p, move_outs=per_month)
            for p in months_before(month, months)
        ],
    )
    return association


def household_in_need(caseworker, officer, name, needed_by, size=1):
    """A household with a housing need from ``needed_by``."""
    from velkomst.housing.services import NeedData, housing_need_save
    from velkomst.people.services import household_create

    members = [member(last_name=name)] + [
        member(first_name=f"Barn{i}", last_name=name, birth_date=date(2018, 1, 1), relation="child")
        for i in range(size - 1)
    ]
    household = household_create(
        acting_user=caseworker,
        name=f"Familien {name}",
        visitation_date=date(2026, 4, 1),
        expected_arrival_date=needed_by,
        members=members,
    )
    housing_need_save(household=household, acting_user=officer, data=NeedData(needed_by=needed_by))
    return household


@pytest.fixture
def associations(officer):
    """Three associations: 6, 3 and 1 move-outs a month over the key period (72, 36, 12)."""
    return [
        association_with_move_outs(officer, "Fjordbo", 6),
        association_with_move_outs(officer, "Lyngen", 3),
        association_with_move_outs(officer, "Kilden", 1),
    ]


@pytest.fixture
def waiting(caseworker, officer):
    """Five households needing housing by the meeting's month, one later, one housed."""
    households = [
        household_in_need(caseworker, officer, f"Hus{i}", date(2026, 6, 10 + i), size=1 + i % 3)
        for i in range(5)
    ]
    household_in_need(caseworker, officer, "Senere", date(2026, 8, 2))
    return households


@pytest.fixture
def meeting(officer, associations, waiting):
    from velkomst.associations import services

    return services.meeting_draft(
        acting_user=officer, month=MEETING_MONTH, meeting_date=date(2026, 6, 24)
    )


@pytest.fixture
def dwelling(officer):
    from velkomst.housing.services import area_create, dwelling_create

    area = area_create(acting_user=officer, name="Vestbyen", kind="district")
    return dwelling_create(
        acting_user=officer,
        address="Fjordvej 3",
        area=area,
        type="permanent",
        rooms=2,
        size_m2=60,
        rent=4800,
        landlord_kind="housing_association",
        landlord_name="Fjordbo",
        available_from=date(2026, 6, 1),
    )
