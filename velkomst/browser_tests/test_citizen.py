"""The citizen's entrance in a real browser (CIT-1): a caseworker sends an invitation, the citizen
opens its link, types the code and sees their start page in Danish, Arabic (right to left) and
Ukrainian, chosen on the page without JavaScript; every citizen page passes axe (no serious or
critical finding) and reflows at 320 CSS px without scrolling sideways.

REQ: CIT-1
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from velkomst.citizen.tests.world import PAGES, plan_and_book

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def planned(household: Any, caseworker: Any) -> Any:
    return plan_and_book(household, caseworker)


def _sign_in_by_code(page: Any, live_server: Any, link: str, code: str) -> None:
    """Open the invitation's link and type its code, as the citizen would."""
    path = link.split("://", 1)[-1].split("/", 1)[-1]
    page.goto(f"{live_server.url}/{path}")
    page.get_by_label("Kode").fill(code)
    page.get_by_role("button", name="Log ind", exact=True).click()


def _paper_invitation(person: Any) -> Any:
    """An invitation on paper by the person's caseworker (as the caseworker's page sends it)."""
    from django.core.cache import cache

    from velkomst.citizen import services
    from velkomst.core.models import StaffUser

    cache.clear()  # the attempts limit of earlier tests
    caseworker = StaffUser.objects.get(username="bh-caseworker")
    return services.invitation_send(actor=caseworker, person=person, channel="paper")


def _reflows(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_a_citizen_signs_in_by_invitation_and_reads_in_three_languages(
    live_server, new_context, person, planned
):
    # REQ: CIT-1
    sent = _paper_invitation(person)  # the caseworker's page: citizen/tests/test_pages.py
    link, code = sent.link, sent.code
    assert 6 <= len(code) <= 8

    page = new_context().new_page()
    audit = AxeAudit(page)
    path = link.split("://", 1)[-1].split("/", 1)[-1]
    page.goto(f"{live_server.url}/{path}")
    audit.check("the invitation's code form")
    _sign_in_by_code(page, live_server, link, code)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Amal")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_test_id("citizen-appointments")).to_contain_text("Velkomstmøde")
    audit.check("/borger/ in Danish")

    page.locator("button[name=language][value=ar]").click()
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("مرحباً، Amal")
    expect(page.get_by_test_id("unreviewed-notice")).to_be_visible()
    audit.check("/borger/ in Arabic")
    page.goto(f"{live_server.url}/borger/plan/")  # the choice is remembered
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    page.locator("button[name=language][value=uk]").click()
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    page.goto(f"{live_server.url}/borger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Вітаємо, Amal")
    audit.check("/borger/ in Ukrainian")

    page.get_by_test_id("citizen-sign-out").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/borger/log-ind/")
    audit.assert_clean()


@pytest.mark.parametrize("language", ["da", "ar"])
def test_every_citizen_page_reflows_at_320_css_px_and_passes_axe(
    live_server, new_context, client, person, planned, language
):
    # REQ: CIT-1
    sent = _paper_invitation(person)
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    page.goto(f"{live_server.url}/borger/log-ind/")
    audit.check(f"/borger/log-ind/ ({language}, 320 px)")
    _sign_in_by_code(page, live_server, sent.link, sent.code)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if language != "da":
        page.locator(f"button[name=language][value={language}]").click()
        expect(page.locator("html")).to_have_attribute("lang", language)
    too_wide = []
    from velkomst.appointments.models import Appointment
    from velkomst.reception.models import PlanTask

    appointment = Appointment.objects.get(household=planned)
    task = PlanTask.objects.filter(plan__household=planned, category="bank_account")[0]
    for url in [*PAGES, f"/borger/aftaler/{appointment.pk}/", f"/borger/opgaver/{task.pk}/"]:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None and response.ok, url
        width = _reflows(page)
        if width > 320:
            too_wide.append(f"{url}: {width} px")
        audit.check(f"{url} ({language}, 320 px)")
    assert not too_wide, too_wide
    audit.assert_clean()


def test_signing_in_and_choosing_a_language_work_without_javascript(
    live_server, new_context, person, planned
):
    # REQ: CIT-1
    sent = _paper_invitation(person)
    page = new_context(java_script_enabled=False).new_page()
    _sign_in_by_code(page, live_server, sent.link, sent.code)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Amal")
    page.locator("button[name=language][value=prs]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "prs")
