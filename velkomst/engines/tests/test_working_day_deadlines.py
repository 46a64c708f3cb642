"""Calendar-day deadlines moved off weekends, public holidays and municipal closing days (REC-4):
next working day (the preset, the rule of Danish procedural law), previous working day or as
counted, with the reason the deadline moved."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.engines.calendar import NotWorking, holiday_name, is_working_day
from velkomst.engines.deadlines import (
    MAX_MOVE_DAYS,
    Adjustment,
    Anchor,
    AnchorDates,
    DayKind,
    Due,
    Rule,
    adjust,
    due,
)

TAKEOVER = date(2026, 7, 1)

# counted day, why it is not a working day, next working day, previous working day
CASES = {
    "saturday": (date(2026, 8, 1), NotWorking.SATURDAY, date(2026, 8, 3), date(2026, 7, 31)),
    "sunday": (date(2026, 8, 2), NotWorking.SUNDAY, date(2026, 8, 3), date(2026, 7, 31)),
    "easter": (date(2026, 4, 2), NotWorking.HOLIDAY, date(2026, 4, 7), date(2026, 4, 1)),
    "christmas": (date(2026, 12, 25), NotWorking.HOLIDAY, date(2026, 12, 28), date(2026, 12, 23)),
    "closing_day": (
        date(2026, 12, 24),
        NotWorking.CLOSING_DAY,
        date(2026, 12, 28),
        date(2026, 12, 23),
    ),
    "constitution_day": (
        date(2026, 6, 5),
        NotWorking.CLOSING_DAY,
        date(2026, 6, 8),
        date(2026, 6, 4),
    ),
}


@pytest.mark.parametrize("adjustment", list(Adjustment))
@pytest.mark.parametrize("case", list(CASES))
def test_a_calendar_day_deadline_on_a_closed_day_moves_as_its_rule_says(case, adjustment):
    # REQ: REC-4
    counted, reason, following, preceding = CASES[case]
    rule = Rule(
        anchor=Anchor.TAKEOVER,
        offset_days=(counted - TAKEOVER).days,
        day_kind=DayKind.CALENDAR,
        adjustment=adjustment,
    )
    result = due(rule, AnchorDates(takeover=TAKEOVER))
    expected = {
        Adjustment.NEXT: following,
        Adjustment.PREVIOUS: preceding,
        Adjustment.AS_COUNTED: counted,
    }[adjustment]
    assert result is not None
    assert result.date == expected
    assert result.counted == counted
    if adjustment == Adjustment.AS_COUNTED:
        assert result.moved_because is None and not result.moved
    else:
        assert result.moved_because == reason and result.moved


def test_the_danish_referral_one_month_after_takeover_on_a_saturday_moves_to_monday():
    # REQ: REC-4, REC-2 (takeover 1 July 2026 + one month = Saturday 1 August 2026)
    rule = Rule(anchor=Anchor.TAKEOVER, offset_months=1)
    assert due(rule, AnchorDates(takeover=TAKEOVER)) == Due(
        date=date(2026, 8, 3), counted=date(2026, 8, 1), moved_because=NotWorking.SATURDAY
    )


def test_a_working_day_deadline_is_not_moved_again():
    # REQ: REC-4
    assert adjust(date(2026, 8, 3)) == Due(date=date(2026, 8, 3), counted=date(2026, 8, 3))
    for kind in (DayKind.WORKING, DayKind.WEEK_END):
        result = due(
            Rule(anchor=Anchor.ARRIVAL, offset_days=3, day_kind=kind),
            AnchorDates(arrival=date(2026, 3, 30)),
        )
        assert result is not None and not result.moved


def test_holidays_are_named_in_the_readers_language():
    # REQ: REC-4
    assert holiday_name(date(2026, 4, 2), "da") == "Skærtorsdag"
    assert holiday_name(date(2026, 4, 2), "en") == "Maundy Thursday"
    assert holiday_name(date(2026, 12, 24), "en-gb") == "Christmas Eve"
    assert holiday_name(date(2026, 8, 1), "da") == ""


days = st.dates(min_value=date(2014, 1, 1), max_value=date(2040, 12, 31))


# REQ: REC-4
@settings(max_examples=500, deadline=None)
@given(days, st.integers(min_value=-60, max_value=200), st.integers(min_value=0, max_value=36))
def test_a_next_working_day_deadline_is_a_working_day_never_earlier_and_at_most_n_days_later(
    anchor, offset, months
):
    rule = Rule(anchor=Anchor.ARRIVAL, offset_days=offset, offset_months=months)
    result = due(rule, AnchorDates(arrival=anchor))
    assert result is not None
    assert is_working_day(result.date)
    assert result.counted <= result.date <= result.counted + timedelta(days=MAX_MOVE_DAYS)
    assert (result.moved_because is None) == (not result.moved) == is_working_day(result.counted)


# REQ: REC-4
@settings(max_examples=300, deadline=None)
@given(days)
def test_a_previous_working_day_deadline_is_a_working_day_never_later(counted):
    result = adjust(counted, Adjustment.PREVIOUS)
    assert is_working_day(result.date)
    assert result.counted - timedelta(days=MAX_MOVE_DAYS) <= result.date <= result.counted
