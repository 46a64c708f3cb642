"""The competences API (PRG-3): read, add and remove items, driving licence and IT skills;
tenant-scoped, role-checked, audited, with the API's error format."""

from __future__ import annotations

import pytest

from velkomst.competences.tests.conftest import FIXTURE_CODES
from velkomst.core.models import AuditEntry


@pytest.fixture(autouse=True)
def occupation_codes(settings):
    from velkomst.competences import occupations

    settings.OCCUPATIONS_DIR = FIXTURE_CODES
    occupations.clear_cache()
    yield
    occupations.clear_cache()


def test_add_read_and_remove(api_as, caseworker, person):
    # REQ: PRG-3
    api = api_as(caseworker)
    url = f"/api/persons/{person.pk}/competences"
    response = api.post(
        f"{url}/items",
        {
            "section": "work",
            "occupation": "7115",
            "country": "SY",
            "years": "3.5",
            "employer": "Bina",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["work"][0]["occupation_name"] == "Tømrere og snedkere"
    assert body["work"][0]["employer"] == "Bina"
    api.post(f"{url}/items", {"section": "language", "language": "ar", "level": "C2"})
    api.post(f"{url}/items", {"section": "skill", "tag": "Svejsning"})
    response = api.get(url)
    assert response.status_code == 200
    body = response.json()
    assert [s["tag"] for s in body["skills"]] == ["Svejsning"]
    assert body["languages"] == [
        {"id": body["languages"][0]["id"], "language": "ar", "level": "C2"}
    ]
    view = AuditEntry.objects.filter(action="view", channel="api", person_id=person.pk)
    assert view.exists()
    created = AuditEntry.objects.filter(action="create", channel="api", person_id=person.pk)
    assert created.count() == 3
    response = api.post(f"{url}/remove", {"section": "skill", "id": body["skills"][0]["id"]})
    assert response.status_code == 200 and response.json()["skills"] == []
    assert AuditEntry.objects.filter(action="delete", channel="api").count() == 1


def test_bad_input_is_422_naming_the_field(api_as, caseworker, person):
    # REQ: PRG-3
    api = api_as(caseworker)
    url = f"/api/persons/{person.pk}/competences/items"
    response = api.post(url, {"section": "work", "occupation": "9999", "country": "SY", "years": 2})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "occupation"
    response = api.post(
        url, {"section": "work", "occupation": "7115", "country": "SY", "years": 60}
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["years"]
    response = api.post(url, {"section": "skill", "tag": "Truck", "years": 2})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "years"
    response = api.post(url, {"section": "education", "field": "Byggeteknik"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"level", "country"}
    response = api.post(
        url,
        {
            "section": "recognition",
            "qualification": "Bachelor",
            "authority": "UFS",
            "applied_on": "2026-03-01",
            "result": "recognised",
            "decided_on": "2026-02-01",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "decided_on"


def test_profile_is_versioned(api_as, caseworker, person):
    # REQ: PRG-3
    api = api_as(caseworker)
    url = f"/api/persons/{person.pk}/competences/profile"
    first = api.put(url, {"driving_licences": ["B"], "it_level": "basic"})
    assert first.status_code == 200
    version = first.json()["version"]
    assert api.put(url, {"version": version, "driving_licences": ["B", "C"]}).status_code == 200
    stale = api.put(url, {"version": version, "driving_licences": ["A"]})
    assert stale.status_code == 409
    assert api.put(url, {"driving_licences": ["A"]}).status_code == 409  # no version: stale too


def test_roles_and_tenancy(api_as, staff, person, other_caseworker):
    url = f"/api/persons/{person.pk}/competences"
    assert api_as(staff["housing_officer"]).get(url).status_code == 403
    assert api_as(other_caseworker).get(url).status_code == 404
    family = staff["family_consultant"]
    family.units.add(*person.household.units.all())
    assert api_as(family).get(url).status_code == 200
    response = api_as(family).post(f"{url}/items", {"section": "skill", "tag": "Truck"})
    assert response.status_code == 403


def test_work_and_trades_in_words_and_codes(api_as, caseworker, person):
    # REQ: PRG-3
    api = api_as(caseworker)
    url = f"/api/persons/{person.pk}/competences"
    response = api.post(
        f"{url}/items", {"section": "work", "title": "Skrædder", "country": "SY", "years": 8}
    )
    assert response.status_code == 201, response.content
    work = response.json()["work"][0]
    assert (work["title"], work["occupation"], work["occupation_name"]) == ("Skrædder", "", "")
    response = api.post(
        f"{url}/items",
        {"section": "work", "title": "Kok", "occupation": "5120", "country": "SY", "years": 2},
    )
    assert response.status_code == 201
    coded = [w for w in response.json()["work"] if w["occupation"] == "5120"][0]
    assert (coded["title"], coded["occupation_name"]) == ("Kok", "Kokke")
    response = api.post(f"{url}/items", {"section": "trade", "title": "Buschauffør"})
    assert response.status_code == 201
    response = api.post(f"{url}/items", {"section": "trade", "occupation": "7115", "priority": 2})
    assert response.status_code == 201
    trades = response.json()["trades"]
    assert [(t["title"], t["occupation"], t["occupation_name"], t["priority"]) for t in trades] == [
        ("Buschauffør", "", "", 1),
        ("", "7115", "Tømrere og snedkere", 2),
    ]
    # the same words again, whatever their case: 422 on title
    response = api.post(f"{url}/items", {"section": "trade", "title": "BUSCHAUFFØR"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["title"]


def test_work_or_trade_with_neither_words_nor_code_is_422_on_title(api_as, caseworker, person):
    # REQ: PRG-3
    api = api_as(caseworker)
    url = f"/api/persons/{person.pk}/competences/items"
    for payload in (
        {"section": "work", "country": "SY", "years": 2},
        {"section": "work", "title": "", "country": "SY", "years": 2},
        {"section": "trade"},
        {"section": "trade", "title": "  ", "occupation": ""},
    ):
        response = api.post(url, payload)
        assert response.status_code == 422, payload
        assert [e["field"] for e in response.json()["errors"]] == ["title"], payload
    response = api.post(url, {"section": "work", "title": "Kok"})  # and what else is missing
    assert {e["field"] for e in response.json()["errors"]} == {"country", "years"}


def test_unknown_code_is_422(api_as, caseworker, person):
    # REQ: PRG-3
    api = api_as(caseworker)
    url = f"/api/persons/{person.pk}/competences/items"
    response = api.post(
        url,
        {"section": "work", "title": "Bager", "occupation": "1234", "country": "SY", "years": 2},
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["occupation"]
    response = api.post(url, {"section": "trade", "occupation": "1234"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["occupation"]
    response = api.post(url, {"section": "trade", "occupation": "12"})  # not four digits
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "occupation"


def test_without_the_code_list_words_are_recorded_and_a_code_refused(
    api_as, caseworker, person, settings, tmp_path
):
    # REQ: PRG-3
    from velkomst.competences import occupations

    settings.OCCUPATIONS_DIR = tmp_path
    occupations.clear_cache()
    api = api_as(caseworker)
    url = f"/api/persons/{person.pk}/competences/items"
    response = api.post(
        url, {"section": "work", "title": "Elektriker", "country": "SY", "years": 5}
    )
    assert response.status_code == 201
    response = api.post(url, {"section": "trade", "title": "Elektriker", "occupation": "7411"})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "occupation" and "ikke installeret" in error["message"]
    assert api.post(url, {"section": "trade", "title": "Elektriker"}).status_code == 201
