"""The rules of Danish education as plain functions: deadlines, terms and levels (PRG-2)."""

from __future__ import annotations

from datetime import date, timedelta

from velkomst.danish import rules
from velkomst.engines.deadlines import DeadlineState
from velkomst.people.levels import cefr_rank

from .conftest import REFERRAL_DUE, TAKEOVER


def test_the_referral_is_due_a_month_after_takeover_moved_off_a_weekend():
    # REQ: PRG-2
    assert rules.referral_due(TAKEOVER) == REFERRAL_DUE  # 1 Aug 2026 is a Saturday
    assert rules.referral_due(date(2026, 9, 1)) == date(2026, 10, 1)  # a Thursday: as counted
    assert rules.referral_due(date(2026, 1, 31)) == date(2026, 3, 2)  # 28 Feb is a Saturday


def test_the_start_is_due_a_month_after_the_referral():
    # REQ: PRG-2
    assert rules.start_due(date(2026, 7, 20)) == date(2026, 8, 20)
    # 24 December (closed), Christmas and a weekend: moved to Monday 28 December
    assert rules.start_due(date(2026, 11, 24)) == date(2026, 12, 28)
    assert rules.start_due(None) is None


def test_deadline_states_follow_the_reception_deadlines():
    # REQ: PRG-2
    def state(today, referred_on=None):
        return rules.referral_deadline(
            takeover=TAKEOVER, referred_on=referred_on, today=today
        ).state

    assert state(date(2026, 7, 2)) == DeadlineState.UPCOMING
    assert state(date(2026, 7, 28)) == DeadlineState.DUE_SOON
    assert state(REFERRAL_DUE) == DeadlineState.DUE_SOON
    assert state(REFERRAL_DUE + timedelta(days=1)) == DeadlineState.OVERDUE
    assert state(date(2026, 9, 1), referred_on=REFERRAL_DUE) == DeadlineState.MET_ON_TIME
    assert state(date(2026, 9, 1), referred_on=date(2026, 8, 4)) == DeadlineState.MET_LATE
    child = rules.referral_deadline(
        takeover=TAKEOVER, referred_on=None, today=date(2027, 1, 1), adult=False
    )
    assert child.state == DeadlineState.NOT_RELEVANT
    not_referred = rules.start_deadline(referred_on=None, started_on=None, today=date(2026, 9, 1))
    assert not_referred.state == DeadlineState.NOT_RELEVANT


def test_the_database_cutoff_agrees_with_the_deadline_state_every_day():
    # REQ: PRG-2
    for offset in range(0, 400, 3):
        today = date(2026, 1, 1) + timedelta(days=offset)
        before = rules.overdue_before(today)
        for back in range(20, 50):
            anchor = today - timedelta(days=back)
            overdue = (
                rules.referral_deadline(takeover=anchor, referred_on=None, today=today).state
                == DeadlineState.OVERDUE
            )
            assert overdue == (anchor < before), (today, anchor)


def test_exam_levels_and_module_levels():
    # REQ: PRG-2
    assert rules.EXAM_LEVEL["PD1"] == "A2"
    assert rules.EXAM_LEVEL["PD2"] == "B1"
    assert rules.EXAM_LEVEL["PD3"] == "B2"
    assert rules.EXAM_LEVEL["STP"] == "C1"
    assert rules.module_level("DU1", 6) == "A1"
    assert rules.module_level("DU2", 3) == "A1"
    assert rules.module_level("DU2", 4) == "A2"
    assert rules.module_level("DU3", 5) == "B1"
    for exam, (track, module) in rules.EXAM_AFTER.items():
        # a passed module test attests less than the exam it leads to
        assert cefr_rank(rules.module_level(track, module)) < cefr_rank(rules.EXAM_LEVEL[exam])
    assert rules.highest([]) == "none"
    assert rules.highest(["A1", "B1", "A2"]) == "B1"


def test_the_term_follows_the_exam_date():
    # REQ: PRG-2
    assert rules.term_of(date(2026, 5, 28)) == "2026-summer"
    assert rules.term_of(date(2026, 6, 2)) == "2026-summer"
    assert rules.term_of(date(2026, 12, 1)) == "2026-winter"
    assert rules.term_of(date(2026, 11, 30)) == "2026-winter"
    assert rules.term_of(date(2026, 8, 15)) is None
