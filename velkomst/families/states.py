"""The state of a child's daycare or school start against the service standard (CHI-2, REC-4).

Plain Python (no Django): the standard is "children start school or daycare within N days of
arrival" (preset three days, KL: Bornholm asylum centre), N being the municipality's
configuration ``child_start_days`` in force on the day of arrival. Days are calendar days, and a
deadline on a Saturday, Sunday, public holiday or closing day moves to the next working day: the
rule of the reception plan's ``school_daycare_start`` task (``start_rule``), computed by the same
function (``engines.deadlines.due``), so the placement pages and the plan show the same day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from velkomst.engines import deadlines


class PlacementState(StrEnum):
    AWAITING_ARRIVAL = "awaiting_arrival"  # the household has not arrived (or no date yet)
    DUE = "due"  # arrived, not started, the deadline has not passed
    OVERDUE = "overdue"  # arrived, not started, the deadline has passed
    STARTED_ON_TIME = "started_on_time"
    STARTED_LATE = "started_late"


OPEN_STATES = (PlacementState.AWAITING_ARRIVAL, PlacementState.DUE, PlacementState.OVERDUE)
STARTED_STATES = (PlacementState.STARTED_ON_TIME, PlacementState.STARTED_LATE)


def start_rule(start_days: int) -> deadlines.Rule:
    """The start standard as a deadline rule: ``start_days`` calendar days after arrival (actual,
    else expected), moved to the next working day; the plan's ``school_daycare_start`` preset."""
    return deadlines.Rule(
        anchor=deadlines.Anchor.ARRIVAL,
        offset_days=start_days,
        day_kind=deadlines.DayKind.CALENDAR,
        adjustment=deadlines.Adjustment.NEXT,
    )


def start_due(
    arrival: date | None, start_days: int, expected_arrival: date | None = None
) -> deadlines.Due | None:
    """The last day a child may start, with why it moved off a closed day; None while neither
    the arrival nor the expected arrival is known."""
    dates = deadlines.AnchorDates(arrival=arrival, expected_arrival=expected_arrival)
    return deadlines.due(start_rule(start_days), dates)


def start_deadline(arrival: date | None, start_days: int) -> date | None:
    """The last day a child may start, counted from the arrival."""
    due = start_due(arrival, start_days)
    return None if due is None else due.date


def placement_state(
    *, arrival: date | None, started_on: date | None, today: date, start_days: int
) -> PlacementState:
    """The state of one child's start on ``today``.

    Started: on time when the start day is on or before the deadline (or no arrival date is
    known to measure against), else late. Not started: awaiting arrival while the household has
    no arrival date or arrives after today, then due until the deadline and overdue after it.
    """
    deadline = start_deadline(arrival, start_days)
    if started_on is not None:
        if deadline is None or started_on <= deadline:
            return PlacementState.STARTED_ON_TIME
        return PlacementState.STARTED_LATE
    if arrival is None or deadline is None or arrival > today:
        return PlacementState.AWAITING_ARRIVAL
    return PlacementState.OVERDUE if today > deadline else PlacementState.DUE


@dataclass(frozen=True)
class StartDaysSchedule:
    """The municipality's ``child_start_days`` over time: ``periods`` are (effective from, days),
    sorted by date, the first from ``date.min``. The days in force on an arrival day apply."""

    periods: tuple[tuple[date, int], ...]

    def __post_init__(self) -> None:
        assert self.periods and self.periods[0][0] == date.min, "the first period has no start"
        assert list(self.periods) == sorted(self.periods, key=lambda p: p[0])

    @classmethod
    def constant(cls, days: int) -> StartDaysSchedule:
        return cls(periods=((date.min, days),))

    def days_on(self, day: date | None) -> int:
        """The days in force on ``day`` (today's rule when the day is not known)."""
        if day is None:
            return self.periods[-1][1]
        index = bisect_right([start for start, _days in self.periods], day) - 1
        return self.periods[max(index, 0)][1]

    def ranges(self) -> Sequence[tuple[date, date | None, int]]:
        """(from, until exclusive or None, days) for each period."""
        ends: list[date | None] = [start for start, _days in self.periods[1:]]
        ends.append(None)
        return [(start, end, days) for (start, days), end in zip(self.periods, ends, strict=True)]
