"""The economy page's reads (MI-4): what the efforts cost in a year against the results, from the
indicator library's cached figures (``indicators.selectors.figure``), never counted here.

Costs: ``cost_activities`` (by category), ``cost_interpreting`` (by mode),
``cost_temporary_housing`` (by dwelling type). Results: ``work_or_education_started`` (by
result), ``danish_exams_passed`` (by exam), ``result_grants_earned`` (kroner, by kind). How many
records the costs read have no price: ``unpriced_cost_records`` (by source). The cost per result is
derived here from the shown figures (the costs' total over the number of results) and says so;
the library's ``cost_per_self_supporting`` is shown beside it.

The period is a calendar year: the chosen year, this year up to today by default; the previous
year is compared over the same days (1 January to the same day). Outside the integration team
(``outside_team``) small counts and their complements are hidden (``indicators.suppression``),
and a derived figure whose parts are hidden is hidden too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from velkomst.core import access
from velkomst.core.formats import format_amount, format_number
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines import charts
from velkomst.indicators import selectors as figures
from velkomst.indicators.labels import group_label
from velkomst.indicators.library import Scope, Unit
from velkomst.indicators.suppression import ShownFigure, shown, threshold_of

# the figures of the page: (key, breakdown)
COSTS = (
    ("cost_activities", "category"),
    ("cost_interpreting", "mode"),
    ("cost_temporary_housing", "type"),
)
RESULTS = (
    ("work_or_education_started", "result"),
    ("danish_exams_passed", "exam"),
    ("result_grants_earned", "kind"),
)
UNPRICED = ("unpriced_cost_records", "source")
PER_SELF_SUPPORTING = "cost_per_self_supporting"
FIRST_YEAR = 2000


def outside_team(user: StaffUser) -> bool:
    """Whether the viewer is outside the integration team, so small counts are hidden (MI-6):
    the administrator is, the manager (who may see the citizens behind a figure) is not."""
    return not access.can(user, access.INSIGHT_DRILL)


def year_scope(year: int, today: date) -> Scope:
    """The calendar year ``year``; this year only up to today."""
    end = date(year, 12, 31)
    return Scope(date(year, 1, 1), min(end, today) if year == today.year else end)


def previous_scope(scope: Scope) -> Scope:
    """The same days a year earlier (29 February as 28 February)."""
    end = scope.end
    day = 28 if (end.month, end.day) == (2, 29) else end.day
    return Scope(date(scope.start.year - 1, 1, 1), date(end.year - 1, end.month, day))


@dataclass(frozen=True)
class Line:
    """One group of a figure (or its total): this period's and the previous period's figure."""

    label: str
    now: ShownFigure
    before: ShownFigure
    change: str  # the difference in words ("+1.200 kr."), "" when either is hidden or missing
    unit: Unit = Unit.AMOUNT

    @property
    def now_cell(self) -> Cell:
        return cell(self.unit, self.now)

    @property
    def before_cell(self) -> Cell:
        return cell(self.unit, self.before)


@dataclass(frozen=True)
class Cell:
    """A figure as a table cell: its text, and why it is hidden if it is."""

    text: str
    reason: str = ""


def cell(unit: Unit, figure: ShownFigure) -> Cell:
    if figure.suppressed:
        return Cell(figure.text or "–", figure.reason_text)
    value = _value(figure)
    return Cell(fmt(unit, value) if value is not None else _("Intet tal"))


@dataclass(frozen=True)
class Block:
    key: str
    name: str | Promise
    description: str | Promise
    unit: Unit
    total: Line
    lines: tuple[Line, ...]
    chart: charts.Rendered
    stale: bool


@dataclass(frozen=True)
class Derived:
    """A cost per result: the costs' total over the results, each as shown."""

    label: str
    explanation: str
    now: str  # formatted, "" when it cannot be shown
    before: str
    hidden: bool  # a part is hidden (small counts)


@dataclass(frozen=True)
class Economy:
    year: int
    years: tuple[int, ...]
    scope: Scope
    previous: Scope
    costs: tuple[Block, ...]
    results: tuple[Block, ...]
    unpriced: Block
    total_cost: Line
    derived: tuple[Derived, ...]
    per_self_supporting: Block
    suppressed: bool  # small counts are hidden for this viewer
    threshold: int
    stale: bool


def fmt(unit: Unit, value: Decimal | float | None) -> str:
    if value is None:
        return ""
    if unit == Unit.AMOUNT or unit == Unit.AVERAGE:
        return format_amount(Decimal(value).quantize(Decimal(1)))
    return format_number(value)


def _value(figure: ShownFigure) -> Decimal | None:
    return None if figure.suppressed or figure.value is None else Decimal(figure.value)


def _change(unit: Unit, now: ShownFigure, before: ShownFigure) -> str:
    a, b = _value(now), _value(before)
    if a is None or b is None:
        return ""
    difference = a - b
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    return sign + fmt(unit, abs(difference))


def _empty(unit: Unit) -> ShownFigure:
    """A group the period does not have: 0 for a count or sum, else no figure."""
    zero = "0" if unit in (Unit.AMOUNT, Unit.SUM, Unit.COUNT) else None
    return ShownFigure(value=zero, numerator=zero, denominator=None, population=0)


