"""The strategy in a real browser (MI-1): the administrator opens the strategy from the menu
(Bornholm's preset), makes a draft from the version in force, adds a guidepost and an indicator
with a stepped target (a bad target first, refused on the target field), publishes it, and enters
a hand figure; the manager reads the strategy with the target as text. axe-core finds no serious
or critical violation in any of these states."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_edits_the_strategy_and_enters_a_hand_figure(
    live_server, page, login, staff
):
    # REQ: MI-1
    from velkomst.strategies.models import HandFigure, StrategyVersion

    admin, manager = staff["administrator"], staff["manager"]
    audit = AxeAudit(page)
    login(page, admin)
    expect(page.get_by_role("heading", name="Strategi")).to_be_visible()  # the start panel
    audit.check("administrator's start page with the strategy panel")
    follow_menu(page, "Strategi")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vision og strategi")
    expect(page.get_by_text("Modtagelsesperioden")).to_be_visible()
    audit.check("the strategy in force")

    page.get_by_role("link", name="Alle versioner").click()
    page.get_by_label("Udkastet starter som").select_option(
        label="Kopi af version 1: Vision og "
        "strategi for modtagelse af nye "
        "flygtninge og deres familier"
    )
    page.get_by_role("button", name="Opret udkast").click()
    expect(page.get_by_text("Udkastet er oprettet.")).to_be_visible()
    audit.check("a new draft")

    page.get_by_role("link", name="Tilføj pejlemærke").click()
    page.get_by_label("Titel").fill("Civilsamfund og fællesskaber")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Pejlemærket er tilføjet.")).to_be_visible()
    page.get_by_role("link", name="Tilføj indikator til pejlemærke 4").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ny indikator")
    page.locator("#id_kind").select_option("manual")
    page.get_by_label("Titel").fill("Flygtningenes egen oplevelse af modtagelsen")
    page.get_by_label("Hvorfor platformen ikke har tallet").fill("Ingen spørgeskemaer endnu")
    page.get_by_label("Enhed").select_option("share")
    page.get_by_label("Mål").fill("25; 31.12.2027\n50; 31.13.2028")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#id_targets_error")).to_contain_text("Linje 2")
    audit.check("a bad target refused")
    page.get_by_label("Mål").fill("25; 31.12.2027\n50; 31.12.2028")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Indikatoren er tilføjet.")).to_be_visible()
    expect(
        page.get_by_text("25 % inden 31.12.2027, derefter 50 % inden 31.12.2028")
    ).to_be_visible()
    audit.check("the draft with the new indicator")
    page.get_by_role("button", name="Offentliggør").click()
    expect(page.get_by_text("Versionen er offentliggjort.")).to_be_visible()
    assert StrategyVersion.objects.get(number=2).status == "published"

    follow_menu(page, "Håndindtastede tal")
    page.get_by_label("Indikator", exact=True).last.select_option(
        label="Flygtningenes egen oplevelse af modtagelsen"
    )
    page.get_by_label("Tal", exact=True).fill("72,5")
    page.get_by_label("Kilde", exact=True).fill("Borgerpanel 2025")
    page.get_by_role("button", name="Gem tallet").click()
    expect(page.get_by_text("Tallet er gemt.")).to_be_visible()
    expect(page.get_by_test_id("hand-figures")).to_contain_text("72,5 %")
    expect(page.get_by_test_id("hand-figures")).to_contain_text("håndindtastet")
    audit.check("hand-entered figures")
    assert HandFigure.objects.get().source == "Borgerpanel 2025"

    page.context.clear_cookies()
    login(page, manager)
    follow_menu(page, "Strategi")
    expect(page.get_by_text("Flygtningenes egen oplevelse af modtagelsen")).to_be_visible()
    expect(page.get_by_text("Borgerpanel 2025", exact=False)).to_be_visible()
    audit.check("the manager reads the strategy")
    audit.assert_clean()
