"""The housing, hosts, associations and neighbours routes (HOU-1..HOU-8) through the API, with
the real services behind them; every response is validated against the OpenAPI schema
(``api_as``)."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.core.models import AuditEntry, Role
from velkomst.housing.models import Placement, PlacementSuggestion

from .conftest import field_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(staff):
    return staff[Role.HOUSING_OFFICER]


def test_a_run_started_through_the_api_reports_progress_and_suggestions(
    api_as, officer, housing_ids, household
):
    # REQ: HOU-3
    Placement.objects.filter(household=household).delete()  # waiting, with no dwelling at all
    client = api_as(officer)
    started = client.post("/api/placement-runs", {"household_ids": [household.pk]})
    assert started.status_code == 202
    run = client.get(f"/api/placement-runs/{started.json()['id']}").json()
    assert run["households"] == 1
    assert (run["status"], run["progress"]) == ("done", 100)  # the tests' tasks run at once
    assert run["decisions"]["pending"] == 1
    page = client.get(f"/api/placement-runs/{run['id']}/suggestions").json()
    [suggestion] = page["items"]
    assert suggestion["household_name"] == "Familien Haddad"
    assert suggestion["address"].startswith("Storegade")
    assert suggestion["reasons"] and suggestion["decision"] == "pending"


def test_suggestion_reasons_are_in_the_callers_language(api_as, officer, housing_ids):
    # REQ: HOU-3
    path = f"/api/placement-runs/{housing_ids['run_id']}/suggestions"
    client = api_as(officer)
    danish = client.get(path).json()["items"][0]["reasons"]
    client.headers["Accept-Language"] = "en"
    english = client.get(path).json()["items"][0]["reasons"]
    assert danish != english and len(danish) == len(english)


def test_a_run_over_a_household_that_does_not_wait_is_refused_naming_the_field(
    api_as, officer, housing_ids
):
    # REQ: HOU-3, SEC-5
    api = api_as(officer)
    api.headers["Accept-Language"] = "en"
    housed = Placement.objects.filter(end_date=None).first()
    assert housed is not None
    housed.type = "permanent"
    housed.save()  # the Haddads now have a permanent home: they wait no more
    response = api.post("/api/placement-runs", {"household_ids": [housing_ids["household_id"]]})
    assert response.status_code == 422
    assert field_names(response) == ["households"]
    assert "waiting" in response.json()["errors"][0]["message"]


def test_accepting_a_suggestion_places_the_household(api_as, officer, housing_ids, household):
    # REQ: HOU-3, HOU-4, SEC-3
    suggestion = PlacementSuggestion.objects.get(pk=housing_ids["suggestion_id"])
    response = api_as(officer).post(
        f"/api/placement-suggestions/{suggestion.pk}/accept",
        {"version": suggestion.version, "start_date": "2026-08-01"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["decision"] == "accepted" and body["placement_id"] is not None
    current = Placement.objects.get(household=household, end_date=None)
    assert (current.dwelling_id, current.start_date) == (suggestion.dwelling_id, date(2026, 8, 1))
    members = set(household.members.values_list("pk", flat=True))
    changes = AuditEntry.objects.filter(
        actor_id=officer.pk,
        action="change",
        channel="api",
        object_type="housing.PlacementSuggestion",
    )
    assert set(changes.values_list("person_id", flat=True)) == members


def test_a_stale_version_is_a_conflict_and_changes_nothing(api_as, officer, housing_ids):
    # REQ: SEC-5
    suggestion = PlacementSuggestion.objects.get(pk=housing_ids["suggestion_id"])
    response = api_as(officer).post(
        f"/api/placement-suggestions/{suggestion.pk}/accept", {"version": suggestion.version + 1}
    )
    assert response.status_code == 409
    assert field_names(response) == ["version"]
    suggestion.refresh_from_db()
    assert suggestion.decision == "pending"
    assert suggestion.dwelling_id is not None
    assert not Placement.objects.filter(dwelling_id=suggestion.dwelling_id).exists()


def test_changing_to_another_dwelling_is_recorded_as_changed(api_as, officer, housing_ids):
    # REQ: HOU-3
    suggestion = PlacementSuggestion.objects.get(pk=housing_ids["suggestion_id"])
    other = next(
        pk
        for pk in (housing_ids["dwelling_id"], housing_ids["other_dwelling_id"])
        if pk != suggestion.dwelling_id
    )
    response = api_as(officer).post(
        f"/api/placement-suggestions/{suggestion.pk}/accept",
        {"version": suggestion.version, "dwelling_id": other, "note": "Tættere på skolen"},
    )
    assert response.status_code == 200
    assert response.json()["decision"] == "changed"
    assert Placement.objects.get(pk=response.json()["placement_id"]).dwelling_id == other


def test_a_dwelling_that_is_not_free_cannot_be_chosen(api_as, officer, housing_ids, household):
    # REQ: HOU-3, SEC-5
    suggestion = PlacementSuggestion.objects.get(pk=housing_ids["suggestion_id"])
    occupied = Placement.objects.get(household=household, end_date=None).dwelling_id
    response = api_as(officer).post(
        f"/api/placement-suggestions/{suggestion.pk}/accept",
        {"version": suggestion.version, "dwelling_id": occupied},
    )
    assert response.status_code == 422
    assert field_names(response) == ["dwelling_id"]


def test_rejecting_needs_a_reason(api_as, officer, housing_ids):
    # REQ: HOU-3, SEC-5
    suggestion = PlacementSuggestion.objects.get(pk=housing_ids["other_suggestion_id"])
    path = f"/api/placement-suggestions/{suggestion.pk}/reject"
    client = api_as(officer)
    response = client.post(path, {"version": suggestion.version, "note": "  "})
    assert response.status_code == 422 and field_names(response) == ["note"]
    response = client.post(path, {"version": suggestion.version, "note": "Ønsker Nexø"})
    assert response.status_code == 200
    assert (response.json()["decision"], response.json()["decision_note"]) == (
        "rejected",
        "Ønsker Nexø",
    )
    again = client.post(path, {"version": suggestion.version + 1, "note": "igen"})
    assert again.status_code == 422 and field_names(again) == ["decision"]


def test_moving_out_ends_the_current_placement(api_as, officer, housing_ids, household):
    # REQ: HOU-4
    client = api_as(officer)
    path = f"/api/households/{household.pk}/placements"
    [placement] = client.get(path).json()
    assert placement["end_date"] is None and placement["type"] == "temporary"
    response = client.post(f"{path}/end", {"end_date": "2026-09-30", "end_reason": "moved_away"})
    assert response.status_code == 200
    assert (response.json()["end_date"], response.json()["end_reason"]) == (
        "2026-09-30",
        "moved_away",
    )
    again = client.post(f"{path}/end", {"end_date": "2026-10-01", "end_reason": "moved_away"})
    assert again.status_code == 422 and field_names(again) == ["end_date"]
    unknown = client.post(f"{path}/end", {"end_date": "2026-10-01", "end_reason": "evicted"})
    assert unknown.status_code == 422 and field_names(unknown) == ["end_reason"]


def test_the_dwelling_register_filters_and_names_a_wrong_area(api_as, officer, housing_ids):
    # REQ: HOU-1
    client = api_as(officer)
    everything = client.get("/api/dwellings").json()
    assert everything["count"] == 3
    temporary = client.get("/api/dwellings", type="temporary").json()["items"]
    assert [d["address"] for d in temporary] == ["Kirkevej 2, 3700 Rønne"]
    assert client.get("/api/dwellings", area_id=housing_ids["area_id"]).json()["count"] == 3
    wrong = client.get("/api/dwellings", area_id=999999)
    assert wrong.status_code == 422 and field_names(wrong) == ["area_id"]
    assert wrong.json()["errors"][0]["message"] == "Der er intet område med dette id."
    client.headers["Accept-Language"] = "en"
    wrong = client.get("/api/dwellings", area_id=999999)
    assert wrong.json()["errors"][0]["message"] == "No area with this id."
    del client.headers["Accept-Language"]
    area = client.get(f"/api/areas/{housing_ids['area_id']}").json()
    assert (area["name"], area["kind"]) == ("Rønne Nord", "district")


def test_a_households_housing_need(api_as, officer, housing_ids, household, other_household):
    # REQ: HOU-2
    client = api_as(officer)
    need = client.get(f"/api/households/{household.pk}/housing-need").json()
    assert (need["rooms_needed"], need["max_rent"], need["needed_by"]) == (2, 9000, "2026-07-01")
    single = housing_ids["single_household_id"]
    assert client.get(f"/api/households/{single}/housing-need").json()["max_rent"] is None


def test_hosts_with_offers(api_as, officer, housing_ids):
    # REQ: HOU-6
    client = api_as(officer)
    host = client.get(f"/api/hosts/{housing_ids['host_id']}").json()
    assert host["name"] == "Karen Vestergaard"
    assert [o["id"] for o in host["offers"]] == [housing_ids["offer_id"]]
    offer = client.get(f"/api/host-offers/{housing_ids['offer_id']}").json()
    assert (offer["status"], offer["max_persons"], offer["languages"]) == ("open", 4, ["ar", "da"])
    assert client.get("/api/hosts").json()["count"] == 1


def test_associations_with_move_outs_and_the_meeting_list(api_as, officer, housing_ids):
    # REQ: HOU-5
    client = api_as(officer)
    association = client.get(f"/api/associations/{housing_ids['association_id']}").json()
    assert association["name"] == "Fjordbo"
    assert [m["move_outs"] for m in association["move_outs"]] == [4, 4, 4]
    meeting = client.get(f"/api/allocation-meetings/{housing_ids['meeting_id']}").json()
    assert meeting["month"] == "2026-07-01"
    assert [(line["household_name"], line["association_id"]) for line in meeting["lines"]] == [
        ("Yusuf Ali", housing_ids["association_id"])
    ]


def test_neighbour_reports_follow_the_pages_visibility(
    api_as, officer, staff, housing_ids, household
):
    # REQ: HOU-8, SEC-2
    path = f"/api/neighbour-reports/{housing_ids['report_id']}"
    report = api_as(officer).get(path).json()
    assert (report["household_id"], report["status"]) == (household.pk, report["status"])
    assert report["description"] == "Høj musik om natten."
    # a caseworker (not the household's own) sees the report only while their unit works with
    # the linked household
    from conftest import _make_user

    caseworker = api_as(_make_user(officer.municipality, Role.CASEWORKER, "bh-caseworker-2"))
    assert caseworker.get(path).status_code == 200
    household.units.clear()
    assert caseworker.get(path).status_code == 404
    assert caseworker.get("/api/neighbour-reports").json()["count"] == 0
    assert api_as(officer).get("/api/neighbour-reports").json()["count"] == 1


def test_a_dwelling_is_registered_and_changed_with_its_version(api_as, officer, housing_ids):
    # REQ: HOU-1, SEC-5, SEC-3
    client = api_as(officer)
    created = client.post(
        "/api/dwellings",
        {
            "address": "Havnegade 4, 3700 Rønne",
            "area_id": housing_ids["area_id"],
            "type": "youth",
            "rooms": 1,
            "size_m2": 30,
            "rent": 3100,
            "landlord_kind": "private",
            "available_from": "2026-09-01",
        },
    )
    assert created.status_code == 201
    dwelling = created.json()
    assert (dwelling["status"], dwelling["version"]) == ("available", 1)
    path = f"/api/dwellings/{dwelling['id']}"
    changed = client.patch(path, {"version": 1, "rent": 3300})
    assert changed.status_code == 200
    assert (changed.json()["rent"], changed.json()["version"]) == (3300, 2)
    stale = client.patch(path, {"version": 1, "rent": 9999})
    assert stale.status_code == 409 and field_names(stale) == ["version"]
    assert client.get(path).json()["rent"] == 3300
    null = client.patch(path, {"version": 2, "rooms": None})
    assert null.status_code == 422 and field_names(null) == ["rooms"]
    entries = AuditEntry.objects.filter(
        object_type="housing.Dwelling", object_id=str(dwelling["id"]), channel="api"
    )
    assert sorted(entries.values_list("action", flat=True)) == ["change", "create"]


def test_a_housing_need_is_recorded_then_changed_with_its_version(api_as, officer, housing_ids):
    # REQ: HOU-2, SEC-5
    client = api_as(officer)
    path = f"/api/households/{housing_ids['single_household_id']}/housing-need"
    current = client.get(path).json()
    response = client.put(path, {"version": current["version"], "expected_monthly_income": 12000})
    assert response.status_code == 200
    need = response.json()
    assert need["max_rent"] is not None and need["version"] == current["version"] + 1
    stale = client.put(path, {"version": current["version"], "rooms_needed": 4})
    assert stale.status_code == 409 and field_names(stale) == ["version"]
    vulnerable = client.put(path, {"version": need["version"], "wished_area_id": 10**12})
    assert vulnerable.status_code == 422 and field_names(vulnerable) == ["wished_area_id"]
