"""The housing API's last writes: a host meeting proposed and decided (both yes: the lease and
the placement), a draft allocation meeting computed again, reporting channels made and their link
renewed (HOU-5, HOU-6, HOU-8)."""

from __future__ import annotations

from django.test import Client

from velkomst.core.models import AuditEntry


def test_a_host_meeting_decided_yes_by_both_makes_the_lease(api_as, staff, housing_ids):
    # REQ: HOU-6
    api = api_as(staff["housing_officer"])
    meeting = api.get(f"/api/host-meetings/{housing_ids['host_meeting_id']}").json()
    assert meeting["outcome"] == "" and meeting["reasons"]  # why the household fits, in words
    url = f"/api/host-meetings/{meeting['id']}/decision"
    body = {"version": meeting["version"], "host_decision": "yes", "household_decision": "yes"}
    missing = api.post(url, body)
    assert missing.status_code == 422 and "start_date" in missing.content.decode()
    too_long = {"start_date": "2026-07-01", "end_date": "2029-07-01", "monthly_rent": 3500}
    refused = api.post(url, {**body, "lease": too_long})
    assert refused.status_code == 422 and "end_date" in refused.content.decode()
    lease = {"start_date": "2026-07-01", "end_date": "2028-06-30", "monthly_rent": 3500}
    decided = api.post(url, {**body, "lease": lease})
    assert decided.status_code == 200, decided.content
    assert decided.json()["outcome"] == "matched"
    assert decided.json()["lease"]["monthly_rent"] == 3500
    stale = api.post(url, {**body, "lease": lease})
    assert stale.status_code == 409
    assert AuditEntry.objects.filter(object_type="hosts.Meeting", channel="api").exists()


def test_a_household_that_breaks_a_rule_or_is_unknown_is_refused(api_as, staff, housing_ids):
    # REQ: HOU-6
    api = api_as(staff["housing_officer"])
    url = f"/api/host-offers/{housing_ids['offer_id']}/meetings"
    unknown = api.post(
        url, {"household_id": 999999, "meeting_at": "2026-06-21T10:00:00+02:00", "place": "Her"}
    )
    assert unknown.status_code == 422 and "household_id" in unknown.content.decode()
    housed = api.post(  # the Haddads already live in a room
        url,
        {
            "household_id": housing_ids["household_id"],
            "meeting_at": "2026-06-21T10:00:00+02:00",
            "place": "Her",
        },
    )
    assert housed.status_code == 422 and "bolig" in housed.content.decode()


def test_a_draft_meeting_is_computed_again_until_an_outcome_is_recorded(api_as, staff, housing_ids):
    # REQ: HOU-5
    api = api_as(staff["housing_officer"])
    draft = api.get(f"/api/allocation-meetings/{housing_ids['next_meeting_id']}").json()
    again = api.post(
        f"/api/allocation-meetings/{draft['id']}/recompute", {"version": draft["version"]}
    )
    assert again.status_code == 200 and again.json()["version"] == draft["version"] + 1
    line = housing_ids["line_id"]
    api.post(f"/api/allocation-lines/{line}/outcome", {"version": 1, "outcome": "offered"})
    current = api.get(f"/api/allocation-meetings/{housing_ids['meeting_id']}").json()
    blocked = api.post(
        f"/api/allocation-meetings/{current['id']}/recompute", {"version": current["version"]}
    )
    assert blocked.status_code == 422 and "resultater" in blocked.content.decode()


def test_a_channel_is_made_and_its_renewed_link_replaces_the_old(api_as, staff):
    # REQ: HOU-8
    api = api_as(staff["housing_officer"])
    made = api.post("/api/report-channels", {"name": "Bolig Nord", "kind": "housing_association"})
    assert made.status_code == 201 and made.json()["kind_label"] == "Boligforening"
    old_link = made.json()["link"]
    public = Client()
    assert public.get(old_link).status_code == 200
    renewed = api.post(
        f"/api/report-channels/{made.json()['id']}/renew", {"version": made.json()["version"]}
    ).json()
    assert renewed["link"] != old_link
    assert (
        public.get(old_link).status_code == 404 and public.get(renewed["link"]).status_code == 200
    )
    off = api.patch(
        f"/api/report-channels/{renewed['id']}", {"version": renewed["version"], "active": False}
    )
    assert off.status_code == 200 and public.get(renewed["link"]).status_code == 404
    assert api_as(staff["caseworker"]).get("/api/report-channels").status_code == 403
