"""A placement keeps its dwelling's monthly cost from the move-in day (MI-4): later rent changes
do not rewrite what a past stay cost; the household's housing page shows it as an amount."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.housing import services
from velkomst.housing.models import Placement

from .conftest import dwelling_values

pytestmark = pytest.mark.django_db


def test_a_stay_keeps_the_rent_and_utilities_of_its_move_in_day(client, officer, area, household):
    # REQ: MI-4
    room = services.dwelling_create(
        acting_user=officer,
        **dwelling_values(area, type="temporary", rooms=1, size_m2=20, rent=2500, utilities=400),
    )
    stay = services.placement_start(
        acting_user=officer, household=household, dwelling=room, start_date=date(2026, 7, 1)
    )
    assert stay.monthly_cost == 2900  # rent 2500 + utilities 400
    room.refresh_from_db()
    services.dwelling_update(
        dwelling=room, acting_user=officer, expected_version=room.version, rent=3100
    )
    stay.refresh_from_db()
    assert stay.monthly_cost == 2900  # what the stay cost does not change afterwards
    flat = services.dwelling_create(
        acting_user=officer, **dwelling_values(area, address="Skolevej 4", rent=5200)
    )
    services.placement_start(
        acting_user=officer, household=household, dwelling=flat, start_date=date(2026, 9, 1)
    )
    assert list(
        Placement.objects.filter(household=household).values_list("monthly_cost", flat=True)
    ) == [2900, 5800]
    client.force_login(officer)
    page = client.get(f"/households/{household.pk}/housing/").content.decode()
    assert "Husleje inkl. forbrug pr. måned" in page
    assert "2.900 kr." in page and "5.800 kr." in page
