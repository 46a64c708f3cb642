"""Housing associations and the monthly allocation meeting in a real browser, as the housing
officer: enter an association's move-outs, draft the month's meeting, read the list with its
distribution key and record an accepted offer; axe-core finds no serious or critical violation
on any of these pages (HOU-5)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from velkomst.housing.tests.conftest import area, dwelling, officer  # noqa: F401

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_allocation_meeting_flow_is_accessible(
    live_server,
    page,
    login,
    officer,  # noqa: F811
    area,  # noqa: F811
    dwelling,  # noqa: F811
    household,
):
    # REQ: HOU-5
    from velkomst.associations.tests.conftest import association_with_move_outs
    from velkomst.housing.services import NeedData, housing_need_save

    housing_need_save(household=household, acting_user=officer, data=NeedData())  # by 1 July
    association_with_move_outs(officer, "Lyngen", 1, month=date(2026, 7, 1), months=6)
    audit = AxeAudit(page)
    login(page, officer)

    follow_menu(page, "Boligforeninger og anvisning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anvisningsmøder")
    audit.check("meeting list")

    page.get_by_role("link", name="Boligforeninger og fraflytninger").first.click()
    page.get_by_role("link", name="Ny boligforening").click()
    page.get_by_label("Navn").fill("Fjordbo")
    page.get_by_label("Kontaktperson").fill("Hanne Vestergaard")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Boligforeningen er gemt.")).to_be_visible()
    audit.check("association list")

    page.get_by_role("link", name="Registrér fraflytninger Fjordbo").click()
    page.goto(page.url + "?year=2026")
    for month, count in (("01", "-1"), ("02", "5"), ("03", "4")):
        page.get_by_label(f"{month}.2026").fill(count)
    page.get_by_role("button", name="Gem fraflytninger").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("move-outs with an error")
    page.get_by_label("01.2026").fill("3")
    page.get_by_role("button", name="Gem fraflytninger").click()
    expect(page.get_by_text("Fraflytningerne er gemt.")).to_be_visible()
    expect(page.get_by_text("Fraflytninger i alt i 2026: 12.")).to_be_visible()
    audit.check("move-outs")

    page.get_by_role("link", name="Anvisningsmøder").first.click()
    page.get_by_label("Måned").fill("2026-07")
    page.get_by_label("Mødedato").fill("2026-06-24")
    page.get_by_role("button", name="Lav udkast til anvisningsliste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anvisningsmøde for 07.2026")
    key = page.locator("#key")
    expect(key).to_contain_text("1 × 12 / 18")  # Fjordbo: 12 of 18 move-outs
    expect(key).to_contain_text("1 × 6 / 18")
    expect(page.get_by_role("heading", name="Fjordbo")).to_be_visible()
    expect(page.get_by_role("link", name="Familien Haddad")).to_be_visible()
    audit.check("meeting with the list and the key")

    page.get_by_role("link", name="Familien Haddad").click()
    page.locator("#id_outcome-outcome").select_option("accepted")
    page.get_by_role("button", name="Gem resultat").click()
    expect(page.get_by_role("alert")).to_contain_text("Ret de markerede felter")
    audit.check("outcome with errors")
    page.locator("#id_outcome-outcome").select_option("accepted")
    page.locator("#id_outcome-dwelling").select_option(label="Storegade 1, 3700 Rønne")
    page.get_by_label("Indflytning").fill("2026-07-01")
    page.get_by_role("button", name="Gem resultat").click()
    expect(page.get_by_text("Resultatet er gemt.")).to_be_visible()
    expect(page.get_by_text("Bolig accepteret: Storegade 1, 3700 Rønne")).to_be_visible()
    audit.check("meeting after the outcome")
    audit.assert_clean()

    from velkomst.housing.models import Placement

    placement = Placement.objects.get()
    assert placement.household == household and placement.source == "allocation"
