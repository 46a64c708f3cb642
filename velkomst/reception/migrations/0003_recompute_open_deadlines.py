"""Open tasks' calendar-day deadlines move off closed days (REC-4); done tasks keep their dates.

Every existing task got the preset adjustment (next working day) in 0002. Here each open task's
deadline is counted again from its rule and the household's dates; a task whose deadline moves
gets the counted day and the reason, and each change is audited (old and new values) like a move
by the services: once for a person's task, once per member for a household task. A fixed date
typed in for an ad-hoc task is left as it is, and so is a task without a due date (its anchor is
not known yet); a template task fixed to a move-in (HOU-7) counted
its calendar days to its due date, so that date is the counted day.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils import timezone

from velkomst.engines import deadlines

REASON = "Fristen er flyttet til en arbejdsdag (REC-4)"
BATCH = 2000


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _due(task: Any, completion: dict[int, Any]) -> deadlines.Due | None:
    rule = deadlines.Rule(
        anchor=task.anchor,
        offset_days=task.offset_days,
        offset_months=task.offset_months,
        day_kind=task.day_kind,
        adjustment=task.adjustment,
    )
    if task.anchor == deadlines.Anchor.FIXED:
        if task.template_task_id is None:
            return None  # an ad-hoc task's own date
        if deadlines.DayKind(task.day_kind) != deadlines.DayKind.CALENDAR:
            return None
        return deadlines.adjust(task.due_date, task.adjustment)
    household = task.plan.household
    dates = deadlines.AnchorDates(
        visitation=task.plan.visitation_date,
        expected_arrival=household.expected_arrival_date,
        arrival=household.arrival_date,
        takeover=task.plan.takeover_date,
    )
    if task.anchor == deadlines.Anchor.TASK_COMPLETION and task.anchor_task_id is None:
        return None
    return deadlines.due(rule, dates, completion.get(task.anchor_task_id))


def recompute_open_deadlines(apps: Any, schema_editor: Any) -> None:
    PlanTask = apps.get_model("reception", "PlanTask")
    Person = apps.get_model("people", "Person")
    AuditEntry = apps.get_model("core", "AuditEntry")
    # a task without a due date waits for its anchor (set by the services when it is known)
    open_tasks = PlanTask.objects.filter(
        done_at__isnull=True,
        not_relevant_reason="",
        removed_at__isnull=True,
        due_date__isnull=False,
    ).select_related("plan", "plan__household")
    completion = dict(PlanTask.objects.filter(done_on__isnull=False).values_list("pk", "done_on"))
    now = timezone.now()
    changed: list[Any] = []
    entries: list[Any] = []
    for task in open_tasks.order_by("pk").iterator(chunk_size=BATCH):
        result = _due(task, completion)
        if result is None:
            continue
        moved = result.moved
        counted = result.counted if moved else None
        because = str(result.moved_because or "") if moved else ""
        new = {"due_date": result.date, "due_counted": counted, "due_moved_because": because}
        changes = {
            name: [_json(getattr(task, name)), _json(value)]
            for name, value in new.items()
            if getattr(task, name) != value
        }
        if not changes:
            continue
        task.due_date, task.due_counted, task.due_moved_because = result.date, counted, because
        task.version += 1
        task.updated_at = now
        changed.append(task)
        if task.person_id is not None:
            person_ids = [task.person_id]
        else:
            person_ids = list(
                Person.objects.filter(household_id=task.plan.household_id).values_list(
                    "pk", flat=True
                )
            ) or [None]
        entries.extend(
            AuditEntry(
                at=now,
                municipality_id=task.municipality_id,
                actor_id=None,
                actor_label="Velkomst (migrering)",
                person_id=person_id,
                action="change",
                object_type="reception.PlanTask",
                object_id=str(task.pk),
                changes=changes,
                reason=REASON,
                channel="system",
            )
            for person_id in person_ids
        )
    PlanTask.objects.bulk_update(
        changed,
        ["due_date", "due_counted", "due_moved_because", "version", "updated_at"],
        batch_size=BATCH,
    )
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("reception", "0002_deadline_adjustment_to_working_days"),
        ("people", "0001_initial_households_persons_cases"),
        ("core", "0002_audit_append_only_trigger"),
    ]

    operations = [
        migrations.RunPython(recompute_open_deadlines, migrations.RunPython.noop, elidable=True),
    ]
