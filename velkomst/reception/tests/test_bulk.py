"""households_register_bulk: registering N households at once (a visitation file, REC-1) writes
what N single registrations (household_register) write: households, persons, cases, reception
plans with their tasks and due dates, children's placements and audit entries; in a number of
queries that does not depend on N; all or nothing (SEC-5)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from velkomst.appointments.models import Appointment
from velkomst.core import audit, bulk
from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.families.models import ChildPlacement
from velkomst.people.models import Case, Household, Person
from velkomst.people.services import HouseholdData
from velkomst.people.tests.test_bulk import (
    households_data,
    labels,
    last_audit_id,
    one_statement_per_bulk_insert,
    snapshot,
)
from velkomst.reception import services
from velkomst.reception.models import Anchor, PlanTask, PlanTemplate, ReceptionPlan
from velkomst.visitation import services as visitation
from velkomst.visitation.models import ImportBatch, ImportStatus
from velkomst.visitation.tests.files import csv_bytes, family

pytestmark = pytest.mark.django_db


def single(data: HouseholdData, user: Any, channel: str = "web") -> Household:
    return services.household_register(
        acting_user=user,
        name=data.name,
        members=data.members,
        visitation_date=data.visitation_date,
        expected_arrival_date=data.expected_arrival_date,
        arrival_date=data.arrival_date,
        asylum_centre=data.asylum_centre,
        address=data.address,
        caseworker=data.caseworker,
        channel=channel,
    )


def all_labels(households: list[Household]) -> dict[tuple[str, str], str]:
    """people's labels, and each plan, plan task and placement as its position."""
    label = labels(households)
    for i, household in enumerate(households):
        plan = ReceptionPlan.objects.get(household=household)
        label[("reception.ReceptionPlan", str(plan.pk))] = f"h{i}plan"
        for task in plan.tasks.select_related("template_task"):
            person = label.get(("people.Person", str(task.person_id)), "household")
            key = task.template_task.key if task.template_task else task.title
            label[("reception.PlanTask", str(task.pk))] = f"h{i}:{key}:{person}"
    for placement in ChildPlacement.objects.filter(person__household__in=households):
        person = label[("people.Person", str(placement.person_id))]
        label[("families.ChildPlacement", str(placement.pk))] = f"{person}placement"
    return label


def plans_snapshot(households: list[Household]) -> list[Any]:
    """The plans, tasks (with due dates and the task each is counted from), the households'
    units and the children's placements, ids replaced by positions."""
    label = all_labels(households)
    rows: list[Any] = []
    for i, household in enumerate(households):
        plan = ReceptionPlan.objects.get(household=household)
        rows.append(
            (
                f"h{i}",
                plan.municipality_id,
                plan.template_id,
                plan.visitation_date,
                plan.takeover_date,
                plan.created_by_id,
                sorted(household.units.values_list("kind", flat=True)),
            )
        )
        tasks = plan.tasks.order_by("order", "person_id", "id")
        rows.extend(
            (
                label[("reception.PlanTask", str(t.pk))],
                t.municipality_id,
                t.template_task_id,
                t.title,
                t.description,
                t.category,
                t.owner_unit_kind,
                t.owner_role,
                t.order,
                t.anchor,
                label.get(("reception.PlanTask", str(t.anchor_task_id))),
                t.offset_months,
                t.offset_days,
                t.day_kind,
                t.due_date,
                t.is_open,
                t.version,
            )
            for t in tasks
        )
    placements = ChildPlacement.objects.filter(person__household__in=households)
    rows.extend(
        sorted(
            (
                label[("families.ChildPlacement", str(p.pk))],
                p.municipality_id,
                p.kind,
                p.class_type,
                p.institution_id,
                p.planned_start_date,
                p.actual_start_date,
            )
            for p in placements
        )
    )
    return rows


def audit_written(after_id: int, households: list[Household]) -> Counter[tuple[Any, ...]]:
    """The audit entries written since ``after_id`` (in any order), ids replaced by positions."""
    label = all_labels(households)
    person_label = {int(k[1]): v for k, v in label.items() if k[0] == "people.Person"}
    return Counter(
        (
            e.action,
            e.object_type,
            label.get((e.object_type, e.object_id), e.object_id),
            person_label.get(e.person_id) if e.person_id else None,
            repr(e.changes),
            e.reason,
            e.channel,
            e.actor_id,
            e.municipality_id,
        )
        for e in AuditEntry.objects.filter(pk__gt=after_id)
    )


