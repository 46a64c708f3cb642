"""Writes for reception plans (REC-2, REC-3, REC-4, CHI-1, HOU-7).

Each service runs in one transaction with its audit rows. Audit convention for plan tasks: a
task that concerns one person is logged with that person's id; a household task is logged once
per household member, so every member's log (access request, SEC-3) shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Max, Min
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from velkomst.core import access, audit, bulk, records
from velkomst.core.config import config_value, config_values_on
from velkomst.core.dates import DateCheck, refuse_impossible_dates
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction, Municipality, StaffUser, Unit, UnitKind
from velkomst.core.versioning import save_versioned, save_versioned_many
from velkomst.engines import deadlines, life
from velkomst.engines.calendar import programme_end, takeover_date
from velkomst.families.services import placements_create_for_households
from velkomst.families.states import start_rule
from velkomst.people import services as people_services
from velkomst.people.models import Case, Household, Person
from velkomst.people.services import HouseholdData, MemberData

from . import presets
from .models import (
    Anchor,
    ChecklistTick,
    PlanTask,
    PlanTemplate,
    ReceptionPlan,
    TemplateChecklistItem,
    TemplateTask,
)

TEMPLATE_TASK_FIELDS = (
    "key",
    "title",
    "description",
    "category",
    "owner_unit_kind",
    "owner_role",
    "anchor",
    "anchor_task",
    "offset_months",
    "offset_days",
    "day_kind",
    "adjustment",
    "condition",
    "scope",
    "order",
)


class NoTemplateInForce(Exception):
    """The municipality has templates, but none is active and in force today."""


class PlanAlreadyExists(Exception):
    pass


class TaskNotOpen(Exception):
    """The task is already done, not relevant or removed."""


class TaskIsOpen(Exception):
    """Only a done or not-relevant task can be reopened."""


class ReasonRequired(Exception):
    pass


class NotOnTheChecklist(Exception):
    """The checklist item is not one of the task's."""


# --- templates -------------------------------------------------------------------------------


def template_in_force(municipality: Municipality, on: date | None = None) -> PlanTemplate | None:
    """The active template version in force on ``on``: the latest effective one, then the highest
    version."""
    on = on or timezone.localdate()
    return (
        PlanTemplate.objects.filter(
            municipality=municipality, is_active=True, effective_from__lte=on
        )
        .order_by("-effective_from", "-version")
        .first()
    )


@transaction.atomic
def install_presets(municipality: Municipality) -> PlanTemplate:
    """Install the municipality's preset template (see presets.py) as version 1.

    Idempotent: a municipality that has a template keeps it; the version in force is returned
    (or the latest one).
    """
    existing = PlanTemplate.objects.filter(municipality=municipality).order_by("-version").first()
    if existing is not None:
        return template_in_force(municipality) or existing
    template = PlanTemplate.objects.create(
        municipality=municipality,
        name=presets.TEMPLATE_NAME,
        version=1,
        effective_from=presets.PRESET_EFFECTIVE_FROM,
        note="Forudindstilling",  # stored text: Danish
    )
    by_key: dict[str, TemplateTask] = {}
    child_start_days = config_value(
        municipality, "child_start_days", on=presets.PRESET_EFFECTIVE_FROM
    )
    for order, preset in enumerate(presets.preset_for(municipality.code), start=1):
        values = asdict(preset)
        anchor_key = values.pop("anchor_key")
        checklist = values.pop("checklist")
        if preset.key == "school_daycare_start":
            # one rule for the school/daycare start standard: the placements measure against
            # the same configuration and rule (families.states.start_rule)
            rule = start_rule(child_start_days)
            values.update(
                offset_days=rule.offset_days,
                day_kind=str(rule.day_kind),
                adjustment=str(rule.adjustment),
            )
        by_key[preset.key] = TemplateTask.objects.create(
            municipality=municipality,
            template=template,
            order=order * 10,
            anchor_task=by_key[anchor_key] if anchor_key else None,
            **{k: str(v) if isinstance(v, str) else v for k, v in values.items()},
        )
        _checklist_create(by_key[preset.key], checklist)
    return template


def _checklist_create(task: TemplateTask, texts: Iterable[str]) -> None:
    TemplateChecklistItem.objects.bulk_create(
        TemplateChecklistItem(
            municipality_id=task.municipality_id, template_task=task, text=text, order=order * 10
        )
        for order, text in enumerate(texts, start=1)
    )


def _checklist_texts(task: TemplateTask) -> list[str]:
    return [item.text for item in task.checklist_items.order_by("order", "id")]


def _latest_template(template: PlanTemplate) -> None:
    latest = PlanTemplate.objects.filter(municipality_id=template.municipality_id).aggregate(
        v=Max("version")
    )["v"]
    if latest != template.version:
        raise ConcurrentEditError(str(PlanTemplate._meta.verbose_name))


def _new_version(
    *, template: PlanTemplate, acting_user: StaffUser, note: str
) -> tuple[PlanTemplate, dict[int, TemplateTask]]:
    """Copy ``template`` (the latest version) to a new version in force from today.

    Returns the new version and a map from each old task's id to its copy."""
    _latest_template(template)
    try:
        with transaction.atomic():
            new = PlanTemplate.objects.create(
                municipality_id=template.municipality_id,
                name=template.name,
                version=template.version + 1,
                effective_from=max(timezone.localdate(), template.effective_from),
                note=note,
                created_by=acting_user,
            )
    except IntegrityError as error:  # another administrator saved a version first
        raise ConcurrentEditError(str(PlanTemplate._meta.verbose_name)) from error
    copies: dict[int, TemplateTask] = {}
    anchors: dict[int, int | None] = {}
    for task in template.tasks.all():
        old_pk = task.pk
        anchors[old_pk] = task.anchor_task_id
        task.pk = None
        task.template = new
        task.anchor_task = None
        task.save()
        copies[old_pk] = task
    for old_pk, copy in copies.items():
        anchor_pk = anchors[old_pk]
        if anchor_pk is not None:
            copy.anchor_task = copies[anchor_pk]
            copy.save(update_fields=["anchor_task"])
    TemplateChecklistItem.objects.bulk_create(
        TemplateChecklistItem(
            municipality_id=item.municipality_id,
            template_task=copies[item.template_task_id],
            text=item.text,
            order=item.order,
        )
        for item in TemplateChecklistItem.objects.filter(template_task__template=template)
    )
    return new, copies


