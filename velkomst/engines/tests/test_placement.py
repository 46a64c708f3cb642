"""Housing placement engine (HOU-3): worked examples of suggestions, reasons and blocked
households, in Danish and English."""

from dataclasses import replace
from datetime import date

import pytest

from velkomst.engines.placement import (
    Area,
    Dwelling,
    DwellingType,
    Household,
    Options,
    Reason,
    Rule,
    Weights,
    check_pair,
    render,
    suggest,
)
from velkomst.engines.placement.check import check_assignment

FEB = date(2026, 2, 1)
MARCH = date(2026, 3, 1)
TRAVEL = {"school": 12, "daycare": 8, "transport": 5, "shops": 10}


def household(id="H1", **kw):
    base = Household(
        id=id,
        size=5,
        adults=2,
        children=3,
        rooms_needed=3,
        max_rent=6500,
        needed_by=MARCH,
        language="ar",
        nationality="Syrien",
    )
    return replace(base, **kw)


def dwelling(id, area_id="A1", **kw):
    base = Dwelling(
        id=id,
        area_id=area_id,
        type=DwellingType.PERMANENT,
        rooms=4,
        size_m2=95.0,
        rent=5000,
        utilities=800,
        available_from=FEB,
        travel_minutes=TRAVEL,
    )
    return replace(base, **kw)


VESTBY = Area(
    id="A1",
    name="Vestby",
    existing_refugee_households=3,
    existing_by_language={"ar": 3},
    max_refugee_households=6,
)
OSTBY = Area(id="A2", name="Østby", vulnerable=True)


def test_a_family_gets_the_permanent_dwelling_with_reasons_a_housing_officer_can_check():
    result = suggest(
        [household()],
        [
            dwelling("D1"),
            dwelling("D2", type=DwellingType.TEMPORARY, rent=4000),
            dwelling("D3", area_id="A2", rent=3000),
        ],
        [VESTBY, OSTBY],
    )
    assert result.status == "optimal" and result.unplaced == []
    (s,) = result.assignments
    assert (s.household_id, s.dwelling_id, s.area_id) == ("H1", "D1", "A1")
    assert "Familie med børn i permanent bolig" in s.reasons
    assert "12 min. til skole" in s.reasons
    assert "8 min. til dagtilbud" in s.reasons
    assert "3 andre husstande taler arabisk i området (3 bor der i forvejen)" in s.reasons
    assert "Området har 4 flygtningehusstande med forslagene; grænsen er 6" in s.reasons
    assert "5.800 kr. om måneden inkl. forbrug; grænsen er 6.500 kr." in s.reasons
    assert "Ledig fra 1. februar 2026; behov senest 1. marts 2026" in s.reasons
    assert s.parts["family_permanent"] == Weights().family_permanent
    assert s.parts["school"] == pytest.approx(4.0 * (1 - 12 / 30))
    assert s.parts["spread"] == 0 and s.parts["not_alone"] == 0
    assert s.score == pytest.approx(sum(s.parts.values())) == pytest.approx(result.objective)
    english = [render(r, "en") for r in s.explanations]
    assert "Family with children in permanent housing" in english
    assert "12 min. to school" in english
    assert "In the area, 3 other households speaking Arabic (3 already live there)" in english
    assert "The area has 4 refugee households with the suggestions; the limit is 6" in english


def test_reasons_come_in_english_when_asked():
    result = suggest([household()], [dwelling("D1")], [VESTBY], options=Options(language="en"))
    assert (
        "5,800 kr. a month including utilities; the limit is 6,500 kr."
        in result.assignments[0].reasons
    )


def test_an_unplaced_household_is_told_which_rules_ruled_out_every_dwelling():
    big = household(size=6, children=4, rooms_needed=4)
    result = suggest(
        [big],
        [
            dwelling("small", rooms=3),
            dwelling("dear", rent=6000),
            dwelling("late", available_from=date(2026, 4, 1)),
            dwelling("vulnerable", area_id="A2", rooms=2),
        ],
        [VESTBY, OSTBY],
    )
    assert result.assignments == []
    (u,) = result.unplaced
    assert u.candidates == 0
    assert u.reasons[0] == (
        "Ingen bolig med mindst 4 værelser, inden for huslejegrænsen 6.500 kr. og ledig senest "
        "1. marts 2026"
    )
    assert u.reasons[1] == (
        "Af de 4 boliger har 2 for få værelser, er 1 for små til 6 personer, er 1 for dyre, "
        "er 1 ikke ledige i tide og ligger 1 i et udsat boligområde"
    )
    assert "1 bolig fejler kun på huslejen" in u.reasons
    assert "1 bolig fejler kun på datoen, den er ledig" in u.reasons
    assert render(u.explanations[0], "en") == (
        "No dwelling with at least 4 rooms, within the rent limit of 6,500 kr. and available by "
        "1 March 2026"
    )


