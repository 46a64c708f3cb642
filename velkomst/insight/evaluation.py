"""A strategy version evaluated for a period (MI-2, MI-3): the one place that turns a version's
indicators into figures, targets and tracks, used by the dashboard and the annual status report.

For each indicator of the version:

- a **library** indicator whose key this build holds: its figure from the cache
  (``indicators.selectors.figure``: computed now if not cached, else served with ``stale`` and
  its recomputation queued), for the scope ``Scope(start, end)``;
- a library indicator whose key the library lacks: no figure, said so ("no data source yet");
- a **manual** indicator: the hand-entered figure (``HandFigure``) for the period: one whose
  period covers it, else the latest one ending by the period's end (its own period is shown with
  it, with its source and who entered it).

With ``suppress`` (the viewer is outside the integration team, see ``suppress_for``) a library
figure goes through ``indicators.suppression.shown``: a hidden total has no value, its text is
"<5" or "–" and ``hidden_reason`` says why. A hand figure is a published aggregate its source
already gives, so it is never hidden. The target in force is the step of the indicator's stepped
target at the period's end (``engines.targets.target_on``; a step without a date stands for
ever), and the track compares the value with it in the indicator's good direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.engines import targets
from velkomst.engines.calendar import add_months
from velkomst.indicators import selectors as indicator_selectors
from velkomst.indicators import suppression
from velkomst.indicators.library import Scope
from velkomst.strategies import selectors as strategy_selectors
from velkomst.strategies.models import Guidepost, HandFigure, StrategyVersion
from velkomst.strategies.selectors import IndicatorRow

NO_VALUE = "–"
# the months since arrival a trend is shown at (the ministry's measures and the half years)
MONTHS_SINCE_ARRIVAL = (3, 6, 12, 18, 24, 36)


@dataclass(frozen=True)
class Evaluated:
    """One indicator of a strategy in one scope, as it may be shown to the viewer."""

    row: IndicatorRow
    value: Decimal | None  # None: no data, no source, or hidden
    text: str  # as shown: "72,5 %", "<5", "–", or "no data source yet" in words
    numerator: Decimal | None
    denominator: Decimal | None
    population: int | None  # None where hidden (or a hand figure)
    hidden_reason: str  # "" if shown
    hand: HandFigure | None  # the hand-entered figure used (marked wherever shown)
    target: targets.Step | None  # in force at the scope's end
    track: targets.Track
    computed_at: datetime | None
    stale: bool
    scope: Scope | None = None
    # per breakdown, per group key: the figure as it may be shown (library figures only)
    groups: dict[str, dict[str, suppression.ShownFigure]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.row.indicator.key

    @property
    def has_source(self) -> bool:
        return self.row.is_manual or self.row.has_source

    @property
    def hidden(self) -> bool:
        return bool(self.hidden_reason)

    @property
    def drillable(self) -> bool:
        """Whether the persons behind the figure may be listed: a library figure, shown."""
        return not self.row.is_manual and self.row.has_source and not self.hidden

    @property
    def track_text(self) -> str:
        """The mark in words (with a sign), never colour alone."""
        return {
            targets.Track.ON: _("✓ Når målet"),
            targets.Track.OFF: _("✗ Når ikke målet"),
            targets.Track.NO_TARGET: _("Intet mål"),
            targets.Track.NO_FIGURE: _("Intet tal at måle"),
        }[self.track]

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        return strategy_selectors.value_text(self.target.value, self.row.unit)


@dataclass(frozen=True)
class GuidepostEvaluation:
    guidepost: Guidepost
    indicators: list[Evaluated]

    @property
    def off_track(self) -> int:
        return sum(1 for e in self.indicators if e.track == targets.Track.OFF)


# --- who sees small counts -------------------------------------------------------------------


def suppress_for(user: StaffUser) -> bool:
    """Whether small counts are hidden from ``user`` (docs/decisions.md): everyone outside the
    integration team's management, i.e. every viewer who may not list the persons behind a
    figure (``insight.drill``). A manager may list them anyway, so hiding a count from them
    protects no one; the administrator configures the strategy and sees aggregates only."""
    return not access.can(user, access.INSIGHT_DRILL)


# --- periods ---------------------------------------------------------------------------------


def year_to_date(today: date) -> tuple[date, date]:
    return date(today.year, 1, 1), today


def last_year(today: date) -> tuple[date, date]:
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def month(year: int, number: int) -> tuple[date, date]:
    start = date(year, number, 1)
    return start, add_months(start, 1) - timedelta(days=1)


# --- targets ---------------------------------------------------------------------------------


def steps_of(row: IndicatorRow) -> list[targets.Step]:
    """The indicator's target as the engine's steps (a step without a date holds for ever)."""
    return [targets.Step(step.by or date.max, step.value) for step in row.indicator.target_steps()]


def direction_of(row: IndicatorRow) -> targets.Direction:
    """The indicator's good direction; none given: more is better (a target to reach)."""
    return targets.Direction(row.good) if row.good else targets.Direction.UP


