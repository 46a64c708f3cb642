"""Need-to-know (SEC-2) in the browser: the pages a role that sees less gets (no CPR column or
row, the masked number, no journal notes) are accessible and reflow at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", ["interpreter_coordinator", "housing_officer"])
def test_pages_of_a_role_that_sees_less_are_accessible_and_reflow(
    live_server, new_context, login, staff, person, role
):
    # REQ: SEC-2
    from velkomst.people.services import note_add, person_update

    person_update(
        person=person, acting_user=staff["caseworker"], expected_version=1, cpr="1403884321"
    )
    note_add(case=person.case, acting_user=staff["caseworker"], text="Fortroligt notat")
    person.household.units.add(*staff[role].units.all())
    for width in (1280, 320):
        page = new_context(viewport={"width": width, "height": 800}).new_page()
        audit = AxeAudit(page)
        login(page, staff[role])
        page.goto(f"{live_server.url}/citizens/?scope=all")  # the unit's citizens
        header = page.get_by_role("columnheader", name="CPR", exact=True)
        if role == "interpreter_coordinator":
            expect(header).to_have_count(0)
        else:
            expect(page.get_by_role("cell", name="140388-XXXX")).to_be_visible()
        audit.check(f"/citizens/ as {role} at {width} px")
        page.goto(f"{live_server.url}/persons/{person.pk}/")
        expect(page.get_by_role("heading", name="Journalnotater")).to_have_count(0)
        assert "Fortroligt notat" not in page.content() and "1403884321" not in page.content()
        audit.check(f"person page as {role} at {width} px")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{role}: the person page is {scroll} px wide at {width} px"
        audit.assert_clean()
