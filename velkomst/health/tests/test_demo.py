from __future__ import annotations

import random
from datetime import date

import pytest

from velkomst.core.models import Role
from velkomst.health import selectors
from velkomst.health.demo import install_demo
from velkomst.health.models import Barrier, HealthAssessment, HealthAssessmentOffer

pytestmark = pytest.mark.django_db


def _snapshot() -> list:
    return [
        list(
            HealthAssessmentOffer.objects.order_by("person_id").values_list("person_id", "answer")
        ),
        list(
            HealthAssessment.objects.order_by("person_id").values_list("person_id", "work_capacity")
        ),
        list(Barrier.objects.order_by("person_id").values_list("person_id", "kind")),
    ]


def test_the_demo_is_deterministic_and_seen_by_the_health_coordinator(
    municipality, staff, household
):
    # REQ: HEA-1
    from velkomst.people.models import Case

    Case.objects.filter(person__household=household).update(takeover_date=date(2026, 1, 1))
    by_role = {str(Role(role)): user for role, user in staff.items()}
    counts = install_demo(municipality, by_role, random.Random("7-400-health"), date(2026, 9, 1))
    first = _snapshot()
    assert counts["health_offers"] == HealthAssessmentOffer.objects.count()
    assert HealthAssessmentOffer.objects.count() <= 2  # the two adults
    from velkomst.health import models

    for model in (
        models.CoordinatedMeasure,
        models.CareCoordination,
        models.HealthReferral,
        HealthAssessment,
        HealthAssessmentOffer,
        Barrier,
    ):
        model.objects.all().delete()
    install_demo(municipality, by_role, random.Random("7-400-health"), date(2026, 9, 1))
    assert _snapshot() == first
    if counts["health_offers"]:
        assert selectors.offers_unanswered(staff["health_coordinator"]).count() == (
            HealthAssessmentOffer.objects.filter(answer="pending").count()
        )
