"""Accepting all of a run's suggestions at once (issue 10): a constant number of statements per
batch, and the same placements, moves, dwelling statuses, move-in visits, decisions and audit
rows as accepting them one by one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import member
from velkomst.core.models import AuditEntry
from velkomst.housing import runs, services
from velkomst.housing.models import (
    Decision,
    Dwelling,
    Placement,
    PlacementRun,
    PlacementSuggestion,
    RunStatus,
)
from velkomst.reception.models import PlanTask

from .conftest import dwelling_values

pytestmark = pytest.mark.django_db

_counter = iter(range(10_000))


def _world(officer, caseworker, area, n: int) -> PlacementRun:
    """``n`` households with reception plans, every second one living in a temporary dwelling
    already, and a run suggesting each a dwelling: housing associations' (move-in visits) and
    private landlords' by turns, one shared dwelling for two of them."""
    from velkomst.reception.services import household_register

    today = timezone.localdate()
    households, temporary = [], []
    for i in range(n):
        k = next(_counter)
        household = household_register(
            acting_user=caseworker,
            name=f"Familien Test{k}",
            visitation_date=today - timedelta(days=40),
            expected_arrival_date=today - timedelta(days=20),
            members=[
                member(first_name=f"A{k}", last_name=f"Test{k}"),
                member(
                    first_name=f"B{k}",
                    last_name=f"Test{k}",
                    relation="child",
                    birth_date=today - timedelta(days=365 * 7),
                    languages=[],
                ),
            ],
        )
        households.append(household)
        if i % 2:
            room = services.dwelling_create(
                acting_user=officer,
                **dwelling_values(
                    area,
                    address=f"Midlertidig {k}",
                    type="temporary",
                    landlord_kind="municipality",
                    landlord_name="",
                    available_from=today - timedelta(days=30),
                ),
            )
            services.placement_start(
                acting_user=officer,
                household=household,
                dwelling=room,
                start_date=today - timedelta(days=10),
            )
            temporary.append(room)
    run = PlacementRun.objects.create(
        municipality=officer.municipality,
        created_by=officer,
        status=RunStatus.DONE,
        household_ids=[h.pk for h in households],
    )
    shared = None
    for i, household in enumerate(households):
        k = next(_counter)
        if i in (2, 3):
            if shared is None:
                shared = services.dwelling_create(
                    acting_user=officer,
                    **dwelling_values(
                        area,
                        address=f"Delebolig {k}",
                        type="shared",
                        available_from=today + timedelta(days=5),
                    ),
                )
            dwelling = shared
        else:
            dwelling = services.dwelling_create(
                acting_user=officer,
                **dwelling_values(
                    area,
                    address=f"Vej {k}",
                    landlord_kind="housing_association" if i % 2 == 0 else "private",
                    landlord_name="BoBornholm" if i % 4 == 0 else "",
                    available_from=today + timedelta(days=i),
                ),
            )
        PlacementSuggestion.objects.create(run=run, household=household, dwelling=dwelling)
    return run


def _state(run: PlacementRun, since: int) -> dict[str, Any]:
    household_ids = list(run.suggestions.values_list("household_id", flat=True))
    placements = Placement.objects.filter(household_id__in=household_ids)
    key = {p.pk: (p.household_id, p.start_date.isoformat()) for p in placements}
    dwelling_ids = set(placements.values_list("dwelling_id", flat=True))

    def object_ref(entry: AuditEntry) -> Any:
        if entry.object_type == "housing.Placement":
            return key[int(entry.object_id)]
        return entry.object_id

    return {
        "placements": sorted(
            (p.household_id, p.dwelling_id, p.type, p.start_date, p.end_date, p.end_reason)
            + (p.source, p.version)
            for p in placements
        ),
        "dwellings": sorted(
            Dwelling.objects.filter(pk__in=dwelling_ids).values_list("pk", "status", "version")
        ),
        "tasks": sorted(
            PlanTask.objects.filter(plan__household_id__in=household_ids).values_list(
                "pk", "note", "anchor", "due_date", "due_counted", "due_moved_because", "version"
            )
        ),
        "suggestions": sorted(
            (s.pk, s.decision, s.decided_by_id, s.version, key.get(s.placement_id or 0))
            for s in run.suggestions.all()
        ),
        "audit": [
            (e.actor_id, e.action, e.object_type, object_ref(e), e.person_id, e.changes)
            + (e.reason, e.channel)
            for e in AuditEntry.objects.filter(id__gt=since).order_by("id")
        ],
    }


