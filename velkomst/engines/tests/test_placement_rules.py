"""Placement rules that hold (HOU-3) and placement dates as a person means them (HOU-4): the
spread cap and "not alone" as hard rules or weighed goals, needed-by dates that have passed, the
households that have waited longest, and the independent rule check of every suggestion."""

import itertools
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from velkomst.engines.placement import (
    Area,
    Dwelling,
    DwellingType,
    Household,
    Options,
    Weights,
    check_assignment,
    render,
    suggest,
)
from velkomst.engines.placement.check import NOT_ALONE, SPREAD, Tally
from velkomst.engines.placement.rules import Instance, Rule
from velkomst.engines.placement.scoring import evaluate, shortfall_of
from velkomst.engines.placement.synthetic import generate_municipality

from .test_placement_properties import SETTINGS, batches, weights

TODAY = date(2026, 12, 6)


def household(id, language="", nationality="", needed_by=TODAY, **values):
    values = {"size": 1, "adults": 1, "children": 0, "rooms_needed": 1, "max_rent": None, **values}
    return Household(
        id=id, language=language, nationality=nationality, needed_by=needed_by, **values
    )


def dwelling(id, area_id, available=TODAY, type=DwellingType.PERMANENT, rooms=1):
    return Dwelling(
        id=id,
        area_id=area_id,
        type=type,
        rooms=rooms,
        size_m2=60.0,
        rent=4000,
        utilities=500,
        available_from=available,
    )


def assignment_of(result):
    return {s.household_id: s.dwelling_id for s in result.assignments}


def codes(unplaced):
    return [r.code for r in unplaced.explanations]


def test_a_hard_cap_is_never_exceeded_to_place_one_more():
    # REQ: HOU-3
    areas = [
        Area("A", "Nord", existing_refugee_households=1, max_refugee_households=2),
        Area("B", "Syd", max_refugee_households=1),
    ]
    hs = [household(f"H{i}") for i in range(3)]
    ds = [dwelling("A1", "A"), dwelling("A2", "A"), dwelling("B1", "B")]
    soft = suggest(hs, ds, areas, options=Options(spread_mode="soft"))
    assert soft.goals is not None
    assert soft.placed == 3 and soft.goals.households_over_cap == 1
    check = check_assignment(hs, ds, areas, assignment_of(soft), Options(spread_mode="soft"))
    assert check.broken == [] and check.over == 1  # a goal: reported, not broken
    options = Options(spread_mode="hard")
    hard = suggest(hs, ds, areas, options=options)
    assert hard.placed == 2 == hard.max_placed
    placed_in = [s.area_id for s in hard.assignments]
    assert placed_in.count("A") == 1 and placed_in.count("B") == 1
    (unplaced,) = hard.unplaced
    assert "taken_cap" in codes(unplaced)  # the rule that stopped it
    assert check_assignment(hs, ds, areas, assignment_of(hard), options).broken == []
    # the check finds the soft run's assignment breaks the cap when the cap is a rule
    broken = check_assignment(hs, ds, areas, assignment_of(soft), options).broken
    assert [b.rule for b in broken] == [SPREAD] and broken[0].area_id == "A"


def small_group_batch():
    """Three Pashto-speaking households with nobody of theirs in the municipality, an
    Arabic-speaking one, and Arabic speakers already living in area A: A has three dwellings,
    B two."""
    areas = [
        Area("A", "Nord", existing_refugee_households=2, existing_by_language={"ar": 2}),
        Area("B", "Syd"),
    ]
    hs = [household(f"P{i}", "ps") for i in range(3)] + [household("R", "ar")]
    ds = [dwelling(f"A{i}", "A") for i in range(3)] + [dwelling(f"B{i}", "B") for i in range(2)]
    return hs, ds, areas