def _template_audit(
    acting_user: StaffUser, template: PlanTemplate, changes: dict[str, Any], note: str
) -> None:
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=template,
        changes=changes,
        reason=note,
    )


def _require_template_edit(acting_user: StaffUser, template: PlanTemplate) -> None:
    access.require(acting_user, access.TEMPLATE_EDIT)
    if template.municipality_id != access.tenant_id(acting_user):
        raise PermissionDenied("another municipality's template")


@transaction.atomic
def template_task_add(
    *,
    template: PlanTemplate,
    acting_user: StaffUser,
    note: str,
    checklist: Sequence[str] = (),
    **values: Any,
) -> TemplateTask:
    """Add a task to the template: a new version with the task (and its checklist items, HOU-7);
    earlier plans are untouched."""
    _require_template_edit(acting_user, template)
    new, copies = _new_version(template=template, acting_user=acting_user, note=note)
    anchor = values.pop("anchor_task", None)
    task = TemplateTask.objects.create(
        municipality_id=template.municipality_id,
        template=new,
        anchor_task=copies.get(anchor.pk) if anchor is not None else None,
        **values,
    )
    _checklist_create(task, checklist)
    changes: dict[str, Any] = {"task_added": [None, task.key]}
    if checklist:
        changes[f"{task.key}.checklist"] = [[], list(checklist)]
    _template_audit(acting_user, new, changes, note)
    return task


@transaction.atomic
def template_task_update(
    *,
    template_task: TemplateTask,
    acting_user: StaffUser,
    note: str,
    checklist: Sequence[str] | None = None,
    **values: Any,
) -> TemplateTask:
    """Edit a template task, and with ``checklist`` its checklist items in order (HOU-7): a new
    template version with the change (REC-2: future plans only)."""
    template = template_task.template
    _require_template_edit(acting_user, template)
    unknown = set(values) - set(TEMPLATE_TASK_FIELDS)
    assert not unknown, f"not editable: {unknown}"
    new, copies = _new_version(template=template, acting_user=acting_user, note=note)
    task = copies[template_task.pk]
    if "anchor_task" in values and values["anchor_task"] is not None:
        values["anchor_task"] = copies[values["anchor_task"].pk]
    old = records.snapshot(template_task, list(values))
    for name, value in values.items():
        setattr(task, name, value)
    task.save()
    changes = audit.diff(old, values)
    if checklist is not None:
        old_items, new_items = _checklist_texts(template_task), list(checklist)
        if old_items != new_items:
            task.checklist_items.all().delete()  # the new version's copies: no plan uses them yet
            _checklist_create(task, new_items)
            changes["checklist"] = [old_items, new_items]
    _template_audit(acting_user, new, {f"{task.key}.{k}": v for k, v in changes.items()}, note)
    return task


@transaction.atomic
def template_task_delete(
    *, template_task: TemplateTask, acting_user: StaffUser, note: str
) -> PlanTemplate:
    """Remove a task from the template (a new version without it)."""
    template = template_task.template
    _require_template_edit(acting_user, template)
    new, copies = _new_version(template=template, acting_user=acting_user, note=note)
    copy = copies[template_task.pk]
    TemplateTask.objects.filter(anchor_task=copy).update(anchor_task=None, anchor=Anchor.ARRIVAL)
    copy.delete()
    _template_audit(acting_user, new, {"task_removed": [template_task.key, None]}, note)
    return new


@transaction.atomic
def template_set_active(
    *, template: PlanTemplate, acting_user: StaffUser, active: bool, note: str
) -> PlanTemplate:
    """Deactivate a template version, or activate it again, with a reason (REC-2), audited. A
    deactivated version is not used for new plans (``template_in_force`` takes the newest
    active version in force); plans made from it keep it. A version is deactivated only while
    another active version is in force today, so plan generation always has one."""
    _require_template_edit(acting_user, template)
    if not note.strip():
        raise ValidationError({"reason": _("Skriv hvorfor.")})
    # lock the municipality's active versions: two deactivations at once cannot leave none
    active_ids = list(
        PlanTemplate.objects.select_for_update()
        .filter(municipality_id=template.municipality_id, is_active=True)
        .values_list("pk", flat=True)
    )
    template = PlanTemplate.objects.select_for_update().get(pk=template.pk)
    if template.is_active == active:
        raise ValidationError(
            {
                "reason": _("Versionen er allerede aktiv.")
                if active
                else _("Versionen er allerede deaktiveret.")
            }
        )
    if not active:
        others = PlanTemplate.objects.filter(
            pk__in=active_ids, effective_from__lte=timezone.localdate()
        ).exclude(pk=template.pk)
        if not others.exists():
            raise ValidationError(
                {
                    "reason": _(
                        "Versionen kan ikke deaktiveres: ingen anden aktiv version gælder i dag, "
                        "så nye modtageplaner ville ikke have en skabelon."
                    )
                }
            )
    template.is_active = active
    template.save(update_fields=["is_active"])
    _template_audit(acting_user, template, {"is_active": [not active, active]}, note)
    return template


# --- plans -----------------------------------------------------------------------------------


def _members(household: Household) -> list[Person]:
    return list(household.members.order_by("id"))


def _anchor_dates(plan: ReceptionPlan, household: Household) -> deadlines.AnchorDates:
    return deadlines.AnchorDates(
        visitation=plan.visitation_date,
        expected_arrival=household.expected_arrival_date,
        arrival=household.arrival_date,
        takeover=plan.takeover_date,
    )


def _rule(task: PlanTask | TemplateTask) -> deadlines.Rule:
    return deadlines.Rule(
        anchor=task.anchor,
        offset_days=task.offset_days,
        offset_months=task.offset_months,
        day_kind=task.day_kind,
        adjustment=task.adjustment,
    )


def _due_fields(due: deadlines.Due | None) -> dict[str, Any]:
    """A task's stored deadline: the date, and the counted day and why it moved, if it did."""
    if due is None:
        return {"due_date": None, "due_counted": None, "due_moved_because": ""}
    moved = due.moved and due.moved_because is not None
    return {
        "due_date": due.date,
        "due_counted": due.counted if moved else None,
        "due_moved_because": str(due.moved_because) if moved else "",
    }


