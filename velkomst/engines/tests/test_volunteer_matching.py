"""Volunteer matching engine (CIV-2, CIV-3): consent, the child rule, capacity, the score parts,
the reasons in both languages, and the numpy matrix against the one-pair definition."""

import random

from velkomst.engines import volunteer_matching as vm

W = vm.Weights()
TRAVEL = {(1, 1): 0, (1, 2): 15, (2, 1): 15, (2, 2): 0, (1, 3): 60, (3, 1): 60}


def household(**kw):
    base = {
        "id": 1,
        "kinds": ("mentor",),
        "languages": frozenset({"ara"}),
        "area_id": 1,
        "type": "adults",
        "consent": True,
    }
    return vm.Household(**{**base, **kw})


def offer(**kw):
    base = {
        "id": 10,
        "kind": "mentor",
        "languages": frozenset({"ara", "dan"}),
        "area_id": 1,
        "audience": frozenset({"adults"}),
        "capacity": 1,
        "child_ok": False,
    }
    return vm.Offer(**{**base, **kw})


def test_withdrawn_consent_removes_the_household_from_suggestions():
    # REQ: CIV-2
    h = household()
    offers = [offer()]
    assert [s.offer_id for s in vm.suggest([h], offers, TRAVEL)[1]] == [10]
    withdrawn = household(consent=False)
    assert vm.suggest([withdrawn], offers, TRAVEL) == {}
    assert vm.rank_offers(withdrawn, offers, TRAVEL) == []
    assert vm.allocate([withdrawn], offers, TRAVEL) == []
    pair = vm.score_pair(withdrawn, offers[0], TRAVEL, W)
    assert not pair.eligible and pair.reasons[0].code == vm.Rule.CONSENT


def test_a_volunteer_without_a_valid_child_certificate_is_never_matched_with_children():
    # REQ: CIV-3
    family = household(type="family")
    both = frozenset({"adults", "families"})
    no_cert = offer(id=10, audience=both, child_ok=False)
    cert = offer(id=11, audience=both, child_ok=True)
    ranked = vm.suggest([family], [no_cert, cert], TRAVEL)[1]
    assert [s.offer_id for s in ranked] == [11]
    assert any(r.code == "child_certificate_valid" for r in ranked[0].reasons)
    refused = vm.score_pair(family, no_cert, TRAVEL, W)
    assert not refused.eligible and refused.reasons[0].code == vm.Rule.CHILD
    # an offer for children needs the certificate even for a household of adults
    kids_offer = offer(id=12, audience=frozenset({"adults", "children"}), child_ok=False)
    assert not vm.score_pair(household(), kids_offer, TRAVEL, W).eligible
    # nor an offer for families with children
    assert not vm.score_pair(household(), no_cert, TRAVEL, W).eligible
    # adults without children and an offer for adults only do not need it
    assert vm.score_pair(household(), offer(child_ok=False), TRAVEL, W).eligible


def test_capacity_is_never_exceeded():
    # REQ: CIV-2
    homes = [household(id=i) for i in range(1, 8)]
    offers = [offer(id=10, capacity=2), offer(id=11, capacity=3), offer(id=12, capacity=0)]
    pairs = vm.allocate(homes, offers, TRAVEL)
    per_offer: dict[int, int] = {}
    for s in pairs:
        per_offer[s.offer_id] = per_offer.get(s.offer_id, 0) + 1
    assert per_offer == {10: 2, 11: 3}
    # a full offer is never suggested
    assert all(
        s.offer_id != 12 for ranked in vm.suggest(homes, offers, TRAVEL).values() for s in ranked
    )
    assert vm.score_pair(homes[0], offers[2], TRAVEL, W).reasons[0].code == vm.Rule.FULL


def test_allocate_respects_capacity_on_random_data():
    # REQ: CIV-2
    hs, offers, travel = vm.synthetic(120, 60, seed=7)
    pairs = vm.allocate(hs, offers, travel)
    counts: dict[int, int] = {}
    for s in pairs:
        counts[s.offer_id] = counts.get(s.offer_id, 0) + 1
        assert s.eligible
    cap = {o.id: o.capacity for o in offers}
    assert all(n <= cap[oid] for oid, n in counts.items())
    consenting = {h.id for h in hs if h.consent}
    assert {s.household_id for s in pairs} <= consenting


