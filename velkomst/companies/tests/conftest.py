from __future__ import annotations

from datetime import date

import pytest

VALID_CVR = "12345674"  # passes the modulus-11 check
OTHER_CVR = "10150817"


@pytest.fixture
def consultant(staff, household):
    """The job consultant, whose job centre works with the household."""
    from velkomst.core.models import Unit

    user = staff["job_consultant"]
    household.units.add(*Unit.objects.filter(municipality=user.municipality, kind="jobcentre"))
    return user


@pytest.fixture
def area(staff):
    from velkomst.housing.services import area_create

    return area_create(acting_user=staff["housing_officer"], name="Rønne Nord", kind="district")


def company_values(area=None, **overrides):
    values = dict(
        name="Rønne Tømrer ApS",
        cvr=VALID_CVR,
        industry="433200",
        address="Havnegade 4, 3700 Rønne",
        area=area,
        note="",
    )
    values.update(overrides)
    return values


def opening_values(area=None, **overrides):
    values = dict(
        kind="internship",
        title="Tømrerlærling i praktik",
        trade="7115",
        danish_required="A2",
        skills=["Værktøj", "samarbejde"],
        hours_per_week=25,
        area=area,
        start_on=date(2026, 9, 1),
        places=1,
        description="",
    )
    values.update(overrides)
    return values


@pytest.fixture
def company(consultant, area):
    from velkomst.companies.services import company_create

    return company_create(actor=consultant, **company_values(area))


@pytest.fixture
def opening(consultant, company, area):
    from velkomst.companies.services import opening_create

    return opening_create(actor=consultant, company=company, **opening_values(area))
