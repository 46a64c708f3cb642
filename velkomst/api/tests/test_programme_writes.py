"""API writes of the programme's leftovers: health records (HEA-1, HEA-2, PRG-6), support measures
on the plan (PRG-1), a company's contact persons and agreements (PRG-4) and result grant claims
(PRG-7): through the services, audited, versioned (409), errors in Danish naming the field."""

from __future__ import annotations

import pytest

from velkomst.core.models import AuditEntry, Unit
from velkomst.core.tests.test_tenancy import HEALTH_MARKER
from velkomst.people.models import Person

from .conftest import field_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def ids(household, staff, housing_ids):
    household.units.set(Unit.objects.filter(municipality=household.municipality))
    amal = household.members.get(first_name="Amal")
    return {**housing_ids, "person_id": amal.pk}


def _danish(client):
    client.headers["Accept-Language"] = "da"
    return client


def test_the_health_coordinator_records_health_data_and_others_cannot(api_as, staff, ids):
    # REQ: HEA-1
    person = ids["person_id"]
    health = api_as(staff["health_coordinator"])
    offer = health.post(f"/api/persons/{person}/health/offers", {"offered_on": "2026-08-01"})
    assert offer.status_code == 201 and offer.json()["answer"] == "pending"
    answered = health.post(
        f"/api/health-offers/{offer.json()['id']}/answer",
        {"version": 1, "answer": "accepted"},
    )
    assert answered.status_code == 422 and field_names(answered) == ["answered_on"]
    assert answered.json()["errors"][0]["message"] == "Skriv datoen for svaret."
    referral = health.post(
        f"/api/persons/{person}/health/referrals",
        {"kind": "trauma", "referred_on": "2026-08-21", "status_on": "2026-08-01"},
    )
    assert referral.status_code == 422 and field_names(referral) == ["status_on"]
    # a caseworker records no health data and reads none back (policy.py)
    caseworker = api_as(staff["caseworker"])
    for path, body in (
        (f"/api/persons/{person}/health/offers", {"offered_on": "2026-08-01"}),
        (
            f"/api/persons/{person}/health/assessments",
            {"assessed_on": "2026-08-20", "doctor": "X", "work_capacity": "ordinary"},
        ),
        (
            f"/api/health-assessments/{ids['assessment_id']}",
            {"version": 1, "conclusion": "ændret"},
        ),
    ):
        method = caseworker.patch if "health-assessments" in path else caseworker.post
        response = method(path, body)
        assert response.status_code == 403, path
        assert HEALTH_MARKER not in response.content.decode()
    assert AuditEntry.objects.filter(
        channel="api", action="create", person_id=person, actor_id=staff["health_coordinator"].pk
    ).exists()


def test_an_assessment_of_reduced_capacity_directs_the_plan_and_is_versioned(api_as, staff, ids):
    # REQ: PRG-6
    from velkomst.programme.models import IntegrationPlan

    person = ids["person_id"]
    health = api_as(staff["health_coordinator"])
    created = health.post(
        f"/api/persons/{person}/health/assessments",
        {
            "assessed_on": "2026-08-20",
            "doctor": "Dr. Hansen",
            "work_capacity": "reduced",
            "offer_id": ids["health_offer_id"],
        },
    )
    assert created.status_code == 201, created.content
    assert IntegrationPlan.objects.get(person_id=person).direction == "rehabilitation"
    path = f"/api/health-assessments/{created.json()['id']}"
    assert health.patch(path, {"version": 1, "doctor": "Dr. Holm"}).status_code == 200
    stale = health.patch(path, {"version": 1, "doctor": "Dr. Ib"})
    assert stale.status_code == 409
    unknown_offer = health.post(
        f"/api/persons/{person}/health/assessments",
        {"assessed_on": "2026-08-20", "doctor": "X", "work_capacity": "ordinary", "offer_id": 999},
    )
    assert unknown_offer.status_code == 422 and field_names(unknown_offer) == ["offer_id"]