def test_when_the_candidates_went_to_others_the_household_is_told_so():
    result = suggest([household("H1"), household("H2")], [dwelling("D1")], [VESTBY])
    assert result.placed == 1
    (u,) = result.unplaced
    assert u.candidates == 1
    assert u.reasons[0] == "1 bolig opfylder kravene, men foreslås til en anden husstand"
    assert u.reasons[1].startswith("Højst 1 af 2 husstande kan få bolig på samme tid")


def test_as_many_as_possible_are_placed_before_the_soft_goals():
    # H1 would score best in D1, but only D1 fits H2: both are placed, H1 in D2.
    h1 = household("H1", size=1, adults=1, children=0, rooms_needed=1)
    h2 = household("H2")
    d1 = dwelling("D1")
    d2 = dwelling("D2", rooms=1, type=DwellingType.TEMPORARY, travel_minutes={})
    result = suggest([h1, h2], [d1, d2], [VESTBY])
    assert {(s.household_id, s.dwelling_id) for s in result.assignments} == {
        ("H1", "D2"),
        ("H2", "D1"),
    }


def test_the_hard_cap_mode_leaves_a_household_out_rather_than_exceed_the_cap():
    full = Area(id="A1", name="Vestby", existing_refugee_households=6, max_refugee_households=6)
    result = suggest([household()], [dwelling("D1")], [full], options=Options(spread_mode="hard"))
    assert result.assignments == []
    assert result.unplaced[0].reasons[0] == (
        "1 ledig bolig opfylder kravene, men ligger i et område, hvor grænsen for "
        "flygtningehusstande er nået"
    )
    soft = suggest([household()], [dwelling("D1")], [full])
    (s,) = soft.assignments
    assert s.parts["spread"] == -Weights().spread
    assert "Området får 7 flygtningehusstande med forslagene; grænsen er 6 (1 over)" in s.reasons


def test_a_household_is_not_placed_alone_when_countrymen_live_elsewhere():
    areas = [
        Area(id="A1", name="Vestby", existing_by_language={"ti": 2}),
        Area(id="A2", name="Nordby"),
    ]
    h = household(language="ti", nationality="Eritrea")
    result = suggest([h], [dwelling("D2", area_id="A2"), dwelling("D1", area_id="A1")], areas)
    assert result.assignments[0].dwelling_id == "D1"
    assert "2 andre husstande taler tigrinya i området (2 bor der i forvejen)" in (
        result.assignments[0].reasons
    )
    alone = suggest([h], [dwelling("D2", area_id="A2")], areas)
    (s,) = alone.assignments
    assert s.parts["not_alone"] == -2 * Weights().not_alone
    assert (
        "Kun 0 andre husstande taler tigrinya i området (0 bor der i forvejen); målet er mindst 2"
        in s.reasons
    )


def test_students_prefer_a_youth_environment_and_families_permanent_housing():
    student = household(
        "S", size=1, adults=1, children=0, rooms_needed=1, is_student=True, max_rent=4000
    )
    areas = [VESTBY, Area(id="A3", name="Campus", youth_environment=True)]
    result = suggest(
        [student],
        [dwelling("D1", rooms=1, rent=3000), dwelling("Y", area_id="A3", rooms=1, rent=3000)],
        areas,
        options=Options(not_alone_k=0),
    )
    (s,) = result.assignments
    assert s.dwelling_id == "Y" and "Området har et ungdomsmiljø" in s.reasons


def test_the_travel_time_to_the_households_workplace_counts():
    worker = household("W", target_place="Vestas Lem")
    near = dwelling("near", travel_to={"Vestas Lem": 10})
    far = dwelling("far", travel_to={"Vestas Lem": 50})
    result = suggest([worker], [far, near], [VESTBY])
    (s,) = result.assignments
    assert s.dwelling_id == "near"
    assert "10 min. til arbejde eller uddannelse (Vestas Lem)" in s.reasons


