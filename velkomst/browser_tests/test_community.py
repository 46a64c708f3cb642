"""Events in a real browser, as the volunteer coordinator: create a language café, find and
invite a family's members, record attendance; then the association's free membership refused
over six months, and the participation counts. axe-core finds no serious or critical violation
in any of these states (CIV-4, CIV-5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_volunteer_coordinator_creates_an_event_invites_and_records_attendance(
    live_server, page, login, staff, household
):
    # REQ: CIV-4
    from velkomst.community.models import Invitation
    from velkomst.core.models import Unit

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    coordinator = staff["volunteer_coordinator"]
    day = timezone.localdate() + timedelta(days=7)
    audit = AxeAudit(page)
    login(page, coordinator)
    expect(page.get_by_text("Kommende arrangementer")).to_be_visible()
    audit.check("start page")
    follow_menu(page, "Arrangementer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrangementer")
    audit.check("event list")

    page.get_by_role("link", name="Nyt arrangement").click()
    page.locator("#id_kind").select_option("language_cafe")
    page.locator("#id_title").fill("Sprogcafé på biblioteket")
    page.locator("#id_held_on").fill(day.isoformat())
    page.locator("#id_starts_at").fill("16:00")
    page.locator("#id_ends_at").fill("15:00")
    page.locator("#id_place").fill("Rønne Bibliotek")
    page.locator("#id_organiser").fill("Frivilligcenteret")
    page.locator("#id_capacity").fill("20")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    expect(page.locator("#id_ends_at_error")).to_contain_text("slutte efter det starter")
    audit.check("event form with errors")
    page.locator("#id_ends_at").fill("18:00")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Arrangementet er gemt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprogcafé på biblioteket")
    audit.check("event page")

    page.get_by_label("Find borgere (navn, CPR-nummer eller husstand)", exact=True).fill("Haddad")
    page.get_by_role("button", name="Søg").click()
    page.locator("#id_persons").select_option(label=["Amal Haddad (1988)", "Omar Haddad (1985)"])
    page.locator("#id_channel").select_option("sms")
    page.locator("#id_address").fill("20112233")
    page.get_by_role("button", name="Invitér").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("invitation with errors")
    page.locator("#id_address").fill("")
    page.locator("#id_channel").select_option("letter")
    page.get_by_role("button", name="Invitér").click()
    expect(page.get_by_text("2 er inviteret.")).to_be_visible()
    invitations = page.get_by_role("region", name="Invitationer")
    expect(invitations).to_contain_text("Amal Haddad")
    expect(invitations).to_contain_text("Invitation på arabisk")
    audit.check("event with invitations")

    page.get_by_label("Deltagelse for Amal Haddad", exact=True).select_option("attended")
    page.get_by_role("button", name="Gem for Amal").click()
    expect(page.get_by_text("Deltagelsen for Amal Haddad er gemt.")).to_be_visible()
    expect(page.get_by_text("2 inviteret, 1 deltog.")).to_be_visible()
    audit.check("event with attendance")
    assert Invitation.objects.get(person__first_name="Amal").attendance == "attended"

    page.get_by_role("link", name="Invitation på arabisk").first.click()
    expect(page.locator("article[lang=ar]")).to_contain_text("مقهى اللغة")
    audit.check("invitation in Arabic")


def test_a_free_membership_over_six_months_is_refused_on_the_page(
    live_server, page, login, staff, household
):
    # REQ: CIV-5
    from velkomst.community import services
    from velkomst.core.models import Unit
    from velkomst.engines.calendar import add_months

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    coordinator = staff["volunteer_coordinator"]
    services.association_create(actor=coordinator, name="Rønne Boldklub")
    today = timezone.localdate()
    audit = AxeAudit(page)
    login(page, coordinator)
    follow_menu(page, "Foreninger")
    page.get_by_role("link", name="Rønne Boldklub").click()
    audit.check("association page")
    page.get_by_label("Find borgere (navn, CPR-nummer eller husstand)", exact=True).fill("Amal")
    page.get_by_role("button", name="Søg").click()
    page.get_by_label("Person", exact=True).first.select_option(label="Amal Haddad (1988)")
    page.get_by_label("Fra", exact=True).fill(today.isoformat())
    page.get_by_label("Til", exact=True).fill(add_months(today, 7).isoformat())
    page.get_by_label("Frivilligt arbejde til gengæld", exact=True).fill("Træner for de yngste")
    page.get_by_role("button", name="Gem medlemskab").click()
    expect(page.locator("#id_ends_on_error")).to_contain_text("højst vare 6 måneder")
    audit.check("free membership refused")

    follow_menu(page, "Deltagelse i foreninger")
    expect(page.get_by_role("heading", level=1)).to_contain_text("kontinuitet og kønsbalance")
    audit.check("participation counts")
