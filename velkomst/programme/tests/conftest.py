from __future__ import annotations

from datetime import date

import pytest

from conftest import member


@pytest.fixture
def young(caseworker):
    """A 24-year-old alone in his household (under 30: PRG-5); takeover 1 July 2026."""
    from velkomst.people.services import household_create

    household = household_create(
        acting_user=caseworker,
        name="Rami Saleh",
        visitation_date=date(2026, 5, 15),
        expected_arrival_date=date(2026, 7, 1),
        members=[
            member(first_name="Rami", last_name="Saleh", birth_date=date(2002, 4, 1), sex="M")
        ],
    )
    return household.members.get()


def activity(**overrides):
    values = dict(
        category="enterprise",
        kind="internship",
        start=date(2026, 7, 13),
        end=date(2026, 10, 9),
        hours_per_week=25,
        provider_kind="company",
        provider_name="Netto Rønne",
    )
    values.update(overrides)
    return values
