"""The national employment model (NAT-2) on small synthetic worlds with a known truth:
trained, calibrated, validated on held-out cohorts, described by a card from the run."""

from dataclasses import replace
from functools import cache

import numpy as np
import pytest

from velkomst.engines.national.data import adults_arrays
from velkomst.engines.national.model import Options, TrainingError, train
from velkomst.engines.national.synthetic import generate


@cache
def world():
    return generate(
        seed=7, n_municipalities=20, n_households=200, history_cohorts=3, history_households=1500
    )


@cache
def model():
    w = world()
    return train(list(w.history), list(w.places))


def test_card_from_the_training_run():
    # REQ: NAT-2
    card = model().card
    assert card.data_period == "cohorts 2020–2021 (trained), 2022 (held out)"
    assert [m.horizon for m in card.metrics] == [1, 2, 3]
    held_out = sum(1 for h in world().history if h.cohort == 2022)
    assert card.n_holdout == held_out
    assert card.n_train == len(world().history) - held_out
    assert "same-year arrivals of the group per 1,000 inhabitants" in card.features
    assert "municipality × group" in card.features
    assert card.known_limits


def test_validation_figures_on_held_out_cohort():
    # REQ: NAT-2
    for m in model().card.metrics:
        assert 0.7 < m.auc < 1.0
        assert m.brier < m.brier_base  # better than the base rate alone
        assert sum(b.n for b in m.reliability) == m.n
        # calibrated: the mean prediction is close to the observed share
        mean_p = sum(b.predicted * b.n for b in m.reliability) / m.n
        assert mean_p == pytest.approx(m.base_rate, abs=0.04)
        assert {s.name for s in m.by_sex} == {"women", "men"}
        assert sum(s.n for s in m.by_age) == m.n
        assert sum(s.n for s in m.by_group) == m.n
        # the gender gap of the truth is seen, predicted and observed
        women, men = sorted(m.by_sex, key=lambda s: s.name != "women")
        assert men.observed > women.observed + 0.15 and men.predicted > women.predicted + 0.15
    three = model().card.metrics[-1]
    assert 0.35 < three.base_rate < 0.6  # domain-facts: 43-45 % after 3 years


def test_learnt_levers_have_the_truths_signs():
    # REQ: NAT-2
    c = model().coefficients[3]
    assert c.employment > 0  # a better local labour market helps
    assert c.stock > 0  # more countrymen living there help
    assert c.arrivals_per_1000 < 0  # crowding the same year hurts


def test_prediction_is_the_sum_of_its_parts():
    # REQ: NAT-2
    m, w = model(), world()
    a = m.arrays(list(w.arrivals))
    muni = np.arange(len(a.household_ids)) % m.world.m
    p = m.probability(a, muni[a.household])
    assert p.shape == (a.n,) and ((0 < p) & (p < 1)).all()
    assert m.expected_employed(a, muni) == pytest.approx(float(p.sum()))
    # crowding: the same adults all in one small municipality do worse than spread out
    small = int(np.argmin(m.world.population))
    crowded = m.expected_employed(a, np.full(len(a.household_ids), small))
    alone = sum(
        m.expected_employed(adults_arrays([x], m.groups), np.array([small])) for x in w.arrivals
    )
    assert crowded < alone


def test_one_cohort_holds_out_households_and_only_3_years():
    # REQ: NAT-2
    w = world()
    history = [replace(h, cohort=0, employed_1y=None, employed_2y=None) for h in w.history]
    m = train(history, list(w.places), Options(context=False, interactions=False))
    assert [x.horizon for x in m.card.metrics] == [3]
    assert "one cohort" in m.card.data_period
    assert "municipality × group" not in m.card.features
    assert 0.1 < m.card.n_holdout / len(history) < 0.3


def test_history_without_variation_or_rows_is_refused():
    # REQ: NAT-2
    w = world()
    with pytest.raises(TrainingError):
        train([], list(w.places))
    same = [replace(h, employed_3y=True, employed_1y=None, employed_2y=None) for h in w.history]
    with pytest.raises(TrainingError, match="same outcome"):
        train(same, list(w.places))