def _log_task(
    *,
    acting_user: StaffUser,
    task: PlanTask,
    members: Iterable[Person] | None,
    action: str,
    changes: dict[str, Any],
    reason: str = "",
    channel: str = "web",
    obj: Any = None,
) -> None:
    """One audit row for a person's task; one per member for a household task. ``obj`` is what
    changed, when not the task itself (a ticked checklist item)."""
    person_ids: list[int | None]
    if task.person_id is not None:
        person_ids = [task.person_id]
    else:
        if members is None:
            members = Person.objects.filter(household_id=task.plan.household_id)
        person_ids = [m.pk for m in members] or [None]
    for person_id in person_ids:
        audit.log(
            actor=acting_user,
            action=action,
            obj=obj if obj is not None else task,
            person_id=person_id,
            changes=changes,
            reason=reason,
            channel=channel,
        )


def _visitation_dates(households: Sequence[Household]) -> dict[int, date]:
    """Each household's visitation date: its members' earliest case's, else the day it was
    registered. One query."""
    earliest = dict(
        Case.objects.filter(person__household__in=households)
        .values("person__household")
        .annotate(first=Min("visitation_date"))
        .values_list("person__household", "first")
    )
    return {h.pk: earliest.get(h.pk) or timezone.localdate(h.created_at) for h in households}


def _members_by_household(households: Sequence[Household]) -> dict[int, list[Person]]:
    """Each household's members in id order (as ``_members``), in one query."""
    members: dict[int, list[Person]] = {household.pk: [] for household in households}
    for person in Person.objects.filter(household__in=households).order_by("id"):
        members[person.household_id].append(person)
    return members


@transaction.atomic
def plan_generate(
    *,
    household: Household,
    acting_user: StaffUser,
    visitation_date: date | None = None,
    channel: str = "web",
) -> ReceptionPlan:
    """Generate the household's reception plan from the template version in force today.

    Each template task becomes one task for the household, or one per member meeting its
    condition (age judged on the day the task concerns, see ``_plan_tasks``). A municipality without any template gets its
    preset first. The units that own tasks in the plan, and for a household with children the
    children-and-family unit (CHI-1), are added to the household's units.
    """
    access.require(acting_user, access.PLAN_EDIT)
    return _plan_generate(
        households=[household],
        acting_user=acting_user,
        visitation_dates=[visitation_date],
        channel=channel,
    )[0]


def _plan_generate(
    *,
    households: Sequence[Household],
    acting_user: StaffUser,
    visitation_dates: Sequence[date | None],
    channel: str,
) -> list[ReceptionPlan]:
    """Generate the plans of ``households`` (see ``plan_generate``; a visitation date of None is
    read from the household's cases) in a number of queries that does not depend on how many
    households there are: the template in force, its tasks and the units are read once."""
    tenant = access.tenant_id(acting_user)
    if any(household.municipality_id != tenant for household in households):
        raise PermissionDenied("another municipality's household")
    if not households:
        return []
    if ReceptionPlan.objects.filter(household__in=households).exists():
        raise PlanAlreadyExists()
    municipality = households[0].municipality
    template = template_in_force(municipality)
    if template is None:
        if PlanTemplate.objects.filter(municipality=municipality).exists():
            raise NoTemplateInForce()
        template = install_presets(municipality)
    missing = [h for h, day in zip(households, visitation_dates, strict=True) if day is None]
    read = _visitation_dates(missing) if missing else {}
    visitations: list[date] = [
        day or read[household.pk]
        for household, day in zip(households, visitation_dates, strict=True)
    ]
    plans = bulk.insert_objects(
        [
            ReceptionPlan(
                municipality=municipality,
                household=household,
                template=template,
                visitation_date=visitation,
                takeover_date=takeover_date(visitation),
                created_by=acting_user,
            )
            for household, visitation in zip(households, visitations, strict=True)
        ]
    )
    members = _members_by_household(households)
    template_tasks = list(template.tasks.order_by("order", "id"))
    units_by_kind: dict[str, list[int]] = {}
    for unit_id, kind in Unit.objects.filter(municipality=municipality).values_list("pk", "kind"):
        units_by_kind.setdefault(kind, []).append(unit_id)

    copied = {tt.pk: _copied_from_template(tt) for tt in template_tasks}
    takeovers = {plan.takeover_date for plan in plans}
    lengths = config_values_on(municipality, "programme_length_months", takeovers)
    coming_of_age = config_values_on(municipality, "coming_of_age_deadline_days", takeovers)
    pending: list[dict[str, Any]] = []
    household_units: list[tuple[int, int]] = []
    for plan, household, visitation in zip(plans, households, visitations, strict=True):
        engine_members = {
            m.pk: deadlines.Member(birth_date=m.birth_date, residence_basis=m.residence_basis)
            for m in members[household.pk]
        }
        reference_day = household.arrival_date or household.expected_arrival_date or visitation
        tasks = _plan_tasks(
            plan=plan,
            household=household,
            members=members[household.pk],
            engine_members=engine_members,
            template_tasks=template_tasks,
            copied=copied,
            reference_day=reference_day,
            programme_end=programme_end(plan.takeover_date, lengths[plan.takeover_date]),
            coming_of_age_days=coming_of_age[plan.takeover_date],
        )
        pending.extend(tasks)
        kinds = {task["owner_unit_kind"] for task in tasks}
        if any(
            deadlines.member_meets(deadlines.Condition.HAS_CHILDREN, m, reference_day)
            for m in engine_members.values()
        ):
            kinds.add(UnitKind.CHILDREN_FAMILY)
        household_units.extend(
            (household.pk, unit_id) for kind in kinds for unit_id in units_by_kind.get(kind, [])
        )
    bulk.insert_rows(PlanTask, pending)
    _link_anchor_tasks(plans, template_tasks)
    HouseholdUnit = Household.units.through
    HouseholdUnit.objects.bulk_create(
        [HouseholdUnit(household_id=h, unit_id=u) for h, u in household_units],
        ignore_conflicts=True,  # a unit the household has already
    )
    entries: list[audit.AuditValues] = []
    for plan, household in zip(plans, households, strict=True):
        person_ids: list[int | None] = [m.pk for m in members[household.pk]] or [None]
        entries.extend(
            audit.entry(
                actor=acting_user,
                action=AuditAction.CREATE,
                obj=plan,
                person_id=person_id,
                changes={"template": [None, f"{template.pk} v{template.version}"]},
                channel=channel,
            )
            for person_id in person_ids
        )
    audit.log_bulk(entries)
    return plans