def test_bulk_registration_writes_what_single_registrations_write(caseworker, staff):
    # REQ: REC-1, REC-2, CHI-2
    MunicipalityConfig.objects.create(
        municipality=caseworker.municipality,
        effective_from=date(2026, 5, 1),
        values={"programme_length_months": 24, "child_start_days": 5},
    )
    data = households_data(12, caseworker=staff["family_consultant"])
    mark = last_audit_id()
    singles = [single(d, caseworker, channel="import") for d in data]
    single_audit = audit_written(mark, singles)

    mark = last_audit_id()
    bulk = services.households_register_bulk(data, acting_user=caseworker, channel="import")
    bulk_audit = audit_written(mark, bulk)

    assert [h.name for h in bulk] == [d.name for d in data]
    assert snapshot(bulk) == snapshot(singles)
    assert plans_snapshot(bulk) == plans_snapshot(singles)
    assert bulk_audit == single_audit
    kinds = Counter(entry[1] for entry in bulk_audit.elements())
    assert kinds["reception.ReceptionPlan"] == Person.objects.filter(household__in=bulk).count()
    assert (
        kinds["families.ChildPlacement"]
        == ChildPlacement.objects.filter(person__household__in=bulk).count()
    )
    # the data covers due dates, tasks without a due date counted from another task, and
    # placements of several kinds
    tasks = PlanTask.objects.filter(plan__household__in=bulk)
    assert tasks.filter(due_date__isnull=False).exists()
    dependent = tasks.filter(anchor=Anchor.TASK_COMPLETION)
    assert dependent.exists() and not dependent.filter(anchor_task__isnull=True).exists()
    assert not dependent.filter(due_date__isnull=False).exists()
    placements = ChildPlacement.objects.filter(person__household__in=bulk)
    assert set(placements.values_list("kind", flat=True)) >= {"daycare", "school"}


def test_an_empty_bulk_registration_writes_nothing(caseworker):
    assert services.households_register_bulk([], acting_user=caseworker) == []
    assert not Household.objects.exists() and not PlanTemplate.objects.exists()


def test_a_plan_generated_later_for_many_households_reads_their_visitation_dates(caseworker):
    # households registered through people.services directly, then their plans in one go
    from velkomst.people.services import households_create_bulk

    data = households_data(4)
    households = households_create_bulk(data, acting_user=caseworker)
    plans = services._plan_generate(
        households=households,
        acting_user=caseworker,
        visitation_dates=[None, data[1].visitation_date, None, None],
        channel="web",
    )
    assert [p.visitation_date for p in plans] == [d.visitation_date for d in data]
    with pytest.raises(services.PlanAlreadyExists):
        services.plan_generate(household=households[0], acting_user=caseworker)


def test_another_municipalitys_household_refuses_the_whole_bulk_plan(
    caseworker, other_caseworker, other_household
):
    from velkomst.people.services import households_create_bulk

    households = households_create_bulk(households_data(2), acting_user=caseworker)
    with pytest.raises(PermissionDenied):
        services._plan_generate(
            households=[*households, other_household],
            acting_user=caseworker,
            visitation_dates=[None, None, None],
            channel="web",
        )
    assert not ReceptionPlan.objects.exists()


def test_the_query_count_does_not_grow_with_the_number_of_households(caseworker, monkeypatch):
    # REQ: REC-1
    one_statement_per_bulk_insert(monkeypatch)
    services.install_presets(caseworker.municipality)

    def queries(count: int, start: int) -> int:
        data = households_data(count, caseworker=caseworker, start=start)
        with CaptureQueriesContext(connection) as ctx:
            services.households_register_bulk(data, acting_user=caseworker)
        return len(ctx.captured_queries)

    few, many = queries(2, 0), queries(20, 2)
    assert few == many
    assert PlanTask.objects.count() > 20 * 10


