"""Reads of children's placements, always scoped to the acting user's municipality and to the
households the user may see (people.selectors). Another municipality's child is a 404."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.db.models import DurationField, ExpressionWrapper, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.config import DEFAULTS
from velkomst.core.models import MunicipalityConfig, StaffUser
from velkomst.engines.deadlines import MAX_MOVE_DAYS, Due, first_counted_due_on_or_after
from velkomst.people.models import Household, Person
from velkomst.people.selectors import persons_visible_to

from .models import ChildPlacement, Institution
from .states import (
    OPEN_STATES,
    PlacementState,
    StartDaysSchedule,
    placement_state,
    start_due,
)

CONFIG_KEY = "child_start_days"
CHILD_AGE = 18  # under 18 on the day of arrival: a child
_ARRIVAL = "person__household__arrival_date"


def start_days_schedule(municipality_id: int) -> StartDaysSchedule:
    """The municipality's ``child_start_days`` over time, read in one query.

    Equal to ``core.config.config_value(municipality, "child_start_days", on=day)`` for every
    day (a test checks it): the preset overlaid by each configuration version, oldest first.
    """
    days = int(DEFAULTS[CONFIG_KEY])
    periods: list[tuple[date, int]] = [(date.min, days)]
    rows = (
        MunicipalityConfig.objects.filter(municipality_id=municipality_id)
        .order_by("effective_from")
        .values_list("effective_from", "values")
    )
    for effective_from, values in rows:
        if CONFIG_KEY in (values or {}):
            days = int(values[CONFIG_KEY])
            periods.append((effective_from, days))
    return StartDaysSchedule(periods=tuple(periods))


def reference_day(household: Household, today: date | None = None) -> date:
    """The day a member's age is counted on: arrival, else expected arrival, else today."""
    return (
        household.arrival_date or household.expected_arrival_date or today or timezone.localdate()
    )


def is_child(person: Person, on: date) -> bool:
    return person.age_on(on) < CHILD_AGE


@dataclass(frozen=True)
class ChildRow:
    """A child with its placement (None if none was made) and the start's state."""

    person: Person
    placement: ChildPlacement | None
    state: PlacementState
    due: Due | None  # counted from the arrival, else the expected arrival, as in the plan
    start_days: int

    @property
    def deadline(self) -> date | None:
        return None if self.due is None else self.due.date

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def _row(
    person: Person,
    placement: ChildPlacement | None,
    household: Household,
    schedule: StartDaysSchedule,
    today: date,
) -> ChildRow:
    arrival = household.arrival_date
    days = schedule.days_on(arrival or household.expected_arrival_date)
    return ChildRow(
        person=person,
        placement=placement,
        state=placement_state(
            arrival=arrival,
            started_on=placement.actual_start_date if placement else None,
            today=today,
            start_days=days,
        ),
        due=start_due(arrival, days, household.expected_arrival_date),
        start_days=days,
    )


def household_children(
    *, household: Household, today: date | None = None, members: list[Person] | None = None
) -> list[ChildRow]:
    """The children of a household the caller fetched through a scoped selector, each with its
    placement: every member under 18 on the arrival day, and any member who has a placement."""
    today = today or timezone.localdate()
    members = members if members is not None else list(household.members.all())
    placements = {
        p.person_id: p
        for p in ChildPlacement.objects.filter(person__household=household).select_related(
            "institution"
        )
    }
    day = reference_day(household, today)
    schedule = start_days_schedule(household.municipality_id)
    return [
        _row(person, placements.get(person.pk), household, schedule, today)
        for person in sorted(members, key=lambda m: (m.birth_date, m.pk), reverse=True)
        if person.pk in placements or is_child(person, day)
    ]


def placements_visible_to(user: StaffUser) -> QuerySet[ChildPlacement]:
    return ChildPlacement.objects.filter(
        municipality_id=access.tenant_id(user), person__in=persons_visible_to(user)
    )


