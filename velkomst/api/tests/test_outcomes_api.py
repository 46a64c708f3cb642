"""The outcomes API (PRG-7): records, errors naming the field, versions, the grants list."""

from datetime import date

import pytest

from velkomst.core.models import AuditEntry
from velkomst.people.models import Case

from .conftest import field_names

pytestmark = pytest.mark.django_db

JOB = {
    "employer_name": "Netto Rønne",
    "cvr": "12345674",
    "start_date": "2025-02-01",
    "end_date": "2025-07-31",
    "hours_per_week": 30,
}


@pytest.fixture(autouse=True)
def _takeover(person):
    Case.objects.filter(person=person).update(takeover_date=date(2025, 1, 1))


def test_an_employment_through_the_api_earns_a_grant_listed_with_its_evidence(
    api_as, caseworker, staff, person
):
    # REQ: PRG-7
    client = api_as(caseworker)
    created = client.post(f"/api/persons/{person.pk}/employments", JOB)
    assert created.status_code == 201, created.content
    outcomes = client.get(f"/api/persons/{person.pk}/outcomes").json()
    assert outcomes["employments"][0]["employer_name"] == "Netto Rønne"
    assert outcomes["grants"][0]["amount"] == 88817
    grants = api_as(staff["manager"]).get("/api/result-grants", year=2025).json()
    assert grants["count"] == 1 and grants["items"][0]["kind"] == "job"
    assert "30,0 timer" in grants["items"][0]["evidence"]
    assert AuditEntry.objects.filter(channel="api", action="search", reason="result grants")
    assert AuditEntry.objects.filter(channel="api", action="view", person_id=person.pk)


def test_bad_input_is_a_422_naming_the_field(api_as, caseworker, person):
    # REQ: PRG-7
    client = api_as(caseworker)
    bad_cvr = client.post(f"/api/persons/{person.pk}/employments", {**JOB, "cvr": "12345678"})
    assert bad_cvr.status_code == 422 and field_names(bad_cvr) == ["cvr"]
    order = client.post(f"/api/persons/{person.pk}/employments", {**JOB, "end_date": "2025-01-01"})
    assert order.status_code == 422 and field_names(order) == ["end_date"]
    client.post(f"/api/persons/{person.pk}/employments", JOB)
    overlap = client.post(
        f"/api/persons/{person.pk}/employments", {**JOB, "start_date": "2025-07-01"}
    )
    assert overlap.status_code == 422 and field_names(overlap) == ["start_date"]


def test_a_stale_version_is_a_409(api_as, caseworker, person):
    # REQ: PRG-7
    client = api_as(caseworker)
    job = client.post(f"/api/persons/{person.pk}/employments", JOB).json()
    path = f"/api/employments/{job['id']}"
    assert client.patch(path, {"version": 1, "hours_per_week": 32}).status_code == 200
    assert client.patch(path, {"version": 1, "hours_per_week": 33}).status_code == 409


def test_the_grants_list_reads_the_stored_grants_in_a_constant_number_of_queries(
    api_as, caseworker, staff, person, household
):
    # REQ: PRG-7
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from velkomst.outcomes.models import DerivedGrant

    client = api_as(staff["manager"])

    def queries() -> int:
        client.get("/api/result-grants")  # the stored grants made current first
        with CaptureQueriesContext(connection) as captured:
            listed = client.get("/api/result-grants")
        assert listed.status_code == 200
        return len(captured.captured_queries)

    writer = api_as(caseworker)
    assert writer.post(f"/api/persons/{person.pk}/employments", JOB).status_code == 201
    one = queries()
    omar = household.members.get(first_name="Omar")
    Case.objects.filter(person=omar).update(takeover_date=date(2025, 1, 1))
    assert writer.post(f"/api/persons/{omar.pk}/employments", JOB).status_code == 201
    listed = client.get("/api/result-grants", kind="job", limit=1).json()
    assert listed["count"] == 2 and len(listed["items"]) == 1
    assert DerivedGrant.objects.filter(kind="job").count() == 2
    assert queries() == one