def test_a_failure_late_in_the_import_leaves_nothing_behind(caseworker, monkeypatch):
    # REQ: SEC-5: the bulk registration fails after households, persons, cases and plans are
    # written (in the placements); the import writes nothing and can be confirmed again
    rows = [*family("H1"), *family("H2", last="Berg"), *family("H3", last="Dal")]
    batch = visitation.batch_upload(
        acting_user=caseworker, file_name="v.csv", content=csv_bytes(rows)
    )
    assert batch.status == ImportStatus.REVIEW
    real = services.placements_create_for_households
    seen: list[int] = []

    def failing(**kwargs: Any) -> Any:
        seen.append(len(kwargs["households"]))
        assert Household.objects.count() == 3 and ReceptionPlan.objects.count() == 3
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "placements_create_for_households", failing)
    audit_before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError):
        visitation.batch_confirm(batch=batch, acting_user=caseworker, decisions={})
    assert seen == [3]
    assert Household.objects.count() == 0 and Person.objects.count() == 0
    assert Case.objects.count() == 0 and PlanTask.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert ImportBatch.objects.get().status == ImportStatus.REVIEW

    monkeypatch.setattr(services, "placements_create_for_households", real)
    batch = visitation.batch_confirm(batch=batch, acting_user=caseworker, decisions={})
    assert batch.status == ImportStatus.IMPORTED
    assert Household.objects.count() == 3 and ChildPlacement.objects.count() == 3
    assert batch.result["households"] == list(
        Household.objects.order_by("id").values_list("pk", flat=True)
    )


def test_an_imported_file_registers_like_the_form(caseworker):
    # REQ: REC-1: the import's households equal the same households registered one by one
    rows = [*family("H1"), *family("H2", last="Berg", visitationsdato="02-02-2026")]
    batch = visitation.batch_upload(
        acting_user=caseworker, file_name="v.csv", content=csv_bytes(rows)
    )
    parsed = visitation.batch_rows(batch)
    mark = last_audit_id()
    batch = visitation.batch_confirm(batch=batch, acting_user=caseworker, decisions={})
    imported = list(Household.objects.filter(pk__in=batch.result["households"]).order_by("id"))
    imported_audit = audit_written(mark, imported)

    first = {r.household: r for r in reversed(parsed)}
    mark = last_audit_id()
    by_form = [
        single(
            HouseholdData(
                name=name,
                members=[r.member_data() for r in parsed if r.household == ref],
                visitation_date=first[ref].visitation_date,
                expected_arrival_date=first[ref].expected_arrival_date,
                asylum_centre=first[ref].asylum_centre,
            ),
            caseworker,
            channel="import",
        )
        for ref, name in (("H1", imported[0].name), ("H2", imported[1].name))
    ]
    form_audit = audit_written(mark, by_form)
    assert snapshot(imported) == snapshot(by_form)
    assert plans_snapshot(imported) == plans_snapshot(by_form)
    batch_entry = Counter({e: 1 for e in imported_audit if e[1] == "visitation.ImportBatch"})
    assert len(batch_entry) == 1
    assert imported_audit - batch_entry == form_audit
    assert {c.visitation_date for c in Case.objects.filter(person__household=imported[1])} == {
        date(2026, 2, 2)
    }


def last_task_id() -> int:
    return PlanTask.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.parametrize("per_insert", [1, 7, 500])
