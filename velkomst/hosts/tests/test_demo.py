"""The hosts' demo data (HOU-6): three hosts with offers and one recorded meeting."""

from __future__ import annotations

import random

import pytest

from velkomst.hosts.demo import install_demo
from velkomst.hosts.models import Host, HostOffer, Meeting, OfferStatus, Outcome
from velkomst.housing.models import Placement

pytestmark = pytest.mark.django_db


def test_the_demo_makes_hosts_offers_and_one_recorded_meeting(
    municipality, officer, area, household, need
):
    # REQ: HOU-6
    hosts = install_demo(municipality, officer, [household], [area], random.Random(7))
    assert len(hosts) == Host.objects.count() == HostOffer.objects.count() == 3
    meeting = Meeting.objects.get()
    assert meeting.outcome == Outcome.DECLINED and meeting.household == household
    assert meeting.host_decision == "yes" and meeting.household_decision == "no"
    assert meeting.offer.status == OfferStatus.OPEN and not Placement.objects.exists()
    assert install_demo(municipality, officer, [household], [area], random.Random(7)) == []
