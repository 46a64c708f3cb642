"""Danish education through the API (PRG-2): a referral, a module and attendance, an exam, the
errors naming the field, a stale version refused, and the audit rows."""

from __future__ import annotations

import pytest

from velkomst.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre_id(api_as, caseworker):
    response = api_as(caseworker).post("/api/language-centres", {"name": "Sprogcenter Rønne"})
    assert response.status_code == 201
    return response.json()["id"]


def test_a_referral_with_modules_attendance_and_an_exam(api_as, caseworker, person, centre_id):
    # REQ: PRG-2
    api = api_as(caseworker)
    response = api.post(
        "/api/danish-referrals",
        {
            "person_id": person.pk,
            "centre_id": centre_id,
            "track": "DU1",
            "referred_on": "2026-07-20",
            "started_on": "2026-08-10",
        },
    )
    assert response.status_code == 201, response.content
    referral = response.json()
    assert referral["track"] == "DU1" and referral["modules"] == []
    rid = referral["id"]
    module = api.post(
        f"/api/danish-referrals/{rid}/modules",
        {"module": 6, "started_on": "2026-09-01", "passed_on": "2026-11-20"},
    )
    assert module.status_code == 201
    over = api.post(
        f"/api/danish-referrals/{rid}/attendance",
        {"month": "2026-09-01", "hours_offered": 40, "hours_attended": 41},
    )
    assert over.status_code == 422
    assert over.json()["errors"][0]["field"] == "hours_attended"
    early = api.post(
        "/api/danish-exams",
        {"person_id": person.pk, "exam": "PD1", "taken_on": "2026-11-19", "result": "passed"},
    )
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "exam"
    exam = api.post(
        "/api/danish-exams",
        {
            "person_id": person.pk,
            "exam": "PD1",
            "taken_on": "2026-11-25",
            "result": "passed",
            "grade": "7",
        },
    )
    assert exam.status_code == 201
    assert exam.json()["term"] == "2026-winter" and exam.json()["level"] == "A2"
    read = api.get(f"/api/danish-referrals/{rid}").json()
    assert [m["module"] for m in read["modules"]] == [6]
    assert AuditEntry.objects.filter(
        action="view", channel="api", person_id=person.pk, object_type="danish.DanishReferral"
    ).exists()
    assert (
        AuditEntry.objects.filter(action="create", channel="api", person_id=person.pk).count() == 3
    )


def test_a_stale_version_is_refused_with_409(api_as, caseworker, person, centre_id):
    # REQ: PRG-2
    api = api_as(caseworker)
    rid = api.post(
        "/api/danish-referrals",
        {
            "person_id": person.pk,
            "centre_id": centre_id,
            "track": "DU2",
            "referred_on": "2026-07-20",
        },
    ).json()["id"]
    assert (
        api.patch(
            f"/api/danish-referrals/{rid}", {"version": 1, "start_on": "2026-08-03"}
        ).status_code
        == 200
    )
    stale = api.patch(f"/api/danish-referrals/{rid}", {"version": 1, "start_on": "2026-08-05"})
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"
    bad = api.patch(f"/api/danish-referrals/{rid}", {"version": 2, "start_on": "2026-07-01"})
    assert bad.status_code == 422
    assert bad.json()["errors"] == [
        {"field": "start_on", "message": "Planlagt start kan ikke ligge før henvisningen."}
    ]
