"""Companies and openings in a real browser, as the job consultant: an opening is created (a bad
number of hours first), a person proposed, the company's answer and the result recorded, and
the started internship is on the person's plan; axe-core finds no serious or critical violation
in any of these states (PRG-4, PRG-1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.companies.tests.conftest import area, company, consultant  # noqa: F401

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_opening_is_created_and_a_proposals_result_recorded(
    live_server,
    page,
    login,
    consultant,  # noqa: F811
    company,  # noqa: F811
    person,
):
    # REQ: PRG-4
    # REQ: PRG-1
    audit = AxeAudit(page)
    login(page, consultant)
    follow_menu(page, "Virksomheder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Virksomheder")
    audit.check("company list")
    page.get_by_role("link", name="Rønne Tømrer ApS").click()
    audit.check("company page")

    page.get_by_role("link", name="Nyt opslag").click()
    page.get_by_label("Type").select_option("internship")
    page.get_by_label("Titel").fill("Tømrerhjælper i praktik")
    page.get_by_label("Timer pr. uge").fill("40")
    page.get_by_label("Start", exact=True).fill("2026-09-01")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("new opening with errors")
    page.get_by_label("Timer pr. uge").fill("25")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Opslaget er gemt.")).to_be_visible()
    audit.check("opening page")

    page.get_by_role("link", name="Foreslå en person").click()
    page.get_by_label("Person").select_option(str(person.pk))
    page.get_by_label("Foreslået").fill("2026-08-01")
    audit.check("propose a person")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Forslaget er registreret.")).to_be_visible()
    audit.check("proposal page")

    page.locator("#id_answer-company_answer").select_option("accepted")
    page.get_by_label("Svar modtaget").fill("2026-08-05")
    page.get_by_role("button", name="Gem svar").click()
    expect(page.get_by_text("Virksomhedens svar er gemt.")).to_be_visible()
    page.locator("#id_result-result").select_option("started")
    page.get_by_label("Dato", exact=True).fill("2026-09-01")
    audit.check("proposal accepted")
    page.get_by_role("button", name="Gem resultat").click()
    expect(page.get_by_text("Resultatet er gemt.")).to_be_visible()
    expect(page.get_by_text("Aktivitet i integrationsplanen")).to_be_visible()
    audit.check("proposal started")
    audit.assert_clean()
