"""Prices on the plan's activities and support measures (MI-4): written through the services,
validated naming the field, shown as amounts on the plan page, edits versioned."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.programme import services
from velkomst.programme.models import Activity

from .conftest import activity

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


def test_an_activity_and_a_support_measure_carry_their_price(caseworker, person):
    # REQ: MI-4
    a = services.activity_add(
        actor=caseworker, person=person, **activity(kind="wage_subsidy", price_per_week=2000)
    )
    s = services.support_add(
        actor=caseworker,
        person=person,
        kind="bus_card",
        starts_on=date(2026, 7, 13),
        price_per_month=400,
    )
    assert (a.price_per_week, s.price_per_month) == (2000, 400)
    created = AuditEntry.objects.filter(action="create", person_id=person.pk)
    assert any("price_per_week" in (e.changes or {}) for e in created)
    assert any("price_per_month" in (e.changes or {}) for e in created)
    # an internship at a company costs the municipality nothing: no price
    free = services.activity_add(
        actor=caseworker,
        person=person,
        **activity(start=date(2026, 11, 1), end=date(2026, 11, 30), hours_per_week=5),
    )
    assert free.price_per_week is None


@pytest.mark.parametrize("price", [-1, 1_000_001, 12.5, "mange", True])
def test_a_bad_price_is_refused_naming_the_field(caseworker, person, price):
    # REQ: MI-4
    with pytest.raises(ValidationError) as error:
        services.activity_add(actor=caseworker, person=person, **activity(price_per_week=price))
    assert list(error.value.message_dict) == ["price_per_week"]
    assert "prisen pr. uge i hele kroner" in error.value.message_dict["price_per_week"][0]
    assert not Activity.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.support_add(
            actor=caseworker,
            person=person,
            kind="mentor",
            starts_on=date(2026, 7, 13),
            price_per_month=price,
        )
    assert list(error.value.message_dict) == ["price_per_month"]


def test_a_stale_price_edit_is_detected(caseworker, staff, person):
    # REQ: MI-4
    a = services.activity_add(actor=caseworker, person=person, **activity(price_per_week=900))
    seen = a.version
    services.activity_update(
        actor=staff["job_consultant"], activity=a, expected_version=seen, price_per_week=1000
    )
    with pytest.raises(ConcurrentEditError):
        services.activity_update(
            actor=caseworker, activity=a, expected_version=seen, price_per_week=1100
        )
    a.refresh_from_db()
    assert a.price_per_week == 1000


def test_the_plan_page_takes_and_shows_prices_as_amounts(logged_in, caseworker, person):
    # REQ: MI-4
    client = logged_in(caseworker)
    data = {
        "activity-kind": "wage_subsidy",
        "activity-start": "2026-07-13",
        "activity-end": "2026-10-09",
        "activity-hours_per_week": "20",
        "activity-provider_kind": "company",
        "activity-provider_name": "Netto Rønne",
        "activity-price_per_week": "2500",
    }
    body = client.post(f"/persons/{person.pk}/plan/activities/", data, **HX).content.decode()
    assert "2.500 kr." in body and "Pris pr. uge" in body
    added = client.post(
        f"/persons/{person.pk}/plan/supports/",
        {
            "support-kind": "bus_card",
            "support-starts_on": "2026-07-13",
            "support-price_per_month": "400",
        },
        **HX,
    )
    assert "400 kr. pr. måned" in added.content.decode()
    bad = client.post(
        f"/persons/{person.pk}/plan/activities/",
        {
            **data,
            "activity-start": "2026-11-01",
            "activity-end": "",
            "activity-price_per_week": "-5",
        },
    )
    assert bad.status_code == 422
    assert Activity.objects.filter(plan__person=person).count() == 1
    # the edit form opens with the price
    a = Activity.objects.get(plan__person=person)
    page = client.get(f"/programme/activities/{a.pk}/").content.decode()
    assert 'name="activity-price_per_week"' in page and 'value="2500"' in page
    # an activity without a price says so
    services.activity_add(
        actor=caseworker,
        person=person,
        **activity(start=date(2026, 11, 2), end=date(2026, 11, 30), hours_per_week=5),
    )
    assert "Ingen udgift" in client.get(f"/persons/{person.pk}/plan/").content.decode()
