"""A child's school or daycare start deadline (CHI-2) moves off closed days like the plan's task
(REC-4), and the placement pages and the plan show the same day, from one computation."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from velkomst.families import selectors
from velkomst.families.models import ChildPlacement
from velkomst.families.states import PlacementState, placement_state
from velkomst.people.models import Household, Person
from velkomst.reception import services as reception_services
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db


def _start_task(household):
    lina = household.members.get(first_name="Lina")
    return lina, task(household.reception_plan, "school_daycare_start", lina)


def test_the_placement_pages_and_the_plan_show_the_same_start_deadline(logged_in, caseworker):
    # REQ: CHI-2, REC-4
    # expected Wednesday 1 July 2026: + 3 days = Saturday 4 July -> Monday 6 July
    household = register(
        caseworker, expected_arrival_date=date(2026, 7, 1), visitation_date=date(2026, 3, 2)
    )
    lina, start = _start_task(household)
    (row,) = selectors.household_children(household=household, today=date(2026, 6, 1))
    assert row.deadline == start.due_date == date(2026, 7, 6)
    assert row.state == PlacementState.AWAITING_ARRIVAL
    client = logged_in(caseworker)
    page = client.get(reverse("household-placements", args=[household.pk])).content.decode()
    assert "6. juli 2026" in page
    assert "4. juli 2026 er en lørdag: flyttet til mandag 6. juli" in page
    edit = client.get(reverse("placement-edit", args=[lina.pk])).content.decode()
    assert "Frist for start: 6. juli 2026" in edit
    plan = client.get(f"/households/{household.pk}/plan/").content.decode()
    assert "6. juli 2026" in plan and "4. juli 2026 er en lørdag" in plan

    # arrived Wednesday 1 April 2026: + 3 days = Easter Saturday -> Tuesday 7 April, on both
    household.refresh_from_db()
    reception_services.household_change_dates(
        household=household,
        acting_user=caseworker,
        expected_version=household.version,
        arrival_date=date(2026, 4, 1),
    )
    household.refresh_from_db()
    start.refresh_from_db()
    (row,) = selectors.household_children(household=household, today=date(2026, 4, 7))
    assert row.deadline == start.due_date == date(2026, 4, 7)
    assert row.state == PlacementState.DUE
    page = client.get(reverse("household-placements", args=[household.pk])).content.decode()
    assert "7. april 2026" in page


TODAYS = [date(2026, 4, 6), date(2026, 4, 7), date(2026, 4, 8), date(2026, 12, 28)]
STARTS = [None, 2, 3, 4, 5, 6, 9]  # days from arrival


@pytest.mark.parametrize("today", TODAYS)
def test_the_overview_filter_equals_the_rule_around_easter_and_christmas(caseworker, today):
    # REQ: CHI-2, REC-4: the database filter agrees with placement_state for deadlines moved off
    # Easter, Christmas and weekends
    municipality = caseworker.municipality
    schedule = selectors.start_days_schedule(municipality.pk)
    expected: dict[int, PlacementState] = {}
    for i in range(12):
        arrival = today - timedelta(days=i)
        household = Household.objects.create(
            municipality=municipality, name=f"H{i}", arrival_date=arrival
        )
        for j, delay in enumerate(STARTS):
            started = None if delay is None else min(arrival + timedelta(days=delay), today)
            person = Person.objects.create(
                municipality=municipality,
                household=household,
                first_name=f"C{i}-{j}",
                last_name="Test",
                birth_date=date(2018, 1, 1),
                sex="F",
                nationality="SY",
                residence_basis="refugee",
                relation="child",
            )
            placement = ChildPlacement.objects.create(
                municipality=municipality, person=person, kind="school", actual_start_date=started
            )
            expected[placement.pk] = placement_state(
                arrival=arrival, started_on=started, today=today, start_days=3
            )
    base = selectors.with_start_delay(ChildPlacement.objects.filter(municipality=municipality))
    for state in PlacementState:
        got = set(
            base.filter(selectors.state_q(state, schedule, today, base)).values_list(
                "pk", flat=True
            )
        )
        assert got == {pk for pk, s in expected.items() if s == state}, state