def test_check_pair_names_every_rule_a_pair_breaks():
    h = household(step_free=True, max_rent=5000, temporary_since=FEB)
    d = dwelling("D", rooms=2, available_from=date(2026, 3, 2), type=DwellingType.CONVERTED)
    opts = Options(min_m2_per_person=20)
    assert check_pair(h, d, OSTBY, opts) == [
        Rule.ROOMS,
        Rule.CROWDING,
        Rule.SIZE,
        Rule.RENT,
        Rule.AVAILABLE,
        Rule.STEP_FREE,
        Rule.VULNERABLE,
        Rule.TEMPORARY_AGAIN,
    ]
    assert check_pair(household(), dwelling("D"), VESTBY, Options()) == []


# REQ: HOU-3
# REQ: HOU-4
def test_a_household_in_temporary_housing_is_never_suggested_another_temporary_dwelling():
    waiting = household(temporary_since=date(2025, 10, 1))
    temporary = [
        dwelling(f"T-{kind}", type=kind, rent=3000)
        for kind in (DwellingType.TEMPORARY, DwellingType.PRIVATE_HOST, DwellingType.CONVERTED)
    ]
    result = suggest([waiting], temporary, [VESTBY])
    assert result.assignments == []
    (u,) = result.unplaced
    assert u.reasons[0] == "Ingen bolig der ikke er midlertidig (bor allerede midlertidigt)"
    assert "Af de 3 boliger er 3 midlertidige, og husstanden bor allerede midlertidigt" in u.reasons
    assert render(u.explanations[0], "en") == (
        "No dwelling that is not temporary (already in temporary housing)"
    )
    # with a permanent dwelling too, that is the one suggested
    result = suggest([waiting], [*temporary, dwelling("P")], [VESTBY])
    assert [s.dwelling_id for s in result.assignments] == ["P"]
    # a household not yet in temporary housing may get a temporary dwelling
    result = suggest([household()], temporary, [VESTBY])
    assert result.placed == 1


# REQ: HOU-4
def test_the_independent_check_names_a_temporary_to_temporary_suggestion():
    waiting = household(temporary_since=date(2025, 10, 1))
    temp = dwelling("T", type=DwellingType.TEMPORARY)
    check = check_assignment([waiting], [temp], [VESTBY], {"H1": "T"}, Options())
    assert [(b.rule, b.household_ids) for b in check.broken] == [("temporary_again", ("H1",))]


def test_unknown_areas_and_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="unknown areas"):
        suggest([household()], [dwelling("D", area_id="nowhere")], [VESTBY])
    with pytest.raises(ValueError, match="duplicate household"):
        suggest([household(), household()], [dwelling("D")], [VESTBY])


def test_the_greedy_solver_option_skips_the_milp():
    result = suggest([household()], [dwelling("D1")], [VESTBY], options=Options(solver="greedy"))
    assert result.status == "greedy" and result.placed == 1
    assert result.objective == result.greedy_objective


def test_nothing_to_place_is_trivially_optimal():
    result = suggest([], [dwelling("D1")], [VESTBY])
    assert result.assignments == [] and result.status == "optimal" and result.objective == 0


def test_reasons_survive_storage_as_json_and_progress_is_reported_stage_by_stage():
    # REQ: HOU-3 (a run's reasons are stored and shown later in the reader's language)
    import json

    from velkomst.engines.placement import STAGES, reason_data, reason_from_data, synthetic

    batch = synthetic.generate(40, 30, 5, seed=3)
    stages: list[tuple[str, int]] = []
    result = suggest(
        batch.households,
        batch.dwellings,
        batch.areas,
        options=Options(time_limit=10),
        progress=lambda s, p: stages.append((s, p)),
    )
    assert [s for s, _ in stages] == list(STAGES)
    assert [p for _, p in stages] == sorted(p for _, p in stages)
    reasons = [r for s in result.assignments for r in s.explanations]
    reasons += [r for u in result.unplaced for r in u.explanations]
    assert result.unplaced and len({r.code for r in reasons}) > 5
    for reason in reasons:
        stored = reason_from_data(json.loads(json.dumps(reason_data(reason))))
        for language in ("da", "en"):
            assert render(stored, language) == render(reason, language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "2 andre husstande fra Syrien i området (1 bor der i forvejen)"),
        ("en", "2 other households from Syria in the area (1 already live there)"),
    ],
)
def test_a_reason_by_nationality_names_the_country_not_its_code(language, expected):
    # REQ: HOU-3 (reasons in words a housing officer can check: "fra Syrien", not "fra SY")
    reason = Reason(
        "company_nat", {"others": 2, "group": "SY", "existing": 1, "k": 1, "by": "nationality"}
    )
    assert render(reason, language) == expected
