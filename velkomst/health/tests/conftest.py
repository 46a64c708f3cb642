from __future__ import annotations

from datetime import date

import pytest

CONCLUSION = "Svær-PTSD-markør-H9"  # a conclusion's text that must never reach a non-health role


@pytest.fixture
def coordinator(staff):
    return staff["health_coordinator"]


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
def jobcentre(municipality):
    from velkomst.core.models import Unit

    return Unit.objects.get(municipality=municipality, kind="jobcentre")


@pytest.fixture
def assessment(amal, coordinator):
    from velkomst.health import services

    return services.assessment_record(
        actor=coordinator,
        person=amal,
        assessed_on=date(2026, 8, 3),
        doctor="Dr. Jensen",
        work_capacity="reduced",
        conclusion=CONCLUSION,
    )
