"""/api/cases: read, list, phase changes along the pipeline, caseworker, journal notes."""

from __future__ import annotations

import pytest
from django.test import Client

from velkomst.core.models import StaffUser
from velkomst.people.models import JournalNote, PhaseTransition

from .conftest import field_names


@pytest.fixture
def colleague(municipality):
    return StaffUser.objects.create_user(
        username="bh-cw2",
        first_name="Kim",
        last_name="Kofoed",
        municipality=municipality,
        role="caseworker",
        initials="KK",
    )


def test_read_case(api_as, caseworker, case):
    body = api_as(caseworker).get(f"/api/cases/{case.pk}").json()
    assert body["phase"] == "pre_arrival"
    assert body["allowed_phases"] == ["reception", "ended"]
    assert body["end_reason"] is None
    assert body["person_name"] == "Amal Haddad"
    assert body["caseworker"]["id"] == caseworker.pk
    assert body["caseworker"]["role"] == "caseworker"


def test_list_cases_with_filters(api_as, caseworker, colleague, household):
    client = api_as(caseworker)
    assert client.get("/api/cases").json()["count"] == 2
    assert client.get("/api/cases", phase="reception").json()["count"] == 0
    assert client.get("/api/cases", caseworker_id=caseworker.pk).json()["count"] == 2
    assert client.get("/api/cases", caseworker_id=colleague.pk).json()["count"] == 0
    assert client.get("/api/cases", mine=True).json()["count"] == 2
    assert field_names(client.get("/api/cases", phase="done")) == ["phase"]


def test_phase_change_along_the_pipeline(api_as, caseworker, case):
    client = api_as(caseworker)
    path = f"/api/cases/{case.pk}/phase"
    response = client.post(
        path,
        {"version": 1, "to": "reception", "reason": "Ankommet", "effective_date": "2026-07-01"},
    )
    assert response.status_code == 200
    assert response.json()["phase"] == "reception" and response.json()["version"] == 2
    transition = PhaseTransition.objects.filter(case=case).latest("id")
    assert (transition.from_phase, transition.to_phase, str(transition.effective_date)) == (
        "pre_arrival",
        "reception",
        "2026-07-01",
    )
    ended = client.post(
        path, {"version": 2, "to": "ended", "reason": "Job", "end_reason": "self_supporting"}
    ).json()
    assert (ended["phase"], ended["end_reason"], ended["allowed_phases"]) == (
        "ended",
        "self_supporting",
        [],
    )


def test_illegal_phase_transition_is_409_naming_both_phases(api_as, caseworker, case):
    response = api_as(caseworker).post(
        f"/api/cases/{case.pk}/phase", {"version": 1, "to": "programme", "reason": "Spring over"}
    )
    assert response.status_code == 409
    assert "pre_arrival" in response.json()["detail"]
    assert "programme" in response.json()["detail"]
    assert field_names(response) == ["to"]
    case.refresh_from_db()
    assert case.phase == "pre_arrival" and case.version == 1


def test_ending_a_case_needs_an_end_reason(api_as, caseworker, case):
    response = api_as(caseworker).post(
        f"/api/cases/{case.pk}/phase", {"version": 1, "to": "ended", "reason": "Fraflyttet"}
    )
    assert response.status_code == 422
    assert field_names(response) == ["end_reason"]
    case.refresh_from_db()
    assert case.phase == "pre_arrival"


@pytest.mark.parametrize(
    "body, field",
    [
        ({"to": "finished", "reason": "x"}, "to"),
        ({"to": "ended", "reason": "x", "end_reason": "bored"}, "end_reason"),
        ({"to": "reception", "reason": ""}, "reason"),
        ({"to": "reception"}, "reason"),
        ({"to": "reception", "reason": "x", "effective_date": "1. juli"}, "effective_date"),
    ],
)
def test_phase_change_validation_names_the_field(api_as, caseworker, case, body, field):
    response = api_as(caseworker).post(f"/api/cases/{case.pk}/phase", {"version": 1} | body)
    assert response.status_code == 422
    assert field_names(response) == [field]


def test_assign_caseworker(api_as, caseworker, colleague, case):
    response = api_as(caseworker).post(
        f"/api/cases/{case.pk}/caseworker",
        {"version": 1, "caseworker_id": colleague.pk, "reason": "Ny fordeling"},
    )
    assert response.status_code == 200
    assert response.json()["caseworker"] == {
        "id": colleague.pk,
        "name": "Kim Kofoed",
        "initials": "KK",
        "role": "caseworker",
    }


