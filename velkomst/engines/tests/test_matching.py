"""Matching engine (PRG-4): the edges of each score part, the hard rules, the reasons in both
languages, the batch fill against its bound and the greedy fill, and the independent check."""

import pytest

from velkomst.engines.matching import (
    Opening,
    Reason,
    Seeker,
    Weights,
    check_fill,
    fill,
    rank_openings,
    rank_seekers,
    reason_data,
    reason_from_data,
    render,
    score_matrix,
    score_pair,
    similarity,
    words_similarity,
)
from velkomst.engines.matching import synthetic as sy
from velkomst.engines.matching.check import NOT_ELIGIBLE, OPENING_OVER, PERSON_TWICE

W = Weights()
TRAVEL = {(1, 1): 10, (1, 2): 30, (2, 1): 30, (2, 2): 5, (1, 3): 61, (3, 1): 61, (1, 4): 60}


def part(match, prefix):
    return next(r for r in match.reasons if r.code.startswith(prefix))


def seeker(**kw):
    base = {"id": 1, "area_id": 1}
    return Seeker(**{**base, **kw})


def opening(**kw):
    base = {"id": 10, "trade": "9112", "area_id": 1, "hours_per_week": 30.0}
    return Opening(**{**base, **kw})


# REQ: PRG-4
def test_similarity_by_isco_group():
    assert similarity("9112", "9112") == 1.0
    assert similarity("911210", "911220") == 0.8  # the same unit group (Danish 6-digit codes)
    assert similarity("9112", "9111") == 0.6  # the same minor group
    assert similarity("9112", "9121") == 0.4  # sub-major group
    assert similarity("9112", "9211") == 0.2  # major group
    assert similarity("9112", "5120") == 0.0
    assert similarity("", "9112") == 0.0


# REQ: PRG-4
def test_words_similarity_for_trades_recorded_without_a_code():
    assert words_similarity("Buschauffør", "buschauffør") == 1.0  # case aside
    assert words_similarity("Kok, køkken", "kok  køkken!") == 1.0  # punctuation aside
    assert words_similarity("Tømrer", "Tømrerhjælper") == 0.6  # a word inside a compound word
    assert words_similarity("Social- og sundhedshjælper", "Sundhedshjælper i hjemmeplejen") == 0.6
    assert words_similarity("Skrædder", "Tømrerhjælper") == 0.0
    assert words_similarity("Job med børn", "Job i kantine") == 0.0  # common words aside
    assert words_similarity("Kok", "Kokkeelev") == 0.6  # a three-letter trade counts
    assert words_similarity("", "Tømrer") == 0.0
    assert words_similarity("Tømrer", "") == 0.0


