"""The economy page (MI-4): the figures of a year against the results, compared with the year
before, taken from the indicator library; small counts hidden for the administrator (MI-6).

The hand-made data of the economy indicators' tests (``indicators/tests/test_economy.py``): costs
in May and June 2026. The page is read as of 30 June 2026 (this year up to that day) unless a test
says otherwise.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from velkomst.indicators.library import definition
from velkomst.indicators.tests.test_economy import _booking, data  # noqa: F401 (a fixture)
from velkomst.insight import economy
from velkomst.people.models import Household

pytestmark = pytest.mark.django_db

END_OF_JUNE = date(2026, 6, 30)


def test_the_costs_come_from_the_library_for_the_year_to_date(data, staff):  # noqa: F811
    # REQ: MI-4
    page = economy.economy(staff["manager"], today=END_OF_JUNE)
    assert (page.scope.start, page.scope.end) == (date(2026, 1, 1), END_OF_JUNE)
    assert (page.previous.start, page.previous.end) == (date(2025, 1, 1), date(2025, 6, 30))
    costs = {block.key: block for block in page.costs}
    # activities 1 January – 30 June 2026: Amal's Danish education 10 May – 14 June, 36 days at
    # 100 = 3600; Omar's wage subsidy 20–30 June, 11 days at 200 = 2200; Hiba's rehabilitation in
    # May, 31 days at 300 = 9300; Amal's bus card March–June, 4 × 400 = 1600; Omar's mentor
    # 16–30 June, 15/30 × 3000 = 1500: 18,200
    assert costs["cost_activities"].total.now.value == "18200.00"
    # interpreting: 630 + 325 + 150 (the July booking and the cancelled one do not count)
    assert costs["cost_interpreting"].total.now.value == "1105.00"
    # temporary housing: the Haddads 20 May – 9 June, 12/31 × 6000 + 9/30 × 6000 = 4122.58;
    # Hiba's household at a private host May and June, 2 × 3000 = 6000
    assert costs["cost_temporary_housing"].total.now.value == "10122.58"
    assert page.total_cost.now.value == "29427.58"
    # nothing was spent in the first half of 2025
    assert Decimal(str(page.total_cost.before.value)) == 0
    assert page.total_cost.change == "+29.428 kr."
    # the same numbers as the library's own (one definition, one place)
    scope = page.scope
    municipality = data["Amal"].municipality
    for key in ("cost_activities", "cost_interpreting", "cost_temporary_housing"):
        assert Decimal(str(costs[key].total.now.value)) == (
            definition(key).compute(municipality, scope).total.value
        )
    # groups are shown by their labels
    labels = [line.label for line in costs["cost_interpreting"].lines]
    assert labels == ["Fremmødetolkning", "Telefontolkning", "Videotolkning"]


def test_the_cost_per_result_is_the_total_over_the_results(data, staff):  # noqa: F811
    # REQ: MI-4
    from velkomst.indicators.tests.conftest import job

    for name, day in (("Amal", 3), ("Omar", 10), ("Hiba", 20)):
        job(data[name], date(2026, 6, day))
    page = economy.economy(staff["manager"], today=END_OF_JUNE)
    work = page.results[0]
    assert work.key == "work_or_education_started"
    assert work.total.now.value == "3"
    # 29,427.58 kr. over 3 persons into work = 9,809.19 kr., shown to the krone
    per_work = page.derived[0]
    assert per_work.now == "9.809 kr."
    # no exam was passed: no cost per exam (never a division by zero)
    assert page.derived[1].now == ""
    # the year before had no result either
    assert per_work.before == ""


def test_unpriced_records_are_counted_in_words(data, staff, logged_in):  # noqa: F811
    # REQ: MI-4
    page = economy.economy(staff["manager"], today=END_OF_JUNE)
    # Amal's internship has no price
    assert page.unpriced.total.now.value == "1"
    assert [line.label for line in page.unpriced.lines] == ["Aktiviteter"]


def test_a_small_group_and_its_complement_are_hidden_for_the_administrator(
    staff, household, logged_in, caseworker
):
    # REQ: MI-6, MI-4
    last_year = timezone.localdate().year - 1
    Household.objects.filter(pk=household.pk).update(arrival_date=date(last_year, 1, 10))
    for hour in range(9, 15):  # six bookings on site
        _booking(household, caseworker, "on_site", "held", datetime(last_year, 6, 2, hour), "500")
    _booking(household, caseworker, "video", "held", datetime(last_year, 6, 3, 9), "300")
    admin = economy.economy(staff["administrator"], year=last_year)
    interpreting = {b.key: b for b in admin.costs}["cost_interpreting"]
    by_label = {line.label: line for line in interpreting.lines}
    # the one video booking is a small count ("<5"); the on-site cost could be worked out from
    # the total and it, so it is hidden too ("–"); the total of seven is shown
    assert by_label["Videotolkning"].now_cell.text == "<5"
    assert by_label["Fremmødetolkning"].now_cell.text == "–"
    assert by_label["Fremmødetolkning"].now.reason == "complementary"
    assert interpreting.total.now.value == "3300.00"
    # the manager (inside the integration team) sees every number
    manager = economy.economy(staff["manager"], year=last_year)
    shown = {b.key: b for b in manager.costs}["cost_interpreting"]
    assert {line.label: line.now.value for line in shown.lines} == {
        "Fremmødetolkning": "3000.00",
        "Videotolkning": "300.00",
    }
    # and the page says so in words for the administrator
    body = logged_in(staff["administrator"]).get(f"/insight/economy/?year={last_year}")
    assert "færre end 5" in body.content.decode()
    assert "Skjult, så et lille tal ikke kan regnes ud af de andre tal" in body.content.decode()


@pytest.mark.parametrize("role", ["manager", "administrator"])
def test_the_page_opens_for_insight_roles_only(role, staff, logged_in):
    # REQ: MI-4
    assert logged_in(staff[role]).get("/insight/economy/").status_code == 200
    assert logged_in(staff["caseworker"]).get("/insight/economy/").status_code == 403
    # an odd year falls back to this year
    response = logged_in(staff[role]).get("/insight/economy/?year=abc")
    assert response.status_code == 200
    assert response.context["page"].year == timezone.localdate().year


def test_every_role_opens_both_pages_exactly_when_it_may_view_insight(staff, logged_in):
    # REQ: SEC-2, MI-4, MI-5
    from velkomst.core import access

    for role, user in staff.items():
        client = logged_in(user)
        expected = 200 if access.can(user, access.INSIGHT_VIEW) else 403
        for url in ("/insight/economy/", "/insight/places/"):
            assert client.get(url).status_code == expected, (role, url)


def test_a_group_missing_in_one_year_counts_as_nothing_spent(data, staff):  # noqa: F811
    # REQ: MI-4
    page = economy.economy(staff["manager"], today=END_OF_JUNE)
    interpreting = {b.key: b for b in page.costs}["cost_interpreting"]
    video = {line.label: line for line in interpreting.lines}["Videotolkning"]
    # 325 kr. by video in June 2026, no booking in 2025: 0 kr. then, the difference +325 kr.
    assert (video.now_cell.text, video.before_cell.text, video.change) == (
        "325 kr.",
        "0 kr.",
        "+325 kr.",
    )