def test_barriers_through_the_api_masked_and_guarded(api_as, staff, ids):
    # REQ: PRG-6
    person = ids["person_id"]
    caseworker = _danish(api_as(staff["caseworker"]))
    body = {
        "kind": "childcare",
        "measure": "Plads i dagpleje",
        "responsible_id": ids["staff_id"],
        "follow_up_on": "2026-10-01",
    }
    created = caseworker.post(f"/api/persons/{person}/barriers", body)
    assert created.status_code == 201 and created.json()["kind"] == "childcare"
    # a health barrier is health data: recorded by the health coordinator only
    refused = caseworker.post(f"/api/persons/{person}/barriers", {**body, "kind": "trauma"})
    assert refused.status_code == 403
    # the world's health barrier: the caseworker cannot change it, the coordinator can
    path = f"/api/barriers/{ids['barrier_id']}"
    assert caseworker.patch(path, {"version": 1, "measure": "X"}).status_code == 403
    health = api_as(staff["health_coordinator"])
    changed = health.patch(path, {"version": 1, "measure": "Genoptræning hver uge"})
    assert changed.status_code == 200 and changed.json()["description"] == HEALTH_MARKER
    assert health.patch(path, {"version": 1, "measure": "Y"}).status_code == 409
    empty = caseworker.post(f"/api/persons/{person}/barriers", {**body, "responsible_id": 9999})
    assert empty.status_code == 422 and field_names(empty) == ["responsible_id"]
    assert "medarbejder" in empty.json()["errors"][0]["message"]


def test_a_coordinated_plan_and_its_measures_through_the_api(api_as, staff, ids):
    # REQ: HEA-2
    client = api_as(staff["family_consultant"])
    created = client.post(
        "/api/coordinations",
        {
            "household_id": ids["household_id"],
            "coordinator_id": staff["family_consultant"].pk,
            "started_on": "2026-08-01",
            "goal": "Trygge rammer",
        },
    )
    assert created.status_code == 201, created.content
    both = client.post(
        "/api/coordinations",
        {
            "household_id": ids["household_id"],
            "person_id": ids["person_id"],
            "coordinator_id": staff["family_consultant"].pk,
            "started_on": "2026-08-01",
        },
    )
    assert both.status_code == 422 and field_names(both) == ["household_id"]
    coordination = created.json()["id"]
    school = Unit.objects.get(municipality=staff["caseworker"].municipality, kind="school")
    measure = client.post(
        f"/api/coordinations/{coordination}/measures",
        {"unit_id": school.pk, "measure": "Lektiecafé", "from_on": "2026-08-15"},
    )
    assert measure.status_code == 201 and measure.json()["version"] == 1
    wrong = client.patch(
        f"/api/coordinated-measures/{measure.json()['id']}",
        {"version": 1, "to_on": "2026-08-01"},
    )
    assert wrong.status_code == 422 and field_names(wrong) == ["to_on"]
    ended = client.patch(
        f"/api/coordinations/{coordination}", {"version": 1, "ended_on": "2026-12-01"}
    )
    assert ended.status_code == 200 and ended.json()["ended_on"] == "2026-12-01"
    assert (
        client.patch(
            f"/api/coordinations/{coordination}", {"version": 1, "goal": "Andet"}
        ).status_code
        == 409
    )
    # the audit rows are about every member of the household
    assert (
        AuditEntry.objects.filter(
            channel="api", action="change", object_id=str(coordination)
        ).count()
        == Person.objects.filter(household_id=ids["household_id"]).count()
    )
    # the measure's own text is a field named "measure", like the service's measure (a 500 before)
    renamed = client.patch(
        f"/api/coordinated-measures/{measure.json()['id']}",
        {"version": 1, "measure": "Lektiecafé og mentor"},
    )
    assert renamed.status_code == 200 and renamed.json()["measure"] == "Lektiecafé og mentor"


def test_support_measures_are_created_changed_and_ended(api_as, staff, ids):
    # REQ: PRG-1
    person = ids["person_id"]
    client = _danish(api_as(staff["caseworker"]))
    created = client.post(
        f"/api/persons/{person}/plan/supports", {"kind": "childcare", "starts_on": "2026-08-03"}
    )
    assert created.status_code == 201, created.content
    support = created.json()["id"]
    assert client.get(f"/api/supports/{support}").json()["kind"] == "childcare"
    early = client.post(f"/api/supports/{support}/end", {"version": 1, "ends_on": "2026-08-01"})
    assert early.status_code == 422 and field_names(early) == ["ends_on"]
    assert early.json()["errors"][0]["message"] == "Slutdatoen ligger før startdatoen."
    ended = client.post(f"/api/supports/{support}/end", {"version": 1, "ends_on": "2026-12-31"})
    assert ended.status_code == 200 and ended.json()["ends_on"] == "2026-12-31"
    stale = client.patch(f"/api/supports/{support}", {"version": 1, "note": "Hverdage"})
    assert stale.status_code == 409
    listed = client.get(f"/api/persons/{person}/plan/supports").json()
    assert {s["kind"] for s in listed} == {"bus_card", "childcare"}
    assert AuditEntry.objects.filter(channel="api", action="change", person_id=person).exists()
    # the family consultant reads the plan but does not change it
    reader = api_as(staff["family_consultant"])
    assert reader.get(f"/api/supports/{support}").status_code == 200
    assert reader.patch(f"/api/supports/{support}", {"version": 2, "note": "x"}).status_code == 403


