"""The start state of a child's placement against the service standard (CHI-2, REC-4): the pure
rule, its database twin used by the overview, and the configured number of days over time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from velkomst.engines.calendar import is_working_day, next_working_day
from velkomst.families.states import (
    OPEN_STATES,
    PlacementState,
    StartDaysSchedule,
    placement_state,
    start_deadline,
    start_due,
)

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
offsets = st.integers(min_value=-60, max_value=60)
start_days = st.integers(min_value=0, max_value=30)


@given(arrival=st.none() | days, today=days, n=start_days)
def test_a_child_not_started_awaits_arrival_then_is_due_then_overdue(arrival, today, n):
    # REQ: CHI-2, REC-4
    state = placement_state(arrival=arrival, started_on=None, today=today, start_days=n)
    deadline = start_deadline(arrival, n)
    if arrival is None or arrival > today:
        assert state == PlacementState.AWAITING_ARRIVAL
    elif deadline is not None and today <= deadline:
        assert state == PlacementState.DUE
    else:
        assert state == PlacementState.OVERDUE
    assert state in OPEN_STATES


@given(arrival=days, today=days, n=start_days, later=st.integers(min_value=0, max_value=400))
def test_an_open_state_only_moves_forward_as_days_pass(arrival, today, n, later):
    # REQ: CHI-2
    order = list(OPEN_STATES)
    before = placement_state(arrival=arrival, started_on=None, today=today, start_days=n)
    after = placement_state(
        arrival=arrival, started_on=None, today=today + timedelta(days=later), start_days=n
    )
    assert order.index(after) >= order.index(before)


@given(arrival=st.none() | days, delay=offsets, today=days, n=start_days)
def test_a_start_is_on_time_up_to_and_including_the_deadline_day(arrival, delay, today, n):
    # REQ: CHI-2, REC-4
    started = (arrival or date(2026, 1, 1)) + timedelta(days=delay)
    state = placement_state(arrival=arrival, started_on=started, today=today, start_days=n)
    deadline = start_deadline(arrival, n)
    if deadline is None or started <= deadline:
        assert state == PlacementState.STARTED_ON_TIME
    else:
        assert state == PlacementState.STARTED_LATE
    if arrival is None:
        assert deadline is None
    else:  # n calendar days, moved to the next working day
        assert deadline is not None and is_working_day(deadline)
        assert deadline == next_working_day(arrival + timedelta(days=n))


def test_the_bornholm_preset_three_days():
    # REQ: REC-4 (KL: Bornholm asylum centre, children start within three days), CHI-2: arrival
    # Wednesday 1 July 2026 + 3 days = Saturday 4 July, so the deadline is Monday 6 July
    arrival = date(2026, 7, 1)

    def state(today, started=None):
        return placement_state(arrival=arrival, started_on=started, today=today, start_days=3)

    assert state(date(2026, 6, 30)) == PlacementState.AWAITING_ARRIVAL
    assert state(date(2026, 7, 1)) == PlacementState.DUE
    assert state(date(2026, 7, 6)) == PlacementState.DUE
    assert state(date(2026, 7, 7)) == PlacementState.OVERDUE
    assert state(date(2026, 7, 9), started=date(2026, 7, 6)) == PlacementState.STARTED_ON_TIME
    assert state(date(2026, 7, 9), started=date(2026, 7, 7)) == PlacementState.STARTED_LATE
    due = start_due(arrival, 3)
    assert due is not None and (due.counted, due.moved_because) == (date(2026, 7, 4), "saturday")


@given(
    changes=st.lists(st.tuples(days, start_days), max_size=5, unique_by=lambda c: c[0]),
    day=st.none() | days,
)
def test_the_schedule_gives_the_days_in_force_on_a_day(changes, day):
    periods = ((date.min, 3), *sorted(changes))
    schedule = StartDaysSchedule(periods=periods)
    expected = periods[-1][1] if day is None else [n for start, n in periods if start <= day][-1]
    assert schedule.days_on(day) == expected
    ranges = schedule.ranges()
    assert [r[0] for r in ranges] == [p[0] for p in periods]
    assert ranges[-1][1] is None


# --- the database twin ------------------------------------------------------------------------


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)), start_days),
        max_size=4,
        unique_by=lambda c: c[0],
    ),
    day=st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 1, 1)),
)
def test_the_schedule_read_in_one_query_equals_config_value(municipality, changes, day):
    # REQ: REC-4: the deadline is the municipality's configuration in force on the arrival day
    from velkomst.core.config import config_value
    from velkomst.core.models import MunicipalityConfig
    from velkomst.families.selectors import start_days_schedule

    MunicipalityConfig.objects.filter(municipality=municipality).delete()
    for effective_from, n in changes:
        MunicipalityConfig.objects.create(
            municipality=municipality,
            effective_from=effective_from,
            values={"child_start_days": n, "due_soon_days": 5},
        )
    # a version that changes other numbers only keeps the days in force
    MunicipalityConfig.objects.create(
        municipality=municipality, effective_from=date(2019, 6, 1), values={"due_soon_days": 2}
    )
    schedule = start_days_schedule(municipality.pk)
    assert schedule.days_on(day) == config_value(municipality, "child_start_days", on=day)


ARRIVALS = [None, -40, -12, -6, -5, -4, -3, -2, 0, 3]  # days from today; None: not arrived
STARTS = [None, 0, 3, 4, 5, 6, 30]  # days from arrival (or from today if not arrived)


@pytest.mark.django_db
@pytest.mark.parametrize("changed_days_ago", [None, 5, 30])
def test_the_overview_filter_equals_the_pure_rule(caseworker, changed_days_ago):
    # REQ: CHI-2: the overview's database filter agrees with placement_state on every case,
    # also when the number of days changed (arrivals before the change keep the old rule)
    from django.utils import timezone

    from velkomst.core.models import MunicipalityConfig
    from velkomst.families import selectors
    from velkomst.families.models import ChildPlacement
    from velkomst.people.models import Household, Person

    today = timezone.localdate()
    municipality = caseworker.municipality
    if changed_days_ago is not None:
        MunicipalityConfig.objects.create(
            municipality=municipality,
            effective_from=today - timedelta(days=changed_days_ago),
            values={"child_start_days": 5},
        )
    schedule = selectors.start_days_schedule(municipality.pk)
    expected: dict[int, PlacementState] = {}
    for i, arrival_offset in enumerate(ARRIVALS):
        arrival = today + timedelta(days=arrival_offset) if arrival_offset is not None else None
        household = Household.objects.create(
            municipality=municipality, name=f"H{i}", arrival_date=arrival
        )
        for j, start_offset in enumerate(STARTS):
            started = None
            if start_offset is not None:
                started = min((arrival or today) + timedelta(days=start_offset), today)
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
                arrival=arrival,
                started_on=started,
                today=today,
                start_days=schedule.days_on(arrival),
            )
    base = selectors.with_start_delay(ChildPlacement.objects.filter(municipality=municipality))
    for state in PlacementState:
        got = set(
            base.filter(selectors.state_q(state, schedule, today, base)).values_list(
                "pk", flat=True
            )
        )
        want = {pk for pk, s in expected.items() if s == state}
        assert got == want, state
    assert {s for s in expected.values()} == set(PlacementState)  # every state was exercised
