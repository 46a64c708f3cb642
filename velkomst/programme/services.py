"""Writes of the integration programme (PRG-1, PRG-5, PRG-8): plan, direction, goals,
activities, support measures and the integration contract. Each runs in one transaction with its
audit row (the person's data: every row names the person); edits use optimistic concurrency
(SEC-5). Bad input raises ``ValidationError({field: message})``.

Stable signatures other parts build on: ``plan_for``, ``activity_add``, ``plan_set_direction``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from velkomst.core import access, audit, formats
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import check_names, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.engines import programme as engine
from velkomst.engines.deadlines import age_on
from velkomst.people.models import Person

from . import reasons, rules
from .models import (
    KIND_CATEGORY,
    Activity,
    ActivityKind,
    Category,
    Direction,
    GoalKind,
    IntegrationContract,
    IntegrationPlan,
    PlanGoal,
    ProviderKind,
    SupportKind,
    SupportMeasure,
)

M = TypeVar("M", bound=models.Model)

PLAN_FIELDS = ("direction", "direction_reason")
GOAL_FIELDS = (
    "kind",
    "trade_code",
    "trade_label",
    "education",
    "danish_level",
    "target_date",
    "achieved_on",
)
ACTIVITY_FIELDS = (
    "category",
    "kind",
    "start",
    "end",
    "hours_per_week",
    "provider_kind",
    "provider_name",
    "price_per_week",
    "note",
)
SUPPORT_FIELDS = ("kind", "starts_on", "ends_on", "price_per_month", "note")
# the highest price a week or a month the forms and the API take (whole kroner, MI-4)
MAX_PRICE = 1_000_000
CONTRACT_FIELDS = (
    "due_date",
    "signed_on",
    "signed_by_municipality_on",
    "signed_by_staff",
    "refused_on",
    "refusal_reason",
)


# --- audited writes naming the person ----------------------------------------------------------


def _create(
    obj: M,
    *,
    actor: StaffUser,
    person_id: int,
    fields: Sequence[str],
    validate: Callable[[M], None],
) -> M:
    validate(obj)
    obj.save()
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=obj,
        person_id=person_id,
        changes=audit.diff({}, snapshot(obj, fields)),
    )
    return obj


def _update(
    obj: M,
    *,
    actor: StaffUser,
    person_id: int,
    expected_version: int,
    values: Mapping[str, Any],
    fields: Sequence[str],
    validate: Callable[[M], None],
    reason: str = "",
) -> M:
    check_names(values, fields)
    before = snapshot(obj, fields)
    if not audit.diff(before, dict(values)):
        return obj
    for name, value in values.items():
        setattr(obj, name, value)
    validate(obj)
    save_versioned(obj, expected_version=expected_version, fields=list(values))
    audit.log(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=obj,
        person_id=person_id,
        changes=audit.diff(before, snapshot(obj, fields)),
        reason=reason,
    )
    return obj


def _require_edit(actor: StaffUser, person: Person, direction: str = "") -> None:
    """The plan's team edits the plan; the health coordinator (health.edit) may direct it to
    rehabilitation only, on a health assessment's conclusion (PRG-6, velkomst.health)."""
    if direction == Direction.REHABILITATION and access.can(actor, access.HEALTH_EDIT):
        access.require_in_tenant(actor, access.HEALTH_EDIT, person.municipality_id)
        return
    access.require_in_tenant(actor, access.PROGRAMME_EDIT, person.municipality_id)


def _choice(
    errors: dict[str, str], name: str, value: Any, choices: type[models.TextChoices]
) -> None:
    if value not in choices.values:
        errors[name] = _("Vælg en af mulighederne.")


# --- plan -------------------------------------------------------------------------------------


def default_direction(person: Person, on: date) -> str:
    """PRG-5: under 30 an education-directed plan, otherwise job-directed."""
    age = age_on(person.birth_date, on)
    return Direction.EDUCATION if age < engine.YOUNG_AGE else Direction.JOB


