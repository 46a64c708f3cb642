from __future__ import annotations

import random
from datetime import date

import pytest

from velkomst.community import selectors
from velkomst.community.demo import install_demo
from velkomst.community.models import Event, FreeMembership, Invitation, Participation
from velkomst.engines.calendar import add_months

pytestmark = pytest.mark.django_db


def test_the_demo_makes_events_associations_and_participation(municipality, staff, household):
    # REQ: CIV-4
    # REQ: CIV-5
    coordinator = staff["volunteer_coordinator"]
    today = date(2026, 11, 1)
    counts = install_demo(municipality, coordinator, [], random.Random("7-400-community"), today)
    assert counts["associations"] == 8 and counts["events"] == 12
    assert {e.kind for e in Event.objects.all()} == {
        "intro_cafe",
        "language_cafe",
        "speed_dating",
        "dialogue",
        "association_day",
    }
    assert Event.objects.filter(held_on__lt=today).exists()
    assert Event.objects.filter(held_on__gte=today).exists()
    assert Invitation.objects.count() == counts["invitations"] > 0
    # only held events have attendance and reminders; none is over capacity
    assert (
        not Invitation.objects.filter(event__held_on__gte=today)
        .exclude(attendance="unknown")
        .exists()
    )
    assert not Invitation.objects.filter(
        event__held_on__gte=today, reminder_sent_at__isnull=False
    ).exists()
    for event in Event.objects.exclude(capacity=None):
        assert event.invitations.count() <= (event.capacity or 0)
    assert Invitation.objects.filter(language="ar").exists()  # the Haddads speak Arabic
    for membership in FreeMembership.objects.all():
        assert membership.ends_on <= add_months(membership.starts_on, 6)
    # the volunteer coordinator sees the households the volunteer centre works with
    assert Participation.objects.count() == counts["participations"]
    if counts["participations"]:
        assert selectors.participations_for(coordinator).exists()


def test_the_demos_association_events_invite_only_consenting_citizens(
    municipality, staff, household
):
    # REQ: CIV-4
    from velkomst.consent.selectors import persons_consenting

    install_demo(
        municipality, staff["volunteer_coordinator"], [], random.Random("x"), date(2026, 11, 1)
    )
    invited = set(
        Invitation.objects.filter(event__association__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    assert invited <= persons_consenting(invited, "contact.association")