def _copied_from_template(tt: TemplateTask) -> dict[str, Any]:
    """What a plan task copies from its template task (text, owner, deadline rule), so the plan
    stays as it was made."""
    return {
        "template_task_id": tt.pk,
        "title": tt.title,
        "description": tt.description,
        "category": tt.category,
        "owner_unit_kind": tt.owner_unit_kind,
        "owner_role": tt.owner_role,
        "order": tt.order,
        "anchor": tt.anchor,
        "offset_months": tt.offset_months,
        "offset_days": tt.offset_days,
        "day_kind": tt.day_kind,
        "adjustment": tt.adjustment,
    }


def _plan_tasks(
    *,
    plan: ReceptionPlan,
    household: Household,
    members: list[Person],
    engine_members: dict[int, deadlines.Member],
    template_tasks: list[TemplateTask],
    copied: dict[int, dict[str, Any]],
    reference_day: date,
    programme_end: date,
    coming_of_age_days: int | None,
) -> list[dict[str, Any]]:
    """The plan's tasks, as rows of PlanTask values: for each template task, one for the
    household (condition met on ``reference_day``), or one per member who gets it
    (``engines.life.person_task``: an age condition is judged on the day the task concerns; a
    member turning 18 in the programme gets the adult tasks counted from the 18th birthday, as a
    fixed date). A task counted from another task's completion has no due date yet, nor its link
    (``_link_anchor_tasks``)."""
    dates = _anchor_dates(plan, household)
    tasks: list[dict[str, Any]] = []
    row = {"municipality_id": plan.municipality_id, "plan_id": plan.pk}
    for tt in template_tasks:
        rule = _rule(tt)
        if tt.scope == deadlines.Scope.PERSON:
            for m in members:
                got = life.person_task(
                    tt.condition,
                    rule,
                    engine_members[m.pk],
                    dates,
                    arrival_day=reference_day,
                    programme_end=programme_end,
                    coming_of_age_days=coming_of_age_days,
                )
                if got is None:
                    continue
                fixed = {"anchor": Anchor.FIXED} if got.from_birthday else {}
                tasks.append(
                    {
                        **copied[tt.pk],
                        **row,
                        **fixed,
                        "person_id": m.pk,
                        **_due_fields(got.due),
                        "from_birthday": got.from_birthday,
                    }
                )
        elif deadlines.household_meets(tt.condition, engine_members.values(), reference_day):
            tasks.append(
                {
                    **copied[tt.pk],
                    **row,
                    "person_id": None,
                    **_due_fields(deadlines.due(rule, dates)),
                }
            )
    return tasks


def _link_anchor_tasks(plans: list[ReceptionPlan], template_tasks: list[TemplateTask]) -> None:
    """Point each new task counted from another task's completion at that task in the same plan:
    the same person's, else the household's."""
    anchor_of = {
        tt.pk: tt.anchor_task_id
        for tt in template_tasks
        if tt.anchor == Anchor.TASK_COMPLETION and tt.anchor_task_id
    }
    if not anchor_of:
        return
    saved: dict[tuple[int, int | None, int | None], int] = {
        (plan_id, tt_id, person_id): pk
        for pk, plan_id, tt_id, person_id in PlanTask.objects.filter(
            plan__in=plans, template_task_id__in=set(anchor_of) | set(anchor_of.values())
        ).values_list("pk", "plan_id", "template_task_id", "person_id")
    }
    links = []
    for (plan_id, tt_id, person_id), pk in saved.items():
        anchor_tt = anchor_of.get(tt_id) if tt_id is not None else None
        if anchor_tt is None:
            continue
        anchor = saved.get((plan_id, anchor_tt, person_id)) or saved.get((plan_id, anchor_tt, None))
        if anchor is not None:
            links.append((anchor, pk))
    if not links:
        return
    db = connections[router.db_for_write(PlanTask)]
    qn = db.ops.quote_name
    table = qn(PlanTask._meta.db_table)
    anchor_column = qn(PlanTask._meta.get_field("anchor_task").column)
    pk_column = qn(PlanTask._meta.pk.column)
    with db.cursor() as cursor:
        # names from the model's meta, quoted; every value is a bound parameter
        cursor.executemany(
            f"UPDATE {table} SET {anchor_column} = %s WHERE {pk_column} = %s",  # noqa: S608
            links,
        )


@transaction.atomic
def households_register_bulk(
    households: Sequence[HouseholdData], *, acting_user: StaffUser, channel: str = "web"
) -> list[Household]:
    """Register households (people.services.households_create_bulk), generate their reception
    plans and a placement record per child (CHI-2): all in one transaction, in a number of
    queries that does not depend on how many households there are (a visitation file, REC-1).
    """
    created = people_services.households_create_bulk(
        households, acting_user=acting_user, channel=channel
    )
    # registering a household (HOUSEHOLD_CREATE) always makes its plan
    _plan_generate(
        households=created,
        acting_user=acting_user,
        visitation_dates=[data.visitation_date for data in households],
        channel=channel,
    )
    placements_create_for_households(households=created, acting_user=acting_user, channel=channel)
    return created


def household_register(
    *,
    acting_user: StaffUser,
    name: str,
    members: list[MemberData],
    visitation_date: date,
    expected_arrival_date: date | None = None,
    arrival_date: date | None = None,
    asylum_centre: str = "",
    address: str = "",
    caseworker: StaffUser | None = None,
    channel: str = "web",
) -> Household:
    """Register a household (people.services.household_create) and generate its reception plan.

    Same keyword-only signature as ``household_create``; one household through
    ``households_register_bulk`` (one transaction).
    """
    data = HouseholdData(
        name=name,
        members=members,
        visitation_date=visitation_date,
        expected_arrival_date=expected_arrival_date,
        arrival_date=arrival_date,
        asylum_centre=asylum_centre,
        address=address,
        caseworker=caseworker,
    )
    return households_register_bulk([data], acting_user=acting_user, channel=channel)[0]