def _validate_plan(plan: IntegrationPlan) -> None:
    errors: dict[str, str] = {}
    _choice(errors, "direction", plan.direction, Direction)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_for(*, actor: StaffUser, person: Person, direction: str = "") -> IntegrationPlan:
    """The person's plan; made (audited) the first time, education-directed under 30 (PRG-5).
    Reading needs the programme view capability, making it the edit capability (``direction``:
    the one it is made to be set to, see ``_require_edit``)."""
    access.require_in_tenant(actor, access.PROGRAMME_VIEW, person.municipality_id)
    plan = IntegrationPlan.objects.filter(person=person).first()
    if plan is not None:
        return plan
    _require_edit(actor, person, direction)
    plan = IntegrationPlan(
        municipality_id=person.municipality_id,
        person=person,
        direction=default_direction(person, timezone.localdate()),
    )
    return _create(
        plan, actor=actor, person_id=person.pk, fields=PLAN_FIELDS, validate=_validate_plan
    )


@transaction.atomic
def plan_set_direction(
    *,
    actor: StaffUser,
    person: Person,
    direction: str,
    reason: str,
    expected_version: int | None = None,
) -> IntegrationPlan:
    """Set the plan's direction with its reason (a caseworker's choice, e.g. rehabilitation for a
    person not able to work on ordinary terms). ``expected_version`` None: the current one."""
    _require_edit(actor, person, direction)
    plan = plan_for(actor=actor, person=person, direction=direction)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    _choice(errors, "direction", direction, Direction)
    if not reason:
        errors["reason"] = _("Skriv en begrundelse for planens retning.")
    if errors:
        raise ValidationError(errors)
    return _update(
        plan,
        actor=actor,
        person_id=person.pk,
        expected_version=plan.version if expected_version is None else expected_version,
        values={"direction": direction, "direction_reason": reason[:300]},
        fields=PLAN_FIELDS,
        validate=_validate_plan,
    )


# --- goals ------------------------------------------------------------------------------------


def _validate_goal(goal: PlanGoal) -> None:
    errors: dict[str, str] = {}
    _choice(errors, "kind", goal.kind, GoalKind)
    if goal.kind == GoalKind.JOB:
        if not (goal.trade_label or "").strip() and not (goal.trade_code or "").strip():
            errors["trade_label"] = _("Skriv faget, jobbet skal være inden for.")
        if goal.trade_code and not goal.trade_code.isdigit():
            errors["trade_code"] = _("En DISCO-08-kode består af cifre, fx 5120.")
    elif goal.kind == GoalKind.EDUCATION:
        if not (goal.education or "").strip():
            errors["education"] = _("Skriv uddannelsen.")
    elif goal.kind == GoalKind.DANISH:
        from velkomst.people.levels import CefrLevel

        if goal.danish_level not in CefrLevel.values or goal.danish_level == CefrLevel.NONE:
            errors["danish_level"] = _("Vælg danskniveauet.")
    if not isinstance(goal.target_date, date):
        errors["target_date"] = _("Skriv en måldato.")
    if goal.achieved_on is not None and goal.achieved_on > timezone.localdate():
        errors["achieved_on"] = _("Datoen for at målet er nået, kan ikke ligge i fremtiden.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def goal_add(
    *,
    actor: StaffUser,
    person: Person,
    kind: str,
    target_date: date,
    trade_code: str = "",
    trade_label: str = "",
    education: str = "",
    danish_level: str = "",
    achieved_on: date | None = None,
) -> PlanGoal:
    _require_edit(actor, person)
    plan = plan_for(actor=actor, person=person)
    goal = PlanGoal(
        municipality_id=plan.municipality_id,
        plan=plan,
        kind=kind,
        trade_code=(trade_code or "").strip(),
        trade_label=(trade_label or "").strip(),
        education=(education or "").strip(),
        danish_level=danish_level or "",
        target_date=target_date,
        achieved_on=achieved_on,
    )
    return _create(
        goal, actor=actor, person_id=person.pk, fields=GOAL_FIELDS, validate=_validate_goal
    )


