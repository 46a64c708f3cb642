"""Competences in a real browser, as the caseworker: from the person page to the competences
page, work experience added in place (htmx), a bad number of years shown at its field, the CV
downloaded as PDF; without the occupation code list, work and a trade of interest recorded in
words and the page reflowing at 320 px; axe-core finds no serious or critical violation in any
state (PRG-3). The family consultant's family plan page with a measure added (CHI-1)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.competences.tests.conftest import FIXTURE_CODES

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def occupation_codes(settings):
    from velkomst.competences import occupations

    settings.OCCUPATIONS_DIR = FIXTURE_CODES
    occupations.clear_cache()
    yield
    occupations.clear_cache()


def test_work_experience_is_added_and_the_cv_downloaded(
    live_server, page, login, caseworker, person, occupation_codes
):
    # REQ: PRG-3
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/persons/{person.pk}/")
    page.get_by_role("link", name="Kompetencer og CV").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kompetencer: Amal Haddad")
    audit.check("empty competences page")

    work = page.locator("#work")
    work.get_by_text("Tilføj erhvervserfaring").click()
    work.get_by_label("Fag (DISCO-08)").select_option("7115")
    work.get_by_label("Land").select_option("SY")
    work.get_by_label("Antal år").fill("60")
    work.get_by_role("button", name="Tilføj").click()
    expect(page.locator("#work")).to_contain_text("alder minus")
    audit.check("work experience with an error")

    work = page.locator("#work")
    work.get_by_label("Antal år").fill("4,5")
    work.get_by_label("Arbejdsgiver").fill("Al-Bina Byg")
    work.get_by_role("button", name="Tilføj").click()
    table = page.locator("#work table")
    expect(table).to_contain_text("Tømrere og snedkere")
    expect(table).to_contain_text("Al-Bina Byg")
    expect(table).to_contain_text("4,5")
    audit.check("work experience added")

    href = page.get_by_role("link", name="Hent CV (PDF)").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    from velkomst.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="export", person_id=person.pk).exists()

    page.locator("#work").get_by_role("button", name="Fjern").click()
    expect(page.locator("#work")).to_contain_text("Ingen erhvervserfaring registreret.")
    audit.assert_clean()


@pytest.fixture
def no_code_list(settings, tmp_path):
    from velkomst.competences import occupations

    settings.OCCUPATIONS_DIR = tmp_path
    occupations.clear_cache()
    yield
    occupations.clear_cache()


def test_work_and_trade_recorded_in_words_without_the_code_list(
    live_server, page, new_context, login, caseworker, person, no_code_list
):
    # REQ: PRG-3
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/persons/{person.pk}/competences/")
    expect(page.get_by_test_id("codes-note")).to_contain_text("registreres i ord")
    audit.check("competences page without the code list")

    work = page.locator("#work")
    work.get_by_text("Tilføj erhvervserfaring").click()
    expect(work.get_by_label("Fag (DISCO-08)")).to_have_count(0)
    work.get_by_label("Stillingsbetegnelse").fill("Skrædder")
    work.get_by_label("Arbejdsgiver").fill("Eget værksted i Aleppo")
    work.get_by_label("Land").select_option("SY")
    work.get_by_label("Antal år").fill("8")
    work.get_by_role("button", name="Tilføj").click()
    table = page.locator("#work table")
    expect(table).to_contain_text("Skrædder")
    expect(table).to_contain_text("ikke kodet")
    expect(table).to_contain_text("Eget værksted i Aleppo")
    audit.check("work experience in words")

    trade = page.locator("#trade")
    trade.get_by_text("Tilføj ønsket fag").click()
    expect(trade.get_by_label("Ønsket fag (DISCO-08)")).to_have_count(0)
    trade.get_by_role("button", name="Tilføj").click()
    expect(page.locator("#trade")).to_contain_text("Skriv det ønskede fag i ord.")
    audit.check("trade of interest without words")
    page.locator("#trade").get_by_label("Fag eller job i ord").fill("Buschauffør")
    page.locator("#trade").get_by_role("button", name="Tilføj").click()
    expect(page.locator("#trade ol")).to_contain_text("Buschauffør (ikke kodet)")
    audit.check("trade of interest in words")
    audit.assert_clean()

    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    narrow_audit = AxeAudit(narrow)
    login(narrow, caseworker)
    narrow.goto(f"{live_server.url}/persons/{person.pk}/competences/")
    expect(narrow.get_by_role("heading", level=1)).to_be_visible()
    narrow.locator("#trade").get_by_text("Tilføj ønsket fag").click()
    width = narrow.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the page is {width} px wide and scrolls sideways"
    narrow_audit.check("competences page in words at 320 px")
    narrow_audit.assert_clean()


def test_family_plan_measure_is_added(live_server, page, login, staff, caseworker):
    # REQ: CHI-1
    from velkomst.families.tests.conftest import register_family

    family = register_family(caseworker)
    consultant = staff["family_consultant"]
    audit = AxeAudit(page)
    login(page, consultant)
    page.goto(f"{live_server.url}/households/{family.pk}/family-plan/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan for børn og familie")
    audit.check("family plan")
    page.get_by_text("Tilføj indsats").click()
    page.get_by_label("For").select_option(label="Lina Haddad")
    page.get_by_label("Indsats", exact=True).fill("Lektiecafé to gange om ugen")
    page.get_by_label("Ansvarlig").fill("Skolen")
    page.get_by_label("Fra", exact=True).fill("2026-09-01")
    page.get_by_role("button", name="Tilføj").click()
    expect(page.locator("#measures")).to_contain_text("Lektiecafé to gange om ugen")
    audit.check("family plan with a measure")
    href = page.get_by_role("link", name="Hent som PDF").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    audit.assert_clean()
