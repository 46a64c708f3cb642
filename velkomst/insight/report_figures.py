"""The figures of the annual status report (MI-3), from the shared evaluation of the strategy
version (``insight.evaluation.evaluate``, always with small counts suppressed: the report goes
outside the integration team, MI-6).

For the chosen year: per guidepost its indicators with the figure of the year and of the year
before, the target in force at the year's end, on or off track, the change since last year as
data (``engines.targets.change``) that ``summary_text`` turns into a sentence in the reader's
language, and a chart of the yearly figures of the last ``CHART_YEARS`` years with the target.
The page, the PDF and the XLSX all show this one ``ReportData``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velkomst.core import formats
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines import charts
from velkomst.engines import targets as target_engine
from velkomst.indicators import figures as figure_cache
from velkomst.indicators.labels import group_label
from velkomst.indicators.suppression import threshold_of
from velkomst.strategies.models import Guidepost, StrategyVersion, Unit
from velkomst.strategies.selectors import value_text

from .evaluation import Evaluated, direction_of, evaluate, steps_of
from .models import ReportCommentary

CHART_YEARS = 4  # the chart shows the year and the three before it

TRACK_LABELS = {
    target_engine.Track.ON: gettext_lazy("Når målet"),
    target_engine.Track.OFF: gettext_lazy("Når ikke målet"),
    target_engine.Track.NO_TARGET: gettext_lazy("Intet mål"),
    target_engine.Track.NO_FIGURE: gettext_lazy("Intet tal"),
}


def year_period(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def number_text(value: Decimal | None, unit: str) -> str:
    """A figure in its unit ("34 %", "1.250,00 kr.", "41 dage"); "–" for none."""
    if value is None:
        return charts.NO_VALUE
    return value_text(value, unit or Unit.COUNT)


@dataclass(frozen=True)
class Summary:
    """The change since last year as data; ``summary_text`` writes it in the reader's language."""

    title: str
    unit: str
    year: int
    change: target_engine.Change
    target: Decimal | None
    track: target_engine.Track
    hidden: bool  # this year's figure is suppressed (small counts)


def summary_text(summary: Summary) -> str:
    """ "Andelen … steg fra 21 % til 34 % og nåede dermed ikke målet på 50 %." and the like."""
    change, unit = summary.change, summary.unit
    values = {
        "title": summary.title,
        "year": summary.year,
        "before_year": summary.year - 1,
        "now": number_text(change.now, unit),
        "before": number_text(change.before, unit),
        "target": number_text(summary.target, unit),
    }
    if change.trend == target_engine.Trend.NONE:
        if summary.hidden:
            return (
                _(
                    "%(title)s: tallet for %(year)s vises ikke, fordi det bygger på så få "
                    "personer, at de kunne genkendes."
                )
                % values
            )
        return _("%(title)s: der er intet tal for %(year)s.") % values
    met = summary.track == target_engine.Track.ON
    missed = summary.track == target_engine.Track.OFF
    if change.trend == target_engine.Trend.NEW:
        if met:
            text = _(
                "%(title)s var %(now)s i %(year)s og nåede dermed målet på %(target)s; der er "
                "intet tal for %(before_year)s at sammenligne med."
            )
        elif missed:
            text = _(
                "%(title)s var %(now)s i %(year)s og nåede dermed ikke målet på %(target)s; der "
                "er intet tal for %(before_year)s at sammenligne med."
            )
        else:
            text = _(
                "%(title)s var %(now)s i %(year)s; der er intet tal for %(before_year)s at "
                "sammenligne med."
            )
        return text % values
    if change.trend == target_engine.Trend.UNCHANGED:
        if met:
            text = _("%(title)s var uændret %(now)s og nåede dermed målet på %(target)s.")
        elif missed:
            text = _("%(title)s var uændret %(now)s og nåede dermed ikke målet på %(target)s.")
        else:
            text = _("%(title)s var uændret %(now)s.")
        return text % values
    rose = change.delta is not None and change.delta > 0
    if rose and met:
        text = _("%(title)s steg fra %(before)s til %(now)s og nåede dermed målet på %(target)s.")
    elif rose and missed:
        text = _(
            "%(title)s steg fra %(before)s til %(now)s og nåede dermed ikke målet på %(target)s."
        )
    elif rose:
        text = _("%(title)s steg fra %(before)s til %(now)s.")
    elif met:
        text = _("%(title)s faldt fra %(before)s til %(now)s og nåede dermed målet på %(target)s.")
    elif missed:
        text = _(
            "%(title)s faldt fra %(before)s til %(now)s og nåede dermed ikke målet på %(target)s."
        )
    else:
        text = _("%(title)s faldt fra %(before)s til %(now)s.")
    return text % values


