"""Referrals between units in a real browser: the caseworker sends a referral from the
integration team (first to the own unit, refused naming the field), the job consultant finds it
on the start page and in the job centre's inbox and accepts it with an owner; the interface
descriptions and a concern about a child. axe-core finds no serious or critical violation in
any of these states (COO-1, COO-2, CIV-3)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_referral_sent_by_one_unit_is_accepted_by_another(
    live_server, page, login, staff, household
):
    # REQ: COO-1
    from velkomst.core.models import Unit
    from velkomst.referrals.models import Referral

    units = {u.kind: u for u in Unit.objects.filter(municipality=household.municipality)}
    household.units.add(units["integration"], units["jobcentre"])
    caseworker, consultant = staff["caseworker"], staff["job_consultant"]
    audit = AxeAudit(page)
    login(page, caseworker)
    amal = household.members.get(first_name="Amal")
    page.goto(f"{live_server.url}/persons/{amal.pk}/")
    page.get_by_role("link", name="Send henvisning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send henvisning: Amal Haddad")
    audit.check("referral form")
    page.get_by_label("Hvad drejer henvisningen sig om").select_option("employment")
    page.get_by_label("Til enhed").select_option(str(units["integration"].pk))
    page.get_by_label("Hvad bedes den anden enhed om").fill("Afklaring af jobmuligheder")
    page.get_by_role("button", name="Send henvisning").click()
    expect(
        page.get_by_text("En henvisning kan ikke sendes til din egen enhed").first
    ).to_be_visible()
    audit.check("referral to the own unit refused")
    page.get_by_label("Til enhed").select_option(str(units["jobcentre"].pk))
    page.get_by_role("button", name="Send henvisning").click()
    expect(page.get_by_text("Henvisningen er sendt til Jobcenter.")).to_be_visible()
    audit.check("referral sent")
    referral = Referral.objects.get()

    page.context.clear_cookies()
    login(page, consultant)
    expect(page.get_by_role("heading", name="Henvisninger til Jobcenter")).to_be_visible()
    audit.check("start page with the inbox panel")
    follow_menu(page, "Henvisninger")
    expect(page.get_by_role("heading", level=1)).to_have_text("Henvisninger: Jobcenter")
    expect(page.get_by_test_id("referral-box")).to_contain_text("Amal Haddad")
    audit.check("the job centre's inbox")
    page.get_by_role("link", name="Beskæftigelsesindsats").click()
    expect(page.get_by_role("heading", name="Modtag henvisningen")).to_be_visible()
    audit.check("the referral, new")
    page.get_by_role("button", name="Send retur").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("return without a reason")
    page.get_by_label("Ansvarlig i enheden").select_option(str(consultant.pk))
    page.get_by_role("button", name="Modtag").click()
    expect(page.get_by_text("Henvisningen er modtaget")).to_be_visible()
    expect(page.get_by_role("heading", name="Afslut henvisningen")).to_be_visible()
    audit.check("the referral, accepted")
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.owner == consultant
    assert not audit.found, audit.report()


def test_interface_descriptions_and_a_concern(live_server, page, login, staff):
    # REQ: COO-2
    audit = AxeAudit(page)
    login(page, staff["volunteer_coordinator"])
    follow_menu(page, "Snitfladebeskrivelser")
    expect(page.get_by_test_id("interfaces-task")).to_contain_text("Henvisning til danskuddannelse")
    audit.check("interface descriptions")
    # REQ: CIV-3
    follow_menu(page, "Bekymring for et barn")
    page.get_by_role("button", name="Send bekymringen").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("concern with errors")
    page.get_by_label("Hvem indberetter (navn)").fill("Hanne Frivillig")
    page.get_by_label("Indberetterens telefon eller e-mail").fill("22334455")
    page.get_by_label("Hvilket barn drejer det sig om").fill("Pige, 8 år, Storegade")
    page.get_by_label("Hvad er bekymringen").fill("Barnet virker bange for at gå hjem.")
    page.get_by_role("button", name="Send bekymringen").click()
    expect(page.get_by_text("Bekymringen er sendt til Børn og familie")).to_be_visible()
    audit.check("concern sent")
    assert not audit.found, audit.report()
