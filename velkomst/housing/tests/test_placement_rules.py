"""Placement rules that hold (HOU-3) and placement dates as a person means them (HOU-4), through
the real run: the municipality's rule settings (hard rule or weighed goal, presets per seed
municipality), the independent rule check stored with every run and shown on its page, the
decisions checked against the same rules, and households waiting in temporary housing."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import member
from velkomst.core.config import config_in_force
from velkomst.core.services import municipality_configure, municipality_create
from velkomst.engines import placement as engine
from velkomst.housing import runs, services
from velkomst.housing.models import PlacementRun, RunStatus
from velkomst.people.services import LanguageData, household_create

from .conftest import dwelling_values

pytestmark = pytest.mark.django_db

SINCE = date(2020, 1, 1)


def _configure(municipality, **values):
    municipality_configure(municipality=municipality, effective_from=SINCE, values=values)


def _household(caseworker, name, language="ar", nationality="SY"):
    return household_create(
        acting_user=caseworker,
        name=name,
        visitation_date=date(2026, 5, 15),
        expected_arrival_date=date(2026, 7, 1),
        members=[
            member(
                first_name=name,
                nationality=nationality,
                languages=[LanguageData(language, "native", True)] if language else [],
            )
        ],
    )


def _need(officer, household, needed_by=date(2026, 7, 1), rooms=1, max_rent=9000):
    return services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(rooms_needed=rooms, max_rent=max_rent, needed_by=needed_by),
    )


def _dwelling(officer, area, address, **values):
    values = {"rooms": 1, "size_m2": 40, "rent": 3000, "available_from": date(2026, 6, 1), **values}
    return services.dwelling_create(
        acting_user=officer, **dwelling_values(area, address=address, **values)
    )


def _recheck(run: PlacementRun) -> engine.Check:
    """The independent check of the run's stored suggestions, made again from the database."""
    data = runs.engine_input(run)
    assignment = {
        str(s.household_id): str(s.dwelling_id) for s in run.suggestions.exclude(dwelling=None)
    }
    options = engine.Options(**runs._options(run.parameters, today=runs.run_day(run)))
    return engine.check_assignment(data.households, data.dwellings, data.areas, assignment, options)


def test_presets_follow_the_seeds_and_a_municipalitys_own_row_wins(
    municipality, other_municipality
):
    # REQ: HOU-3
    bornholm = config_in_force(municipality)
    assert bornholm["placement_spread_rule"] == "goal"
    assert bornholm["placement_not_alone_rule"] == "goal"
    assert bornholm["placement_fellow_by"] == "language"
    aalborg = config_in_force(other_municipality)  # code 851
    assert aalborg["placement_not_alone_rule"] == "hard"
    assert aalborg["placement_fellow_by"] == "nationality"
    assert aalborg["placement_spread_rule"] == "goal"
    sonderborg = municipality_create(code="540", name="Sønderborg")
    assert config_in_force(sonderborg)["placement_spread_rule"] == "hard"
    assert config_in_force(sonderborg)["placement_not_alone_rule"] == "goal"
    _configure(sonderborg, placement_spread_rule="goal")
    assert config_in_force(sonderborg)["placement_spread_rule"] == "goal"
    assert config_in_force(sonderborg, on=SINCE - timedelta(days=1))["placement_spread_rule"] == (
        "hard"
    )


def test_a_hard_cap_leaves_a_household_unplaced_with_its_rule_and_0_rules_broken(
    client, municipality, officer, caseworker, area
):
    # REQ: HOU-3
    _configure(municipality, placement_spread_rule="hard")
    area = services.area_update(
        area=area, acting_user=officer, expected_version=area.version, max_refugee_households=1
    )
    first, second = _household(caseworker, "Amal"), _household(caseworker, "Bilal")
    for h in (first, second):
        _need(officer, h)
    _dwelling(officer, area, "Torvet 1")
    _dwelling(officer, area, "Torvet 2")
    run = runs.run_start(acting_user=officer, household_ids=[first.pk, second.pk])
    run.refresh_from_db()
    assert run.parameters["spread_rule"] == "hard"
    assert run.suggestions.exclude(dwelling=None).count() == 1
    unplaced = run.suggestions.get(dwelling=None)
    texts = runs.reasons_text(unplaced.explanations, "da")
    assert any("grænsen for flygtningehusstande er nået" in t for t in texts)
    assert run.rule_check["broken"] == [] and _recheck(run).broken == []
    client.force_login(officer)
    page = client.get(reverse("housing-run-detail", args=[run.pk]))
    html = page.content.decode()
    assert "0 regler brudt" in html
    assert "Loftet for flygtningehusstande pr. område er en fast regel." in html
    english = client.get(
        reverse("housing-run-detail", args=[run.pk]), headers={"accept-language": "en"}
    )
    assert "0 rules broken" in english.content.decode()


