"""Danish education indicators on a small hand-made dataset, the right answer worked out by hand.

The dataset (``people``):

- Household A arrived 2 January 2023: takeover 1 March 2023 (the first day of the month after
  the first full month after the visitation), so the referral is due 1 April 2023, a Saturday,
  moved to Monday 3 April 2023; the integration period (36 months) ends 28 February 2026.
  - Amal (F, born 14 March 1988): referred to DU2 on 20 March 2023 (in time); passed Prøve i
    Dansk 2 on 10 June 2025 (inside her integration period).
  - Omar (M, born 2 January 1985): referred to DU1 on 15 May 2023 (late); failed Prøve i Dansk 1
    on 1 December 2025, passed it on 20 May 2026 (after his integration period ended).
  - Sara (F, born 1 January 2004, 19 at the takeover): never referred.
- Household B arrived 1 March 2025: takeover 1 May 2025, referral due 1 June 2025 (a Sunday) so
  Monday 2 June 2025; integration period to 30 April 2028.
  - Hiba (F, born 1 February 1996): referred to DU3 on 2 June 2025 (on the deadline day: in time);
    passed Prøve i Dansk 3 on 15 June 2026.
- Aalborg (another municipality): Selam, arrived 2 January 2023, referred late, passed PD1 in
  2026 — never counted in Bornholm's figures.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from velkomst.danish.models import DanishReferral, LanguageCentre
from velkomst.indicators.library import Scope, definition

from .conftest import exam, member

pytestmark = pytest.mark.django_db


def _referral(person, track, referred_on):
    centre, _ = LanguageCentre.objects.get_or_create(
        municipality=person.municipality, name=f"Sprogcenter {person.municipality.name}"
    )
    return DanishReferral.objects.create(
        municipality=person.municipality,
        person=person,
        centre=centre,
        track=track,
        referred_on=referred_on,
    )


@pytest.fixture
def people(arrive, other_caseworker):
    a = arrive(
        date(2023, 1, 2),
        [
            member(birth_date=date(1988, 3, 14)),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(first_name="Sara", birth_date=date(2004, 1, 1), relation="child"),
        ],
    )
    b = arrive(date(2025, 3, 1), [member(first_name="Hiba", birth_date=date(1996, 2, 1))])
    found = {p.first_name: p for p in a.members.all()} | {"Hiba": b.members.get()}
    assert found["Amal"].case.takeover_date == date(2023, 3, 1)
    assert found["Amal"].case.programme_end_date == date(2026, 2, 28)
    assert found["Hiba"].case.takeover_date == date(2025, 5, 1)
    _referral(found["Amal"], "DU2", date(2023, 3, 20))
    exam(found["Amal"], "PD2", date(2025, 6, 10))
    _referral(found["Omar"], "DU1", date(2023, 5, 15))
    exam(found["Omar"], "PD1", date(2025, 12, 1), result="failed")
    exam(found["Omar"], "PD1", date(2026, 5, 20))
    _referral(found["Hiba"], "DU3", date(2025, 6, 2))
    exam(found["Hiba"], "PD3", date(2026, 6, 15))
    other = arrive(
        date(2023, 1, 2),
        [member(first_name="Selam", birth_date=date(1990, 1, 1))],
        user=other_caseworker,
    ).members.get()
    _referral(other, "DU1", date(2023, 6, 1))
    exam(other, "PD1", date(2026, 6, 1))
    return found


def test_exams_passed_counts_the_passed_exams_taken_in_the_period(people):
    # REQ: MI-1
    # REQ: PRG-2
    bornholm = people["Amal"].municipality
    passed = definition("danish_exams_passed")
    # 2026: Omar's PD1 (20 May) and Hiba's PD3 (15 June); Selam's is Aalborg's
    year = passed.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 12, 31)))
    assert year.total.value == 2
    assert {g: f.value for g, f in year.groups["exam"].items()} == {"PD1": 1, "PD3": 1}
    assert year.person_ids() == sorted([people["Omar"].pk, people["Hiba"].pk])
    # 2025: only Amal's PD2; Omar's failed PD1 of 1 December is not counted
    assert passed.compute(bornholm, Scope(date(2025, 1, 1), date(2025, 12, 31))).total.value == 1
    # edge: a period ending the day before Hiba's exam
    june = passed.compute(bornholm, Scope(date(2026, 6, 1), date(2026, 6, 14)))
    assert june.total.value == 0
    # 18 months after arrival: Hiba (1 March 2025 → 1 September 2026) passed within them;
    # Amal and Omar's 18 months ended 2 July 2024, before their exams
    first = passed.compute(
        bornholm, Scope(date(2026, 1, 1), date(2026, 12, 31), months_since_arrival=18)
    )
    assert first.person_ids() == [people["Hiba"].pk]


def test_referred_exam_passed_is_the_share_passing_their_tracks_exam_in_the_integration_period(
    people,
):
    # REQ: MI-1
    # REQ: PRG-2
    bornholm = people["Amal"].municipality
    share = definition("danish_referred_exam_passed")
    # integration periods ending in 2026: Amal's and Omar's (28 February); Sara was never
    # referred, Hiba's ends in 2028. Amal passed PD2 (her DU2's exam) in time; Omar passed PD1
    # only after his period ended: 1 of 2
    year = share.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 12, 31)))
    assert (year.total.numerator, year.total.denominator, year.total.value) == (1, 2, Decimal(50))
    assert year.person_ids(counted=True) == [people["Amal"].pk]
    assert {g: f.value for g, f in year.groups["track"].items()} == {"DU1": 0, "DU2": 100}
    # edge: a period starting the day after their periods ended has no one
    later = share.compute(bornholm, Scope(date(2026, 3, 1), date(2026, 12, 31)))
    assert later.total.population == 0 and later.total.value is None


def test_referral_within_month_counts_referrals_by_the_deadline_falling_in_the_period(people):
    # REQ: MI-1
    # REQ: PRG-2
    bornholm = people["Amal"].municipality
    share = definition("danish_referral_within_month")
    # deadlines in 2023 (3 April): Amal (referred 20 March: in time), Omar (15 May: late), Sara
    # (never): 1 of 3. Selam's deadline is Aalborg's.
    y2023 = share.compute(bornholm, Scope(date(2023, 1, 1), date(2023, 12, 31)))
    assert (y2023.total.numerator, y2023.total.denominator) == (1, 3)
    assert y2023.person_ids(counted=False) == sorted([people["Omar"].pk, people["Sara"].pk])
    # Hiba's deadline, 2 June 2025, is the day she was referred: in time
    y2025 = share.compute(bornholm, Scope(date(2025, 1, 1), date(2025, 12, 31)))
    assert (y2025.total.numerator, y2025.total.denominator) == (1, 1)
    # edge: a period ending the day before her deadline has no one
    may = share.compute(bornholm, Scope(date(2025, 1, 1), date(2025, 6, 1)))
    assert may.total.population == 0
    # the 2025 cohort over all the years: Hiba only
    cohort = share.compute(bornholm, Scope(date(2023, 1, 1), date(2025, 12, 31), cohort=2025))
    assert cohort.person_ids() == [people["Hiba"].pk]
