"""Dates no case can have, refused in the browser on the field that has them, with the pages
still accessible (SEC-5); the arrival registered moves the case to reception (REC-6)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

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
