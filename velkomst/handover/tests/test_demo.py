"""The demo data holds one incoming handover waiting in a demo municipality (COO-5)."""

from __future__ import annotations

import pytest

from velkomst.demodata.generator import demo_plan, load_demo
from velkomst.handover.models import Handover, State


@pytest.mark.django_db
def test_demo_has_one_incoming_handover():
    # REQ: COO-5
    plan = demo_plan(seed=5, households_per_municipality=2)
    load_demo(plan, password="pw-123456")
    handover = Handover.objects.get()
    assert handover.state == State.SENT
    assert handover.receiving.code == plan.municipalities[0].code
    assert handover.municipality.code == plan.municipalities[1].code
    assert handover.content["persons"]