def test_accepting_all_writes_what_accepting_one_by_one_writes(officer, caseworker, area):
    # REQ: HOU-3
    # REQ: HOU-4
    run = _world(officer, caseworker, area, 6)
    since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with transaction.atomic():
        for suggestion in run.suggestions.select_related("household", "dwelling", "run").order_by(
            "pk"
        ):
            runs.accept(
                suggestion=suggestion, acting_user=officer, expected_version=suggestion.version
            )
        one_by_one = _state(run, since)
        transaction.set_rollback(True)
    assert _state(run, since)["placements"] != one_by_one["placements"]  # rolled back

    assert runs.decide_all(run=run, acting_user=officer, decision=Decision.ACCEPTED) == 6
    at_once = _state(run, since)
    # the world did what it should: moves, a shared dwelling, move-in visits
    assert sum(1 for p in at_once["placements"] if p[4] is not None) == 3  # three moved out
    assert any("Med BoBornholm" in t[1] for t in at_once["tasks"])
    assert any(e[2] == "reception.PlanTask" for e in at_once["audit"])
    for part in ("placements", "dwellings", "tasks", "suggestions"):
        assert at_once[part] == one_by_one[part], part
    assert at_once["audit"] == one_by_one["audit"]


def test_accepting_all_costs_the_same_statements_for_2_and_for_10(officer, caseworker, area):
    # REQ: HOU-3 (issue 10: a constant number of queries per batch, not per suggestion)
    counts = []
    for n in (2, 10):
        run = _world(officer, caseworker, area, n)
        with CaptureQueriesContext(connection) as queries:
            assert runs.decide_all(run=run, acting_user=officer, decision=Decision.ACCEPTED) == n
        counts.append(len(queries))
        assert run.suggestions.filter(decision=Decision.ACCEPTED).count() == n
    assert counts[0] == counts[1], counts
    assert counts[1] < 30


def test_rejecting_all_costs_the_same_statements_for_2_and_for_10(officer, caseworker, area):
    # REQ: HOU-3
    counts = []
    for n in (2, 10):
        run = _world(officer, caseworker, area, n)
        since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        with CaptureQueriesContext(connection) as queries:
            runs.decide_all(run=run, acting_user=officer, decision=Decision.REJECTED, note="Nej")
        counts.append(len(queries))
        assert run.suggestions.filter(decision=Decision.REJECTED).count() == n
        assert not Placement.objects.filter(
            household_id__in=run.household_ids, end_date__isnull=False
        ).exists()  # nobody moved
        entries = AuditEntry.objects.filter(id__gt=since, object_type="housing.PlacementSuggestion")
        assert entries.count() == 2 * n and {e.reason for e in entries} == {"Nej"}
    assert counts[0] == counts[1], counts


def test_a_problem_in_the_batch_writes_nothing_and_names_the_suggestion(officer, caseworker, area):
    # REQ: HOU-3
    run = _world(officer, caseworker, area, 4)
    taken = run.suggestions.order_by("pk")[1]
    assert taken.dwelling is not None
    dwelling = Dwelling.objects.get(pk=taken.dwelling.pk)
    services.dwelling_update(
        dwelling=dwelling,
        acting_user=officer,
        expected_version=dwelling.version,
        status="withdrawn",
    )
    placements = Placement.objects.count()
    with pytest.raises(runs.BulkDecisionError) as error:
        runs.decide_all(run=run, acting_user=officer, decision=Decision.ACCEPTED)
    assert [p.suggestion.pk for p in error.value.problems] == [taken.pk]
    assert "taget ud af brug" in error.value.problems[0].message
    assert Placement.objects.count() == placements
    assert not run.suggestions.exclude(decision=Decision.PENDING).exists()


def test_save_versioned_many_refuses_a_stale_row_and_writes_each_its_own_values(officer, area):
    # REQ: SEC-5
    from velkomst.core.versioning import save_versioned_many

    first = services.dwelling_create(acting_user=officer, **dwelling_values(area, address="A 1"))
    second = services.dwelling_create(acting_user=officer, **dwelling_values(area, address="B 2"))
    first.rent, second.rent = 4000, 4100
    assert save_versioned_many([first, second], expected_versions=[1, 1], fields=["rent"]) == []
    assert sorted(Dwelling.objects.values_list("rent", "version")) == [(4000, 2), (4100, 2)]
    first.rent = 1
    stale = save_versioned_many([first, second], expected_versions=[2, 1], fields=["rent"])
    assert stale == [second]
