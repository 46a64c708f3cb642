"""The move-in visits' checklist in a real browser (HOU-7): the housing officer ticks the first
visit's items one by one (htmx row swap, and without JavaScript), sees the housing association's
note and how many items are ticked, ticks the visit off with items left, and the note stays. axe
finds nothing serious on each state; the plan reflows at 320 px. The public neighbour-report form
carries its autocomplete purposes in the browser too (HOU-8)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from .test_accessibility import AxeAudit
from .test_reception import DONE, _mark_document, _register, _row, _still_same_document, _task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Med BoBornholm, Storegade 1, 3700 Rønne"


def _moved_in(household, officer):
    from velkomst.reception.services import move_in_visits_follow

    move_in_visits_follow(
        household=household,
        move_in=date.today(),
        landlord="BoBornholm",
        address="Storegade 1, 3700 Rønne",
        acting_user=officer,
    )


def _item(row, text: str):
    return row.locator("li", has_text=text)


def _button(action: str, item: str) -> re.Pattern[str]:
    """A tick or untick button's accessible name: the action, then (for screen readers) the
    item."""
    return re.compile(rf"^{re.escape(action)}\W+{re.escape(item)}$")


def test_the_housing_officer_ticks_the_move_in_checklist(
    live_server, page, login, caseworker, staff
):
    # REQ: HOU-7 (the visit shows its items, the association's note and how many are ticked;
    # each item is ticked with initials and time; the note stays when the visit is done)
    officer = staff["housing_officer"]
    household = _register(caseworker, arrived_days_ago=3)
    _moved_in(household, officer)
    first_visit = _task(household, "move_in_inspection")
    audit = AxeAudit(page)
    login(page, officer)
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    row = _row(page, first_visit)
    expect(row).to_contain_text(NOTE)
    expect(row).to_contain_text("0 af 7 punkter krydset af")
    expect(row.get_by_role("list", name="0 af 7 punkter krydset af")).to_be_visible()
    audit.check("plan with the move-in checklist")

    _mark_document(page)
    for text in ("Køkkenets funktioner forklaret", "Bybussen forklaret"):
        row.get_by_role("button", name=_button("Kryds af", text)).click()
        expect(_item(row, text).locator("abbr")).to_have_text(officer.initials)
        expect(
            _item(row, text).get_by_role("button", name=_button("Fjern krydset", text))
        ).to_be_visible()
    expect(row).to_contain_text("2 af 7 punkter krydset af")
    assert _still_same_document(page), "ticking an item reloaded the page instead of the row"
    audit.check("plan after ticking two items with htmx")

    # untick one again
    row.get_by_role("button", name=_button("Fjern krydset", "Bybussen forklaret")).click()
    expect(row).to_contain_text("1 af 7 punkter krydset af")
    expect(
        row.get_by_role("button", name=_button("Kryds af", "Bybussen forklaret"))
    ).to_be_visible()

    # the visit can be ticked off with items left; the note and the count stay
    row.get_by_role("button", name=DONE).click()
    expect(row.get_by_role("link", name=re.compile(r"^Genåbn"))).to_be_visible()
    expect(row).to_contain_text(NOTE)
    expect(row).to_contain_text("1 af 7 punkter krydset af")
    expect(row.get_by_role("button", name=re.compile(r"^Kryds af"))).to_have_count(0)
    page.reload()
    expect(_row(page, first_visit)).to_contain_text(NOTE)
    expect(_item(_row(page, first_visit), "Køkkenets funktioner forklaret")).to_contain_text(
        officer.initials
    )
    audit.check("plan after the visit was ticked off")
    audit.assert_clean()


def test_ticking_an_item_works_without_javascript(
    live_server, new_context, login, caseworker, staff
):
    # REQ: HOU-7 (every page works without JavaScript: the button posts, the plan returns)
    officer = staff["housing_officer"]
    household = _register(caseworker, arrived_days_ago=3)
    second_visit = _task(household, "second_housing_visit")
    page = new_context(java_script_enabled=False).new_page()
    login(page, officer)
    plan_url = f"{live_server.url}/households/{household.pk}/plan/"
    page.goto(plan_url)
    row = _row(page, second_visit)
    row.get_by_role("button", name=_button("Kryds af", "Hilst på naboerne")).click()
    expect(page).to_have_url(f"{plan_url}#task-{second_visit.pk}")
    expect(page.get_by_role("status")).to_contain_text("Punktet er krydset af: Hilst på naboerne")
    expect(_item(_row(page, second_visit), "Hilst på naboerne").locator("abbr")).to_have_text(
        officer.initials
    )
    expect(_row(page, second_visit)).to_contain_text("1 af 3 punkter krydset af")


def test_the_plan_with_checklists_reflows_at_320_px(
    live_server, new_context, login, caseworker, staff
):
    # REQ: HOU-7 (WCAG 1.4.10: the wide checklist scrolls in its own region, not the page)
    officer = staff["housing_officer"]
    household = _register(caseworker, arrived_days_ago=3)
    _moved_in(household, officer)
    first_visit = _task(household, "move_in_inspection")
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, officer)
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    _row(page, first_visit).get_by_role("button", name=_button("Kryds af", "Området vist")).click()
    expect(_row(page, first_visit)).to_contain_text("1 af 7 punkter krydset af")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the plan is {width} px wide and scrolls sideways"
    audit.check("plan at 320 px after ticking an item")
    audit.assert_clean()


def test_the_checklist_reads_in_english(live_server, page, login, caseworker, staff):
    # REQ: HOU-7 (the preset items in the reader's language)
    household = _register(caseworker, arrived_days_ago=3)
    first_visit = _task(household, "move_in_inspection")
    audit = AxeAudit(page)
    login(page, staff["housing_officer"])
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/households/{household.pk}/plan/")
    row = _row(page, first_visit)
    expect(row).to_contain_text("0 of 7 items ticked")
    row.get_by_role("button", name=_button("Tick", "How the kitchen works explained")).click()
    expect(row).to_contain_text("1 of 7 items ticked")
    audit.check("plan in English after ticking an item")
    page.get_by_role("button", name="Dansk").click()
    audit.assert_clean()


def test_the_public_report_form_offers_autofill_of_the_reporters_details(live_server, page, staff):
    # REQ: HOU-8 (WCAG 1.3.5: the reporter's name, phone and e-mail carry their purpose)
    from velkomst.neighbours.services import channel_create

    channel = channel_create(
        acting_user=staff["housing_officer"], name="BoBornholm", kind="housing_association"
    )
    audit = AxeAudit(page)
    page.goto(f"{live_server.url}/report/{channel.token}/")
    expect(page.get_by_label("Dit navn")).to_have_attribute("autocomplete", "name")
    expect(page.get_by_label("Telefon")).to_have_attribute("autocomplete", "tel")
    expect(page.get_by_label("E-mail")).to_have_attribute("autocomplete", "email")
    expect(page.get_by_label("Boligens adresse")).to_have_attribute("autocomplete", "off")
    audit.check("public report form")
    audit.assert_clean()