def test_insert_rows_writes_what_bulk_create_writes(caseworker, monkeypatch, per_insert):
    # the fast INSERT (core.bulk.insert_rows, for the plan tasks and the audit log) against
    # bulk_create: the
    # same values, dates and times included, defaults for the fields left out, in the order given
    monkeypatch.setattr(bulk, "ROWS_PER_INSERT", per_insert)
    household = single(households_data(1, start=4)[0], caseworker)
    plan = ReceptionPlan.objects.get(household=household)
    fields = [
        f.attname
        for f in PlanTask._meta.concrete_fields
        if f.attname not in ("id", "anchor_task_id")
    ]
    originals = list(plan.tasks.order_by("id").values(*fields))
    assert len(originals) > 20
    originals[0].update(done_at=timezone.now(), done_on=date(2026, 3, 1), note="Ø")

    def written(after_id: int) -> list[dict[str, Any]]:
        return list(plan.tasks.filter(pk__gt=after_id).order_by("id").values(*fields))

    mark = last_task_id()
    PlanTask.objects.bulk_create(PlanTask(**values) for values in originals)
    by_bulk_create = written(mark)
    mark = last_task_id()
    bulk.insert_rows(PlanTask, originals)
    assert written(mark) == by_bulk_create == originals

    left_out = [{"plan_id": plan.pk, "municipality_id": plan.municipality_id, "title": "x"}] * 3
    mark = last_task_id()
    PlanTask.objects.bulk_create(PlanTask(**values) for values in left_out)
    by_bulk_create = written(mark)
    mark = last_task_id()
    before = timezone.now()
    bulk.insert_rows(PlanTask, left_out)
    rows = written(mark)
    for row in [*rows, *by_bulk_create]:
        created, updated = row.pop("created_at"), row.pop("updated_at")
        assert before - timedelta(minutes=1) <= created <= updated <= timezone.now()
    assert rows == by_bulk_create
    assert rows[0]["version"] == 1 and rows[0]["done_at"] is None and rows[0]["note"] == ""


def test_insert_rows_refuses_values_it_does_not_know():
    with pytest.raises(AssertionError):
        bulk.insert_rows(PlanTask, [{"nonsense": 1}])
    with pytest.raises(TypeError):
        bulk.insert_rows(Appointment, [{"municipality_id": 1}])  # a UUIDField


def test_log_bulk_writes_what_log_writes(caseworker, person):
    # REQ: SEC-3: the bulk services' audit entries are the entries audit.log writes
    values = dict(
        actor=caseworker,
        action="change",
        obj=person,
        person_id=person.pk,
        changes={"birth_date": [date(1988, 3, 14), None], "note": ["", "Æblegrød, \"x\" 'y'"]},
        reason="Ændret ved import",
        channel="import",
    )
    fields = [f.attname for f in AuditEntry._meta.concrete_fields if f.attname not in ("id", "at")]
    logged = audit.log(**values)
    mark = logged.pk
    audit.log_bulk([audit.entry(**values), audit.entry(**{**values, "obj": None, "changes": None})])
    one, other = AuditEntry.objects.filter(pk__gt=mark).order_by("id").values(*fields, "at")
    assert {k: one[k] for k in fields} == AuditEntry.objects.values(*fields).get(pk=mark)
    assert other["object_type"] == other["object_id"] == "" and other["changes"] == {}
    assert logged.at <= one["at"] == other["at"] <= timezone.now()


@pytest.mark.parametrize("per_insert", [1, 3, 500])
def test_insert_objects_writes_what_bulk_create_writes_and_gives_the_ids(
    caseworker, monkeypatch, per_insert
):
    # REQ: REC-1 (the visitation import's households, persons, cases and plans are inserted
    # with core.bulk.insert_objects: the same rows as bulk_create, each object given its id)
    from velkomst.people.models import Person

    monkeypatch.setattr(bulk, "ROWS_PER_INSERT", per_insert)
    household = single(households_data(1, start=4)[0], caseworker)
    fields = [f.attname for f in Person._meta.concrete_fields if f.attname != "id"]
    originals = list(Person.objects.filter(household=household).order_by("id").values(*fields))
    assert len(originals) >= 2
    originals[0].update(first_name="Åse Ø", cpr="", birth_date=date(2001, 2, 3))
    made = [Person(**values) for values in originals * 2]
    mark = Person.objects.order_by("-id").values_list("id", flat=True)[0]
    assert bulk.insert_objects(made) is made
    assert all(p.pk is not None and not p._state.adding for p in made)
    assert [p.pk for p in made] == sorted(p.pk for p in made) and made[0].pk > mark
    stored = list(Person.objects.filter(pk__in=[p.pk for p in made]).order_by("id"))
    assert [p.pk for p in stored] == [p.pk for p in made]
    assert [[getattr(p, f) for f in fields] for p in stored] == [
        [row[f] for f in fields] for row in originals * 2
    ]
