"""Neighbour problems in a real browser: a housing association's caretaker reports through the
public link without logging in, and the housing officer takes the case, records the response
and closes it; axe-core finds no serious or critical violation on the public form (also with
errors), the receipt, the case list and the case page (HOU-8)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.neighbours.tests.conftest import channel, officer  # noqa: F401

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_landlord_reports_and_the_housing_officer_handles_it(
    live_server,
    new_context,
    login,
    officer,  # noqa: F811
    channel,  # noqa: F811
):
    # REQ: HOU-8
    landlord = new_context().new_page()
    audit = AxeAudit(landlord)
    landlord.goto(f"{live_server.url}/report/{channel.token}/")
    expect(landlord.get_by_role("heading", level=1)).to_have_text("Indberet et naboproblem")
    expect(landlord.get_by_text("BoBornholm")).to_be_visible()
    audit.check("public form")

    landlord.get_by_label("Dit navn").fill("Kirsten Vicevært")
    landlord.get_by_role("button", name="Send indberetning").click()
    expect(landlord.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("public form with errors")

    landlord.get_by_label("Telefon").fill("56 95 12 34")
    landlord.get_by_label("Boligens adresse").fill("Storegade 1, 3700 Rønne")
    landlord.get_by_label("Hvad er der sket?").fill("Høj musik om natten i opgangen.")
    landlord.get_by_label("Siden hvornår?").fill("2026-03-01")
    landlord.get_by_label("Haster det?").select_option("urgent")
    landlord.get_by_label("Jeg har læst, hvordan kommunen bruger indberetningen").check()
    landlord.get_by_role("button", name="Send indberetning").click()
    expect(landlord.get_by_role("heading", level=1)).to_have_text("Tak for din indberetning")
    receipt = landlord.get_by_role("status")
    expect(receipt).to_contain_text("Sagsnummer: ")
    expect(receipt).to_contain_text("svarer dig senest")
    number = receipt.inner_text().split("Sagsnummer: ")[1].split()[0]
    audit.check("receipt")
    audit.assert_clean()

    page = new_context().new_page()
    staff_audit = AxeAudit(page)
    login(page, officer)
    follow_menu(page, "Naboproblemer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Naboproblemer")
    expect(page.get_by_role("link", name=number)).to_be_visible()
    staff_audit.check("case list")

    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)
    expect(page.get_by_text("Høj musik om natten i opgangen.")).to_be_visible()
    staff_audit.check("case page, new")
    page.get_by_role("button", name="Tag sagen").click()
    expect(page.get_by_text("Den ansvarlige er gemt.")).to_be_visible()

    page.get_by_label("Hvad er gjort?").select_option("contacted_reporter")
    page.get_by_label("Beskrivelse").fill("Ringet til Kirsten; besøg hos familien i morgen.")
    page.get_by_role("button", name="Gem i forløbet").click()
    expect(page.get_by_text("Hændelsen er gemt.")).to_be_visible()
    expect(page.get_by_text("Ringet til Kirsten; besøg hos familien i morgen.")).to_be_visible()
    expect(page.get_by_text("svartid")).to_be_visible()
    staff_audit.check("case page with a response")

    page.get_by_role("link", name="Luk sagen").click()
    page.get_by_label("Hvordan er sagen afsluttet?").fill("Aftale om stilletid efter kl. 22.")
    page.get_by_role("button", name="Luk sagen").click()
    expect(page.get_by_text("Sagen er lukket.")).to_be_visible()
    expect(page.get_by_text("Aftale om stilletid efter kl. 22.").first).to_be_visible()
    staff_audit.check("closed case page")

    follow_menu(page, "Naboproblemer")
    expect(page.get_by_role("cell", name="Lukket")).to_be_visible()
    staff_audit.check("case list with a closed case")
    page.get_by_role("link", name="Indberetningskanaler").click()
    expect(page.get_by_text(f"/report/{channel.token}/")).to_be_visible()
    staff_audit.check("channels")
    staff_audit.assert_clean()
