"""The citizen pages through the real views and database."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import member
from velkomst.core.models import AuditEntry
from velkomst.people import services
from velkomst.people.models import Household, JournalNote, Person, Phase

pytestmark = pytest.mark.django_db


def test_my_citizens_lists_and_searches_with_masked_cpr(logged_in, caseworker, person):
    # REQ: SEC-2
    person.cpr = "1403881234"
    person.save(update_fields=["cpr"])
    client = logged_in(caseworker)
    page = client.get(reverse("person-list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Amal Haddad" in html and "140388-XXXX" in html and "1403881234" not in html
    found = client.get(reverse("person-list"), {"q": "omar"}).content.decode()
    assert "Omar Haddad" in found and "Amal Haddad" not in found
    by_cpr = client.get(reverse("person-list"), {"q": "140388"}).content.decode()
    assert "Amal Haddad" in by_cpr and "Omar" not in by_cpr


def test_search_as_you_type_returns_only_the_results_partial(logged_in, caseworker, person):
    client = logged_in(caseworker)
    response = client.get(reverse("person-list"), {"q": "Amal"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="results"' in html and "<html" not in html and "Amal Haddad" in html


def test_list_filters_by_phase_and_mine(logged_in, caseworker, staff, person):
    client = logged_in(caseworker)
    assert "Amal" in client.get(reverse("person-list"), {"phase": "pre_arrival"}).content.decode()
    assert "Amal" not in client.get(reverse("person-list"), {"phase": "programme"}).content.decode()
    manager = logged_in(staff["manager"])
    assert "Amal" not in manager.get(reverse("person-list"), {"scope": "mine"}).content.decode()


def _bulk_households(acting_user, count):
    for i in range(count):
        services.household_create(
            acting_user=acting_user,
            name=f"Husstand {i}",
            visitation_date=date(2026, 1, 5),
            members=[
                member(first_name=f"P{i}", last_name=f"L{i}"),
                member(first_name=f"S{i}", last_name=f"L{i}", relation="spouse"),
            ],
        )


def test_list_page_query_count_does_not_grow_with_rows(logged_in, caseworker):
    client = logged_in(caseworker)
    _bulk_households(caseworker, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("person-list"))
    _bulk_households(caseworker, 15)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("person-list"))
    assert len(many) == len(few)


def test_person_page_query_count_does_not_grow_with_notes(logged_in, caseworker, person):
    client = logged_in(caseworker)
    services.note_add(case=person.case, acting_user=caseworker, text="første")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("person-detail", args=[person.pk]))
    for i in range(10):
        note = services.note_add(case=person.case, acting_user=caseworker, text=f"n{i}")
        services.note_add(case=person.case, acting_user=caseworker, text="ret", corrects=note)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("person-detail", args=[person.pk]))
    assert len(many) == len(few)


def test_opening_a_person_writes_a_view_entry(logged_in, caseworker, person):
    # REQ: SEC-3
    client = logged_in(caseworker)
    response = client.get(reverse("person-detail", args=[person.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="view", person_id=person.pk).get()
    assert entry.actor_id == caseworker.pk and entry.object_type == "people.Person"


def test_household_page_logs_a_view_of_each_member(logged_in, caseworker, household):
    # REQ: SEC-3
    logged_in(caseworker).get(reverse("household-detail", args=[household.pk]))
    viewed = set(AuditEntry.objects.filter(action="view").values_list("person_id", flat=True))
    assert viewed == set(household.members.values_list("pk", flat=True))


def test_editing_a_person_shows_field_errors(logged_in, caseworker, person):
    # REQ: SEC-5
    client = logged_in(caseworker)
    url = reverse("person-edit", args=[person.pk])
    data = {
        "version": person.version,
        "first_name": "Amal",
        "last_name": "Haddad",
        "birth_date": "1988-03-14",
        "sex": "F",
        "nationality": "Syrria",
        "cpr": "3202881234",
        "residence_basis": "refugee",
        "relation": "head",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "nationality" in errors and "cpr" in errors
    assert errors["nationality"] == ["'Syrria' er ikke et kendt land. Mente du: Syrien?"]
    person.refresh_from_db()
    assert person.cpr == "" and person.version == 1


def test_a_concurrent_edit_is_detected_with_a_clear_message(logged_in, caseworker, person):
    # REQ: SEC-5
    client = logged_in(caseworker)
    url = reverse("person-edit", args=[person.pk])
    form = {
        "version": person.version,
        "first_name": "Amal",
        "last_name": "Haddad",
        "birth_date": "1988-03-14",
        "sex": "F",
        "nationality": "SY",
        "cpr": "",
        "residence_basis": "refugee",
        "relation": "head",
    }
    assert client.post(url, {**form, "first_name": "Amaal"}).status_code == 302
    second = client.post(url, {**form, "last_name": "Al-Haddad"})  # same (stale) version
    assert second.status_code == 200
    assert "En anden har gemt ændringer" in second.content.decode()
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.version) == ("Amaal", "Haddad", 2)


def test_adding_a_note_with_htmx_returns_the_notes_partial(logged_in, caseworker, person):
    client = logged_in(caseworker)
    url = reverse("note-add", args=[person.case.pk])
    response = client.post(url, {"text": "Velkomstmøde holdt"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="notes"' in html and "<html" not in html
    assert "Velkomstmøde holdt" in html
    empty = client.post(url, {"text": "   "})
    assert empty.status_code == 422 and JournalNote.objects.count() == 1


def test_adding_a_note_without_javascript_redirects_back(logged_in, caseworker, person):
    client = logged_in(caseworker)
    response = client.post(reverse("note-add", args=[person.case.pk]), {"text": "Samtale"})
    assert response.status_code == 302 and response.url.endswith("#notes")


def test_changing_phase_through_the_form(logged_in, caseworker, person):
    # REQ: REC-6
    client = logged_in(caseworker)
    url = reverse("case-phase", args=[person.case.pk])
    assert client.get(url).status_code == 200
    missing = client.post(
        url, {"version": 1, "to": "ended", "effective_date": "2026-07-01", "reason": "x"}
    )
    assert missing.status_code == 422 and "end_reason" in missing.context["form"].errors
    illegal = client.post(
        url, {"version": 1, "to": "programme", "effective_date": "2026-07-01", "reason": "x"}
    )
    assert illegal.status_code == 422 and "to" in illegal.context["form"].errors
    ok = client.post(
        url, {"version": 1, "to": "reception", "effective_date": "2026-07-01", "reason": "Ankommet"}
    )
    assert ok.status_code == 302
    person.case.refresh_from_db()
    assert person.case.phase == Phase.RECEPTION


def test_creating_a_household_with_members(logged_in, caseworker):
    # REQ: REC-5
    client = logged_in(caseworker)
    url = reverse("household-create")
    assert client.get(url).status_code == 200
    base = {
        "name": "Familien Ahmadi",
        "visitation_date": "2026-09-15",
        "expected_arrival_date": "2026-11-01",
        "arrival_date": "",
        "asylum_centre": "Center Sandholm",
        "member-TOTAL_FORMS": "2",
        "member-INITIAL_FORMS": "0",
        "member-MIN_NUM_FORMS": "1",
        "member-MAX_NUM_FORMS": "15",
    }
    people = {
        "member-0-first_name": "Reza",
        "member-0-last_name": "Ahmadi",
        "member-0-birth_date": "1990-02-01",
        "member-0-sex": "M",
        "member-0-nationality": "af",
        "member-0-residence_basis": "refugee",
        "member-0-relation": "head",
        "member-0-language": "prs",
        "member-0-interpreter_needed": "on",
        "member-1-first_name": "Sara",
        "member-1-last_name": "Ahmadi",
        "member-1-birth_date": "2019-05-05",
        "member-1-sex": "F",
        "member-1-nationality": "AF",
        "member-1-residence_basis": "refugee",
        "member-1-relation": "child",
    }
    bad = client.post(url, {**base, **people, "member-1-relation": "head"})
    assert bad.status_code == 422 and Household.objects.count() == 0
    assert "præcis én hovedperson" in bad.content.decode()
    grow = client.post(url, {**base, **people, "add_member": "1"})
    assert grow.status_code == 200 and len(grow.context["members"].forms) == 3
    response = client.post(url, {**base, **people})
    assert response.status_code == 302
    household = Household.objects.get(name="Familien Ahmadi")
    reza = household.members.get(first_name="Reza")
    assert reza.nationality == "AF" and reza.case.caseworker == caseworker
    assert reza.case.takeover_date == date(2026, 11, 2)  # 1 Nov 2026 is a Sunday
    assert reza.languages.get().interpreter_needed
    assert not Person.objects.filter(first_name="Sara", case__isnull=False).exists()


def test_contact_persons_through_the_page(logged_in, staff, person):
    # REQ: REC-5
    client = logged_in(staff["manager"])
    url = reverse("case-contacts", args=[person.case.pk])
    for role in ("job_consultant", "family_consultant", "housing_officer"):
        client.post(url, {"staff": staff[role].pk, "reason": "Tovholder"})
    followed = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "højst have to kontaktpersoner" in followed
    assert person.case.assignments.filter(kind="contact", ended_at__isnull=True).count() == 2
    client.post(url, {"remove": staff["job_consultant"].pk})
    assert person.case.assignments.filter(kind="contact", ended_at__isnull=True).count() == 1


def test_changing_the_caseworker_through_the_page(logged_in, staff, caseworker, person):
    # REQ: REC-5
    from conftest import _make_user

    new = _make_user(caseworker.municipality, "caseworker", "bh-cw2")
    client = logged_in(staff["manager"])
    url = reverse("case-caseworker", args=[person.case.pk])
    page = client.get(url)
    choices = [c[1] for c in page.context["form"].fields["caseworker"].choices]
    assert page.status_code == 200 and any("Caseworker" in str(label) for label in choices)
    assert not any("Manager" in str(label) for label in choices)  # only caseworkers
    response = client.post(url, {"version": 1, "caseworker": new.pk, "reason": "Omfordeling"})
    assert response.status_code == 302
    person.case.refresh_from_db()
    assert person.case.caseworker == new


def test_the_systems_reason_for_an_assignment_is_in_the_readers_language(
    logged_in, caseworker, person
):
    # REQ: REC-5
    client = logged_in(caseworker)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "Case opened" in html
    assert "Sag oprettet" not in html
