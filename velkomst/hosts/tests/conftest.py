from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def officer(staff):
    return staff["housing_officer"]


@pytest.fixture
def area(officer):
    from velkomst.housing.services import area_create

    return area_create(acting_user=officer, name="Farum Midt", kind="town")


def host_values(area, **overrides):
    values = dict(
        name="Karen Vestergaard",
        phone="20304050",
        email="karen@example.dk",
        address="Bregnerødvej 12, 3520 Farum",
        area=area,
        note="",
    )
    values.update(overrides)
    return values


def offer_values(**overrides):
    values = dict(
        kind="flat",
        description="Kælderlejlighed med eget bad og køkken",
        rooms=2,
        size_m2=55,
        rent=4500,
        utilities=500,
        available_from=date(2026, 6, 1),
        available_until=None,
        step_free=False,
        max_persons=4,
        household_types=["single", "couple", "family"],
        languages=["da", "en", "ar"],
        pets_ok=False,
        smoking_ok=False,
    )
    values.update(overrides)
    return values


@pytest.fixture
def host(officer, area):
    from velkomst.hosts.services import host_create

    return host_create(acting_user=officer, **host_values(area))


@pytest.fixture
def offer(officer, host):
    from velkomst.hosts.services import offer_create

    return offer_create(acting_user=officer, host=host, **offer_values())


@pytest.fixture
def need(officer, household):
    """The household (three persons, Arabic) needs a home by 1 July 2026 and can pay 8,000."""
    from velkomst.housing.services import NeedData, housing_need_save

    return housing_need_save(household=household, acting_user=officer, data=NeedData(max_rent=8000))


TODAY = date(2026, 6, 15)
