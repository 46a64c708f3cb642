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