# --- one indicator ---------------------------------------------------------------------------


def hand_figure_for(
    figures: list[HandFigure], start: date, end: date, *, latest_known: bool = True
) -> HandFigure | None:
    """Of one indicator's hand figures: one whose period covers ``start``..``end`` (the shortest),
    else the latest one ending by ``end`` (a yearly figure is the latest known until the next
    year's is entered; its own period is shown with it). Without ``latest_known`` only a figure
    whose period reaches into ``start``..``end`` counts (a report comparing years must not show
    last year's figure as this year's)."""
    covering = [f for f in figures if f.period_start <= start and f.period_end >= end]
    if covering:
        return min(covering, key=lambda f: (f.period_end - f.period_start, -f.pk))
    first = start if not latest_known else date.min
    earlier = [f for f in figures if first <= f.period_end <= end]
    if earlier:
        return max(earlier, key=lambda f: (f.period_end, f.period_start, f.pk))
    return None


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _judged(
    row: IndicatorRow, scope: Scope, value: Decimal | None
) -> tuple[targets.Step | None, targets.Track]:
    steps = steps_of(row)
    return (
        targets.target_on(steps, scope.end),
        targets.track(value, steps, direction_of(row), scope.end),
    )


def no_source(row: IndicatorRow, scope: Scope) -> Evaluated:
    target, track = _judged(row, scope, None)
    return Evaluated(
        row, None, _("Ingen datakilde endnu"), None, None, None, "", None, target, track,
        None, False, scope,
    )  # fmt: skip


def hand_evaluated(row: IndicatorRow, scope: Scope, hand: HandFigure | None) -> Evaluated:
    value = hand.value if hand is not None else None
    target, track = _judged(row, scope, value)
    text = strategy_selectors.value_text(value, row.unit) if value is not None else NO_VALUE
    return Evaluated(
        row, value, text, None, None, None, "", hand, target, track,
        hand.entered_at if hand is not None else None, False, scope,
    )  # fmt: skip


def library_evaluated(
    user: StaffUser, row: IndicatorRow, scope: Scope, *, suppress: bool, threshold: int
) -> Evaluated:
    cached = indicator_selectors.figure(user, row.indicator.key, scope)
    if suppress:
        shown = suppression.shown(cached.total, cached.groups, row.unit, threshold)
        total, groups = shown.total, shown.groups
    else:
        total = suppression.as_shown(cached.total)
        groups = {
            b: {g: suppression.as_shown(f) for g, f in by.items()}
            for b, by in cached.groups.items()
        }
    hidden_reason = total.reason_text if total.suppressed else ""
    value = _decimal(total.value)
    if total.suppressed:
        text = total.text
    elif value is None:
        text = NO_VALUE
    else:
        text = strategy_selectors.value_text(value, row.unit)
    target, track = _judged(row, scope, value)
    population = total.population
    return Evaluated(
        row, value, text, _decimal(total.numerator), _decimal(total.denominator),
        None if population is None else int(population), hidden_reason, None, target, track,
        cached.computed_at, cached.stale, scope, groups,
    )  # fmt: skip


