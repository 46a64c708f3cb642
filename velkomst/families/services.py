"""Writes for children's placements (CHI-2). Each runs in one transaction with its audit rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import log_for_members
from velkomst.core.versioning import save_versioned
from velkomst.people.models import Household, Person
from velkomst.reception.models import PlanTask

from .models import (
    ChildPlacement,
    ClassType,
    FamilyMeasure,
    Institution,
    MeasureKind,
    PlacementKind,
)
from .selectors import is_child, reference_day

PLACEMENT_EDITABLE = (
    "kind",
    "institution",
    "institution_name",
    "class_type",
    "planned_start_date",
    "actual_start_date",
    "note",
)
DAYCARE_UNTIL_AGE = 6  # daycare (vuggestue, børnehave) for 0-5
SCHOOL_UNTIL_AGE = 17  # school (folkeskole, incl. 10th grade) for 6-16, then youth education
START_TASK_CATEGORY = "school_daycare_start"  # the reception plan's task for the same standard


class StartInFuture(Exception):
    """An actual start date cannot lie after today: plan it as the planned start instead."""


class InstitutionOfAnotherMunicipality(Exception):
    pass


def kind_for_age(age: int) -> str:
    if age < DAYCARE_UNTIL_AGE:
        return PlacementKind.DAYCARE
    if age < SCHOOL_UNTIL_AGE:
        return PlacementKind.SCHOOL
    return PlacementKind.YOUTH_EDUCATION


def default_class_type(kind: str) -> str:
    """Newly arrived school children usually begin in a reception class (modtagelsesklasse)."""
    return {
        PlacementKind.DAYCARE: ClassType.DAYCARE,
        PlacementKind.SCHOOL: ClassType.RECEPTION_CLASS,
    }.get(PlacementKind(kind), ClassType.OTHER)


def _require_write(acting_user: StaffUser, municipality_id: int, *capabilities: str) -> None:
    if not any(access.can(acting_user, c) for c in capabilities):
        raise PermissionDenied(capabilities[0])
    if municipality_id != access.tenant_id(acting_user):
        raise PermissionDenied("another municipality's household")


def placements_create_for_household(
    *, household: Household, acting_user: StaffUser, channel: str = "web"
) -> list[ChildPlacement]:
    """Create a placement for each child of the household (under 18 on the arrival day, else the
    expected arrival day) that has none yet; the kind of place follows the child's age.

    Called when a household is registered (reception.services.household_register); idempotent,
    so it may also be called later, e.g. when a household registered earlier gets its children's
    placements. Returns the placements created. One household through
    ``placements_create_for_households`` (one transaction).
    """
    return placements_create_for_households(
        households=[household], acting_user=acting_user, channel=channel
    )


@transaction.atomic
def placements_create_for_households(
    *, households: Sequence[Household], acting_user: StaffUser, channel: str = "web"
) -> list[ChildPlacement]:
    """``placements_create_for_household`` for many households (a visitation file, REC-1), in a
    number of queries that does not depend on how many there are. Returns the placements
    created, household by household in the order given, each household's by person id."""
    for municipality_id in {household.municipality_id for household in households}:
        _require_write(acting_user, municipality_id, access.HOUSEHOLD_CREATE, access.PERSON_EDIT)
    if not households:
        return []
    have = set(
        ChildPlacement.objects.filter(person__household__in=households).values_list(
            "person_id", flat=True
        )
    )
    members: dict[int, list[Person]] = {household.pk: [] for household in households}
    for person in Person.objects.filter(household__in=households).order_by("id"):
        members[person.household_id].append(person)
    now = timezone.now()
    new = []
    for household in households:
        day = reference_day(household)
        for person in members[household.pk]:
            if person.pk in have or not is_child(person, day):
                continue
            kind = kind_for_age(person.age_on(day))
            new.append(
                ChildPlacement(
                    municipality_id=household.municipality_id,
                    person=person,
                    kind=kind,
                    class_type=default_class_type(kind),
                    created_at=now,
                    updated_at=now,
                )
            )
    created = ChildPlacement.objects.bulk_create(new)
    audit.log_bulk(
        audit.entry(
            actor=acting_user,
            action=AuditAction.CREATE,
            obj=placement,
            person_id=placement.person_id,
            changes={"kind": [None, placement.kind], "class_type": [None, placement.class_type]},
            channel=channel,
        )
        for placement in created
    )
    return created