@transaction.atomic
def household_change_dates(
    *,
    household: Household,
    acting_user: StaffUser,
    expected_version: int,
    channel: str = "web",
    **values: Any,
) -> Household:
    """Change a household (people.services.household_update); when the expected or actual
    arrival date changes, the open deadlines counted from it move, each move audited with the old
    and new due date (REC-4)."""
    before = deadlines.AnchorDates(
        expected_arrival=household.expected_arrival_date, arrival=household.arrival_date
    )
    people_services.household_update(
        household=household,
        acting_user=acting_user,
        expected_version=expected_version,
        channel=channel,
        **values,
    )
    after = deadlines.AnchorDates(
        expected_arrival=household.expected_arrival_date, arrival=household.arrival_date
    )
    if before == after:
        return household
    plan = ReceptionPlan.objects.filter(household=household).first()
    if plan is None:
        return household
    dates = _anchor_dates(plan, household)
    members = _members(household)
    reason = _("Ankomstdatoen er ændret")
    for task in _open(plan.tasks.filter(anchor__in=deadlines.ARRIVAL_ANCHORS)):
        _move_due_date(
            task=task,
            new_due=deadlines.due(_rule(task), dates),
            acting_user=acting_user,
            members=members,
            reason=reason,
            channel=channel,
        )
    # the conditions are judged on the arrival (age on the day): they may hold or not now
    plan_reevaluate(household=household, acting_user=acting_user, reason=reason, channel=channel)
    return household


# The reason a task is marked not relevant when its condition no longer holds: stored as this
# Danish text and shown in the reader's language (``{% translate %}`` on the plan).
NO_LONGER_APPLIES = gettext_noop(
    "Betingelsen gælder ikke længere, efter at husstandens oplysninger er ændret"
)


@transaction.atomic
def person_change(
    *,
    person: Person,
    acting_user: StaffUser,
    expected_version: int,
    channel: str = "web",
    **values: Any,
) -> Person:
    """Change a person (people.services.person_update); when the birth date or the residence
    basis changes, the household's plan is re-evaluated (``plan_reevaluate``, REC-2)."""
    before = (person.birth_date, person.residence_basis)
    people_services.person_update(
        person=person,
        acting_user=acting_user,
        expected_version=expected_version,
        channel=channel,
        **values,
    )
    if (person.birth_date, person.residence_basis) != before:
        plan_reevaluate(
            household=person.household,
            acting_user=acting_user,
            reason=_("%(name)s: fødselsdato eller opholdsgrundlag er ændret")
            % {"name": person.first_name},
            channel=channel,
        )
    return person


@transaction.atomic
def plan_reevaluate(
    *, household: Household, acting_user: StaffUser, reason: str, channel: str = "web"
) -> tuple[list[PlanTask], list[PlanTask]]:
    """Judge the conditions of the plan's template tasks again on the household as it is now
    (its members, birth dates, residence bases and dates), with the plan's own template version
    and the same rules as plan generation (``_plan_tasks``: ``life.person_task``,
    ``deadlines.due``). An open task whose condition no longer holds is marked not relevant with
    ``NO_LONGER_APPLIES`` (never deleted); a done task, a task someone marked not relevant or
    removed, and an ad-hoc task are left alone. A task whose condition now holds is added with
    its deadline, or, if re-evaluation had set it aside, opened again with its deadline. Each
    write is audited with ``reason``. Returns (set aside, added or reopened)."""
    plan = ReceptionPlan.objects.filter(household=household).select_related("template").first()
    if plan is None:
        return [], []
    members = _members(household)
    template_tasks = list(plan.template.tasks.order_by("order", "id"))
    municipality = household.municipality
    takeover = plan.takeover_date
    length = config_values_on(municipality, "programme_length_months", [takeover])[takeover]
    coming_of_age = config_values_on(municipality, "coming_of_age_deadline_days", [takeover])
    engine_members = {
        m.pk: deadlines.Member(birth_date=m.birth_date, residence_basis=m.residence_basis)
        for m in members
    }
    rows = _plan_tasks(
        plan=plan,
        household=household,
        members=members,
        engine_members=engine_members,
        template_tasks=template_tasks,
        copied={tt.pk: _copied_from_template(tt) for tt in template_tasks},
        reference_day=household.arrival_date
        or household.expected_arrival_date
        or plan.visitation_date,
        programme_end=programme_end(takeover, length),
        coming_of_age_days=coming_of_age[takeover],
    )
    wanted = {(row["template_task_id"], row["person_id"]): row for row in rows}
    existing: dict[tuple[int | None, int | None], list[PlanTask]] = {}
    for task in (
        plan.tasks.select_for_update()
        .filter(template_task__isnull=False, removed_at__isnull=True)
        .order_by("id")
    ):
        existing.setdefault((task.template_task_id, task.person_id), []).append(task)
    set_aside: list[PlanTask] = []
    added: list[PlanTask] = []
    now = timezone.now()
    for key, tasks in existing.items():
        if key in wanted:
            continue
        for task in tasks:
            if task.is_open:
                _follow(
                    task=task,
                    values={"not_relevant_reason": NO_LONGER_APPLIES, "not_relevant_at": now},
                    acting_user=acting_user,
                    members=members,
                    reason=reason,
                    channel=channel,
                )
                set_aside.append(task)
    for key, row in wanted.items():
        tasks = existing.get(key, [])
        due = {name: row[name] for name in ("due_date", "due_counted", "due_moved_because")}
        still_open = [t for t in tasks if t.is_open]
        if still_open:
            task = still_open[-1]
            if task.from_birthday or row.get("from_birthday"):
                # counted from the 18th birthday: a changed birth date moves it
                _follow(
                    task=task,
                    values={
                        "anchor": row["anchor"],
                        "from_birthday": row.get("from_birthday"),
                        **due,
                    },
                    acting_user=acting_user,
                    members=members,
                    reason=reason,
                    channel=channel,
                )
            continue
        if any(t.not_relevant_reason != NO_LONGER_APPLIES for t in tasks):
            continue  # done, or set aside by a person: as it is
        if tasks:  # set aside by an earlier re-evaluation: open it again
            task = tasks[-1]
            _follow(
                task=task,
                values={
                    "not_relevant_reason": "",
                    "not_relevant_at": None,
                    "anchor": row["anchor"],
                    "from_birthday": row.get("from_birthday"),
                    **due,
                },
                acting_user=acting_user,
                members=members,
                reason=reason,
                channel=channel,
            )
        else:
            task = _task_add_from_row(plan, row, existing)
            _log_task(
                acting_user=acting_user,
                task=task,
                members=members,
                action=AuditAction.CREATE,
                changes={
                    "title": [None, task.title],
                    "due_date": [None, task.due_date.isoformat() if task.due_date else None],
                },
                reason=reason,
                channel=channel,
            )
        added.append(task)
    return set_aside, added


