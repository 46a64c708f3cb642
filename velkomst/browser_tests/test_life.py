"""Dates no case can have, refused in the browser on the field that has them, with the pages
still accessible (SEC-5); the arrival registered moves the case to reception (REC-6)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import member

from .test_accessibility import AxeAudit
from .test_reception import _register, _task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_impossible_dates_are_refused_on_their_fields(live_server, page, login, caseworker):
    # REQ: SEC-5, REC-6
    household = _register(caseworker, arrived_days_ago=3)
    establishment = _task(household, "establishment")
    audit = AxeAudit(page)
    login(page, caseworker)

    # a task done on 1 January 1800: the form page names the field and keeps the task open
    page.goto(f"{live_server.url}/tasks/{establishment.pk}/done/")
    page.get_by_label("Udført dato").fill("1800-01-01")
    page.get_by_role("button", name="Udført", exact=True).click()
    expect(page.locator("#id_done_on_error")).to_contain_text("Datoen kan ikke ligge før 1900.")
    audit.check("task done on an impossible day")
    establishment.refresh_from_db()
    assert establishment.is_open

    # an arrival before the visitation: the household form names the arrival date
    page.goto(f"{live_server.url}/households/{household.pk}/edit/")
    visitation = household.reception_plan.visitation_date
    page.get_by_label("Ankomstdato").fill((visitation - timedelta(days=1)).isoformat())
    page.get_by_role("button", name=re.compile("^Gem")).click()
    expect(page.locator("#id_arrival_date_error")).to_contain_text(
        "Ankomsten kan ikke ligge før visitationen."
    )
    audit.check("household with an arrival before the visitation")
    household.refresh_from_db()
    assert household.arrival_date == timezone.localdate() - timedelta(days=3)
    audit.assert_clean()


def test_the_plan_shows_deadlines_counted_from_the_18th_birthday(
    live_server, page, login, caseworker
):
    # REQ: REC-2, REC-6
    from velkomst.reception.services import household_register

    arrival = timezone.localdate() - timedelta(days=3)
    turns_18 = arrival + timedelta(weeks=5)
    household = household_register(
        acting_user=caseworker,
        name="Familien Saleh",
        visitation_date=arrival - timedelta(days=30),
        arrival_date=arrival,
        members=[
            member(first_name="Huda", last_name="Saleh"),
            member(
                first_name="Karim",
                last_name="Saleh",
                birth_date=turns_18.replace(year=turns_18.year - 18),
                sex="M",
                relation="child",
            ),
        ],
    )
    internship = household.reception_plan.tasks.get(
        person__first_name="Karim", category="internship_offer"
    )
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    expect(page.locator(f"#task-{internship.pk}")).to_contain_text("regnet fra 18-årsdagen")
    audit.check("plan with a member turning 18")
    audit.assert_clean()