@transaction.atomic
def placement_update(
    *,
    placement: ChildPlacement,
    acting_user: StaffUser,
    expected_version: int,
    channel: str = "web",
    **values: object,
) -> ChildPlacement:
    """Change a child's placement: institution (from the register or typed in), class type,
    planned and actual start. Raises ConcurrentEditError if someone saved it meanwhile."""
    _require_write(acting_user, placement.municipality_id, access.PERSON_EDIT)
    unknown = set(values) - set(PLACEMENT_EDITABLE)
    assert not unknown, f"not editable: {unknown}"
    institution = values.get("institution")
    if institution is not None:
        assert isinstance(institution, Institution)
        if institution.municipality_id != placement.municipality_id:
            raise InstitutionOfAnotherMunicipality()
        values["institution_name"] = ""  # the register's name is the one shown
    started = values.get("actual_start_date")
    if isinstance(started, date) and started > timezone.localdate():
        raise StartInFuture()
    old = {name: getattr(placement, name) for name in values}
    changes = audit.diff(old, values)
    if not changes:  # nothing changed: no audit row, and the version stays (SEC-5)
        return placement
    for name, value in values.items():
        setattr(placement, name, value)
    save_versioned(placement, expected_version=expected_version, fields=list(values))
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=placement,
        person_id=placement.person_id,
        changes=changes,
        channel=channel,
    )
    if isinstance(started, date) and old.get("actual_start_date") is None:
        _tick_off_start_task(placement=placement, acting_user=acting_user, channel=channel)
    return placement


def _tick_off_start_task(
    *, placement: ChildPlacement, acting_user: StaffUser, channel: str
) -> None:
    """The child has started: tick off the child's open "start in school or daycare" task in the
    reception plan, on the start day, if the user may (its owner role or the family's
    caseworker); otherwise it stays for its owner."""
    # imported here: reception.services calls placements_create_for_household at registration
    from velkomst.reception import services as reception_services

    task = (
        PlanTask.objects.filter(
            municipality_id=placement.municipality_id,
            person_id=placement.person_id,
            category=START_TASK_CATEGORY,
            done_at__isnull=True,
            not_relevant_reason="",
            removed_at__isnull=True,
        )
        .order_by("id")
        .first()
    )
    if task is None or not reception_services.can_work_on(acting_user, task):
        return
    try:
        reception_services.task_complete(
            task=task,
            acting_user=acting_user,
            expected_version=task.version,
            done_on=placement.actual_start_date,
            note=placement.institution_label,
            channel=channel,
        )
    except ValidationError as error:  # a start day no case can have: on the start's field
        raise ValidationError({"actual_start_date": error.messages}) from error


# --- the family plan's measures (CHI-1) --------------------------------------------------------

FAMILY_PLAN_PDF_REASON = "family plan PDF"
MEASURE_FIELDS = (
    "child",
    "kind",
    "measure",
    "responsible",
    "starts_on",
    "ends_on",
    "follow_up_on",
)


@transaction.atomic
def measure_add(
    *,
    actor: StaffUser,
    household: Household,
    measure: str,
    responsible: str,
    starts_on: date,
    child: Person | None = None,
    ends_on: date | None = None,
    follow_up_on: date | None = None,
    kind: str = MeasureKind.OTHER,
) -> FamilyMeasure:
    """A measure for one child of the household or (``child`` None) the whole family, of a
    ``kind`` (preventive support, parenting course, network measure, other: CHI-3); logged on
    each member's audit log, since the family plan names them all."""
    access.require(actor, access.PLAN_EDIT)
    access.require_in_tenant(actor, access.PLAN_EDIT, household.municipality_id)
    errors: dict[str, str] = {}
    if not (measure or "").strip():
        errors["measure"] = _("Skriv indsatsen.")
    if not (responsible or "").strip():
        errors["responsible"] = _("Skriv hvem der er ansvarlig.")
    if child is not None:
        if child.household_id != household.pk:
            errors["child"] = _("Barnet hører ikke til husstanden.")
        elif not is_child(child, reference_day(household)):
            errors["child"] = _("Vælg et barn under 18 år, eller hele familien.")
    if kind not in MeasureKind.values:
        errors["kind"] = _("Vælg en type indsats.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("Slutdatoen kan ikke ligge før startdatoen.")
    if follow_up_on is not None and follow_up_on < starts_on:
        errors["follow_up_on"] = _("Opfølgningen kan ikke ligge før startdatoen.")
    if errors:
        raise ValidationError(errors)
    record = FamilyMeasure.objects.create(
        municipality_id=household.municipality_id,
        household=household,
        child=child,
        kind=kind,
        measure=measure.strip(),
        responsible=responsible.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        follow_up_on=follow_up_on,
    )
    changes = audit.diff({}, {name: getattr(record, name) for name in MEASURE_FIELDS})
    log_for_members(actor, AuditAction.CREATE, record, household, changes)
    return record


@transaction.atomic
def measure_remove(*, actor: StaffUser, measure: FamilyMeasure) -> None:
    access.require(actor, access.PLAN_EDIT)
    access.require_in_tenant(actor, access.PLAN_EDIT, measure.municipality_id)
    changes = {name: [audit._jsonable(getattr(measure, name)), None] for name in MEASURE_FIELDS}
    log_for_members(actor, AuditAction.DELETE, measure, measure.household, changes)
    measure.delete()


@transaction.atomic
def family_plan_exported(
    *, actor: StaffUser, household: Household, members: Sequence[Person]
) -> None:
    """The family plan left the system as a PDF: an export on each member's log (SEC-3)."""
    audit.log_many(
        actor=actor,
        action=AuditAction.EXPORT,
        objects=[(member, member.pk) for member in members] or [(household, None)],
        reason=FAMILY_PLAN_PDF_REASON,
    )
