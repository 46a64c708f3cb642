"""The manager's dashboard (MI-2): the period chooser, the indicator page's trends and breakdowns
as charts, the drill-down to the persons behind a figure, and the deadlines met per unit and
service standard. Figures come through ``evaluation`` (strategy indicators) or the indicator
cache; the persons behind a figure are computed afresh (the cache keeps no one) and limited to
those the viewer may see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from velkomst.core import access, formats
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines import charts
from velkomst.indicators import labels
from velkomst.indicators import selectors as indicator_selectors
from velkomst.indicators.library import Scope
from velkomst.people import selectors as people_selectors
from velkomst.people.models import Person
from velkomst.strategies import selectors as strategy_selectors
from velkomst.strategies.models import Kind, StrategyIndicator
from velkomst.strategies.selectors import IndicatorRow

from . import evaluation
from .evaluation import Evaluated

CHUNK = 5000  # ids per query when intersecting with the visible persons

# --- periods ---------------------------------------------------------------------------------

PERIODS = ("ytd", "last_year", "month")


@dataclass(frozen=True)
class Period:
    kind: str  # one of PERIODS
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "ytd":
            return _("%(year)s til og med %(day)s") % {
                "year": self.start.year,
                "day": formats.format_date(self.end, "short"),
            }
        if self.kind == "last_year":
            return str(self.start.year)
        return formats.format_date(self.start, "month")

    def query(self) -> dict[str, str]:
        if self.kind == "month":
            return {"period": "month", "month": f"{self.start:%Y-%m}"}
        return {"period": self.kind}


def period_from(params: dict[str, str] | object, today: date | None = None) -> Period:
    """The period a GET asks for: ``period=ytd`` (default: this year to date), ``last_year``, or
    ``month`` with ``month=YYYY-MM`` (a month after today's, or one that cannot be read, is this
    month)."""
    today = today or timezone.localdate()
    get = params.get if hasattr(params, "get") else (lambda _k, _d="": _d)
    kind = str(get("period", "ytd"))
    if kind == "last_year":
        return Period(kind, *evaluation.last_year(today))
    if kind == "month":
        year, month = today.year, today.month
        text = str(get("month", ""))
        parts = text.split("-")
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            y, m = int(parts[0]), int(parts[1])
            if 2000 <= y <= 2100 and 1 <= m <= 12 and (y, m) <= (today.year, today.month):
                year, month = y, m
        start, end = evaluation.month(year, month)
        return Period(kind, start, min(end, today))
    return Period("ytd", *evaluation.year_to_date(today))


# --- the indicator page ----------------------------------------------------------------------


def row_for(user: StaffUser, key: str) -> IndicatorRow:
    """The strategy in force's row of library indicator ``key`` (its target and direction), or
    a row of the library's own (no target) when the strategy does not hold it. 404 for a key
    the library lacks."""
    definition = indicator_selectors.definition_get(user, key)
    version = strategy_selectors.current_version(user)
    if version is not None:
        for post in strategy_selectors.contents(version):
            for row in post.indicators:
                if row.indicator.key == key and not row.is_manual:
                    return row
    bare = StrategyIndicator(
        municipality_id=access.tenant_id(user), kind=Kind.LIBRARY, key=key, title=""
    )
    return strategy_selectors.indicator_row(bare, {key: definition})


def _fmt(row: IndicatorRow) -> Callable[[float], str]:
    def fmt(value: float) -> str:
        return strategy_selectors.value_text(Decimal(str(round(value, 1))), row.unit)

    return fmt


def _texts(title: str, desc: str, x_axis: str = "") -> charts.Texts:
    return charts.Texts(
        title=title,
        desc=desc,
        no_data=_("Ingen tal i perioden"),
        target=_("Mål"),
        on_track=_("Når målet"),
        off_track=_("Når ikke målet"),
        suppressed=_("Skjult: for få personer"),
        x_axis=x_axis,
    )


def trend_chart(
    row: IndicatorRow,
    points: list[Evaluated],
    x_labels: list[str],
    texts: charts.Texts,
    prefix: str,
) -> charts.Rendered:
    """A line of the points' values with the target in force at each point drawn in."""
    values = tuple(None if p.value is None else float(p.value) for p in points)
    target: list[charts.TargetStep] = []
    for label, point in zip(x_labels, points, strict=True):
        value = None if point.target is None else float(point.target.value)
        if value is not None and (not target or target[-1].value != value):
            target.append(charts.TargetStep(label, value))
    return charts.line(
        charts.LineChart(
            labels=tuple(x_labels),
            series=(charts.Series(str(row.definition.name if row.definition else ""), values),),
            texts=texts,
            target=tuple(target),
            fmt=_fmt(row),
            y_max=100 if row.unit == "share" else None,
            id_prefix=prefix,
        )
    )


def breakdown_charts(row: IndicatorRow, point: Evaluated) -> list[tuple[str, charts.Rendered]]:
    """A bar chart (and table) per breakdown of the figure, groups by their labels."""
    key = row.indicator.key
    target = None if point.target is None else float(point.target.value)
    good_up = row.good != "down"
    result = []
    for number, (breakdown, groups) in enumerate(sorted(point.groups.items())):
        bars = tuple(
            charts.Bar(
                labels.group_label(key, breakdown, group),
                None if shown.value is None else float(shown.value),
                suppressed=shown.suppressed,
            )
            for group, shown in groups.items()
        )
        name = strategy_selectors.breakdown_label(breakdown)
        texts = _texts(
            _("Opdelt på %(breakdown)s") % {"breakdown": name},
            _("%(indicator)s pr. %(breakdown)s") % {"indicator": _name(row), "breakdown": name},
        )
        result.append(
            (
                name,
                charts.bars(
                    charts.BarChart(
                        bars=bars,
                        texts=texts,
                        target=target if row.good in ("up", "down") else None,
                        good_up=good_up,
                        fmt=_fmt(row),
                        x_max=100 if row.unit == "share" else None,
                        id_prefix=f"bd{number}",
                    )
                ),
            )
        )
    return result


def _name(row: IndicatorRow) -> str:
    if row.definition is not None:
        return str(row.definition.name)
    return row.indicator.title


def since_label(months: int) -> str:
    return pgettext("months since arrival", "%(n)s mdr.") % {"n": months}


# --- drill-down ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    """Which persons of a figure: its scope, one group of a breakdown, and whether only those
    counted (the numerator) or all of the population."""

    scope: Scope
    breakdown: str = ""
    group: str = ""
    counted: bool | None = None


def drill_ids(user: StaffUser, key: str, drill: Drill) -> list[int]:
    """The persons behind the figure that ``user`` may see, in id order: the definition's items
    computed now (the cache keeps no one), intersected with ``persons_visible_to``."""
    access.require(user, access.INSIGHT_DRILL)
    definition = indicator_selectors.definition_get(user, key)
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    result = definition.compute(municipality, drill.scope)
    ids = result.person_ids(breakdown=drill.breakdown, group=drill.group, counted=drill.counted)
    visible = people_selectors.persons_visible_to(user)
    seen: list[int] = []
    for chunk in _chunks(ids, CHUNK):
        seen.extend(visible.filter(pk__in=chunk).values_list("pk", flat=True))
    return sorted(seen)


def _chunks(ids: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def persons_of(ids: list[int]) -> list[Person]:
    """The persons of ``ids`` (already checked visible), in the order given."""
    found = Person.objects.filter(pk__in=ids).select_related("household").in_bulk()
    return [found[pk] for pk in ids if pk in found]
