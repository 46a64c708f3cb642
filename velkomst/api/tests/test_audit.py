"""SEC-3: every read and change through the API is in the audit log, with channel "api"."""

from __future__ import annotations

from velkomst.core.models import AuditAction, AuditEntry


def _entries(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("id"))


def test_reading_a_person_writes_a_view_entry(api_as, caseworker, person):
    """REQ: SEC-3"""
    response = api_as(caseworker).get(f"/api/persons/{person.pk}")
    assert response.status_code == 200
    [entry] = _entries(action=AuditAction.VIEW, person_id=person.pk)
    assert entry.channel == "api"
    assert entry.actor_id == caseworker.pk
    assert entry.municipality_id == caseworker.municipality_id
    assert entry.object_type == "people.Person" and entry.object_id == str(person.pk)


def test_reading_a_household_writes_a_view_entry_per_member(api_as, caseworker, household):
    """REQ: SEC-3"""
    api_as(caseworker).get(f"/api/households/{household.pk}")
    entries = _entries(action=AuditAction.VIEW, channel="api")
    assert sorted(e.person_id for e in entries) == sorted(
        household.members.values_list("pk", flat=True)
    )


def test_reading_a_case_and_its_notes_writes_view_entries(api_as, caseworker, case, note):
    """REQ: SEC-3"""
    client = api_as(caseworker)
    client.get(f"/api/cases/{case.pk}")
    client.get(f"/api/cases/{case.pk}/notes")
    entries = _entries(action=AuditAction.VIEW, channel="api")
    assert [e.person_id for e in entries] == [case.person_id, case.person_id]
    assert entries[1].reason == "journal notes"


def test_a_list_writes_one_search_entry_with_the_filters(api_as, caseworker, household):
    """REQ: SEC-3"""
    api_as(caseworker).get("/api/persons", q="Haddad", phase="pre_arrival", limit=2)
    [entry] = _entries(action=AuditAction.SEARCH)
    assert entry.person_id is None
    assert entry.channel == "api"
    assert entry.changes == {"q": [None, "Haddad"], "phase": [None, "pre_arrival"]}
    assert entry.reason == "persons"


def test_a_read_that_fails_writes_no_view_entry(api_as, other_caseworker, person):
    """REQ: SEC-3: nothing was shown, so nothing is logged as seen."""
    assert api_as(other_caseworker).get(f"/api/persons/{person.pk}").status_code == 404
    assert not _entries(action=AuditAction.VIEW)


def test_an_update_writes_a_change_entry_with_old_and_new_values(api_as, caseworker, person):
    """REQ: SEC-3"""
    response = api_as(caseworker).patch(
        f"/api/persons/{person.pk}",
        {"version": person.version, "first_name": "Amala", "nationality": "sy"},
    )
    assert response.status_code == 200
    [entry] = _entries(action=AuditAction.CHANGE, person_id=person.pk)
    assert entry.channel == "api"
    assert entry.changes == {"first_name": ["Amal", "Amala"]}  # nationality did not change


def test_a_household_update_writes_a_change_entry(api_as, caseworker, household):
    """REQ: SEC-3"""
    api_as(caseworker).patch(
        f"/api/households/{household.pk}",
        {"version": household.version, "arrival_date": "2026-07-02"},
    )
    [entry] = _entries(action=AuditAction.CHANGE, object_type="people.Household")
    assert entry.changes == {"arrival_date": [None, "2026-07-02"]}
    assert entry.channel == "api"


def test_writes_through_the_api_are_logged_with_channel_api(api_as, caseworker, case):
    """REQ: SEC-3"""
    client = api_as(caseworker)
    client.post(
        f"/api/cases/{case.pk}/phase",
        {"version": case.version, "to": "reception", "reason": "Ankommet"},
    )
    client.post(f"/api/cases/{case.pk}/notes", {"text": "Velkomstsamtale"})
    changes = _entries(person_id=case.person_id, channel="api")
    assert [(e.action, e.object_type) for e in changes] == [
        (AuditAction.CHANGE, "people.Case"),
        (AuditAction.CREATE, "people.JournalNote"),
    ]
    assert changes[0].changes == {"phase": ["pre_arrival", "reception"], "end_reason": ["", ""]}
    assert changes[0].reason == "Ankommet"


def test_creating_a_household_logs_each_created_object(api_as, caseworker, municipality):
    """REQ: SEC-3"""
    response = api_as(caseworker).post(
        "/api/households",
        {
            "name": "Familien Nour",
            "visitation_date": "2026-05-01",
            "members": [
                {
                    "first_name": "Nour",
                    "last_name": "Ali",
                    "birth_date": "1980-01-01",
                    "sex": "F",
                    "nationality": "SY",
                    "residence_basis": "family_reunified",
                    "relation": "head",
                }
            ],
        },
    )
    assert response.status_code == 201
    created = _entries(action=AuditAction.CREATE, channel="api")
    assert [e.object_type for e in created] == ["people.Household", "people.Person", "people.Case"]
