"""The API's error messages are Danish, and English for a client that asks for English
(``Accept-Language``), on the households, persons and cases routers as on the housing ones."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def _messages(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return [error["message"] for error in response.json()["errors"]]


def _in(api: Any, language: str) -> Any:
    api.headers["Accept-Language"] = language
    return api


MEMBER = {
    "first_name": "Zahra",
    "last_name": "Ahmadi",
    "birth_date": "1995-06-01",
    "sex": "F",
    "nationality": "AF",
    "residence_basis": "quota_refugee",
    "relation": "head",
}

# (body changes, the Danish message, the English message)
HOUSEHOLD_CASES = [
    (
        {"members": [{**MEMBER, "nationality": "QQQ"}]},
        "Ikke en landekode efter ISO 3166-1",
        "Not an ISO 3166-1 country code",
    ),
    (
        {"members": [{**MEMBER, "languages": [{"language": "zz9", "proficiency": "native"}]}]},
        "Ikke en sprogkode efter ISO 639",
        "Not an ISO 639 language code",
    ),
    (
        {
            "members": [
                {
                    **MEMBER,
                    "languages": [
                        {"language": "prs", "proficiency": "native"},
                        {"language": "prs", "proficiency": "native"},
                    ],
                }
            ]
        },
        "Hvert sprog må kun angives én gang.",
        "Each language may be given once.",
    ),
    (
        {"members": [MEMBER, {**MEMBER, "first_name": "Reza"}]},
        "En husstand har præcis ét medlem med relationen hovedperson.",
        "A household has exactly one member with the relation head.",
    ),
    (
        {"expected_arrival_date": "2026-04-01"},
        "Forventet ankomst kan ikke ligge før visitationen.",
        "The expected arrival cannot be before the visitation.",
    ),
    (
        {"members": [{**MEMBER, "cpr": "0101901234"}]},
        "CPR-nummeret passer ikke med fødselsdatoen.",
        "The CPR number does not match the date of birth.",
    ),
    (
        {"caseworker_id": 999_999},
        "Der er ingen aktiv sagsbehandler med dette id.",
        "No active caseworker with this id.",
    ),
]


@pytest.mark.parametrize("changes, danish, english", HOUSEHOLD_CASES)
def test_household_errors_in_danish_and_in_english(api_as, caseworker, changes, danish, english):
    # REQ: SEC-5 (the same error format, with Danish and English messages)
    body = {"name": "Familien Ahmadi", "visitation_date": "2026-05-01", "members": [MEMBER]}
    body.update(changes)
    api = api_as(caseworker)
    assert any(danish in m for m in _messages(_in(api, "da").post("/api/households", body)))
    assert any(english in m for m in _messages(_in(api, "en").post("/api/households", body)))


def test_case_errors_in_danish_and_in_english(api_as, caseworker, case):
    # REQ: SEC-5
    api = api_as(caseworker)
    assign = {"version": case.version, "caseworker_id": 999_999, "reason": "Ny fordeling"}
    note = {"text": "Rettelse", "corrects_id": 999_999}
    for language, caseworker_message, note_message in (
        ("da", "Der er ingen aktiv sagsbehandler med dette id.", "Der er intet notat med dette id"),
        ("en", "No active caseworker with this id.", "No note with this id on this case."),
    ):
        _in(api, language)
        got = _messages(api.post(f"/api/cases/{case.pk}/caseworker", assign))
        assert got == [caseworker_message]
        assert note_message in _messages(api.post(f"/api/cases/{case.pk}/notes", note))[0]


def test_person_errors_in_danish_and_in_english(api_as, caseworker, person):
    # REQ: SEC-5
    api = api_as(caseworker)
    body = {"version": person.version, "nationality": "QQQ"}
    url = f"/api/persons/{person.pk}"
    assert "Ikke en landekode" in _messages(_in(api, "da").patch(url, body))[0]
    assert "Not an ISO 3166-1 country code" in _messages(_in(api, "en").patch(url, body))[0]


def test_the_new_housing_writes_answer_in_both_languages(api_as, staff, housing_ids):
    # REQ: HOU-8
    api = api_as(staff["housing_officer"])
    body = {
        "channel_id": 999_999,
        "reporter_name": "Ole",
        "reporter_phone": "1",
        "address": "Vej 1",
        "description": "Larm",
        "since": "2026-05-01",
    }
    assert _messages(_in(api, "da").post("/api/neighbour-reports", body)) == [
        "Der er ingen indberetningskanal med dette id."
    ]
    assert _messages(_in(api, "en").post("/api/neighbour-reports", body)) == [
        "No reporting channel with this id."
    ]
