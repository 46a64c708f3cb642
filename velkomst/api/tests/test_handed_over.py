"""COO-5: once a household is handed over to another municipality, every write of the API about
it or its persons is refused with "moved to X on date", and nothing is written.

The walk goes over every write operation of the API's own OpenAPI schema (a new route is walked
as soon as it exists), with the handed-over household's ids in the path and the body, as the
sending municipality's own staff (the first role the route lets in)."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.core.models import AuditEntry

from .test_tenant_isolation import NATIONAL, SAMPLE_BODIES, _path
from .test_tenant_isolation import first as first  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

# routes that must be refused on a handed-over household (a sample of every app's writes; the
# walk asserts nothing is written for all the others too)
MUST_REFUSE = {
    ("PATCH", "/api/households/{household_id}"),
    ("PATCH", "/api/persons/{person_id}"),
    ("POST", "/api/cases/{case_id}/notes"),
    ("PUT", "/api/households/{household_id}/housing-need"),
    ("POST", "/api/persons/{person_id}/plan/activities"),
    ("POST", "/api/persons/{person_id}/plan/goals"),
    ("PUT", "/api/persons/{person_id}/contract"),
    ("POST", "/api/persons/{person_id}/consents"),
    ("POST", "/api/coordinations"),
    ("POST", "/api/persons/{person_id}/barriers"),
    ("PATCH", "/api/danish-referrals/{referral_id}"),
    ("POST", "/api/danish-exams"),
    ("POST", "/api/persons/{person_id}/employments"),
    ("POST", "/api/persons/{person_id}/benefit-periods"),
    ("POST", "/api/persons/{person_id}/plan/supports"),
}


@pytest.fixture
def handed_over(first, caseworker):
    from conftest import _make_user
    from velkomst.handover import services
    from velkomst.handover.models import Handover
    from velkomst.handover.services import MoveData

    household = first["household"]
    handover = Handover.objects.filter(household=household, state="sent").first()
    if handover is None:  # the walk's fixtures may have sent one already
        handover = services.handover_send(
            actor=caseworker,
            household=household,
            data=MoveData("Aalborg", "Boulevarden 1, 9000 Aalborg", date(2026, 9, 1)),
        )
    receiving = handover.receiving
    admin = _make_user(receiving, "administrator", "to-admin", ())
    services.handover_accept(
        actor=admin,
        handover=handover,
        caseworker=_make_user(receiving, "caseworker", "to-caseworker"),
        expected_version=handover.version,
    )
    first["receiving_name"] = receiving.name
    for key in ("household", "person", "case"):
        first[key].refresh_from_db()
    return first


def test_every_write_about_a_handed_over_household_is_refused(contract, api_as, handed_over, staff):
    # REQ: COO-5
    household = handed_over["household"]
    members = list(household.members.values_list("pk", flat=True))
    roles = ["caseworker", *[r for r in staff if r not in ("caseworker", "national")]]
    clients = {role: api_as(staff[role]) for role in roles}

    def written() -> int:
        return AuditEntry.objects.filter(
            person_id__in=members, action__in=["create", "change", "delete"]
        ).count()

    before = written()
    refused: set[tuple[str, str]] = set()
    for method, template in contract.operations():
        if method == "GET" or template.startswith((NATIONAL, "/api/retention", "/api/handovers")):
            continue
        body = SAMPLE_BODIES[(method, template)](handed_over)
        for role in roles:  # the first role the route lets in
            response = clients[role].request(method, _path(template, handed_over), body)
            if response.status_code != 403:
                break
        where = f"{method} {template}"
        if response.status_code == 409 and handed_over["receiving_name"] in str(response.json()):
            refused.add((method, template))
        assert written() == before, f"{where} wrote about the handed-over household"
    assert MUST_REFUSE <= refused, sorted(MUST_REFUSE - refused)
    # reading still works, and the household shows where it moved
    response = clients["caseworker"].get(f"/api/households/{household.pk}")
    assert response.status_code == 200
