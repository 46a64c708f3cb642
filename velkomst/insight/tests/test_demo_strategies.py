"""The four seed municipalities' strategies (presets) load with the demo and compute on its data
(issue 13's "done when"): every library indicator with a data source gets a figure, every
hand-entered one the demo's figure, and each strategy has real numbers to show."""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.core.models import StaffUser
from velkomst.demodata.generator import demo_plan, load_demo
from velkomst.demodata.plan import REFERENCE_DATE
from velkomst.engines.targets import Track
from velkomst.insight import evaluation
from velkomst.strategies import selectors as strategy_selectors


@pytest.mark.django_db
def test_the_four_seed_strategies_load_and_compute_on_the_demo_data():
    # REQ: MI-1, MI-2
    load_demo(demo_plan(seed=11, households_per_municipality=6), password="demo-password-1")
    year = REFERENCE_DATE.year - 1
    start, end = date(year, 1, 1), date(year, 12, 31)
    seen = set()
    for code in ("400", "540", "440", "851"):  # Bornholm, Sønderborg, Kerteminde, Aalborg
        manager = StaffUser.objects.get(role="manager", municipality__code=code)
        version = strategy_selectors.current_version(manager, end)
        assert version is not None and version.reference.startswith(code), code
        indicators = [
            e
            for post in evaluation.evaluate(manager, version, start, end, suppress=False)
            for e in post.indicators
        ]
        assert indicators, code
        for e in indicators:
            if e.row.is_manual:
                assert e.hand is not None and e.value is not None, (code, e.key)
            elif e.row.has_source:
                assert e.population is not None and e.computed_at is not None, (code, e.key)
        with_value = [e for e in indicators if e.value is not None and not e.row.is_manual]
        assert with_value, f"{code}: no computed figure has a value"
        seen |= {e.track for e in indicators}
    assert {Track.ON, Track.OFF} <= seen  # targets are judged both ways somewhere