def _task_add_from_row(
    plan: ReceptionPlan,
    row: dict[str, Any],
    existing: dict[tuple[int | None, int | None], list[PlanTask]],
) -> PlanTask:
    """A plan task from a ``_plan_tasks`` row, linked (if it is counted from another task's
    completion) to that task in the plan: the same person's, else the household's."""
    task = PlanTask.objects.create(**row)
    anchor_tt = task.template_task.anchor_task_id if task.template_task else None
    if task.anchor == Anchor.TASK_COMPLETION and anchor_tt is not None:
        anchors = existing.get((anchor_tt, task.person_id)) or existing.get((anchor_tt, None))
        if anchors:
            anchor = anchors[-1]
            task.anchor_task = anchor
            fields = ["anchor_task"]
            if anchor.done_on is not None:  # already done: the deadline counts from it
                due = deadlines.due(_rule(task), deadlines.AnchorDates(), anchor.done_on)
                for name, value in _due_fields(due).items():
                    setattr(task, name, value)
                fields += list(_due_fields(due))
            task.save(update_fields=fields)
    return task


def _open(qs: Any) -> Any:
    return qs.filter(done_at__isnull=True, not_relevant_reason="", removed_at__isnull=True)


def _move_due_date(
    *,
    task: PlanTask,
    new_due: deadlines.Due | None,
    acting_user: StaffUser,
    members: Iterable[Person] | None,
    reason: str,
    channel: str,
    also: dict[str, Any] | None = None,
) -> None:
    """The task falls due ``new_due`` (with why it moved off a closed day) and takes ``also``'s
    values."""
    _follow(
        task=task,
        values={**_due_fields(new_due), **(also or {})},
        acting_user=acting_user,
        members=members,
        reason=reason,
        channel=channel,
    )


def _follow(
    *,
    task: PlanTask,
    values: dict[str, Any],
    acting_user: StaffUser,
    members: Iterable[Person] | None,
    reason: str,
    channel: str,
) -> None:
    """A change that follows from another (a moved anchor date, a move-in): one versioned write
    of the task as read in this transaction, audited with the values before and after (SEC-3,
    SEC-5); nothing when nothing changes."""
    changes = audit.diff(records.snapshot(task, list(values)), values)
    if not changes:
        return
    for name, value in values.items():
        setattr(task, name, value)
    save_versioned(task, expected_version=task.version, fields=list(values))
    _log_task(
        acting_user=acting_user,
        task=task,
        members=members,
        action=AuditAction.CHANGE,
        changes=changes,
        reason=reason,
        channel=channel,
    )


def _write(obj: Any, *, expected_version: int, values: dict[str, Any]) -> dict[str, Any]:
    """Set ``values`` on ``obj`` and save them if its stored version is ``expected_version``
    (SEC-5). Returns the changes {field: [old, new]} for the audit, from the values read before
    anything was set (SEC-3: the audit holds the true old values)."""
    before = records.snapshot(obj, list(values))
    for name, value in values.items():
        setattr(obj, name, value)
    save_versioned(obj, expected_version=expected_version, fields=list(values))
    return audit.diff(before, values)


def _initials(user: StaffUser, initials: str = "") -> str:
    """The initials given, else the user's own; upper case, at most 8 characters."""
    return (initials or user.initials or user.username)[:8].upper()


# --- tasks -----------------------------------------------------------------------------------


def can_work_on(
    user: StaffUser, task: PlanTask, *, is_household_caseworker: bool | None = None
) -> bool:
    """Whether ``user`` may tick ``task`` off: staff with the task's owner role, or the fixed
    caseworker of a member of the household. (Visibility of the household is the selectors'.)
    Managers only view."""
    if not access.can(user, access.TASK_COMPLETE):
        return False
    if task.municipality_id != user.municipality_id:
        return False
    if user.role == task.owner_role:
        return True
    if is_household_caseworker is None:
        is_household_caseworker = Case.objects.filter(
            person__household__reception_plan=task.plan_id, caseworker=user
        ).exists()
    return is_household_caseworker


def _require_work(user: StaffUser, task: PlanTask) -> None:
    if not can_work_on(user, task):
        raise PermissionDenied("not the task's owner")


def _require_plan_edit(user: StaffUser, plan: ReceptionPlan) -> None:
    access.require(user, access.PLAN_EDIT)
    if plan.municipality_id != access.tenant_id(user):
        raise PermissionDenied("another municipality's plan")


def _recompute_dependents(
    *, task: PlanTask, acting_user: StaffUser, reason: str, channel: str
) -> None:
    """Tasks counted from ``task``'s completion get (or lose) their due date."""
    for dependent in _open(task.dependents.filter(anchor=Anchor.TASK_COMPLETION)):
        _move_due_date(
            task=dependent,
            new_due=deadlines.due(_rule(dependent), deadlines.AnchorDates(), task.done_on),
            acting_user=acting_user,
            members=None,
            reason=reason,
            channel=channel,
        )


def _done_on_check(task: PlanTask, done_on: date | None) -> DateCheck:
    """The rule for the day a task was done: in the past, and not before the municipality
    received the household: its visitation day, or the day it was registered here if earlier (a
    household registered after its arrival has tasks done since the visitation)."""
    plan = ReceptionPlan.objects.select_related("household").get(pk=task.plan_id)
    received = min(plan.visitation_date, timezone.localdate(plan.household.created_at))
    return DateCheck(
        "done_on",
        done_on,
        past=True,
        not_before=received,
        not_before_message=_(
            "Opgaven kan ikke være udført, før husstanden blev registreret (%(date)s)."
        )
        % {"date": format_date(received, "short")},
    )


