"""Deadlines of reception-plan tasks (REC-2, REC-4): due dates from anchors, and a deadline's state.

Plain Python (no Django). A task's deadline is an anchor date (visitation, expected or actual
arrival, the municipality's takeover date, or the day another task was done) moved by an offset
in months and days. The days are counted as calendar days, as working days (Danish public
holidays and the municipal closing days are skipped, see ``calendar``), or as "week end": the last
working day of the week the offset lands in ("a start meeting in the arrival week", "a welcome
meeting in the second full week after arrival").

A deadline counted in calendar days or months that lands on a Saturday, Sunday, public holiday
or municipal closing day is moved by the rule's ``Adjustment``: to the next working day (the rule
of Danish procedural law, the preset), to the previous one, or not at all. ``due`` says which day
was counted and why it moved (``Due``), so the reason can be stored and shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from .calendar import (
    NotWorking,
    add_months,
    add_working_days,
    is_working_day,
    next_working_day,
    not_working_reason,
    previous_working_day,
)
from .pension import pension_date

CHILD_AGE = 18  # under 18: a child (integrationsloven covers persons aged 18 and over)


class Anchor(StrEnum):
    FIXED = "fixed"  # an ad-hoc task's own date, nothing to recompute
    VISITATION = "visitation_date"
    EXPECTED_ARRIVAL = "expected_arrival"
    ARRIVAL = "arrival"
    TAKEOVER = "takeover_date"
    TASK_COMPLETION = "task_completion"


# Anchors that follow the household's arrival dates: they move when the dates change.
ARRIVAL_ANCHORS = frozenset({Anchor.EXPECTED_ARRIVAL, Anchor.ARRIVAL})


class DayKind(StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"
    WEEK_END = "week_end"


class Adjustment(StrEnum):
    """What happens to a calendar-day deadline that lands on a day the municipality is closed."""

    NEXT = "next_working_day"
    PREVIOUS = "previous_working_day"
    AS_COUNTED = "as_counted"


# The longest move to the next working day: Maundy Thursday to the Tuesday after Easter.
MAX_MOVE_DAYS = 5


class Condition(StrEnum):
    """Who a template task applies to. For a per-person task the person must meet it; for a
    household task at least one member must (``has_children``: the household has a child)."""

    ALL = "all"
    HAS_CHILDREN = "has_children"
    ADULT = "adult"
    WORKING_AGE = "working_age"
    QUOTA_REFUGEE = "quota_refugee"


class Scope(StrEnum):
    HOUSEHOLD = "household"
    PERSON = "person"


class DeadlineState(StrEnum):
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"
    NOT_RELEVANT = "not_relevant"


OPEN_STATES = (DeadlineState.UPCOMING, DeadlineState.DUE_SOON, DeadlineState.OVERDUE)
# An open deadline only moves forward in this order as days pass.
OPEN_RANK = {state: rank for rank, state in enumerate(OPEN_STATES)}


@dataclass(frozen=True)
class AnchorDates:
    """The household's dates a deadline can be counted from; None while not known."""

    visitation: date | None = None
    expected_arrival: date | None = None
    arrival: date | None = None
    takeover: date | None = None

    def resolve(self, anchor: Anchor | str, completion: date | None = None) -> date | None:
        """The anchor's date. "Arrival" is the actual arrival, else the expected one; "expected
        arrival" is the expected date, else the actual one (for plans made after arrival)."""
        match Anchor(anchor):
            case Anchor.VISITATION:
                return self.visitation
            case Anchor.EXPECTED_ARRIVAL:
                return self.expected_arrival or self.arrival
            case Anchor.ARRIVAL:
                return self.arrival or self.expected_arrival
            case Anchor.TAKEOVER:
                return self.takeover
            case Anchor.TASK_COMPLETION:
                return completion
            case Anchor.FIXED:
                return None


@dataclass(frozen=True)
class Rule:
    anchor: Anchor | str
    offset_days: int = 0
    offset_months: int = 0
    day_kind: DayKind | str = DayKind.CALENDAR
    adjustment: Adjustment | str = Adjustment.NEXT


_Day = date  # the field ``Due.date`` hides the type inside the class


@dataclass(frozen=True)
class Due:
    """A deadline: ``date``, the day the rule counted, and why that day was moved (None when the
    deadline is the counted day)."""

    date: _Day
    counted: _Day
    moved_because: NotWorking | None = None

    @property
    def moved(self) -> bool:
        return self.date != self.counted


def adjust(counted: date, adjustment: Adjustment | str = Adjustment.NEXT) -> Due:
    """Move a counted calendar-day deadline off a non-working day as ``adjustment`` says."""
    match Adjustment(adjustment):
        case Adjustment.NEXT:
            moved = next_working_day(counted)
        case Adjustment.PREVIOUS:
            moved = previous_working_day(counted)
        case Adjustment.AS_COUNTED:
            moved = counted
    if moved == counted:
        return Due(date=counted, counted=counted)
    return Due(date=moved, counted=counted, moved_because=not_working_reason(counted))


