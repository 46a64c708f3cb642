"""The places page (MI-5): households per housing area against the areas' caps, and the
platform's children per daycare and school against the municipality's limit for institutions;
small counts hidden for the administrator (MI-6).

The housing data of the housing indicators' tests (``indicators/tests/test_housing.py``, the
fixture ``homes``), read on 30 June 2026.
"""

from __future__ import annotations

from datetime import date

import pytest

from velkomst.core.models import MunicipalityConfig
from velkomst.families.models import ChildPlacement, Institution
from velkomst.indicators.tests.conftest import member
from velkomst.indicators.tests.test_housing import homes  # noqa: F401 (a fixture)
from velkomst.insight import places

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 30)


def test_households_per_area_against_the_areas_caps(homes, staff):  # noqa: F811
    # REQ: MI-5
    page = places.places(staff["manager"], today=DAY)
    rows = {row.name: row for row in page.areas}
    # Nord: 1 recorded + B = 2, its own cap 2: within. Syd: 19 + A, E = 21 over the
    # municipality's 20. Vest: C, D = 2 over 10 % of its 10 households = 1.
    assert [
        (rows[n].placed.text, rows[n].recorded, rows[n].living.text, rows[n].cap)
        for n in (
            "Nord",
            "Syd",
            "Vest",
        )
    ] == [("1", 1, "2", 2), ("2", 19, "21", 20), ("2", 0, "2", 1)]
    assert {n: rows[n].status_text for n in rows} == {
        "Nord": "Inden for grænsen",
        "Syd": "Over grænsen",
        "Vest": "Over grænsen",
    }
    assert page.areas_over == 2
    assert rows["Syd"].percent_of_cap == 105.0
    # the manager may not edit areas, so no link; the housing officer's page would have one
    assert rows["Nord"].url == ""


def test_small_counts_of_households_are_hidden_for_the_administrator(homes, staff):  # noqa: F811
    # REQ: MI-6, MI-5
    page = places.places(staff["administrator"], today=DAY)
    rows = {row.name: row for row in page.areas}
    # 1, 2 and 2 households: each below 5, so hidden, and with them the area's households in all
    # (the recorded number is the area's own and would give the hidden one away)
    assert {n: rows[n].placed.text for n in rows} == {"Nord": "<5", "Syd": "<5", "Vest": "<5"}
    assert {n: rows[n].living.text for n in rows} == {"Nord": "–", "Syd": "–", "Vest": "–"}
    # whether an area is over its cap is the municipality's rule about the area: shown
    assert rows["Syd"].status_text == "Over grænsen"


def _child(arrive, institution, first_name, start, nationality="SY"):
    household = arrive(
        date(2025, 8, 1),
        [member(first_name=first_name, birth_date=date(2015, 5, 1), nationality=nationality)],
    )
    child = household.members.get()
    ChildPlacement.objects.create(
        municipality=child.municipality,
        person=child,
        kind=institution.kind,
        institution=institution,
        actual_start_date=start,
    )


def test_the_share_with_non_western_background_per_institution(arrive, staff, municipality):
    # REQ: MI-5
    school = Institution.objects.create(
        municipality=municipality,
        name="Søndermarksskolen",
        kind="school",
        children_total=20,
        other_non_western_children=4,
    )
    daycare = Institution.objects.create(
        municipality=municipality,
        name="Børnehuset Solsikken",
        kind="daycare",
        children_total=10,
        other_non_western_children=3,
    )
    Institution.objects.create(municipality=municipality, name="Lilleskolen", kind="school")
    _child(arrive, school, "Rami", date(2025, 8, 10))
    _child(arrive, school, "Lina", date(2025, 8, 12))
    _child(arrive, daycare, "Noor", date(2025, 9, 1))
    _child(arrive, daycare, "Sami", date(2026, 8, 1))  # starts after the day: not counted
    # a refugee child from a Western country (Danmarks Statistik's grouping): one of the
    # platform's children, not of the share
    _child(arrive, school, "Olena", date(2025, 8, 12), nationality="GB")
    page = places.places(staff["manager"], today=DAY)
    rows = {row.name: row for row in page.institutions}
    # the school: (4 + 2) / 20 = 30 %, at the limit of 30 %: within; the daycare: (3 + 1) / 10 =
    # 40 %: over; Lilleskolen has no children total: no share
    school_row = rows["Søndermarksskolen"]
    assert (school_row.children.text, school_row.non_western.text, school_row.share.text) == (
        "3",
        "2",
        "30 %",
    )
    assert rows["Søndermarksskolen"].status_text == "Inden for grænsen"
    assert (rows["Børnehuset Solsikken"].share.text, rows["Børnehuset Solsikken"].status_text) == (
        "40 %",
        "Over grænsen",
    )
    assert (rows["Lilleskolen"].children.text, rows["Lilleskolen"].share.text) == (
        "0",
        "Ikke oplyst",
    )
    assert page.institution_limit == 30
    # the municipality's own limit, from a configuration row
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2026, 1, 1),
        values={"institution_non_western_max_percent": 45},
    )
    again = places.places(staff["manager"], today=DAY)
    assert {r.name: r.status_text for r in again.institutions}["Børnehuset Solsikken"] == (
        "Inden for grænsen"
    )


@pytest.mark.parametrize("role", ["manager", "administrator"])
def test_the_page_opens_for_insight_roles_only(role, staff, logged_in, homes):  # noqa: F811
    # REQ: MI-5
    response = logged_in(staff[role]).get("/insight/places/")
    assert response.status_code == 200
    assert "Syd" in response.content.decode()
    assert logged_in(staff["housing_officer"]).get("/insight/places/").status_code == 403


def test_another_municipalitys_manager_sees_only_their_own_places(
    homes,  # noqa: F811
    other_municipality,
    logged_in,
):
    # REQ: SEC-1, MI-5
    from conftest import _make_user

    outsider = _make_user(other_municipality, "manager", "ab-manager")
    page = places.places(outsider, today=DAY)
    names = {row.name for row in page.areas}
    assert not names & {"Nord", "Syd", "Vest"}
    html = logged_in(outsider).get("/insight/places/").content.decode()
    assert "Nord" not in html.split("<main")[1]
