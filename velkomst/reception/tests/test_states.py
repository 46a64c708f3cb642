"""The worklist's state filter in the database agrees with the deadline engine (REC-4)."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from velkomst.engines.deadlines import DeadlineState
from velkomst.reception import selectors
from velkomst.reception.models import PlanTask

pytestmark = pytest.mark.django_db


def test_the_database_state_filter_matches_the_engine(plan):
    # REQ: REC-4
    today = selectors.Today(day=timezone.localdate(), due_soon_days=7)
    tasks = list(plan.tasks.order_by("id"))
    offsets = [None, -10, -1, 0, 1, 7, 8, 30]
    done = [None, -20, -3, 0]
    combos = list(itertools.product(offsets, done, [False, True]))
    for task, (due, done_off, not_relevant) in zip(tasks, itertools.cycle(combos), strict=False):
        PlanTask.objects.filter(pk=task.pk).update(
            due_date=None if due is None else today.day + timedelta(days=due),
            done_on=None if done_off is None else today.day + timedelta(days=done_off),
            done_at=None if done_off is None else timezone.now(),
            not_relevant_reason="x" if not_relevant else "",
        )
    fresh = list(plan.tasks.all())
    for state in DeadlineState:
        in_db = set(plan.tasks.filter(selectors.state_q(state, today)).values_list("pk", flat=True))
        in_engine = {t.pk for t in fresh if t.state(today.day, today.due_soon_days) == state}
        assert in_db == in_engine, state
