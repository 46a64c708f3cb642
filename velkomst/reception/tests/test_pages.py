"""The pages: the household's checklist with htmx tick-off and a full-page fallback, deadlines on
the person and household pages, the unit's worklist and "my tasks" (REC-2, REC-4, HOU-7)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from velkomst.reception.models import PlanTask
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db


def test_the_checklist_lists_tasks_in_order_with_owner_deadline_and_how(
    logged_in, caseworker, registered, plan
):
    # REQ: REC-2
    html = logged_in(caseworker).get(f"/households/{registered.pk}/plan/").content.decode()
    ids = plan.tasks.order_by("order", "person_id", "id").values_list("pk", flat=True)
    positions = [html.index(f'id="task-{pk}"') for pk in ids]
    assert positions == sorted(positions)
    assert "Sådan gør du" in html and "Boligmedarbejder" in html
    assert '<th scope="col">' in html and "<caption>" in html


def test_ticking_off_with_htmx_swaps_the_row(logged_in, caseworker, plan):
    # REQ: REC-2
    t = task(plan, "establishment")
    client = logged_in(caseworker)
    response = client.post(
        f"/tasks/{t.pk}/done/", {"version": t.version}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="task-{t.pk}">')
    assert caseworker.initials in html and "Genåbn" in html
    assert "<html" not in html


def test_ticking_off_without_javascript_uses_a_form_page_and_redirects(
    logged_in, staff, registered, plan
):
    # REQ: REC-2, HOU-7
    officer = staff["housing_officer"]
    client = logged_in(officer)
    t = task(plan, "move_in_inspection")
    form = client.get(f"/tasks/{t.pk}/done/")
    assert form.status_code == 200 and 'name="initials"' in form.content.decode()
    response = client.post(
        f"/tasks/{t.pk}/done/", {"version": t.version, "initials": "BO", "note": "Fint"}
    )
    assert response.status_code == 302
    assert response.url == f"/households/{registered.pk}/plan/#task-{t.pk}"
    t.refresh_from_db()
    assert t.done_initials == "BO" and t.done_note == "Fint"
    page = client.get(response.url).content.decode()
    assert "Opgaven er krydset af" in page and "BO" in page


def test_a_stale_tick_off_is_refused_with_a_message(logged_in, caseworker, plan):
    # REQ: SEC-5
    t = task(plan, "establishment")
    client = logged_in(caseworker)
    client.post(f"/tasks/{t.pk}/done/", {"version": 1})
    response = client.post(f"/tasks/{t.pk}/done/", {"version": 1}, follow=True)
    assert "En anden har ændret opgaven" in response.content.decode()


def test_not_relevant_reopen_add_and_remove_pages(logged_in, caseworker, registered, plan):
    # REQ: REC-2
    client = logged_in(caseworker)
    t = task(plan, "forms_review")
    assert (
        client.post(f"/tasks/{t.pk}/not-relevant/", {"version": 1, "reason": ""}).status_code == 422
    )
    client.post(f"/tasks/{t.pk}/not-relevant/", {"version": 1, "reason": "Gjort i Rønne"})
    t.refresh_from_db()
    assert t.not_relevant_reason == "Gjort i Rønne"
    client.post(f"/tasks/{t.pk}/reopen/", {"version": t.version, "reason": "Alligevel"})
    t.refresh_from_db()
    assert t.is_open
    client.post(f"/tasks/{t.pk}/remove/", {"version": t.version, "reason": "Ikke aktuel"})
    t.refresh_from_db()
    assert t.removed_reason == "Ikke aktuel"
    page = client.get(f"/households/{registered.pk}/plan/").content.decode()
    assert "Fjernede opgaver" in page and "Ikke aktuel" in page

    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post(
        f"/households/{registered.pk}/plan/tasks/new/",
        {
            "title": "Møde med skolen",
            "description": "",
            "person": registered.members.get(first_name="Lina").pk,
            "owner_unit_kind": "children_family",
            "owner_role": "family_consultant",
            "due_date": due,
            "reason": "Forældrene ønsker det",
        },
    )
    assert response.status_code == 302
    added = plan.tasks.get(title="Møde med skolen")
    assert added.added_reason == "Forældrene ønsker det" and added.person.first_name == "Lina"


def test_a_manager_sees_the_plan_but_cannot_tick_off(logged_in, staff, registered, plan):
    # REQ: SEC-2 (managers view)
    client = logged_in(staff["manager"])
    html = client.get(f"/households/{registered.pk}/plan/").content.decode()
    assert "Formøde før ankomst" in html and "/done/" not in html
    t = task(plan, "establishment")
    assert client.post(f"/tasks/{t.pk}/done/", {"version": 1}).status_code == 403


def test_another_municipalitys_plan_and_tasks_are_404(logged_in, other_caseworker, plan):
    # REQ: SEC-1
    client = logged_in(other_caseworker)
    t = task(plan, "establishment")
    assert client.get(f"/households/{plan.household_id}/plan/").status_code == 404
    assert client.post(f"/tasks/{t.pk}/done/", {"version": 1}).status_code == 404
    assert client.get(f"/tasks/{t.pk}/remove/").status_code == 404
    assert "Haddad" not in client.get("/worklist/").content.decode()
    assert "Haddad" not in client.get("/tasks/mine/").content.decode()


def test_the_person_and_household_pages_show_their_deadlines(
    logged_in, caseworker, registered, plan
):
    # REQ: REC-4
    client = logged_in(caseworker)
    amal = registered.members.get(first_name="Amal")
    person_page = client.get(f"/persons/{amal.pk}/").content.decode()
    assert "Frister" in person_page and "Henvisning til danskuddannelse" in person_page
    assert "Start i skole eller dagtilbud" not in person_page  # Lina's, not Amal's
    household_page = client.get(f"/households/{registered.pk}/").content.decode()
    assert "Modtageplan" in household_page and "Formøde før ankomst" in household_page


def test_an_overdue_deadline_is_flagged_before_and_after_it_is_missed(
    logged_in, caseworker, registered, plan
):
    # REQ: REC-4
    t = task(plan, "establishment")
    today = timezone.localdate()
    PlanTask.objects.filter(pk=t.pk).update(due_date=today + timedelta(days=2))
    client = logged_in(caseworker)
    html = client.get(f"/persons/{registered.members.first().pk}/").content.decode()
    plan_html = client.get(f"/households/{registered.pk}/plan/").content.decode()
    row = plan_html[plan_html.index(f'id="task-{t.pk}"') :]
    assert "Snart" in row[: row.index("</tr>")]
    PlanTask.objects.filter(pk=t.pk).update(due_date=today - timedelta(days=1))
    plan_html = client.get(f"/households/{registered.pk}/plan/").content.decode()
    row = plan_html[plan_html.index(f'id="task-{t.pk}"') :]
    assert "Overskredet" in row[: row.index("</tr>")]
    assert html


def _rows(html: str) -> str:
    """The table's rows (the filter above lists every task type by its label)."""
    return html[html.index("<tbody") : html.rindex("</tbody>")] if "<tbody" in html else ""


