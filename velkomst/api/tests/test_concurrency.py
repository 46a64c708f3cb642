"""SEC-5: concurrent edits never silently overwrite one another; bad input writes nothing."""

from __future__ import annotations

from velkomst.core.models import AuditAction, AuditEntry
from velkomst.people.models import Household, Person

from .conftest import field_names


def test_second_patch_with_the_same_version_is_409_and_overwrites_nothing(
    api_as, caseworker, staff, household, person
):
    """REQ: SEC-5: two staff members read version N; the second save is refused."""
    household.units.add(*staff["family_consultant"].units.all())
    seen = api_as(caseworker).get(f"/api/persons/{person.pk}").json()["version"]
    first = api_as(caseworker).patch(
        f"/api/persons/{person.pk}", {"version": seen, "first_name": "Amala"}
    )
    assert first.status_code == 200
    assert first.json()["version"] == seen + 1
    second = api_as(staff["family_consultant"]).patch(
        f"/api/persons/{person.pk}", {"version": seen, "first_name": "Amel", "sex": "X"}
    )
    assert second.status_code == 409
    assert "changed by someone else" in second.json()["detail"]
    person.refresh_from_db()
    assert (person.first_name, person.sex, person.version) == ("Amala", "F", seen + 1)
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, person_id=person.pk).count() == 1


def test_household_patch_with_a_stale_version_is_409(api_as, caseworker, household):
    """REQ: SEC-5"""
    client = api_as(caseworker)
    path = f"/api/households/{household.pk}"
    version = household.version
    assert client.patch(path, {"version": version, "name": "Familien H."}).status_code == 200
    stale = client.patch(path, {"version": version, "name": "Familien X"})
    assert stale.status_code == 409
    assert field_names(stale) == ["version"]
    assert Household.objects.get(pk=household.pk).name == "Familien H."


def test_phase_change_with_a_stale_version_is_409(api_as, caseworker, case):
    """REQ: SEC-5"""
    client = api_as(caseworker)
    path = f"/api/cases/{case.pk}/phase"
    body = {"version": case.version, "to": "reception", "reason": "Ankommet"}
    assert client.post(path, body).status_code == 200
    assert client.post(path, body | {"to": "ended", "end_reason": "moved_away"}).status_code == 409
    case.refresh_from_db()
    assert case.phase == "reception"


def test_patch_without_version_is_422_naming_version(api_as, caseworker, person):
    """REQ: SEC-5"""
    response = api_as(caseworker).patch(f"/api/persons/{person.pk}", {"first_name": "X"})
    assert response.status_code == 422
    assert field_names(response) == ["version"]


def test_a_household_with_one_invalid_member_is_not_created_at_all(api_as, caseworker):
    """REQ: SEC-5: all or nothing."""
    member = {
        "first_name": "Ok",
        "last_name": "Person",
        "birth_date": "1980-01-01",
        "sex": "F",
        "nationality": "SY",
        "residence_basis": "refugee",
        "relation": "head",
    }
    response = api_as(caseworker).post(
        "/api/households",
        {
            "name": "Familien Fejl",
            "visitation_date": "2026-05-01",
            "members": [member, member | {"relation": "child", "cpr": "3213001234"}],
        },
    )
    assert response.status_code == 422
    assert field_names(response) == ["members.1.cpr"]
    assert not Household.objects.filter(name="Familien Fejl").exists()
    assert not Person.objects.filter(first_name="Ok").exists()