# REQ: PRG-4
def test_a_trade_in_words_scores_against_the_openings_title_with_its_reason():
    o = opening(trade="7115", title="Tømrerhjælper")
    words = score_pair(
        seeker(trades=("Skrædder", "Tømrer"), experience={"Tømrer": 3.0}), o, TRAVEL, W
    )
    interest, experience = part(words, "interest"), part(words, "experience")
    assert interest.code == "interest_words_related"
    assert interest.params == {"words": "Tømrer", "title": "Tømrerhjælper", "rank": 2}
    assert interest.points == pytest.approx(W.interest * 0.6 * 0.9)
    assert experience.code == "experience_words_related"
    assert experience.points == pytest.approx(W.experience * 0.6)
    assert render(interest, "da") == (
        "Ønsker at arbejde som Tømrer, som ligner opslagets titel Tømrerhjælper (ønske nr. 2)"
    )
    assert render(experience, "en") == (
        "3 years of experience as Tømrer, like the opening's title Tømrerhjælper"
    )
    same = score_pair(seeker(trades=("tømrerhjælper",)), o, TRAVEL, W)
    assert part(same, "interest").code == "interest_words"
    assert part(same, "interest").points == pytest.approx(W.interest)
    # a code still beats words where both fit; words never match a code, only the title
    coded = score_pair(seeker(trades=("Tømrer", "7115")), o, TRAVEL, W)
    assert part(coded, "interest").code == "interest"
    untitled = score_pair(seeker(trades=("Tømrer",)), opening(trade="7115"), TRAVEL, W)
    assert part(untitled, "no_interest").points == 0.0
    # an opening without a code is named by its title when nothing fits
    none = score_pair(seeker(trades=("Kok",)), opening(trade="", title="Tømrerhjælper"), TRAVEL, W)
    assert render(part(none, "no_interest"), "da") == (
        "Har ikke ønsket Tømrerhjælper eller et beslægtet fag"
    )
    # a code nobody can name (no code list installed) is shown by the opening's title
    unnamed = score_pair(seeker(trades=("9999",)), o, TRAVEL, W)
    assert render(part(unnamed, "no_interest"), "da") == (
        "Har ikke ønsket Tømrerhjælper eller et beslægtet fag"
    )
    named = render(part(unnamed, "no_interest"), "en", trade_name=lambda c: f"Carpenters {c}")
    assert named == "Has not asked for Carpenters 7115 or a related trade"
    # the batch scores the same as the pairs
    seekers = [seeker(id=1, trades=("Tømrer",)), seeker(id=2, trades=("7115",))]
    points, _ok = score_matrix([o], seekers, TRAVEL, W)
    assert points[0].tolist() == pytest.approx([score_pair(s, o, TRAVEL, W).score for s in seekers])


# REQ: PRG-4
def test_interest_first_wish_full_later_wishes_less_related_partial():
    o = opening()
    first = score_pair(seeker(trades=("9112", "5120")), o, TRAVEL, W)
    second = score_pair(seeker(trades=("5120", "9112")), o, TRAVEL, W)
    sixth = score_pair(seeker(trades=("1", "2", "3", "4", "5", "6", "7", "9112")), o, TRAVEL, W)
    related = score_pair(seeker(trades=("9111",)), o, TRAVEL, W)
    none = score_pair(seeker(trades=("5120",)), o, TRAVEL, W)
    assert part(first, "interest").points == pytest.approx(30.0)
    assert part(second, "interest").points == pytest.approx(27.0)
    assert part(sixth, "interest").points == pytest.approx(15.0)  # floor: half
    assert part(related, "interest_related").points == pytest.approx(18.0)
    assert part(none, "no_interest").points == 0.0
    assert first.score > second.score > related.score > none.score


# REQ: PRG-4
def test_experience_full_at_three_years_proportional_before_related_partial():
    o = opening()
    full = score_pair(seeker(experience={"9112": 3.0}), o, TRAVEL, W)
    more = score_pair(seeker(experience={"9112": 10.0}), o, TRAVEL, W)
    half = score_pair(seeker(experience={"9112": 1.5}), o, TRAVEL, W)
    related = score_pair(seeker(experience={"9111": 3.0}), o, TRAVEL, W)
    zero = score_pair(seeker(experience={"9112": 0.0}), o, TRAVEL, W)
    assert part(full, "experience").points == pytest.approx(25.0)
    assert part(more, "experience").points == pytest.approx(25.0)
    assert part(half, "experience").points == pytest.approx(12.5)
    assert part(related, "experience_related").points == pytest.approx(15.0)
    assert part(zero, "no_experience").points == 0.0


# REQ: PRG-4
def test_danish_at_requirement_full_one_below_half_two_below_ineligible():
    o = opening(danish_required=3)  # B1
    at = score_pair(seeker(danish=3), o, TRAVEL, W)
    above = score_pair(seeker(danish=5), o, TRAVEL, W)
    one_below = score_pair(seeker(danish=2), o, TRAVEL, W)
    two_below = score_pair(seeker(danish=1), o, TRAVEL, W)
    assert part(at, "danish_meets").points == 20.0
    assert part(above, "danish_meets").points == 20.0
    assert part(one_below, "danish_below").points == pytest.approx(10.0)
    assert one_below.eligible
    assert not two_below.eligible and two_below.score == 0.0
    assert two_below.reasons[0].code == "danish_too_low"
    no_req = score_pair(seeker(danish=0), opening(danish_required=0), TRAVEL, W)
    assert part(no_req, "danish_none").points == 20.0


