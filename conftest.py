"""Fixtures shared by every test: two municipalities, one staff user per role in the first and a
caseworker in the second (for tenant-isolation tests), and a household with a case."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings as hypothesis_settings

# Speed is measured by the benchmarks, never by a test: no per-example deadline, which a loaded
# machine (CI's two cores) would turn into a flaky failure.
hypothesis_settings.register_profile("velkomst", deadline=None)
hypothesis_settings.load_profile("velkomst")

PASSWORD = "test-password-1234"


@pytest.fixture(autouse=True)
def _danish_first():
    """Every test starts in Danish, the UI's first language: a request in English (the test
    client runs the locale middleware in this thread) must not change the next test's texts."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.deactivate()


@pytest.fixture
def ordinary_wednesday():
    """The clock pinned to a Wednesday morning in Copenhagen, weeks from any public holiday, for a
    test whose expectations count days (a deadline that falls on a Saturday moves to the Monday):
    such a test must pass whatever day it runs on. Ask for it first (``usefixtures``), so the
    records of the other fixtures are made on that day too."""
    import time_machine

    wednesday = datetime(2026, 3, 11, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    with time_machine.travel(wednesday, tick=True):
        yield


@pytest.fixture
def municipality(db):
    from velkomst.core.services import municipality_create

    return municipality_create(code="400", name="Bornholm")


@pytest.fixture
def other_municipality(db):
    from velkomst.core.services import municipality_create

    return municipality_create(code="851", name="Aalborg")


def _make_user(municipality, role, username, unit_kinds=("integration",)):
    from velkomst.core.models import StaffUser, Unit

    if role == "national":  # outside every municipality's tenancy
        return StaffUser.objects.create_user(
            username=username,
            password=PASSWORD,
            first_name="National",
            last_name="Udlændingestyrelsen",
            role=role,
            initials="UST",
        )
    user = StaffUser.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=role.replace("_", " ").title(),
        last_name=municipality.name,
        municipality=municipality,
        role=role,
        initials=username[:3].upper(),
    )
    user.units.set(Unit.objects.filter(municipality=municipality, kind__in=unit_kinds))
    return user


ROLE_UNITS = {
    "caseworker": ("integration",),
    "job_consultant": ("jobcentre",),
    "housing_officer": ("housing",),
    "family_consultant": ("children_family",),
    "health_coordinator": ("health",),
    "volunteer_coordinator": ("volunteer_centre",),
    "interpreter_coordinator": ("integration",),
    "manager": ("integration",),
    "administrator": (),
    # the immigration service's national user: no municipality, no unit (``staff`` below)
    "national": (),
}


@pytest.fixture
def staff(municipality):
    """{role: user} for every role in the first municipality."""
    return {
        role: _make_user(municipality, role, f"bh-{role}", kinds)
        for role, kinds in ROLE_UNITS.items()
    }


@pytest.fixture
def national_user(staff):
    """The immigration service's national user (no municipality)."""
    return staff["national"]


@pytest.fixture
def caseworker(staff):
    return staff["caseworker"]


@pytest.fixture
def other_caseworker(other_municipality):
    return _make_user(other_municipality, "caseworker", "ab-caseworker")


def member(**overrides):
    from velkomst.people.services import LanguageData, MemberData

    values: dict[str, Any] = dict(
        first_name="Amal",
        last_name="Haddad",
        birth_date=date(1988, 3, 14),
        sex="F",
        nationality="SY",
        residence_basis="refugee",
        relation="head",
        languages=[LanguageData("ar", "native", True)],
    )
    values.update(overrides)
    return MemberData(**values)


@pytest.fixture
def household(caseworker):
    return haddads(caseworker)


def haddads(caseworker):
    """The Haddads (Amal, Omar, Lina), the first municipality's household of the tests."""
    from velkomst.people.services import household_create

    return household_create(
        acting_user=caseworker,
        name="Familien Haddad",
        visitation_date=date(2026, 5, 15),
        expected_arrival_date=date(2026, 7, 1),
        members=[
            member(),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(first_name="Lina", birth_date=date(2016, 9, 9), relation="child", languages=[]),
        ],
    )


@pytest.fixture
def person(household):
    return household.members.get(first_name="Amal")


@pytest.fixture
def other_household(other_caseworker):
    from velkomst.people.services import household_create

    return household_create(
        acting_user=other_caseworker,
        name="Familien Tesfaye",
        visitation_date=date(2026, 4, 2),
        expected_arrival_date=date(2026, 6, 1),
        members=[member(first_name="Selam", last_name="Tesfaye", nationality="ER", languages=[])],
    )


@pytest.fixture
def logged_in(client):
    """Log a user in with the test client: logged_in(user) -> client."""

    def login(user):
        client.force_login(user)
        return client

    return login
