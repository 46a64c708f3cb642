"""Reads of reception plans and tasks, always scoped to the acting user's municipality and to the
households the user may see (people.selectors.households_visible_to). Another municipality's
plan, task or template is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import Municipality, StaffUser, Unit
from velkomst.engines.deadlines import DeadlineState
from velkomst.people.models import Household, Person
from velkomst.people.selectors import households_visible_to, own_cases

from .models import (
    ChecklistTick,
    PlanTask,
    PlanTemplate,
    ReceptionPlan,
    TemplateChecklistItem,
    TemplateTask,
)


@dataclass(frozen=True)
class Today:
    """The day deadlines are judged on, and the municipality's "due soon" window."""

    day: date
    due_soon_days: int

    @classmethod
    def for_municipality(cls, municipality: Municipality, day: date | None = None) -> Today:
        day = day or timezone.localdate()
        return cls(day=day, due_soon_days=int(config_value(municipality, "due_soon_days", on=day)))

    @classmethod
    def for_user(cls, user: StaffUser, day: date | None = None) -> Today:
        municipality = Municipality.objects.get(pk=access.tenant_id(user))
        return cls.for_municipality(municipality, day)


def _live(qs: QuerySet[PlanTask]) -> QuerySet[PlanTask]:
    return qs.filter(removed_at__isnull=True)


def open_q() -> Q:
    return Q(done_at__isnull=True, not_relevant_reason="", removed_at__isnull=True)


def state_q(state: str, today: Today) -> Q:
    """The database condition equal to engines.deadlines.deadline_state for ``state``."""
    soon = today.day + timedelta(days=today.due_soon_days)
    match DeadlineState(state):
        case DeadlineState.NOT_RELEVANT:
            return ~Q(not_relevant_reason="") & Q(removed_at__isnull=True)
        case DeadlineState.MET_ON_TIME:
            return Q(done_on__isnull=False, not_relevant_reason="", removed_at__isnull=True) & (
                Q(due_date__isnull=True) | Q(done_on__lte=F("due_date"))
            )
        case DeadlineState.MET_LATE:
            return Q(
                done_on__isnull=False,
                not_relevant_reason="",
                removed_at__isnull=True,
                done_on__gt=F("due_date"),
            )
        case DeadlineState.OVERDUE:
            return open_q() & Q(due_date__lt=today.day)
        case DeadlineState.DUE_SOON:
            return open_q() & Q(due_date__gte=today.day, due_date__lte=soon)
        case DeadlineState.UPCOMING:
            return open_q() & (Q(due_date__isnull=True) | Q(due_date__gt=soon))


def with_states(tasks: list[PlanTask], today: Today) -> list[PlanTask]:
    """Set ``deadline_state`` on each task (for the templates)."""
    for task in tasks:
        task.deadline_state = task.state(today.day, today.due_soon_days)  # type: ignore[attr-defined]
    return tasks


@dataclass(frozen=True)
class ChecklistRow:
    """One checklist item of a plan task and its tick, if it was ever ticked (HOU-7)."""

    item: TemplateChecklistItem
    tick: ChecklistTick | None

    @property
    def ticked(self) -> bool:
        return self.tick is not None and self.tick.done_at is not None

    @property
    def version(self) -> int:
        """The version a tick or untick must send: 0 before the first tick."""
        return self.tick.version if self.tick is not None else 0


def with_checklists(tasks: list[PlanTask]) -> list[PlanTask]:
    """Set ``checklist`` (ChecklistRow per item of the task's template task, in order) and
    ``checklist_done`` (how many are ticked) on each task; two queries for any number of tasks,
    none when no task has a template task."""
    template_task_ids = {t.template_task_id for t in tasks if t.template_task_id is not None}
    items: dict[int, list[TemplateChecklistItem]] = {}
    if template_task_ids:
        for item in TemplateChecklistItem.objects.filter(
            template_task_id__in=template_task_ids
        ).order_by("order", "id"):
            items.setdefault(item.template_task_id, []).append(item)
    with_items = [t.pk for t in tasks if t.template_task_id in items]
    ticks = {
        (tick.task_id, tick.item_id): tick
        for tick in (
            ChecklistTick.objects.filter(task_id__in=with_items).select_related("done_by")
            if with_items
            else []
        )
    }
    for task in tasks:
        rows = [
            ChecklistRow(item=item, tick=ticks.get((task.pk, item.pk)))
            for item in items.get(task.template_task_id or 0, [])
        ]
        task.checklist = rows  # type: ignore[attr-defined]
        task.checklist_done = sum(row.ticked for row in rows)  # type: ignore[attr-defined]
    return tasks


def checklist_item_of(task: PlanTask, item_pk: int) -> TemplateChecklistItem:
    """An item of the task's checklist (the task fetched through a scoped selector); 404 if the
    item is not on it."""
    item = TemplateChecklistItem.objects.filter(
        pk=item_pk, template_task_id=task.template_task_id, template_task__isnull=False
    ).first()
    if item is None:
        raise Http404
    return item


def tasks_visible_to(user: StaffUser) -> QuerySet[PlanTask]:
    return PlanTask.objects.filter(
        municipality_id=access.tenant_id(user),
        plan__household__in=households_visible_to(user),
    )


def plan_of(household: Household) -> ReceptionPlan | None:
    """The plan of a household the caller has already fetched through a scoped selector."""
    return ReceptionPlan.objects.filter(household=household).select_related("template").first()