@transaction.atomic
def goal_update(
    *, actor: StaffUser, goal: PlanGoal, expected_version: int, **values: Any
) -> PlanGoal:
    person = goal.plan.person
    _require_edit(actor, person)
    return _update(
        goal,
        actor=actor,
        person_id=person.pk,
        expected_version=expected_version,
        values=values,
        fields=GOAL_FIELDS,
        validate=_validate_goal,
    )


@transaction.atomic
def goal_remove(*, actor: StaffUser, goal: PlanGoal) -> None:
    person = goal.plan.person
    _require_edit(actor, person)
    audit.log(
        actor=actor,
        action=AuditAction.DELETE,
        obj=goal,
        person_id=person.pk,
        changes=audit.diff(snapshot(goal, GOAL_FIELDS), {}),
    )
    goal.delete()


# --- activities -------------------------------------------------------------------------------


def span_of(activity: Activity) -> engine.Span:
    return engine.Span(
        category=activity.category,
        kind=activity.kind,
        start=activity.start,
        end=activity.end,
        hours_per_week=Decimal(activity.hours_per_week),
    )


def _hours(value: Any) -> Decimal | None:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return hours if hours.is_finite() else None


def _price(errors: dict[str, str], name: str, value: Any) -> None:
    """A price (MI-4) is empty (no cost) or whole kroner from 0 to ``MAX_PRICE``."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PRICE:
        message = (
            _("Skriv prisen pr. uge i hele kroner fra 0 til %(max)s, eller lad feltet stå tomt.")
            if name == "price_per_week"
            else _(
                "Skriv prisen pr. måned i hele kroner fra 0 til %(max)s, eller lad feltet stå tomt."
            )
        )
        errors[name] = message % {"max": formats.format_amount(MAX_PRICE)}


def _validate_activity(activity: Activity) -> None:
    errors: dict[str, str] = {}
    _choice(errors, "category", activity.category, Category)
    _choice(errors, "kind", activity.kind, ActivityKind)
    if "category" not in errors and "kind" not in errors:
        if KIND_CATEGORY[activity.kind] != activity.category:
            errors["kind"] = _("%(kind)s hører under kategorien %(category)s.") % {
                "kind": ActivityKind(activity.kind).label,
                "category": Category(KIND_CATEGORY[activity.kind]).label,
            }
    _choice(errors, "provider_kind", activity.provider_kind, ProviderKind)
    if not isinstance(activity.start, date):
        errors["start"] = _("Skriv en startdato.")
    elif activity.end is not None and activity.end < activity.start:
        errors["end"] = _("Slutdatoen ligger før startdatoen.")
    hours = _hours(activity.hours_per_week)
    if hours is None:
        errors["hours_per_week"] = _("Skriv timer pr. uge som et tal, fx 15 eller 7,5.")
    _price(errors, "price_per_week", activity.price_per_week)
    if errors:
        raise ValidationError(errors)
    assert hours is not None
    activity.hours_per_week = hours
    others = [
        span_of(a)
        for a in Activity.objects.filter(plan_id=activity.plan_id).exclude(pk=activity.pk)
    ]
    problems = engine.hour_errors(span_of(activity), others)
    if problems:
        raise ValidationError({"hours_per_week": reasons.text(problems[0])})


@transaction.atomic
def activity_add(
    *,
    actor: StaffUser,
    person: Person,
    category: str,
    kind: str,
    start: date,
    end: date | None,
    hours_per_week: Decimal | float | int | str,
    provider_kind: str,
    provider_name: str,
    price_per_week: int | None = None,
    note: str = "",
) -> Activity:
    """Add an activity to the person's plan (made if missing). Bad input names its field: the
    kind not of the category, the end before the start, over 37 hours a week alone or together
    with the activities running at the same time."""
    _require_edit(actor, person)
    plan = plan_for(actor=actor, person=person)
    # one writer at a time per plan: the week-total check reads the plan's other activities
    IntegrationPlan.objects.select_for_update().filter(pk=plan.pk).first()
    activity = Activity(
        municipality_id=plan.municipality_id,
        plan=plan,
        category=category,
        kind=kind,
        start=start,
        end=end,
        hours_per_week=hours_per_week,
        provider_kind=provider_kind,
        provider_name=(provider_name or "").strip()[:200],
        price_per_week=price_per_week,
        note=(note or "").strip()[:1000],
    )
    return _create(
        activity,
        actor=actor,
        person_id=person.pk,
        fields=ACTIVITY_FIELDS,
        validate=_validate_activity,
    )


@transaction.atomic
def activity_update(
    *, actor: StaffUser, activity: Activity, expected_version: int, **values: Any
) -> Activity:
    person = activity.plan.person
    _require_edit(actor, person)
    IntegrationPlan.objects.select_for_update().filter(pk=activity.plan_id).first()
    return _update(
        activity,
        actor=actor,
        person_id=person.pk,
        expected_version=expected_version,
        values=values,
        fields=ACTIVITY_FIELDS,
        validate=_validate_activity,
    )


@transaction.atomic
def activity_end(
    *, actor: StaffUser, activity: Activity, expected_version: int, end: date
) -> Activity:
    return activity_update(
        actor=actor, activity=activity, expected_version=expected_version, end=end
    )


# --- support measures -------------------------------------------------------------------------


def _validate_support(support: SupportMeasure) -> None:
    errors: dict[str, str] = {}
    _choice(errors, "kind", support.kind, SupportKind)
    if not isinstance(support.starts_on, date):
        errors["starts_on"] = _("Skriv en startdato.")
    elif support.ends_on is not None and support.ends_on < support.starts_on:
        errors["ends_on"] = _("Slutdatoen ligger før startdatoen.")
    _price(errors, "price_per_month", support.price_per_month)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def support_add(
    *,
    actor: StaffUser,
    person: Person,
    kind: str,
    starts_on: date,
    ends_on: date | None = None,
    price_per_month: int | None = None,
    note: str = "",
) -> SupportMeasure:
    _require_edit(actor, person)
    plan = plan_for(actor=actor, person=person)
    support = SupportMeasure(
        municipality_id=plan.municipality_id,
        plan=plan,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        price_per_month=price_per_month,
        note=(note or "").strip()[:300],
    )
    return _create(
        support, actor=actor, person_id=person.pk, fields=SUPPORT_FIELDS, validate=_validate_support
    )


@transaction.atomic
def support_update(
    *, actor: StaffUser, support: SupportMeasure, expected_version: int, **values: Any
) -> SupportMeasure:
    person = support.plan.person
    _require_edit(actor, person)
    return _update(
        support,
        actor=actor,
        person_id=person.pk,
        expected_version=expected_version,
        values=values,
        fields=SUPPORT_FIELDS,
        validate=_validate_support,
    )


# --- contract ---------------------------------------------------------------------------------


def _validate_contract(contract: IntegrationContract) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    for name in ("signed_on", "signed_by_municipality_on", "refused_on"):
        value = getattr(contract, name)
        if value is not None and value > today:
            errors[name] = _("Datoen kan ikke ligge i fremtiden.")
    if contract.refused_on and (contract.signed_on or contract.signed_by_municipality_on):
        errors["refused_on"] = _("En afvist kontrakt kan ikke også være underskrevet.")
    if contract.refused_on and not contract.refusal_reason.strip():
        errors["refusal_reason"] = _("Skriv borgerens begrundelse for at afvise kontrakten.")
    if contract.signed_by_municipality_on and contract.signed_by_staff_id is None:
        errors["signed_by_municipality_on"] = _("Kommunens underskrift skal have en medarbejder.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contract_for(*, actor: StaffUser, person: Person) -> IntegrationContract:
    """The person's contract; made (audited) the first time with its due date: one month after
    the case's takeover date, moved to a working day (the reception deadlines' rule)."""
    access.require_in_tenant(actor, access.PROGRAMME_VIEW, person.municipality_id)
    contract = IntegrationContract.objects.filter(person=person).first()
    if contract is not None:
        return contract
    _require_edit(actor, person)
    case = getattr(person, "case", None)
    if case is None:
        raise ValidationError({"person": _("Borgeren har ingen sag med en overtagelsesdato.")})
    months = rules.rules_for(person.municipality, case.takeover_date).contract_months
    contract = IntegrationContract(
        municipality_id=person.municipality_id,
        person=person,
        due_date=engine.contract_due(case.takeover_date, months),
    )
    return _create(
        contract,
        actor=actor,
        person_id=person.pk,
        fields=CONTRACT_FIELDS,
        validate=_validate_contract,
    )


@transaction.atomic
def contract_sign(
    *,
    actor: StaffUser,
    person: Person,
    expected_version: int,
    signed_on: date,
    signed_by_municipality_on: date | None = None,
) -> IntegrationContract:
    """Record the citizen's signature (and the municipality's, by ``actor``)."""
    _require_edit(actor, person)
    contract = contract_for(actor=actor, person=person)
    values: dict[str, Any] = {"signed_on": signed_on}
    if signed_by_municipality_on is not None:
        values["signed_by_municipality_on"] = signed_by_municipality_on
        values["signed_by_staff"] = actor
    return _update(
        contract,
        actor=actor,
        person_id=person.pk,
        expected_version=expected_version,
        values=values,
        fields=CONTRACT_FIELDS,
        validate=_validate_contract,
    )


@transaction.atomic
def contract_refuse(
    *, actor: StaffUser, person: Person, expected_version: int, refused_on: date, reason: str
) -> IntegrationContract:
    _require_edit(actor, person)
    contract = contract_for(actor=actor, person=person)
    return _update(
        contract,
        actor=actor,
        person_id=person.pk,
        expected_version=expected_version,
        values={"refused_on": refused_on, "refusal_reason": (reason or "").strip()[:500]},
        fields=CONTRACT_FIELDS,
        validate=_validate_contract,
    )


# --- follow-up meetings (jobsamtaler) -----------------------------------------------------------


@transaction.atomic
def job_interview_book(
    *,
    actor: StaffUser,
    person: Person,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    staff: Sequence[StaffUser] = (),
) -> Any:
    """Book a job interview (jobsamtale) with the person: an appointment of that kind through the
    appointments' service (its checks and audit rows); the programme rules count it once held."""
    from velkomst.appointments import services as appointments
    from velkomst.appointments.models import AppointmentKind

    _require_edit(actor, person)
    try:
        return appointments.appointment_create(
            household=person.household,
            acting_user=actor,
            data=appointments.AppointmentData(
                kind=AppointmentKind.JOB_INTERVIEW,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                persons=[person],
                staff=list(staff),
            ),
        )
    except appointments.InvalidAppointment as error:
        raise ValidationError(str(error)) from None
    except appointments.NotSameMunicipality:
        raise ValidationError({"staff": _("Vælg medarbejdere fra kommunen.")}) from None