@dataclass
class IndicatorFigures:
    key: str
    title: str
    definition: str
    unit: str
    unit_label: str
    now: Evaluated
    before: Evaluated | None
    years: list[tuple[int, Decimal | None]]  # the chart's yearly figures, oldest first
    summary: Summary
    chart_id: str

    @property
    def value_text(self) -> str:
        return self.now.text or number_text(self.now.value, self.unit)

    @property
    def before_text(self) -> str:
        if self.before is None:
            return charts.NO_VALUE
        return self.before.text or number_text(self.before.value, self.unit)

    @property
    def target_text(self) -> str:
        return "" if self.summary.target is None else number_text(self.summary.target, self.unit)

    @property
    def track(self) -> str:
        return str(self.summary.track)

    @property
    def track_label(self) -> str:
        return str(TRACK_LABELS[self.summary.track])

    @property
    def summary_text(self) -> str:
        return summary_text(self.summary)

    @property
    def hand(self) -> bool:
        return self.now.hand is not None

    @property
    def hand_source(self) -> str:
        return self.now.hand.source if self.now.hand is not None else ""

    @property
    def numerator_text(self) -> str:
        return _count_text(self.now.numerator, self.unit)

    @property
    def denominator_text(self) -> str:
        return _count_text(self.now.denominator, self.unit)

    @property
    def breakdown_label(self) -> str:
        return self.now.row.breakdown

    @property
    def breakdown_rows(self) -> list[tuple[str, str, str]]:
        """The figure per group of the indicator's chosen breakdown (label, as shown, why
        hidden): a small group "<5", and a group it could be worked out from "–"."""
        name = self.now.row.indicator.breakdown
        groups = self.now.groups.get(name, {}) if name else {}
        return [
            (
                group_label(self.key, name, group),
                shown.text
                if shown.suppressed
                else number_text(None if shown.value is None else Decimal(shown.value), self.unit),
                shown.reason_text,
            )
            for group, shown in groups.items()
        ]

    @property
    def hidden_text(self) -> str:
        return str(self.now.hidden_reason or "")

    @cached_property
    def rendered(self) -> charts.Rendered:
        return self.chart()

    @property
    def chart_svg(self) -> SafeString:
        """The chart's SVG, safe: the engine escapes every text in it."""
        return mark_safe(self.rendered.svg)  # noqa: S308

    @property
    def chart_table(self) -> charts.Table:
        return self.rendered.table

    def chart(self) -> charts.Rendered:
        """The yearly figures with the target in force at each year's end."""
        fmt: Callable[[float], str] = lambda v: number_text(Decimal(str(v)), self.unit)  # noqa: E731
        engine_steps = steps_of(self.now.row)
        target = tuple(
            charts.TargetStep(str(year), float(step.value))
            for year, _value in self.years
            if (step := target_engine.target_on(engine_steps, date(year, 12, 31))) is not None
        )
        return charts.line(
            charts.LineChart(
                labels=tuple(str(year) for year, _v in self.years),
                series=(
                    charts.Series(
                        self.title,
                        tuple(None if v is None else float(v) for _y, v in self.years),
                    ),
                ),
                texts=charts.Texts(
                    title=_("%(title)s, år for år") % {"title": self.title},
                    desc=self.summary_text,
                    no_data=_("Ingen tal"),
                    target=_("Mål"),
                    on_track=_("Når målet"),
                    off_track=_("Når ikke målet"),
                    suppressed=_("For få til at blive vist"),
                    x_axis=_("År"),
                    y_axis=self.unit_label,
                ),
                target=target,
                fmt=fmt,
                y_max=100.0 if self.unit == Unit.SHARE else None,
                id_prefix=self.chart_id,
            )
        )