def test_nobody_is_alone_under_a_hard_not_alone_rule_and_the_unplaced_is_told_why():
    # REQ: HOU-3
    hs, ds, areas = small_group_batch()
    soft_options = Options(not_alone_k=2)
    soft = suggest(hs, ds, areas, options=soft_options)
    assert soft.goals is not None
    assert soft.placed == 4 and soft.goals.alone > 0  # the goal gives way to one more placed
    options = Options(not_alone_k=2, not_alone_mode="hard")
    hard = suggest(hs, ds, areas, options=options)
    assert hard.goals is not None
    # the three Pashto speakers together in A; the Arabic speaker would be alone in B
    assert assignment_of(hard).keys() == {"P0", "P1", "P2"}
    assert {s.area_id for s in hard.assignments} == {"A"}
    assert hard.goals.alone == 0 and hard.max_placed == 3 == hard.max_placed_bound
    (unplaced,) = hard.unplaced
    assert unplaced.household_id == "R" and "alone_rule" in codes(unplaced)
    reason = next(r for r in unplaced.explanations if r.code == "alone_rule")
    assert "færre end 2 andre husstande, der taler arabisk" in render(reason, "da")
    assert "fewer than 2 other households speaking Arabic" in render(reason, "en")
    check = check_assignment(hs, ds, areas, assignment_of(hard), options)
    assert check.broken == [] and check.alone == 0
    # the soft run's assignment breaks the rule, household by household
    broken = check_assignment(hs, ds, areas, assignment_of(soft), options).broken
    assert broken and {b.rule for b in broken} == {NOT_ALONE}


def test_fellow_households_can_be_those_of_the_same_nationality():
    # REQ: HOU-3
    areas = [Area("A", "Nord", existing_by_nationality={"Eritrea": 2}), Area("B", "Syd")]
    hs = [household("E", "ti", "Eritrea")]
    ds = [dwelling("A1", "A"), dwelling("B1", "B", type=DwellingType.TEMPORARY)]
    # by language nobody speaks Tigrinya in A: the household is alone anywhere
    by_language = Options(not_alone_k=2, not_alone_mode="hard")
    assert suggest(hs, ds, areas, options=by_language).placed == 0
    by_nationality = Options(not_alone_k=2, not_alone_mode="hard", not_alone_by="nationality")
    result = suggest(hs, ds, areas, options=by_nationality)
    assert assignment_of(result) == {"E": "A1"}


def test_the_greedy_fallback_keeps_the_hard_rules_too():
    # REQ: HOU-3
    hs, ds, areas = small_group_batch()
    options = Options(not_alone_k=2, not_alone_mode="hard", spread_mode="hard", solver="greedy")
    result = suggest(hs, ds, areas, options=options)
    assert check_assignment(hs, ds, areas, assignment_of(result), options).broken == []


def test_a_family_in_temporary_housing_for_months_gets_a_permanent_dwelling_free_today():
    # REQ: HOU-4
    summer = date(2026, 6, 1)
    family = household(
        "F",
        size=4,
        adults=2,
        children=2,
        rooms_needed=2,
        needed_by=summer,
        temporary_since=summer - timedelta(days=14),
    )
    flat = dwelling("D", "A", available=TODAY, rooms=3)
    areas = [Area("A", "Nord")]
    # compared as it stands, the past date rules out every dwelling free now
    stale = suggest([family], [flat], areas)
    assert stale.placed == 0
    assert stale.unplaced[0].explanations[0].params["rules"] == [str(Rule.AVAILABLE)]
    result = suggest([family], [flat], areas, options=Options(today=TODAY))
    (s,) = result.assignments
    assert s.dwelling_id == "D" and s.parts["family_permanent"] > 0
    waited = (TODAY - family.temporary_since).days
    assert s.parts["waited"] == pytest.approx(Weights().waited)  # past the reference days
    texts = {render(r, "da") for r in s.explanations}
    assert f"Har ventet {waited} dage i midlertidig bolig" in texts
    assert f"Has waited {waited} days in temporary housing" in {
        render(r, "en") for r in s.explanations
    }
    assert any("er passeret" in t for t in texts)


