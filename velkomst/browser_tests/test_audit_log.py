"""A citizen's audit log in a real browser, for an access request: the manager finds the citizen,
reads the log in plain Danish and in English (records by name, field labels, values as shown),
downloads it as CSV and PDF, and the page passes axe-core and reflows at 320 px (SEC-3)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.core.tests.test_audit_page import history  # noqa: F401 (the fixture)

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_reads_and_exports_a_citizens_log(
    live_server,
    new_context,
    login,
    staff,
    person,
    history,  # noqa: F811
):
    # REQ: SEC-3
    page = new_context().new_page()
    audit = AxeAudit(page)
    login(page, staff["manager"])
    page.goto(f"{live_server.url}/audit/")
    page.get_by_label("CPR-nummer eller navn").fill("Amaal")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name="Amaal Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log for Amaal Haddad")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Placeringsforslag: Lindealle 9")
    expect(table).to_contain_text("Nationalitet: Syrien → Ukraine")
    expect(table).to_contain_text("Mødetype: – → Velkomstmøde")
    expect(table).not_to_contain_text("housing.PlacementSuggestion")
    expect(table).not_to_contain_text("welcome_meeting")
    audit.check("a citizen's log")

    for kind, start in (("CSV", b"\xef\xbb\xbf"), ("PDF", b"%PDF")):
        with page.expect_download() as download:
            page.get_by_role("link", name=f"Hent som {kind} (til aktindsigt)").click()
        path = download.value.path()
        assert path is not None and open(path, "rb").read(4).startswith(start)

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log for Amaal Haddad")
    expect(table).to_contain_text("Nationality: Syria → Ukraine")
    expect(table).not_to_contain_text("Velkomstmøde")
    audit.check("a citizen's log in English")
    audit.assert_clean()

    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    narrow_audit = AxeAudit(narrow)
    login(narrow, staff["manager"])
    narrow.goto(f"{live_server.url}/audit/persons/{person.pk}/")
    expect(narrow.get_by_role("heading", level=1)).to_be_visible()
    width = narrow.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page is {width} px wide and scrolls sideways"
    narrow_audit.check("a citizen's log at 320 px")
    narrow_audit.assert_clean()