def placement_get(*, user: StaffUser, person_pk: int) -> ChildPlacement:
    """The placement of the child ``person_pk``; 404 if the user may not see the child."""
    placement = (
        placements_visible_to(user)
        .select_related("person", "person__household", "institution")
        .filter(person_id=person_pk)
        .first()
    )
    if placement is None:
        raise Http404
    return placement


def placement_row(placement: ChildPlacement, today: date | None = None) -> ChildRow:
    household = placement.person.household
    schedule = start_days_schedule(placement.municipality_id)
    return _row(placement.person, placement, household, schedule, today or timezone.localdate())


def institutions_for(user: StaffUser, *, kind: str = "") -> QuerySet[Institution]:
    qs = Institution.objects.filter(municipality_id=access.tenant_id(user), is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("kind", "name")


def _in_period(start: date, end: date | None) -> Q:
    q = Q(**{f"{_ARRIVAL}__isnull": False})
    if start != date.min:
        q &= Q(**{f"{_ARRIVAL}__gte": start})
    if end is not None:
        q &= Q(**{f"{_ARRIVAL}__lt": end})
    return q


def _on_time_in_band(qs: QuerySet[ChildPlacement], schedule: StartDaysSchedule) -> list[int]:
    """The started placements of ``qs`` that started 1 to MAX_MOVE_DAYS days after the counted
    deadline but on time because the deadline moved off a closed day (one query)."""
    periods = schedule.ranges()
    band = reduce(
        operator.or_,
        (
            _in_period(start, end)
            & Q(start_delay__gt=timedelta(days=days))
            & Q(start_delay__lte=timedelta(days=days + MAX_MOVE_DAYS))
            for start, end, days in periods
        ),
    )
    rows = qs.filter(band, actual_start_date__isnull=False).values_list(
        "pk", _ARRIVAL, "actual_start_date"
    )
    return [
        pk
        for pk, arrival, started in rows
        if placement_state(
            arrival=arrival,
            started_on=started,
            today=started,
            start_days=schedule.days_on(arrival),
        )
        == PlacementState.STARTED_ON_TIME
    ]


def state_q(
    state: str, schedule: StartDaysSchedule, today: date, qs: QuerySet[ChildPlacement]
) -> Q:
    """The database condition equal to families.states.placement_state for ``state``, on ``qs``
    annotated by ``with_start_delay``. A deadline moved off a closed day: not started, compared
    through the first counted day due today or later; started, the few starts just after the
    counted day are checked by the rule itself (``_on_time_in_band``)."""
    not_started = Q(actual_start_date__isnull=True)
    started = Q(actual_start_date__isnull=False)
    arrived = Q(**{f"{_ARRIVAL}__isnull": False, f"{_ARRIVAL}__lte": today})
    periods = schedule.ranges()
    due_from = first_counted_due_on_or_after(today)  # deadline >= today <=> counted >= this

    def any_period(condition: dict[int, Q]) -> Q:
        return reduce(
            operator.or_,
            (_in_period(start, end) & condition[days] for start, end, days in periods),
        )

    days_set = {days for _s, _e, days in periods}
    match PlacementState(state):
        case PlacementState.AWAITING_ARRIVAL:
            return not_started & (
                Q(**{f"{_ARRIVAL}__isnull": True}) | Q(**{f"{_ARRIVAL}__gt": today})
            )
        case PlacementState.DUE:
            cond = {d: Q(**{f"{_ARRIVAL}__gte": due_from - timedelta(days=d)}) for d in days_set}
            return not_started & arrived & any_period(cond)
        case PlacementState.OVERDUE:
            cond = {d: Q(**{f"{_ARRIVAL}__lt": due_from - timedelta(days=d)}) for d in days_set}
            return not_started & arrived & any_period(cond)
        case PlacementState.STARTED_ON_TIME:
            cond = {d: Q(start_delay__lte=timedelta(days=d)) for d in days_set}
            moved = Q(pk__in=_on_time_in_band(qs, schedule))
            return started & (Q(**{f"{_ARRIVAL}__isnull": True}) | any_period(cond) | moved)
        case PlacementState.STARTED_LATE:
            cond = {d: Q(start_delay__gt=timedelta(days=d)) for d in days_set}
            moved = Q(pk__in=_on_time_in_band(qs, schedule))
            return started & any_period(cond) & ~moved


def with_start_delay(qs: QuerySet[ChildPlacement]) -> QuerySet[ChildPlacement]:
    """Annotate the days from arrival to the actual start (null until both are known)."""
    return qs.annotate(
        start_delay=ExpressionWrapper(
            F("actual_start_date") - F(_ARRIVAL), output_field=DurationField()
        )
    )


OPEN = "open"  # the overview's default: children not started yet
ALL = "all"


def placements_overview(
    *, user: StaffUser, state: str = OPEN, kind: str = "", today: date | None = None
) -> tuple[QuerySet[ChildPlacement], StartDaysSchedule]:
    """The municipality's children by start state (default: awaiting arrival, due or overdue),
    those whose deadline comes first first. Returns the schedule for computing each row's state."""
    today = today or timezone.localdate()
    schedule = start_days_schedule(access.tenant_id(user))
    qs = with_start_delay(placements_visible_to(user))
    if state == OPEN:
        qs = qs.filter(actual_start_date__isnull=True)
    elif state != ALL:
        qs = qs.filter(state_q(state, schedule, today, qs))
    if kind:
        qs = qs.filter(kind=kind)
    qs = qs.select_related("person", "person__household", "institution").order_by(
        F(_ARRIVAL).asc(nulls_last=True),
        F("person__household__expected_arrival_date").asc(nulls_last=True),
        "person__last_name",
        "person__first_name",
        "id",
    )
    return qs, schedule


def row_for(placement: ChildPlacement, schedule: StartDaysSchedule, today: date) -> ChildRow:
    return _row(placement.person, placement, placement.person.household, schedule, today)


# --- the family plan document (CHI-1) ---------------------------------------------------------

# The reception plan's CHI-1 tasks: screening before arrival, the start meeting with the parents
# in the week of arrival, and the second screening with the plan for each child.
SCREENING_CATEGORIES = ("child_screening", "child_start_meeting", "child_screening_2")


@dataclass
class FamilyPlan:
    """One household's plan for its children and the family: each child's placement, the family
    consultant's measures and the screening meetings with their results."""

    household: Household
    members: list[Person]
    children: list[ChildRow]
    measures: list[Any]
    screenings: list[Any]

    @property
    def family_measures(self) -> list[Any]:
        return [m for m in self.measures if m.child_id is None]

    def measures_for(self, person: Person) -> list[Any]:
        return [m for m in self.measures if m.child_id == person.pk]

    @property
    def child_rows(self) -> list[tuple[ChildRow, list[Any]]]:
        return [(row, self.measures_for(row.person)) for row in self.children]


def family_plan(*, user: StaffUser, pk: int) -> FamilyPlan:
    """The household's family plan, if the user may read programme documents (programme.view)
    and sees the household (else 403 / 404, whatever the municipality)."""
    from velkomst.people.selectors import household_get
    from velkomst.reception.models import PlanTask

    from .models import FamilyMeasure

    access.require(user, access.PROGRAMME_VIEW)
    household = household_get(user=user, pk=pk)
    members = list(household.members.all())
    screenings = list(
        PlanTask.objects.filter(
            plan__household=household,
            category__in=SCREENING_CATEGORIES,
            removed_at__isnull=True,
        )
        .select_related("done_by")
        .order_by("order", "id")
    )
    return FamilyPlan(
        household=household,
        members=members,
        children=household_children(household=household, members=members),
        measures=list(FamilyMeasure.objects.filter(household=household).select_related("child")),
        screenings=screenings,
    )
