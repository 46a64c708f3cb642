"""The consents API (COO-4): record, list, check and withdraw; role-checked, tenant-scoped,
audited with the API channel; health consents hidden from roles that do not read health data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from velkomst.core.models import AuditEntry, Unit


def _seen(household):
    household.units.set(Unit.objects.filter(municipality=household.municipality))
    return household.members.get(first_name="Amal")


def test_record_check_and_withdraw(api_as, caseworker, household):
    # REQ: COO-4
    amal = _seen(household)
    jobcentre = Unit.objects.get(municipality=household.municipality, kind="jobcentre")
    api = api_as(caseworker)
    url = f"/api/persons/{amal.pk}/consents"
    made = api.post(
        url,
        {
            "purposes": ["share.plan", "contact.volunteer"],
            "unit_ids": [jobcentre.pk],
            "given_on": timezone.localdate().isoformat(),
        },
    )
    assert made.status_code == 201, made.content
    plan = next(c for c in made.json() if c["purpose"] == "share.plan")
    assert plan["unit_ids"] == [jobcentre.pk]
    assert plan["purpose_label"] == "Integrationsplan og aktiviteter"
    check = api.get(f"{url}/check", purpose="share.plan", unit_id=jobcentre.pk).json()
    assert check == [{"purpose": "share.plan", "covered": True, "consent_id": plan["id"]}]
    every = {c["purpose"]: c["covered"] for c in api.get(f"{url}/check").json()}
    assert every["contact.volunteer"] is True and every["share.plan"] is False  # no unit named
    assert "health.assessment" not in every  # not the caseworker's to see
    stale = api.post(f"/api/consents/{plan['id']}/withdraw", {"version": plan["version"] + 3})
    assert stale.status_code == 409
    withdrawn = api.post(f"/api/consents/{plan['id']}/withdraw", {"version": plan["version"]})
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]
    again = api.post(f"/api/consents/{plan['id']}/withdraw", {"version": plan["version"] + 1})
    assert again.status_code == 422 and "allerede trukket tilbage" in again.content.decode()
    check = api.get(f"{url}/check", purpose="share.plan", unit_id=jobcentre.pk).json()
    assert check[0]["covered"] is False
    assert AuditEntry.objects.filter(object_type="consent.Consent", channel="api").count() == 3


def test_bad_input_names_the_field(api_as, caseworker, household):
    # REQ: COO-4
    amal = _seen(household)
    response = api_as(caseworker).post(
        f"/api/persons/{amal.pk}/consents",
        {"purposes": ["share.plan"], "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 422
    assert "units" in response.content.decode()


def test_roles_and_tenants(api_as, staff, household, other_caseworker):
    # REQ: COO-4
    amal = _seen(household)
    url = f"/api/persons/{amal.pk}/consents"
    body: dict[str, Any] = {
        "purposes": ["contact.volunteer"],
        "given_on": timezone.localdate().isoformat(),
    }
    assert api_as(staff["housing_officer"]).post(url, body).status_code == 403
    assert api_as(staff["volunteer_coordinator"]).post(url, body).status_code == 201
    jobcentre = Unit.objects.get(municipality=household.municipality, kind="jobcentre")
    health = {**body, "purposes": ["health.assessment"], "unit_ids": [jobcentre.pk]}
    assert api_as(staff["caseworker"]).post(url, health).status_code == 403
    assert api_as(staff["health_coordinator"]).post(url, health).status_code == 201
    listed = api_as(staff["caseworker"]).get(url).json()
    assert [c["purpose"] for c in listed] == ["contact.volunteer"]
    assert api_as(other_caseworker).get(url).status_code == 404
    assert api_as(None).get(url).status_code == 401
