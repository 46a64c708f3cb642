"""Every definition of the employment, Danish, programme and outcome areas computes on the demo's
data (a small plan of the four seed municipalities, loaded through the services as ``make run``
loads it) in a year's, a cohort's and a months-since-arrival scope, with people behind it."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.core.models import Municipality
from velkomst.demodata.generator import demo_plan, load_demo
from velkomst.demodata.plan import REFERENCE_DATE
from velkomst.indicators.library import Scope, Unit, definition

KEYS = (
    "employment_rate",
    "employment_190_hours",
    "danish_exams_passed",
    "danish_referred_exam_passed",
    "danish_referral_within_month",
    "enterprise_directed_share",
    "in_education_or_work",
    "internship_within_3_months",
    "contract_within_month",
    "fixed_caseworker",
    "self_supporting",
    "benefit_recipients",
    "result_grants_earned",
)


@pytest.mark.django_db
def test_every_programme_definition_computes_on_the_demo_data():
    # REQ: MI-1
    load_demo(demo_plan(seed=11, households_per_municipality=6), password="demo-password-1")
    end = REFERENCE_DATE
    scopes = (
        Scope(date(end.year - 3, 1, 1), end),
        Scope(date(end.year - 3, 1, 1), end, cohort=end.year - 2),
        Scope(date(end.year - 3, 1, 1), end, months_since_arrival=12),
    )
    populated: dict[str, int] = dict.fromkeys(KEYS, 0)
    for municipality in Municipality.objects.order_by("code"):
        for scope in scopes:
            for key in KEYS:
                indicator = definition(key)
                result = indicator.compute(municipality, scope)
                populated[key] += result.total.population
                assert all(i.person_id is not None for i in result.items), key
                if indicator.unit == Unit.SHARE and result.total.population:
                    assert result.total.value is not None and 0 <= result.total.value <= 100
                    assert result.total.numerator <= result.total.denominator
    # the demo gives every definition someone to count over three years
    assert [key for key, n in populated.items() if n == 0] == []
