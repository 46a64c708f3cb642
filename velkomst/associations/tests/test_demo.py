"""The demo data for HOU-5: associations with a year of move-outs and a drafted meeting."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from velkomst.associations import distribution
from velkomst.associations.demo import ASSOCIATIONS, install_demo
from velkomst.associations.models import AllocationMeeting, HousingAssociation, MoveOutCount

from .conftest import household_in_need

pytestmark = pytest.mark.django_db


def test_demo_creates_associations_move_outs_and_next_months_meeting(officer, caseworker):
    # REQ: HOU-5
    household_in_need(caseworker, officer, "Demo", timezone.localdate() + timedelta(days=3))
    created = install_demo(officer.municipality, officer, random.Random(7))
    assert len(created) == len(ASSOCIATIONS) == HousingAssociation.objects.count()
    assert MoveOutCount.objects.count() == 12 * len(ASSOCIATIONS)
    meeting = AllocationMeeting.objects.get()
    this_month = distribution.month_start(timezone.localdate())
    assert meeting.month == distribution.add_months(this_month, 1)
    assert meeting.key["problem"] is None and meeting.lines.count() == 1
    # deterministic per seed, and a second run adds nothing
    assert install_demo(officer.municipality, officer, random.Random(7)) == []
    assert AllocationMeeting.objects.count() == 1
