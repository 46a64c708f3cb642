from __future__ import annotations

import random
from datetime import date

import pytest
from django.utils import timezone

from velkomst.core.models import Role
from velkomst.pairings.demo import install_demo
from velkomst.pairings.models import ACTIVE_STATES, Match, Wish

pytestmark = pytest.mark.django_db


def _snapshot() -> list:
    return list(
        Match.objects.order_by("household_id").values_list(
            "household_id", "offer__volunteer__name", "state"
        )
    )


def test_the_demo_is_deterministic_keeps_the_rules_and_is_seen_by_the_coordinator(
    municipality, staff, caseworker
):
    # REQ: CIV-2
    from conftest import member
    from velkomst.consent.models import Consent
    from velkomst.pairings import selectors
    from velkomst.people.services import household_create
    from velkomst.volunteers.eligibility import child_eligibility

    for i in range(10):
        household_create(
            acting_user=caseworker,
            name=f"Familien {i}",
            visitation_date=date(2026, 5, 1),
            members=[
                member(first_name=f"Voksen{i}", last_name=f"Efternavn{i}"),
                *(
                    [member(first_name=f"Barn{i}", birth_date=date(2018, 1, 1), relation="child")]
                    if i % 2
                    else []
                ),
            ],
        )
    by_role = {str(Role(role)): user for role, user in staff.items()}
    today = timezone.localdate()
    counts = install_demo(
        municipality, by_role, random.Random("7-400-pairings"), today, share=1.0, consent_share=1.0
    )
    assert counts["wishes"] == Wish.objects.count() == 10
    assert counts["matches"] == Match.objects.count() > 0
    first = _snapshot()
    for match in Match.objects.select_related("offer__volunteer", "household"):
        # every matched household consents, a child-facing match has a certified volunteer
        adults = [p for p in match.household.members.all() if p.age_on(today) >= 18]
        assert all(Consent.objects.filter(person=p).exists() for p in adults)
        if match.offer.involves_children or len(adults) < match.household.members.count():
            assert child_eligibility(match.offer.volunteer, today)[0]
    for offer_id, capacity in {(m.offer_id, m.offer.capacity) for m in Match.objects.all()}:
        assert Match.objects.filter(offer_id=offer_id, state__in=ACTIVE_STATES).count() <= capacity
    coordinator = staff["volunteer_coordinator"]
    assert selectors.match_list(user=coordinator).count() == Match.objects.count()
    Match.objects.all().delete()
    Wish.objects.all().delete()
    Consent.objects.all().delete()
    install_demo(
        municipality, by_role, random.Random("7-400-pairings"), today, share=1.0, consent_share=1.0
    )
    assert _snapshot() == first
