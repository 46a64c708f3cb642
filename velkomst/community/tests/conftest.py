from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def coordinator(staff):
    return staff["volunteer_coordinator"]


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
def omar(seen):
    return seen.members.get(first_name="Omar")


@pytest.fixture
def lina(seen):
    return seen.members.get(first_name="Lina")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def event(coordinator, today):
    from velkomst.community import services

    return services.event_create(
        actor=coordinator,
        kind="language_cafe",
        title="Sprogcafé på biblioteket",
        held_on=today + timedelta(days=1),
        starts_at=time(16, 0),
        ends_at=time(18, 0),
        place="Rønne Bibliotek",
        organiser="Frivilligcenteret",
        capacity=3,
    )


@pytest.fixture
def club(coordinator):
    from velkomst.community import services

    association = services.association_create(
        actor=coordinator, name="Rønne Boldklub", contact_name="Jens Holm"
    )
    services.activity_create(
        actor=coordinator,
        association=association,
        name="Pigefodbold",
        kind="sport",
        for_children=True,
    )
    return association
