"""A figure's small counts and their complements hidden for display (MI-6)."""

from __future__ import annotations

from velkomst.engines.disclosure import Reason
from velkomst.indicators.library import Unit
from velkomst.indicators.suppression import shown


def _f(population: int, numerator: int, value: str | None = None) -> dict:
    return {
        "value": value,
        "numerator": str(numerator),
        "denominator": str(population),
        "population": population,
    }


def test_a_small_numerator_hides_the_group_and_a_complement_in_its_breakdown():
    # REQ: MI-6
    # unit A: 2 of 10 in work (a small numerator), B: 8 of 10, C: 9 of 12; total 19 of 32
    total = _f(32, 19, "59.4")
    groups = {
        "unit": {"A": _f(10, 2, "20.0"), "B": _f(10, 8, "80.0"), "C": _f(12, 9, "75.0")},
        "sex": {"F": _f(16, 10, "62.5"), "M": _f(16, 9, "56.3")},
    }
    result = shown(total, groups, Unit.SHARE, 5)
    unit = result.groups["unit"]
    assert unit["A"].reason == Reason.SMALL_NUMERATOR and unit["A"].text == "<5"
    # the next smallest (by population, then by numerator) is hidden too: B
    assert unit["B"].reason == Reason.COMPLEMENTARY and unit["B"].text == "–"
    assert unit["B"].value is None and unit["B"].population is None
    assert not unit["C"].suppressed and unit["C"].value == "75.0"
    assert not result.total.suppressed and result.total.numerator == "19"
    assert not any(f.suppressed for f in result.groups["sex"].values())


def test_zero_is_shown_and_amounts_are_no_counts():
    # REQ: MI-6
    result = shown(_f(20, 0, "0.0"), {"sex": {"F": _f(10, 0), "M": _f(10, 0)}}, Unit.SHARE, 5)
    assert not result.total.suppressed and result.total.value == "0.0"
    kroner = shown(_f(20, 3), {"kind": {"a": _f(10, 1), "b": _f(10, 2)}}, Unit.AMOUNT, 5)
    assert not kroner.total.suppressed and not kroner.groups["kind"]["a"].suppressed
