"""Periods shared by the employment, Danish, programme and outcome definitions: the window an
event must fall in, the hours a weekly rate gives over part of it, and the calendar month."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from velkomst.engines.calendar import add_months
from velkomst.engines.costs import days_in

from ..library import Scope
from .common import Arrived

HOUR = Decimal("0.1")


def month_of(day: date) -> tuple[date, date]:
    """The first and last day of ``day``'s calendar month."""
    first = day.replace(day=1)
    return first, add_months(first, 1) - timedelta(days=1)


def months_ending(day: date, months: int) -> tuple[date, date]:
    """The ``months`` calendar months ending with ``day``'s month (3: April–June for 10 June)."""
    first, last = month_of(day)
    return add_months(first, 1 - months), last


def event_window(person: Arrived, scope: Scope) -> tuple[date, date]:
    """The days an event of ``person`` counts on: the scope's period, or (by months since arrival)
    from the arrival to the day they are measured on (the first N months in Denmark)."""
    if scope.months_since_arrival is None:
        return scope.start, scope.end
    return person.arrival_date, person.measured_on


def hours_in(
    hours_per_week: Decimal, start: date, end: date | None, first: date, last: date
) -> Decimal:
    """The hours a weekly rate gives over the days it has in common with ``first``..``last``
    (each calendar day a seventh of the week), to a tenth of an hour."""
    days = days_in(start, end, first, last)
    return (Decimal(hours_per_week) * days / 7).quantize(HOUR)
