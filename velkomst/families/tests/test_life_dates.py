"""A child's start recorded on a day no case can have is refused on the start's field (SEC-5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from velkomst.families.models import ChildPlacement

from .conftest import register_family

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("start", ["1800-01-01", "before-visitation"])
def test_a_start_before_the_household_was_received_is_refused(logged_in, staff, caseworker, start):
    # REQ: SEC-5, CHI-2 (the start ticks off the plan's start task: its day must be possible)
    household = register_family(caseworker, arrived_days_ago=2)
    placement = ChildPlacement.objects.get(person__household=household, person__first_name="Lina")
    if start == "before-visitation":
        visitation = household.reception_plan.visitation_date
        start = visitation.replace(day=1).replace(year=visitation.year - 1).isoformat()
    response = logged_in(staff["family_consultant"]).post(
        reverse("placement-edit", args=[placement.person_id]),
        {
            "version": placement.version,
            "kind": "school",
            "institution_name": "Åvang Skole",
            "class_type": "reception_class",
            "actual_start_date": start,
            "note": "",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["actual_start_date"]
    placement.refresh_from_db()
    assert placement.actual_start_date is None and placement.version == 1
