"""MitID sign-in in a real browser (CIT-1): Chromium on a phone-wide screen goes through the locally
started OpenID Connect provider (velkomst/citizen/tests/oidc/) and back; the pages Velkomst shows
on the way back reflow at 320 CSS px and have no serious or critical axe finding."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from velkomst.citizen.tests.oidc.conftest import mitid, oidc_provider  # noqa: F401 (fixtures)
from velkomst.people.models import Person

from .test_accessibility import AxeAudit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("mitid"),
]

WIDTH = 320


def _through_provider(page: Any, *, login: str) -> None:
    """Type the CPR number into the provider's login form and confirm its consent form."""
    for _ in range(3):
        if "/interaction/" not in page.url:
            return
        if page.locator("input[name=login]").count():
            page.fill("input[name=login]", login)
            page.fill("input[name=password]", "any")
        page.locator("button[type=submit]").first.click()
        page.wait_for_load_state()


def _fits(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_mitid_pages_reflow_and_pass_axe(
    live_server: Any, new_context: Any, household: Any
) -> None:
    """REQ: CIT-1: the citizen's way through MitID in Chromium: a CPR number nobody in Velkomst
    has, a cancelled sign-in, and a citizen signed in."""
    page = new_context(viewport={"width": WIDTH, "height": 640}).new_page()
    audit = AxeAudit(page)
    audits = [audit]
    start = f"{live_server.url}{reverse('citizen-oidc-start')}"

    page.goto(start)
    _through_provider(page, login="0101701234")
    assert page.get_by_role("heading", name="Vi kan ikke finde dig").is_visible()
    _fits(page)
    audit.check("MitID: no citizen in Velkomst")

    page = new_context(viewport={"width": WIDTH, "height": 640}).new_page()  # no MitID session
    audit = AxeAudit(page)
    audits.append(audit)
    page.goto(start)
    page.goto(f"{page.url.rstrip('/')}/abort")
    assert page.get_by_text("Du afbrød login med MitID").is_visible()
    _fits(page)
    audit.check("MitID: cancelled")

    amal = household.members.get(first_name="Amal")
    Person.objects.filter(pk=amal.pk).update(cpr="1403881234")
    page.get_by_role("link", name="Prøv igen med MitID").click()
    page.wait_for_load_state()
    _through_provider(page, login="140388-1234")
    assert page.url.startswith(f"{live_server.url}/borger/")
    assert "Vi kan ikke finde dig" not in page.content()
    assert [a.found for a in audits] == [{}, {}]
