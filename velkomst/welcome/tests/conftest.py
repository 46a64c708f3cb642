"""Fixtures for the welcome folder: a household registered with its reception plan and its
children's placements; the head's native language is a parameter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import member


def register(user, *, language="ar", name="Familien Haddad", arrival_in_days=10):
    from velkomst.families.services import placements_create_for_household
    from velkomst.people.services import LanguageData
    from velkomst.reception.services import household_register

    today = timezone.localdate()
    languages = [LanguageData(language, "native", True)] if language else []
    household = household_register(
        acting_user=user,
        name=name,
        visitation_date=today - timedelta(days=30),
        expected_arrival_date=today + timedelta(days=arrival_in_days),
        members=[
            member(languages=languages),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(
                first_name="Lina",
                birth_date=today - timedelta(days=365 * 8),
                relation="child",
                languages=[],
            ),
        ],
    )
    placements_create_for_household(household=household, acting_user=user)
    return household


@pytest.fixture
def family(caseworker):
    """A Syrian family (the head's native language is Arabic), expected in ten days."""
    return register(caseworker)