def test_the_household_that_has_waited_longest_gets_the_one_dwelling():
    # REQ: HOU-4
    late = household("late", needed_by=TODAY - timedelta(days=20))
    long = household("long", temporary_since=TODAY - timedelta(days=143))
    fresh = household("fresh", needed_by=TODAY)
    result = suggest(
        [fresh, late, long], [dwelling("D", "A")], [Area("A", "Nord")], options=Options(today=TODAY)
    )
    (s,) = result.assignments
    assert s.household_id == "long"
    assert "Har ventet 143 dage i midlertidig bolig" in s.reasons
    late_parts = suggest(
        [late], [dwelling("D", "A")], [Area("A", "Nord")], options=Options(today=TODAY)
    ).assignments[0]
    assert late_parts.parts["waited"] == pytest.approx(Weights().waited * 20 / 180)
    assert "Har ventet 20 dage efter den dato, husstanden skulle have bolig" in late_parts.reasons


# --- Every suggestion passes the independent rule check (hypothesis) --------------------------


def lexicographic_max(inst, w):
    """The most households any assignment places under the hard rules (brute force)."""
    opts = inst.options
    best = 0
    for choice in itertools.product(range(-1, inst.n_dwellings), repeat=inst.n_households):
        used = [d for d in choice if d >= 0]
        if len(used) != len(set(used)) or len(used) <= best:
            continue
        if any(d >= 0 and not inst.feasible[h, d] for h, d in enumerate(choice)):
            continue
        assignment = {h: d for h, d in enumerate(choice) if d >= 0}
        ev = evaluate(inst, w, assignment)
        if opts.spread_mode == "hard" and np.any(ev.placed_by_area > inst.headroom):
            continue
        if opts.not_alone_mode == "hard":
            short = shortfall_of(opts.not_alone_k, inst.existing_group, ev.placed_by_group)
            if short.any():
                continue
        best = len(assignment)
    return best


rule_options = st.builds(
    Options,
    top_k=st.sampled_from([None, 1, 2]),
    spread_mode=st.sampled_from(["soft", "hard"]),
    not_alone_mode=st.sampled_from(["soft", "hard"]),
    not_alone_by=st.sampled_from(["language", "nationality"]),
    not_alone_k=st.integers(0, 2),
    default_cap=st.none() | st.integers(0, 3),
    today=st.none() | st.just(date(2026, 3, 15)),
    gap=st.just(0.005),
    time_limit=st.just(20.0),
)


@SETTINGS
@given(batches(), rule_options, weights)
def test_every_suggestion_passes_the_independent_rule_check(batch, opts, w):
    # REQ: HOU-3
    hs, ds, area_list = batch
    result = suggest(hs, ds, area_list, w, opts)
    check = check_assignment(hs, ds, area_list, assignment_of(result), opts)
    assert check.broken == []
    inst = Instance.build(hs, ds, area_list, opts)
    most = lexicographic_max(inst, w)
    event(f"spread={opts.spread_mode} not_alone={opts.not_alone_mode} placed={result.placed}")
    assert result.placed == most == result.max_placed
    for u in result.unplaced:
        assert u.explanations


def test_the_tally_refuses_what_a_hard_rule_forbids():
    # REQ: HOU-3
    areas = [
        Area(
            "A",
            "Nord",
            existing_refugee_households=1,
            max_refugee_households=2,
            existing_by_language={"ar": 1},
        )
    ]
    options = Options(spread_mode="hard", not_alone_mode="hard", not_alone_k=2)
    tally = Tally(areas, options)
    ar = household("R", "ar")
    assert tally.breaks(ar, "A") == [NOT_ALONE]
    tally.add("A", "ar")
    assert tally.breaks(ar, "A") == [SPREAD]  # two Arabic speakers there now, but no room


def test_the_municipality_size_instance_places_as_many_as_the_rules_allow():
    # REQ: HOU-3
    batch = generate_municipality(households=120, dwellings=100, areas=12, seed=7)
    vulnerable = [a for a in batch.areas if a.vulnerable]
    assert len(vulnerable) == 2
    options = Options(
        spread_mode="hard",
        not_alone_mode="hard",
        not_alone_by="nationality",
        default_cap=20,
        time_limit=20,
    )
    result = suggest(batch.households, batch.dwellings, batch.areas, options=options)
    check = check_assignment(
        batch.households, batch.dwellings, batch.areas, assignment_of(result), options
    )
    assert check.broken == [] and check.over == 0 and check.alone == 0
    assert result.placed == result.max_placed and result.max_placed_bound == result.max_placed
