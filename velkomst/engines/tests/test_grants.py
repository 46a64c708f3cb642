"""Result grants (PRG-7): the rules at the edges the issue lists, and invariants by hypothesis."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.engines.grants import (
    PRESET_TABLES,
    EducationEvidence,
    EducationSpell,
    EmploymentSpell,
    ExamPassed,
    JobEvidence,
    Kind,
    PersonFacts,
    RateTable,
    Tier,
    grants,
    stretches,
    table_for,
    tables_from_config,
)

TAKEOVER = date(2024, 1, 1)
AS_OF = date(2031, 1, 1)


def job(start, end, hours="37", *, id=1, subsidised=False):
    return EmploymentSpell(
        id=id, start=start, end=end, hours_per_week=Decimal(hours), subsidised=subsidised
    )


def facts(employments=(), educations=(), exams=(), takeover=TAKEOVER):
    return PersonFacts(
        person_id=7,
        takeover=takeover,
        employments=tuple(employments),
        educations=tuple(educations),
        exams=tuple(exams),
    )


def of_kind(found, kind):
    return [g for g in found if g.kind == kind]


def test_a_job_of_five_months_and_29_days_earns_nothing():
    # REQ: PRG-7
    found = grants(facts([job(date(2024, 3, 1), date(2024, 8, 30))]), as_of=AS_OF)
    assert of_kind(found, Kind.JOB) == []


def test_a_job_of_exactly_six_months_earns_the_job_grant_on_its_last_day():
    # REQ: PRG-7
    found = grants(facts([job(date(2024, 3, 1), date(2024, 8, 31))]), as_of=AS_OF)
    [grant] = of_kind(found, Kind.JOB)
    assert grant.earned_on == date(2024, 8, 31)
    assert grant.achieved_on == date(2024, 3, 1)
    assert grant.amount == 88_817 and grant.tier == Tier.FULL and grant.table_year == 2024
    assert grant.evidence.employment_ids == (1,)
    assert grant.evidence.average_hours == Decimal("37.0")


def test_an_average_of_19_9_hours_earns_nothing_and_20_0_earns_the_grant():
    # REQ: PRG-7
    six_months = (date(2024, 3, 1), date(2024, 8, 31))
    assert of_kind(grants(facts([job(*six_months, "19.9")]), as_of=AS_OF), Kind.JOB) == []
    [grant] = of_kind(grants(facts([job(*six_months, "20.0")]), as_of=AS_OF), Kind.JOB)
    assert grant.evidence.average_hours == Decimal("20.0")


def test_the_average_is_over_the_six_months_across_two_jobs():
    # REQ: PRG-7
    # three months at 15 h then three at 25 h (same number of days: 92 each) average 20 h
    first = job(date(2024, 3, 1), date(2024, 5, 31), "15", id=1)
    second = job(date(2024, 6, 1), date(2024, 8, 31), "25", id=2)
    [grant] = of_kind(grants(facts([first, second]), as_of=AS_OF), Kind.JOB)
    assert grant.evidence.employment_ids == (1, 2)
    assert grant.earned_on == date(2024, 8, 31)


def test_employment_interrupted_for_a_week_counts_afresh():
    # REQ: PRG-7
    # four months, a week without work, four more months: neither stretch is six months ...
    first = job(date(2024, 3, 1), date(2024, 6, 30), id=1)
    second = job(date(2024, 7, 8), date(2024, 11, 7), id=2)
    assert of_kind(grants(facts([first, second]), as_of=AS_OF), Kind.JOB) == []
    # ... while the second job, kept on, earns it six months after its own start
    kept = job(date(2024, 7, 8), date(2025, 1, 7), id=2)
    [grant] = of_kind(grants(facts([first, kept]), as_of=AS_OF), Kind.JOB)
    assert grant.achieved_on == date(2024, 7, 8) and grant.earned_on == date(2025, 1, 7)
    assert grant.evidence.employment_ids == (2,)


def test_a_weekend_between_two_jobs_keeps_the_months_continuous():
    # REQ: PRG-7
    first = job(date(2024, 3, 1), date(2024, 5, 31), id=1)  # a Friday
    second = job(date(2024, 6, 3), date(2024, 9, 30), id=2)  # the Monday after
    assert len(stretches([first, second], AS_OF)) == 1
    [grant] = of_kind(grants(facts([first, second]), as_of=AS_OF), Kind.JOB)
    assert grant.earned_on == date(2024, 8, 31)


def test_subsidised_employment_is_not_ordinary_work():
    # REQ: PRG-7
    found = grants(facts([job(date(2024, 3, 1), date(2025, 3, 1), subsidised=True)]), as_of=AS_OF)
    assert of_kind(found, Kind.JOB) == []


def test_an_ongoing_job_earns_the_grant_only_when_six_months_have_passed():
    # REQ: PRG-7
    ongoing = [job(date(2024, 3, 1), None)]
    assert of_kind(grants(facts(ongoing), as_of=date(2024, 8, 30)), Kind.JOB) == []
    assert of_kind(grants(facts(ongoing), as_of=date(2024, 8, 31)), Kind.JOB)


def test_an_exam_passed_one_day_after_the_period_earns_nothing():
    # REQ: PRG-7
    # 2024 rules: a five-year period from the takeover, 1 Jan 2024 - 31 Dec 2028
    last_day = ExamPassed("PD2", date(2028, 12, 31))
    day_after = ExamPassed("PD2", date(2029, 1, 1))
    assert of_kind(grants(facts(exams=[day_after]), as_of=AS_OF), Kind.DANISH) == []
    [grant] = of_kind(grants(facts(exams=[last_day]), as_of=AS_OF), Kind.DANISH)
    assert grant.amount == 37_895 and grant.earned_on == date(2028, 12, 31)
    assert grant.evidence.exam == "PD2"


def test_under_the_2015_table_the_period_is_three_years():
    # REQ: PRG-7
    takeover = date(2015, 3, 1)
    inside = ExamPassed("PD1", date(2018, 2, 28))
    outside = ExamPassed("PD1", date(2018, 3, 1))
    [grant] = grants(facts(exams=[inside], takeover=takeover), as_of=AS_OF)
    assert grant.amount == 36_331 and grant.table_year == 2015
    assert grants(facts(exams=[outside], takeover=takeover), as_of=AS_OF) == []


def test_a_job_in_years_four_and_five_gets_the_reduced_rate():
    # REQ: PRG-7
    found = grants(facts([job(date(2027, 3, 1), date(2027, 8, 31))]), as_of=AS_OF)
    [grant] = of_kind(found, Kind.JOB)
    assert grant.tier == Tier.REDUCED and grant.amount == 59_210


def test_a_qualifying_education_is_earned_after_six_continuous_months_from_its_start():
    # REQ: PRG-7
    started = date(2024, 8, 12)
    kept = EducationSpell(id=3, started_on=started, qualifying=True, programme="HF")
    dropped = EducationSpell(
        id=4, started_on=started, qualifying=True, dropped_on=date(2025, 1, 10)
    )
    not_qualifying = EducationSpell(id=5, started_on=started, qualifying=False)
    [grant] = grants(facts(educations=[kept]), as_of=AS_OF)
    assert grant.kind == Kind.EDUCATION and grant.earned_on == date(2025, 2, 11)
    assert grant.achieved_on == started and grant.amount == 88_817
    assert isinstance(grant.evidence, EducationEvidence) and grant.evidence.education_id == 3
    assert grants(facts(educations=[dropped]), as_of=AS_OF) == []
    assert grants(facts(educations=[not_qualifying]), as_of=AS_OF) == []


def test_each_kind_is_granted_once_per_person():
    # REQ: PRG-7
    exams = [ExamPassed("PD1", date(2024, 6, 1)), ExamPassed("PD2", date(2025, 6, 1))]
    jobs = [job(date(2024, 3, 1), date(2024, 9, 30), id=1), job(date(2025, 3, 1), None, id=2)]
    found = grants(facts(jobs, exams=exams), as_of=AS_OF)
    assert [(g.kind, g.earned_on) for g in found] == [
        (Kind.DANISH, date(2024, 6, 1)),
        (Kind.JOB, date(2024, 8, 31)),
    ]


def test_the_rate_table_in_force_is_the_latest_not_after_the_year():
    # REQ: PRG-7
    assert table_for(PRESET_TABLES, 2014).year == 2015
    assert table_for(PRESET_TABLES, 2023).year == 2015
    assert table_for(PRESET_TABLES, 2030).year == 2024
    tables = tables_from_config(
        {"2026": {"job": 90_000, "education": 90_000, "danish": 38_000, "period_years": 5}}
    )
    assert table_for(tables, 2026).job == 90_000 and table_for(tables, 2025).year == 2024


# --- invariants -------------------------------------------------------------------------------

BASE = date(2015, 1, 1)


@st.composite
def people(draw):
    takeover = BASE + timedelta(days=draw(st.integers(0, 4000)))
    spells = []
    day = takeover + timedelta(days=draw(st.integers(-60, 400)))
    for i in range(draw(st.integers(0, 4))):
        length = draw(st.integers(1, 400))
        end = None if draw(st.booleans()) and i else day + timedelta(days=length)
        hours = Decimal(draw(st.integers(50, 370))) / 10
        spells.append(
            EmploymentSpell(
                id=i + 1,
                start=day,
                end=end,
                hours_per_week=hours,
                subsidised=draw(st.booleans()),
            )
        )
        if end is None:
            break
        day = end + timedelta(days=draw(st.integers(1, 20)))
    exams = [
        ExamPassed("PD2", takeover + timedelta(days=draw(st.integers(-30, 2200))))
        for _ in range(draw(st.integers(0, 2)))
    ]
    educations = [
        EducationSpell(
            id=10 + i,
            started_on=takeover + timedelta(days=draw(st.integers(-30, 2000))),
            qualifying=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return facts(spells, educations, exams, takeover)


def _rate(table: RateTable, kind: Kind, tier: Tier) -> int | None:
    return table.amount(kind, tier)


@settings(max_examples=200)
@given(people(), st.integers(0, 5000))
def test_grant_invariants(person, days):
    # REQ: PRG-7
    as_of = BASE + timedelta(days=days)
    found = grants(person, as_of=as_of)
    kinds = [g.kind for g in found]
    assert len(kinds) == len(set(kinds)), "at most one grant of each kind"
    for grant in found:
        assert person.takeover <= grant.achieved_on <= grant.earned_on <= as_of
        table = table_for(PRESET_TABLES, grant.earned_on.year)
        assert grant.table_year == table.year
        assert grant.amount == _rate(table, grant.kind, grant.tier)
        if grant.kind == Kind.JOB:
            evidence = grant.evidence
            assert isinstance(evidence, JobEvidence)
            assert evidence.average_hours >= 20
            assert evidence.window_end == grant.earned_on
            used = [s for s in person.employments if s.id in evidence.employment_ids]
            assert used and not any(s.subsidised for s in used)
    # more time never takes a grant away, and never moves one
    later = grants(person, as_of=as_of + timedelta(days=400))
    assert {(g.kind, g.earned_on) for g in found} <= {(g.kind, g.earned_on) for g in later}
