"""Targets that step, whether a figure is on track, and the change since an earlier figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from velkomst.engines.targets import (
    Direction,
    Step,
    Track,
    Trend,
    change,
    target_on,
    track,
)

# Sønderborg: 25 % pass the Danish exam they were referred to, rising to 50 % by the end of 2018
DANISH = [Step(date(2018, 12, 31), Decimal(50)), Step(date(2017, 12, 31), Decimal(25))]


def test_the_target_in_force_is_the_nearest_deadline_not_yet_passed():
    # REQ: MI-1
    assert target_on(DANISH, date(2017, 6, 1)) == Step(date(2017, 12, 31), Decimal(25))
    assert target_on(DANISH, date(2017, 12, 31)) == DANISH[1]  # the deadline day itself
    assert target_on(DANISH, date(2018, 1, 1)) == DANISH[0]
    assert target_on(DANISH, date(2026, 1, 1)) == DANISH[0]  # the last value holds after it
    assert target_on([], date(2026, 1, 1)) is None


def test_a_figure_is_on_track_when_it_meets_the_target_in_force_that_day():
    # REQ: MI-2
    assert track(Decimal(30), DANISH, Direction.UP, date(2017, 6, 1)) == Track.ON
    assert track(Decimal(30), DANISH, Direction.UP, date(2018, 6, 1)) == Track.OFF
    assert track(Decimal(50), DANISH, Direction.UP, date(2018, 6, 1)) == Track.ON  # at the target
    days = [Step(date(2026, 12, 31), Decimal(90))]  # days in temporary housing: less is better
    assert track(Decimal(120), days, Direction.DOWN, date(2026, 6, 1)) == Track.OFF
    assert track(Decimal(60), days, Direction.DOWN, date(2026, 6, 1)) == Track.ON
    assert track(None, DANISH, Direction.UP, date(2018, 6, 1)) == Track.NO_FIGURE
    assert track(Decimal(3), [], Direction.UP, date(2018, 6, 1)) == Track.NO_TARGET
    assert track(Decimal(3), DANISH, Direction.NEITHER, date(2018, 6, 1)) == Track.NO_TARGET


def test_the_change_since_last_year_says_better_or_worse_by_the_good_direction():
    # REQ: MI-3
    assert change(Decimal(40), Decimal(31), Direction.UP).trend == Trend.BETTER
    assert change(Decimal(40), Decimal(31), Direction.UP).delta == 9
    assert change(Decimal(40), Decimal(31), Direction.DOWN).trend == Trend.WORSE
    assert change(Decimal(40), Decimal(40), Direction.UP).trend == Trend.UNCHANGED
    assert change(Decimal(40), Decimal(31), Direction.NEITHER).trend == Trend.CHANGED
    assert change(Decimal(40), None, Direction.UP).trend == Trend.NEW
    assert change(None, Decimal(31), Direction.UP).trend == Trend.NONE


@given(
    st.lists(
        st.tuples(st.dates(), st.decimals(0, 100, places=1)),
        min_size=1,
        max_size=5,
        unique_by=lambda s: s[0],
    ),
    st.dates(),
)
def test_the_target_in_force_is_always_one_of_the_steps_and_never_one_already_passed_if_a_later_exists(
    raw, day
):
    # REQ: MI-1
    steps = [Step(by, value) for by, value in raw]
    step = target_on(steps, day)
    assert step in steps
    later = [s for s in steps if s.by >= day]
    assert step == (min(later) if later else max(steps))
