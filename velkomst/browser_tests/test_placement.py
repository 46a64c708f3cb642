"""A placement run in a real browser, from its start to the housing officer's decisions (HOU-3),
the run's progress while it works, and the household's housing history with a move (HOU-4);
axe-core finds no serious or critical violation in any of these states."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from velkomst.housing.tests.conftest import area, batch, officer, single  # noqa: F401

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_placement_run_from_start_to_decisions(
    live_server,
    page,
    login,
    officer,  # noqa: F811
    batch,  # noqa: F811
):
    # REQ: HOU-2, HOU-3, HOU-4
    from velkomst.housing.models import Dwelling, Placement

    audit = AxeAudit(page)
    login(page, officer)
    page.goto(f"{live_server.url}/housing/runs/")
    audit.check("run list, empty")
    page.get_by_role("link", name="Ny placeringskørsel").click()
    expect(page.get_by_role("row", name=re.compile("Familien Haddad"))).to_be_visible()
    expect(page.get_by_label("Medtag Yusuf Ali")).to_be_checked()
    page.get_by_text("Vægte for denne kørsel").click()
    expect(page.get_by_label("Spredning: pr. husstand over loftet i et område")).to_be_visible()
    audit.check("new run")
    page.get_by_role("button", name="Start kørslen").click()

    expect(page.get_by_role("heading", name="Resultat")).to_be_visible()
    expect(page.get_by_text("2 af 2 husstande har fået et forslag")).to_be_visible()
    expect(page.get_by_text("Forslaget er det bedst mulige").first).to_be_visible()
    # the solver's figures wait under "Detaljer", in words, after the suggestions
    expect(page.get_by_text("Det højeste antal point, nogen fordeling kan nå")).to_be_hidden()
    for jargon in ("Optimalitetsgab", "Øvre grænse", "grådig"):
        expect(page.get_by_text(jargon)).to_have_count(0)
    page.get_by_text("Detaljer", exact=True).click()
    expect(page.get_by_text("Det højeste antal point, nogen fordeling kan nå")).to_be_visible()
    audit.check("run with its details open")
    family = page.get_by_role("article", name="Familien Haddad")
    expect(family).to_contain_text("Storegade 1")
    expect(family.get_by_role("listitem").first).to_be_visible()
    expect(page.get_by_text("Blok 7")).to_have_count(0)  # a vulnerable area: never suggested
    audit.check("run with suggestions")

    family.get_by_label("Indflytning").fill("2026-07-02")
    family.get_by_role("button", name="Godkend forslaget til Familien Haddad").click()
    expect(page.get_by_text("Familien Haddad flytter ind i Storegade 1.")).to_be_visible()
    expect(page.get_by_role("article", name="Familien Haddad")).to_contain_text("Godkendt")

    yusuf = page.get_by_role("article", name="Yusuf Ali")
    yusuf.get_by_role("button", name="Afvis forslaget til Yusuf Ali").click()
    expect(page.get_by_text("Yusuf Ali: Skriv hvorfor forslaget afvises.")).to_be_visible()
    audit.check("run with a decision error")

    page.get_by_role("link", name="Vælg en anden bolig til Yusuf Ali").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anden bolig til Yusuf Ali")
    page.get_by_role("main").get_by_label("Bolig", exact=True).select_option(
        str(Dwelling.objects.get(address="Blok 7").pk)
    )
    page.get_by_label("Indflytning").fill("2026-07-01")
    page.get_by_role("button", name="Godkend med denne bolig").click()
    expect(page.get_by_text("Boligen bryder disse regler").first).to_be_visible()
    audit.check("change with a broken rule")
    page.get_by_label("Begrundelse").fill("Midlertidigt, indtil en anden bolig er klar")
    page.get_by_role("button", name="Godkend med denne bolig").click()
    expect(page.get_by_role("article", name="Yusuf Ali")).to_contain_text(
        "Godkendt med en anden bolig"
    )
    assert Placement.objects.count() == 2

    page.goto(f"{live_server.url}/households/{batch['family'].pk}/housing/")
    expect(page.get_by_role("rowheader", name="Storegade 1")).to_be_visible()
    page.get_by_role("main").get_by_label("Bolig", exact=True).select_option(str(batch["room"].pk))
    page.get_by_label("Indflytning").fill("2026-06-01")
    page.get_by_role("button", name="Registrér flytningen").click()
    expect(page.get_by_text("Datoen ligger før indflytningen").first).to_be_visible()
    audit.check("household housing with an error")
    page.goto(f"{live_server.url}/housing/temporary/")
    audit.check("time in temporary housing")
    page.goto(f"{live_server.url}/housing/areas/travel/")
    page.get_by_label("Inden for Rønne Nord (minutter)").fill("700")
    page.get_by_role("button", name="Gem rejsetiderne").click()
    expect(page.locator(".form-error-message").first).to_contain_text("600")
    audit.check("travel minutes with an error")
    page.get_by_label("Inden for Rønne Nord (minutter)").fill("9")
    page.get_by_role("button", name="Gem rejsetiderne").click()
    expect(page.get_by_text("Rejsetiderne er gemt.")).to_be_visible()
    audit.assert_clean()


def test_the_run_page_shows_progress_and_the_result_and_accepts_all(
    live_server,
    page,
    login,
    officer,  # noqa: F811
    batch,  # noqa: F811
):
    # REQ: HOU-3
    from velkomst.housing import runs
    from velkomst.housing.models import PlacementRun, RunStatus

    run = PlacementRun.objects.create(
        municipality=officer.municipality,
        created_by=officer,
        household_ids=[batch["family"].pk, batch["single"].pk],
        parameters=runs.run_parameters(officer.municipality_id),
        status=RunStatus.RUNNING,
        stage="milp",
        progress=35,
    )
    audit = AxeAudit(page)
    login(page, officer)
    page.goto(f"{live_server.url}/housing/runs/{run.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Optimerer")
    expect(page.get_by_label("Optimerer (MILP med HiGHS)")).to_have_attribute("value", "35")
    audit.check("run in progress")
    PlacementRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
    runs.execute(run.pk)  # what the worker does; the open page notices by itself
    expect(page.get_by_role("heading", name="Resultat")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("article", name="Familien Haddad")).to_be_visible()
    page.get_by_role("button", name="Godkend alle 2 afventende forslag").click()
    expect(page.get_by_text("2 forslag blev godkendt på én gang.")).to_be_visible()
    expect(page.get_by_role("article", name="Yusuf Ali")).to_contain_text("Godkendt")
    audit.check("run after accepting all")
    audit.assert_clean()


def test_the_run_page_shows_the_rule_check_and_reflows_at_320_px(
    live_server,
    new_context,
    login,
    officer,  # noqa: F811
    batch,  # noqa: F811
    area,  # noqa: F811
):
    # REQ: HOU-3
    from velkomst.core.services import municipality_configure
    from velkomst.housing import runs, services

    municipality_configure(
        municipality=officer.municipality,
        effective_from=date(2020, 1, 1),
        values={"placement_not_alone_rule": "hard", "placement_not_alone_k": 1},
    )
    services.area_update(
        area=area, acting_user=officer, expected_version=area.version, max_refugee_households=1
    )
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, officer)
    page.goto(f"{live_server.url}/housing/runs/new/")
    page.get_by_text("Vægte for denne kørsel").click()
    expect(
        page.get_by_text("Ikke alene: mindst 1 andre husstande med samme sprog")
    ).to_contain_text("en fast regel")
    audit.check("new run with the rule settings at 320 px")
    run = runs.run_start(
        acting_user=officer, household_ids=[batch["family"].pk, batch["single"].pk]
    )
    page.goto(f"{live_server.url}/housing/runs/{run.pk}/")
    expect(page.get_by_role("region", name="Resultat")).to_contain_text("0 regler brudt")
    page.get_by_text("Detaljer", exact=True).click()
    check = page.get_by_role("region", name="Regeltjek")
    expect(check).to_contain_text("Loftet for flygtningehusstande pr. område er et mål")
    table = page.get_by_role("table", name="Områder, hvor forslagene lægger husstande over loftet")
    expect(table.get_by_role("row", name=re.compile("Rønne Nord"))).to_contain_text("2 / 1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the run page is {width} px wide and scrolls sideways"
    audit.check("run with its rule check at 320 px")
    audit.assert_clean()