def test_with_goals_the_page_says_area_by_area_who_is_over_the_cap_or_alone(
    client, municipality, officer, caseworker, area
):
    # REQ: HOU-3
    area = services.area_update(
        area=area, acting_user=officer, expected_version=area.version, max_refugee_households=1
    )
    households = [_household(caseworker, name, "ti", "ER") for name in ("Amal", "Bilal")]
    for h in households:
        _need(officer, h)
    _dwelling(officer, area, "Torvet 1")
    _dwelling(officer, area, "Torvet 2")
    run = runs.run_start(acting_user=officer, household_ids=[h.pk for h in households])
    run.refresh_from_db()
    assert run.suggestions.exclude(dwelling=None).count() == 2  # a goal gives way
    (row,) = run.rule_check["areas"]
    assert row["over"] == 1 and row["alone"] == 2 and run.rule_check["broken"] == []
    client.force_login(officer)
    html = client.get(reverse("housing-run-detail", args=[run.pk])).content.decode()
    assert "Områder, hvor forslagene lægger husstande over loftet eller alene" in html
    assert "0 regler brudt" in html
    assert f'<th scope="row" class="weight-normal">{area.name}</th><td>2</td>' in html
    assert "<td>2 / 1</td><td>1</td><td>2</td>" in html  # over 1, alone 2


def test_the_run_page_shows_each_broken_rule_by_area_and_household(
    client, municipality, officer, caseworker, area
):
    # REQ: HOU-3
    area = services.area_update(
        area=area, acting_user=officer, expected_version=area.version, max_refugee_households=1
    )
    households = [_household(caseworker, name, "ti", "ER") for name in ("Amal", "Bilal")]
    for h in households:
        _need(officer, h)
    _dwelling(officer, area, "Torvet 1")
    _dwelling(officer, area, "Torvet 2")
    run = runs.run_start(acting_user=officer, household_ids=[h.pk for h in households])
    # the goal-mode suggestions checked as if both rules were hard: what the page shows then
    run.parameters = {**run.parameters, "spread_rule": "hard", "not_alone_rule": "hard"}
    run.save(update_fields=["parameters"])
    check = _recheck(run)
    assert {b.rule for b in check.broken} == {"spread", "not_alone"}
    PlacementRun.objects.filter(pk=run.pk).update(rule_check=runs._check_data(check))
    client.force_login(officer)
    html = client.get(reverse("housing-run-detail", args=[run.pk])).content.decode()
    assert "3 regler brudt" in html
    assert f"området er nået loftet for flygtningehusstande — {area.name}: Amal, Bilal" in html
    assert f"færre end 2 andre husstande med samme sprog i området — {area.name}: Amal" in html


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    spread=st.sampled_from(["hard", "goal"]),
    alone=st.sampled_from(["hard", "goal"]),
    by=st.sampled_from(["language", "nationality"]),
)
def test_every_suggestion_of_a_run_passes_the_independent_check(
    municipality, officer, caseworker, seed, spread, alone, by
):
    # REQ: HOU-3
    savepoint = transaction.savepoint()  # each example starts from the fixtures alone
    try:
        _run_and_recheck(municipality, officer, caseworker, seed, spread, alone, by)
    finally:
        transaction.savepoint_rollback(savepoint)


