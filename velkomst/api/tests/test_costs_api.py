"""Prices through the API (MI-4): an activity's price per week and a support measure's price per
month are read and written with the record; a bad price is a 422 naming the field; a placement
shows its monthly cost."""

from __future__ import annotations

import pytest

from velkomst.core.models import Unit

from .conftest import field_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_id(household):
    household.units.set(Unit.objects.filter(municipality=household.municipality))
    return household.members.get(first_name="Amal").pk


def test_prices_are_written_and_read_through_the_api(api_as, staff, person_id):
    # REQ: MI-4
    client = api_as(staff["caseworker"])
    client.headers["Accept-Language"] = "da"
    created = client.post(
        f"/api/persons/{person_id}/plan/activities",
        {
            "category": "enterprise",
            "kind": "wage_subsidy",
            "start": "2026-07-13",
            "end": "2026-10-09",
            "hours_per_week": "20",
            "provider_kind": "company",
            "price_per_week": 2000,
        },
    )
    assert created.status_code == 201, created.content
    activity = created.json()
    assert activity["price_per_week"] == 2000
    changed = client.patch(
        f"/api/activities/{activity['id']}", {"version": 1, "price_per_week": None}
    )
    assert changed.status_code == 200 and changed.json()["price_per_week"] is None
    bad = client.patch(f"/api/activities/{activity['id']}", {"version": 2, "price_per_week": -1})
    assert bad.status_code == 422 and field_names(bad) == ["price_per_week"]
    support = client.post(
        f"/api/persons/{person_id}/plan/supports",
        {"kind": "bus_card", "starts_on": "2026-07-13", "price_per_month": 400},
    )
    assert support.status_code == 201 and support.json()["price_per_month"] == 400
    listed = client.get(f"/api/persons/{person_id}/plan/supports").json()
    assert [s["price_per_month"] for s in listed] == [400]
    too_much = client.post(
        f"/api/persons/{person_id}/plan/supports",
        {"kind": "mentor", "starts_on": "2026-07-13", "price_per_month": 10_000_000},
    )
    assert too_much.status_code == 422 and field_names(too_much) == ["price_per_month"]


def test_a_placement_shows_its_monthly_cost(api_as, staff, housing_ids):
    # REQ: MI-4
    client = api_as(staff["housing_officer"])
    placements = client.get(f"/api/households/{housing_ids['household_id']}/placements").json()
    assert placements and all(isinstance(p["monthly_cost"], int) for p in placements)