@pytest.mark.usefixtures("ordinary_wednesday")
def test_the_worklist_shows_the_units_open_tasks_by_due_date(logged_in, staff, caseworker):
    # REQ: REC-4, COO-1
    register(caseworker, name="Familien A", arrival_in_days=5)
    register(caseworker, name="Familien B", arrival_in_days=2)
    officer = staff["housing_officer"]
    client = logged_in(officer)
    html = _rows(client.get("/worklist/").content.decode())
    assert "Indflytningssyn" in html and "Familien A" in html and "Familien B" in html
    assert "Henvisning til danskuddannelse" not in html  # the integration unit's
    a, b = html.index("Familien B"), html.index("Familien A")
    assert a < b  # B arrives first, so its visit is due first

    family = logged_in(staff["family_consultant"])
    page = family.get("/worklist/", {"category": "school_daycare_start"}).content.decode()
    assert "Start i skole eller dagtilbud" in _rows(page) and "Startmøde" not in _rows(page)
    overdue = _rows(family.get("/worklist/", {"state": "overdue"}).content.decode())
    assert "Første screeningsmøde" in overdue  # due a week before arrival: already passed
    assert "Start i skole" not in overdue
    soon = _rows(family.get("/worklist/", {"state": "due_soon"}).content.decode())
    assert "Start i skole" in soon and "Første screeningsmøde" not in soon
    partial = family.get("/worklist/", headers={"HX-Request": "true"}).content.decode()
    assert partial.strip().startswith('<div id="results"')


def test_a_manager_chooses_any_unit_and_filters_by_role(logged_in, staff, caseworker):
    register(caseworker)
    from velkomst.core.models import Unit

    housing = Unit.objects.get(municipality=caseworker.municipality, kind="housing")
    client = logged_in(staff["manager"])
    html = client.get(
        "/worklist/", {"unit": housing.pk, "role": "housing_officer"}
    ).content.decode()
    assert "Indflytningssyn" in html


def test_the_worklist_query_count_does_not_grow_with_the_tasks(logged_in, staff, caseworker):
    # REQ: REC-4 (list pages: constant queries)
    client = logged_in(staff["caseworker"])
    register(caseworker, name="Familien 1")
    client.get("/worklist/")  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/worklist/").status_code == 200
    for i in range(4):
        register(caseworker, name=f"Familien {i + 2}", children=2)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/worklist/").status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    with CaptureQueriesContext(connection) as mine_few:
        client.get("/tasks/mine/")
    register(caseworker, name="Familien 9")
    with CaptureQueriesContext(connection) as mine_many:
        client.get("/tasks/mine/")
    assert len(mine_many) == len(mine_few)


def test_the_worklist_is_paginated(logged_in, staff, caseworker, settings):
    settings.VELKOMST_PAGE_SIZE = 5
    register(caseworker)
    html = logged_in(staff["caseworker"]).get("/worklist/").content.decode()
    assert "Side 1 af" in html


def test_a_plan_can_be_generated_from_the_page(logged_in, caseworker, household):
    # REQ: REC-2
    client = logged_in(caseworker)
    page = client.get(f"/households/{household.pk}/plan/").content.decode()
    assert "Lav modtageplan" in page
    response = client.post(f"/households/{household.pk}/plan/", {"generate": "1"})
    assert response.status_code == 302
    assert PlanTask.objects.filter(plan__household=household).exists()


def test_a_household_created_on_the_page_gets_its_plan(logged_in, caseworker):
    # REQ: REC-2
    client = logged_in(caseworker)
    today = timezone.localdate()
    response = client.post(
        "/households/new/",
        {
            "name": "Familien Ali",
            "visitation_date": today.isoformat(),
            "expected_arrival_date": (today + timedelta(days=40)).isoformat(),
            "arrival_date": "",
            "asylum_centre": "",
            "address": "",
            "member-TOTAL_FORMS": "1",
            "member-INITIAL_FORMS": "0",
            "member-MIN_NUM_FORMS": "1",
            "member-MAX_NUM_FORMS": "20",
            "member-0-first_name": "Ali",
            "member-0-last_name": "Hassan",
            "member-0-birth_date": "1990-02-03",
            "member-0-sex": "M",
            "member-0-nationality": "SY",
            "member-0-cpr": "",
            "member-0-residence_basis": "refugee",
            "member-0-relation": "head",
            "member-0-language": "ar",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PlanTask.objects.filter(plan__household__name="Familien Ali").exists()
