"""The part of a cost that falls in a period (MI-4), worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from velkomst.engines import costs

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def test_a_weekly_price_costs_a_seventh_a_day_inside_the_period():
    # REQ: MI-4
    # 10 May – 14 June: 14 days in June (1–14) at 700/7 = 100 a day
    assert costs.weekly(700, date(2026, 5, 10), date(2026, 6, 14), *JUNE) == Decimal("1400.00")
    # open: all 30 days of June; 1000/7 a day rounds to the øre once, on the total
    assert costs.weekly(1000, date(2026, 6, 1), None, *JUNE) == Decimal("4285.71")
    # ended before the period, or starting after it: nothing
    assert costs.weekly(700, date(2026, 5, 1), date(2026, 5, 31), *JUNE) == Decimal(0)
    assert costs.weekly(700, date(2026, 7, 1), None, *JUNE) == Decimal(0)


def test_a_monthly_price_costs_each_calendar_month_by_its_days():
    # REQ: MI-4
    # a whole month costs the price, February as March
    assert costs.monthly(3000, date(2026, 1, 1), None, date(2026, 2, 1), date(2026, 3, 31)) == (
        Decimal("6000.00")
    )
    # 16–30 June: 15 of June's 30 days = half of 3000
    assert costs.monthly(3000, date(2026, 6, 16), date(2026, 7, 20), *JUNE) == Decimal("1500.00")
    # 20 January – 10 February 2026 in the whole year at 3100 a month: 12 of January's 31 days
    # = 1200, 10 of February's 28 days = 1107.142857…; together 2307.14
    year = (date(2026, 1, 1), date(2026, 12, 31))
    assert costs.monthly(3100, date(2026, 1, 20), date(2026, 2, 10), *year) == Decimal("2307.14")
    # outside the period: nothing
    assert costs.monthly(3000, date(2026, 7, 1), None, *JUNE) == Decimal(0)


def test_the_days_inside_the_period_count_both_ends():
    # REQ: MI-4
    assert costs.days_in(date(2026, 6, 30), date(2026, 7, 2), *JUNE) == 1
    assert costs.days_in(date(2026, 5, 1), None, *JUNE) == 30
    assert costs.days_in(date(2026, 5, 1), date(2026, 5, 31), *JUNE) == 0
