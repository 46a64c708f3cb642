"""The library's generic part: aggregation by unit, groups, drill-down, and every key unique."""

from __future__ import annotations

from decimal import Decimal

from velkomst.indicators.library import Item, Unit, aggregate, all_definitions


def test_a_share_is_the_percentage_of_items_whose_event_happened():
    # REQ: MI-1
    figure = aggregate(Unit.SHARE, [Item(1), Item(0), Item(0)])
    assert (figure.value, figure.numerator, figure.denominator) == (Decimal("33.3"), 1, 3)
    assert aggregate(Unit.SHARE, []).value is None


def test_a_share_of_hours_weighs_each_item_by_its_hours():
    # REQ: MI-1
    # 30 of 37 hours enterprise-directed, and 0 of 10: 30 / 47
    figure = aggregate(Unit.SHARE, [Item(30, weight=37), Item(0, weight=10)])
    assert (figure.value, figure.numerator, figure.denominator) == (Decimal("63.8"), 30, 47)
    assert figure.population == 2


def test_days_are_the_median_and_sums_add_up():
    # REQ: MI-1
    assert aggregate(Unit.DAYS, [Item(10), Item(40), Item(12)]).value == Decimal("12.0")
    assert aggregate(Unit.AMOUNT, [Item(8000), Item(4100)]).value == Decimal(12100)
    assert aggregate(Unit.AMOUNT, []).value == 0
    assert aggregate(Unit.COUNT, [Item(0), Item(5)]).value == 2
    assert aggregate(Unit.AVERAGE, [Item(1), Item(2)]).value == Decimal("1.5")


def test_every_definition_says_what_it_counts_and_its_key_is_unique():
    # REQ: MI-1
    definitions = all_definitions()
    assert len({d.key for d in definitions}) == len(definitions) >= 1
    for d in definitions:
        assert str(d.name) and len(str(d.description)) > 40, d.key
        assert d.sources, d.key
