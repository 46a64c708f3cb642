"""The API's writes over areas, hosts, associations and neighbour reports: through the
services (audited on the api channel), with optimistic concurrency where the pages have it."""

from __future__ import annotations

import pytest

from velkomst.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_area_is_created_and_changed_with_its_version(api_as, staff, housing_ids):
    # REQ: HOU-1
    # REQ: SEC-5
    api = api_as(staff["housing_officer"])
    created = api.post("/api/areas", {"name": "Aakirkeby", "kind": "town", "vulnerable": True})
    assert created.status_code == 201
    area = created.json()
    assert area["vulnerable"] is True and area["version"] == 1
    url = f"/api/areas/{area['id']}"
    assert api.patch(url, {"version": 1, "households_total": 900}).json()["version"] == 2
    stale = api.patch(url, {"version": 1, "note": "for sent"})
    assert stale.status_code == 409
    entries = AuditEntry.objects.filter(object_type="housing.Area", object_id=str(area["id"]))
    assert {(e.action, e.channel) for e in entries} == {("create", "api"), ("change", "api")}
    clash = api.post("/api/areas", {"name": "aakirkeby", "kind": "town"})
    assert clash.status_code == 422 and clash.json()["errors"][0]["field"] == "name"


def test_move_outs_are_recorded_per_month_all_or_nothing(api_as, staff, housing_ids):
    # REQ: HOU-5
    api = api_as(staff["housing_officer"])
    url = f"/api/associations/{housing_ids['association_id']}/move-outs"
    body = {"entries": [{"period": "2026-07-01", "move_outs": 5, "version": 0}]}
    months = {m["period"]: m for m in api.put(url, body).json()["move_outs"]}
    assert months["2026-07-01"]["move_outs"] == 5 and months["2026-07-01"]["version"] == 1
    again = api.put(
        url,
        {
            "entries": [
                {"period": "2026-07-01", "move_outs": 6, "version": 1},
                {"period": "2026-08-15", "move_outs": 1, "version": 0},  # not a month's first day
            ]
        },
    )
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "2026-08"
    month = api.get(f"/api/associations/{housing_ids['association_id']}").json()["move_outs"]
    assert {m["period"]: m["move_outs"] for m in month}["2026-07-01"] == 5  # nothing written
    assert api.put(url, {"entries": [{"period": "2026-07-01", "move_outs": 7}]}).status_code == 409


def test_a_neighbour_report_is_registered_taken_answered_linked_and_closed(
    api_as, staff, housing_ids
):
    # REQ: HOU-8
    officer = staff["housing_officer"]
    api = api_as(officer)
    created = api.post(
        "/api/neighbour-reports",
        {
            "channel_id": housing_ids["channel_id"],
            "reporter_name": "Ole Vicevært",
            "reporter_phone": "56950000",
            "address": "Storegade 1, 3700 Rønne",
            "description": "Larm i opgangen.",
            "since": "2026-05-01",
            "urgency": "urgent",
        },
    )
    assert created.status_code == 201
    report = created.json()
    assert report["status"] == "new" and report["source"] == "phone"
    url = f"/api/neighbour-reports/{report['id']}"
    taken = api.post(f"{url}/owner", {"version": report["version"]}).json()
    assert taken["owner_id"] == officer.pk and taken["status"] == "in_progress"
    answered = api.post(f"{url}/events", {"kind": "contacted_reporter", "text": "Ringet op."})
    assert answered.json()["first_response_at"] is not None
    linked = api.post(
        f"{url}/link",
        {
            "version": answered.json()["version"],
            "dwelling_id": housing_ids["dwelling_id"],
            "household_id": housing_ids["household_id"],
        },
    ).json()
    assert linked["household_id"] == housing_ids["household_id"]
    stale = api.post(f"{url}/close", {"version": report["version"], "resolution": "Løst"})
    assert stale.status_code == 409
    closed = api.post(f"{url}/close", {"version": linked["version"], "resolution": "Løst"})
    assert closed.json()["status"] == "closed"
    api.headers["Accept-Language"] = "da"
    refused = api.post(f"{url}/events", {"kind": "note", "text": "Mere"})
    assert refused.status_code == 409
    assert refused.json()["detail"] == "Sagen er lukket og kan ikke ændres."
    members = AuditEntry.objects.filter(
        object_type="neighbours.NeighbourReport", object_id=str(report["id"]), channel="api"
    ).exclude(person_id=None)
    assert members.exists()  # the linked household's members are audited


def test_a_host_and_an_offer_are_created_and_changed(api_as, staff, housing_ids):
    # REQ: HOU-6
    api = api_as(staff["housing_officer"])
    host = api.post(
        "/api/hosts", {"name": "Jens Holm", "address": "Møllevej 3", "area_id": 999_999}
    )
    assert host.status_code == 422 and host.json()["errors"][0]["field"] == "area_id"
    host = api.post(
        "/api/hosts", {"name": "Jens Holm", "address": "Møllevej 3", "area_id": None}
    ).json()
    offer = api.post(
        f"/api/hosts/{host['id']}/offers",
        {
            "kind": "room",
            "size_m2": 14,
            "rent": 2500,
            "available_from": "2026-08-01",
            "max_persons": 1,
            "household_types": ["single"],
            "languages": ["en", "da", "en"],
        },
    )
    assert offer.status_code == 201 and offer.json()["languages"] == ["da", "en"]
    url = f"/api/host-offers/{offer.json()['id']}"
    matched = api.patch(url, {"version": 1, "status": "matched"})  # only a match sets it
    assert matched.status_code == 422 and matched.json()["errors"][0]["field"] == "status"
    assert api.patch(url, {"version": 1, "status": "withdrawn"}).json()["status"] == "withdrawn"
