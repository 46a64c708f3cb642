"""The integration programme's rules applied to one person's plan (PRG-1, PRG-5, PRG-8).

Plain Python (no Django): dataclasses in, dataclasses out. From the plan's activities, the
takeover and arrival dates, the municipality's rule set (``Rules``, versioned configuration with
a year) and the follow-up meetings held, ``assess`` computes

- per ISO week the planned hours against the expected hours (an activity counts its hours a week
  in proportion to the working days (Monday–Friday) it runs that week),
- the gaps between enterprise-directed activities (from takeover to the first, and between them)
  and the largest against the rule,
- whether the first enterprise-directed activity started by its deadline (N weeks after
  takeover), and the municipality's own rule of an internship within N months of arrival
  (Kerteminde),
- the follow-up meetings (jobsamtaler) held in the first K months against the minimum M,
- the contract's due date (one month after takeover, moved to a working day like the reception
  deadlines).

Findings are ``Reason``s: a code and its parameters, rendered in the reader's language by the
app (``velkomst.programme.reasons``), never stored text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .calendar import add_months
from .deadlines import Anchor, DeadlineState, Rule, age_on, deadline_state, due_from

ENTERPRISE = "enterprise"
EDUCATION = "education"
INTERNSHIP_KINDS = frozenset({"internship", "language_internship"})
MAX_HOURS_PER_WEEK = Decimal(37)
YOUNG_AGE = 30  # PRG-5: under 30 get an education-directed plan


@dataclass(frozen=True)
class Rules:
    """A programme rule set; ``year`` is the year it comes from (the 2016 agreement, the current
    law). Counted from the takeover date unless said otherwise."""

    year: int
    first_enterprise_weeks: int  # first enterprise-directed activity within N weeks of takeover
    max_gap_weeks: int  # largest gap between enterprise-directed activities
    expected_hours: Decimal  # expected hours a week
    meetings_min: int  # follow-up meetings (jobsamtaler): at least M …
    meetings_months: int  # … in the first K months
    contract_months: int = 1  # the contract within one month of takeover
    internship_months_from_arrival: int | None = None  # e.g. Kerteminde: 3

    @classmethod
    def from_config(cls, values: dict[str, Any]) -> Rules:
        months = values.get("internship_months_from_arrival")
        return cls(
            year=int(values["year"]),
            first_enterprise_weeks=int(values["first_enterprise_weeks"]),
            max_gap_weeks=int(values["max_gap_weeks"]),
            expected_hours=Decimal(str(values["expected_hours"])),
            meetings_min=int(values["meetings_min"]),
            meetings_months=int(values["meetings_months"]),
            contract_months=int(values.get("contract_months", 1)),
            internship_months_from_arrival=None if months is None else int(months),
        )


@dataclass(frozen=True)
class Span:
    """An activity: category, sub-kind, first and last day (None: ongoing), hours a week."""

    category: str
    kind: str
    start: date
    end: date | None
    hours_per_week: Decimal

    def last_day(self, horizon: date) -> date:
        return self.end if self.end is not None else horizon


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Week:
    monday: date
    iso_year: int
    iso_week: int
    planned: Decimal
    expected: Decimal

    @property
    def short(self) -> bool:
        return self.planned < self.expected

    @property
    def share(self) -> int:
        """Planned hours as a whole percentage of the expected (at most 100), for a bar."""
        if self.expected <= 0:
            return 100
        return min(100, int(self.planned * 100 / self.expected))


@dataclass(frozen=True)
class Gap:
    """Days without an enterprise-directed activity: ``start`` to ``end`` inclusive."""

    start: date
    end: date
    open: bool  # runs to today: no activity after it yet

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> Decimal:
        return (Decimal(self.days) / 7).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Check:
    """A deadline the rules set: its due day, the day it was met (None: not yet) and state."""

    due: date
    met_on: date | None
    state: DeadlineState


@dataclass(frozen=True)
class Assessment:
    weeks: list[Week]
    gaps: list[Gap]
    largest_gap: Gap | None
    first_enterprise: Check
    internship_from_arrival: Check | None
    meetings: Check
    meetings_held: int
    contract_due: date
    reasons: list[Reason]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekdays_between(first: date, last: date) -> int:
    """Monday–Friday days from ``first`` to ``last`` inclusive (0 when last < first)."""
    if last < first:
        return 0
    days = (last - first).days + 1
    full, rest = divmod(days, 7)
    count = full * 5
    weekday = first.weekday()
    for i in range(rest):
        if (weekday + i) % 7 < 5:
            count += 1
    return count


def week_hours(spans: Iterable[Span], monday: date) -> Decimal:
    """The hours planned in the week starting ``monday``: each activity's hours a week times the
    share of the week's five working days it runs."""
    friday = monday + timedelta(days=4)
    total = Decimal(0)
    for span in spans:
        first = max(span.start, monday)
        last = min(span.last_day(friday), friday)
        days = _weekdays_between(first, last)
        if days:
            total += span.hours_per_week * days / 5
    return total.quantize(Decimal("0.1"))


