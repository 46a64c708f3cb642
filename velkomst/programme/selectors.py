"""Reads of the integration programme, scoped to the acting user's municipality and to the
persons the user may see (people.selectors.persons_visible_to). Another municipality's person,
plan or activity is a 404."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.appointments.models import Appointment, AppointmentKind, AppointmentStatus
from velkomst.core import access
from velkomst.core.config import config_value
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines import programme as engine
from velkomst.engines.calendar import add_months
from velkomst.engines.deadlines import CHILD_AGE, DeadlineState, age_on, deadline_state
from velkomst.people.models import Person, Phase
from velkomst.people.selectors import persons_visible_to

from . import rules as programme_rules
from .models import (
    Activity,
    Category,
    ContractStatus,
    Direction,
    GoalKind,
    IntegrationContract,
    IntegrationPlan,
    PlanGoal,
    SupportMeasure,
)

# Appointments the programme rules count as follow-up meetings (jobsamtaler)
MEETING_KINDS = (AppointmentKind.JOB_INTERVIEW, AppointmentKind.FOLLOW_UP)


def person_get(*, user: StaffUser, pk: int) -> Person:
    """A person the user may see, with the programme's view capability (else 403/404)."""
    access.require(user, access.PROGRAMME_VIEW)
    person = (
        persons_visible_to(user, few=True)
        .select_related("household", "case", "case__caseworker", "municipality")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def _one(qs: QuerySet, user: StaffUser, pk: int):  # type: ignore[no-untyped-def]
    access.require(user, access.PROGRAMME_VIEW)
    visible = persons_visible_to(user, few=True).values("pk")
    obj = (
        qs.filter(municipality_id=access.tenant_id(user), plan__person__in=visible)
        .select_related("plan__person__household")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise Http404
    return obj


def activity_get(*, user: StaffUser, pk: int) -> Activity:
    return _one(Activity.objects.all(), user, pk)  # type: ignore[no-any-return]


def goal_get(*, user: StaffUser, pk: int) -> PlanGoal:
    return _one(PlanGoal.objects.all(), user, pk)  # type: ignore[no-any-return]


def support_get(*, user: StaffUser, pk: int) -> SupportMeasure:
    return _one(SupportMeasure.objects.all(), user, pk)  # type: ignore[no-any-return]


def meeting_dates(person: Person) -> list[date]:
    """The days of the person's held follow-up meetings (the whole household's count too)."""
    qs = Appointment.objects.filter(
        municipality_id=person.municipality_id,
        household_id=person.household_id,
        kind__in=MEETING_KINDS,
        status=AppointmentStatus.HELD,
    ).filter(Q(persons=person) | Q(persons__isnull=True))
    return sorted({timezone.localtime(s).date() for s in qs.values_list("starts_at", flat=True)})


def meetings_of(person: Person) -> list[Appointment]:
    """The person's follow-up meetings and job interviews of every status (booked with the
    person, or with the whole household), with their staff, in time order."""
    qs = (
        Appointment.objects.filter(
            municipality_id=person.municipality_id,
            household_id=person.household_id,
            kind__in=MEETING_KINDS,
        )
        .filter(Q(persons=person) | Q(persons__isnull=True))
        .distinct()
        .prefetch_related("staff")
        .order_by("starts_at", "id")
    )
    return list(qs)


def spans(activities: list[Activity]) -> list[engine.Span]:
    return [engine.Span(a.category, a.kind, a.start, a.end, a.hours_per_week) for a in activities]


@dataclass
class PlanView:
    """Everything the plan page shows of one person."""

    person: Person
    plan: IntegrationPlan | None
    direction: str  # the plan's, or the one a new plan gets
    goals: list[PlanGoal]
    activities: list[Activity]
    supports: list[SupportMeasure]
    contract: IntegrationContract | None
    contract_due: date | None
    contract_state: str | None
    assessment: engine.Assessment | None
    rules: engine.Rules | None
    flags: list[engine.Reason] = field(default_factory=list)
    today: date = field(default_factory=timezone.localdate)
    meetings: list[Appointment] = field(default_factory=list)

    @property
    def direction_label(self) -> str:
        return str(Direction(self.direction).label)

    @property
    def contract_status_label(self) -> str:
        if self.contract is None:
            return str(ContractStatus.PENDING.label)
        return self.contract.get_status_display()


def young_flag(person: Person, plan: IntegrationPlan | None, goals: list[PlanGoal], today: date):  # type: ignore[no-untyped-def]
    direction = plan.direction if plan else _default_direction(person, today)
    return engine.young_flag(
        birth_date=person.birth_date,
        today=today,
        direction=direction,
        has_education_goal=any(g.kind == GoalKind.EDUCATION for g in goals),
    )


def _default_direction(person: Person, today: date) -> str:
    return (
        Direction.EDUCATION
        if age_on(person.birth_date, today) < engine.YOUNG_AGE
        else Direction.JOB
    )


def plan_view(*, person: Person, today: date | None = None) -> PlanView:
    """The plan page's data for a person already checked visible (``person_get``)."""
    today = today or timezone.localdate()
    plan = IntegrationPlan.objects.filter(person=person).first()
    goals = list(PlanGoal.objects.filter(plan=plan)) if plan else []
    activities = list(Activity.objects.filter(plan=plan)) if plan else []
    supports = list(SupportMeasure.objects.filter(plan=plan)) if plan else []
    contract = IntegrationContract.objects.filter(person=person).first()
    case = getattr(person, "case", None)
    assessment = rules = None
    contract_due = contract.due_date if contract else None
    contract_state = None
    if case is not None:
        rules = programme_rules.rules_for(person.municipality, case.takeover_date)
        due_soon = int(config_value(person.municipality, "due_soon_days", on=today))
        assessment = engine.assess(
            spans=spans(activities),
            takeover=case.takeover_date,
            arrival=person.household.arrival_date,
            rules=rules,
            meetings=meeting_dates(person),
            today=today,
            due_soon_days=due_soon,
        )
        contract_due = contract_due or assessment.contract_due
        settled = contract.is_settled if contract else False
        done_on = None
        if contract and settled:
            done_on = contract.refused_on or max(
                d for d in (contract.signed_on, contract.signed_by_municipality_on) if d
            )
        contract_state = deadline_state(
            due=contract_due, today=today, done_on=done_on, due_soon_days=due_soon
        )
    flags: list[engine.Reason] = []
    if age_on(person.birth_date, today) >= CHILD_AGE:
        flag = young_flag(person, plan, goals, today)
        if flag is not None:
            flags.append(flag)
    if assessment is not None:
        flags += assessment.reasons
    return PlanView(
        person=person,
        plan=plan,
        direction=plan.direction if plan else _default_direction(person, today),
        goals=goals,
        activities=activities,
        supports=supports,
        contract=contract,
        contract_due=contract_due,
        contract_state=contract_state,
        assessment=assessment,
        rules=rules,
        flags=flags,
        today=today,
        meetings=meetings_of(person),
    )


# --- lists: worklist rows and start-page panels -------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    """A programme deadline of a person on a worklist: key (what), due day, state, person."""

    key: str
    due: date
    state: str
    person: Person


def _adults_of_cases(user: StaffUser, today: date) -> QuerySet[Person]:
    """The adults in the programme whose fixed caseworker is ``user`` (a case's caseworker
    always sees its person, REC-5: no visibility clause needed), with the fields the rows use."""
    if not access.can(user, access.PERSON_VIEW):
        return Person.objects.none()
    return (
        Person.objects.filter(
            municipality_id=access.tenant_id(user),
            case__caseworker=user,
            birth_date__lte=_adult_born_by(today),
        )
        .exclude(case__phase=Phase.ENDED)
        .select_related("case")
        .only(
            "pk",
            "first_name",
            "last_name",
            "birth_date",
            "household_id",
            "municipality_id",
            "case__takeover_date",
        )
    )


def _adult_born_by(today: date) -> date:
    """The latest birth date of someone 18 or older on ``today``."""
    return add_months(today, -12 * CHILD_AGE)


def caseworker_deadlines(user: StaffUser, today: date, due_soon_days: int) -> list[DeadlineRow]:
    """The user's own cases' open programme deadlines: the contract (due soon or overdue), the
    follow-up meetings' minimum missed, and plans of persons under 30 flagged (PRG-5). Two
    queries for the persons and their plans, contracts and meetings."""
    if not access.can(user, access.PROGRAMME_VIEW):
        return []
    adults = _adults_of_cases(user, today)
    persons = list(adults)
    if not persons:
        return []
    # the same adults as subqueries: no list of thousands of ids bound as parameters
    ids = Person.objects.filter(pk__in=adults.values("pk")).values("pk")
    # person id -> (due date, settled): signed by both or refused
    contracts = {
        person_id: (due, bool(refused or (signed and by_municipality)))
        for person_id, due, signed, by_municipality, refused in IntegrationContract.objects.filter(
            person_id__in=ids
        ).values_list(
            "person_id", "due_date", "signed_on", "signed_by_municipality_on", "refused_on"
        )
    }
    plans = {
        person_id: (direction, created)
        for person_id, direction, created in IntegrationPlan.objects.filter(
            person_id__in=ids
        ).values_list("person_id", "direction", "created_at")
    }
    education_goal = set(
        PlanGoal.objects.filter(plan__person_id__in=ids, kind=GoalKind.EDUCATION).values_list(
            "plan__person_id", flat=True
        )
    )
    held: dict[int, list[date]] = {}
    by_household: dict[int, list[Person]] = {}
    for p in persons:
        by_household.setdefault(p.household_id, []).append(p)
    for person_id, household_id, starts in Appointment.objects.filter(
        household_id__in=adults.values("household_id"),
        kind__in=MEETING_KINDS,
        status=AppointmentStatus.HELD,
    ).values_list("persons", "household_id", "starts_at"):
        for p in by_household.get(household_id, []):
            if person_id in (None, p.pk):
                held.setdefault(p.pk, []).append(timezone.localtime(starts).date())
    rows: list[DeadlineRow] = []
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    rules_cache = programme_rules.rules_on(municipality, {p.case.takeover_date for p in persons})
    for p in persons:
        takeover = p.case.takeover_date
        rules = rules_cache[takeover]
        contract = contracts.get(p.pk)
        if contract is None or not contract[1]:
            due = contract[0] if contract else engine.contract_due(takeover, rules.contract_months)
            state = deadline_state(due=due, today=today, due_soon_days=due_soon_days)
            if state in (DeadlineState.DUE_SOON, DeadlineState.OVERDUE):
                rows.append(DeadlineRow("contract", due, state, p))
        meetings_due = add_months(takeover, rules.meetings_months)
        counted = [d for d in held.get(p.pk, []) if takeover <= d <= meetings_due]
        if today > meetings_due and len(counted) < rules.meetings_min:
            rows.append(DeadlineRow("meetings", meetings_due, DeadlineState.OVERDUE, p))
        plan = plans.get(p.pk)
        flag = engine.young_flag(
            birth_date=p.birth_date,
            today=today,
            direction=plan[0] if plan else _default_direction(p, today),
            has_education_goal=p.pk in education_goal,
        )
        if flag is not None:
            rows.append(
                DeadlineRow(
                    "young",
                    timezone.localtime(plan[1]).date() if plan else today,
                    DeadlineState.OVERDUE,
                    p,
                )
            )
    return sorted(rows, key=lambda r: (r.due, r.person.pk, r.key))


def without_enterprise_activity(user: StaffUser, today: date) -> list[tuple[Person, date]]:
    """Adults in the programme past their first enterprise-directed activity's deadline without
    one (the job consultant's start panel)."""
    if not access.can(user, access.PROGRAMME_VIEW):
        return []
    persons = list(
        persons_visible_to(user)
        .filter(case__isnull=False, birth_date__lte=_adult_born_by(today))
        .exclude(case__phase=Phase.ENDED)
        .filter(
            ~Exists(
                Activity.objects.filter(
                    plan__person=OuterRef("pk"), category=Category.ENTERPRISE, start__lte=today
                )
            )
        )
        .select_related("case", "municipality")
        .order_by("case__takeover_date", "pk")[:500]
    )
    late: list[tuple[Person, date]] = []
    if not persons:
        return late
    cache = programme_rules.rules_on(
        persons[0].municipality, {p.case.takeover_date for p in persons}
    )
    for p in persons:
        takeover = p.case.takeover_date
        due = engine.first_enterprise_due(takeover, cache[takeover])
        if due < today:
            late.append((p, due))
    return late
