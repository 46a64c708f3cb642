"""The reception plans' deadlines met, on a small hand-made plan, the answer worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from velkomst.core.models import Unit
from velkomst.indicators.labels import group_label
from velkomst.indicators.library import Scope, definition
from velkomst.reception.models import PlanTask, PlanTemplate, ReceptionPlan

from .conftest import member

pytestmark = pytest.mark.django_db

Q2 = Scope(date(2025, 4, 1), date(2025, 6, 30))


def _plan(household):
    template, _ = PlanTemplate.objects.get_or_create(
        municipality=household.municipality,
        version=1,
        defaults={"name": "Modtageplan", "effective_from": date(2024, 1, 1)},
    )
    return ReceptionPlan.objects.create(
        municipality=household.municipality,
        household=household,
        template=template,
        visitation_date=household.arrival_date,
        takeover_date=household.arrival_date,
    )


def _task(plan, category, unit_kind, due, done=None, person=None, **state):
    return PlanTask.objects.create(
        municipality=plan.municipality,
        plan=plan,
        person=person,
        title=category or "Egen opgave",
        category=category,
        owner_unit_kind=unit_kind,
        owner_role="caseworker",
        anchor="arrival",
        due_date=due,
        done_on=done,
        done_at=None if done is None else timezone.now(),
        **state,
    )


@pytest.fixture
def tasks(arrive, other_caseworker):
    """One plan in Bornholm (arrived 1 March 2025: Amal and her daughter Lina) with seven tasks,
    and one in Aalborg."""
    household = arrive(
        date(2025, 3, 1),
        [member(), member(first_name="Lina", birth_date=date(2016, 9, 9), relation="child")],
    )
    lina = household.members.get(first_name="Lina")
    plan = _plan(household)
    # 1: due 10 April, done that very day: on time
    _task(plan, "cpr", "integration", date(2025, 4, 10), date(2025, 4, 10))
    # 2: due 1 May, done a day late
    _task(plan, "cpr", "integration", date(2025, 5, 1), date(2025, 5, 2))
    # 3: Lina's screening, due on the period's last day and never done: overdue
    _task(plan, "child_screening", "children_family", date(2025, 6, 30), person=lina)
    # 4: due the day before the period: not counted
    _task(plan, "bank_account", "integration", date(2025, 3, 31), date(2025, 3, 30))
    # 5: not relevant, 6: removed: not counted
    _task(plan, "health_assessment", "health", date(2025, 5, 15), not_relevant_reason="Rask")
    _task(plan, "cv", "jobcentre", date(2025, 5, 20), removed_at=timezone.now())
    # 7: a task of no type, done before its deadline: on time
    _task(plan, "", "jobcentre", date(2025, 6, 1), date(2025, 5, 20))
    # Aalborg: a task in the period, missed; it must not count in Bornholm
    elsewhere = arrive(date(2025, 3, 1), [member(first_name="Selam")], user=other_caseworker)
    _task(_plan(elsewhere), "cpr", "integration", date(2025, 5, 1))
    return household, lina


def test_deadlines_met_is_the_share_of_tasks_due_in_the_period_done_by_their_deadline(tasks):
    # REQ: MI-1
    household, lina = tasks
    met = definition("deadlines_met").compute(household.municipality, Q2)
    # counted: 1 (on time), 2 (late), 3 (overdue), 7 (on time) -> 2 of 4 = 50 %
    assert (met.total.numerator, met.total.denominator, met.total.value) == (2, 4, Decimal(50))
    # by standard: cpr 1 of 2, child_screening 0 of 1, no type 1 of 1
    standards = {key: (f.numerator, f.denominator) for key, f in met.groups["standard"].items()}
    assert standards == {"cpr": (1, 2), "child_screening": (0, 1), "~none": (1, 1)}
    assert group_label("deadlines_met", "standard", "cpr") == "CPR-nummer"
    assert group_label("deadlines_met", "standard", "~none") == "Uden type"
    # the missed screening is Lina's: the drill-down names her; the household tasks name no one
    assert met.person_ids(counted=False) == [lina.pk]
    assert {i.household_id for i in met.items} == {household.pk}
    # the 2024 cohort has no plan
    assert (
        definition("deadlines_met")
        .compute(household.municipality, Scope(Q2.start, Q2.end, cohort=2024))
        .total.population
        == 0
    )


def test_deadlines_met_per_unit_names_the_unit_that_owns_the_tasks(tasks):
    # REQ: MI-2
    household, _lina = tasks
    met = definition("deadlines_met").compute(household.municipality, Q2)
    units = dict(Unit.objects.filter(municipality=household.municipality).values_list("kind", "pk"))
    # integration: tasks 1 and 2 (1 of 2); children and family: 3 (0 of 1); jobcentre: 7 (1 of 1)
    by_unit = {key: (f.numerator, f.denominator) for key, f in met.groups["unit"].items()}
    assert by_unit == {
        str(units["integration"]): (1, 2),
        str(units["children_family"]): (0, 1),
        str(units["jobcentre"]): (1, 1),
    }
    jobcentre = Unit.objects.get(pk=units["jobcentre"])
    assert group_label("deadlines_met", "unit", str(jobcentre.pk)) == jobcentre.name


def test_an_open_task_whose_deadline_has_not_passed_is_not_decided_yet(arrive):
    # REQ: MI-1
    today = timezone.localdate()
    household = arrive(today - timedelta(days=10), [member()])
    plan = _plan(household)
    _task(plan, "cpr", "integration", today + timedelta(days=20))  # open, still in time
    _task(plan, "cv", "jobcentre", today + timedelta(days=20), today)  # done early: on time
    _task(plan, "bus_card", "integration", today - timedelta(days=1))  # open, overdue
    met = definition("deadlines_met").compute(
        household.municipality, Scope(today - timedelta(days=5), today + timedelta(days=30))
    )
    # the open task still in time is left out: 1 on time of 2
    assert (met.total.numerator, met.total.denominator) == (1, 2)
