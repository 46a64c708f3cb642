"""The manager's dashboard (MI-2): who may see it, what it shows for a period, small counts hidden
from a viewer outside the integration team, the indicator page's charts, the audited drill-down
and the deadlines per unit and service standard."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import member
from velkomst.core.models import AuditAction, AuditEntry
from velkomst.insight import dashboard, evaluation
from velkomst.outcomes.models import Employment
from velkomst.strategies.models import HandFigure

from .test_evaluation import make_strategy

pytestmark = pytest.mark.django_db

ALLOWED = ("manager", "administrator")
REFUSED = (
    "caseworker",
    "job_consultant",
    "housing_officer",
    "family_consultant",
    "health_coordinator",
    "volunteer_coordinator",
    "interpreter_coordinator",
)


@pytest.fixture
def data(arrive, municipality):
    """Two adults who arrived 13 months ago; Amal works unsupported from ten days ago (today's
    period: this year to date; computed inside the test, never at collection)."""
    today = timezone.localdate()
    household = arrive(
        today - timedelta(days=400),
        [
            member(birth_date=date(1988, 3, 14)),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
        ],
    )
    amal = household.members.get(first_name="Amal")
    Employment.objects.create(
        municipality=municipality,
        person=amal,
        employer_name="Danish Crown",
        start_date=today - timedelta(days=10),
        hours_per_week=37,
    )
    return household


def pages():
    return [
        reverse("insight-dashboard"),
        reverse("insight-indicator", args=["employment_rate"]),
        reverse("insight-deadlines"),
    ]


@pytest.mark.parametrize("role", ALLOWED)
def test_the_manager_and_the_administrator_see_the_pages(role, staff, logged_in, municipality):
    # REQ: MI-2
    make_strategy(municipality)
    client = logged_in(staff[role])
    for url in pages():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(role, staff, logged_in, municipality):
    # REQ: MI-2
    make_strategy(municipality)
    client = logged_in(staff[role])
    for url in [*pages(), reverse("insight-indicator-persons", args=["employment_rate"])]:
        assert client.get(url).status_code == 403, url


def test_the_dashboard_shows_figures_targets_marks_and_hand_figures(
    data, staff, logged_in, municipality
):
    # REQ: MI-2
    make_strategy(municipality)
    today = timezone.localdate()
    HandFigure.objects.create(
        municipality=municipality,
        indicator_key="grades_9th",
        period_start=date(today.year, 1, 1),
        period_end=date(today.year, 12, 31),
        value=Decimal("7.5"),
        source="Skolernes karakterudtræk",
        entered_by=staff["administrator"],
    )
    html = logged_in(staff["manager"]).get(reverse("insight-dashboard")).content.decode()
    assert "Integrationsstrategi" in html and "1. Flere i job" in html
    assert "50 %" in html and "1 af 2" in html  # Amal of the two
    assert "40 %" in html and "✓ Når målet" in html  # target, and the mark in words
    assert "7,5" in html and "Håndindtastet" in html and "Skolernes karakterudtræk" in html
    assert "Ingen datakilde endnu" in html
    assert "Se borgerne bag tallet" in html  # the manager may drill down
    assert "Beregnet" in html


def test_small_counts_are_hidden_from_the_administrator(data, staff, logged_in, municipality):
    # REQ: MI-2, MI-6
    make_strategy(municipality)
    html = logged_in(staff["administrator"]).get(reverse("insight-dashboard")).content.decode()
    assert "&lt;5" in html and "1 af 2" not in html and "50 %" not in html
    assert 'data-testid="suppression-note"' in html
    assert "Se borgerne bag tallet" not in html


def test_without_a_strategy_the_dashboard_says_so(staff, logged_in):
    # REQ: MI-2
    html = logged_in(staff["manager"]).get(reverse("insight-dashboard")).content.decode()
    assert "ingen offentliggjort strategi" in html and reverse("strategy-current") in html


def test_a_stale_figure_is_said_to_be_recomputed(data, staff, logged_in, municipality):
    # REQ: MI-2
    from velkomst.indicators.models import IndicatorFigure

    make_strategy(municipality)
    client = logged_in(staff["manager"])
    client.get(reverse("insight-dashboard"))
    IndicatorFigure.objects.update(computed_at=timezone.now() - timedelta(days=2))
    html = client.get(reverse("insight-dashboard")).content.decode()
    assert "genberegnes" in html


def test_the_period_chooser(staff):
    # REQ: MI-2
    today = date(2026, 3, 15)
    assert dashboard.period_from({}, today) == dashboard.Period(
        "ytd", date(2026, 1, 1), date(2026, 3, 15)
    )
    assert dashboard.period_from({"period": "last_year"}, today).end == date(2025, 12, 31)
    month = dashboard.period_from({"period": "month", "month": "2026-02"}, today)
    assert (month.start, month.end) == (date(2026, 2, 1), date(2026, 2, 28))
    # a month not yet begun, or nonsense, is this month up to today
    for odd in ("2026-07", "x", "2026-13", "1999-01"):
        got = dashboard.period_from({"period": "month", "month": odd}, today)
        assert (got.start, got.end) == (date(2026, 3, 1), today)


def test_the_indicator_page_draws_trends_with_the_target_and_breakdowns(
    data, staff, logged_in, municipality
):
    # REQ: MI-2
    make_strategy(municipality)
    url = reverse("insight-indicator", args=["employment_rate"])
    html = logged_in(staff["manager"]).get(url).content.decode()
    assert html.count("<svg") == 3 + 2  # month, cohort, months since arrival; sex, age
    assert "Pr. ankomstår" in html and "Efter måneder i kommunen" in html
    assert "Kvinder" in html and "Mænd" in html  # groups by their labels
    assert "40 %" in html  # the target drawn and tabled
    assert logged_in(staff["manager"]).get(url + "?months=24").content.decode().count(
        '<th scope="row">'
    ) > html.count('<th scope="row">')
    unknown = reverse("insight-indicator", args=["no_such_key"])
    assert logged_in(staff["manager"]).get(unknown).status_code == 404


def test_the_drill_down_lists_the_persons_and_audits_each(data, staff, logged_in):
    # REQ: MI-2, SEC-3
    today = timezone.localdate()
    url = reverse("insight-indicator-persons", args=["employment_rate"])
    query = f"?start={date(today.year, 1, 1)}&end={today}"
    client = logged_in(staff["manager"])
    before = AuditEntry.objects.filter(action=AuditAction.VIEW).count()
    html = client.get(url + query).content.decode()
    assert "Amal Haddad" in html and "Omar Haddad" in html
    amal = data.members.get(first_name="Amal")
    assert reverse("person-detail", args=[amal.pk]) in html
    views = AuditEntry.objects.filter(action=AuditAction.VIEW)
    assert views.count() == before + 2
    assert set(views.values_list("person_id", flat=True)) >= set(
        data.members.values_list("pk", flat=True)
    )
    counted = client.get(url + query + "&counted=yes").content.decode()
    assert "Amal Haddad" in counted and "Omar Haddad" not in counted
    women = client.get(url + query + "&breakdown=sex&group=M").content.decode()
    assert "Omar Haddad" in women and "Amal Haddad" not in women
    assert client.get(url + "?start=nonsense").status_code == 400
    # the administrator (no drill-down) is refused
    assert logged_in(staff["administrator"]).get(url + query).status_code == 403


def test_the_drill_down_lists_only_persons_the_viewer_may_see(data, staff):
    # REQ: MI-2
    today = timezone.localdate()
    drill = dashboard.Drill(evaluation.Scope(date(today.year, 1, 1), today))
    assert dashboard.drill_ids(staff["manager"], "employment_rate", drill) == sorted(
        data.members.values_list("pk", flat=True)
    )


def test_another_municipality_sees_none_of_it(data, other_caseworker, other_municipality):
    # REQ: MI-2
    from conftest import _make_user

    other_manager = _make_user(other_municipality, "manager", "ab-manager")
    today = timezone.localdate()
    drill = dashboard.Drill(evaluation.Scope(date(today.year, 1, 1), today))
    assert dashboard.drill_ids(other_manager, "employment_rate", drill) == []


def test_the_deadlines_page_has_a_table_and_a_chart_per_unit_and_standard(
    staff, logged_in, household
):
    # REQ: MI-2
    html = logged_in(staff["manager"]).get(reverse("insight-deadlines")).content.decode()
    assert "Pr. enhed" in html and "Pr. servicestandard" in html


def test_the_manager_s_start_page_counts_the_indicators_off_track(
    data, staff, logged_in, municipality
):
    # REQ: MI-2
    steps = [{"value": "90", "by": None}]
    make_strategy(municipality, employment_targets=steps)
    html = logged_in(staff["manager"]).get(reverse("home")).content.decode()
    assert "Ledelsesinformation" in html
    assert "Indikatorer, der ikke når målet i år" in html
    assert reverse("insight-dashboard") + "?only=off" in html
    off = logged_in(staff["manager"]).get(reverse("insight-dashboard") + "?only=off")
    text = off.content.decode()
    assert "I job" in text and "Ingen datakilde endnu" not in text


def test_overblik_is_first_in_the_insight_menu_group(staff):
    # REQ: MI-2
    from velkomst.core import access, navigation

    for role in ALLOWED:
        groups = navigation.menu_for(access.capabilities(staff[role]), "")
        insight = next(g for g in groups if g.key == "insight")
        assert insight.links[0].label == "Overblik"
        assert insight.links[0].href == reverse("insight-dashboard")
    caseworker = navigation.menu_for(access.capabilities(staff["caseworker"]), "")
    assert all(g.key != "insight" for g in caseworker)