def _block(
    user: StaffUser,
    key: str,
    breakdown: str | None,
    scope: Scope,
    previous: Scope,
    hide: bool,
    threshold: int,
) -> Block:
    now = figures.figure(user, key, scope)
    before = figures.figure(user, key, previous)
    unit = now.definition.unit
    groups_now = {breakdown: now.groups.get(breakdown, {})} if breakdown else {}
    groups_before = {breakdown: before.groups.get(breakdown, {})} if breakdown else {}
    if hide:
        shown_now = shown(now.total, groups_now, unit, threshold)
        shown_before = shown(before.total, groups_before, unit, threshold)
    else:
        shown_now = shown(now.total, groups_now, unit, 0)
        shown_before = shown(before.total, groups_before, unit, 0)
    lines: list[Line] = []
    if breakdown:
        codes = sorted(
            set(shown_now.groups[breakdown]) | set(shown_before.groups[breakdown]),
            key=lambda g: group_label(key, breakdown, g),
        )
        for code in codes:
            a = shown_now.groups[breakdown].get(code) or _empty(unit)
            b = shown_before.groups[breakdown].get(code) or _empty(unit)
            lines.append(Line(group_label(key, breakdown, code), a, b, _change(unit, a, b), unit))
    total = Line(
        _("I alt"),
        shown_now.total,
        shown_before.total,
        _change(unit, shown_now.total, shown_before.total),
        unit,
    )
    chart = charts.bars(
        charts.BarChart(
            bars=tuple(
                charts.Bar(
                    line.label,
                    float(_value(line.now) or 0) if not line.now.suppressed else None,
                    suppressed=line.now.suppressed,
                )
                for line in lines
            ),
            texts=charts.Texts(
                title=str(now.definition.name),
                desc=str(now.definition.description),
                no_data=_("Ingen tal i perioden"),
                suppressed=_("Skjult: for få til at vise"),
                x_axis=_("Gruppe"),
                y_axis=str(scope.start.year),
            ),
            fmt=lambda v: fmt(unit, Decimal(str(v))),
            id_prefix=f"chart-{key.replace('_', '-')}",
        )
    )
    return Block(
        key=key,
        name=now.definition.name,
        description=now.definition.description,
        unit=unit,
        total=total,
        lines=tuple(lines),
        chart=chart,
        stale=now.stale or before.stale,
    )


def _sum(figures_: list[ShownFigure]) -> Decimal | None:
    values = [_value(f) for f in figures_]
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _per(cost: Decimal | None, results: ShownFigure) -> str:
    count = _value(results)
    if cost is None or count is None or count == 0:
        return ""
    return fmt(Unit.AMOUNT, cost / count)


def economy(user: StaffUser, *, year: int | None = None, today: date | None = None) -> Economy:
    """The economy page's figures for ``year`` (default: this year to date) in the user's
    municipality; ``insight.view`` only."""
    access.require(user, access.INSIGHT_VIEW)
    municipality_id = access.tenant_id(user)
    today = today or timezone.localdate()
    chosen = year if year is not None and FIRST_YEAR <= year <= today.year else today.year
    scope = year_scope(chosen, today)
    previous = previous_scope(scope)
    hide = outside_team(user)
    threshold = threshold_of(Municipality.objects.get(pk=municipality_id))

    def block(key: str, breakdown: str | None) -> Block:
        return _block(user, key, breakdown, scope, previous, hide, threshold)

    costs = tuple(block(key, breakdown) for key, breakdown in COSTS)
    results = tuple(block(key, breakdown) for key, breakdown in RESULTS)
    unpriced = block(*UNPRICED)
    per_self = block(PER_SELF_SUPPORTING, None)
    cost_now = _sum([b.total.now for b in costs])
    cost_before = _sum([b.total.before for b in costs])
    now_total, before_total = _shown_amount(cost_now), _shown_amount(cost_before)
    total_cost = Line(
        _("Udgifter i alt"), now_total, before_total, _change(Unit.AMOUNT, now_total, before_total)
    )
    work, exams = results[0], results[1]
    derived = (
        Derived(
            label=_("Udgift pr. person i arbejde eller uddannelse"),
            explanation=_(
                "Udgifterne i alt (aktiviteter og støtte, tolkning, midlertidig bolig) delt med "
                "antallet af personer, der startede i arbejde eller uddannelse i perioden. "
                "Udgiften dækker alle i programmet, ikke kun dem, der fik et resultat, og "
                "resultatet kommer ofte måneder efter indsatsen."
            ),
            now=_per(cost_now, work.total.now),
            before=_per(cost_before, work.total.before),
            hidden=cost_now is None or work.total.now.suppressed,
        ),
        Derived(
            label=_("Udgift pr. bestået danskprøve"),
            explanation=_(
                "Udgifterne i alt delt med antallet af beståede danskprøver i perioden. Samme "
                "forbehold: udgiften er alle indsatsers, ikke prøvernes egen."
            ),
            now=_per(cost_now, exams.total.now),
            before=_per(cost_before, exams.total.before),
            hidden=cost_now is None or exams.total.now.suppressed,
        ),
    )
    years = tuple(range(today.year, max(FIRST_YEAR, today.year - 9) - 1, -1))
    every = (*costs, *results, unpriced, per_self)
    return Economy(
        year=chosen,
        years=years,
        scope=scope,
        previous=previous,
        costs=costs,
        results=results,
        unpriced=unpriced,
        total_cost=total_cost,
        derived=derived,
        per_self_supporting=per_self,
        suppressed=hide,
        threshold=threshold,
        stale=any(b.stale for b in every),
    )


def _shown_amount(value: Decimal | None) -> ShownFigure:
    """A sum of shown amounts; hidden when one of them is."""
    if value is None:
        return ShownFigure.hidden("–", _("Skjult, fordi en af udgifterne er skjult"))
    return ShownFigure(value=str(value), numerator=str(value), denominator=None, population=None)
