"""The administrator's security events in a real browser: a volunteer coordinator opens a page the
role lacks and a caseworker tries another municipality's citizen; the administrator finds both
through the menu, filters by the employee, and axe-core finds no serious or critical violation
(also at 320 px and in English) (SEC-1, SEC-3)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_reviews_refused_attempts(
    live_server, new_context, login, staff, person, other_household
):
    # REQ: SEC-3
    # REQ: SEC-1
    coordinator = new_context().new_page()
    login(coordinator, staff["volunteer_coordinator"])
    refused = coordinator.goto(f"{live_server.url}/housing/dwellings/")
    assert refused is not None and refused.status == 403
    probe = new_context().new_page()
    login(probe, staff["caseworker"])
    other = other_household.members.get()
    missing = probe.goto(f"{live_server.url}/persons/{other.pk}/")
    assert missing is not None and missing.status == 404

    page = new_context().new_page()
    audit = AxeAudit(page)
    login(page, staff["administrator"])
    follow_menu(page, "Sikkerhedshændelser")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sikkerhedshændelser")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Ingen adgang (403)")
    expect(table).to_contain_text("Ikke fundet (404)")
    expect(table).to_contain_text(f"/persons/{other.pk}/")
    expect(table).not_to_contain_text("Selam")
    audit.check("security events")

    page.get_by_label("Medarbejder").select_option(str(staff["volunteer_coordinator"].pk))
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_text("1 hændelse", exact=True)).to_be_visible()
    expect(table).not_to_contain_text("/persons/")
    audit.check("security events filtered by employee")

    page.get_by_label("Fra og med dato").fill("2030-01-02")
    page.get_by_label("Til og med dato").fill("2030-01-01")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("alert")).to_contain_text("Til-datoen skal være samme dag")
    audit.check("security events with a filter error")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Security events")
    audit.check("security events in English")
    audit.assert_clean()

    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    narrow_audit = AxeAudit(narrow)
    login(narrow, staff["administrator"])
    narrow.goto(f"{live_server.url}/audit/security/")
    expect(narrow.get_by_text("Menu", exact=True)).to_be_visible()  # the menu button
    width = narrow.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page is {width} px wide and scrolls sideways"
    narrow_audit.check("security events at 320 px")
    narrow_audit.assert_clean()
