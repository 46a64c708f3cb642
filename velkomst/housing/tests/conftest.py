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
