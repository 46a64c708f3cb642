"""The part of a cost that falls in a period (MI-4), from a price per week or per month and the
dates the cost ran. Pure arithmetic, no Django.

A record's cost runs from its first day to its last (both inclusive; no last day: to the period's
end). Only the days inside the period count:

- a price per week costs a seventh of it per day;
- a price per month costs, in each calendar month, the price times the days in that month over
  the month's days: a whole month costs the price exactly (28 days of February as 31 of March),
  as rent and bus cards are paid.

Amounts are Decimal kroner to the øre; callers sum them and round once.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

ØRE = Decimal("0.01")


def overlap(first: date, last: date | None, start: date, end: date) -> tuple[date, date] | None:
    """The days ``first``..``last`` (``None``: open) that fall in ``start``..``end``, or None."""
    lo = max(first, start)
    hi = end if last is None else min(last, end)
    return (lo, hi) if lo <= hi else None


def days_in(first: date, last: date | None, start: date, end: date) -> int:
    """How many days of ``first``..``last`` fall in ``start``..``end``."""
    span = overlap(first, last, start, end)
    return 0 if span is None else (span[1] - span[0]).days + 1


def weekly(price: int | Decimal, first: date, last: date | None, start: date, end: date) -> Decimal:
    """The part of a price per week that falls in the period: a seventh per day."""
    days = days_in(first, last, start, end)
    return (Decimal(price) * days / 7).quantize(ØRE, rounding=ROUND_HALF_UP)


def monthly(
    price: int | Decimal, first: date, last: date | None, start: date, end: date
) -> Decimal:
    """The part of a price per month that falls in the period: per calendar month, the price
    times the days in the month over the month's length."""
    span = overlap(first, last, start, end)
    if span is None:
        return Decimal(0).quantize(ØRE)
    day, hi = span
    total = Decimal(0)
    while day <= hi:
        length = calendar.monthrange(day.year, day.month)[1]
        month_end = day.replace(day=length)
        chunk_end = min(month_end, hi)
        total += Decimal(price) * ((chunk_end - day).days + 1) / length
        day = chunk_end + timedelta(days=1)
    return total.quantize(ØRE, rounding=ROUND_HALF_UP)