@transaction.atomic
def job_interview_held(
    *, actor: StaffUser, person: Person, appointment_id: int, expected_version: int
) -> Any:
    """Record that the person's job interview (or follow-up meeting) was held."""
    from velkomst.appointments import services as appointments

    from .selectors import meetings_of

    _require_edit(actor, person)
    appointment = next((a for a in meetings_of(person) if a.pk == appointment_id), None)
    if appointment is None:
        raise ValidationError({"appointment": _("Mødet findes ikke i planen.")})
    try:
        appointments.appointment_mark_held(
            appointment=appointment, acting_user=actor, expected_version=expected_version
        )
    except appointments.IllegalStatusTransition:
        raise ValidationError(
            {"appointment": _("Mødet er allerede afsluttet og kan ikke markeres som afholdt.")}
        ) from None
    except ValidationError as error:  # e.g. the meeting has not begun yet
        raise ValidationError({"appointment": error.messages}) from None
    return appointment


CONTRACT_PDF_REASON = N_("Integrationskontrakt som PDF")


def contract_exported(*, actor: StaffUser, person: Person, channel: str = "web") -> None:
    """The integration contract left the system as a PDF: an export on the person's log."""
    access.require_in_tenant(actor, access.PROGRAMME_VIEW, person.municipality_id)
    audit.log(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=person,
        person_id=person.pk,
        reason=CONTRACT_PDF_REASON,
        channel=channel,
    )
