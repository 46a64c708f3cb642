"""Every role's start page in a real browser: logging in lands on it, its figures are links to
their lists, axe-core finds no serious or critical violation, in Danish and English, and at
320 px the page does not scroll sideways (WCAG 1.4.10) (SEC-2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.home.tests.test_start_pages import housing_world, world  # noqa: F401 (fixtures)

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [
    "caseworker",
    "job_consultant",
    "housing_officer",
    "family_consultant",
    "health_coordinator",
    "volunteer_coordinator",
    "interpreter_coordinator",
    "manager",
    "administrator",
]


def test_every_roles_start_page_is_accessible_and_reflows(
    live_server,
    new_context,
    login,
    staff,
    housing_world,  # noqa: F811
):
    # REQ: SEC-2
    for role in ROLES:
        page = new_context().new_page()
        audit = AxeAudit(page)
        login(page, staff[role])
        assert page.url == f"{live_server.url}/"
        expect(page.get_by_role("heading", level=1)).to_have_text("Forside")
        audit.check(f"{role}'s start page")
        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Home")
        audit.check(f"{role}'s start page in English")
        audit.assert_clean()

        narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
        narrow_audit = AxeAudit(narrow)
        login(narrow, staff[role])
        width = narrow.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{role}'s start page is {width} px wide and scrolls sideways"
        narrow_audit.check(f"{role}'s start page at 320 px")
        narrow_audit.assert_clean()


def test_a_caseworker_follows_a_figure_to_its_list(live_server, page, login, staff, world):  # noqa: F811
    # REQ: REC-4
    login(page, staff["caseworker"])
    page.get_by_role("link", name="Møder resten af i dag").click()
    expect(page.get_by_role("heading", level=2, name="Mine møder resten af i dag")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Familien Haddad")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Borgere, der ankommer inden for 14 dage").click()
    expect(page.get_by_label("Ankommer inden for (dage)")).to_have_value("14")
    expect(page.get_by_role("table")).to_contain_text("Karimi")
    expect(page.get_by_role("table")).not_to_contain_text("Sayed")