def max_concurrent_hours(spans: Iterable[Span]) -> tuple[Decimal, date | None]:
    """The most hours a week of activities running on the same day, and the first such day."""
    events: list[tuple[date, int, Decimal]] = []
    for span in spans:
        events.append((span.start, 1, span.hours_per_week))
        if span.end is not None:
            events.append((span.end + timedelta(days=1), 0, -span.hours_per_week))
    events.sort(key=lambda e: (e[0], e[1]))  # ends (0) before starts (1) on the same day
    best, best_day, running = Decimal(0), None, Decimal(0)
    for day, _kind, delta in events:
        running += delta
        if running > best:
            best, best_day = running, day
    return best, best_day


def hour_errors(span: Span, others: Sequence[Span]) -> list[Reason]:
    """Bad input (PRG-1): an activity over 37 hours a week, or one that would make the
    activities running at the same time exceed 37 hours a week."""
    if span.hours_per_week <= 0:
        return [Reason("hours_not_positive")]
    if span.hours_per_week > MAX_HOURS_PER_WEEK:
        return [Reason("hours_over_max", {"max": MAX_HOURS_PER_WEEK})]
    overlapping = [
        o
        for o in others
        if o.start <= span.last_day(date.max) and span.start <= o.last_day(date.max)
    ]
    total, day = max_concurrent_hours([span, *overlapping])
    if total > MAX_HOURS_PER_WEEK:
        return [
            Reason("week_total_over_max", {"max": MAX_HOURS_PER_WEEK, "total": total, "day": day})
        ]
    return []


def enterprise_gaps(spans: Iterable[Span], takeover: date, today: date) -> list[Gap]:
    """The stretches from takeover to ``today`` without an enterprise-directed activity."""
    runs = sorted((s.start, s.last_day(date.max)) for s in spans if s.category == ENTERPRISE)
    gaps: list[Gap] = []
    cursor = takeover  # first day not yet covered
    for start, last in runs:
        if start > today:
            break
        if start > cursor:
            gaps.append(Gap(cursor, start - timedelta(days=1), open=False))
        if last >= cursor:
            cursor = last + timedelta(days=1) if last != date.max else date.max
    if cursor <= today:
        gaps.append(Gap(cursor, today, open=True))
    return gaps


def first_enterprise_due(takeover: date, rules: Rules) -> date:
    return takeover + timedelta(weeks=rules.first_enterprise_weeks)


def contract_due(takeover: date, months: int = 1) -> date:
    """One month after takeover, moved to the next working day as the reception deadlines are."""
    return due_from(takeover, Rule(anchor=Anchor.TAKEOVER, offset_months=months)).date


def _check(due: date, met_on: date | None, today: date, due_soon_days: int) -> Check:
    state = deadline_state(due=due, today=today, done_on=met_on, due_soon_days=due_soon_days)
    return Check(due=due, met_on=met_on, state=state)