def first_counted_due_on_or_after(
    day: date, adjustment: Adjustment | str = Adjustment.NEXT
) -> date:
    """The earliest counted day whose deadline (after ``adjustment``) is ``day`` or later.

    Moving is monotone (a later counted day never gives an earlier deadline), so a deadline is
    ``day`` or later exactly when its counted day is this day or later: a database can compare
    counted days with it (a deadline before ``day`` was counted before it)."""
    counted = day
    while adjust(counted, adjustment).date < day:
        counted += timedelta(days=1)
    while adjust(counted - timedelta(days=1), adjustment).date >= day:
        counted -= timedelta(days=1)
    return counted


@dataclass(frozen=True)
class Member:
    birth_date: date
    residence_basis: str = ""


def last_working_day_of_week(day: date) -> date:
    """The last working day of ``day``'s week (Monday-Sunday); if the whole week is closed, the
    first working day after it."""
    monday = day - timedelta(days=day.weekday())
    for back in range(4, -1, -1):
        candidate = monday + timedelta(days=back)
        if is_working_day(candidate):
            return candidate
    return next_working_day(monday + timedelta(days=7))


def shift(
    anchor_date: date,
    *,
    offset_days: int = 0,
    offset_months: int = 0,
    day_kind: DayKind | str = DayKind.CALENDAR,
) -> date:
    """Move ``anchor_date`` by months (clamped to month end), then by days of ``day_kind``.

    Working days: ``offset_days`` working days from the anchor; with 0 days, the anchor itself
    or the next working day. A working-day or week-end deadline is always a working day.
    """
    base = add_months(anchor_date, offset_months) if offset_months else anchor_date
    kind = DayKind(day_kind)
    if kind == DayKind.WORKING:
        return add_working_days(base, offset_days) if offset_days else next_working_day(base)
    target = base + timedelta(days=offset_days)
    if kind == DayKind.WEEK_END:
        return last_working_day_of_week(target)
    return target


@lru_cache(maxsize=65_536)
def due_from(anchor_date: date, rule: Rule) -> Due:
    """The deadline of ``rule`` counted from ``anchor_date``: shifted by the offsets, then, for
    calendar days, moved off a non-working day by the rule's adjustment. Working-day and
    week-end deadlines are working days already. Remembered: a plan's tasks share few anchor
    dates and rules (a visitation file of 10,000 persons asks about 130,000 times)."""
    counted = shift(
        anchor_date,
        offset_days=rule.offset_days,
        offset_months=rule.offset_months,
        day_kind=rule.day_kind,
    )
    if DayKind(rule.day_kind) != DayKind.CALENDAR:
        return Due(date=counted, counted=counted)
    return adjust(counted, rule.adjustment)


def due(rule: Rule, dates: AnchorDates, completion: date | None = None) -> Due | None:
    """The deadline of ``rule`` with why it moved; None while its anchor date is not known."""
    anchor_date = dates.resolve(rule.anchor, completion)
    return None if anchor_date is None else due_from(anchor_date, rule)


def due_date(rule: Rule, dates: AnchorDates, completion: date | None = None) -> date | None:
    """The deadline of ``rule``; None while its anchor date is not known."""
    result = due(rule, dates, completion)
    return None if result is None else result.date


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def member_meets(condition: Condition | str, member: Member, on: date) -> bool:
    """Whether a person meets ``condition`` on ``on``. Working age: 18 or over and not yet at the
    state pension age of the person's birth date (``pension``)."""
    age = age_on(member.birth_date, on)
    match Condition(condition):
        case Condition.ALL:
            return True
        case Condition.HAS_CHILDREN:
            return age < CHILD_AGE
        case Condition.ADULT:
            return age >= CHILD_AGE
        case Condition.WORKING_AGE:
            return age >= CHILD_AGE and on < pension_date(member.birth_date)
        case Condition.QUOTA_REFUGEE:
            return member.residence_basis == "quota_refugee"


def household_meets(condition: Condition | str, members: Iterable[Member], on: date) -> bool:
    return Condition(condition) == Condition.ALL or any(
        member_meets(condition, m, on) for m in members
    )


def deadline_state(
    *,
    due: date | None,
    today: date,
    done_on: date | None = None,
    not_relevant: bool = False,
    due_soon_days: int = 7,
) -> DeadlineState:
    """The state of one deadline on ``today``.

    Done: met on time when done on or before the due day, else met late. Open: overdue after the
    due day, due soon from ``due_soon_days`` days before it, upcoming before that or while the
    due day is not known yet.
    """
    if not_relevant:
        return DeadlineState.NOT_RELEVANT
    if done_on is not None:
        if due is None or done_on <= due:
            return DeadlineState.MET_ON_TIME
        return DeadlineState.MET_LATE
    if due is None:
        return DeadlineState.UPCOMING
    if today > due:
        return DeadlineState.OVERDUE
    if (due - today).days <= due_soon_days:
        return DeadlineState.DUE_SOON
    return DeadlineState.UPCOMING
