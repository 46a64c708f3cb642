"""Rules that follow a person's life through the programme (REC-2, REC-6).

Plain Python (no Django). A per-person task with an age condition is judged on the day it
concerns, not only on the day of arrival:

- adults (and working age): a member who is a child on arrival but turns 18 on or before the
  programme's last day gets the task counted from the 18th birthday: the task's own offset from
  the birthday, or ``coming_of_age_days`` calendar days after it when the municipality sets that
  number; never earlier than the deadline an adult would have had;
- working age: a member who reaches the state pension age (``pension``) on or before the task's
  deadline (its anchor day while the deadline waits for another task) does not get the task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .deadlines import (
    CHILD_AGE,
    AnchorDates,
    Condition,
    Due,
    Member,
    Rule,
    adjust,
    due,
    due_from,
    member_meets,
)
from .pension import pension_date

AGE_CONDITIONS = frozenset({Condition.ADULT, Condition.WORKING_AGE})


def birthday(birth_date: date, years: int) -> date:
    """The day a person born on ``birth_date`` turns ``years`` (born 29 February: 1 March in a
    common year, as ``deadlines.age_on`` counts)."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return date(birth_date.year + years, 3, 1)


def adult_from(member: Member) -> date:
    """The member's 18th birthday: from it the member is an adult."""
    return birthday(member.birth_date, CHILD_AGE)


@dataclass(frozen=True)
class PersonTask:
    """A member's task: its deadline with why it moved off a closed day (None while it waits for
    another task), and the 18th birthday when the deadline is counted from it (the task then has
    a fixed date)."""

    due: Due | None
    from_birthday: date | None = None


def person_task(
    condition: Condition | str,
    rule: Rule,
    member: Member,
    dates: AnchorDates,
    *,
    arrival_day: date,
    programme_end: date,
    coming_of_age_days: int | None = None,
) -> PersonTask | None:
    """Whether ``member`` gets a per-person task of ``condition`` and ``rule``, and its deadline;
    None if the member does not get it. Conditions without age are judged on ``arrival_day``."""
    task_due = due(rule, dates)
    if Condition(condition) not in AGE_CONDITIONS:
        return PersonTask(task_due) if member_meets(condition, member, arrival_day) else None
    adult_day = adult_from(member)
    from_birthday = None
    if adult_day > arrival_day:
        if adult_day > programme_end:
            return None
        if coming_of_age_days is None:
            counted = due_from(adult_day, rule)
        else:  # calendar days after the birthday, moved off a closed day as the rule says
            counted = adjust(adult_day + timedelta(days=coming_of_age_days), rule.adjustment)
        if task_due is None or counted.date > task_due.date:
            task_due = counted
        from_birthday = adult_day
    if Condition(condition) == Condition.WORKING_AGE:
        concerned = task_due.date if task_due else dates.resolve(rule.anchor) or arrival_day
        if concerned >= pension_date(member.birth_date):
            return None
    return PersonTask(task_due, from_birthday)
