"""Danish calendar rules: working days, the takeover date, month arithmetic.

Plain Python (no Django). Public holidays come from the `holidays` package (Denmark).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum
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


def previous_working_day(day: date) -> date:
    """The day itself if it is a working day, otherwise the last working day before it."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


class NotWorking(StrEnum):
    """Why a day is not a working day (the first that applies, in this order)."""

    HOLIDAY = "holiday"  # a Danish public holiday (named by the holidays package)
    CLOSING_DAY = "closing_day"  # a municipal closing day (MUNICIPAL_CLOSING_DAYS)
    SATURDAY = "saturday"
    SUNDAY = "sunday"


def not_working_reason(day: date) -> NotWorking | None:
    """Why ``day`` is not a working day; None for a working day. A holiday on a weekend is named
    as the holiday (26 December 2026 is Boxing Day, not just a Saturday)."""
    if day in _danish_holidays(day.year):
        return NotWorking.HOLIDAY
    if (day.month, day.day) in MUNICIPAL_CLOSING_DAYS:
        return NotWorking.CLOSING_DAY
    if day.weekday() == 5:
        return NotWorking.SATURDAY
    if day.weekday() == 6:
        return NotWorking.SUNDAY
    return None


HOLIDAY_LANGUAGES = ("da", "en_US")  # the languages the holidays package names DK's days in


@lru_cache(maxsize=64)
def _holiday_names(year: int, language: str) -> dict[date, str]:
    names = holidays.country_holidays(
        "DK", years=year, language=language, categories=("public", "optional")
    )
    return dict(names.items())


def holiday_name(day: date, language: str = "da") -> str:
    """The name of the public holiday or closing day ``day`` in ``language`` (a language code such
    as "da", "en" or "en-gb"; Danish when the package has no names in it); "" if it has none."""
    base = language.lower().replace("-", "_").split("_")[0]
    chosen = next((code for code in HOLIDAY_LANGUAGES if code.split("_")[0] == base), "da")
    return _holiday_names(day.year, chosen).get(day, "")


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
