"""The programme rules engine at its edges (PRG-1, PRG-5, PRG-8)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from velkomst.core.config import PROGRAMME_RULE_PRESETS
from velkomst.engines import programme as e
from velkomst.engines.deadlines import DeadlineState

CURRENT = e.Rules.from_config(PROGRAMME_RULE_PRESETS["current"])
RULES_2016 = e.Rules.from_config(PROGRAMME_RULE_PRESETS["2016"])
TAKEOVER = date(2026, 7, 1)  # a Wednesday


def span(start, end, hours, category="enterprise", kind="internship"):
    return e.Span(category, kind, start, end, Decimal(hours))


def assess(spans, today, rules=CURRENT, meetings=(), arrival=None):
    return e.assess(
        spans=spans, takeover=TAKEOVER, arrival=arrival, rules=rules, meetings=meetings, today=today
    )


def test_presets_carry_their_year_and_the_2016_agreement_is_stricter():
    # REQ: PRG-1
    assert RULES_2016.year == 2016 and CURRENT.year == 2019
    assert RULES_2016.first_enterprise_weeks == 2  # tripartite agreement 2016 (domain-facts)
    assert CURRENT.first_enterprise_weeks == 4  # KL: no later than one month
    assert CURRENT.max_gap_weeks == 6 and CURRENT.expected_hours == 37
    assert (CURRENT.meetings_min, CURRENT.meetings_months) == (4, 6)


def test_week_hours_count_the_share_of_working_days():
    # REQ: PRG-1
    monday = date(2026, 7, 6)
    full = span(monday, None, 30)
    assert e.week_hours([full], monday) == Decimal("30.0")
    # from Wednesday: three of five working days
    assert e.week_hours([span(monday + timedelta(days=2), None, 30)], monday) == Decimal("18.0")
    # weekend days do not count: an activity ending on Saturday is the full week
    assert e.week_hours([span(monday, monday + timedelta(days=5), 20)], monday) == Decimal("20.0")
    assert e.week_hours([span(monday + timedelta(days=7), None, 20)], monday) == 0


def test_an_activity_over_37_hours_is_refused():
    # REQ: PRG-1
    assert e.hour_errors(span(TAKEOVER, None, "37"), []) == []
    [reason] = e.hour_errors(span(TAKEOVER, None, "37.5"), [])
    assert reason.code == "hours_over_max"
    assert e.hour_errors(span(TAKEOVER, None, "0"), [])[0].code == "hours_not_positive"


def test_overlapping_activities_over_37_hours_together_are_refused_adjacent_ones_not():
    # REQ: PRG-1
    first = span(date(2026, 7, 6), date(2026, 7, 31), 25)
    [reason] = e.hour_errors(
        span(date(2026, 7, 31), None, 15, "danish", "danish_education"), [first]
    )
    assert reason.code == "week_total_over_max"
    assert reason.params["total"] == 40 and reason.params["day"] == date(2026, 7, 31)
    # starting the day after the first ends: never at the same time
    assert e.hour_errors(span(date(2026, 8, 1), None, 37), [first]) == []
    # exactly 37 together is allowed
    assert (
        e.hour_errors(span(date(2026, 7, 10), None, 12, "danish", "danish_education"), [first])
        == []
    )


def test_first_enterprise_activity_on_the_deadline_is_on_time_a_day_later_is_late():
    # REQ: PRG-1
    due = TAKEOVER + timedelta(weeks=4)
    on_time = assess([span(due, None, 30)], today=due + timedelta(days=30))
    assert on_time.first_enterprise.due == due
    assert on_time.first_enterprise.state == DeadlineState.MET_ON_TIME
    late = assess([span(due + timedelta(days=1), None, 30)], today=due + timedelta(days=30))
    assert late.first_enterprise.state == DeadlineState.MET_LATE
    assert [r.code for r in late.reasons if r.code.startswith("first")] == ["first_enterprise_late"]
    none = assess(
        [span(TAKEOVER, None, 15, "danish", "danish_education")], today=due + timedelta(days=1)
    )
    assert none.first_enterprise.state == DeadlineState.OVERDUE
    assert "first_enterprise_overdue" in [r.code for r in none.reasons]
    # the 2016 preset: within two weeks
    strict = assess([span(due, None, 30)], today=due, rules=RULES_2016)
    assert strict.first_enterprise.state == DeadlineState.MET_LATE


def test_gaps_between_enterprise_activities_at_the_limit_pass_a_day_more_is_flagged():
    # REQ: PRG-1
    first = span(TAKEOVER, date(2026, 7, 31), 30)
    after_six_weeks = span(date(2026, 8, 1) + timedelta(weeks=6), None, 30)
    ok = assess([first, after_six_weeks], today=date(2026, 11, 1))
    assert ok.largest_gap is not None and ok.largest_gap.days == 42
    assert "gap_too_long" not in [r.code for r in ok.reasons]
    one_more = span(date(2026, 8, 2) + timedelta(weeks=6), None, 30)
    flagged = assess([first, one_more], today=date(2026, 11, 1))
    assert flagged.largest_gap.days == 43
    assert "gap_too_long" in [r.code for r in flagged.reasons]
    # an ongoing gap to today counts too
    open_gap = assess([first], today=date(2026, 10, 1))
    assert open_gap.gaps[-1].open and "gap_too_long" in [r.code for r in open_gap.reasons]


def test_weeks_short_of_the_expected_hours_are_marked():
    # REQ: PRG-1
    result = assess([span(TAKEOVER, None, 30)], today=date(2026, 8, 3))
    assert all(w.expected == 37 for w in result.weeks)
    assert result.weeks[0].monday == date(2026, 6, 29)  # the takeover week is the first
    assert any(w.short for w in result.weeks)
    assert [r.code for r in result.reasons].count("weeks_short") == 1


def test_follow_up_meetings_count_only_in_the_first_months():
    # REQ: PRG-1
    due = date(2027, 1, 1)
    three = [date(2026, 7, 15), date(2026, 8, 15), date(2026, 10, 1)]
    missing = assess([], today=due + timedelta(days=1), meetings=[*three, date(2027, 1, 5)])
    assert missing.meetings.due == due and missing.meetings_held == 3
    assert missing.meetings.state == DeadlineState.OVERDUE
    assert "meetings_missing" in [r.code for r in missing.reasons]
    four = assess([], today=due + timedelta(days=1), meetings=[*three, due])
    assert four.meetings.state == DeadlineState.MET_ON_TIME and four.meetings.met_on == due


def test_contract_due_one_month_after_takeover_moved_to_a_working_day():
    # REQ: PRG-1
    assert e.contract_due(date(2026, 6, 1)) == date(2026, 7, 1)
    # 1 August 2026 is a Saturday: the next working day
    assert e.contract_due(TAKEOVER) == date(2026, 8, 3)


def test_kerteminde_internship_within_three_months_of_arrival():
    # REQ: PRG-1
    rules = e.Rules.from_config(
        {**PROGRAMME_RULE_PRESETS["current"], "internship_months_from_arrival": 3}
    )
    arrival = date(2026, 6, 20)
    wage = span(date(2026, 7, 10), None, 30, kind="wage_subsidy")
    late = assess([wage], today=date(2026, 9, 21), rules=rules, arrival=arrival)
    assert late.internship_from_arrival.due == date(2026, 9, 20)
    assert late.internship_from_arrival.state == DeadlineState.OVERDUE
    on_time = assess(
        [span(date(2026, 9, 20), None, 30, kind="language_internship")],
        today=date(2026, 9, 21),
        rules=rules,
        arrival=arrival,
    )
    assert on_time.internship_from_arrival.state == DeadlineState.MET_ON_TIME
    assert assess([wage], today=date(2026, 9, 21)).internship_from_arrival is None


def test_young_flag_under_30_only():
    # REQ: PRG-5
    birth = date(1997, 1, 10)
    flag = e.young_flag(
        birth_date=birth, today=date(2027, 1, 9), direction="job", has_education_goal=True
    )
    assert flag is not None and flag.code == "young_not_education" and flag.params["age"] == 29
    assert (
        e.young_flag(
            birth_date=birth, today=date(2027, 1, 10), direction="job", has_education_goal=False
        )
        is None
    )
    no_goal = e.young_flag(
        birth_date=birth, today=date(2026, 1, 1), direction="education", has_education_goal=False
    )
    assert no_goal is not None and no_goal.code == "young_no_education_goal"
    assert (
        e.young_flag(
            birth_date=birth, today=date(2026, 1, 1), direction="education", has_education_goal=True
        )
        is None
    )
