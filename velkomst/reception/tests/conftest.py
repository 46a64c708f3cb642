"""Fixtures for reception-plan tests: households registered with their plan, dates relative to
today so deadline states are predictable."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import member


def register(user, *, arrival_in_days=10, children=1, name="Familien Haddad", **overrides):
    from velkomst.reception.services import household_register

    today = timezone.localdate()
    members = [
        member(),
        member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
    ]
    for i in range(children):
        members.append(
            member(
                first_name=f"Lina{i}" if i else "Lina",
                birth_date=today - timedelta(days=365 * (6 + i)),
                relation="child",
                languages=[],
            )
        )
    values = dict(
        acting_user=user,
        name=name,
        visitation_date=today - timedelta(days=30),
        expected_arrival_date=today + timedelta(days=arrival_in_days),
        members=members,
    )
    values.update(overrides)
    return household_register(**values)


@pytest.fixture
def registered(caseworker):
    """A family of two adults and a child, expected in ten days, with its reception plan."""
    return register(caseworker)


@pytest.fixture
def plan(registered):
    return registered.reception_plan


def task(plan, key, person=None):
    qs = plan.tasks.filter(template_task__key=key)
    if person is not None:
        qs = qs.filter(person=person)
    return qs.get()
