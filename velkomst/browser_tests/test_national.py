"""National distribution in a real browser (NAT-1, NAT-2): the immigration service's national
user lands on their own start page, computes quotas on the quota page (every step shown),
starts an assignment run (the test's task backend runs it at once), follows a queued run's
progress until the page shows its result, and decides on suggestions as a case officer (a
change needs a reason); axe-core finds no serious or critical violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from velkomst.national.tests.conftest import national_data  # noqa: F401 (a fixture)

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_national_user_computes_quotas_and_decides_on_an_assignment(
    live_server,
    page,
    login,
    national_user,
    national_data,  # noqa: F811
):
    # REQ: NAT-1
    # REQ: NAT-2
    from velkomst.national import runs, services
    from velkomst.national.models import AssignmentRun, QuotaPlan, Suggestion

    table, _plan, model, batch = national_data
    audit = AxeAudit(page)
    login(page, national_user)
    expect(page.get_by_role("heading", name="National fordeling")).to_be_visible()

    # the quota page: § 4 computed and stored with every step
    follow_menu(page, "Kvoter")
    page.get_by_label("Referencetabel").select_option(str(table.pk))
    page.get_by_label("Landstal").fill("30")
    page.get_by_role("button", name="Beregn kvoterne").click()
    plan = QuotaPlan.objects.latest("pk")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kvoteplan #{plan.pk} for 2026")
    expect(page.get_by_text("Tallene er syntetiske demotal")).to_be_visible()
    steps = page.get_by_role("region", name="Beregningen pr. kommune")
    expect(steps.get_by_role("columnheader", name="Efter omfordeling")).to_be_visible()
    expect(steps.get_by_role("row")).to_have_count(len(plan.quota) + 1)
    audit.check("quota plan")

    # an assignment run started from the page (the immediate task backend runs it)
    follow_menu(page, "Fordeling af husstande")
    page.get_by_label("Kvoteplan").select_option(str(plan.pk))
    page.get_by_label("Model").select_option(str(model.pk))
    page.get_by_role("button", name="Start fordelingen").click()
    expect(page.get_by_role("heading", name="Resultat")).to_be_visible()
    expect(page.get_by_role("link", name=f"Model #{model.pk}")).to_be_visible()

    # a queued run: its progress is shown until it is done, then the page shows the result
    queued = services._queue(
        acting_user=national_user, batch=batch, plan=plan, model=model, mode="batch", week=None
    )
    page.goto(f"{live_server.url}/national/runs/{queued.pk}/")
    expect(page.get_by_role("status").filter(has_text="Fordelingen kører")).to_be_visible()
    audit.check("run in progress")
    runs.execute(queued.pk)
    expect(page.get_by_role("heading", name="Resultat")).to_be_visible(timeout=10_000)
    assert AssignmentRun.objects.get(pk=queued.pk).state == "done"
    audit.check("run result")

    # the case officer decides: accept one, change another (a reason is required)
    first, second = list(Suggestion.objects.filter(run=queued).order_by("household_id")[:2])
    card = page.locator(f"#suggestion-{first.pk}")
    card.get_by_role("button", name="Godkend").click()
    expect(
        page.get_by_text(f"Afgørelsen for husstand {first.household_id} er gemt.")
    ).to_be_visible()
    card = page.locator(f"#suggestion-{second.pk}")
    other = next(c for c in sorted(plan.quota) if c != second.municipality_code)
    card.get_by_label("Ny kommune").select_option(other)
    card.get_by_role("button", name="Ændr kommune").click()
    card = page.locator(f"#suggestion-{second.pk}")
    expect(card.get_by_text("Skriv, hvorfor kommunen ændres.").first).to_be_visible()
    audit.check("decision refused without a reason")
    card.get_by_label("Ny kommune").select_option(other)
    card.get_by_label("Begrundelse").fill("Dokumenteret jobtilbud")
    card.get_by_role("button", name="Ændr kommune").click()
    expect(
        page.get_by_text(f"Afgørelsen for husstand {second.household_id} er gemt.")
    ).to_be_visible()
    second.refresh_from_db()
    assert (second.decision, second.decided_municipality_code) == ("changed", other)
    audit.check("decisions")
    audit.assert_clean()


def test_the_national_user_cannot_open_a_person_page(
    live_server, page, login, national_user, person
):
    # REQ: NAT-1
    login(page, national_user)
    response = page.goto(f"{live_server.url}/persons/{person.pk}/")
    assert response is not None and response.status in (403, 404)
