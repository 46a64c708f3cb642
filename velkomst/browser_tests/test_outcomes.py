"""Outcomes in a real browser (PRG-7): the caseworker records an employment on the person's
outcomes page (a bad CVR number first), and the manager sees the result grant it earned on the
grants page; axe-core finds no serious or critical violation in any of these states."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_employment_is_recorded_and_its_grant_listed(
    live_server, page, new_context, login, staff, person
):
    # REQ: PRG-7
    from velkomst.people.models import Case

    Case.objects.filter(person=person).update(takeover_date=date(2025, 1, 1))
    audit = AxeAudit(page)
    login(page, staff["caseworker"])
    page.goto(f"{live_server.url}/persons/{person.pk}/")
    page.get_by_role("link", name="Resultater: arbejde, uddannelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultater: Amal Haddad")
    audit.check("outcomes, empty")

    page.get_by_role("link", name="Ny beskæftigelse").click()
    page.get_by_label("Arbejdsgiver").fill("Netto Rønne")
    page.get_by_label("CVR-nummer").fill("12345678")
    page.get_by_label("Startdato").fill("2025-02-01")
    page.get_by_label("Slutdato").fill("2025-07-31")
    page.get_by_label("Timer pr. uge").fill("30")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_cvr_error")).to_contain_text("modulus 11-kontrollen")
    audit.check("employment with a bad CVR")
    page.get_by_label("CVR-nummer").fill("12345674")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Beskæftigelsen er gemt.")).to_be_visible()
    expect(page.get_by_role("region", name="Tidslinje")).to_contain_text("Netto Rønne")
    expect(
        page.get_by_text("Ordinær beskæftigelse: 88.817 kr., optjent 31. juli 2025")
    ).to_be_visible()
    audit.check("outcomes with an employment")

    manager = new_context().new_page()
    manager_audit = AxeAudit(manager)
    login(manager, staff["manager"])
    follow_menu(manager, "Resultattilskud")
    expect(manager.get_by_role("heading", level=1)).to_have_text("Resultattilskud")
    table = manager.get_by_role("region", name="Resultattilskud", exact=True)
    expect(table).to_contain_text("Amal Haddad")
    expect(table).to_contain_text("gennemsnitligt 30,0 timer pr. uge")
    expect(manager.get_by_text("1 tilskud, i alt 88.817 kr.")).to_be_visible()
    manager_audit.check("grants page")
    manager.locator("select[name=kind]").select_option("danish")
    manager.get_by_role("button", name="Vis").click()
    expect(manager.get_by_text("Ingen resultattilskud at hjemtage.")).to_be_visible()
    manager_audit.check("grants page, filtered")


def test_the_manager_claims_a_grant_and_a_second_claim_is_refused(
    live_server, page, new_context, login, staff, caseworker, person
):
    # REQ: PRG-7
    from decimal import Decimal

    from velkomst.outcomes import services
    from velkomst.people.models import Case

    Case.objects.filter(person=person).update(takeover_date=date(2025, 1, 1))
    services.employment_create(
        acting_user=caseworker,
        person=person,
        employer_name="Netto Rønne",
        cvr="12345674",
        start_date=date(2025, 2, 1),
        end_date=date(2025, 7, 31),
        hours_per_week=Decimal(30),
    )
    audit = AxeAudit(page)
    login(page, staff["manager"])
    page.goto(f"{live_server.url}/outcomes/grants/")
    table = page.get_by_role("region", name="Resultattilskud", exact=True)
    expect(table).to_contain_text("Kan hjemtages")
    audit.check("grants page, nothing claimed")
    # a second tab opens the same claim form before the first saves
    other = new_context().new_page()
    login(other, staff["caseworker"])
    other.goto(f"{live_server.url}/persons/{person.pk}/grants/claim/?kind=job")

    page.get_by_role("link", name="Hjemtag tilskuddet for Amal Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hjemtag resultattilskud")
    expect(page.get_by_label("Beløb (kr.)")).to_have_value("88817")
    audit.check("claim form")
    page.get_by_label("Hjemtaget").fill("2025-09-01")
    page.get_by_label("Reference").fill("STAR-2025-17")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Hjemtagningen er gemt.")).to_be_visible()
    expect(table).to_contain_text("Hjemtaget, ikke udbetalt")
    expect(table).to_contain_text("STAR-2025-17")
    audit.check("grants page, claimed")

    other.get_by_label("Hjemtaget").fill("2025-09-02")
    other.get_by_role("button", name="Gem").click()
    expect(other.get_by_role("alert")).to_contain_text("allerede hjemtaget")
    AxeAudit(other).check("second claim refused")

    page.get_by_role("link", name="Ret hjemtagningen for Amal Haddad").click()
    page.get_by_label("Udbetalt").fill("2025-10-15")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Tilskuddet er gemt.")).to_be_visible()
    expect(table).to_contain_text("udbetalt 15. oktober 2025")
    expect(page.get_by_text("Hjemtaget 88.817 kr., heraf udbetalt 88.817 kr.")).to_be_visible()
    audit.check("grants page, paid")
