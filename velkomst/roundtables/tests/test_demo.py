from __future__ import annotations

import random
from datetime import date

import pytest

from velkomst.core.models import Role
from velkomst.roundtables import selectors
from velkomst.roundtables.demo import install_demo
from velkomst.roundtables.models import FollowUp, RoundTable

pytestmark = pytest.mark.django_db


def test_the_demo_writes_round_tables_whose_follow_ups_reach_the_owners(municipality, staff, seen):
    # REQ: COO-3
    seen.arrival_date = date(2026, 7, 1)
    seen.save(update_fields=["arrival_date"])
    by_role = {str(Role(role)): user for role, user in staff.items()}
    import velkomst.roundtables.demo as demo

    old = demo.SHARE
    demo.SHARE = 1.0  # one household: make sure it is chosen
    try:
        counts = install_demo(municipality, by_role, random.Random("7-400-rt"), date(2026, 9, 1))
    finally:
        demo.SHARE = old
    assert counts["round_tables"] == RoundTable.objects.count() == 1
    rt = RoundTable.objects.get()
    assert rt.appointment.kind == "round_table" and rt.appointment.household_id == seen.pk
    assert counts["round_table_follow_ups"] == FollowUp.objects.count() >= 1
    owners = {f.owner for f in FollowUp.objects.all()}
    for owner in owners:
        assert set(selectors.open_followups_of(owner)) == set(
            FollowUp.objects.filter(owner=owner, done_on__isnull=True)
        )
    detail = selectors.detail(rt, date(2026, 9, 1), 7)
    assert len(detail.agenda) >= 2 and detail.outside