def test_contact_persons_and_agreements_are_changed_with_their_version(api_as, staff, ids):
    # REQ: PRG-4
    client = _danish(api_as(staff["job_consultant"]))
    contact = f"/api/company-contacts/{ids['contact_id']}"
    changed = client.patch(contact, {"version": 1, "phone": "56950001", "role": "Mester"})
    assert changed.status_code == 200 and changed.json()["phone"] == "56950001"
    assert client.patch(contact, {"version": 1, "phone": "1"}).status_code == 409
    blank = client.patch(contact, {"version": 2, "name": "   "})
    assert blank.status_code == 422 and field_names(blank) == ["name"]
    agreement = f"/api/company-agreements/{ids['agreement_id']}"
    backwards = client.patch(agreement, {"version": 1, "valid_to": "2025-12-31"})
    assert backwards.status_code == 422 and field_names(backwards) == ["valid_to"]
    assert backwards.json()["errors"][0]["message"] == "Slutdatoen ligger før startdatoen."
    ok = client.patch(agreement, {"version": 1, "title": "Branchepakke køkken"})
    assert ok.status_code == 200 and [s["name"] for s in ok.json()["steps"]] == [
        "Introduktion",
        "Praktik",
    ]
    assert api_as(staff["caseworker"]).patch(contact, {"version": 2}).status_code == 403
    assert AuditEntry.objects.filter(channel="api", action="change").count() >= 2


def test_grant_claims_through_the_api(api_as, staff, ids):
    # REQ: PRG-7
    client = _danish(api_as(staff["manager"]))
    grants = client.get("/api/result-grants").json()["items"]
    by_person = {g["person_id"]: g for g in grants}
    assert by_person[ids["grant_person_id"]]["status"] == "open"
    assert by_person[ids["person_id"]]["status"] == "claimed"
    body = {
        "person_id": ids["grant_person_id"],
        "kind": "danish",
        "earned_on": ids["grant_earned_on"],
        "claimed_on": "2026-11-20",
        "amount": 37895,
        "reference": "STAR-2",
    }
    created = client.post("/api/result-grant-claims", body)
    assert created.status_code == 201 and created.json()["claimed_by_id"] == staff["manager"].pk
    twice = client.post("/api/result-grant-claims", {**body, "reference": "STAR-3"})
    assert twice.status_code == 422 and field_names(twice) == ["earned_on"]
    assert "allerede hjemtaget" in twice.json()["errors"][0]["message"]
    not_derived = client.post("/api/result-grant-claims", {**body, "earned_on": "2026-11-03"})
    assert not_derived.status_code == 422 and field_names(not_derived) == ["earned_on"]
    claim = created.json()["id"]
    paid = client.patch(
        f"/api/result-grant-claims/{claim}", {"version": 1, "paid_on": "2026-12-01"}
    )
    assert paid.status_code == 200 and paid.json()["paid_on"] == "2026-12-01"
    assert (
        client.patch(
            f"/api/result-grant-claims/{claim}", {"version": 1, "reference": "X"}
        ).status_code
        == 409
    )
    assert client.get("/api/result-grant-claims", paid=True).json()["count"] == 1
    assert client.get("/api/result-grants", status="paid").json()["count"] == 1
    # the job consultant reads the claims but does not claim
    consultant = api_as(staff["job_consultant"])
    assert consultant.get(f"/api/result-grant-claims/{claim}").status_code == 200
    assert consultant.post("/api/result-grant-claims", body).status_code == 403
    assert AuditEntry.objects.filter(
        channel="api", action="create", person_id=ids["grant_person_id"]
    ).exists()
