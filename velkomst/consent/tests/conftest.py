from __future__ import annotations

import pytest


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
def units(municipality):
    from velkomst.core.models import Unit

    return {u.kind: u for u in Unit.objects.filter(municipality=municipality)}