def test_hard_rules_audience_kind_weekdays_and_travel():
    assert (
        vm.score_pair(household(type="children"), offer(child_ok=True), TRAVEL, W).reasons[0].code
        == vm.Rule.AUDIENCE
    )
    assert vm.score_pair(household(kinds=("sports",)), offer(), TRAVEL, W).reasons[0].code == (
        vm.Rule.KIND
    )
    days = vm.score_pair(
        household(weekdays=frozenset({0})), offer(weekdays=frozenset({5})), TRAVEL, W
    )
    assert days.reasons[0].code == vm.Rule.WEEKDAYS
    far = vm.score_pair(household(area_id=3), offer(area_id=1), TRAVEL, W)
    assert far.reasons[0].code == vm.Rule.TRAVEL and far.reasons[0].params["minutes"] == 60


def test_score_parts_and_ranking():
    h = household(
        kinds=("homework_help", "mentor"),
        interests=frozenset({"chess", "music"}),
        weekdays=frozenset({0, 2}),
    )
    near = offer(id=10, interests=frozenset({"chess"}), weekdays=frozenset({0, 2, 4}))
    away = offer(id=11, area_id=2, languages=frozenset({"tir"}))
    best = vm.score_pair(h, near, TRAVEL, W)
    # kind: second wish 0.9 × 30; languages 25; same area 20; interests 1 of 2 × 15; days 10
    assert best.score == 27 + 25 + 20 + 7.5 + 10
    other = vm.score_pair(h, away, TRAVEL, W)
    # kind 27, no language, 15 of 45 min → 2/3 × 20, interests none 0, days unknown 5
    assert round(other.score, 3) == round(27 + 0 + 20 * (1 - 15 / 45) + 0 + 5, 3)
    assert [s.offer_id for s in vm.rank_offers(h, [away, near], TRAVEL)] == [10, 11]


def test_reasons_render_in_danish_and_english_and_survive_storage():
    h = household(weekdays=frozenset({0, 3}))
    s = vm.score_pair(h, offer(weekdays=frozenset({3})), TRAVEL, W)
    da = [vm.render(r, "da", kind_name=lambda k: "mentor") for r in s.reasons]
    en = [vm.render(r, "en") for r in s.reasons]
    assert "Ønsker mentor (ønske nr. 1)" in da
    assert "Kan mødes torsdag" in da
    assert "Can meet on Thursday" in en
    stored = [vm.reason_from_data(vm.reason_data(r)) for r in s.reasons]
    assert [vm.render(r, "en") for r in stored] == en
    family_offer = offer(audience=frozenset({"families"}))
    child = vm.score_pair(household(type="family"), family_offer, TRAVEL, W).reasons[0]
    assert "børneattest" in vm.render(child, "da")
    assert vm.render(vm.Reason("unknown_code"), "fr") == "unknown_code"


def test_the_matrix_gives_the_same_numbers_as_one_pair_at_a_time():
    hs, offers, travel = vm.synthetic(40, 80, seed=3)
    points, ok = vm.score_matrix(hs, offers, travel, W)
    for i, h in enumerate(hs):
        for j, o in enumerate(offers):
            s = vm.score_pair(h, o, travel, W)
            assert s.eligible == bool(ok[i, j]), (h, o)
            assert abs(s.score - points[i, j]) < 1e-6, (h, o)


def test_suggestions_are_the_best_eligible_offers_in_order():
    hs, offers, travel = vm.synthetic(30, 200, seed=11)
    rng = random.Random(1)
    result = vm.suggest(hs, offers, travel, limit=4)
    assert set(result) == {h.id for h in hs if h.consent}
    for h in rng.sample([h for h in hs if h.consent], 10):
        everyone = [vm.score_pair(h, o, travel, W) for o in offers]
        best = sorted((s for s in everyone if s.eligible), key=lambda s: (-s.score, s.offer_id))
        assert [(s.offer_id, s.score) for s in result[h.id]] == [
            (s.offer_id, s.score) for s in best[:4]
        ]