# REQ: PRG-4
def test_skills_share_and_none_asked():
    o = opening(skills=frozenset({"forklift", "hygiene", "truck", "first_aid"}))
    all_ = score_pair(
        seeker(skills=frozenset({"forklift", "hygiene", "truck", "first_aid"})), o, TRAVEL, W
    )
    one = score_pair(seeker(skills=frozenset({"hygiene", "welding"})), o, TRAVEL, W)
    none_asked = score_pair(seeker(), opening(), TRAVEL, W)
    assert part(all_, "skills").points == pytest.approx(15.0)
    assert part(one, "skills").points == pytest.approx(3.75)
    assert part(one, "skills").params["missing"] == ["first_aid", "forklift", "truck"]
    assert part(none_asked, "skills_none").points == 15.0


# REQ: PRG-4
def test_travel_linear_to_the_limit_over_it_ineligible_unknown_half():
    at_limit = score_pair(seeker(), opening(area_id=4), TRAVEL, W)
    over = score_pair(seeker(), opening(area_id=3), TRAVEL, W)
    near = score_pair(seeker(), opening(area_id=2), TRAVEL, W)
    unknown = score_pair(seeker(area_id=None), opening(), TRAVEL, W)
    no_grid = score_pair(seeker(area_id=7), opening(), TRAVEL, W)
    assert at_limit.eligible and part(at_limit, "travel").points == 0.0
    assert not over.eligible and over.reasons[0].code == "travel_too_far"
    assert part(near, "travel").points == pytest.approx(5.0)  # 30 of 60 min
    assert part(unknown, "travel_unknown").points == 5.0
    assert no_grid.eligible and part(no_grid, "travel_unknown").points == 5.0


# REQ: PRG-4
def test_hours_over_the_persons_limit_is_a_hard_rule():
    limited = seeker(max_hours=20.0, hours_reason="childcare")
    assert score_pair(limited, opening(hours_per_week=20.0), TRAVEL, W).eligible
    over = score_pair(limited, opening(hours_per_week=20.5), TRAVEL, W)
    assert not over.eligible and over.score == 0.0
    assert over.reasons[0].code == "hours_over"
    assert "pasningstilbud" in render(over.reasons[0], "da")
    assert "daycare" in render(over.reasons[0], "en")
    assert score_pair(seeker(), opening(hours_per_week=37.0), TRAVEL, W).eligible


# REQ: PRG-4
def test_score_is_the_sum_of_the_reasons_and_at_most_100():
    best = score_pair(
        seeker(trades=("9112",), experience={"9112": 5}, danish=4, skills=frozenset({"a"})),
        opening(skills=frozenset({"a"}), danish_required=2),
        {(1, 1): 0},
        W,
    )
    assert best.score == pytest.approx(100.0)
    assert best.score == pytest.approx(sum(r.points for r in best.reasons))


# REQ: PRG-4
def test_reasons_render_in_danish_and_english_and_survive_storage():
    m = score_pair(
        seeker(trades=("9112",), experience={"9112": 2.5}, danish=2, skills=frozenset({"a"})),
        opening(danish_required=3, skills=frozenset({"a", "b"}), area_id=2),
        TRAVEL,
        W,
    )
    names = {"9112": "Rengøringsassistent"}

    def name(code: str) -> str:
        return names.get(code, code)

    da = [render(r, "da", name) for r in m.reasons]
    en = [render(r, "en", name) for r in m.reasons]
    assert da[0] == "Ønsker at arbejde som Rengøringsassistent (ønske nr. 1)"
    assert en[0] == "Wants to work as Rengøringsassistent (wish no. 1)"
    assert da[1] == "2,5 års erfaring som Rengøringsassistent"
    assert en[1] == "2.5 years of experience as Rengøringsassistent"
    assert da[2] == "Dansk på A2 er under kravet B1"
    assert en[3] == "Has 1 of the 2 skills asked for; lacks b"
    assert da[4] == "30 min. med offentlig transport (grænsen er 60 min.)"
    assert all(t and "{" not in t for t in da + en)
    stored = [reason_from_data(reason_data(r)) for r in m.reasons]
    assert [render(r, "en", name) for r in stored] == en
    assert render(Reason("whatever"), "fr") == "whatever"


