"""Surveys in a real browser (CIT-2): the caseworker reaches the person's surveys from the
person's page and types in a paper form's answers; the manager reads the results, small counts
hidden; axe-core finds no serious or critical violation, also at 320 CSS px."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sent(household):
    from velkomst.people.models import Household
    from velkomst.surveys import services
    from velkomst.surveys.models import Invitation

    Household.objects.filter(pk=household.pk).update(arrival_date=date(2025, 9, 1))
    services.invitations_send(day=date(2025, 12, 1))
    return Invitation.objects.select_related("person").get(person__first_name="Amal")


def test_the_caseworker_types_in_a_paper_form_and_the_manager_reads_the_results(
    live_server, page, new_context, login, staff, sent
):
    # REQ: CIT-2
    audit = AxeAudit(page)
    login(page, staff["caseworker"])
    page.goto(f"{live_server.url}/persons/{sent.person_id}/")
    page.get_by_test_id("survey-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spørgeskemaer: Amal Haddad")
    audit.check("the person's surveys")
    page.get_by_test_id("survey-answer-link").click()
    audit.check("the answer form")
    page.get_by_role("group", name="Jeg har følt mig velkommen i kommunen.").get_by_label(
        "Helt enig", exact=True
    ).check()
    page.get_by_role("group", name="Jeg er tilfreds med min sagsbehandler.").get_by_label(
        "Enig", exact=True
    ).check()
    page.get_by_label("Besvaret den").fill("2025-12-03")
    page.get_by_role("button", name="Gem svarene").click()
    expect(page.get_by_text("Svarene er gemt.")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Besvaret")
    audit.check("answered")
    audit.assert_clean()

    narrow = new_context(viewport={"width": 320, "height": 640}).new_page()
    results = AxeAudit(narrow)
    login(narrow, staff["manager"])
    narrow.goto(f"{live_server.url}/surveys/results/?start=2025-01-01&end=2026-12-31")
    expect(narrow.get_by_role("heading", level=2)).to_have_text("Tre måneder efter ankomst")
    expect(narrow.get_by_test_id("survey-rates")).to_contain_text("<5")
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    results.check("results at 320 px")
    results.assert_clean()
