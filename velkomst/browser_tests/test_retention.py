"""Retention and erasure in a real browser (SEC-4): the administrator finds the page in the menu,
which says plainly that nothing is deleted; enters the journal plan's rules (a negative period
first, refused naming the field); requests a dry run, reviews it and approves it, and the run's
counts show what was done. axe-core finds no serious or critical violation in these states."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def closed_case(caseworker):
    """Amal's case, closed on 10 January 2020 (long past any retention period below)."""
    from conftest import member
    from velkomst.people.services import household_create, note_add
    from velkomst.retention.tests.conftest import close_case

    household = household_create(
        acting_user=caseworker,
        name="Familien Haddad",
        visitation_date=date(2019, 2, 15),
        expected_arrival_date=date(2019, 3, 1),
        members=[member()],
    )
    case = household.members.get().case
    note_add(case=case, acting_user=caseworker, text="Amal ringede om boligen.")
    close_case(case, caseworker, day=date(2020, 1, 10))
    return case


def test_the_administrator_enters_rules_and_approves_a_run(
    live_server, page, login, staff, closed_case
):
    # REQ: SEC-4
    from velkomst.people.models import JournalNote

    audit = AxeAudit(page)
    login(page, staff["administrator"])
    expect(page.get_by_role("heading", name="Opbevaring og sletning")).to_be_visible()
    follow_menu(page, "Opbevaring og sletning")
    expect(page.get_by_test_id("deletes-nothing")).to_contain_text("Intet slettes")
    audit.check("the rules page with the preset")

    page.get_by_role("link", name="Ny version af reglerne").click()
    page.get_by_label("Gælder fra").fill("2021-01-01")
    page.get_by_label("Journalnotat: opbevaringstid (måneder)").fill("-12")
    page.get_by_label("Journalnotat: derefter").select_option(label="Anonymiseres")
    page.get_by_role("button", name="Gem den nye version").click()
    expect(page.locator("#id_journal_note-months_error")).to_contain_text("kan ikke være negativ")
    audit.check("a negative period refused")
    page.get_by_label("Journalnotat: opbevaringstid (måneder)").fill("24")
    page.get_by_role("button", name="Gem den nye version").click()
    expect(page.get_by_text("Den nye version af reglerne er gemt.")).to_be_visible()
    expect(page.get_by_test_id("deletes-nothing")).to_have_count(0)

    page.get_by_role("link", name="Sletningskørsler").first.click()
    page.get_by_role("button", name="Bestil en prøvekørsel nu").click()
    expect(page.get_by_test_id("run-state")).to_have_text("Venter på godkendelse")
    expect(page.get_by_test_id("counts")).to_contain_text("Journalnotat")
    audit.check("a dry run to review")
    page.get_by_role("button", name="Godkend og udfør").click()
    expect(page.get_by_test_id("run-state")).to_have_text("Udført")
    audit.check("a finished run")
    assert JournalNote.objects.get(case=closed_case).text == "[anonymiseret]"
