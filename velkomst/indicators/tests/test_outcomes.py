"""Outcome indicators on a small hand-made dataset, the right answer worked out by hand.

The dataset (``people``):

- Household A arrived 2 January 2023: takeover 1 March 2023, integration period to 28 February
  2026.
  - Amal (F, born 14 March 1988): ordinary job from 1 September 2025, 37 h/week, open;
    self-supporting from 1 February 2026; selvforsørgelsesydelse 1 March 2023 – 31 January 2026;
    passed Prøve i Dansk 2 on 10 June 2025.
  - Omar (M, born 2 January 1985): løntilskud from 1 February 2026 (not ordinary work); an
    education 10 January – dropped 29 June 2026; kontanthjælp from 1 February 2026, open.
  - Sara (F, born 1 January 2004): a qualifying education from 15 August 2025, open; SU from the
    same day; self-supporting from 1 July 2026.
  - Ali (M, born 1 January 1956, 70 in 2026): overgangsydelse to 31 December 2025.
- Household B arrived 1 May 2026 (takeover 1 July 2026): Hiba (F, born 1 February 1996),
  selvforsørgelsesydelse from 1 May 2026.
- Aalborg: Selam, arrived 2 January 2023, in ordinary work, on kontanthjælp and with a passed
  exam in 2026 — never counted in Bornholm's figures.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from velkomst.indicators.library import Scope, definition
from velkomst.outcomes.models import BenefitPeriod, EducationOutcome, SelfSupporting

from .conftest import exam, job, member

pytestmark = pytest.mark.django_db


def _benefit(person, benefit, start, end=None):
    BenefitPeriod.objects.create(
        municipality=person.municipality,
        person=person,
        benefit=benefit,
        from_date=start,
        to_date=end,
    )


@pytest.fixture
def people(arrive, other_caseworker):
    a = arrive(
        date(2023, 1, 2),
        [
            member(birth_date=date(1988, 3, 14)),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(first_name="Sara", birth_date=date(2004, 1, 1), relation="child"),
            member(first_name="Ali", birth_date=date(1956, 1, 1), sex="M", relation="other"),
        ],
    )
    b = arrive(date(2026, 5, 1), [member(first_name="Hiba", birth_date=date(1996, 2, 1))])
    found = {p.first_name: p for p in a.members.all()} | {"Hiba": b.members.get()}
    amal, omar, sara, ali = found["Amal"], found["Omar"], found["Sara"], found["Ali"]
    assert amal.case.takeover_date == date(2023, 3, 1)
    job(amal, date(2025, 9, 1))
    SelfSupporting.objects.create(
        municipality=amal.municipality, person=amal, from_date=date(2026, 2, 1), source="work"
    )
    _benefit(amal, "selvforsoergelse", date(2023, 3, 1), date(2026, 1, 31))
    exam(amal, "PD2", date(2025, 6, 10))
    job(omar, date(2026, 2, 1), subsidy="loentilskud")
    EducationOutcome.objects.create(
        municipality=omar.municipality,
        person=omar,
        institution="VUC",
        programme="AVU",
        started_on=date(2026, 1, 10),
        dropped_on=date(2026, 6, 29),
    )
    _benefit(omar, "kontanthjaelp", date(2026, 2, 1))
    EducationOutcome.objects.create(
        municipality=sara.municipality,
        person=sara,
        institution="Erhvervsskolen",
        programme="Social- og sundhedshjælper",
        qualifying=True,
        started_on=date(2025, 8, 15),
    )
    _benefit(sara, "su", date(2025, 8, 15))
    SelfSupporting.objects.create(
        municipality=sara.municipality, person=sara, from_date=date(2026, 7, 1), source="education"
    )
    _benefit(ali, "overgangsydelse", date(2023, 3, 1), date(2025, 12, 31))
    _benefit(found["Hiba"], "selvforsoergelse", date(2026, 5, 1))
    selam = arrive(
        date(2023, 1, 2),
        [member(first_name="Selam", birth_date=date(1990, 1, 1))],
        user=other_caseworker,
    ).members.get()
    job(selam, date(2025, 1, 1))
    _benefit(selam, "kontanthjaelp", date(2026, 1, 1))
    SelfSupporting.objects.create(
        municipality=selam.municipality, person=selam, from_date=date(2025, 7, 1), source="work"
    )
    exam(selam, "PD1", date(2026, 6, 1))
    return found


def test_in_education_or_work_is_the_share_in_ordinary_work_or_an_education_on_the_day(people):
    # REQ: MI-1
    # REQ: PRG-7
    bornholm = people["Amal"].municipality
    share = definition("in_education_or_work")
    # 30 June 2026, 18–66: Amal (ordinary job), Sara (education): yes; Omar (løntilskud is not
    # ordinary work; his education was dropped the day before), Hiba: no. Ali is 70: 2 of 4
    june = share.compute(bornholm, Scope(date(2026, 6, 1), date(2026, 6, 30)))
    assert (june.total.numerator, june.total.denominator) == (2, 4)
    assert june.person_ids(counted=True) == sorted([people["Amal"].pk, people["Sara"].pk])
    # edge: on 28 June Omar was still in his education: 3 of 4
    earlier = share.compute(bornholm, Scope(date(2026, 6, 1), date(2026, 6, 28)))
    assert (earlier.total.numerator, earlier.total.denominator) == (3, 4)


def test_self_supporting_is_the_share_self_supporting_from_a_day_by_the_periods_end(people):
    # REQ: MI-1
    # REQ: PRG-7
    bornholm = people["Amal"].municipality
    share = definition("self_supporting")
    # 30 June 2026: Amal (from 1 February) of Amal, Omar, Sara, Hiba; Sara's begins 1 July
    june = share.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 6, 30)))
    assert (june.total.numerator, june.total.denominator, june.total.value) == (
        1,
        4,
        Decimal(25),
    )
    july = share.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 7, 31)))
    assert (july.total.numerator, july.total.denominator) == (2, 4)


def test_benefit_recipients_counts_persons_on_a_cash_benefit_in_the_period(people):
    # REQ: MI-1
    bornholm = people["Amal"].municipality
    count = definition("benefit_recipients")
    # January – June 2026: Amal (selvforsørgelsesydelse to 31 January), Omar (kontanthjælp),
    # Hiba (selvforsørgelsesydelse); Sara's SU is no cash benefit; Ali's overgangsydelse ended
    # 31 December 2025. Selam is Aalborg's: 3
    half = count.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 6, 30)))
    assert half.total.value == 3
    assert {g: f.value for g, f in half.groups["benefit"].items()} == {
        "kontanthjaelp": 1,
        "selvforsoergelse": 2,
    }
    # December 2025 adds Ali and lacks Omar and Hiba
    december = count.compute(bornholm, Scope(date(2025, 12, 1), date(2025, 12, 31)))
    assert december.person_ids() == sorted([people["Amal"].pk, people["Ali"].pk])


def test_result_grants_earned_are_the_derived_grants_earned_in_the_period(people):
    # REQ: MI-1
    # REQ: PRG-7
    bornholm = people["Amal"].municipality
    grants = definition("result_grants_earned")
    # The rates of 2024 (still in force in 2025 and 2026): job and education 88,817 kr within 3
    # years of the takeover, Danish exam 37,895 kr.
    # Amal's job from 1 September 2025 (within 3 years of 1 March 2023) has lasted 6 months on 28
    # February 2026; Sara's qualifying education from 15 August 2025 has continued 6 months on
    # 14 February 2026. Omar's løntilskud earns nothing; Selam is Aalborg's.
    year = grants.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 12, 31)))
    assert year.total.value == 88_817 + 88_817
    assert {g: f.value for g, f in year.groups["kind"].items()} == {
        "education": 88_817,
        "job": 88_817,
    }
    assert list(year.groups["year"]) == ["2026"]
    assert year.person_ids() == sorted([people["Amal"].pk, people["Sara"].pk])
    # 2025: Amal's passed Prøve i Dansk 2 (10 June)
    y2025 = grants.compute(bornholm, Scope(date(2025, 1, 1), date(2025, 12, 31)))
    assert y2025.total.value == 37_895
    # edge: a period ending the day before Sara's six months are up has no grant yet
    early = grants.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 2, 13)))
    assert early.total.value == 0
