"""The programme's demo data is deterministic and consistent with the rules (PRG-1)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from velkomst.engines import programme as engine
from velkomst.programme import selectors
from velkomst.programme.demo import install_demo
from velkomst.programme.models import Activity, IntegrationContract, IntegrationPlan

pytestmark = pytest.mark.django_db


def test_demo_gives_every_adult_a_plan_and_contract_within_the_hour_rule(
    municipality, household, young
):
    # REQ: PRG-1
    from velkomst.people.models import Case

    Case.objects.update(phase="programme")  # arrived and in the programme
    counts = install_demo(municipality, random.Random("x"), date(2027, 6, 1))
    assert counts["integration_plans"] == 3  # Amal, Omar and Rami; not the child Lina
    assert IntegrationContract.objects.count() == 3
    assert IntegrationPlan.objects.get(person=young).direction in ("education", "job")
    for plan in IntegrationPlan.objects.all():
        spans = selectors.spans(list(Activity.objects.filter(plan=plan)))
        assert engine.max_concurrent_hours(spans)[0] <= 37
        assert spans, "every adult past takeover has at least Danish education"