def test_only_a_caseworker_can_be_assigned(api_as, caseworker, staff, case):
    response = api_as(caseworker).post(
        f"/api/cases/{case.pk}/caseworker",
        {"version": 1, "caseworker_id": staff["job_consultant"].pk, "reason": "x"},
    )
    assert response.status_code == 422
    assert field_names(response) == ["caseworker_id"]


def test_add_and_list_notes_newest_first(api_as, caseworker, case, note):
    client = api_as(caseworker)
    response = client.post(f"/api/cases/{case.pk}/notes", {"text": "  Ringet op.  "})
    assert response.status_code == 201
    assert response.json()["text"] == "Ringet op."
    assert response.json()["author"]["id"] == caseworker.pk
    notes = client.get(f"/api/cases/{case.pk}/notes").json()
    assert notes["count"] == 2
    assert [n["text"] for n in notes["items"]] == ["Ringet op.", "Første samtale holdt."]


def test_a_correction_is_a_new_note_pointing_back(api_as, caseworker, case, note):
    client = api_as(caseworker)
    correction = client.post(
        f"/api/cases/{case.pk}/notes", {"text": "Rettelse: andet møde.", "corrects_id": note.pk}
    ).json()
    assert correction["corrects_id"] == note.pk
    notes = {n["id"]: n for n in client.get(f"/api/cases/{case.pk}/notes").json()["items"]}
    assert notes[note.pk]["corrected_by"] == [correction["id"]]
    assert notes[note.pk]["text"] == "Første samtale holdt."  # the original is unchanged


def test_a_note_can_only_correct_a_note_of_the_same_case(api_as, caseworker, household, note):
    other_case = household.members.get(first_name="Omar").case
    response = api_as(caseworker).post(
        f"/api/cases/{other_case.pk}/notes", {"text": "Rettelse", "corrects_id": note.pk}
    )
    assert response.status_code == 422
    assert field_names(response) == ["corrects_id"]


@pytest.mark.parametrize("text", ["", "   ", "x" * 10001])
def test_note_text_is_required_and_bounded(api_as, caseworker, case, text):
    response = api_as(caseworker).post(f"/api/cases/{case.pk}/notes", {"text": text})
    assert response.status_code == 422
    assert field_names(response) == ["text"]
    assert not JournalNote.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_notes_are_never_edited_or_deleted(caseworker, case, note, method):
    from velkomst.api.services import api_token_create

    _, key = api_token_create(user=caseworker, name="t")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    for path in (f"/api/cases/{case.pk}/notes", f"/api/cases/{case.pk}/notes/{note.pk}"):
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        assert response.status_code in (404, 405), path
    note.refresh_from_db()
    assert note.text == "Første samtale holdt."


def test_malformed_json_is_rejected(caseworker, case, contract):
    from velkomst.api.services import api_token_create

    _, key = api_token_create(user=caseworker, name="t")
    client = Client(headers={"Authorization": f"Bearer {key}"})
    path = f"/api/cases/{case.pk}/notes"
    response = client.post(path, data="{not json", content_type="application/json")
    contract.check("POST", path, response)
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/api/cases", "/api/households", "/api/cases/{case_id}/notes"])
def test_list_queries_do_not_grow_with_the_rows(
    api_as, caseworker, case, path, django_assert_max_num_queries
):
    from velkomst.people.services import note_add

    client = api_as(caseworker)
    path = path.format(case_id=case.pk)
    client.get(path)
    for n in range(6):
        note_add(case=case, acting_user=caseworker, text=f"Notat {n}")
    client.post("/api/households", _small_household("Familien A"))
    client.post("/api/households", _small_household("Familien B"))
    # token, audit entry, count, one page, one prefetch: however many rows
    with django_assert_max_num_queries(6):
        response = client.get(path, limit=100)
    assert response.json()["count"] >= 3


def _small_household(name: str) -> dict:
    return {
        "name": name,
        "visitation_date": "2026-05-01",
        "members": [
            {
                "first_name": "Ali",
                "last_name": name.split()[-1],
                "birth_date": "1970-01-01",
                "sex": "M",
                "nationality": "IQ",
                "residence_basis": "refugee",
                "relation": "head",
            }
        ],
    }
