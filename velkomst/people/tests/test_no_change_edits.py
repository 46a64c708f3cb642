"""An edit that changes nothing writes no audit row and keeps the version, so it neither fills a
citizen's log with non-events nor refuses a colleague's edit (SEC-3, SEC-5)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from velkomst.core.models import AuditEntry
from velkomst.people.services import household_update, person_update

pytestmark = pytest.mark.django_db

PERSON_FORM = {
    "first_name": "Amal",
    "last_name": "Haddad",
    "birth_date": "1988-03-14",
    "sex": "F",
    "nationality": "SY",
    "cpr": "",
    "residence_basis": "refugee",
    "relation": "head",
}
HOUSEHOLD_FORM = {
    "name": "Familien Haddad",
    "expected_arrival_date": "2026-07-01",
    "arrival_date": "",
    "asylum_centre": "",
    "address": "",
}


def test_saving_a_person_form_unchanged_writes_nothing_and_a_colleague_still_saves(
    logged_in, caseworker, person
):
    # REQ: SEC-5
    client = logged_in(caseworker)
    url = reverse("person-edit", args=[person.pk])
    before = AuditEntry.objects.filter(action="change").count()
    assert client.post(url, PERSON_FORM | {"version": 1}).status_code == 302
    person.refresh_from_db()
    assert person.version == 1
    assert AuditEntry.objects.filter(action="change").count() == before
    # the colleague who opened the form at version 1 is not refused for nothing
    assert (
        client.post(url, PERSON_FORM | {"version": 1, "last_name": "Al-Haddad"}).status_code == 302
    )
    person.refresh_from_db()
    assert (person.last_name, person.version) == ("Al-Haddad", 2)
    [row] = AuditEntry.objects.filter(action="change", person_id=person.pk)
    assert row.changes == {"last_name": ["Haddad", "Al-Haddad"]}


def test_saving_a_household_form_unchanged_writes_nothing(logged_in, caseworker, household):
    # REQ: SEC-5
    client = logged_in(caseworker)
    url = reverse("household-edit", args=[household.pk])
    before = AuditEntry.objects.count()
    assert client.post(url, HOUSEHOLD_FORM | {"version": 1}).status_code == 302
    household.refresh_from_db()
    assert household.version == 1
    assert AuditEntry.objects.count() == before


# The examples share the fixtures' rows; each counts from where the last one left off.
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "first_name": st.sampled_from(["Amal", "Amaal"]),
                "last_name": st.sampled_from(["Haddad", "Al-Haddad"]),
                "sex": st.sampled_from(["F", "M"]),
            },
        ),
        max_size=6,
    )
)
def test_the_version_counts_exactly_the_edits_that_changed_something(caseworker, household, edits):
    # REQ: SEC-5
    # REQ: SEC-3
    person = household.members.get(relation="head")
    start_version = person.version
    start_rows = AuditEntry.objects.filter(person_id=person.pk, action="change").count()
    changed = 0
    for values in edits:
        state = {name: getattr(person, name) for name in values}
        changed += state != values
        person = person_update(
            person=person, acting_user=caseworker, expected_version=person.version, **values
        )
    person.refresh_from_db()
    assert person.version - start_version == changed
    rows = AuditEntry.objects.filter(person_id=person.pk, action="change").count() - start_rows
    assert rows == changed


def test_an_unchanged_household_update_returns_without_a_write(caseworker, household):
    # REQ: SEC-5
    before = AuditEntry.objects.count()
    household_update(
        household=household,
        acting_user=caseworker,
        expected_version=household.version,
        name="Familien Haddad",
        expected_arrival_date=date(2026, 7, 1),
    )
    household.refresh_from_db()
    assert household.version == 1 and AuditEntry.objects.count() == before


def test_a_birth_date_that_contradicts_the_stored_cpr_is_refused_naming_the_field(
    caseworker, person
):
    # REQ: SEC-5
    person = person_update(
        person=person, acting_user=caseworker, expected_version=1, cpr="1403881234"
    )
    with pytest.raises(ValidationError) as refused:
        person_update(
            person=person,
            acting_user=caseworker,
            expected_version=person.version,
            birth_date=date(1990, 1, 1),
        )
    assert list(refused.value.message_dict) == ["birth_date"]
    person.refresh_from_db()
    assert (person.birth_date, person.version) == (date(1988, 3, 14), 2)