def _hand_figures(municipality_id: int, keys: set[str]) -> dict[str, list[HandFigure]]:
    by_key: dict[str, list[HandFigure]] = {key: [] for key in keys}
    if keys:
        for figure in HandFigure.objects.filter(
            municipality_id=municipality_id, indicator_key__in=keys
        ).select_related("entered_by"):
            by_key[figure.indicator_key].append(figure)
    return by_key


# --- a version, a series ---------------------------------------------------------------------


def evaluate(
    user: StaffUser,
    version: StrategyVersion,
    start: date,
    end: date,
    *,
    suppress: bool,
    latest_known: bool = True,
) -> list[GuidepostEvaluation]:
    """Every guidepost of ``version`` with its indicators evaluated for ``start``..``end``
    (module docstring; ``latest_known``: see ``hand_figure_for``). The version must be of the
    user's municipality; ``insight.view``."""
    access.require_in_tenant(user, access.INSIGHT_VIEW, version.municipality_id)
    scope = Scope(start, end)
    rows = strategy_selectors.contents(version)
    manual = {i.indicator.key for post in rows for i in post.indicators if i.is_manual}
    hands = _hand_figures(version.municipality_id, manual)
    threshold = suppression.threshold_of(version.municipality_id) if suppress else 0
    result = []
    for post in rows:
        evaluated = []
        for row in post.indicators:
            if row.is_manual:
                found = hand_figure_for(
                    hands[row.indicator.key], start, end, latest_known=latest_known
                )
                evaluated.append(hand_evaluated(row, scope, found))
            elif not row.has_source:
                evaluated.append(no_source(row, scope))
            else:
                evaluated.append(
                    library_evaluated(user, row, scope, suppress=suppress, threshold=threshold)
                )
        result.append(GuidepostEvaluation(post.guidepost, evaluated))
    return result


def series(
    user: StaffUser, row: IndicatorRow, scopes: list[Scope], *, suppress: bool
) -> list[Evaluated]:
    """``row`` evaluated in each of ``scopes`` (a trend): by month, by arrival cohort, by months
    since arrival. The target of each point is the one in force at its scope's end."""
    municipality_id = access.tenant_id(user)
    access.require_in_tenant(user, access.INSIGHT_VIEW, row.indicator.municipality_id)
    if row.is_manual:
        figures = _hand_figures(municipality_id, {row.indicator.key})[row.indicator.key]
        return [hand_evaluated(row, s, hand_figure_for(figures, s.start, s.end)) for s in scopes]
    if not row.has_source:
        return [no_source(row, s) for s in scopes]
    threshold = suppression.threshold_of(municipality_id) if suppress else 0
    return [library_evaluated(user, row, s, suppress=suppress, threshold=threshold) for s in scopes]


def off_track(evaluations: list[GuidepostEvaluation]) -> int:
    return sum(post.off_track for post in evaluations)


# --- the scopes of the trends ----------------------------------------------------------------


def monthly_scopes(end: date, count: int = 12) -> list[Scope]:
    """The ``count`` calendar months up to the one holding ``end`` (that one up to ``end``)."""
    first = date(end.year, end.month, 1)
    scopes = []
    for back in range(count - 1, -1, -1):
        start = add_months(first, -back)
        scopes.append(Scope(start, min(add_months(start, 1) - timedelta(days=1), end)))
    return scopes


def cohort_scopes(start: date, end: date, years: int = 5) -> list[Scope]:
    """The period for each arrival cohort of the last ``years`` years up to ``end``'s year."""
    return [Scope(start, end, cohort=year) for year in range(end.year - years + 1, end.year + 1)]


def since_arrival_scopes(start: date, end: date) -> list[Scope]:
    """Each person measured at 3, 6, 12, 18, 24 and 36 months after arrival (by ``end``)."""
    return [Scope(start, end, months_since_arrival=m) for m in MONTHS_SINCE_ARRIVAL]
