"""/api/indicators and /api/indicators/{key}/figure (MI-1, MI-6): the library in the reader's
language, figures by period and cohort with small counts suppressed always, managers and
administrators only."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import member
from velkomst.core.models import Role, StaffUser
from velkomst.core.services import municipality_configure
from velkomst.indicators.models import IndicatorFigure
from velkomst.outcomes.models import Employment

from .conftest import field_names

pytestmark = pytest.mark.django_db

JUNE = {"start": "2026-06-01", "end": "2026-06-30"}
FIGURE = "/api/indicators/employment_rate/figure"


@pytest.fixture
def six(caseworker):
    """Six adults born 1990 (one age band) arrived 1 March 2025: five women in unsupported work
    in June 2026, and one man not: 5 of 6; the man alone is a group of one."""
    from velkomst.people.models import Household
    from velkomst.people.services import household_create

    members = [member(first_name=f"K{i}", birth_date=date(1990, 1, 1 + i)) for i in range(5)]
    members.append(member(first_name="Ali", birth_date=date(1990, 2, 1), sex="M", relation="other"))
    household = household_create(
        acting_user=caseworker,
        name="Seks",
        visitation_date=date(2025, 3, 1),
        expected_arrival_date=date(2025, 3, 1),
        members=members,
    )
    Household.objects.filter(pk=household.pk).update(arrival_date=date(2025, 3, 1))
    for person in household.members.filter(sex="F"):
        Employment.objects.create(
            municipality=person.municipality,
            person=person,
            employer_name="Danish Crown",
            start_date=date(2026, 5, 1),
            hours_per_week=37,
        )
    return household


def _groups(body, breakdown):
    return {g["group"]: g for g in body["breakdowns"][breakdown]}


def test_the_library_is_listed_in_the_readers_language(api_as, staff):
    # REQ: MI-1
    response = api_as(staff["manager"]).get("/api/indicators", limit=100)
    assert response.status_code == 200
    rate = next(i for i in response.json()["items"] if i["key"] == "employment_rate")
    assert rate["unit"] == "share" and rate["good"] == "up"
    assert rate["breakdowns"] == ["sex", "age"] and "outcomes" in rate["sources"]
    assert rate["name"] == "Andel i ustøttet lønbeskæftigelse"
    english = api_as(staff["manager"])
    english.headers["Accept-Language"] = "en"
    assert english.get("/api/indicators", limit=100).status_code == 200


def test_a_figure_hides_the_small_group_and_its_complement(api_as, staff, six):
    # REQ: MI-1, MI-6
    response = api_as(staff["manager"]).get(FIGURE, **JUNE)
    assert response.status_code == 200
    body = response.json()
    assert body["threshold"] == 5 and body["stale"] is False and body["computed_at"]
    total = body["total"]
    assert (total["numerator"], total["denominator"], total["value"]) == ("5", "6", "83.3")
    assert total["suppressed"] is False
    sex = _groups(body, "sex")
    # the man alone: a group of one; the women (5 of 6) would give him away by subtraction
    assert sex["M"]["suppressed"] and sex["M"]["reason"] == "small_population"
    assert sex["M"]["shown_as"] == "<5" and sex["M"]["population"] is None
    assert sex["F"]["suppressed"] and sex["F"]["reason"] == "complementary"
    assert sex["F"]["shown_as"] == "–" and sex["F"]["value"] is None
    assert sex["F"]["reason_text"]
    (age,) = body["breakdowns"]["age"]
    assert age["population"] == 6 and not age["suppressed"]
    # the cache keeps the numbers; suppression is applied on the way out
    cached = IndicatorFigure.objects.get().result
    assert cached["groups"]["sex"]["M"]["population"] == 1


def test_the_threshold_is_the_municipalitys_configuration(api_as, staff, six, municipality):
    # REQ: MI-6
    municipality_configure(
        municipality=municipality,
        effective_from=date(2000, 1, 1),
        values={"small_count_threshold": 1},
    )
    body = api_as(staff["manager"]).get(FIGURE, **JUNE).json()
    assert body["threshold"] == 1
    sex = _groups(body, "sex")
    assert sex["M"]["population"] == 1 and sex["F"]["value"] == "100.0"
    assert not sex["M"]["suppressed"]


def test_a_small_population_hides_the_whole_figure(api_as, staff, household):
    # REQ: MI-6
    from velkomst.people.models import Household

    Household.objects.filter(pk=household.pk).update(arrival_date=date(2025, 3, 1))
    body = api_as(staff["manager"]).get(FIGURE, **JUNE).json()
    assert 0 < IndicatorFigure.objects.get().result["total"]["population"] < 5
    assert body["total"]["suppressed"] and body["total"]["shown_as"] == "<5"
    assert body["total"]["population"] is None


def test_a_stale_figure_says_so(api_as, staff, six, caseworker):
    # REQ: MI-1
    from django.test import override_settings

    from velkomst.people.services import person_update

    api = api_as(staff["manager"])
    first = api.get(FIGURE, **JUNE).json()
    ali = six.members.get(first_name="Ali")
    person_update(
        person=ali, acting_user=caseworker, expected_version=ali.version, first_name="Alí"
    )
    dummy = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    with override_settings(TASKS=dummy):
        again = api.get(FIGURE, **JUNE).json()
    assert again["stale"] is True and again["computed_at"] == first["computed_at"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"start": "2026-06-30", "end": "2026-06-01"}, "end"),
        ({"start": "1850-01-01", "end": "2026-06-01"}, "start"),
        ({"start": "2001-01-01", "end": "2090-01-01"}, "end"),
        ({"start": "2026-06-01"}, "end"),
        ({"end": "2026-06-01"}, "start"),
        ({**JUNE, "cohort": 99999}, "cohort"),
        ({**JUNE, "months_since_arrival": 0}, "months_since_arrival"),
        ({**JUNE, "months_since_arrival": 10**9}, "months_since_arrival"),
        ({"start": "2026-02-30", "end": "2026-06-01"}, "start"),
        ({"start": "9999-12-01", "end": "9999-12-31"}, "start"),
    ],
)
def test_odd_scopes_are_refused_naming_the_field(api_as, staff, params, field):
    # REQ: MI-1
    response = api_as(staff["manager"]).get(FIGURE, **params)
    assert response.status_code == 422
    assert field_names(response) == [field]
    assert not IndicatorFigure.objects.exists()


def test_an_unknown_indicator_is_a_404(api_as, staff):
    # REQ: MI-1
    assert api_as(staff["manager"]).get("/api/indicators/no_such/figure").status_code == 404


def test_only_managers_and_administrators_read_indicators(api_as, staff, six):
    # REQ: MI-1, MI-6
    for role, user in staff.items():
        expected = 200 if role in (Role.MANAGER, Role.ADMINISTRATOR) else 403
        assert api_as(user).get("/api/indicators").status_code == expected, role
        assert api_as(user).get(FIGURE, **JUNE).status_code == expected, role


def test_another_municipality_gets_its_own_figure(api_as, staff, six, other_municipality):
    # REQ: MI-1, SEC-1
    other = StaffUser.objects.create_user(
        username="ab-manager", municipality=other_municipality, role=Role.MANAGER
    )
    ours = api_as(staff["manager"]).get(FIGURE, **JUNE).json()
    theirs = api_as(other).get(FIGURE, **JUNE).json()
    assert ours["total"]["denominator"] == "6"
    assert theirs["total"]["population"] == 0 and theirs["total"]["value"] is None
    assert IndicatorFigure.objects.filter(municipality=other_municipality).count() == 1
