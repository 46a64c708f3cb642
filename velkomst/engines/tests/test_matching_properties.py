"""Matching engine (PRG-4), property tests: no batch fill ever breaks a hard rule or a capacity,
the optimum is never worse than greedy, the bound never below the objective, and the optimum
equals brute force on tiny batches."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from velkomst.engines.matching import Opening, Seeker, Weights, check_fill, fill, score_pair

TRADES = ["9112", "9111", "9121", "5120"]
# trades recorded in words (no code) and openings' titles, compared by their words
WORDS = ["Tømrer", "tømrerhjælper", "Kok", "Buschauffør"]
TITLES = ["", "Tømrerhjælper", "Kok i kantine", "Buschauffør"]
SKILLS = ["a", "b", "c"]
AREAS = [1, 2, 3]
TRAVEL = {(a, b): 10 + 30 * abs(a - b) for a in AREAS for b in AREAS}  # 1 -> 3: 70 min


seekers_st = st.builds(
    Seeker,
    id=st.integers(0, 10_000),
    trades=st.lists(st.sampled_from(TRADES + WORDS), max_size=3, unique=True).map(tuple),
    experience=st.dictionaries(st.sampled_from(TRADES + WORDS), st.floats(0, 6), max_size=2),
    danish=st.integers(0, 6),
    skills=st.frozensets(st.sampled_from(SKILLS)),
    area_id=st.none() | st.sampled_from(AREAS),
    max_hours=st.none() | st.sampled_from([15.0, 20.0, 30.0]),
)
openings_st = st.builds(
    Opening,
    id=st.integers(0, 10_000),
    trade=st.sampled_from([*TRADES, ""]),
    title=st.sampled_from(TITLES),
    danish_required=st.integers(0, 5),
    skills=st.frozensets(st.sampled_from(SKILLS)),
    hours_per_week=st.sampled_from([10.0, 20.0, 25.0, 37.0]),
    area_id=st.none() | st.sampled_from(AREAS),
    places=st.integers(0, 3),
)
weights_st = st.builds(
    Weights,
    max_travel_minutes=st.sampled_from([30, 45, 60]),
    danish_tolerance=st.integers(0, 2),
    min_score=st.sampled_from([0.0, 40.0]),
)


def unique(items, key=lambda x: x.id):
    seen, out = set(), []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


# REQ: PRG-4
@given(
    st.lists(openings_st, max_size=6).map(unique),
    st.lists(seekers_st, max_size=12).map(unique),
    weights_st,
)
def test_fill_never_breaks_a_rule_and_beats_greedy(jobs, people, weights):
    result = fill(jobs, people, TRAVEL, weights, time_limit=10)
    pairs = [(m.opening_id, m.seeker_id) for m in result.assignments]
    assert check_fill(jobs, people, TRAVEL, weights, pairs) == []
    assert all(m.eligible and m.score >= weights.min_score for m in result.assignments)
    assert result.objective >= result.greedy_objective - 1e-6
    assert result.bound >= result.objective - 1e-6
    assert result.status == "optimal"
    assert abs(sum(m.score for m in result.assignments) - result.objective) < 1e-4


# REQ: PRG-4
@given(
    st.lists(openings_st, min_size=1, max_size=3).map(unique),
    st.lists(seekers_st, min_size=1, max_size=4).map(unique),
)
def test_fill_equals_brute_force(jobs, people):
    w = Weights()
    result = fill(jobs, people, TRAVEL, w)
    scores = {(o.id, s.id): score_pair(s, o, TRAVEL, w) for o in jobs for s in people}
    # each person: no opening or one opening; keep those within places
    best = 0.0
    choices = [None, *jobs]
    for combo in itertools.product(choices, repeat=len(people)):
        counts: dict[int, int] = {}
        total, ok = 0.0, True
        for person, job in zip(people, combo, strict=True):
            if job is None:
                continue
            m = scores[(job.id, person.id)]
            counts[job.id] = counts.get(job.id, 0) + 1
            if not m.eligible or counts[job.id] > job.places:
                ok = False
                break
            total += m.score
        if ok:
            best = max(best, total)
    assert abs(result.objective - best) < 1e-4
