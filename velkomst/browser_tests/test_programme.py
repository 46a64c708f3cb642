"""Building an integration plan in a real browser, as the caseworker: from the person page to the
plan, a bad activity refused on its field, an internship added in place (htmx) and the week table
updated; axe-core finds no serious or critical violation in these states (PRG-1, PRG-5)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_builds_a_plan_and_the_week_table_updates(
    live_server, page, login, caseworker, person
):
    # REQ: PRG-1
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/persons/{person.pk}/")
    page.get_by_role("link", name="Integrationsplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrationsplan: Amal Haddad")
    weeks = page.get_by_test_id("weeks")
    expect(weeks).to_be_visible()
    audit.check("empty plan")

    page.get_by_text("Tilføj aktivitet", exact=True).first.click()
    form = page.get_by_test_id("activity-form")
    form.get_by_label("Aktivitet").select_option("internship")
    form.get_by_label("Start").fill("2026-12-07")
    form.get_by_label("Timer pr. uge").fill("40")
    form.get_by_label("Udbydertype").select_option("company")
    form.get_by_label("Udbyder (valgfri)", exact=True).fill("Netto Rønne")
    form.get_by_role("button", name="Tilføj aktivitet").click()
    expect(page.get_by_role("alert").first).to_contain_text("højst have 37 timer pr. uge")
    audit.check("activity refused")

    form = page.get_by_test_id("activity-form")
    form.get_by_label("Timer pr. uge").fill("30")
    form.get_by_label("Pris pr. uge (kr.)").fill("2500")  # MI-4
    form.get_by_role("button", name="Tilføj aktivitet").click()
    expect(page.get_by_test_id("activities")).to_contain_text("Netto Rønne")
    expect(page.get_by_test_id("activities")).to_contain_text("2.500 kr.")
    expect(page.get_by_test_id("weeks")).to_contain_text("30")
    audit.check("plan with an activity")


def test_caseworker_books_a_job_interview_and_marks_it_held(
    live_server, page, login, caseworker, person
):
    # REQ: PRG-1
    audit = AxeAudit(page)
    login(page, caseworker)
    page.goto(f"{live_server.url}/persons/{person.pk}/plan/")
    expect(page.get_by_test_id("meetings-held")).to_contain_text("Holdt: 0 af mindst")
    page.get_by_text("Book jobsamtale", exact=True).first.click()
    form = page.get_by_test_id("interview-form")
    form.get_by_label("Dato").fill("2026-08-03")
    form.get_by_label("Starter kl.").fill("10:00")
    form.get_by_label("Slutter kl.").fill("09:00")
    form.get_by_label("Sted").fill("Jobcentret")
    audit.check("booking a job interview")
    form.get_by_role("button", name="Book jobsamtale").click()
    expect(page.get_by_test_id("interview-form")).to_contain_text("Mødet skal slutte efter")
    audit.check("job interview refused")

    form = page.get_by_test_id("interview-form")
    form.get_by_label("Slutter kl.").fill("11:00")
    form.get_by_role("button", name="Book jobsamtale").click()
    expect(page.get_by_test_id("meetings")).to_contain_text("Jobcentret")
    expect(page.get_by_test_id("meetings")).to_contain_text("Planlagt")
    audit.check("job interview booked")

    page.get_by_role("button", name="Marker som afholdt").click()
    expect(page.get_by_test_id("meetings")).to_contain_text("Afholdt")
    expect(page.get_by_test_id("meetings-held")).to_contain_text("Holdt: 1 af mindst")
    audit.check("job interview held")
