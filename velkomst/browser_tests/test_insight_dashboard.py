"""The manager's dashboard in a real browser (MI-2): found in the menu, a period chosen without
JavaScript, an indicator's charts, the persons behind a figure and the deadlines page; axe-core
finds no serious or critical violation, also at 320 CSS px."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(arrive, municipality):
    from conftest import member
    from velkomst.insight.tests.test_evaluation import make_strategy
    from velkomst.outcomes.models import Employment

    today = timezone.localdate()
    household = arrive(
        today - timedelta(days=400),
        [
            member(birth_date=date(1988, 3, 14)),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
        ],
    )
    Employment.objects.create(
        municipality=municipality,
        person=household.members.get(first_name="Amal"),
        employer_name="Danish Crown",
        start_date=today - timedelta(days=10),
        hours_per_week=37,
    )
    make_strategy(municipality)
    return household


@pytest.fixture
def arrive(caseworker):
    from velkomst.people.models import Household
    from velkomst.people.services import household_create

    def make(arrival, members):
        household = household_create(
            acting_user=caseworker,
            name="Familien Haddad",
            visitation_date=arrival,
            expected_arrival_date=arrival,
            members=members,
        )
        Household.objects.filter(pk=household.pk).update(arrival_date=arrival)
        return household

    return make


def test_the_manager_reads_the_dashboard_and_drills_down(live_server, page, login, staff, data):
    # REQ: MI-2
    audit = AxeAudit(page)
    login(page, staff["manager"])
    follow_menu(page, "Overblik")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overblik: strategiens indikatorer")
    row = page.locator('[data-testid="indicator-row"][data-key="employment_rate"]')
    expect(row.get_by_test_id("value")).to_contain_text("50 %")
    expect(row.get_by_test_id("track")).to_have_text("✓ Når målet")
    expect(page.locator('[data-key="no_such_key_yet"]')).to_contain_text("Ingen datakilde endnu")
    audit.check("dashboard")

    page.get_by_label("Sidste hele år").check()
    page.get_by_role("button", name="Vis perioden").click()
    last_year = str(timezone.localdate().year - 1)
    expect(page.get_by_test_id("period-label")).to_contain_text(last_year)
    audit.check("dashboard, last year")

    page.get_by_label("I år til dato").check()
    page.get_by_role("button", name="Vis perioden").click()
    row.get_by_role("link", name="I job", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Andel i ustøttet lønbeskæftigelse")
    expect(page.locator("svg[role=img]")).to_have_count(5)
    audit.check("indicator page")

    page.get_by_test_id("drill-link").click()
    expect(page.get_by_test_id("drill-person")).to_have_count(2)
    audit.check("drill-down")
    page.get_by_role("link", name="Amal Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amal")

    follow_menu(page, "Frister overholdt")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Frister overholdt pr. enhed og servicestandard"
    )
    audit.check("deadlines")
    audit.assert_clean()


def test_the_dashboard_at_320_px_for_the_administrator(
    live_server, new_context, login, staff, data
):
    # REQ: MI-2, MI-6
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, staff["administrator"])
    page.goto(f"{live_server.url}/insight/")
    row = page.locator('[data-testid="indicator-row"][data-key="employment_rate"]')
    expect(row.get_by_test_id("value")).to_contain_text("<5")
    expect(page.get_by_test_id("suppression-note")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    audit.check("dashboard at 320 px, suppressed")
    audit.assert_clean()
