"""National quotas by the executive order's § 4 formula (NAT-1): a hand-worked example with
every step, regional agreements, the revision of the landstal, and property tests."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.engines.national.quota import (
    MunicipalityFigures,
    QuotaError,
    quotas,
    regional_agreement,
    revise,
)

# Four municipalities; totals: population 100,000, non-Western 10,000.
WORLD = [
    MunicipalityFigures("A", "R1", population=50_000, nonwestern=2_000, reunified=10),
    MunicipalityFigures("B", "R1", population=30_000, nonwestern=3_000, reunified=5),
    MunicipalityFigures("C", "R2", population=15_000, nonwestern=4_500, reunified=20),
    MunicipalityFigures("D", "R2", population=5_000, nonwestern=500, reunified=10),
]


def test_hand_worked_example_every_step():
    # REQ: NAT-1
    steps = quotas(WORLD, landstal=200)
    # population shares and non-Western shares
    assert steps.population_share == pytest.approx({"A": 0.5, "B": 0.3, "C": 0.15, "D": 0.05})
    assert steps.nonwestern_share == pytest.approx({"A": 0.2, "B": 0.3, "C": 0.45, "D": 0.05})
    # share = p − (q − p): A 0.5 − (0.2 − 0.5) = 0.8; C 0.15 − (0.45 − 0.15) = −0.15
    assert steps.share == pytest.approx({"A": 0.8, "B": 0.3, "C": -0.15, "D": 0.05})
    # × (landstal 200 + family-reunified last year 10 + 5 + 20 + 10 = 45) = × 245
    assert steps.reunified_total == 45
    assert steps.multiplied == pytest.approx({"A": 196.0, "B": 73.5, "C": -36.75, "D": 12.25})
    # − the family-reunified living there
    assert steps.after_reunified == pytest.approx({"A": 186.0, "B": 68.5, "C": -56.75, "D": 2.25})
    # round 1: C to 0, its 56.75 taken from A, B, D in proportion to shares 0.8 : 0.3 : 0.05
    first = steps.rounds[0]
    assert first.zeroed == ("C",)
    assert first.shortfall == pytest.approx(56.75)
    assert first.values["A"] == pytest.approx(186.0 - 56.75 * 0.8 / 1.15)  # 146.5217
    assert first.values["B"] == pytest.approx(68.5 - 56.75 * 0.3 / 1.15)  # 53.6957
    assert first.values["D"] == pytest.approx(2.25 - 56.75 * 0.05 / 1.15)  # −0.2174
    # round 2: D is now negative: to 0, its 0.2174 taken from A and B (0.8 : 0.3)
    second = steps.rounds[1]
    assert second.zeroed == ("D",)
    assert second.shortfall == pytest.approx(-(2.25 - 56.75 * 0.05 / 1.15))
    assert len(steps.rounds) == 2
    # exact values: A 1610/11 = 146.36, B 590/11 = 53.64, C 0, D 0 (sum 200)
    assert steps.exact == pytest.approx({"A": 1610 / 11, "B": 590 / 11, "C": 0.0, "D": 0.0})
    # largest remainder: 146 + 53 = 199; B's remainder 0.64 > A's 0.36, so B gets the last one
    assert steps.quota == {"A": 146, "B": 54, "C": 0, "D": 0}
    assert steps.rounded_up == ("B",)


def test_no_negative_needs_no_round():
    # REQ: NAT-1
    world = [
        MunicipalityFigures("A", "R", 60_000, 5_000, 0),
        MunicipalityFigures("B", "R", 40_000, 5_000, 0),
    ]
    steps = quotas(world, landstal=100)
    # A: 0.6 − (0.5 − 0.6) = 0.7 → 70; B: 0.4 − (0.5 − 0.4) = 0.3 → 30
    assert steps.rounds == ()
    assert steps.quota == {"A": 70, "B": 30}


def test_regional_agreement_trades_within_region_only():
    # REQ: NAT-1
    quota = {"A": 146, "B": 54, "C": 0, "D": 0}
    regions = {m.code: m.region for m in WORLD}
    ok = regional_agreement(quota, regions, "R1", {"A": 130, "B": 70})
    assert ok.accepted and ok.quota == {"A": 130, "B": 70, "C": 0, "D": 0}
    changed_total = regional_agreement(quota, regions, "R1", {"A": 130, "B": 60})
    assert not changed_total.accepted and "200 to 190" in changed_total.reason
    assert changed_total.quota == quota
    outside = regional_agreement(quota, regions, "R1", {"A": 136, "C": 10})
    assert not outside.accepted and "C" in outside.reason
    negative = regional_agreement(quota, regions, "R1", {"A": 201, "B": -1})
    assert not negative.accepted


def test_revision_recomputes_rest_of_year_from_placed():
    # REQ: NAT-1
    placed = {"A": 100, "B": 20, "C": 0, "D": 5}
    current = {"A": 146, "B": 54, "C": 0, "D": 0}
    # 200 → 260 is 30 %: below the 40 % threshold of a landstal ≤ 8,000; nothing changes
    kept = revise(WORLD, 200, 260, placed, current)
    assert not kept.allowed and kept.threshold == pytest.approx(0.40)
    assert kept.quota == current and kept.remaining == {"A": 46, "B": 34, "C": 0, "D": 0}
    # 200 → 300 is 50 %: recomputed. The formula on 300 (× 345):
    #   A 276 − 10 = 266, B 103.5 − 5 = 98.5, C −51.75 − 20 = −71.75, D 17.25 − 10 = 7.25;
    #   C to 0, 71.75 from A, B, D by 0.8 : 0.3 : 0.05.
    rev = revise(WORLD, 200, 300, placed, current)
    assert rev.allowed and rev.change == pytest.approx(0.5)
    a = 266 - 71.75 * 0.8 / 1.15
    b = 98.5 - 71.75 * 0.3 / 1.15
    d = 7.25 - 71.75 * 0.05 / 1.15
    assert rev.steps is not None
    assert rev.steps.exact == pytest.approx({"A": a, "B": b, "C": 0.0, "D": d})
    # rest of the year = new exact − placed: D has 5 placed against 4.13, so D's rest is 0 and
    # its 0.87 is taken from A and B in proportion to their new exact quotas
    short = 5 - d
    rest_a = a - 100 - short * a / (a + b)  # 115.45
    rest_b = b - 20 - short * b / (a + b)  # 59.55
    assert rest_a + rest_b == pytest.approx(175)
    assert rev.remaining == {"A": 115, "B": 60, "C": 0, "D": 0}  # B's remainder is larger
    assert rev.quota == {"A": 215, "B": 80, "C": 0, "D": 5}
    assert sum(rev.quota.values()) == 300


def test_revision_threshold_above_8000_is_25_percent():
    # REQ: NAT-1
    big = [
        MunicipalityFigures(m.code, m.region, m.population, m.nonwestern, m.reunified * 10)
        for m in WORLD
    ]
    current = quotas(big, 10_000).quota
    assert not revise(big, 10_000, 12_400, {}, current).allowed  # 24 %
    rev = revise(big, 10_000, 12_600, {}, current)  # 26 %
    assert rev.allowed and sum(rev.quota.values()) == 12_600
    with pytest.raises(QuotaError):
        revise(big, 10_000, 100, {"A": 5_000}, current)  # fewer than already placed


@st.composite
def worlds(draw):
    n = draw(st.integers(1, 12))
    out = []
    for i in range(n):
        out.append(
            MunicipalityFigures(
                f"M{i}",
                f"R{i % 3}",
                population=draw(st.integers(1, 500_000)),
                nonwestern=draw(st.integers(1, 60_000)),
                reunified=draw(st.integers(0, 400)),
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(worlds(), st.integers(0, 20_000))
def test_quota_properties(world, landstal):
    # REQ: NAT-1
    steps = quotas(world, landstal)
    assert sum(steps.quota.values()) == landstal
    assert all(v >= 0 for v in steps.quota.values())
    assert all(v >= 0 for v in steps.exact.values())
    assert sum(steps.exact.values()) == pytest.approx(landstal, abs=1e-6)
    # rounding moves no quota by a whole household or more
    assert all(abs(steps.quota[k] - steps.exact[k]) < 1 for k in steps.quota)


@settings(max_examples=100, deadline=None)
@given(worlds(), st.integers(1, 20_000), st.integers(0, 40_000), st.data())
def test_revision_properties(world, old, new, data):
    # REQ: NAT-1
    current = quotas(world, old).quota
    placed = {k: data.draw(st.integers(0, v)) for k, v in current.items()}
    if new < sum(placed.values()):
        return
    rev = revise(world, old, new, placed, current)
    assert all(v >= 0 for v in rev.remaining.values())
    if rev.allowed:
        assert sum(rev.quota.values()) == new
        assert all(rev.quota[k] >= placed[k] for k in rev.quota)
