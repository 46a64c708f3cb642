"""The companies demo: valid CVR numbers and industries, openings that take no more starts than
places, the same data for the same seed (PRG-4)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from velkomst.companies import demo
from velkomst.companies.industries import is_industry
from velkomst.companies.models import Company, Opening, Proposal
from velkomst.core.cvr import cvr_valid

pytestmark = pytest.mark.django_db


def test_generated_cvr_numbers_pass_the_check():
    # REQ: PRG-4
    rng = random.Random(7)
    numbers = [demo.valid_cvr(rng) for _ in range(500)]
    assert all(cvr_valid(n) for n in numbers)
    assert all(is_industry(row[1]) for row in demo.COMPANIES)


def test_the_demo_is_valid_and_deterministic(consultant, household, area):
    # REQ: PRG-4
    adults = list(household.members.filter(birth_date__year__lt=2000).order_by("pk"))

    def run() -> list[tuple]:
        demo.install_demo(
            consultant.municipality, consultant, [area], adults, random.Random(3), date(2026, 8, 1)
        )
        return list(Company.objects.order_by("pk").values_list("name", "cvr", "industry"))

    first = run()
    assert len(first) == len(demo.COMPANIES)
    assert all(cvr_valid(cvr) for _, cvr, _ in first)
    for opening in Opening.objects.all():
        started = Proposal.objects.filter(opening=opening, result="started").count()
        assert started <= opening.places
    Proposal.objects.all().delete()
    from velkomst.companies.models import EventInvitation, EventMeeting, MatchEvent

    EventMeeting.objects.all().delete()
    EventInvitation.objects.all().delete()
    MatchEvent.objects.all().delete()
    Opening.objects.all().delete()
    Company.objects.all().delete()
    assert run() == first
