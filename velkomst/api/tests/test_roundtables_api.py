from __future__ import annotations

import pytest

from velkomst.core.models import AuditEntry
from velkomst.roundtables.models import FollowUp

pytestmark = pytest.mark.django_db


@pytest.fixture
def seen(household):
    from velkomst.core.models import Unit

    household.units.set(Unit.objects.filter(municipality=household.municipality))
    return household


@pytest.fixture
def amal(seen):
    return seen.members.get(first_name="Amal")


@pytest.fixture
def family_consultant(staff):
    return staff["family_consultant"]


def test_hold_a_round_table_through_the_api(api_as, seen, amal, caseworker, family_consultant):
    # REQ: COO-3
    api = api_as(caseworker)
    response = api.post(
        "/api/round-tables",
        {
            "household_id": seen.pk,
            "person_id": amal.pk,
            "title": "Skolestart",
            "starts_at": "2026-09-01T10:00:00+02:00",
            "ends_at": "2026-09-01T11:00:00+02:00",
            "place": "Rådhuset",
        },
    )
    assert response.status_code == 201, response.content
    rt = response.json()
    base = f"/api/round-tables/{rt['id']}"
    assert rt["participants"][0]["user_id"] == caseworker.pk
    outside = api.post(
        f"{base}/participants", {"name": "Hanne Skov", "organisation": "Vestre Skole"}
    )
    assert outside.status_code == 201 and outside.json()["kind"] == "outside"
    item = api.post(f"{base}/agenda", {"title": "Skolen"}).json()
    decision = api.post(f"{base}/decisions", {"item_id": item["id"], "text": "Start 1/10"})
    assert decision.status_code == 201
    followup = api.post(
        f"{base}/follow-ups",
        {
            "text": "Bestil tolk",
            "owner_id": family_consultant.pk,
            "deadline": "2026-09-10",
            "decision_id": decision.json()["id"],
        },
    )
    assert followup.status_code == 201
    body = followup.json()
    detail = api.get(base).json()
    assert [i["decisions"][0]["text"] for i in detail["agenda"]] == ["Start 1/10"]
    assert [f["text"] for f in detail["follow_ups"]] == ["Bestil tolk"]
    # bad input names the field; nothing written
    refused = api.post(
        f"{base}/follow-ups", {"text": "x", "owner_id": 99999, "deadline": "2026-09-10"}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "owner_id"
    assert FollowUp.objects.count() == 1
    # the owner sees it among their follow-ups and marks it done
    owner = api_as(family_consultant)
    mine = owner.get("/api/follow-ups").json()["items"]
    assert [f["id"] for f in mine] == [body["id"]]
    done = owner.post(f"/api/follow-ups/{body['id']}/done", {"version": body["version"]})
    assert done.status_code == 200 and done.json()["done_on"] is not None
    stale = owner.post(f"/api/follow-ups/{body['id']}/done", {"version": body["version"]})
    assert stale.status_code in (409, 422)
    assert AuditEntry.objects.filter(channel="api", object_type="roundtables.FollowUp").exists()


def test_minutes_to_an_outside_actor_without_consent_are_refused(api_as, seen, amal, caseworker):
    # REQ: COO-3
    from velkomst.consent.models import Disclosure
    from velkomst.roundtables.models import MinutesSent

    api = api_as(caseworker)
    rt = api.post(
        "/api/round-tables",
        {
            "household_id": seen.pk,
            "person_id": amal.pk,
            "title": "Netværk",
            "starts_at": "2026-09-01T10:00:00+02:00",
            "ends_at": "2026-09-01T11:00:00+02:00",
            "place": "Rådhuset",
        },
    ).json()
    gp = api.post(
        f"/api/round-tables/{rt['id']}/participants",
        {"name": "Dr. Ibrahim", "organisation": "Lægehuset Torvet", "role": "Egen læge"},
    ).json()
    response = api.post(f"/api/round-tables/{rt['id']}/minutes-sent", {"participant_id": gp["id"]})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "consent" and "Amal Haddad" in error["message"]
    assert not MinutesSent.objects.exists() and not Disclosure.objects.exists()
