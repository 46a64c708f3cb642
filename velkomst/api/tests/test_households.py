"""/api/households: create with members, list, read, update."""

from __future__ import annotations

from typing import Any

import pytest

from velkomst.core.models import StaffUser
from velkomst.people.models import Household

from .conftest import field_names


def _member(**overrides: Any) -> dict[str, Any]:
    return {
        "first_name": "Hamid",
        "last_name": "Rahimi",
        "birth_date": "1984-11-20",
        "sex": "M",
        "nationality": "AF",
        "residence_basis": "refugee",
        "relation": "head",
        "cpr": "2011841235",
        "languages": [
            {"language": "prs", "proficiency": "native", "interpreter_needed": True},
            {"language": "EN", "proficiency": "basic"},
        ],
    } | overrides


def _household(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Familien Rahimi",
        "visitation_date": "2026-05-04",
        "expected_arrival_date": "2026-06-15",
        "asylum_centre": "Center Sandholm",
        "members": [
            _member(),
            _member(
                first_name="Sara",
                birth_date="2015-02-03",
                sex="F",
                relation="child",
                cpr="",
                languages=[],
            ),
        ],
    } | overrides


def test_create_household_with_members_and_cases_for_adults(api_as, caseworker):
    response = api_as(caseworker).post("/api/households", _household())
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Familien Rahimi" and body["version"] == 1
    members = {m["first_name"]: m for m in body["members"]}
    assert members["Hamid"]["cpr_masked"] == "201184-XXXX"
    assert members["Hamid"]["phase"] == "pre_arrival" and members["Hamid"]["case_id"]
    assert members["Sara"]["case_id"] is None  # a child has no integration case
    household = Household.objects.get(pk=body["id"])
    hamid = household.members.get(first_name="Hamid")
    assert hamid.case.caseworker == caseworker  # the creating caseworker by default
    assert sorted(hamid.languages.values_list("language", flat=True)) == ["en", "prs"]


@pytest.mark.parametrize(
    ("sent", "stored"), [("XXA", "XXA"), ("xxx", "XXX"), ("XX", "XXX"), ("SYR", "SY")]
)
def test_create_stores_stateless_unknown_and_alpha3_as_the_code_list_says(
    api_as, caseworker, sent, stored
):
    # REQ: REC-1
    member = _member(
        nationality=sent,
        languages=[
            {"language": "ara", "proficiency": "native"},
            {"language": "per", "proficiency": "basic"},
        ],
    )
    response = api_as(caseworker).post("/api/households", _household(members=[member]))
    assert response.status_code == 201, response.json()
    assert response.json()["members"][0]["nationality"] == stored
    hamid = Household.objects.get(pk=response.json()["id"]).members.get()
    assert sorted(hamid.languages.values_list("language", flat=True)) == ["ar", "fa"]


def test_create_with_arrival_date_starts_in_reception(api_as, caseworker):
    response = api_as(caseworker).post("/api/households", _household(arrival_date="2026-06-15"))
    assert response.json()["members"][0]["phase"] == "reception"


def test_create_with_another_caseworker(api_as, caseworker, municipality):
    colleague = StaffUser.objects.create_user(
        username="bh-cw2", municipality=municipality, role="caseworker"
    )
    response = api_as(caseworker).post("/api/households", _household(caseworker_id=colleague.pk))
    assert response.status_code == 201
    case_id = response.json()["members"][0]["case_id"]
    assert (
        api_as(caseworker).get(f"/api/cases/{case_id}").json()["caseworker"]["id"] == colleague.pk
    )


def test_caseworker_id_must_be_a_caseworker(api_as, caseworker, staff):
    response = api_as(caseworker).post(
        "/api/households", _household(caseworker_id=staff["manager"].pk)
    )
    assert response.status_code == 422
    assert field_names(response) == ["caseworker_id"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"members": []}, "members"),
        ({"members": [_member(relation="child")]}, "members"),  # no head
        ({"members": [_member(), _member(first_name="B")]}, "members"),  # two heads
        ({"members": [_member(cpr="2011841")]}, "members.0.cpr"),
        ({"members": [_member(cpr="0101901234")]}, "members.0.cpr"),  # not the birth date
        ({"members": [_member(nationality="QQ")]}, "members.0.nationality"),
        ({"members": [_member(sex="male")]}, "members.0.sex"),
        ({"members": [_member(residence_basis="asylum")]}, "members.0.residence_basis"),
        (
            {"members": [_member(languages=[{"language": "xx", "proficiency": "native"}])]},
            "members.0.languages.0.language",
        ),
        (
            {"members": [_member(languages=[{"language": "ar", "proficiency": "some"}])]},
            "members.0.languages.0.proficiency",
        ),
        (
            {
                "members": [
                    _member(
                        languages=[
                            {"language": "ar", "proficiency": "native"},
                            {"language": "AR", "proficiency": "basic"},
                        ]
                    )
                ]
            },
            "members.0.languages",
        ),
        ({"name": ""}, "name"),
        ({"visitation_date": None}, "visitation_date"),
        ({"expected_arrival_date": "2026-01-01"}, "expected_arrival_date"),  # before visitation
        ({"caseworker_id": 999999}, "caseworker_id"),
        ({"municipality_id": 1}, "municipality_id"),
    ],
)
def test_create_validation_names_the_field(api_as, caseworker, change, field):
    response = api_as(caseworker).post("/api/households", _household(**change))
    assert response.status_code == 422
    assert field_names(response) == [field]
    assert not Household.objects.exists()


def test_list_and_search_households(api_as, caseworker, household):
    client = api_as(caseworker)
    client.post("/api/households", _household())
    everything = client.get("/api/households").json()
    assert everything["count"] == 2
    assert [h["name"] for h in everything["items"]] == ["Familien Haddad", "Familien Rahimi"]
    found = client.get("/api/households", q="rahimi").json()
    assert [h["name"] for h in found["items"]] == ["Familien Rahimi"]
    assert client.get("/api/households", q="Nobody").json() == {"items": [], "count": 0}


def test_read_household_lists_members_with_masked_cpr(api_as, caseworker, household):
    body = api_as(caseworker).get(f"/api/households/{household.pk}").json()
    assert body["name"] == "Familien Haddad"
    assert sorted(m["first_name"] for m in body["members"]) == ["Amal", "Lina", "Omar"]
    assert all("cpr" not in m for m in body["members"])


def test_patch_household(api_as, caseworker, household):
    response = api_as(caseworker).patch(
        f"/api/households/{household.pk}",
        {
            "version": household.version,
            "arrival_date": "2026-07-01",
            "address": "Storegade 1, 3700 Rønne",
            "expected_arrival_date": None,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["arrival_date"] == "2026-07-01" and body["expected_arrival_date"] is None
    assert body["address"] == "Storegade 1, 3700 Rønne"
    assert body["name"] == "Familien Haddad"
    assert body["version"] == household.version + 1


@pytest.mark.parametrize(
    "change, field",
    [
        ({"name": None}, "name"),
        ({"name": "x" * 121}, "name"),
        ({"arrival_date": "tomorrow"}, "arrival_date"),
        ({"members": []}, "members"),
    ],
)
def test_patch_household_validation_names_the_field(api_as, caseworker, household, change, field):
    response = api_as(caseworker).patch(
        f"/api/households/{household.pk}", {"version": household.version} | change
    )
    assert response.status_code == 422
    assert field_names(response) == [field]