def _run_and_recheck(municipality, officer, caseworker, seed, spread, alone, by):
    _configure(
        municipality,
        placement_spread_rule=spread,
        placement_not_alone_rule=alone,
        placement_fellow_by=by,
        placement_not_alone_k=1,
    )
    rng = random.Random(seed)
    areas = [
        services.area_create(
            acting_user=officer,
            name=f"Område {i}",
            kind="district",
            max_refugee_households=rng.randint(1, 3),
        )
        for i in range(3)
    ]
    for i in range(8):
        _dwelling(
            officer,
            rng.choice(areas),
            f"Vej {i}",
            rooms=rng.randint(1, 3),
            rent=rng.randint(2500, 6000),
        )
    ids = []
    for i in range(8):
        language, nationality = rng.choice([("ar", "SY"), ("ar", "IQ"), ("ti", "ER"), ("", "AF")])
        h = _household(caseworker, f"Husstand {i}", language, nationality)
        _need(officer, h, rooms=rng.randint(1, 2), max_rent=rng.randint(4000, 7000))
        ids.append(h.pk)
    run = runs.run_start(acting_user=officer, household_ids=ids)  # the task runs at once
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert (run.parameters["spread_rule"], run.parameters["not_alone_rule"]) == (spread, alone)
    placed = list(run.suggestions.exclude(dwelling=None).select_related("dwelling__area"))
    assert run.rule_check["broken"] == []
    check = _recheck(run)
    assert check.broken == []
    assert spread == "goal" or check.over == 0
    assert alone == "goal" or check.alone == 0
    # the decisions' checker agrees, suggestion by suggestion
    for suggestion in placed:
        assert suggestion.dwelling is not None
        assert runs.rule_checker(suggestion)(suggestion.dwelling) == []


def test_changing_to_a_dwelling_in_a_full_area_names_the_hard_cap(
    municipality, officer, caseworker, area
):
    # REQ: HOU-3
    _configure(municipality, placement_spread_rule="hard")
    other = services.area_create(acting_user=officer, name="Aakirkeby", kind="town")
    area = services.area_update(
        area=area, acting_user=officer, expected_version=area.version, max_refugee_households=1
    )
    first, second = _household(caseworker, "Amal"), _household(caseworker, "Bilal")
    for h in (first, second):
        _need(officer, h)
    _dwelling(officer, area, "Torvet 1")
    elsewhere = _dwelling(officer, other, "Torvet 2")
    spare = _dwelling(officer, area, "Torvet 3")
    run = runs.run_start(acting_user=officer, household_ids=[first.pk, second.pk])
    in_other = run.suggestions.get(dwelling=elsewhere)
    broken = runs.rule_checker(in_other)(spare)
    assert broken == ["området er nået loftet for flygtningehusstande"]
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        runs.accept(suggestion=in_other, acting_user=officer, expected_version=1, dwelling=spare)
    assert "loftet for flygtningehusstande" in str(error.value.message_dict["decision_note"])


def test_a_family_in_temporary_housing_for_months_gets_a_permanent_dwelling_free_today(
    officer, caseworker, household, area
):
    # REQ: HOU-4
    today = timezone.localdate()
    since = today - timedelta(days=143)
    _need(officer, household, needed_by=today - timedelta(days=120), rooms=2)
    room = _dwelling(
        officer, area, "Kirkevej 2", type="temporary", available_from=since - timedelta(days=1)
    )
    services.placement_start(
        acting_user=officer, household=household, dwelling=room, start_date=since
    )
    flat = _dwelling(officer, area, "Storegade 1", rooms=3, size_m2=78, available_from=today)
    run = runs.run_start(acting_user=officer, household_ids=[household.pk])
    suggestion = run.suggestions.get()
    assert suggestion.dwelling == flat
    assert suggestion.parts["waited"] > 0 and suggestion.parts["family_permanent"] > 0
    assert "Har ventet 143 dage i midlertidig bolig" in runs.reasons_text(
        suggestion.explanations, "da"
    )
    assert "Has waited 143 days in temporary housing" in runs.reasons_text(
        suggestion.explanations, "en"
    )
    # a changed decision to the same dwelling is judged against today as well
    assert runs.rule_checker(suggestion)(flat) == []
