"""Health in a real browser, as the health coordinator: the list of offers and referrals, the
person's health page, recording an assessment with an error first, and the barriers as the
caseworker sees them (a health barrier masked); axe-core finds no serious or critical violation
in any of these states (HEA-1, PRG-6)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_health_coordinator_records_an_assessment(live_server, page, login, staff, household):
    # REQ: HEA-1
    from velkomst.core.models import Unit
    from velkomst.health import services

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    amal = household.members.get(first_name="Amal")
    coordinator = staff["health_coordinator"]
    services.offer_create(actor=coordinator, person=amal, offered_on=date(2026, 8, 1))
    services.referral_create(
        actor=coordinator, person=amal, kind="ptsd", referred_on=date(2026, 8, 2), status="waiting"
    )
    audit = AxeAudit(page)
    login(page, coordinator)
    follow_menu(page, "Sundhed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sundhed")
    expect(page.get_by_role("region", name="Tilbud der ikke er besvaret")).to_contain_text(
        "Amal Haddad"
    )
    expect(page.get_by_role("region", name="Henvisninger")).to_contain_text("PTSD-støtte")
    audit.check("health overview")

    page.get_by_role("region", name="Tilbud der ikke er besvaret").get_by_role(
        "link", name="Amal Haddad"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Helbred: Amal Haddad")
    audit.check("health page")

    page.get_by_role("link", name="Registrér helbredsvurdering").click()
    page.get_by_label("Arbejdsevne").select_option("reduced")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("assessment with errors")
    page.get_by_label("Læge").fill("Dr. Jensen")
    page.get_by_label("Konklusion").fill("Behov for traumebehandling før praktik")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Helbredsvurderingen er gemt.")).to_be_visible()
    expect(page.get_by_text("Nedsat arbejdsevne, behov for rehabilitering")).to_be_visible()
    audit.check("health page with the assessment")

    page.get_by_role("link", name="Del resultatet med en enhed").click()
    page.get_by_label("Del med enheden").select_option(label="Jobcenter")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("har ikke et gældende samtykke")
    audit.check("share refused")


def test_the_caseworker_sees_a_health_barrier_masked(live_server, page, login, staff, household):
    # REQ: PRG-6
    from velkomst.core.models import Unit
    from velkomst.health import services

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    amal = household.members.get(first_name="Amal")
    services.barrier_create(
        actor=staff["health_coordinator"],
        person=amal,
        kind="trauma",
        description="Mareridt efter flugten",
        measure="Samtaleforløb hos psykolog",
        responsible=staff["caseworker"],
        follow_up_on=date(2026, 1, 5),
    )
    audit = AxeAudit(page)
    login(page, staff["caseworker"])
    page.goto(f"{live_server.url}/persons/{amal.pk}/barriers/")
    table = page.get_by_role("region", name="Barrierer")
    expect(table).to_contain_text("Der er en helbredsmæssig barriere")
    expect(table).to_contain_text("Samtaleforløb hos psykolog")
    expect(table).not_to_contain_text("Mareridt")
    audit.check("barriers, masked")
    page.get_by_role("link", name="Ny barriere").click()
    page.get_by_label("Barriere").select_option(label="Transport")
    page.get_by_label("Indsats").fill("Buskort til kurset")
    page.get_by_label("Opfølgning").fill("2026-10-01")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Barrieren er gemt.")).to_be_visible()
    expect(page.get_by_role("region", name="Barrierer")).to_contain_text("Buskort til kurset")
    audit.check("barriers with a new one")
