"""Rules over a person's life: the state pension age by birth date, and age conditions judged on
the day a task concerns (REC-2, REC-6)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from velkomst.engines.calendar import next_working_day
from velkomst.engines.deadlines import (
    AnchorDates,
    Condition,
    DayKind,
    Member,
    Rule,
    age_on,
    member_meets,
)
from velkomst.engines.life import birthday, person_task
from velkomst.engines.pension import PENSION_AGE_RULES, pension_date

ARRIVAL = date(2026, 3, 2)
DATES = AnchorDates(visitation=date(2026, 1, 15), arrival=ARRIVAL, takeover=date(2026, 3, 2))
PROGRAMME_END = date(2029, 3, 1)
INTERNSHIP = Rule(anchor="arrival", offset_months=3)  # the preset internship offer
REFERRAL = Rule(anchor="takeover_date", offset_months=1)  # the preset Danish referral


def test_the_pension_age_follows_the_birth_date_as_the_law_sets_it():
    # REQ: REC-2 (lov om social pension § 1a: 65, rising by half-years to 67, then 68 and 69)
    assert pension_date(date(1939, 6, 30)) == date(2006, 6, 30)  # 67 before the 1999 reform
    assert pension_date(date(1939, 7, 1)) == date(2004, 7, 1)  # 65
    assert pension_date(date(1953, 12, 31)) == date(2018, 12, 31)  # 65
    assert pension_date(date(1954, 1, 1)) == date(2019, 7, 1)  # 65½
    assert pension_date(date(1954, 7, 1)) == date(2020, 7, 1)  # 66
    assert pension_date(date(1955, 1, 1)) == date(2021, 7, 1)  # 66½
    assert pension_date(date(1955, 7, 1)) == date(2022, 7, 1)  # 67
    assert pension_date(date(1962, 12, 31)) == date(2029, 12, 31)  # 67
    assert pension_date(date(1963, 1, 1)) == date(2031, 1, 1)  # 68
    assert pension_date(date(1966, 12, 31)) == date(2034, 12, 31)  # 68
    assert pension_date(date(1967, 1, 1)) == date(2036, 1, 1)  # 69
    assert pension_date(date(1970, 12, 31)) == date(2039, 12, 31)  # 69
    # each step of the law is a row with the year it was adopted, in birth-date order
    assert [rule.born_from for rule in PENSION_AGE_RULES] == sorted(
        rule.born_from for rule in PENSION_AGE_RULES
    )
    assert all(1956 <= rule.adopted <= 2025 for rule in PENSION_AGE_RULES)


def test_working_age_ends_on_the_day_the_pension_age_is_reached():
    # REQ: REC-2
    born = date(1959, 6, 10)  # 67 on 10 June 2026
    assert member_meets(Condition.WORKING_AGE, Member(born), date(2026, 6, 9))
    assert not member_meets(Condition.WORKING_AGE, Member(born), date(2026, 6, 10))
    # 65 is still working age for anyone born after 1955
    assert member_meets(Condition.WORKING_AGE, Member(date(1961, 1, 1)), date(2026, 1, 1))


def test_a_member_turning_18_five_weeks_after_arrival_gets_the_adult_tasks_from_the_birthday():
    # REQ: REC-2, REC-6
    seventeen = Member(ARRIVAL + timedelta(weeks=5) - timedelta(days=365 * 18 + 4))
    turns_18 = birthday(seventeen.birth_date, 18)
    assert ARRIVAL < turns_18 <= ARRIVAL + timedelta(weeks=5)
    got = person_task(
        Condition.WORKING_AGE,
        INTERNSHIP,
        seventeen,
        DATES,
        arrival_day=ARRIVAL,
        programme_end=PROGRAMME_END,
    )
    assert got is not None and got.from_birthday == turns_18
    # three months from the birthday (later than three months from the arrival)
    assert got.due is not None
    assert got.due.counted == date(turns_18.year, turns_18.month + 3, turns_18.day)
    assert got.due.date == next_working_day(got.due.counted)  # off a closed day (REC-4)
    # the municipality's own rule: 30 days after the birthday, not earlier than an adult's
    got = person_task(
        Condition.ADULT,
        Rule(anchor="arrival", offset_days=5, day_kind=DayKind.CALENDAR),
        seventeen,
        DATES,
        arrival_day=ARRIVAL,
        programme_end=PROGRAMME_END,
        coming_of_age_days=30,
    )
    assert got is not None and got.due is not None
    assert got.due.counted == turns_18 + timedelta(days=30)


def test_a_member_turning_18_after_the_programme_gets_no_adult_task():
    # REQ: REC-6
    child = Member(date(2015, 1, 1))
    assert (
        person_task(
            Condition.ADULT,
            REFERRAL,
            child,
            DATES,
            arrival_day=ARRIVAL,
            programme_end=PROGRAMME_END,
        )
        is None
    )


def test_an_adult_reaching_the_pension_age_before_the_deadline_gets_no_working_age_task():
    # REQ: REC-2
    # 67 (the pension age of 1959) a month after arrival: the internship is due after that
    nearly = Member(date(1959, 4, 2))
    assert member_meets(Condition.WORKING_AGE, nearly, ARRIVAL)
    assert (
        person_task(
            Condition.WORKING_AGE,
            INTERNSHIP,
            nearly,
            DATES,
            arrival_day=ARRIVAL,
            programme_end=PROGRAMME_END,
        )
        is None
    )
    # still an adult: the adult tasks stay
    adult = person_task(
        Condition.ADULT, REFERRAL, nearly, DATES, arrival_day=ARRIVAL, programme_end=PROGRAMME_END
    )
    assert adult is not None and adult.due is not None
    # counted to Maundy Thursday, due the Tuesday after Easter (REC-4)
    assert (adult.due.counted, adult.due.date) == (date(2026, 4, 2), date(2026, 4, 7))


@given(
    birth=st.dates(min_value=date(1940, 1, 1), max_value=date(2026, 3, 1)),
    condition=st.sampled_from([Condition.ADULT, Condition.WORKING_AGE]),
    months=st.integers(min_value=0, max_value=12),
    days=st.integers(min_value=0, max_value=60),
    coming_of_age_days=st.one_of(st.none(), st.integers(min_value=0, max_value=90)),
)
def test_an_age_task_is_never_due_before_the_18th_birthday_nor_at_pension_age(
    birth, condition, months, days, coming_of_age_days
):
    # REQ: REC-2, REC-6
    rule = Rule(anchor="arrival", offset_months=months, offset_days=days)
    got = person_task(
        condition,
        rule,
        Member(birth),
        DATES,
        arrival_day=ARRIVAL,
        programme_end=PROGRAMME_END,
        coming_of_age_days=coming_of_age_days,
    )
    turns_18 = birthday(birth, 18)
    if turns_18 > PROGRAMME_END:
        assert got is None
        return
    if got is None:
        # only a working-age task is left out, and only for someone at pension age by its day
        assert condition == Condition.WORKING_AGE
        return
    assert got.due is not None and age_on(birth, got.due.date) >= 18
    assert (got.from_birthday is not None) == (turns_18 > ARRIVAL)
    if condition == Condition.WORKING_AGE:
        assert got.due.date < pension_date(birth)


@given(birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_the_18th_birthday_is_the_first_day_counted_as_18(birth):
    turns_18 = birthday(birth, 18)
    assert age_on(birth, turns_18) == 18
    assert age_on(birth, turns_18 - timedelta(days=1)) == 17
