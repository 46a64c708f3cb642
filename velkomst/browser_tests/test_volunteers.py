"""The resource bank in a real browser: a volunteer registers on the public form (an error
first), lands on their own page; the volunteer coordinator finds the registration among the
approvals and approves it; axe-core finds no serious or critical violation in any of these
states (CIV-1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_registers_publicly_and_is_approved(
    live_server, page, new_context, login, staff, municipality
):
    # REQ: CIV-1
    from django.test import Client

    from velkomst.volunteers.models import Volunteer

    url = f"/frivillig/{municipality.code}/"
    assert Client().get(url).status_code == 200  # builds the language names once (cold: seconds)
    audit = AxeAudit(page)
    page.goto(f"{live_server.url}{url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bliv frivillig")
    audit.check("public registration")

    page.get_by_label("Navn", exact=True).fill("Mette Hjælper")
    page.get_by_role("button", name="Send tilmelding").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    expect(page.get_by_role("alert")).to_contain_text("Det vil jeg gerne tilbyde")
    audit.check("public registration with errors")
    assert not Volunteer.objects.exists()

    page.get_by_label("Telefon").fill("20 30 40 50")
    page.get_by_label("Sprog, jeg taler").select_option(["da", "ar"])
    page.get_by_label("Lektiehjælp").check()
    page.get_by_label("Børn", exact=True).check()
    page.get_by_label("Onsdag").check()
    page.get_by_label("Jeg har læst, hvordan kommunen bruger mine oplysninger").check()
    page.get_by_role("button", name="Send tilmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dine oplysninger som frivillig")
    expect(page.get_by_text("Tak for din tilmelding")).to_be_visible()
    expect(page.get_by_test_id("own-status")).to_have_text("Afventer godkendelse")
    audit.check("own entry after registering")
    volunteer = Volunteer.objects.get()
    assert volunteer.status == "pending" and volunteer.offers.get().kind == "homework_help"

    staff_page = new_context().new_page()
    staff_audit = AxeAudit(staff_page)
    login(staff_page, staff["volunteer_coordinator"])
    follow_menu(staff_page, "Frivillige til godkendelse")
    table = staff_page.get_by_test_id("approvals")
    expect(table).to_contain_text("Mette Hjælper")
    expect(table).to_contain_text("Lektiehjælp")
    staff_audit.check("approvals")
    table.get_by_role("link", name="Mette Hjælper").click()
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Mette Hjælper")
    expect(staff_page.get_by_test_id("child-eligibility")).to_contain_text("ikke godkendt")
    staff_audit.check("volunteer page, pending")
    staff_page.get_by_label("Godkendt").check()
    staff_page.get_by_role("button", name="Gem afgørelse").click()
    expect(staff_page.get_by_text("Afgørelsen er gemt.")).to_be_visible()
    expect(staff_page.get_by_test_id("status")).to_have_text("Godkendt")
    expect(staff_page.get_by_test_id("child-eligibility")).to_contain_text("ingen børneattest")
    staff_audit.check("volunteer page, approved")
    follow_menu(staff_page, "Ressourcebank")
    expect(staff_page.get_by_test_id("bank")).to_contain_text("Mette Hjælper")
    staff_audit.check("resource bank")

    page.reload()
    expect(page.get_by_test_id("own-status")).to_have_text("Godkendt")
    volunteer.refresh_from_db()
    assert volunteer.status == "approved"
