"""Fixtures for children's placements: families registered through reception (so the children
and family unit is attached, CHI-1) with their children's placements, dates relative to today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import member


def years_ago(years: int, today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=30)


def register_family(
    user,
    *,
    name="Familien Haddad",
    arrived_days_ago: int | None = 2,
    expected_in_days: int | None = None,
    child_ages=(8,),
    create_placements=True,
):
    """Register a household with two adults and children of the given ages (in years).

    Registration makes the placements; ``create_placements=False`` registers the household as
    one registered before placements existed (people's household_create: no plan, no placements).
    """
    from velkomst.people.services import household_create
    from velkomst.reception.services import household_register

    today = timezone.localdate()
    members = [
        member(last_name=name.split()[-1]),
        member(
            first_name="Omar",
            last_name=name.split()[-1],
            birth_date=date(1985, 1, 2),
            sex="M",
            relation="spouse",
        ),
    ]
    for i, age in enumerate(child_ages):
        members.append(
            member(
                first_name=["Lina", "Sami", "Noor", "Yara", "Adam"][i % 5]
                + ("" if i < 5 else str(i)),
                last_name=name.split()[-1],
                birth_date=years_ago(age),
                relation="child",
                languages=[],
            )
        )
    arrival = today - timedelta(days=arrived_days_ago) if arrived_days_ago is not None else None
    expected = today + timedelta(days=expected_in_days) if expected_in_days is not None else None
    register = household_register if create_placements else household_create
    household = register(
        acting_user=user,
        name=name,
        visitation_date=today - timedelta(days=60),
        expected_arrival_date=expected or arrival,
        arrival_date=arrival,
        members=members,
    )
    return household


@pytest.fixture
def family(caseworker):
    """Arrived two days ago, with one child of eight."""
    return register_family(caseworker)


@pytest.fixture
def child(family):
    return family.members.get(first_name="Lina")
