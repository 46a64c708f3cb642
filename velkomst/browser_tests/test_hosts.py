"""Private lodging in a real browser, as the housing officer: a host and an offer, the ranked
households with reasons, a meeting, both sides' yes and the household placed; axe-core finds no
serious or critical violation in any of these states (HOU-6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from velkomst.hosts.tests.conftest import area, need, officer  # noqa: F401

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_host_offer_is_matched_and_the_household_placed(
    live_server,
    page,
    login,
    officer,  # noqa: F811
    area,  # noqa: F811
    household,
    need,  # noqa: F811
):
    # REQ: HOU-6
    audit = AxeAudit(page)
    login(page, officer)
    follow_menu(page, "Private værter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Private værter")
    audit.check("host list")

    page.get_by_role("link", name="Ny vært").click()
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("new host with errors")
    page.get_by_label("Navn").fill("Karen Vestergaard")
    page.get_by_label("Adresse").fill("Bregnerødvej 12, 3520 Farum")
    page.get_by_label("Område").select_option(label="Farum Midt")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Værten er gemt.")).to_be_visible()
    audit.check("host detail")

    page.get_by_role("link", name="Nyt tilbud").click()
    page.get_by_label("Type").select_option("flat")
    page.get_by_label("Størrelse").fill("55")
    page.get_by_label("Husleje pr. måned").fill("4500")
    page.get_by_label("Ledig fra").fill("2026-06-01")
    page.get_by_label("Højst antal personer").fill("4")
    page.get_by_label("Værtens sprog").select_option(["da", "ar"])
    audit.check("new offer")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Tilbuddet er gemt.")).to_be_visible()
    candidates = page.locator("#candidates")
    expect(candidates).to_contain_text("Familien Haddad")
    expect(candidates).to_contain_text("Fælles sprog med værten: arabisk")
    expect(candidates).to_contain_text("3 personer; værten har plads til 4")
    audit.check("offer with candidates")

    page.get_by_role("link", name="Foreslå møde med Familien Haddad").click()
    page.get_by_label("Tidspunkt").fill("2026-12-01T14:00")
    page.get_by_label("Sted").fill("Hos værten")
    audit.check("propose meeting")
    page.get_by_role("button", name="Foreslå møde").click()
    expect(page.get_by_text("Mødet er foreslået.")).to_be_visible()
    audit.check("meeting")

    page.get_by_label("Værtens beslutning").select_option("yes")
    page.get_by_label("Husstandens beslutning").select_option("yes")
    start = timezone.localdate()  # the form's default start: today (the offer is free already)
    page.get_by_label("Lejemålets start").fill(start.isoformat())
    page.get_by_label("Lejemålets slut").fill((start + timedelta(days=3 * 365)).isoformat())
    page.get_by_role("button", name="Gem beslutninger").click()
    expect(page.get_by_role("alert")).to_contain_text("højst for to år")
    audit.check("decision with errors")
    page.get_by_label("Lejemålets slut").fill((start + timedelta(days=365)).isoformat())
    page.get_by_role("button", name="Gem beslutninger").click()
    expect(page.get_by_text("Beslutningerne er gemt.")).to_be_visible()
    expect(page.get_by_text("Familien Haddad er placeret på Bregnerødvej 12")).to_be_visible()
    audit.check("matched")
    audit.assert_clean()

    from velkomst.housing.models import Placement

    placement = Placement.objects.get(household=household)
    assert placement.source == "host_match" and placement.dwelling.type == "private_host"
