"""Danish calendar rules: takeover date and working days (REC-6)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from velkomst.engines.calendar import (
    add_months,
    add_working_days,
    is_working_day,
    next_working_day,
    programme_end,
    takeover_date,
)


def test_takeover_is_the_first_of_the_month_after_the_first_full_month():
    # REQ: REC-6 (domain facts: visited 15 May -> responsible from 1 July)
    assert takeover_date(date(2026, 5, 15)) == date(2026, 7, 1)
    assert takeover_date(date(2026, 5, 31)) == date(2026, 7, 1)


def test_takeover_moves_off_weekends_and_public_holidays():
    # REQ: REC-6
    assert takeover_date(date(2026, 9, 3)) == date(2026, 11, 2)  # 1 Nov 2026 is a Sunday
    assert takeover_date(date(2026, 11, 20)) == date(2027, 1, 4)  # New Year's Day Fri, then weekend
    assert takeover_date(date(2024, 2, 10)) == date(2024, 4, 2)  # Easter Monday 1 April 2024


def test_danish_holidays_and_closing_days_are_not_working_days():
    for day in [
        date(2026, 4, 2),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2026, 12, 24),
        date(2026, 6, 5),
    ]:
        assert not is_working_day(day), day
    assert is_working_day(date(2026, 4, 7))
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)


def test_programme_end_is_the_day_before_the_anniversary():
    assert programme_end(date(2026, 7, 1), 36) == date(2029, 6, 30)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_takeover_is_a_working_day_within_the_window(visited):
    # REQ: REC-6
    takeover = takeover_date(visited)
    assert is_working_day(takeover)
    first = add_months(visited.replace(day=1), 2)
    assert first <= takeover <= first + timedelta(days=6)
    # a whole calendar month lies after the visitation day and before the takeover
    month_after = add_months(visited.replace(day=1), 1)
    assert visited < month_after and add_months(month_after, 1) <= takeover


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(-40, 40))
def test_working_day_arithmetic_lands_on_working_days(start, n):
    moved = add_working_days(start, n)
    if n:
        assert is_working_day(moved)
    assert next_working_day(moved) == moved or n == 0
