"""/api/persons: search and read (CPR masked in lists), update with validation."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.people.services import household_create, person_update

from .conftest import field_names


@pytest.fixture
def with_cpr(caseworker, person):
    person_update(
        person=person, acting_user=caseworker, expected_version=person.version, cpr="1403881234"
    )
    person.refresh_from_db()
    return person


def test_list_masks_cpr_and_read_shows_it_in_full(api_as, caseworker, with_cpr):
    client = api_as(caseworker)
    listed = client.get("/api/persons").json()
    [amal] = [p for p in listed["items"] if p["id"] == with_cpr.pk]
    assert amal["cpr_masked"] == "140388-XXXX"
    assert "cpr" not in amal
    assert "1403881234" not in str(listed)
    detail = client.get(f"/api/persons/{with_cpr.pk}").json()
    assert detail["cpr"] == "1403881234"
    assert detail["cpr_masked"] == "140388-XXXX"
    assert detail["languages"] == [
        {"language": "ar", "proficiency": "native", "interpreter_needed": True}
    ]
    assert detail["phase"] == "pre_arrival" and detail["case_id"] == with_cpr.case.pk


@pytest.mark.parametrize(
    "params, names",
    [
        ({}, ["Amal", "Lina", "Omar"]),
        ({"q": "amal"}, ["Amal"]),
        ({"q": "Familien Haddad"}, ["Amal", "Lina", "Omar"]),
        ({"q": "140388"}, ["Amal"]),
        ({"q": "140388-1234"}, ["Amal"]),
        ({"phase": "pre_arrival"}, ["Amal", "Omar"]),
        ({"phase": "programme"}, []),
        ({"nationality": "sy"}, ["Amal", "Lina", "Omar"]),
        ({"nationality": "SYR"}, ["Amal", "Lina", "Omar"]),  # ISO 3166 alpha-3 read as alpha-2
        ({"nationality": "ER"}, []),
        ({"mine": "true"}, ["Amal", "Omar"]),
    ],
)
def test_list_filters(api_as, caseworker, with_cpr, params, names):
    response = api_as(caseworker).get("/api/persons", **params)
    assert response.status_code == 200
    assert sorted(p["first_name"] for p in response.json()["items"]) == names


@pytest.mark.parametrize(
    "params, field",
    [
        ({"phase": "waiting"}, "phase"),
        ({"nationality": "ZZ"}, "nationality"),
        ({"nationality": "QQQ"}, "nationality"),
        ({"nationality": "Syrien"}, "nationality"),  # the API takes codes, not names
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"unknown": "x"}, None),  # unknown query parameters are ignored
    ],
)
def test_list_rejects_bad_filters_naming_them(api_as, caseworker, person, params, field):
    response = api_as(caseworker).get("/api/persons", **params)
    if field is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 422
        assert field_names(response) == [field]


def test_list_is_paginated_with_limit_and_offset(api_as, caseworker, household):
    client = api_as(caseworker)
    first = client.get("/api/persons", limit=2).json()
    rest = client.get("/api/persons", limit=2, offset=2).json()
    assert first["count"] == rest["count"] == 3
    assert len(first["items"]) == 2 and len(rest["items"]) == 1
    assert [p["last_name"] for p in first["items"] + rest["items"]] == ["Haddad"] * 3


def test_list_queries_do_not_grow_with_the_rows(
    api_as, caseworker, household, django_assert_max_num_queries
):
    from conftest import member

    client = api_as(caseworker)
    client.get("/api/persons")  # token lookup etc. warmed up
    for n in range(5):
        household_create(
            acting_user=caseworker,
            name=f"Familien {n}",
            visitation_date=date(2026, 5, 1),
            members=[member(last_name=f"Nr{n}"), member(first_name="Barn", relation="child")],
        )
    # token, audit entry, count, one page: however many rows (plus at most a last_used_at write)
    with django_assert_max_num_queries(5):
        response = client.get("/api/persons", limit=100)
    assert response.json()["count"] == 13


def test_patch_changes_the_fields_sent(api_as, caseworker, person):
    response = api_as(caseworker).patch(
        f"/api/persons/{person.pk}",
        {
            "version": person.version,
            "last_name": "  Haddad-Ali ",
            "nationality": "sy",
            "cpr": "140388-1234",
            "relation": "spouse",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["last_name"], body["nationality"], body["cpr"], body["relation"]) == (
        "Haddad-Ali",
        "SY",
        "1403881234",
        "spouse",
    )
    person.refresh_from_db()
    assert person.first_name == "Amal" and person.cpr == "1403881234"
    assert body["version"] == person.version


@pytest.mark.parametrize(
    "change, field",
    [
        ({"cpr": "12345"}, "cpr"),
        ({"cpr": "3213881234"}, "cpr"),  # no such date
        ({"cpr": "0101901234"}, "cpr"),  # a valid CPR, but not this person's birth date
        ({"birth_date": "1990-01-01", "cpr": "1403881234"}, "cpr"),
        ({"nationality": "XY"}, "nationality"),
        ({"nationality": "Syria"}, "nationality"),
        ({"sex": "Q"}, "sex"),
        ({"residence_basis": "tourist"}, "residence_basis"),
        ({"relation": "cousin"}, "relation"),
        ({"first_name": "   "}, "first_name"),
        ({"first_name": None}, "first_name"),
        ({"birth_date": "14-03-1988"}, "birth_date"),
        ({"version": 0}, "version"),
        ({"household_id": 1}, "household_id"),  # not editable, not silently ignored
    ],
)
def test_patch_validation_names_the_field(api_as, caseworker, person, change, field):
    response = api_as(caseworker).patch(
        f"/api/persons/{person.pk}", {"version": person.version} | change
    )
    assert response.status_code == 422
    assert field_names(response) == [field]
    assert field in response.json()["detail"]
    person.refresh_from_db()
    assert person.version == 1


def test_patch_birth_date_must_match_the_stored_cpr(api_as, caseworker, with_cpr):
    response = api_as(caseworker).patch(
        f"/api/persons/{with_cpr.pk}", {"version": with_cpr.version, "birth_date": "1988-03-15"}
    )
    assert response.status_code == 422
    assert field_names(response) == ["birth_date"]


def test_patch_can_clear_the_cpr(api_as, caseworker, with_cpr):
    response = api_as(caseworker).patch(
        f"/api/persons/{with_cpr.pk}", {"version": with_cpr.version, "cpr": ""}
    )
    assert response.status_code == 200
    assert response.json()["cpr"] == "" and response.json()["cpr_masked"] == ""


def test_unknown_person_is_404(api_as, caseworker, person):
    response = api_as(caseworker).get("/api/persons/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "Not found."


def test_non_numeric_id_is_422(api_as, caseworker, person):
    response = api_as(caseworker).get("/api/persons/abc")
    assert response.status_code == 422
    assert field_names(response) == ["person_id"]
