"""A caseworker's everyday flows in a real browser: log in, search, open a citizen, write a journal
note, move the case to the next phase, log out; the same note without JavaScript; a form error;
two people editing the same citizen at once."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import member

from .conftest import follow_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second_household(caseworker):
    from velkomst.people.services import household_create

    return household_create(
        acting_user=caseworker,
        name="Familien Tesfaye",
        visitation_date=date(2026, 4, 2),
        expected_arrival_date=date(2026, 6, 1),
        members=[member(first_name="Selam", last_name="Tesfaye", nationality="ER", languages=[])],
    )


def _mark_document(page):
    """Tag the current document; the tag survives htmx swaps and is lost on any page load."""
    page.evaluate("window.__velkomstNoReload = true")


def _still_same_document(page) -> bool:
    return page.evaluate("window.__velkomstNoReload === true")


def test_caseworker_logs_in_searches_writes_a_note_changes_phase_and_logs_out(
    live_server, page, login, caseworker, person, second_household
):
    # REQ: SEC-2 (the caseworker's own citizens), REC-6 (phase change with date and reason)
    login(page, caseworker)
    expect(page).to_have_url(f"{live_server.url}/")  # the start page
    follow_menu(page, "Mine borgere")
    expect(page).to_have_url(f"{live_server.url}/citizens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine borgere")
    results = page.locator("#results")
    expect(results).to_contain_text("Selam Tesfaye")
    expect(results).to_contain_text("Amal Haddad")

    # search as you type: htmx swaps #results in place, no page load
    _mark_document(page)
    page.locator("#id_q").press_sequentially("Omar", delay=40)
    expect(results).not_to_contain_text("Selam Tesfaye")
    expect(results).not_to_contain_text("Amal Haddad")
    expect(results).to_contain_text("Omar Haddad")
    expect(results).to_contain_text("1 borger")
    expect(page).to_have_url(re.compile(r"/citizens/\?.*q=Omar"))  # hx-push-url: shareable
    assert _still_same_document(page), "the search reloaded the page instead of swapping results"

    page.locator("#id_q").fill("")
    page.locator("#id_q").press_sequentially("Amal", delay=40)
    expect(results).not_to_contain_text("Omar Haddad")
    results.get_by_role("link", name="Amal Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amal Haddad")
    expect(page.locator("[data-testid=phase]")).to_have_text("Før ankomst")

    # journal note through the htmx partial: appears without reload, form is emptied
    _mark_document(page)
    notes = page.locator("#notes")
    notes.get_by_label("Nyt notat").fill("Formøde holdt med tolk; familien ønsker bolig nær skole.")
    notes.get_by_role("button", name="Tilføj notat").click()
    expect(page.locator("#notes .velkomst-note-text")).to_have_text(
        "Formøde holdt med tolk; familien ønsker bolig nær skole."
    )
    expect(page.locator("#notes").get_by_label("Nyt notat")).to_have_value("")
    assert _still_same_document(page), "adding a note reloaded the page instead of the partial"

    # phase change pre_arrival -> reception, with a reason
    page.get_by_role("link", name="Skift fase").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skift fase")
    page.get_by_label("Ny fase").select_option("reception")
    page.get_by_label("Gælder fra").fill("2026-07-01")
    page.get_by_label("Begrundelse").fill("Familien er ankommet til kommunen")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("Fasen er ændret")
    expect(page.locator("[data-testid=phase]")).to_have_text("Modtagelse")
    history = page.get_by_role("table", name="Fasehistorik")
    expect(history).to_contain_text("Familien er ankommet til kommunen")
    expect(history).to_contain_text("1. juli 2026")

    # log out: back on the login page, and the citizen list needs a login again
    page.get_by_role("button", name="Log af").click()
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_role("button", name="Log ind")).to_be_visible()
    page.goto(f"{live_server.url}/citizens/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/citizens/"))


def test_notes_work_without_javascript(live_server, new_context, login, caseworker, person):
    # every page works without JavaScript: the note form posts and the full page comes back
    page = new_context(java_script_enabled=False).new_page()
    login(page, caseworker)
    page.goto(f"{live_server.url}/persons/{person.pk}/")
    notes = page.locator("#notes")
    notes.get_by_label("Nyt notat").fill("Notat skrevet uden JavaScript.")
    notes.get_by_role("button", name="Tilføj notat").click()
    expect(page).to_have_url(re.compile(rf"/persons/{person.pk}/#notes$"))
    expect(page.get_by_role("status")).to_contain_text("Notatet er tilføjet")
    expect(page.locator("#notes .velkomst-note-text")).to_have_text(
        "Notat skrevet uden JavaScript."
    )

    # a blank note without JavaScript: the whole page again, with the field's error
    page.locator("#notes").get_by_label("Nyt notat").fill("   ")
    page.locator("#notes").get_by_role("button", name="Tilføj notat").click()
    expect(page.locator("#notes .form-error-message")).to_contain_text("Dette felt er påkrævet")


def test_invalid_cpr_shows_an_error_tied_to_the_field(live_server, page, login, caseworker, person):
    # REQ: SEC-5 (a form validates fully and writes nothing on bad input)
    login(page, caseworker)
    page.goto(f"{live_server.url}/persons/{person.pk}/edit/")
    cpr = page.get_by_label("CPR-nummer")
    cpr.fill("3213881234")  # 32nd day of a month: not a date
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    error = page.locator("#id_cpr_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("ikke en gyldig dato")
    cpr = page.get_by_label("CPR-nummer")  # the label still points at the input
    expect(cpr).to_have_value("3213881234")
    expect(cpr).to_have_attribute("aria-invalid", "true")
    described_by = (cpr.get_attribute("aria-describedby") or "").split()
    assert "id_cpr_error" in described_by, f"error not announced with the field: {described_by}"
    # the summary links to the field
    page.get_by_role("alert").get_by_role("link", name="CPR-nummer").click()
    expect(cpr).to_be_focused()
    person.refresh_from_db()
    assert person.cpr == ""


def test_concurrent_edits_do_not_overwrite_each_other(
    live_server, new_context, login, caseworker, staff, person
):
    # REQ: SEC-5 (concurrent edits never silently overwrite one another)
    first, second = new_context().new_page(), new_context().new_page()
    login(first, caseworker)
    login(second, caseworker)
    url = f"{live_server.url}/persons/{person.pk}/edit/"
    first.goto(url)
    second.goto(url)

    first.get_by_label("Fornavn").fill("Amala")
    first.get_by_role("button", name="Gem").click()
    expect(first.get_by_role("status")).to_contain_text("Personens oplysninger er gemt")
    expect(first.get_by_role("heading", level=1)).to_have_text("Amala Haddad")

    second.get_by_label("Efternavn").fill("Al-Haddad")
    second.get_by_role("button", name="Gem").click()
    expect(second.get_by_role("alert")).to_contain_text("En anden har gemt ændringer")
    # the form now shows the newest data, so the second person can redo their change
    expect(second.get_by_label("Fornavn")).to_have_value("Amala")
    expect(second.get_by_label("Efternavn")).to_have_value("Haddad")

    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Amala", "Haddad")