def _count_text(value: Any, unit: str) -> str:
    if value is None or value == "":
        return charts.NO_VALUE
    number = Decimal(str(value))
    if unit == Unit.AMOUNT:
        return formats.format_amount(number)
    return formats.format_number(number.normalize() if number == number.to_integral() else number)


@dataclass
class Section:
    guidepost: Guidepost
    indicators: list[IndicatorFigures] = field(default_factory=list)
    commentary: ReportCommentary | None = None

    @property
    def number(self) -> int:
        return self.guidepost.number

    @property
    def title(self) -> str:
        return self.guidepost.title


@dataclass
class ReportData:
    municipality: Municipality
    year: int
    version: StrategyVersion
    reference: str
    data_moment: datetime | None
    threshold: int
    sections: list[Section]

    @property
    def indicators(self) -> list[IndicatorFigures]:
        return [item for section in self.sections for item in section.indicators]


def _unit_label(unit: str) -> str:
    return str(dict(Unit.choices).get(unit, "")) if unit else ""


def build(
    user: StaffUser,
    version: StrategyVersion,
    year: int,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ReportData:
    """The report's figures for ``year`` with ``version`` (``user``: whose access reads them).
    ``progress(done, total)`` is told after each year evaluated."""
    years = list(range(year - CHART_YEARS + 1, year + 1))
    moment = figure_cache.latest_write(version.municipality_id)
    by_year: dict[int, list[Any]] = {}
    for done, each in enumerate(reversed(years), start=1):  # this year first: its rows lead
        start, end = year_period(each)
        # a hand figure of its own year only: a report comparing years must not show last
        # year's figure as this year's
        by_year[each] = evaluate(user, version, start, end, suppress=True, latest_known=False)
        if progress is not None:
            progress(done, len(years))
    commentaries = {
        c.guidepost_number: c
        for c in ReportCommentary.objects.filter(
            municipality_id=version.municipality_id, year=year
        ).select_related("author")
    }
    sections: list[Section] = []
    for post_index, evaluation in enumerate(by_year[year]):
        section = Section(
            evaluation.guidepost, commentary=commentaries.get(evaluation.guidepost.number)
        )
        for index, now in enumerate(evaluation.indicators):
            history = {
                each: by_year[each][post_index].indicators[index] for each in years if each != year
            }
            section.indicators.append(_figures(now, history, year))
        sections.append(section)
    return ReportData(
        municipality=version.municipality,
        year=year,
        version=version,
        reference=version.reference,
        data_moment=moment,
        threshold=threshold_of(version.municipality),
        sections=sections,
    )


def _figures(now: Evaluated, history: dict[int, Evaluated], year: int) -> IndicatorFigures:
    row = now.row
    unit = row.unit or Unit.COUNT
    before = history.get(year - 1)
    change = target_engine.change(
        now.value, before.value if before is not None else None, direction_of(row)
    )
    target = now.target.value if now.target is not None else None
    title = row.indicator.title
    definition = (
        str(row.definition.description)
        if row.definition is not None
        else row.indicator.no_data_reason
    )
    years = [(each, history[each].value) for each in sorted(history)] + [(year, now.value)]
    return IndicatorFigures(
        key=row.indicator.key,
        title=title,
        definition=definition,
        unit=unit,
        unit_label=_unit_label(unit),
        now=now,
        before=before,
        years=years,
        summary=Summary(title, unit, year, change, target, now.track, now.hidden),
        chart_id=f"report-chart-{row.indicator.pk}",
    )
