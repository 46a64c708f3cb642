"""Placement runs (background task), suggestions with reasons and the housing officer's
decisions (HOU-3); placements with dates, moves and time in temporary housing (HOU-4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.housing import runs, selectors, services
from velkomst.housing.models import (
    Decision,
    Dwelling,
    DwellingStatus,
    Placement,
    PlacementRun,
    PlacementSuggestion,
    RunStatus,
)

from .conftest import JULY, dwelling_values

pytestmark = pytest.mark.django_db


def _run(officer, batch) -> PlacementRun:
    return runs.run_start(
        acting_user=officer, household_ids=[batch["family"].pk, batch["single"].pk]
    )


def test_a_run_suggests_with_reasons_and_places_nobody(officer, batch):
    # REQ: HOU-3
    run = _run(officer, batch)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.progress == 100
    assert run.solver_status == "optimal" and run.gap == pytest.approx(0.0, abs=1e-6)
    assert run.dwelling_count == 3 and run.goals["placed"] == 2
    by_household = {s.household_id: s for s in run.suggestions.all()}
    family = by_household[batch["family"].pk]
    single = by_household[batch["single"].pk]
    assert family.dwelling == batch["flat"] and single.dwelling == batch["room"]
    assert family.parts["family_permanent"] > 0 and family.score == pytest.approx(
        sum(family.parts.values()), abs=1e-3
    )
    danish = runs.reasons_text(family.explanations, "da")
    english = runs.reasons_text(family.explanations, "en")
    assert len(danish) == len(english) >= 3 and danish != english
    assert any("permanent" in text for text in danish)
    # nothing placed without a decision
    assert not Placement.objects.exists()
    assert all(s.decision == Decision.PENDING for s in by_household.values())
    assert AuditEntry.objects.filter(object_type="housing.PlacementRun", action="create").exists()


def test_the_run_uses_the_municipalitys_weights_and_this_runs_overrides(officer, batch):
    # REQ: HOU-3
    from velkomst.core.models import MunicipalityConfig

    MunicipalityConfig.objects.create(
        municipality=officer.municipality,
        effective_from=date(2020, 1, 1),
        values={"placement_weights": {"spread": 12}, "placement_area_cap": 5},
    )
    run = runs.run_start(
        acting_user=officer, household_ids=[batch["family"].pk], weights={"school": 7}
    )
    assert run.parameters["weights"]["spread"] == 12
    assert run.parameters["weights"]["school"] == 7
    assert run.parameters["area_cap"] == 5
    with pytest.raises(ValidationError) as error:
        runs.run_start(acting_user=officer, household_ids=[batch["family"].pk], weights={"x": 1})
    assert "x" in error.value.message_dict


def test_only_waiting_households_can_be_in_a_run(officer, batch, other_household, caseworker):
    # REQ: HOU-3
    with pytest.raises(ValidationError) as error:
        runs.run_start(acting_user=officer, household_ids=[other_household.pk])
    assert "households" in error.value.message_dict
    with pytest.raises(ValidationError):
        runs.run_start(acting_user=officer, household_ids=[])
    with pytest.raises(PermissionDenied):
        runs.run_start(acting_user=caseworker, household_ids=[batch["family"].pk])
    assert not PlacementRun.objects.exists()


def test_a_household_without_any_fitting_dwelling_is_told_why(officer, batch, area):
    # REQ: HOU-3
    services.housing_need_save(
        household=batch["single"],
        acting_user=officer,
        data=services.NeedData(rooms_needed=1, max_rent=1000, needed_by=JULY),
        expected_version=1,
    )
    run = _run(officer, batch)
    unplaced = run.suggestions.get(household=batch["single"])
    assert unplaced.dwelling is None and unplaced.candidates == 0
    text = " ".join(runs.reasons_text(unplaced.explanations, "da"))
    assert "husleje" in text


def test_accept_starts_the_placement_with_dates_and_type_and_is_audited(officer, batch):
    # REQ: HOU-3, HOU-4
    run = _run(officer, batch)
    suggestion = run.suggestions.get(household=batch["family"])
    placement = runs.accept(
        suggestion=suggestion,
        acting_user=officer,
        expected_version=suggestion.version,
        start_date=date(2026, 7, 3),
    )
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.ACCEPTED and suggestion.placement == placement
    assert suggestion.decided_by == officer and suggestion.decided_at is not None
    assert placement.type == "permanent" and placement.start_date == date(2026, 7, 3)
    assert placement.end_date is None and placement.source == "suggestion"
    assert Dwelling.objects.get(pk=batch["flat"].pk).status == DwellingStatus.OCCUPIED
    members = set(batch["family"].members.values_list("pk", flat=True))
    decided = AuditEntry.objects.filter(object_type="housing.PlacementSuggestion", action="change")
    assert set(decided.values_list("person_id", flat=True)) == members
    created = AuditEntry.objects.filter(object_type="housing.Placement", action="create")
    assert set(created.values_list("person_id", flat=True)) == members
    with pytest.raises(ValidationError):  # decided once
        runs.reject(
            suggestion=suggestion,
            acting_user=officer,
            expected_version=suggestion.version,
            note="x",
        )


def test_reject_needs_a_reason_and_places_nothing(officer, batch):
    # REQ: HOU-3
    run = _run(officer, batch)
    suggestion = run.suggestions.get(household=batch["single"])
    with pytest.raises(ValidationError) as error:
        runs.reject(suggestion=suggestion, acting_user=officer, expected_version=1, note=" ")
    assert "decision_note" in error.value.message_dict
    runs.reject(suggestion=suggestion, acting_user=officer, expected_version=1, note="Ønsker Nexø")
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.REJECTED and suggestion.decision_note == "Ønsker Nexø"
    assert not Placement.objects.exists()


def test_change_to_a_dwelling_that_breaks_a_rule_needs_a_reason(officer, batch):
    # REQ: HOU-3
    run = _run(officer, batch)
    suggestion = run.suggestions.get(household=batch["single"])
    alternatives = dict(runs.alternatives(suggestion))
    assert alternatives[batch["room"]] == []
    assert "huslejen er over husstandens rådighed" in alternatives[batch["flat"]]
    with pytest.raises(ValidationError) as error:
        runs.accept(
            suggestion=suggestion, acting_user=officer, expected_version=1, dwelling=batch["flat"]
        )
    assert "huslejen" in error.value.message_dict["decision_note"][0]
    placement = runs.accept(
        suggestion=suggestion,
        acting_user=officer,
        expected_version=1,
        dwelling=batch["flat"],
        note="Boligstøtte bevilget",
    )
    suggestion.refresh_from_db()
    assert suggestion.decision == Decision.CHANGED and placement.dwelling == batch["flat"]


def test_a_stale_decision_is_refused_and_nothing_is_half_written(officer, batch):
    # REQ: HOU-3
    run = _run(officer, batch)
    suggestion = run.suggestions.get(household=batch["family"])
    with pytest.raises(ConcurrentEditError):
        runs.accept(suggestion=suggestion, acting_user=officer, expected_version=7)
    assert not Placement.objects.exists()
    assert Dwelling.objects.get(pk=batch["flat"].pk).status == DwellingStatus.AVAILABLE


def test_accept_all_is_all_or_nothing_and_names_each_problem(officer, batch, other_household):
    # REQ: HOU-3
    run = _run(officer, batch)
    # meanwhile the room is let to another household by hand
    from conftest import member
    from velkomst.people.services import household_create

    other = household_create(
        acting_user=officer.__class__.objects.get(username="bh-caseworker"),
        name="Familien Noor",
        visitation_date=date(2026, 5, 1),
        expected_arrival_date=JULY,
        members=[member(first_name="Noor")],
    )
    services.placement_start(
        acting_user=officer, household=other, dwelling=batch["room"], start_date=JULY
    )
    with pytest.raises(runs.BulkDecisionError) as error:
        runs.decide_all(run=run, acting_user=officer, decision=Decision.ACCEPTED)
    assert [p.suggestion.household for p in error.value.problems] == [batch["single"]]
    assert "beboet" in error.value.problems[0].message
    assert run.suggestions.filter(decision=Decision.PENDING).count() == 2
    assert Placement.objects.count() == 1
    single = run.suggestions.get(household=batch["single"])
    runs.reject(suggestion=single, acting_user=officer, expected_version=1, note="Udlejet")
    assert runs.decide_all(run=run, acting_user=officer, decision=Decision.ACCEPTED) == 1
    assert run.suggestions.get(household=batch["family"]).decision == Decision.ACCEPTED


def test_a_failed_engine_run_is_marked_with_its_error(officer, batch, monkeypatch):
    # REQ: HOU-3
    def broken(*args, **kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(runs.engine, "suggest", broken)
    run = _run(officer, batch)  # the task fails; starting it does not
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "solver crashed" in run.error
    assert not run.suggestions.exists()


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_runs_the_queued_run(officer, batch):
    # REQ: HOU-3 (the run works outside the request; db_worker is the background worker)
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        run = _run(officer, batch)
        assert run.status == RunStatus.QUEUED and run.task_id
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.suggestions.count() == 2
    assert run.started_at is not None and run.finished_at is not None
    assert run.finished_at >= run.started_at


# --- HOU-4 ---------------------------------------------------------------------------------------


def test_moving_from_temporary_to_permanent_ends_the_first_stay_the_day_before(officer, batch):
    # REQ: HOU-4
    family = batch["family"]
    first = services.placement_start(
        acting_user=officer, household=family, dwelling=batch["room"], start_date=JULY
    )
    second = services.placement_start(
        acting_user=officer, household=family, dwelling=batch["flat"], start_date=date(2026, 10, 1)
    )
    first.refresh_from_db()
    assert first.end_date == date(2026, 9, 30) and first.end_reason == "moved"
    assert first.type == "temporary" and second.type == "permanent"
    assert Dwelling.objects.get(pk=batch["room"].pk).status == DwellingStatus.AVAILABLE
    assert Dwelling.objects.get(pk=batch["flat"].pk).status == DwellingStatus.OCCUPIED
    placements = selectors.placements_of(family)
    assert selectors.temporary_days(placements, today=date(2027, 1, 1)) == 92
    with pytest.raises(ValidationError) as error:  # a move before the last move-in
        services.placement_start(
            acting_user=officer,
            household=family,
            dwelling=batch["room"],
            start_date=date(2026, 9, 1),
        )
    assert "start_date" in error.value.message_dict


def test_a_dwelling_is_not_let_twice_nor_before_it_is_free(officer, batch):
    # REQ: HOU-4
    services.placement_start(
        acting_user=officer, household=batch["family"], dwelling=batch["flat"], start_date=JULY
    )
    with pytest.raises(ValidationError) as error:
        services.placement_start(
            acting_user=officer, household=batch["single"], dwelling=batch["flat"], start_date=JULY
        )
    assert "dwelling" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.placement_start(
            acting_user=officer,
            household=batch["single"],
            dwelling=batch["room"],
            start_date=date(2026, 1, 1),
        )
    assert "start_date" in error.value.message_dict


def test_moving_out_ends_the_stay_and_frees_the_dwelling(officer, batch):
    # REQ: HOU-4
    services.placement_start(
        acting_user=officer, household=batch["single"], dwelling=batch["room"], start_date=JULY
    )
    with pytest.raises(ValidationError):
        services.placement_end(
            acting_user=officer, household=batch["single"], end_date=JULY, reason="nonsense"
        )
    ended = services.placement_end(
        acting_user=officer,
        household=batch["single"],
        end_date=date(2026, 8, 31),
        reason="moved_away",
    )
    assert ended.end_date == date(2026, 8, 31)
    assert Dwelling.objects.get(pk=batch["room"].pk).status == DwellingStatus.AVAILABLE
    with pytest.raises(ValidationError):
        services.placement_end(
            acting_user=officer, household=batch["single"], end_date=JULY, reason="moved_away"
        )


def test_time_in_temporary_housing_in_aggregate(officer, batch, area):
    # REQ: HOU-4
    second_room = services.dwelling_create(
        acting_user=officer,
        **dwelling_values(area, address="Kirkevej 4", type="temporary", rooms=1, rent=2000),
    )
    family, single = batch["family"], batch["single"]
    services.placement_start(
        acting_user=officer, household=family, dwelling=batch["room"], start_date=JULY
    )
    services.placement_start(
        acting_user=officer, household=family, dwelling=batch["flat"], start_date=date(2026, 8, 1)
    )
    services.placement_start(
        acting_user=officer, household=single, dwelling=second_room, start_date=JULY
    )
    overview = selectors.temporary_overview(officer, today=date(2027, 1, 27))
    assert [(s.household, s.days) for s in overview.current] == [(single, 211)]
    assert overview.over_limit == 1 and overview.limit_days == 180
    assert overview.moved_on == 1 and overview.moved_on_median_days == 31


def test_waiting_households_include_those_in_temporary_housing(officer, batch):
    # REQ: HOU-4
    services.placement_start(
        acting_user=officer, household=batch["single"], dwelling=batch["room"], start_date=JULY
    )
    services.placement_start(
        acting_user=officer, household=batch["family"], dwelling=batch["flat"], start_date=JULY
    )
    waiting = list(runs.waiting_households(officer))
    assert waiting == [batch["single"]] and waiting[0].in_temporary  # type: ignore[attr-defined]
    assert batch["room"] not in runs.free_dwellings(officer.municipality_id)


# --- Pages ---------------------------------------------------------------------------------------


def test_pages_from_run_start_to_decisions(client, officer, batch):
    # REQ: HOU-3
    client.force_login(officer)
    page = client.get(reverse("housing-run-create"))
    assert page.status_code == 200
    assert "Familien Haddad" in page.text and "Yusuf Ali" in page.text
    response = client.post(
        reverse("housing-run-create"),
        {
            "households": [batch["family"].pk, batch["single"].pk],
            **{f"weight_{name}": 3 for name in runs.WEIGHT_NAMES},
        },
    )
    run = PlacementRun.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "housing-run-detail", args=[run.pk]
    )
    assert run.parameters["weights"]["spread"] == 3
    detail = client.get(response.url)
    assert "Storegade 1" in detail.text and "Kirkevej 2" in detail.text
    assert "Blok 7" not in detail.text
    family = run.suggestions.get(household=batch["family"])
    response = client.post(
        reverse("housing-suggestion-decide", args=[family.pk]),
        {"decision": "accepted", "version": 1, "start_date": "2026-07-02"},
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.decision == "accepted" and family.placement is not None
    assert family.placement.start_date == date(2026, 7, 2)
    single = run.suggestions.get(household=batch["single"])
    change = client.get(reverse("housing-suggestion-change", args=[single.pk]))
    assert change.status_code == 200 and "Kirkevej 2" in change.text
    response = client.post(
        reverse("housing-suggestion-decide", args=[single.pk]),
        {"decision": "rejected", "version": 1, "decision_note": ""},
        follow=True,
    )
    assert "Skriv hvorfor forslaget afvises." in response.text
    viewed = AuditEntry.objects.filter(object_type="housing.PlacementSuggestion", action="view")
    assert viewed.exists()


def test_the_progress_partial_polls_until_the_run_is_done(client, officer, batch):
    # REQ: HOU-3
    from velkomst.housing.models import PlacementRun as Run

    run = Run.objects.create(
        municipality=officer.municipality,
        created_by=officer,
        household_ids=[batch["family"].pk],
        status=RunStatus.RUNNING,
        stage="milp",
        progress=35,
    )
    client.force_login(officer)
    url = reverse("housing-run-detail", args=[run.pk]) + "?progress=1"
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and 'value="35"' in partial.text
    assert "Optimerer" in partial.text and "<html" not in partial.text
    Run.objects.filter(pk=run.pk).update(status=RunStatus.DONE)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_household_placements_page_registers_a_move(client, officer, batch, caseworker):
    # REQ: HOU-4
    family = batch["family"]
    url = reverse("household-housing", args=[family.pk])
    client.force_login(officer)
    response = client.post(
        url, {"action": "move", "dwelling": batch["room"].pk, "start_date": "2026-07-01"}
    )
    assert response.status_code == 302
    response = client.post(
        url, {"action": "move", "dwelling": batch["flat"].pk, "start_date": "2026-06-01"}
    )
    assert response.status_code == 422 and "Datoen ligger før" in response.text
    page = client.get(url)
    assert "Kirkevej 2" in page.text and "Midlertidig bolig" in page.text
    client.force_login(caseworker)  # caseworkers see, do not register
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "end", "end_date": "2026-08-01"}).status_code == 403


def test_temporary_overview_page(client, officer, batch):
    # REQ: HOU-4
    services.placement_start(
        acting_user=officer, household=batch["single"], dwelling=batch["room"], start_date=JULY
    )
    client.force_login(officer)
    page = client.get(reverse("housing-temporary"))
    assert page.status_code == 200 and "Yusuf Ali" in page.text
    assert AuditEntry.objects.filter(action="view", reason="time in temporary housing").count() == 1


def test_another_municipalitys_officer_sees_no_run(client, officer, batch, other_municipality):
    # REQ: HOU-3
    from conftest import _make_user

    run = _run(officer, batch)
    suggestion = run.suggestions.order_by("pk").first()
    assert suggestion is not None
    outsider = _make_user(other_municipality, "housing_officer", "ab-housing2", ("housing",))
    client.force_login(outsider)
    assert client.get(reverse("housing-run-detail", args=[run.pk])).status_code == 404
    assert client.get(reverse("housing-suggestion-change", args=[suggestion.pk])).status_code == 404
    response = client.post(
        reverse("housing-suggestion-decide", args=[suggestion.pk]),
        {"decision": "accepted", "version": 1},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        runs.accept(suggestion=suggestion, acting_user=outsider, expected_version=1)
    assert PlacementSuggestion.objects.filter(decision="pending").count() == 2


def test_moving_into_a_housing_associations_dwelling_sets_the_first_move_in_visit(
    officer, batch, caseworker
):
    # REQ: HOU-7
    from velkomst.reception.models import PlanTask
    from velkomst.reception.services import plan_generate

    family = batch["family"]
    plan = plan_generate(household=family, acting_user=caseworker)
    first = plan.tasks.get(category="housing_visit_1")
    second = plan.tasks.get(category="housing_visit_2")
    services.placement_start(
        acting_user=officer, household=family, dwelling=batch["flat"], start_date=date(2026, 8, 3)
    )
    first.refresh_from_db()
    assert first.due_date == date(2026, 8, 17) and first.anchor == "fixed"
    assert "BoBornholm" in first.note and "Storegade 1" in first.note
    assert first.version == 2
    moved = AuditEntry.objects.filter(object_type="reception.PlanTask", object_id=str(first.pk))
    assert moved.filter(action="change", reason__startswith="Indflytning").count() == 3
    second.refresh_from_db()
    assert second.anchor_task_id == first.pk and second.due_date is None
    # a private landlord's dwelling leaves the visits alone
    single_plan = plan_generate(household=batch["single"], acting_user=caseworker)
    single_visit = single_plan.tasks.get(category="housing_visit_1")
    room = Dwelling.objects.get(pk=batch["room"].pk)
    services.dwelling_update(
        dwelling=room, acting_user=officer, expected_version=room.version, landlord_kind="private"
    )
    services.placement_start(
        acting_user=officer, household=batch["single"], dwelling=room, start_date=JULY
    )
    assert PlanTask.objects.get(pk=single_visit.pk).due_date == single_visit.due_date
    assert PlanTask.objects.get(pk=single_visit.pk).anchor == single_visit.anchor != "fixed"


def test_the_run_page_makes_the_same_queries_for_more_suggestions(
    client, officer, batch, area, caseworker
):
    # REQ: HOU-3
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conftest import member
    from velkomst.people.services import household_create

    def page_queries(run):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("housing-run-detail", args=[run.pk])).status_code == 200
        return len(queries)

    client.force_login(officer)
    small = _run(officer, batch)
    runs.accept(
        suggestion=small.suggestions.get(household=batch["family"]),
        acting_user=officer,
        expected_version=1,
    )
    ids = [batch["single"].pk]
    for n in range(3):
        extra = household_create(
            acting_user=caseworker,
            name=f"Husstand {n}",
            visitation_date=date(2026, 5, 1),
            expected_arrival_date=JULY,
            members=[member(first_name=f"Person{n}")],
        )
        services.housing_need_save(
            household=extra,
            acting_user=officer,
            data=services.NeedData(rooms_needed=1, max_rent=9000, needed_by=JULY),
        )
        services.dwelling_create(
            acting_user=officer, **dwelling_values(area, address=f"Vej {n}", rooms=2, rent=3000)
        )
        ids.append(extra.pk)
    large = runs.run_start(acting_user=officer, household_ids=ids)
    first = large.suggestions.exclude(dwelling=None).order_by("pk").first()
    assert first is not None
    runs.accept(suggestion=first, acting_user=officer, expected_version=1)
    assert large.suggestions.count() == 4
    assert page_queries(large) == page_queries(small)


def test_accept_all_from_the_page_runs_as_a_task_and_shows_its_outcome(client, officer, batch):
    # REQ: HOU-3
    run = _run(officer, batch)
    client.force_login(officer)
    url = reverse("housing-run-decide-all", args=[run.pk])
    response = client.post(url, {"decision": "rejected", "decision_note": " "}, follow=True)
    assert "Skriv hvorfor forslagene afvises." in response.text
    run.refresh_from_db()
    assert run.bulk_status == "" and not Placement.objects.exists()
    response = client.post(url, {"decision": "accepted"}, follow=True)
    run.refresh_from_db()
    assert run.bulk_status == RunStatus.DONE and run.bulk_result == {"count": 2}
    assert run.bulk_by == officer and Placement.objects.count() == 2
    assert "2 forslag blev godkendt på én gang." in response.text


def test_accept_all_that_cannot_be_done_names_each_household_and_changes_nothing(
    client, officer, batch, caseworker
):
    # REQ: HOU-3
    from conftest import member
    from velkomst.people.services import household_create

    run = _run(officer, batch)
    other = household_create(
        acting_user=caseworker,
        name="Familien Noor",
        visitation_date=date(2026, 5, 1),
        expected_arrival_date=JULY,
        members=[member(first_name="Noor")],
    )
    services.placement_start(
        acting_user=officer, household=other, dwelling=batch["room"], start_date=JULY
    )
    client.force_login(officer)
    response = client.post(
        reverse("housing-run-decide-all", args=[run.pk]), {"decision": "accepted"}, follow=True
    )
    run.refresh_from_db()
    assert run.bulk_result["problems"][0][0] == "Yusuf Ali"
    assert "Ingen forslag er afgjort, fordi 1 ikke kunne afgøres:" in response.text
    assert "Yusuf Ali: Boligen er allerede beboet." in response.text
    assert run.suggestions.filter(decision=Decision.PENDING).count() == 2


def test_one_bulk_decision_at_a_time_and_the_page_waits_for_it(client, officer, batch):
    # REQ: HOU-3
    run = _run(officer, batch)
    PlacementRun.objects.filter(pk=run.pk).update(
        bulk_status=RunStatus.QUEUED, bulk_decision="accepted", bulk_by=officer
    )
    with pytest.raises(ValidationError) as error:
        runs.decide_all_start(run=run, acting_user=officer, decision=Decision.ACCEPTED)
    assert "decision" in error.value.message_dict
    client.force_login(officer)
    url = reverse("housing-run-detail", args=[run.pk])
    partial = client.get(url + "?progress=1", headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "Alle afventende forslag bliver godkendt." in partial.text
    page = client.get(url)
    assert "Godkend<span" not in page.text  # no single decisions while the bulk one works
    runs.execute_bulk(run.pk)  # what the worker does
    run.refresh_from_db()
    assert run.bulk_status == RunStatus.DONE and run.bulk_result == {"count": 2}
    done = client.get(url + "?progress=1", headers={"HX-Request": "true"})
    assert done.status_code == 204


# --- An area's own cap and a household's wished-for area ------------------------------------------


@pytest.fixture
def two_areas(officer, area):
    other = services.area_create(acting_user=officer, name="Aakirkeby", kind="town")
    for place, address in ((area, "Torvet 1"), (other, "Torvet 2")):
        services.dwelling_create(
            acting_user=officer,
            **dwelling_values(place, address=address, rooms=1, size_m2=40, rent=3000),
        )
    return area, other


def _need(officer, household, **values):
    current = household.housing_need if hasattr(household, "housing_need") else None
    return services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(rooms_needed=1, max_rent=5000, needed_by=JULY, **values),
        expected_version=current.version if current else None,
    )


def test_an_areas_own_cap_steers_the_suggestion_elsewhere(officer, single, two_areas):
    # REQ: HOU-3
    full, other = two_areas
    with pytest.raises(ValidationError) as error:
        services.area_update(
            area=full, acting_user=officer, expected_version=full.version, max_share_percent=5
        )
    assert "households_total" in error.value.message_dict
    full.refresh_from_db()
    assert full.max_share_percent is None  # nothing was saved
    full = services.area_update(
        area=full,
        acting_user=officer,
        expected_version=full.version,
        existing_refugee_households=3,
        max_refugee_households=3,
    )
    _need(officer, single)
    run = runs.run_start(acting_user=officer, household_ids=[single.pk])
    suggestion = run.suggestions.get()
    assert suggestion.dwelling is not None and suggestion.dwelling.area == other
    assert suggestion.parts.get("spread", 0) == 0
    services.area_update(
        area=full,
        acting_user=officer,
        expected_version=full.version,
        max_refugee_households=None,
        max_share_percent=10,
        households_total=100,  # 10 % of 100: room for 7 more
    )
    _need(officer, single, wished_area=full)
    run = runs.run_start(acting_user=officer, household_ids=[single.pk])
    suggestion = run.suggestions.get()
    assert suggestion.dwelling is not None and suggestion.dwelling.area == full
    assert suggestion.parts["wish"] > 0
    assert "Husstanden har ønsket området" in runs.reasons_text(suggestion.explanations, "da")


def test_a_wished_area_must_be_the_municipalitys_and_not_vulnerable(
    officer, single, two_areas, other_municipality
):
    # REQ: HOU-2
    vulnerable = services.area_create(
        acting_user=officer, name="Blokken", kind="district", vulnerable=True
    )
    with pytest.raises(ValidationError) as error:
        _need(officer, single, wished_area=vulnerable)
    assert "wished_area" in error.value.message_dict
    from velkomst.housing.models import Area

    foreign = Area.objects.create(municipality=other_municipality, name="Vestbyen", kind="town")
    with pytest.raises(ValidationError) as error:
        _need(officer, single, wished_area=foreign)
    assert "wished_area" in error.value.message_dict


def test_a_household_in_temporary_housing_is_not_suggested_another_temporary_dwelling(
    officer, batch, area
):
    # REQ: HOU-3
    # REQ: HOU-4
    from velkomst.housing.services import dwelling_create

    single = batch["single"]
    services.placement_start(
        acting_user=officer, household=single, dwelling=batch["room"], start_date=JULY
    )
    second_room = dwelling_create(
        acting_user=officer,
        **dwelling_values(
            area, address="Havnegade 4", type="temporary", rooms=1, size_m2=20, rent=2500
        ),
    )
    run = runs.run_start(acting_user=officer, household_ids=[single.pk])
    suggestion = run.suggestions.get(household=single)
    assert suggestion.dwelling is None  # the flat is too dear, the other room temporary
    danish = " ".join(runs.reasons_text(suggestion.explanations, "da"))
    english = " ".join(runs.reasons_text(suggestion.explanations, "en"))
    assert "bor allerede midlertidigt" in danish
    assert "already in temporary housing" in english
    assert run.rule_check["broken"] == []
    # the officer may still choose the room, with a reason, like the other hard rules
    alternatives = dict(runs.alternatives(suggestion))
    assert alternatives[second_room] == ["bor allerede midlertidigt"]
    with pytest.raises(ValidationError) as error:
        runs.accept(
            suggestion=suggestion, acting_user=officer, expected_version=1, dwelling=second_room
        )
    assert "bor allerede midlertidigt" in error.value.message_dict["decision_note"][0]
    placement = runs.accept(
        suggestion=suggestion,
        acting_user=officer,
        expected_version=1,
        dwelling=second_room,
        note="Skimmelsvamp i det nuværende værelse",
    )
    assert placement.dwelling == second_room and placement.type == "temporary"


def test_the_run_page_leads_with_the_suggestions_and_keeps_the_solvers_figures_in_details(
    client, officer, batch
):
    # REQ: HOU-3
    run = _run(officer, batch)
    client.force_login(officer)
    html = client.get(reverse("housing-run-detail", args=[run.pk])).text
    details = html.index('<details class="details" id="run-details">')
    main = html[:details]
    assert "Forslaget er det bedst mulige efter kommunens regler og vægte." in main
    assert main.index("Forslag og beslutninger") < main.index('<article class="velkomst-card"')
    for jargon in ("Optimalitetsgab", "Øvre grænse", "grådig", "Point:", "Optimal<"):
        assert jargon not in html
    assert "Det højeste antal point, nogen fordeling kan nå" in html[details:]
    assert "Regeltjek" in html[details:] and "Regeltjek" not in main
    english = client.get(
        reverse("housing-run-detail", args=[run.pk]), headers={"accept-language": "en"}
    ).text
    assert "The suggestion is the best possible under the municipality" in english


def test_a_run_that_is_not_proven_best_says_how_far_from_the_best_it_may_be(officer, batch):
    # REQ: HOU-3
    run = _run(officer, batch)
    PlacementRun.objects.filter(pk=run.pk).update(solver_status="gap_limit", gap=0.0234)
    run.refresh_from_db()
    assert runs.solution_quality(run) == "Forslaget er højst 2,3 % fra det bedst mulige."
    PlacementRun.objects.filter(pk=run.pk).update(solver_status="time_limit", gap=None)
    run.refresh_from_db()
    assert "tidsgrænsen" in runs.solution_quality(run)