def assess(
    *,
    spans: Sequence[Span],
    takeover: date,
    arrival: date | None,
    rules: Rules,
    meetings: Iterable[date],
    today: date,
    weeks_before: int = 12,
    weeks_after: int = 12,
    due_soon_days: int = 7,
) -> Assessment:
    reasons: list[Reason] = []
    # weeks: the last ``weeks_before`` and the next ``weeks_after`` around today, not before
    # the takeover week
    this_monday = monday_of(today)
    first_monday = max(this_monday - timedelta(weeks=weeks_before), monday_of(takeover))
    weeks = []
    monday = first_monday
    while monday <= this_monday + timedelta(weeks=weeks_after):
        iso = monday.isocalendar()
        weeks.append(
            Week(
                monday=monday,
                iso_year=iso.year,
                iso_week=iso.week,
                planned=week_hours(spans, monday),
                expected=rules.expected_hours,
            )
        )
        monday += timedelta(weeks=1)
    short = [w for w in weeks if w.monday <= this_monday and w.short]
    if short:
        reasons.append(
            Reason("weeks_short", {"count": len(short), "expected": rules.expected_hours})
        )

    gaps = enterprise_gaps(spans, takeover, today)
    # the gap before the first activity is judged by the first-activity rule, not the gap rule
    between = [g for g in gaps if g.start != takeover]
    largest = max(between, key=lambda g: g.days, default=None)
    if largest is not None and largest.days > rules.max_gap_weeks * 7:
        reasons.append(
            Reason(
                "gap_too_long",
                {"weeks": largest.weeks, "max": rules.max_gap_weeks, "start": largest.start},
            )
        )

    enterprise_starts = sorted(s.start for s in spans if s.category == ENTERPRISE)
    first_start = next((d for d in enterprise_starts if d <= today), None)
    first = _check(first_enterprise_due(takeover, rules), first_start, today, due_soon_days)
    if first.state == DeadlineState.OVERDUE:
        reasons.append(
            Reason(
                "first_enterprise_overdue",
                {"due": first.due, "weeks": rules.first_enterprise_weeks},
            )
        )
    elif first.state == DeadlineState.MET_LATE:
        reasons.append(Reason("first_enterprise_late", {"due": first.due, "start": first.met_on}))

    internship = None
    if rules.internship_months_from_arrival is not None and arrival is not None:
        starts = sorted(s.start for s in spans if s.kind in INTERNSHIP_KINDS and s.start <= today)
        internship = _check(
            add_months(arrival, rules.internship_months_from_arrival),
            starts[0] if starts else None,
            today,
            due_soon_days,
        )
        if internship.state in (DeadlineState.OVERDUE, DeadlineState.MET_LATE):
            reasons.append(
                Reason(
                    "internship_from_arrival",
                    {"due": internship.due, "months": rules.internship_months_from_arrival},
                )
            )

    meetings_due = add_months(takeover, rules.meetings_months)
    held = sorted(d for d in meetings if takeover <= d <= min(meetings_due, today))
    met_on = (
        held[rules.meetings_min - 1]
        if rules.meetings_min and len(held) >= rules.meetings_min
        else None
    )
    if rules.meetings_min == 0:
        met_on = takeover
    meetings_check = _check(meetings_due, met_on, today, due_soon_days)
    if meetings_check.state == DeadlineState.OVERDUE:
        reasons.append(
            Reason(
                "meetings_missing",
                {"held": len(held), "min": rules.meetings_min, "months": rules.meetings_months},
            )
        )
    return Assessment(
        weeks=weeks,
        gaps=gaps,
        largest_gap=largest,
        first_enterprise=first,
        internship_from_arrival=internship,
        meetings=meetings_check,
        meetings_held=len(held),
        contract_due=contract_due(takeover, rules.contract_months),
        reasons=reasons,
    )


def young_flag(
    *, birth_date: date, today: date, direction: str, has_education_goal: bool
) -> Reason | None:
    """PRG-5: a person under 30 whose plan is not education-directed, or has no education goal."""
    age = age_on(birth_date, today)
    if age >= YOUNG_AGE:
        return None
    if direction != EDUCATION:
        return Reason("young_not_education", {"age": age})
    if not has_education_goal:
        return Reason("young_no_education_goal", {"age": age})
    return None
