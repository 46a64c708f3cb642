"""The demo's data (a small plan of the four seed municipalities, loaded as ``make run`` loads it)
gives both pages real numbers: costs of every kind, and institutions with children (MI-4, MI-5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from velkomst.core.models import StaffUser
from velkomst.demodata.generator import demo_plan, load_demo
from velkomst.demodata.plan import REFERENCE_DATE
from velkomst.insight import economy, places


@pytest.mark.django_db
def test_the_demo_shows_real_numbers_on_the_economy_and_places_pages():
    # REQ: MI-4, MI-5
    load_demo(demo_plan(seed=11, households_per_municipality=6), password="demo-password-1")
    costs: dict[str, Decimal] = {}
    children = 0
    areas = 0
    for manager in StaffUser.objects.filter(role="manager", municipality__isnull=False):
        page = economy.economy(manager, year=REFERENCE_DATE.year, today=REFERENCE_DATE)
        for block in page.costs:
            costs[block.key] = costs.get(block.key, Decimal(0)) + Decimal(
                str(block.total.now.value)
            )
        where = places.places(manager, today=REFERENCE_DATE)
        children += sum(int(r.children.text) for r in where.institutions)
        areas += sum(1 for r in where.areas if r.placed.text != "0")
    assert all(value > 0 for value in costs.values()) and len(costs) == 3, costs
    assert children > 0
    assert areas > 0
