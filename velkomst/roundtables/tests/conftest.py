from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def seen(household):
    """The household worked with by every unit, so the role alone decides what is seen."""
    from velkomst.core.models import Unit

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    return household


@pytest.fixture
def amal(seen):
    return seen.members.get(first_name="Amal")


@pytest.fixture
def family_consultant(staff):
    return staff["family_consultant"]


@pytest.fixture
def round_table(seen, amal, caseworker):
    from velkomst.roundtables import services

    return services.round_table_create(
        actor=caseworker,
        household=seen,
        person=amal,
        title="Skolestart og fritid",
        starts_at=datetime(2026, 9, 1, 10, 0, tzinfo=CPH),
        ends_at=datetime(2026, 9, 1, 11, 30, tzinfo=CPH),
        place="Rådhuset, mødelokale 2",
    )


@pytest.fixture
def school(round_table, caseworker):
    from velkomst.roundtables import services

    return services.participant_add(
        actor=caseworker,
        round_table=round_table,
        name="Hanne Skov",
        organisation="Vestre Skole",
        role="Klasselærer",
    )
