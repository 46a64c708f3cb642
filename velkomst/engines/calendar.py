"""Danish calendar rules: working days, the takeover date, month arithmetic.

Plain Python (no Django). Public holidays come from the `holidays` package (Denmark).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

# Days a Danish municipality's administration is closed although they are not public holidays
# in the law: Constitution Day (5 June), Christmas Eve and New Year's Eve.
MUNICIPAL_CLOSING_DAYS: frozenset[tuple[int, int]] = frozenset({(6, 5), (12, 24), (12, 31)})


@lru_cache(maxsize=256)
def _danish_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year).keys())


def is_working_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    if (day.month, day.day) in MUNICIPAL_CLOSING_DAYS:
        return False
    return day not in _danish_holidays(day.year)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, count: int) -> date:
    """Move ``count`` working days forward (or back, if negative) from ``day``."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def takeover_date(visitation: date) -> date:
    """The day the municipality takes over responsibility for a visited person.

    Integrationsloven § 4: the first day of the month after the first full month following the
    visitation decision (visited 15 May -> 1 July), moved to the next working day when that day
    is a weekend or public holiday. The first full month following a visitation is always the
    next calendar month, so the takeover is the first day of the second month after it.
    """
    first = add_months(visitation.replace(day=1), 2)
    return next_working_day(first)


def programme_end(takeover: date, length_months: int) -> date:
    """Last day of a programme of ``length_months`` starting on ``takeover``."""
    return add_months(takeover, length_months) - timedelta(days=1)
