"""The demo's retention data (SEC-4): no rules (the preset keeps everything) and one hold."""

from __future__ import annotations

import pytest

from velkomst.retention import demo, selectors
from velkomst.retention.models import LegalHold

pytestmark = pytest.mark.django_db


def test_the_demo_keeps_everything_and_holds_one_household_head(staff, haddad, admin):
    # REQ: SEC-4
    counts = demo.install_demo(admin.municipality, staff)
    assert counts == {"retention.legalhold": 1}
    hold = LegalHold.objects.get()
    assert hold.person_id == haddad["Amal"].pk and hold.placed_by == admin
    assert selectors.rules_state(admin).deletes_nothing
