"""Employment indicators on a small hand-made dataset, the right answer worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from velkomst.indicators.library import Scope, definition

from .conftest import job as _job
from .conftest import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(arrive):
    """Five persons arrived 1 March 2025: Amal (F, 37) works from 10 June 2026 unsupported; Omar
    (M, 41) works on wage subsidy only; Sara (F, 22) worked unsupported in January 2026 only; Ali
    (M, 70) is past 66; Lina is a child. A household arrived 1 May 2026 (Hiba, F, 30, working
    unsupported from 1 June 2026)."""
    first = arrive(
        date(2025, 3, 1),
        [
            member(birth_date=date(1988, 3, 14)),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(first_name="Sara", birth_date=date(2004, 1, 1), relation="child"),
            member(first_name="Ali", birth_date=date(1956, 1, 1), sex="M", relation="other"),
            member(first_name="Lina", birth_date=date(2016, 9, 9), relation="child"),
        ],
    )
    later = arrive(date(2026, 5, 1), [member(first_name="Hiba", birth_date=date(1996, 2, 1))])
    people = {p.first_name: p for p in first.members.all()} | {"Hiba": later.members.get()}
    _job(people["Amal"], date(2026, 6, 10))
    _job(people["Omar"], date(2026, 2, 1), subsidy="loentilskud")
    _job(people["Sara"], date(2026, 1, 5), date(2026, 1, 31))
    _job(people["Hiba"], date(2026, 6, 1))
    return people


def test_the_employment_rate_counts_18_to_66_in_unsupported_work_in_the_month(cohort):
    # REQ: MI-1
    rate = definition("employment_rate")
    june = rate.compute(cohort["Amal"].municipality, Scope(date(2026, 6, 1), date(2026, 6, 30)))
    # population: Amal, Omar, Sara, Hiba (Ali is 70, Lina 9); in work in June: Amal, Hiba
    assert (june.total.numerator, june.total.denominator, june.total.value) == (2, 4, Decimal(50))
    assert june.groups["sex"]["F"].as_dict() == {
        "value": "66.7",
        "numerator": "2",
        "denominator": "3",
        "population": 3,
    }
    assert june.groups["sex"]["M"].value == 0
    assert sorted(june.groups["age"]) == ["18-29", "30-39", "40-49"]
    assert june.person_ids(counted=True) == sorted([cohort["Amal"].pk, cohort["Hiba"].pk])
    # the 2025 cohort only: Amal of Amal, Omar, Sara
    cohort_2025 = rate.compute(
        cohort["Amal"].municipality, Scope(date(2026, 6, 1), date(2026, 6, 30), cohort=2025)
    )
    assert (cohort_2025.total.numerator, cohort_2025.total.denominator) == (1, 3)


def test_by_months_since_arrival_each_person_is_measured_in_their_own_month(cohort):
    # REQ: MI-2
    rate = definition("employment_rate")
    # 10 months after 1 March 2025 is January 2026: Sara worked then; Hiba has not been here 10
    # months by 30 June 2026, so she is not in the population
    ten = rate.compute(
        cohort["Amal"].municipality,
        Scope(date(2026, 1, 1), date(2026, 6, 30), months_since_arrival=10),
    )
    assert (ten.total.numerator, ten.total.denominator) == (1, 3)
    assert ten.person_ids(counted=True) == [cohort["Sara"].pk]


def test_190_hours_counts_unsupported_hours_in_the_3_months_ending_with_the_month(cohort):
    # REQ: MI-1
    # Sara also works unsupported 1 May – 31 July 2026, 14.5 hours a week.
    _job(cohort["Sara"], date(2026, 5, 1), date(2026, 7, 31), hours=Decimal("14.5"))
    hours = definition("employment_190_hours")
    bornholm = cohort["Amal"].municipality
    # May–July 2026, each day a seventh of the week's hours:
    # Amal 10 June – 31 July: 52 days × 37/7 = 274.9 h; Hiba 1 June – 31 July: 61 × 37/7 =
    # 322.4 h; Sara 92 × 14.5/7 = 190.6 h (just over 190); Omar is on wage subsidy: 3 of 4
    july = hours.compute(bornholm, Scope(date(2026, 7, 1), date(2026, 7, 31)))
    assert (july.total.numerator, july.total.denominator) == (3, 4)
    assert july.person_ids(counted=False) == [cohort["Omar"].pk]
    # April–June 2026: Amal 21 × 37/7 = 111 h, Hiba 30 × 37/7 = 158.6 h, Sara 61 × 14.5/7 =
    # 126.4 h: no one reaches 190, though Amal and Hiba are in work in June
    june = hours.compute(bornholm, Scope(date(2026, 6, 1), date(2026, 6, 30)))
    assert (june.total.numerator, june.total.denominator) == (0, 4)
