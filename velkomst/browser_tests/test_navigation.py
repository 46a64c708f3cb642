"""The main menu in a real browser: grouped dropdowns on a wide screen, one "Menu" button on a
narrow one, both working without JavaScript; breadcrumbs and tabs (docs/architecture.md, "Pages
and navigation")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_grouped_menu_on_a_wide_screen(live_server, page, login, caseworker, household):
    audit = AxeAudit(page)
    login(page, caseworker)
    menu = page.get_by_role("navigation", name="Hovedmenu")
    expect(menu.get_by_role("link", name="Forside")).to_be_visible()
    expect(menu.get_by_role("link", name="Enhedens arbejdsliste")).to_be_hidden()
    tasks = menu.locator("summary", has_text="Opgaver")
    tasks.click()
    expect(menu.get_by_role("link", name="Enhedens arbejdsliste")).to_be_visible()
    audit.check("main menu with the tasks group open")
    menu.locator("summary", has_text="Bolig").click()  # one group open at a time
    expect(menu.get_by_role("link", name="Boliger")).to_be_visible()
    expect(menu.get_by_role("link", name="Enhedens arbejdsliste")).to_be_hidden()
    page.keyboard.press("Escape")  # Escape closes it, focus back on its button
    expect(menu.get_by_role("link", name="Boliger")).to_be_hidden()
    expect(menu.locator("summary", has_text="Bolig")).to_be_focused()

    tasks.click()
    menu.get_by_role("link", name="Enhedens arbejdsliste").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Enhedens arbejdsliste")
    menu = page.get_by_role("navigation", name="Hovedmenu")
    menu.locator("summary", has_text="Opgaver").click()
    expect(menu.get_by_role("link", name="Enhedens arbejdsliste")).to_have_attribute(
        "aria-current", "page"
    )
    page.mouse.click(5, 700)  # a click outside closes it
    expect(menu.get_by_role("link", name="Enhedens arbejdsliste")).to_be_hidden()

    trail = page.get_by_role("navigation", name="Brødkrumme")
    page.goto(f"{live_server.url}/households/{household.pk}/appointments/")
    expect(trail.get_by_role("link")).to_have_text(["Forside", "Mine borgere", household.name])
    audit.check("household meetings with the breadcrumb trail")
    audit.assert_clean()


@pytest.mark.parametrize("width", [320, 1280])
def test_menu_works_without_javascript(live_server, new_context, login, staff, width):
    # REQ: SEC-2 (the volunteer coordinator's menu has no housing pages)
    page = new_context(viewport={"width": width, "height": 700}, java_script_enabled=False)
    page = page.new_page()  # (axe needs JavaScript: the walker checks these pages with it)
    login(page, staff["volunteer_coordinator"])
    if width == 320:
        page.get_by_text("Menu", exact=True).click()
    else:
        page.locator(".velkomst-menu-wide summary", has_text="Opgaver").click()
    menu = page.get_by_role("navigation", name="Hovedmenu")
    expect(menu.get_by_role("link", name="Mine opgaver")).to_be_visible()
    expect(menu.get_by_role("link", name="Boliger")).to_have_count(0)
    menu.get_by_role("link", name="Mine opgaver").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine opgaver")


def test_housing_section_tabs(live_server, page, login, staff):
    audit = AxeAudit(page)
    login(page, staff["housing_officer"])
    page.goto(f"{live_server.url}/housing/dwellings/")
    tabs = page.get_by_role("navigation", name="Boligregister")
    expect(tabs.get_by_role("link", name="Boliger", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    tabs.get_by_role("link", name="Placeringskørsler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Placeringskørsler")
    tabs = page.get_by_role("navigation", name="Boligregister")
    expect(tabs.get_by_role("link", name="Placeringskørsler")).to_have_attribute(
        "aria-current", "page"
    )
    audit.check("housing runs with the section's tabs")
    audit.assert_clean()
