"""A round table in a real browser (COO-3): the caseworker books it from the household's page
(an error first), adds an outside participant, an agenda item, a decision and a follow-up task
for the family consultant, who finds it on "Mine opgaver" and marks it done; axe-core finds no
serious or critical violation in any of these states."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_round_table_with_a_follow_up_task(live_server, page, login, staff, household):
    # REQ: COO-3
    from velkomst.core.models import Unit

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    caseworker, consultant = staff["caseworker"], staff["family_consultant"]
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.get_by_test_id("round-tables-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rundbordsmøder: Familien Haddad")
    audit.check("household's round tables")

    page.locator("#id_person").select_option(label="Amal Haddad")
    page.get_by_label("Formål").fill("Skolestart og netværk")
    page.get_by_label("Dato").fill((timezone.localdate() + timedelta(days=2)).isoformat())
    page.get_by_label("Starter kl.").fill("10:00")
    page.get_by_label("Slutter kl.").fill("09:00")
    page.get_by_label("Sted").fill("Rådhuset, mødelokale 2")
    page.get_by_test_id("create-round-table").click()
    expect(page.get_by_role("alert")).to_contain_text("Mødet skal slutte efter, det begynder.")
    audit.check("booking with an error")
    page.get_by_label("Slutter kl.").fill("11:30")
    page.get_by_test_id("create-round-table").click()
    expect(page.get_by_text("Rundbordsmødet er oprettet.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rundbordsmøde: Skolestart og netværk"
    )
    audit.check("round table page")

    page.get_by_text("Tilføj deltager").click()
    page.get_by_label("Navn (ekstern deltager)").fill("Hanne Skov")
    page.get_by_label("Organisation").fill("Vestre Skole")
    page.get_by_label("Rolle").fill("Klasselærer")
    page.get_by_test_id("submit-participant").click()
    expect(page.get_by_test_id("participants")).to_contain_text("Hanne Skov, Vestre Skole")

    page.get_by_text("Tilføj punkt til dagsordenen").click()
    page.get_by_label("Dagsordenspunkt").fill("Skolestart")
    page.get_by_test_id("submit-item").click()
    expect(page.get_by_test_id("agenda")).to_contain_text("Skolestart")

    page.get_by_text("Skriv en beslutning").click()
    page.get_by_label("Beslutning", exact=True).fill("Der bookes tolk til forældremødet")
    page.get_by_test_id("submit-decision").click()
    expect(page.get_by_test_id("agenda")).to_contain_text("Der bookes tolk til forældremødet")

    page.get_by_text("Ny opfølgningsopgave").click()
    page.get_by_label("Opgave", exact=True).fill("Book tolk til forældremødet")
    page.get_by_test_id("submit-followup").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("follow-up with errors")
    page.get_by_label("Ansvarlig").select_option(value=str(consultant.pk))
    page.get_by_label("Frist").fill((timezone.localdate() + timedelta(days=1)).isoformat())
    page.get_by_test_id("submit-followup").click()
    expect(page.get_by_test_id("followups")).to_contain_text("Book tolk til forældremødet")
    expect(page.get_by_test_id("followup-state")).to_have_text("Snart")
    audit.check("round table with a follow-up")

    # the family consultant finds it on their worklist and marks it done
    page.context.clear_cookies()
    login(page, consultant)
    follow_menu(page, "Mine opgaver")
    page.get_by_role("link", name="Rundbordsmøde: Book tolk til forældremødet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rundbordsmøde: Skolestart og netværk"
    )
    page.get_by_test_id("followup-done").click()
    expect(page.get_by_text("Opgaven er markeret som udført.")).to_be_visible()
    expect(page.get_by_test_id("followup-state")).to_have_text("Udført til tiden")
    audit.check("follow-up done")
