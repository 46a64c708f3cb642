"""The demo's outcomes (PRG-7): employment rates by years since the takeover follow the Danish
baselines (about 17 / 22 / 29 % after 1 / 2 / 3 years, men well above women)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from velkomst.demodata.generator import demo_plan
from velkomst.demodata.plan import REFERENCE_DATE, municipality_plan
from velkomst.outcomes.demo import (
    Adult,
    EmploymentPlan,
    baseline,
    demo_cvr,
    employment_rate,
    install_demo,
    plan_outcomes,
)

BASELINES = {1: 0.17, 2: 0.22, 3: 0.29}


def _adults(households, start_id=1):
    adults: list[Adult] = []
    for household in households:
        for member in household.members:
            if member.has_case:
                takeover = household.takeover_date
                adults.append(
                    Adult(start_id + len(adults), member.sex, takeover, member.age_on(takeover))
                )
    return adults


def _demo_outcomes():
    """The demo's plan, each municipality's adults planned as the loader plans them."""
    plan = demo_plan()
    adults: list[Adult] = []
    employments: list[EmploymentPlan] = []
    for mplan in plan.municipalities:
        own = _adults(mplan.households, start_id=len(adults) + 1)
        rng = random.Random(f"{plan.seed}-{mplan.code}-outcomes")
        outcomes = plan_outcomes(own, reference_date=plan.reference_date, rng=rng)
        adults += own
        employments += outcomes.employments
    return plan.reference_date, adults, employments


def test_the_demo_employment_rates_follow_the_baselines():
    # REQ: PRG-7
    reference_date, adults, employments = _demo_outcomes()
    for years, expected in BASELINES.items():
        rate, count = employment_rate(
            adults, employments, years=years, reference_date=reference_date
        )
        assert count >= 20, (years, count)
        assert abs(rate - expected) <= 0.05, (years, rate, count)
    men, _ = employment_rate(adults, employments, years=2, reference_date=reference_date, sex="M")
    women, _ = employment_rate(adults, employments, years=2, reference_date=reference_date, sex="F")
    assert men > 2 * women > 0


def test_at_20000_persons_the_rates_are_the_baselines_within_two_points():
    # REQ: PRG-7
    mplan = municipality_plan(seed=2026, code="851", persons=20_000)
    adults = _adults(mplan.households)
    outcomes = plan_outcomes(
        adults, reference_date=REFERENCE_DATE, rng=random.Random("2026-851-outcomes")
    )
    for years, expected in BASELINES.items():
        rate, count = employment_rate(
            adults, outcomes.employments, years=years, reference_date=REFERENCE_DATE
        )
        assert abs(rate - expected) <= 0.02, (years, rate, count)
    assert baseline(1) == 0.17 and baseline(3) == 0.29


def test_the_demo_is_deterministic_and_its_cvr_numbers_pass_the_check():
    # REQ: PRG-7
    from velkomst.core.cvr import cvr_valid

    first, second = _demo_outcomes(), _demo_outcomes()
    assert first[2] == second[2]
    rng = random.Random(1)
    assert all(cvr_valid(demo_cvr(rng)) for _ in range(200))


@pytest.mark.django_db
def test_the_demo_is_recorded_through_the_services(caseworker, person, household):
    # REQ: PRG-7
    from velkomst.core.models import AuditEntry
    from velkomst.outcomes.models import BenefitPeriod, Employment
    from velkomst.people.models import Case

    Case.objects.filter(person__household=household).update(takeover_date=date(2023, 9, 1))
    plan = install_demo(
        person.municipality, caseworker, random.Random("x-400-outcomes"), date(2026, 11, 1)
    )
    assert Employment.objects.count() == len(plan.employments)
    assert BenefitPeriod.objects.count() == len(plan.benefits) >= 2
    assert AuditEntry.objects.filter(channel="demo", object_type="outcomes.BenefitPeriod")
