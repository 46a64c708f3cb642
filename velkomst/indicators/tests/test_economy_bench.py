"""The benchmark's data (and so the demo's, whose functions it uses) carries prices: every
economy indicator has something to count (MI-4)."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.indicators.library import Scope, definition

pytestmark = pytest.mark.django_db


def test_the_generated_data_has_costs_for_every_economy_indicator():
    # REQ: MI-4
    from bench.generate import generate
    from velkomst.core.models import Municipality
    from velkomst.demodata.plan import REFERENCE_DATE
    from velkomst.housing.models import Placement

    generate(targets={"400": 300}, seed=7)
    municipality = Municipality.objects.get(code="400")
    year = Scope(date(REFERENCE_DATE.year - 1, 1, 1), REFERENCE_DATE)
    for key, breakdown in (
        ("cost_activities", "category"),
        ("cost_interpreting", "mode"),
        ("cost_temporary_housing", "type"),
    ):
        result = definition(key).compute(municipality, year)
        assert result.total.value and result.total.value > 0, key
        assert result.groups[breakdown], key
    activities = definition("cost_activities").compute(municipality, year)
    assert {"danish", "enterprise", "support"} <= set(activities.groups["category"])
    # every stay carries its dwelling's monthly cost
    assert not Placement.objects.filter(monthly_cost__isnull=True).exists()
