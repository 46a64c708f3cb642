from __future__ import annotations

import random
from datetime import date

import pytest
from django.utils import timezone

from velkomst.core.models import Role
from velkomst.volunteers import selectors
from velkomst.volunteers.demo import install_demo
from velkomst.volunteers.models import Diploma, Offer, Volunteer

pytestmark = pytest.mark.django_db


def test_the_demo_is_deterministic_and_has_every_state(municipality, staff, household, area):
    # REQ: CIV-1
    from velkomst.people.models import Case

    Case.objects.filter(person__household=household).update(takeover_date=date(2024, 1, 1))
    by_role = {str(Role(role)): user for role, user in staff.items()}
    counts = install_demo(
        municipality, by_role, random.Random("7-400-volunteers"), date(2026, 11, 1)
    )
    assert counts["volunteers"] == Volunteer.objects.count() == 40
    assert counts["volunteer_offers"] == Offer.objects.count() >= 40
    statuses = set(Volunteer.objects.values_list("status", flat=True))
    assert {"approved", "pending"} <= statuses
    refugees = Volunteer.objects.filter(kind="refugee")
    assert refugees.exists() and all(v.person_id for v in refugees)  # CIV-6: linked
    assert Diploma.objects.exists()
    coordinator = staff["volunteer_coordinator"]
    today = timezone.localdate()
    assert selectors.panel_counts(coordinator, today).expired >= 1  # CIV-3: some expired
    first = list(Volunteer.objects.order_by("pk").values_list("name", "status", "kind"))
    Diploma.objects.all().delete()
    Offer.objects.all().delete()
    from velkomst.volunteers.models import VolunteerHours

    VolunteerHours.objects.all().delete()
    Volunteer.objects.all().delete()
    install_demo(municipality, by_role, random.Random("7-400-volunteers"), date(2026, 11, 1))
    assert list(Volunteer.objects.order_by("pk").values_list("name", "status", "kind")) == first
