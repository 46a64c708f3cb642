"""The export for analysis in a real browser (MI-6): the manager finds the page in the menu, is
told what is missing, and downloads a cohort's pseudonymised CSV; axe-core finds no serious or
critical violation."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_downloads_a_cohort_pseudonymised(live_server, page, login, staff, household):
    # REQ: MI-6
    from velkomst.people.models import Household

    Household.objects.filter(pk=household.pk).update(arrival_date=date(2025, 7, 1))
    audit = AxeAudit(page)
    login(page, staff["manager"])
    follow_menu(page, "Udtræk til analyse")
    expect(page.get_by_role("heading", level=1)).to_have_text("Udtræk til analyse")
    expect(page.get_by_role("region", name="Kolonner i udtrækket")).to_contain_text("Pseudonym")
    audit.check("exports page")

    page.get_by_role("button", name="Hent udtræk").click()
    expect(page.locator("#id_cohort_error")).to_contain_text("Vælg et ankomstår eller en periode.")
    audit.check("exports page, nothing chosen")

    page.get_by_label("Ankomstår").select_option("2025")
    page.get_by_label("CSV").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Hent udtræk").click()
    download = info.value
    assert download.suggested_filename.startswith("udtraek-til-analyse-2025-")
    text = open(download.path(), encoding="utf-8-sig").read()
    assert text.startswith("Pseudonym;Husstand;")
    assert "Haddad" not in text and "Amal" not in text
    audit.assert_clean()


def test_charts_and_their_tables_pass_axe(page, db):
    # REQ: MI-2
    from django.template import Context, Template

    from velkomst.engines import charts
    from velkomst.engines.charts import Bar, BarChart, LineChart, Series, TargetStep, Texts

    def pct(value: float) -> str:
        return f"{value:.1f} %".replace(".", ",")

    line = charts.line(
        LineChart(
            labels=("jan", "feb", "mar", "apr"),
            series=(Series("Kvinder", (10.0, None, 30.0, 35.0)), Series("Mænd", (20, 25, 40, 45))),
            texts=Texts(title="Andel i job", desc="Andel i job pr. måned", x_axis="Måned"),
            target=(TargetStep("jan", 25.0), TargetStep("mar", 50.0)),
            fmt=pct,
            y_max=100.0,
            id_prefix="line",
        )
    )
    bars = charts.bars(
        BarChart(
            bars=(Bar("Jobcenter", 80.0), Bar("Sprogcenter", 40.0), Bar("Lille", 1.0, True)),
            texts=Texts(title="Frister", desc="Frister overholdt pr. enhed", x_axis="Enhed"),
            target=50.0,
            fmt=pct,
            id_prefix="bars",
        )
    )
    body = Template("{% load charts %}{% chart line %}{% chart bars %}").render(
        Context({"line": line, "bars": bars})
    )
    page.set_content(
        '<!DOCTYPE html><html lang="da"><head><title>Diagrammer</title></head>'
        f"<body><main><h1>Diagrammer</h1>{body}</main></body></html>"
    )
    audit = AxeAudit(page)
    audit.check("two charts with their tables")
    audit.assert_clean()
    expect(page.get_by_role("img", name="Andel i job")).to_be_visible()
    expect(page.get_by_role("table", name="Frister")).to_contain_text("Sprogcenter")
