"""Deadline rules (REC-4): due dates across month ends, leap years, weekends and Danish holidays,
and the state of a deadline as days pass. Property tests with hypothesis."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.engines.calendar import is_working_day
from velkomst.engines.deadlines import (
    OPEN_RANK,
    Adjustment,
    Anchor,
    AnchorDates,
    Condition,
    DayKind,
    DeadlineState,
    Member,
    Rule,
    deadline_state,
    due_date,
    household_meets,
    last_working_day_of_week,
    member_meets,
    shift,
)

days = st.dates(min_value=date(2014, 1, 1), max_value=date(2035, 12, 31))
offsets = st.integers(min_value=-60, max_value=120)
months = st.integers(min_value=0, max_value=36)
kinds = st.sampled_from(list(DayKind))

# Days around which the rules are easy to get wrong
EASTER_2025 = date(2025, 4, 20)  # Maundy Thursday 17/4, Good Friday 18/4, Easter Monday 21/4
CHRISTMAS = date(2025, 12, 25)
CONSTITUTION_DAY = date(2025, 6, 5)
LEAP_DAY = date(2024, 2, 29)
tricky = st.sampled_from(
    [
        EASTER_2025,
        CHRISTMAS,
        CONSTITUTION_DAY,
        LEAP_DAY,
        date(2025, 1, 31),
        date(2024, 1, 31),
        date(2025, 12, 24),
        date(2025, 12, 31),
        date(2026, 5, 14),  # Ascension Day
        date(2026, 5, 25),  # Whit Monday
    ]
)
anchor_days = st.one_of(days, tricky)


# REQ: REC-4
@settings(max_examples=300, deadline=None)  # the first example loads the holidays
@given(anchor_days, offsets, months)
def test_a_working_day_deadline_never_falls_on_a_non_working_day(anchor, offset, m):
    due = shift(anchor, offset_days=offset, offset_months=m, day_kind=DayKind.WORKING)
    assert is_working_day(due)


# REQ: REC-4
@settings(max_examples=300)
@given(anchor_days, offsets)
def test_a_week_end_deadline_is_a_working_day_in_its_week_or_the_first_after(anchor, offset):
    due = shift(anchor, offset_days=offset, day_kind=DayKind.WEEK_END)
    target = anchor + timedelta(days=offset)
    assert is_working_day(due)
    same_week = due.isocalendar()[:2] == target.isocalendar()[:2]
    assert same_week or due > target


# REQ: REC-4
@settings(max_examples=300)
@given(anchor_days, offsets, st.integers(min_value=-400, max_value=400))
def test_moving_the_anchor_by_n_days_moves_an_as_counted_deadline_by_n_days(anchor, offset, n):
    rule = Rule(
        anchor=Anchor.ARRIVAL,
        offset_days=offset,
        day_kind=DayKind.CALENDAR,
        adjustment=Adjustment.AS_COUNTED,
    )
    before = due_date(rule, AnchorDates(arrival=anchor))
    after = due_date(rule, AnchorDates(arrival=anchor + timedelta(days=n)))
    assert before is not None and after is not None
    assert (after - before).days == n


# REQ: REC-4
@settings(max_examples=300)
@given(anchor_days, offsets, kinds, st.integers(min_value=0, max_value=200))
def test_a_later_anchor_never_gives_an_earlier_deadline(anchor, offset, kind, n):
    early = shift(anchor, offset_days=offset, day_kind=kind)
    late = shift(anchor + timedelta(days=n), offset_days=offset, day_kind=kind)
    assert late >= early


# REQ: REC-4
@settings(max_examples=300)
@given(anchor_days, months)
def test_month_offsets_clamp_to_the_month_end_and_never_skip_a_month(anchor, m):
    due = shift(anchor, offset_months=m)
    month_index = lambda d: d.year * 12 + d.month  # noqa: E731
    assert month_index(due) - month_index(anchor) == m
    assert due.day == anchor.day or due.day < anchor.day  # clamped only downwards


def test_one_month_after_31_january_is_the_end_of_february_also_in_leap_years():
    # REQ: REC-4
    assert shift(date(2025, 1, 31), offset_months=1) == date(2025, 2, 28)
    assert shift(date(2024, 1, 31), offset_months=1) == date(2024, 2, 29)
    assert shift(LEAP_DAY, offset_months=12) == date(2025, 2, 28)


def test_working_days_skip_easter_christmas_and_constitution_day():
    # REQ: REC-4
    # Wednesday 16 April 2025 + 1 working day: Thursday, Friday and Easter Monday are closed
    assert shift(date(2025, 4, 16), offset_days=1, day_kind=DayKind.WORKING) == date(2025, 4, 22)
    # Tuesday 23 December + 1: 24, 25, 26 December are closed, then the weekend
    assert shift(date(2025, 12, 23), offset_days=1, day_kind=DayKind.WORKING) == date(2025, 12, 29)
    # Constitution Day (Thursday 5 June 2025) is a municipal closing day
    assert shift(date(2025, 6, 4), offset_days=1, day_kind=DayKind.WORKING) == date(2025, 6, 6)
    # zero working days from a Saturday: the next working day
    assert shift(date(2025, 6, 7), day_kind=DayKind.WORKING) == date(2025, 6, 10)  # Whit Monday 9/6


def test_negative_working_days_count_backwards_over_holidays():
    # REQ: REC-4
    assert shift(date(2025, 4, 22), offset_days=-1, day_kind=DayKind.WORKING) == date(2025, 4, 16)


def test_the_week_end_of_easter_week_is_wednesday():
    # REQ: REC-4 (a start meeting "in the arrival week" for a family arriving in Easter week)
    assert last_working_day_of_week(date(2025, 4, 14)) == date(2025, 4, 16)
    assert last_working_day_of_week(date(2025, 6, 2)) == date(2025, 6, 6)


def test_the_welcome_meeting_falls_in_the_second_full_week_after_arrival():
    # REQ: REC-4 (KL Aarhus): arriving Wednesday 7 May 2025 -> Friday 23 May 2025
    rule = Rule(anchor=Anchor.ARRIVAL, offset_days=14, day_kind=DayKind.WEEK_END)
    assert due_date(rule, AnchorDates(arrival=date(2025, 5, 7))) == date(2025, 5, 23)
    # arriving on a Monday: the arrival week is not "after arrival"
    assert due_date(rule, AnchorDates(arrival=date(2025, 5, 5))) == date(2025, 5, 23)


def test_the_pre_arrival_meeting_is_three_weeks_before_the_expected_arrival():
    # REQ: REC-4 (KL Aarhus)
    rule = Rule(anchor=Anchor.EXPECTED_ARRIVAL, offset_days=-21)
    assert due_date(rule, AnchorDates(expected_arrival=date(2025, 5, 7))) == date(2025, 4, 16)


def test_anchors_resolve_arrival_before_expected_and_unknown_to_none():
    dates = AnchorDates(
        visitation=date(2025, 3, 3), expected_arrival=date(2025, 5, 5), takeover=date(2025, 5, 1)
    )
    assert dates.resolve(Anchor.ARRIVAL) == date(2025, 5, 5)
    assert AnchorDates(expected_arrival=date(2025, 5, 5), arrival=date(2025, 5, 9)).resolve(
        Anchor.ARRIVAL
    ) == date(2025, 5, 9)
    assert dates.resolve(Anchor.TASK_COMPLETION) is None
    assert dates.resolve(Anchor.FIXED) is None
    rule = Rule(anchor=Anchor.TASK_COMPLETION, offset_days=14)
    assert due_date(rule, dates) is None
    assert due_date(rule, dates, completion=date(2025, 5, 19)) == date(2025, 6, 2)


# --- state -----------------------------------------------------------------------------------

due_or_none = st.one_of(st.none(), days)


# REQ: REC-4
@settings(max_examples=300)
@given(due_or_none, days, st.integers(min_value=0, max_value=400), st.integers(0, 30))
def test_an_open_deadlines_state_only_moves_forward_as_days_pass(due, today, later, soon):
    first = deadline_state(due=due, today=today, due_soon_days=soon)
    second = deadline_state(due=due, today=today + timedelta(days=later), due_soon_days=soon)
    assert OPEN_RANK[second] >= OPEN_RANK[first]


# REQ: REC-4
@settings(max_examples=300)
@given(days, days, st.integers(1, 30))
def test_an_open_deadline_is_shown_as_due_before_it_is_missed(due, today, soon):
    state = deadline_state(due=due, today=today, due_soon_days=soon)
    if today > due:
        assert state == DeadlineState.OVERDUE
    elif (due - today).days <= soon:
        assert state == DeadlineState.DUE_SOON
    else:
        assert state == DeadlineState.UPCOMING
    # with a window of at least one day, the day before a deadline is "due soon"
    assert (
        deadline_state(due=due, today=due - timedelta(days=1), due_soon_days=soon)
        == DeadlineState.DUE_SOON
    )


# REQ: REC-4
@settings(max_examples=200)
@given(due_or_none, days, days, st.booleans())
def test_done_and_not_relevant_states_do_not_depend_on_today(due, done, today, not_relevant):
    state = deadline_state(due=due, today=today, done_on=done, not_relevant=not_relevant)
    other = deadline_state(
        due=due, today=today + timedelta(days=365), done_on=done, not_relevant=not_relevant
    )
    assert state == other
    if not_relevant:
        assert state == DeadlineState.NOT_RELEVANT
    elif due is None or done <= due:
        assert state == DeadlineState.MET_ON_TIME
    else:
        assert state == DeadlineState.MET_LATE


def test_conditions_count_age_on_the_day_of_arrival():
    # REQ: REC-2
    arrival = date(2025, 5, 5)
    turns_18_after = Member(birth_date=date(2007, 5, 6))
    turns_18_on = Member(birth_date=date(2007, 5, 5))
    sixty_five = Member(birth_date=date(1958, 5, 5))  # 67 on arrival: the pension age of 1958
    quota = Member(birth_date=date(1990, 1, 1), residence_basis="quota_refugee")
    assert member_meets(Condition.HAS_CHILDREN, turns_18_after, arrival)
    assert member_meets(Condition.ADULT, turns_18_on, arrival)
    assert member_meets(Condition.WORKING_AGE, turns_18_on, arrival)
    assert not member_meets(Condition.WORKING_AGE, sixty_five, arrival)
    assert member_meets(Condition.ADULT, sixty_five, arrival)
    assert member_meets(Condition.QUOTA_REFUGEE, quota, arrival)
    assert not member_meets(Condition.QUOTA_REFUGEE, sixty_five, arrival)
    assert household_meets(Condition.HAS_CHILDREN, [sixty_five, turns_18_after], arrival)
    assert not household_meets(Condition.HAS_CHILDREN, [sixty_five, quota], arrival)
    assert household_meets(Condition.ALL, [], arrival)
