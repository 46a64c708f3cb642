"""Danish education in a real browser, as the caseworker: a language centre, a person referred
from their page, a module recorded in place with htmx (a refused date first) and the month's
attendance; axe-core finds no serious or critical violation in any of these states (PRG-2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_is_referred_and_a_module_recorded(live_server, page, login, caseworker, person):
    # REQ: PRG-2
    audit = AxeAudit(page)
    login(page, caseworker)
    follow_menu(page, "Sprogcentre")
    audit.check("centre register, empty")
    page.get_by_role("link", name="Nyt sprogcenter").click()
    page.get_by_label("Navn").fill("Sprogcenter Bornholm")
    page.get_by_label("E-mail").fill("kursist@sprogcenter.example")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Sprogcentret er gemt.")).to_be_visible()
    audit.check("centre register")

    page.goto(f"{live_server.url}/persons/{person.pk}/")
    page.get_by_role("link", name="Se personens danskuddannelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Danskuddannelse: {person.full_name}"
    )
    audit.check("Danish page, not referred")
    page.get_by_role("link", name="Henvis til danskuddannelse").click()
    page.get_by_label("Sprogcenter").select_option(label="Sprogcenter Bornholm")
    page.get_by_label("Spor").select_option("DU2")
    page.get_by_label("Henvist").fill("2026-07-20")
    page.get_by_label("Planlagt start").fill("2026-07-01")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#id_start_on_error")).to_contain_text(
        "Planlagt start kan ikke ligge før henvisningen."
    )
    audit.check("referral with errors")
    page.get_by_label("Planlagt start").fill("2026-08-10")
    page.get_by_label("Faktisk start").fill("2026-08-10")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Henvisningen er gemt.")).to_be_visible()
    expect(page.get_by_role("heading", level=3)).to_have_text(
        "Danskuddannelse 2, Sprogcenter Bornholm"
    )
    audit.check("Danish page, referred")

    page.get_by_text("Registrér modul").click()
    page.get_by_label("Modul", exact=True).select_option("1")
    page.get_by_label("Modul startet").fill("2026-08-01")
    page.get_by_role("button", name="Gem modul").click()
    expect(page.locator(".form-error-message")).to_contain_text(
        "Modulet kan ikke starte før undervisningen"
    )
    audit.check("module with errors (htmx)")
    page.get_by_label("Modul startet").fill("2026-08-10")
    page.get_by_label("Modultest bestået").fill("2026-09-30")
    page.get_by_role("button", name="Gem modul").click()
    modules = page.get_by_role("region", name="Moduler DU2")
    expect(modules).to_contain_text("Modul 1")
    expect(modules).to_contain_text("30. september 2026")
    audit.check("module recorded (htmx)")

    page.get_by_text("Registrér fremmøde").click()
    page.get_by_label("Måned").fill("2026-08")
    page.get_by_label("Timer tilbudt").fill("40")
    page.get_by_label("Timer fremmødt").fill("30")
    page.get_by_role("button", name="Gem fremmøde").click()
    expect(page.get_by_role("region", name="Fremmøde pr. måned DU2")).to_contain_text("75 %")
    audit.check("attendance recorded (htmx)")
    page.reload()
    expect(page.get_by_text("A1 – begynder")).to_be_visible()  # DU2 module 1 passed
