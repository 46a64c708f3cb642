"""Dates no case can have, through the API: 422 naming the field, nothing written (SEC-5); the
arrival registered moves the cases to reception (REC-6)."""

from __future__ import annotations

import pytest

from velkomst.people.models import Case, Household, Phase

from .conftest import field_names

pytestmark = pytest.mark.django_db


def test_an_arrival_before_the_visitation_is_a_422_naming_the_field(api_as, caseworker, household):
    # REQ: SEC-5
    response = api_as(caseworker).patch(
        f"/api/households/{household.pk}",
        {"version": household.version, "arrival_date": "2026-05-14"},
    )
    assert response.status_code == 422
    assert field_names(response) == ["arrival_date"]
    household.refresh_from_db()
    assert household.arrival_date is None and household.version == 1


def test_registering_the_arrival_moves_the_cases_to_reception(api_as, caseworker, household):
    # REQ: REC-6
    response = api_as(caseworker).patch(
        f"/api/households/{household.pk}",
        {"version": household.version, "arrival_date": "2026-07-01"},
    )
    assert response.status_code == 200
    cases = Case.objects.filter(person__household=household)
    assert cases.count() == 2
    assert all(case.phase == Phase.RECEPTION for case in cases)
    assert all(case.transitions.filter(to_phase=Phase.RECEPTION).count() == 1 for case in cases)


def test_creating_a_household_with_impossible_dates_names_the_fields(api_as, caseworker):
    # REQ: SEC-5
    body = {
        "name": "Familien Nasser",
        "visitation_date": "2026-05-15",
        "arrival_date": "2026-05-01",
        "members": [
            {
                "first_name": "Nadia",
                "last_name": "Nasser",
                "birth_date": "1800-01-01",
                "sex": "F",
                "nationality": "SY",
                "residence_basis": "refugee",
                "relation": "head",
            }
        ],
    }
    response = api_as(caseworker).post("/api/households", body)
    assert response.status_code == 422
    assert set(field_names(response)) == {"arrival_date", "members.0.birth_date"}
    assert not Household.objects.exists()


def test_a_birth_date_before_1900_is_a_422(api_as, caseworker, person):
    # REQ: SEC-5
    response = api_as(caseworker).patch(
        f"/api/persons/{person.pk}", {"version": person.version, "birth_date": "1800-01-01"}
    )
    assert response.status_code == 422
    assert field_names(response) == ["birth_date"]


def test_a_phase_change_before_the_visitation_is_a_422(api_as, caseworker, case):
    # REQ: SEC-5
    response = api_as(caseworker).post(
        f"/api/cases/{case.pk}/phase",
        {
            "version": case.version,
            "to": "reception",
            "reason": "Ankommet",
            "effective_date": "1899-12-31",
        },
    )
    assert response.status_code == 422
    assert field_names(response) == ["effective_date"]
    case.refresh_from_db()
    assert case.phase == Phase.PRE_ARRIVAL
