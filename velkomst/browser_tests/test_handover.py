"""Handover when a household moves municipality in a real browser (COO-5): the sending
caseworker enters the move, previews and sends the handover; the receiving administrator finds
it on the start page and accepts it with a caseworker. axe-core finds no serious or critical
violation on the pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_caseworker_sends_and_the_receiving_administrator_accepts(
    live_server, page, new_context, login, staff, household, other_municipality
):
    # REQ: COO-5
    from velkomst.handover.models import Handover
    from velkomst.handover.tests.conftest import _user

    admin = _user(other_municipality, "administrator", "ab-admin", ())
    receiver = _user(other_municipality, "caseworker", "ab-sagsbehandler")
    audit = AxeAudit(page)
    login(page, staff["caseworker"])
    page.goto(f"{live_server.url}/households/{household.pk}/")
    page.get_by_test_id("move-link").click()
    page.get_by_label("Tilflytningskommune").fill("Aalborg")
    page.get_by_label("Ny adresse").fill("Boulevarden 1, 9000 Aalborg")
    page.get_by_label("Flyttedato").fill("2026-09-01")
    page.get_by_test_id("preview").click()
    expect(page.get_by_test_id("handover-content")).to_contain_text("Amal Haddad")
    audit.check("the handover's preview")
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("handover-state")).to_contain_text("Sendt")
    audit.check("the sent handover")

    other = new_context().new_page()
    other_audit = AxeAudit(other)
    login(other, admin)
    other.get_by_role("link", name="Familien Haddad fra Bornholm").click()
    expect(other.get_by_test_id("handover-content")).to_contain_text("Amal Haddad")
    other_audit.check("the incoming handover")
    other.get_by_label("Fast sagsbehandler").select_option(str(receiver.pk))
    other.get_by_test_id("accept").click()
    expect(other.get_by_test_id("handover-state")).to_contain_text("Modtaget")
    other_audit.check("the accepted handover")
    received = Handover.objects.get().received_household
    assert received is not None and received.members.count() == 3

    page.goto(f"{live_server.url}/households/{household.pk}/")
    expect(page.get_by_test_id("moved-mark")).to_contain_text("Flyttet til Aalborg")
