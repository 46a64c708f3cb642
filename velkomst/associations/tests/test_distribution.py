"""The distribution key: largest remainder (Hamilton), exact quotas, a deterministic tie-break."""

from __future__ import annotations

import ast
import math
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.associations.distribution import (
    NO_ASSOCIATIONS,
    NO_MOVE_OUTS,
    AssociationCount,
    add_months,
    deal,
    distribute,
    key_period,
)


def counts(*values):
    return [AssociationCount(i, f"Forening {chr(65 + i)}", v) for i, v in enumerate(values)]


def test_it_gives_whole_parts_then_the_largest_remainders():
    # REQ: HOU-5
    result = distribute(counts(72, 36, 12), 7)  # quotas 4.2, 2.1, 0.7
    assert [s.quota for s in result.shares] == [Fraction(21, 5), Fraction(21, 10), Fraction(7, 10)]
    assert [s.whole for s in result.shares] == [4, 2, 0]
    assert [s.share for s in result.shares] == [4, 2, 1]
    assert [s.extra for s in result.shares] == [False, False, True]
    assert result.problem is None and result.total_move_outs == 120 and result.left_over == 1


def test_equal_remainders_go_by_name():
    # REQ: HOU-5
    names = [
        AssociationCount(1, "Åbo", 5),
        AssociationCount(2, "Bybo", 5),
        AssociationCount(3, "Abo", 5),
    ]
    result = distribute(names, 1)
    assert {s.name: s.share for s in result.shares} == {"Åbo": 0, "Bybo": 0, "Abo": 1}
    assert distribute(list(reversed(names)), 1).by_key[3].share == 1


def test_no_move_outs_is_explained_not_a_crash():
    # REQ: HOU-5
    result = distribute(counts(0, 0), 4)
    assert result.problem == NO_MOVE_OUTS
    assert [s.share for s in result.shares] == [0, 0]
    assert distribute([], 3).problem == NO_ASSOCIATIONS
    assert deal(result, [1, 2, 3, 4]) == {}


def test_negative_numbers_are_refused():
    with pytest.raises(ValueError):
        distribute(counts(1), -1)
    with pytest.raises(ValueError):
        distribute(counts(-1, 2), 1)


def test_dealing_spreads_the_urgent_households_in_turns():
    # REQ: HOU-5
    result = distribute(counts(72, 36, 12), 7)  # shares 4, 2, 1
    assigned = deal(result, ["h1", "h2", "h3", "h4", "h5", "h6", "h7"])
    assert assigned == {
        "h1": 0, "h2": 1, "h3": 2,  # one each, largest share first
        "h4": 0, "h5": 1,
        "h6": 0,
        "h7": 0,
    }  # fmt: skip


def test_the_key_period_is_the_months_before_the_meeting():
    # REQ: HOU-5
    assert key_period(date(2026, 3, 15), 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert len(key_period(date(2026, 1, 1), 12)) == 12
    assert key_period(date(2026, 1, 1), 12)[0] == date(2025, 1, 1)
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)
    with pytest.raises(ValueError):
        key_period(date(2026, 1, 1), 0)


def test_the_module_imports_no_django():
    # REQ: HOU-5
    tree = ast.parse((Path(__file__).parents[1] / "distribution.py").read_text())
    imported: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported.append(node.module or "")
    assert not any(str(m).split(".")[0] in {"django", "velkomst"} for m in imported)


move_outs = st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=12)
households = st.integers(min_value=0, max_value=200)


@settings(max_examples=300, deadline=None)
@given(values=move_outs, n=households)
def test_property_shares_sum_to_the_households(values, n):
    # REQ: HOU-5
    result = distribute(counts(*values), n)
    if sum(values) == 0:
        assert result.problem == NO_MOVE_OUTS and all(s.share == 0 for s in result.shares)
    else:
        assert sum(s.share for s in result.shares) == n


@settings(max_examples=300, deadline=None)
@given(values=move_outs, n=households)
def test_property_each_share_is_the_quota_rounded_down_or_up(values, n):
    # REQ: HOU-5
    total = sum(values)
    for s, v in zip(distribute(counts(*values), n).shares, values, strict=True):
        if total:
            exact = Fraction(n * v, total)
            assert s.quota == exact
            assert s.share in (math.floor(exact), math.ceil(exact))


@settings(max_examples=300, deadline=None)
@given(values=move_outs, n=households)
def test_property_more_move_outs_never_get_fewer(values, n):
    # REQ: HOU-5
    shares = distribute(counts(*values), n).shares
    for a in shares:
        for b in shares:
            if a.move_outs > b.move_outs:
                assert a.share >= b.share


@settings(max_examples=300, deadline=None)
@given(values=move_outs, n=households)
def test_property_no_move_outs_get_nothing_and_dealing_matches_the_shares(values, n):
    # REQ: HOU-5
    result = distribute(counts(*values), n)
    assert all(s.share == 0 for s in result.shares if s.move_outs == 0)
    assigned = deal(result, list(range(n)))
    for s in result.shares:
        assert sum(1 for a in assigned.values() if a == s.key) == s.share
    # deterministic: the same numbers give the same result
    assert distribute(counts(*values), n) == result