# REQ: PRG-4
def test_ranked_lists_eligible_first_then_by_score():
    o = opening(danish_required=3)
    people = [
        seeker(id=1, danish=0),  # ineligible
        seeker(id=2, danish=3),
        seeker(id=3, danish=3, trades=("9112",)),
        seeker(id=4, danish=2),
    ]
    ranked = rank_seekers(o, people, TRAVEL, W)
    assert [m.seeker_id for m in ranked] == [3, 2, 4, 1]
    assert [m.eligible for m in ranked] == [True, True, True, False]
    person = seeker(trades=("5120",))
    jobs = [opening(id=1), opening(id=2, trade="5120"), opening(id=3, area_id=3)]
    assert [m.opening_id for m in rank_openings(person, jobs, TRAVEL, W)] == [2, 1, 3]


# REQ: PRG-4
def test_matrix_gives_the_same_numbers_as_the_pairs():
    ids, travel = sy.areas(5)
    people, jobs = sy.seekers(120, ids, seed=3), sy.openings(25, ids, seed=3)
    points, ok = score_matrix(jobs, people, travel, W)
    for i, o in enumerate(jobs):
        for j, s in enumerate(people):
            m = score_pair(s, o, travel, W)
            assert ok[i, j] == m.eligible
            assert points[i, j] == pytest.approx(m.score, abs=1e-5)


# REQ: PRG-4
def test_fill_optimal_against_bound_and_greedy():
    # greedy takes the best pair (A, opening 1) and leaves B nothing; the optimum gives both
    jobs = [opening(id=1, trade="9112"), opening(id=2, trade="5120", danish_required=3)]
    people = [
        seeker(id=1, trades=("9112",), danish=3),  # fits both
        seeker(id=2, trades=("9112",), danish=0),  # fits only opening 1
    ]
    result = fill(jobs, people, TRAVEL, W)
    pairs = sorted((m.opening_id, m.seeker_id) for m in result.assignments)
    assert pairs == [(1, 2), (2, 1)]
    assert result.status == "optimal"
    assert result.objective > result.greedy_objective
    assert result.bound >= result.objective - 1e-6
    assert result.bound == pytest.approx(result.objective)
    assert result.greedy_assigned == 1
    assert check_fill(jobs, people, TRAVEL, W, pairs) == []


# REQ: PRG-4
def test_fill_respects_places_and_min_score():
    jobs = [opening(id=1, places=2)]
    people = [seeker(id=i, trades=("9112",) if i < 3 else ()) for i in range(1, 6)]
    result = fill(jobs, people, TRAVEL, W)
    assert sorted(m.seeker_id for m in result.assignments) == [1, 2]
    strict = fill(jobs, people, TRAVEL, Weights(min_score=80))
    assert strict.assignments == ()
    assert strict.objective == 0.0


# REQ: PRG-4
def test_check_finds_every_broken_rule():
    jobs = [opening(id=1, places=1), opening(id=2, area_id=3)]
    people = [seeker(id=1), seeker(id=2)]
    broken = check_fill(jobs, people, TRAVEL, W, [(1, 1), (1, 2), (2, 1)])
    rules = sorted(b.rule for b in broken)
    assert rules == sorted([NOT_ELIGIBLE, PERSON_TWICE, OPENING_OVER])
    assert check_fill(jobs, people, TRAVEL, W, [(1, 1)]) == []


def test_fill_of_nothing():
    result = fill([], [], {}, W)
    assert result.assignments == () and result.status == "optimal" and result.bound == 0.0
