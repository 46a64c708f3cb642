"""A broken rule is a 4xx in the API's error format, never a 500: a service's ValidationError
names its field, named service errors carry the reader's message, and limit/offset are
bounded."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from velkomst.api.errors import service_field_errors
from velkomst.api.pagination import MAX_LIMIT, MAX_OFFSET
from velkomst.people.services import person_update

from .conftest import field_names

pytestmark = pytest.mark.django_db

BEYOND_INT64 = 9223372036854775808  # 2**63: overflows a 64-bit OFFSET on either database


def _list_paths(case) -> list[str]:
    return ["/api/households", "/api/persons", "/api/cases", f"/api/cases/{case.pk}/notes"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"offset": BEYOND_INT64}, "offset"),
        ({"offset": MAX_OFFSET + 1}, "offset"),
        ({"offset": -1}, "offset"),
        ({"offset": -BEYOND_INT64}, "offset"),
        ({"limit": 0}, "limit"),
        ({"limit": -1}, "limit"),
        ({"limit": MAX_LIMIT + 1}, "limit"),
        ({"limit": BEYOND_INT64}, "limit"),
        ({"offset": "abc"}, "offset"),
    ],
)
def test_list_bounds_are_a_422_naming_the_parameter_on_every_list(
    api_as, caseworker, case, note, params, field
):
    # REQ: SEC-5
    client = api_as(caseworker)
    for path in _list_paths(case):
        response = client.get(path, **params)
        assert response.status_code == 422, path
        assert field_names(response) == [field], path


def test_the_largest_offset_allowed_answers_an_empty_page(api_as, caseworker, case, note):
    # REQ: SEC-5
    client = api_as(caseworker)
    for path in _list_paths(case):
        response = client.get(path, offset=MAX_OFFSET, limit=MAX_LIMIT)
        assert response.status_code == 200, path
        assert response.json()["items"] == [] and response.json()["count"] >= 1


@pytest.fixture
def with_cpr(caseworker, person):
    return person_update(
        person=person, acting_user=caseworker, expected_version=1, cpr="1403881234"
    )


def test_a_services_validation_error_is_a_422_naming_the_field(api_as, caseworker, with_cpr):
    # REQ: SEC-5
    client = api_as(caseworker)
    response = client.patch(
        f"/api/persons/{with_cpr.pk}", {"version": with_cpr.version, "birth_date": "1990-01-01"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == [
        {"field": "birth_date", "message": "CPR-nummeret passer ikke med fødselsdatoen."}
    ]
    assert "birth_date" in body["detail"]
    with_cpr.refresh_from_db()
    assert str(with_cpr.birth_date) == "1988-03-14" and with_cpr.version == 2


def test_the_rule_message_is_in_the_readers_language(api_as, caseworker, with_cpr):
    # REQ: SEC-5
    client = api_as(caseworker)
    client.headers["Accept-Language"] = "en"
    response = client.patch(
        f"/api/persons/{with_cpr.pk}", {"version": with_cpr.version, "birth_date": "1990-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == (
        "The CPR number does not match the date of birth."
    )


def test_an_illegal_phase_step_is_a_409_with_the_phases_labels(api_as, caseworker, case):
    # REQ: SEC-5
    client = api_as(caseworker)
    response = client.post(
        f"/api/cases/{case.pk}/phase", {"version": case.version, "to": "programme", "reason": "x"}
    )
    assert response.status_code == 409
    [error] = response.json()["errors"]
    assert error == {
        "field": "to",
        "message": "Sagen kan ikke gå fra fasen Før ankomst til Program.",
    }


def test_ending_a_case_without_a_reason_names_the_reasons_by_label(api_as, caseworker, case):
    # REQ: SEC-5
    client = api_as(caseworker)
    client.post(
        f"/api/cases/{case.pk}/phase", {"version": case.version, "to": "reception", "reason": "x"}
    )
    response = client.post(
        f"/api/cases/{case.pk}/phase", {"version": case.version + 1, "to": "ended", "reason": "x"}
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "end_reason"
    assert "Selvforsørgende" in error["message"] and "self_supporting" not in error["message"]


@pytest.mark.parametrize(
    "error, expected",
    [
        (
            ValidationError({"rooms": ["For få.", "Skriv et tal."]}),
            [("rooms", "For få."), ("rooms", "Skriv et tal.")],
        ),
        (ValidationError({"__all__": ["Hele formularen."]}), [("body", "Hele formularen.")]),
        (ValidationError("Uden felt."), [("body", "Uden felt.")]),
        (ValidationError(["A.", "B."]), [("body", "A."), ("body", "B.")]),
    ],
)
def test_every_shape_of_validation_error_names_a_field(error, expected):
    # REQ: SEC-5
    assert service_field_errors(error) == expected


def test_a_concurrent_edit_is_a_409_on_version_in_the_readers_language(
    api_as, caseworker, household
):
    # REQ: SEC-5
    client = api_as(caseworker)
    client.headers["Accept-Language"] = "en"
    path = f"/api/households/{household.pk}"
    assert client.patch(path, {"version": 1, "name": "Familien H."}).status_code == 200
    stale = client.patch(path, {"version": 1, "name": "Familien X"})
    assert stale.status_code == 409
    assert stale.json()["errors"] == [
        {
            "field": "version",
            "message": "Someone else saved changes after you read the record. Your change was "
            "not saved; read it again and redo the change.",
        }
    ]


def test_an_api_patch_that_changes_nothing_keeps_the_version_and_writes_no_change_row(
    api_as, caseworker, household
):
    # REQ: SEC-5
    # REQ: SEC-3
    from velkomst.core.models import AuditEntry

    client = api_as(caseworker)
    path = f"/api/households/{household.pk}"
    response = client.patch(path, {"version": 1, "name": household.name})
    assert response.status_code == 200 and response.json()["version"] == 1
    changes = AuditEntry.objects.filter(action="change", object_type="people.Household")
    assert not changes.exists()


def test_a_nul_character_anywhere_in_the_input_is_a_422_naming_the_field(api_as, staff):
    # REQ: SEC-5
    api = api_as(staff["housing_officer"])
    # the report channel's name had no pattern of its own: PostgreSQL answered 500 before
    made = api.post("/api/report-channels", {"name": "Bolig\x00 Nord", "kind": "other"})
    assert made.status_code == 422 and field_names(made) == ["name"]
    assert "NUL" in made.json()["errors"][0]["message"]
    nested = api.post(
        "/api/report-channels", {"name": "Nord", "kind": "other", "x": [{"y": "\x00"}]}
    )
    assert nested.status_code == 422 and field_names(nested) == ["x.0.y"]
    listed = api_as(staff["caseworker"]).get("/api/persons", search="a\x00b")
    assert listed.status_code == 422 and field_names(listed) == ["search"]
    # the same input without it is stored
    assert (
        api.post("/api/report-channels", {"name": "Bolig Nord", "kind": "other"}).status_code == 201
    )
