"""Matching in a real browser, as the job consultant: the open openings, the persons ranked for
an opening with their reasons, "Foreslå" to the companies part's proposal form (where that page
exists), a batch run with its details; axe-core finds no serious or critical violation (PRG-4)."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from velkomst.matching.tests.conftest import consultant, world  # noqa: F401

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_openings_ranked_persons_and_a_batch_run(
    live_server,
    page,
    login,
    consultant,  # noqa: F811
    world,  # noqa: F811
):
    # REQ: PRG-4
    audit = AxeAudit(page)
    login(page, consultant)
    follow_menu(page, "Matchning til opslag")
    expect(page.get_by_role("heading", level=1)).to_have_text("Matchning")
    audit.check("matching index")

    page.get_by_role("link", name="Rengøringsassistent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Borgere til Rengøringsassistent")
    table = page.get_by_role("region", name="Borgere rangeret til opslaget")
    expect(table).to_contain_text("Amal Haddad")
    expect(table).to_contain_text("Ønsker at arbejde som")
    expect(table).to_contain_text("20 min. med offentlig transport")
    audit.check("ranked persons")

    page.get_by_role("link", name="Vis også dem, en fast regel udelukker").click()
    audit.check("ranked persons, all")

    try:
        reverse("companies:proposal-create")
    except NoReverseMatch:
        proposal_page = False
    else:
        proposal_page = True
    if proposal_page:
        page.get_by_role("link", name="Foreslå Amal Haddad").click()
        assert f"opening={world['opening'].pk}" in page.url
        assert f"person={world['amal'].pk}" in page.url
        audit.check("proposal form")

    page.goto(f"{live_server.url}{reverse('matching:index')}")
    page.get_by_role("button", name="Start en samlet kørsel over alle åbne opslag").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Matchningskørsel")
    expect(page.locator("#run-quality")).to_contain_text("det bedst mulige")
    expect(page.get_by_role("region", name="Forslag fra kørslen")).to_contain_text("Amal Haddad")
    page.get_by_text("Detaljer").click()
    expect(page.locator("#run-details")).to_contain_text("alt overholdt")
    audit.check("run with details")

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}{reverse('matching:opening', args=[world['opening'].pk])}")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320
    audit.check("ranked persons at 320 px")
