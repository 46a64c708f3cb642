"""A strategy version evaluated for a period (MI-2): library figures from the cache, hand figures,
keys without a data source, targets in force at the period's end, the track, and small counts
hidden for a viewer outside the integration team."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from velkomst.engines.targets import Step, Track
from velkomst.indicators.library import Scope
from velkomst.indicators.tests.conftest import one_of_two_in_work
from velkomst.insight import evaluation
from velkomst.strategies import selectors as strategy_selectors
from velkomst.strategies.models import (
    Guidepost,
    HandFigure,
    Kind,
    Status,
    StrategyIndicator,
    StrategyVersion,
)

pytestmark = pytest.mark.django_db

JUNE = (date(2026, 6, 1), date(2026, 6, 30))


def make_strategy(municipality, *, number=1, employment_targets=None):
    """A published version: guidepost 1 with the employment rate (library), a hand-entered
    grade average and a library key this build lacks."""
    version = StrategyVersion.objects.create(
        municipality=municipality,
        number=number,
        title="Integrationsstrategi",
        valid_from=date(2025, 1, 1),
        status=Status.PUBLISHED,
    )
    post = Guidepost.objects.create(
        municipality=municipality, strategy=version, number=1, title="Flere i job"
    )
    for order, (kind, key, title, unit, targets) in enumerate(
        [
            (
                Kind.LIBRARY,
                "employment_rate",
                "I job",
                "",
                employment_targets
                if employment_targets is not None
                else [{"value": "40", "by": None}],
            ),
            (Kind.MANUAL, "grades_9th", "Karakterer", "average", [{"value": "7", "by": None}]),
            (Kind.LIBRARY, "no_such_key_yet", "Trivsel", "share", []),
        ]
    ):
        StrategyIndicator.objects.create(
            municipality=municipality,
            guidepost=post,
            order=order,
            kind=kind,
            key=key,
            title=title,
            unit=unit,
            targets=targets,
        )
    return version


@pytest.fixture
def data(arrive):
    return one_of_two_in_work(arrive)


def by_key(evaluations):
    return {e.key: e for post in evaluations for e in post.indicators}


def test_a_version_is_evaluated_with_figures_targets_and_tracks(data, staff, municipality):
    # REQ: MI-2
    manager = staff["manager"]
    version = make_strategy(municipality)
    HandFigure.objects.create(
        municipality=municipality,
        indicator_key="grades_9th",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        value=Decimal("6.4"),
        source="Skolernes karakterudtræk",
        entered_by=staff["administrator"],
    )
    [post] = evaluation.evaluate(manager, version, *JUNE, suppress=False)
    assert post.guidepost.title == "Flere i job"
    found = by_key([post])
    job = found["employment_rate"]
    assert job.value == Decimal("50.0") and job.text == "50 %"
    assert job.numerator == 1 and job.denominator == 2 and job.population == 2
    assert job.target == Step(date.max, Decimal("40")) and job.target_text == "40 %"
    assert job.track == Track.ON and not job.hidden and job.hand is None
    assert job.computed_at is not None and not job.stale and job.drillable
    assert job.groups["sex"]["F"].value == "100.0"
    grades = found["grades_9th"]
    assert grades.value == Decimal("6.4") and grades.text == "6,4"
    assert grades.hand is not None and grades.hand.source == "Skolernes karakterudtræk"
    assert grades.track == Track.OFF and not grades.drillable  # 6.4 below 7
    missing = found["no_such_key_yet"]
    assert missing.value is None and missing.text == "Ingen datakilde endnu"
    assert not missing.has_source and missing.track == Track.NO_TARGET
    assert evaluation.off_track([post]) == 1


def test_the_target_in_force_is_the_step_at_the_period_end(data, staff, municipality):
    # REQ: MI-2
    steps = [{"value": "25", "by": "2025-12-31"}, {"value": "60", "by": "2026-12-31"}]
    version = make_strategy(municipality, employment_targets=steps)
    job = by_key(evaluation.evaluate(staff["manager"], version, *JUNE, suppress=False))[
        "employment_rate"
    ]
    assert job.target == Step(date(2026, 12, 31), Decimal("60")) and job.track == Track.OFF
    # a period ending in 2025 is judged against 25 %: no one had work then (0 %)
    before = by_key(
        evaluation.evaluate(
            staff["manager"], version, date(2025, 12, 1), date(2025, 12, 31), suppress=False
        )
    )["employment_rate"]
    assert before.target == Step(date(2025, 12, 31), Decimal("25"))
    assert before.value == 0 and before.track == Track.OFF


def test_small_counts_are_hidden_when_suppressed(data, staff, municipality):
    # REQ: MI-2, MI-6
    version = make_strategy(municipality)
    job = by_key(evaluation.evaluate(staff["administrator"], version, *JUNE, suppress=True))[
        "employment_rate"
    ]
    assert job.value is None and job.numerator is None and job.population is None
    assert job.text == "<5" and job.hidden and "færre end 5" in job.hidden_reason.lower()
    assert job.track == Track.NO_FIGURE and not job.drillable
    assert all(g.suppressed for by in job.groups.values() for g in by.values())


def test_who_sees_small_counts(staff):
    # REQ: MI-2, MI-6
    assert not evaluation.suppress_for(staff["manager"])
    assert evaluation.suppress_for(staff["administrator"])


def test_a_hand_figure_covering_the_period_is_preferred_to_an_earlier_one(municipality):
    # REQ: MI-2
    year = HandFigure(pk=1, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    spring = HandFigure(pk=2, period_start=date(2026, 3, 1), period_end=date(2026, 5, 31))
    old = HandFigure(pk=3, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31))
    figures = [year, spring, old]
    assert evaluation.hand_figure_for(figures, date(2026, 6, 1), date(2026, 6, 30)) is year
    assert evaluation.hand_figure_for(figures, date(2026, 4, 1), date(2026, 4, 30)) is spring
    assert evaluation.hand_figure_for(figures, date(2024, 1, 1), date(2026, 2, 1)) is old
    # none in the period: the latest known before it (shown with its own period)
    assert evaluation.hand_figure_for(figures, date(2025, 1, 1), date(2025, 6, 30)) is old
    assert evaluation.hand_figure_for(figures, date(2023, 1, 1), date(2023, 6, 30)) is None


def test_a_series_by_month_and_since_arrival(data, staff, municipality):
    # REQ: MI-2
    version = make_strategy(municipality)
    row = next(
        i
        for post in strategy_selectors.contents(version)
        for i in post.indicators
        if i.indicator.key == "employment_rate"
    )
    months = evaluation.monthly_scopes(date(2026, 6, 30), count=2)
    assert months == [
        Scope(date(2026, 5, 1), date(2026, 5, 31)),
        Scope(date(2026, 6, 1), date(2026, 6, 30)),
    ]
    may, june = evaluation.series(staff["manager"], row, months, suppress=False)
    assert may.value == 0 and june.value == Decimal("50.0")
    # 12 months after arrival (1 March 2026) no one worked; at 3 months neither
    since = evaluation.series(
        staff["manager"],
        row,
        evaluation.since_arrival_scopes(*JUNE),
        suppress=False,
    )
    assert [s.scope.months_since_arrival for s in since if s.scope] == [3, 6, 12, 18, 24, 36]
    assert since[2].value == 0 and since[2].population == 2
    assert since[4].population == 0 and since[4].value is None and since[4].text == "–"


def test_another_municipality_s_version_is_refused(data, staff, other_municipality):
    # REQ: MI-2
    version = make_strategy(other_municipality)
    with pytest.raises(PermissionDenied):
        evaluation.evaluate(staff["manager"], version, *JUNE, suppress=False)
    with pytest.raises(PermissionDenied):
        evaluation.evaluate(staff["caseworker"], version, *JUNE, suppress=False)