@transaction.atomic
def task_complete(
    *,
    task: PlanTask,
    acting_user: StaffUser,
    expected_version: int,
    initials: str = "",
    note: str = "",
    done_on: date | None = None,
    channel: str = "web",
) -> PlanTask:
    """Tick a task off: who, when, initials (the user's own unless given), an optional note of
    its own (``done_note``; the task's standing note, e.g. a move-in visit's housing association
    and address, is kept). Unticked checklist items do not stop it: the task shows how many
    were ticked (HOU-7).

    The day it was done cannot be before 1900, before the household was registered or more than
    a day ahead (SEC-5: a ValidationError naming ``done_on``); tomorrow counts as today."""
    _require_work(acting_user, task)
    if not task.is_open:
        raise TaskNotOpen()
    refuse_impossible_dates(_done_on_check(task, done_on))
    today = timezone.localdate()
    changes = _write(
        task,
        expected_version=expected_version,
        values={
            "done_at": timezone.now(),
            "done_on": min(done_on or today, today),
            "done_by": acting_user,
            "done_initials": _initials(acting_user, initials),
            "done_note": note,
        },
    )
    _log_task(
        acting_user=acting_user,
        task=task,
        members=None,
        action=AuditAction.CHANGE,
        changes=changes,
        channel=channel,
    )
    _recompute_dependents(
        task=task,
        acting_user=acting_user,
        reason=_("Opgaven %(title)s er udført") % {"title": task.title},
        channel=channel,
    )
    return task


@transaction.atomic
def task_mark_not_relevant(
    *,
    task: PlanTask,
    acting_user: StaffUser,
    expected_version: int,
    reason: str,
    channel: str = "web",
) -> PlanTask:
    _require_work(acting_user, task)
    if not reason.strip():
        raise ReasonRequired()
    if not task.is_open:
        raise TaskNotOpen()
    changes = _write(
        task,
        expected_version=expected_version,
        values={"not_relevant_reason": reason.strip(), "not_relevant_at": timezone.now()},
    )
    _log_task(
        acting_user=acting_user,
        task=task,
        members=None,
        action=AuditAction.CHANGE,
        changes=changes,
        reason=reason,
        channel=channel,
    )
    return task


@transaction.atomic
def task_reopen(
    *,
    task: PlanTask,
    acting_user: StaffUser,
    expected_version: int,
    reason: str,
    channel: str = "web",
) -> PlanTask:
    """Undo a tick-off or a "not relevant", with a reason; the audit keeps what it was. The
    task's standing note and its ticked checklist items stay."""
    _require_work(acting_user, task)
    if not reason.strip():
        raise ReasonRequired()
    if task.removed_at is not None or task.is_open:
        raise TaskIsOpen()
    changes = _write(
        task,
        expected_version=expected_version,
        values={
            "done_at": None,
            "done_on": None,
            "done_by": None,
            "done_initials": "",
            "done_note": "",
            "not_relevant_reason": "",
            "not_relevant_at": None,
        },
    )
    _log_task(
        acting_user=acting_user,
        task=task,
        members=None,
        action=AuditAction.CHANGE,
        changes=changes,
        reason=reason,
        channel=channel,
    )
    _recompute_dependents(task=task, acting_user=acting_user, reason=reason, channel=channel)
    return task


@transaction.atomic
def task_add(
    *,
    plan: ReceptionPlan,
    acting_user: StaffUser,
    title: str,
    reason: str,
    owner_unit_kind: str,
    owner_role: str,
    due_date: date | None,
    description: str = "",
    person: Person | None = None,
    category: str = "",
    channel: str = "web",
) -> PlanTask:
    """Add a task to one household's plan (not the template), with the reason."""
    _require_plan_edit(acting_user, plan)
    if not reason.strip():
        raise ReasonRequired()
    if person is not None and person.household_id != plan.household_id:
        raise PermissionDenied("not a member of the household")
    last = plan.tasks.aggregate(m=Max("order"))["m"] or 0
    task = PlanTask.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        person=person,
        title=title,
        description=description,
        category=category,
        owner_unit_kind=owner_unit_kind,
        owner_role=owner_role,
        order=last + 10,
        anchor=Anchor.FIXED,
        due_date=due_date,
        added_reason=reason.strip(),
        added_by=acting_user,
    )
    plan.household.units.add(
        *Unit.objects.filter(municipality_id=plan.municipality_id, kind=owner_unit_kind)
    )
    _log_task(
        acting_user=acting_user,
        task=task,
        members=None,
        action=AuditAction.CREATE,
        changes={"title": [None, title], "due_date": [None, due_date]},
        reason=reason,
        channel=channel,
    )
    return task


@transaction.atomic
def task_remove(
    *,
    task: PlanTask,
    acting_user: StaffUser,
    expected_version: int,
    reason: str,
    channel: str = "web",
) -> PlanTask:
    """Remove a task from one household's plan, with the reason; it stays in the record."""
    _require_plan_edit(acting_user, task.plan)
    if not reason.strip():
        raise ReasonRequired()
    if task.removed_at is not None:
        raise TaskNotOpen()
    changes = _write(
        task,
        expected_version=expected_version,
        values={"removed_at": timezone.now(), "removed_reason": reason.strip()},
    )
    _log_task(
        acting_user=acting_user,
        task=task,
        members=None,
        action=AuditAction.DELETE,
        changes=changes,
        reason=reason,
        channel=channel,
    )
    return task


# --- move-in visits (HOU-7) ----------------------------------------------------------------------

MOVE_IN_VISIT = "housing_visit_1"  # the category of the first move-in visit's task
MOVE_IN_VISITS = (MOVE_IN_VISIT, "housing_visit_2")  # both visits, with the housing association


