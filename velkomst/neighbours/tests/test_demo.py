"""The neighbour-problem demo data (HOU-8)."""

from __future__ import annotations

import random

import pytest

from velkomst.neighbours.demo import install_demo
from velkomst.neighbours.models import NeighbourReport, ReportChannel

pytestmark = pytest.mark.django_db


def test_the_demo_has_reports_in_every_state(officer, municipality, household, placed):
    # REQ: HOU-8
    reports = install_demo(municipality, officer, random.Random(7))
    assert ReportChannel.objects.count() == 2 and len(reports) == 6
    assert {r.status for r in reports} == {"new", "in_progress", "closed"}
    assert any(r.is_overdue for r in reports)
    answered = [r for r in reports if r.first_response_at is not None]
    assert any(r.answered_on_time for r in answered) and any(
        r.answered_on_time is False for r in answered
    )
    for r in answered:
        first = r.events.exclude(kind="owner").order_by("at").first()
        assert first is not None and first.at == r.first_response_at
    assert NeighbourReport.objects.filter(household=household).count() == 1
    numbers = [r.number for r in reports]
    assert len(set(numbers)) == 6
