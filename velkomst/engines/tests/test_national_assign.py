"""Assignment of households to municipalities (NAT-1), against the synthetic world's true
model: every hard rule holds, the network and crowding terms pay off, the reasons are data,
and the online weeks keep the year's quotas."""

import itertools
from functools import cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from velkomst.engines.national import assign as engine
from velkomst.engines.national.data import Adult, adults_arrays
from velkomst.engines.national.synthetic import GROUPS, generate, true_expected

WHY = {"quota", "group_cap", "treatment", "fixed", "objective"}


@cache
def world():
    return generate(
        seed=11, n_municipalities=15, n_households=300, history_cohorts=1, history_households=10
    )


def setup():
    w = world()
    a = adults_arrays(list(w.arrivals), GROUPS)
    codes = tuple(p.code for p in w.places)
    quota = np.array([p.quota_households for p in w.places], dtype=np.int64)
    treat = np.array([p.treatment_services for p in w.places])
    special = np.array([h in w.special_needs for h in a.household_ids])
    return w, a, codes, quota, treat, special


def check_rules(out, quota, treat, special, fixed=None, hg=None, cap=None):
    assert (out >= 0).all()
    assert (np.bincount(out, minlength=quota.size) <= quota).all()
    assert treat[out[special]].all()
    for h, m in (fixed or {}).items():
        assert out[h] == m
    if cap is not None:
        n = np.zeros_like(cap)
        np.add.at(n, out, hg)
        assert (n <= cap + 1e-9).all()


def test_batch_holds_every_rule_and_beats_quota_random():
    # REQ: NAT-1
    w, a, codes, quota, treat, special = setup()
    fixed = {0: 3, 1: 5}
    res = engine.assign(w.truth, a, codes, len(GROUPS), quota, treat, special, fixed=fixed)
    check_rules(res.assignment, quota, treat, special, fixed)
    assert len(res.suggestions) == len(a.household_ids)
    assert res.objective <= res.bound + 1e-6
    rng = np.random.default_rng(0)
    random = np.mean(
        [
            true_expected(w.truth, a, engine.quota_random(quota, treat, special, rng))
            for _ in range(10)
        ]
    )
    assert true_expected(w.truth, a, res.assignment) > random * 1.03
    # the predicted figure is the predictor's (here the truth's) for the assignment as a whole
    assert abs(res.expected - true_expected(w.truth, a, res.assignment)) < 1e-6


def test_network_and_crowding_terms_pay_off():
    # REQ: NAT-1
    w, a, codes, quota, treat, special = setup()
    with_terms = engine.assign(w.truth, a, codes, len(GROUPS), quota, treat, special)
    alone = engine.assign(
        w.truth, a, codes, len(GROUPS), quota, treat, special, options=engine.Options(context=False)
    )
    assert true_expected(w.truth, a, with_terms.assignment) > true_expected(
        w.truth, a, alone.assignment
    )


def test_group_cap_holds():
    # REQ: NAT-1
    w, a, codes, quota, treat, special = setup()
    hg = engine.household_groups(a, len(GROUPS))
    cap = np.full((len(codes), len(GROUPS)), 12.0)
    res = engine.assign(
        w.truth, a, codes, len(GROUPS), quota, treat, special, options=engine.Options(group_cap=cap)
    )
    check_rules(res.assignment, quota, treat, special, hg=hg, cap=cap)


def test_reasons_are_data():
    # REQ: NAT-1
    w, a, codes, quota, treat, special = setup()
    res = engine.assign(w.truth, a, codes, len(GROUPS), quota, treat, special)
    for s in res.suggestions:
        assert s.municipality in codes and 0 < s.chance < 1
        assert len(s.alternatives) == 3
        assert all(x.why_not in WHY and x.municipality != s.municipality for x in s.alternatives)
        assert s.bound in WHY | {""}
        better = [x for x in s.alternatives if x.chance > s.chance + 1e-9]
        assert s.bound == (better[0].why_not if better else "")
    needy = [s for s, n in zip(res.suggestions, special, strict=True) if n]
    assert any(x.why_not == "treatment" for s in needy for x in s.alternatives)


def test_small_instance_matches_brute_force_without_terms():
    # REQ: NAT-1
    # without the same-year terms the programme is a transportation problem: the optimum
    w, a, codes, quota, treat, special = setup()
    sub = adults_arrays(
        [x for x in w.arrivals if x.household_id in {"h0", "h1", "h2", "h3", "h4"}], GROUPS
    )
    cap = np.array([2, 1, 2] + [0] * (len(codes) - 3), dtype=np.int64)
    no_treat = np.ones(len(codes), dtype=bool)
    res = engine.assign(
        w.truth, sub, codes, len(GROUPS), cap, no_treat, options=engine.Options(context=False)
    )
    first = np.zeros((len(codes), len(GROUPS))) + 1.0
    muni = np.broadcast_to(np.arange(len(codes)), (sub.n, len(codes))).ravel()
    grp = np.repeat(sub.group, len(codes))
    ctx = w.truth.context_logit(first[muni, grp], muni, grp).reshape(sub.n, len(codes))
    p = 1 / (1 + np.exp(-(w.truth.base_logit(sub) + ctx)))
    score = np.zeros((5, len(codes)))
    np.add.at(score, sub.household, p)
    best = max(
        sum(score[h, m] for h, m in enumerate(combo))
        for combo in itertools.product(range(3), repeat=5)
        if all(combo.count(m) <= cap[m] for m in range(3))
    )
    assert sum(score[h, m] for h, m in enumerate(res.assignment)) >= best - 1e-6