def move_in_visits_follow(
    *,
    household: Household,
    move_in: date,
    landlord: str,
    address: str,
    acting_user: StaffUser,
    channel: str = "web",
) -> PlanTask | None:
    """The household moves into a housing association's dwelling: the first move-in visit,
    if still open, falls due 14 days (the task's offset) after the move-in rather than after the
    arrival (moved off a closed day by the task's rule, REC-4); the second visit follows the first's completion as before (HOU-7, KL Haderslev).
    Both open visits name the association and the address in their note (added to a note they
    have), which stays when the visit is ticked off. Returns the first visit if it was moved."""
    plan = ReceptionPlan.objects.filter(household=household).first()
    if plan is None:
        return None
    visits = list(_open(plan.tasks.filter(category__in=MOVE_IN_VISITS)).order_by("order", "pk"))
    first = next((t for t in visits if t.category == MOVE_IN_VISIT), None)
    reason, changed = _move_in_changes(visits, move_in=move_in, landlord=landlord, address=address)
    for task, values in changed:
        _follow(
            task=task,
            values=values,
            acting_user=acting_user,
            members=None,
            reason=reason,
            channel=channel,
        )
    return first


def _move_in_changes(
    visits: Sequence[PlanTask], *, move_in: date, landlord: str, address: str
) -> tuple[str, list[tuple[PlanTask, dict[str, Any]]]]:
    """The audit reason of a move-in and the values each open visit (in order) takes."""
    first = next((t for t in visits if t.category == MOVE_IN_VISIT), None)
    with translation.override(settings.LANGUAGE_CODE):  # stored text is Danish (decision 13)
        text = _("Med %(landlord)s, %(address)s") % {"landlord": landlord, "address": address}
        reason = _("Indflytning %(date)s") % {"date": move_in.strftime("%d.%m.%Y")}
    changed = []
    for task in visits:
        note = text if not task.note or text in task.note else f"{task.note} · {text}"
        values: dict[str, Any] = {"note": note[:500]}
        if task is first:
            values["anchor"] = Anchor.FIXED
            values.update(_due_fields(deadlines.due_from(move_in, _rule(task))))
        changed.append((task, values))
    return reason, changed


def move_in_visits_follow_many(
    *,
    moves: Sequence[tuple[int, date, str, str]],
    members: dict[int, list[int]],
    acting_user: StaffUser,
    channel: str = "web",
) -> dict[int, list[audit.AuditValues]]:
    """``move_in_visits_follow`` for many households at once (accepting a placement run's
    suggestions): ``moves`` are (household id, move-in, landlord, address), ``members`` each
    household's member ids in the register's order. The tasks are written in a few statements
    (versioned, ConcurrentEditError when one changed meanwhile); the audit entries are returned
    per household, unwritten, in the order ``move_in_visits_follow`` writes them, for the caller
    to write with its own in one ``audit.log_bulk``."""
    by_household = {household_id: (day, who, where) for household_id, day, who, where in moves}
    visits: dict[int, list[PlanTask]] = {}
    for task in (
        _open(
            PlanTask.objects.filter(
                plan__household_id__in=by_household, category__in=MOVE_IN_VISITS
            )
        )
        .order_by("plan__household_id", "order", "pk")
        .select_related("plan")
    ):
        visits.setdefault(task.plan.household_id, []).append(task)
    to_save: list[PlanTask] = []
    expected: list[int] = []
    written: dict[int, list[audit.AuditValues]] = {}
    for household_id, tasks in visits.items():
        day, landlord, address = by_household[household_id]
        reason, changed = _move_in_changes(tasks, move_in=day, landlord=landlord, address=address)
        for task, values in changed:
            changes = audit.diff(records.snapshot(task, list(values)), values)
            if not changes:
                continue
            for name, value in values.items():
                setattr(task, name, value)
            to_save.append(task)
            expected.append(task.version)
            person_ids: list[int | None] = (
                [task.person_id]
                if task.person_id is not None
                else list(members.get(household_id, [])) or [None]
            )
            written.setdefault(household_id, []).extend(
                audit.entry(
                    actor=acting_user,
                    action=AuditAction.CHANGE,
                    obj=task,
                    person_id=person_id,
                    changes=changes,
                    reason=reason,
                    channel=channel,
                )
                for person_id in person_ids
            )
    fields = ["note", "anchor", "due_date", "due_counted", "due_moved_because"]
    if save_versioned_many(to_save, expected_versions=expected, fields=fields):
        raise ConcurrentEditError(str(PlanTask._meta.verbose_name))
    return written


# --- checklist items (HOU-7) -------------------------------------------------------------------


@transaction.atomic
def checklist_item_set(
    *,
    task: PlanTask,
    item: TemplateChecklistItem,
    ticked: bool,
    acting_user: StaffUser,
    expected_version: int,
    initials: str = "",
    channel: str = "web",
) -> ChecklistTick:
    """Tick one checklist item of an open task with the initials (the user's own unless given)
    and the time, or untick it (HOU-7). ``expected_version`` is the version of the item's tick
    the user saw, 0 if it was never ticked; a stale one is a ConcurrentEditError (SEC-5). Each
    change is audited like the task, with the values before and after (SEC-3)."""
    _require_work(acting_user, task)
    if item.template_task_id is None or item.template_task_id != task.template_task_id:
        raise NotOnTheChecklist()
    if not task.is_open:
        raise TaskNotOpen()
    tick = ChecklistTick.objects.filter(task=task, item=item).first()
    current = tick.version if tick is not None else 0
    if current != expected_version:
        raise ConcurrentEditError(str(ChecklistTick._meta.verbose_name))
    if tick is not None and (tick.done_at is not None) == ticked:
        return tick  # already so: nothing to write or log
    if tick is None:
        if not ticked:
            return ChecklistTick(municipality_id=task.municipality_id, task=task, item=item)
        try:
            with transaction.atomic():
                tick = ChecklistTick.objects.create(
                    municipality_id=task.municipality_id, task=task, item=item, version=0
                )
        except IntegrityError as error:  # ticked by someone else at the same moment
            raise ConcurrentEditError(str(ChecklistTick._meta.verbose_name)) from error
    was_ticked = tick.done_at is not None
    values: dict[str, Any] = (
        {
            "done_at": timezone.now(),
            "done_by": acting_user,
            "done_initials": _initials(acting_user, initials),
        }
        if ticked
        else {"done_at": None, "done_by": None, "done_initials": ""}
    )
    changes = _write(tick, expected_version=expected_version, values=values)
    _log_task(
        acting_user=acting_user,
        task=task,
        members=None,
        action=AuditAction.CHANGE,
        changes={"ticked": [was_ticked, ticked], **changes},
        reason=item.text,
        channel=channel,
        obj=tick,
    )
    return tick
