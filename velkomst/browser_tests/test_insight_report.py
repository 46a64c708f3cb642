"""The annual status report in a real browser (MI-3): the manager finds the page in the menu,
sees a year's figures per guidepost with the summary of the change, writes the commentary of a
guidepost (and is told when a colleague saved first), generates the report (the test's task
backend runs it at once, as for the placement runs) and downloads the PDF and the XLSX; axe-core
finds no serious or critical violation."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from velkomst.indicators.tests.conftest import arrive  # noqa: F401

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_writes_commentary_and_generates_the_report(
    live_server,
    page,
    login,
    staff,
    municipality,
    arrive,  # noqa: F811
):
    # REQ: MI-3, MI-6
    from velkomst.core.pdf import pdf_text
    from velkomst.insight import report_services
    from velkomst.insight.models import ReportCommentary, StatusReport
    from velkomst.insight.tests.report_data import (
        EMPLOYMENT,
        SUMMARY,
        YEAR,
        make_data,
        make_strategy,
    )

    make_strategy(municipality)
    make_data(arrive, staff["administrator"])
    manager = staff["manager"]
    audit = AxeAudit(page)
    login(page, manager)
    follow_menu(page, "Statusrapport")
    page.get_by_label("År", exact=True).select_option(str(YEAR))
    page.get_by_role("button", name="Vis året").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Statusrapport {YEAR}")
    expect(page.get_by_role("heading", name="Pejlemærke 1: Flere i job")).to_be_visible()
    expect(page.get_by_role("paragraph").filter(has_text=SUMMARY)).to_be_visible()
    expect(page.get_by_role("region", name=f"{EMPLOYMENT} efter køn")).to_contain_text("<5")
    expect(page.get_by_text("Håndindtastet tal. Kilde: Skolernes karakterudtræk")).to_be_visible()
    audit.check("status report page")

    page.get_by_role("link", name="Skriv en kommentar til pejlemærke 1").click()
    page.get_by_label("Kommentar").fill("Flere er i job, men målet på 50 % er ikke nået.")
    # a colleague saves first
    report_services.commentary_save(
        acting_user=manager,
        year=YEAR,
        guidepost_number=1,
        text="Kollegaens kommentar",
        expected_version=0,
    )
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("En anden har gemt ændringer, mens du redigerede.")).to_be_visible()
    expect(page.get_by_label("Kommentar")).to_have_value("Kollegaens kommentar")
    audit.check("commentary after a concurrent edit")
    page.get_by_label("Kommentar").fill("Flere er i job, men målet på 50 % er ikke nået.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Kommentaren er gemt.")).to_be_visible()
    expect(page.get_by_text("Flere er i job, men målet på 50 % er ikke nået.")).to_be_visible()
    assert ReportCommentary.objects.get().version == 2

    page.get_by_role("button", name=f"Dan rapporten for {YEAR}").click()
    expect(page.get_by_text("Rapporten dannes. Siden viser, hvor langt den er.")).to_be_visible()
    reports = page.get_by_role("region", name="Rapporter", exact=True)
    expect(reports).to_contain_text("400-v1")
    expect(reports).to_contain_text("Færdig")
    audit.check("status report page with a finished report")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"PDF {YEAR}").click()
    pdf = open(info.value.path(), "rb").read()
    text = pdf_text(pdf)
    assert "Flere er i job, men målet på 50 % er ikke nået." in text
    assert "Strategiversion: 400-v1 (Integrationsstrategi)" in text
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Regneark {YEAR}").click()
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    assert [r[1] for r in workbook["Kommentarer"].values][1] == (
        "Flere er i job, men målet på 50 % er ikke nået."
    )
    assert StatusReport.objects.get().state == "done"
    audit.assert_clean()


def test_the_progress_shows_while_the_report_is_made(live_server, page, login, staff, municipality):
    # REQ: MI-3
    from velkomst.insight.models import ReportState, StatusReport
    from velkomst.insight.tests.report_data import YEAR, make_strategy

    make_strategy(municipality)
    busy = StatusReport.objects.create(
        municipality=municipality,
        year=YEAR,
        requested_by=staff["manager"],
        state=ReportState.RUNNING,
        progress_done=2,
        progress_total=6,
        progress_step="figures",
    )
    audit = AxeAudit(page)
    login(page, staff["manager"])
    page.goto(f"{live_server.url}/insight/report/?year={YEAR}")
    progress = page.get_by_role("status")
    expect(progress).to_contain_text("Rapporten for 2025 dannes.")
    expect(progress).to_contain_text("Beregner tallene år for år")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "33")
    audit.check("status report being made")
    StatusReport.objects.filter(pk=busy.pk).update(progress_done=5, progress_step="xlsx")
    expect(progress).to_contain_text("Skriver regnearket")  # htmx asks again every second
    StatusReport.objects.filter(pk=busy.pk).update(state=ReportState.FAILED)
    expect(page.get_by_role("region", name="Rapporter", exact=True)).to_contain_text(
        "Fejlede"
    )  # reloaded
    audit.assert_clean()