def test_online_weeks_hold_the_years_quotas_and_pace():
    # REQ: NAT-1
    w, a, codes, quota, treat, special = setup()
    weeks = np.zeros(len(a.household_ids), dtype=np.int64)
    for i, x in enumerate(w.arrivals):
        weeks[a.household[i]] = x.arrival_week
    on = engine.assign_online(w.truth, a, weeks, codes, len(GROUPS), quota, treat, special)
    check_rules(on.assignment, quota, treat, special)
    assert sum(n for _, n, _ in on.weeks) == len(a.household_ids)
    # pacing: by mid-year the municipalities have used their quotas more evenly than without
    first_half = weeks <= 26
    unpaced = engine.assign_online(
        w.truth, a, weeks, codes, len(GROUPS), quota, treat, special, pace=False
    )

    def spread(out):
        used = np.bincount(out[first_half], minlength=quota.size) / np.maximum(quota, 1)
        return float(np.std(used[quota > 0]))

    assert spread(on.assignment) < spread(unpaced.assignment)
    batch = engine.assign(w.truth, a, codes, len(GROUPS), quota, treat, special)
    assert true_expected(w.truth, a, on.assignment) > 0.9 * true_expected(
        w.truth, a, batch.assignment
    )


@given(st.integers(0, 10_000), st.integers(1, 60), st.floats(0.0, 1.0))
@settings(max_examples=40, deadline=None)
def test_paced_capacity_leaves_room_for_the_week(total, week, slack):
    # REQ: NAT-1
    rng = np.random.default_rng(total)
    remaining = rng.multinomial(total, np.ones(7) / 7).astype(np.int64)
    week = min(week, total)
    cap = engine.paced_capacity(remaining, week, total, slack)
    assert (cap <= remaining).all() and cap.sum() >= week


@st.composite
def instances(draw):
    m = draw(st.integers(1, 5))
    hh = draw(st.integers(1, 12))
    adults = []
    for h in range(hh):
        for _k in range(draw(st.integers(1, 2))):
            adults.append(
                Adult(
                    f"h{h}",
                    draw(st.sampled_from(GROUPS[:3])),
                    draw(st.booleans()),
                    draw(st.integers(0, 3)),
                    draw(st.integers(18, 60)),
                    draw(st.booleans()),
                    2,
                )
            )
    treat = np.array([draw(st.booleans()) for _ in range(m)])
    treat[0] = True
    special = np.array([draw(st.booleans()) for _ in range(hh)])
    quota = np.array([draw(st.integers(0, hh)) for _ in range(m)], dtype=np.int64)
    quota[0] += special.sum()
    short = hh - int(quota.sum())
    if short > 0:
        quota[-1] += short
    return adults, treat, special, quota


@given(instances(), st.booleans())
@settings(max_examples=30, deadline=None)
def test_property_every_household_placed_within_rules(inst, context):
    # REQ: NAT-1
    adults, treat, special, quota = inst
    w = world()
    m = quota.size
    truth = w.truth
    a = adults_arrays(adults, GROUPS)
    codes = tuple(p.code for p in w.places)[:m]
    sub_truth = type(truth)(
        truth.groups,
        truth.population[:m],
        truth.employment[:m],
        truth.stock[:m],
        truth.municipality[:m],
        truth.municipality_educated[:m],
        truth.municipality_group[:m],
    )
    res = engine.assign(
        sub_truth,
        a,
        codes,
        len(GROUPS),
        quota,
        treat,
        special,
        options=engine.Options(context=context),
    )
    check_rules(res.assignment, quota, treat, special)


def test_online_late_special_needs_keep_the_treatment_rule_and_report_any_excess():
    # REQ: NAT-1
    w, a, codes, quota, treat, special = setup()
    weeks = np.zeros(len(a.household_ids), dtype=np.int64)
    for i, x in enumerate(w.arrivals):
        weeks[a.household[i]] = x.arrival_week
    # those needing treatment services (5 %, as usual) all arrive in the last weeks
    late = np.flatnonzero(weeks >= 44)
    special = np.zeros(len(a.household_ids), dtype=bool)
    special[late[: int(0.05 * len(a.household_ids))]] = True
    on = engine.assign_online(w.truth, a, weeks, codes, len(GROUPS), quota, treat, special)
    # the treatment rule always holds; where the room kept back (1.5 × the share seen so far)
    # was not enough for so many so late, the places beyond the quotas are reported, not hidden
    assert (on.assignment >= 0).all() and treat[on.assignment[special]].all()
    excess = np.maximum(0, np.bincount(on.assignment, minlength=quota.size) - quota).sum()
    assert on.over_quota == excess
    # spread over the year as usual, the same number fit within the quotas (the online test
    # above); here the reserve kept most of them within quota
    assert excess < special.sum()