def plan_tasks(plan: ReceptionPlan, *, include_removed: bool = False) -> list[PlanTask]:
    qs = plan.tasks.select_related("person", "done_by", "anchor_task")
    if not include_removed:
        qs = _live(qs)
    return list(qs.order_by("order", "person_id", "id"))


def task_get(*, user: StaffUser, pk: int) -> PlanTask:
    task = (
        tasks_visible_to(user)
        .select_related("plan", "plan__household", "person")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def person_deadlines(*, user: StaffUser, person: Person) -> list[PlanTask]:
    """A person's own deadlines (the tasks that concern them), in due-date order."""
    return list(
        _live(tasks_visible_to(user).filter(person=person)).order_by("due_date", "order", "id")
    )


def household_open_tasks(*, user: StaffUser, household: Household) -> list[PlanTask]:
    return list(
        tasks_visible_to(user)
        .filter(plan__household=household)
        .filter(open_q())
        .select_related("person")
        .order_by("due_date", "order", "id")
    )


def household_open_tasks_of(household: Household) -> list[PlanTask]:
    """The household's open tasks, for a reader who is the household itself (the citizen's
    entrance, CIT-1): scoped by the household's own municipality."""
    return list(
        PlanTask.objects.filter(
            municipality_id=household.municipality_id, plan__household=household
        )
        .filter(open_q())
        .select_related("person")
        .order_by("due_date", "order", "id")
    )


def _order_by_due(qs: QuerySet[PlanTask]) -> QuerySet[PlanTask]:
    return qs.order_by(F("due_date").asc(nulls_last=True), "order", "id")


def _filtered(
    qs: QuerySet[PlanTask], *, today: Today, role: str, category: str, state: str
) -> QuerySet[PlanTask]:
    if role:
        qs = qs.filter(owner_role=role)
    if category:
        qs = qs.filter(category=category)
    if state:
        qs = qs.filter(state_q(state, today))
    else:
        qs = qs.filter(open_q())
    return _order_by_due(qs.select_related("person", "plan__household"))


def worklist_units(user: StaffUser) -> QuerySet[Unit]:
    """The units whose worklist a user may open: their own; all of the municipality's for roles
    that see every citizen (managers)."""
    units = Unit.objects.filter(municipality_id=access.tenant_id(user))
    if access.can(user, access.SEE_ALL_CITIZENS):
        return units.order_by("name")
    return units.filter(pk__in=user.units.all()).order_by("name")


def worklist(
    *,
    user: StaffUser,
    unit: Unit,
    today: Today,
    role: str = "",
    category: str = "",
    state: str = "",
) -> QuerySet[PlanTask]:
    """A unit's tasks across the citizens the user may see, by due date; open tasks unless a
    state is asked for (COO-1: each unit sees the work it owns)."""
    qs = tasks_visible_to(user).filter(owner_unit_kind=unit.kind)
    return _filtered(qs, today=today, role=role, category=category, state=state)


def my_tasks(
    *, user: StaffUser, today: Today, category: str = "", state: str = ""
) -> QuerySet[PlanTask]:
    """The user's own tasks (REC-4): tasks of the user's role for the citizens whose fixed
    caseworker or current contact person the user is: an adult's task when their case is the
    user's; a household's task, or a child's (a child has no case), when a member's case is. The
    unit's tasks are the worklist's."""
    cases = own_cases(user)
    household_is_mine = Exists(cases.filter(person__household_id=OuterRef("plan__household_id")))
    qs = tasks_visible_to(user).filter(
        Q(person__case__in=cases)
        | (Q(person__isnull=True) | Q(person__case__isnull=True)) & household_is_mine,
        owner_role=user.role,
    )
    return _filtered(qs, today=today, role="", category=category, state=state)


def task_categories(user: StaffUser) -> list[str]:
    return list(
        PlanTask.objects.filter(municipality_id=access.tenant_id(user))
        .exclude(category="")
        .order_by("category")
        .values_list("category", flat=True)
        .distinct()
    )


# --- templates -------------------------------------------------------------------------------


def templates_of(user: StaffUser) -> QuerySet[PlanTemplate]:
    return PlanTemplate.objects.filter(municipality_id=access.tenant_id(user)).order_by("-version")


def template_get(*, user: StaffUser, pk: int) -> PlanTemplate:
    template = templates_of(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


def template_tasks(template: PlanTemplate) -> list[TemplateTask]:
    return list(
        template.tasks.select_related("anchor_task")
        .prefetch_related("checklist_items")
        .order_by("order", "id")
    )


def template_task_get(*, user: StaffUser, pk: int) -> TemplateTask:
    task = (
        TemplateTask.objects.filter(municipality_id=access.tenant_id(user), pk=pk)
        .select_related("template")
        .first()
    )
    if task is None:
        raise Http404
    return task


def is_latest(template: PlanTemplate) -> bool:
    return not PlanTemplate.objects.filter(
        municipality_id=template.municipality_id, version__gt=template.version
    ).exists()


# --- the daily digest ------------------------------------------------------------------------


def digest_tasks(municipality: Municipality, today: Today) -> QuerySet[PlanTask]:
    """A municipality's open tasks that are due soon or overdue on ``today``."""
    soon = today.day + timedelta(days=today.due_soon_days)
    return (
        PlanTask.objects.filter(municipality=municipality, due_date__lte=soon)
        .filter(open_q())
        .select_related("plan")
        .order_by("due_date", "id")
    )
