"""Charts as server-rendered SVG (MI-2): a line chart of one or more series over labelled x
points (months, arrival cohorts, months since arrival) with a stepped target, and a horizontal
bar chart of groups (units, institutions) with a target line and suppressed values.

Plain Python: dataclasses in, an SVG string out. Every text is escaped; every number shown is
formatted by the caller's ``fmt`` (the Danish decimal comma and the unit's sign come from the
caller), and every word (title, description, "no data", the target's and on/off track's names)
is the caller's, already translated: the engine has no gettext.

Accessible and printable: ``role="img"`` with ``<title>`` and ``<desc>`` (``aria-labelledby``),
the target drawn dashed and on/off-track bars told apart by a hatching pattern and a marker as
well as by colour, colours from DKFDS's palette with at least 4.5:1 contrast on white, every
style an attribute (no stylesheet needed), ``viewBox`` with ``width="100%"`` so it scales. The
page puts the same numbers in a table next to it (``table_of``; templates/includes/chart.html).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Formatter = Callable[[float], str]

# DKFDS's palette (designsystem.dk): primary blue, text black, success green, error red, grey;
# the series colours after the first are darker tones with >= 4.5:1 contrast on white.
BLUE = "#0059B3"
TEXT = "#1A1A1A"
GREY = "#595959"
GRID = "#D9D9D9"
GREEN = "#358000"
RED = "#B51D09"
SERIES_COLOURS = (BLUE, "#8B3A00", "#5A2D82", "#005F5F", TEXT)
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
FONT = "IBM Plex Sans, Arial, Helvetica, sans-serif"
NO_VALUE = "–"  # a suppressed or missing value, as the chart and the table show it


def _default_fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Texts:
    """The caller's words, already in the reader's language."""

    title: str
    desc: str
    no_data: str = "No data"
    target: str = "Target"
    on_track: str = "Target met"
    off_track: str = "Target not met"
    suppressed: str = "Too few to show"
    x_axis: str = ""
    y_axis: str = ""


@dataclass(frozen=True)
class Series:
    """One line: its name and a value (or None: a gap) per x label, in the chart's order."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class TargetStep:
    """From the x label ``start`` on, the target is ``value`` (until the next step)."""

    start: str
    value: float


@dataclass(frozen=True)
class LineChart:
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    texts: Texts
    target: tuple[TargetStep, ...] = ()
    fmt: Formatter = _default_fmt
    y_max: float | None = None  # e.g. 100 for percent; else from the data
    id_prefix: str = "chart"
    width: int = 640
    height: int = 320


@dataclass(frozen=True)
class Bar:
    """One group: its label and value; ``suppressed`` (too few persons) draws "–", no bar."""

    label: str
    value: float | None
    suppressed: bool = False


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    texts: Texts
    target: float | None = None
    good_up: bool = True  # whether a value at or above the target meets it (else at or below)
    fmt: Formatter = _default_fmt
    x_max: float | None = None
    id_prefix: str = "chart"
    width: int = 640


@dataclass(frozen=True)
class Table:
    """The chart's numbers as the accessible table next to it: caption, header, rows of text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Rendered:
    svg: str
    table: Table
    empty: bool = False
    notes: tuple[str, ...] = field(default=())


def esc(text: object) -> str:
    """``text`` safe inside an element and inside a double-quoted attribute."""
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    """A coordinate, short: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def nice_max(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above ``value`` (an axis's top)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value - 1e-9:
            return step * power
    return 10 * power  # pragma: no cover - the loop's last step always fits


def ticks(top: float, count: int = 5) -> list[float]:
    """``count`` + 1 evenly spaced ticks from 0 to ``top``."""
    return [top * i / count for i in range(count + 1)]


def _open(prefix: str, width: float, height: float, texts: Texts) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="100%" preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-labelledby="{esc(prefix)}-title {esc(prefix)}-desc" '
        f'font-family="{FONT}" font-size="12" fill="{TEXT}" class="chart">',
        f'<title id="{esc(prefix)}-title">{esc(texts.title)}</title>',
        f'<desc id="{esc(prefix)}-desc">{esc(texts.desc)}</desc>',
        f'<rect x="0" y="0" width="{_num(width)}" height="{_num(height)}" fill="#FFFFFF"/>',
    ]


def _no_data(prefix: str, width: float, height: float, texts: Texts) -> str:
    parts = _open(prefix, width, height, texts)
    parts.append(
        f'<rect x="1" y="1" width="{_num(width - 2)}" height="{_num(height - 2)}" fill="none" '
        f'stroke="{GRID}" stroke-dasharray="4 4"/>'
    )
    parts.append(
        f'<text x="{_num(width / 2)}" y="{_num(height / 2)}" text-anchor="middle" '
        f'dominant-baseline="middle" font-size="16" class="no-data">{esc(texts.no_data)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def marker(shape: str, x: float, y: float, colour: str, title: str = "") -> str:
    """A point's marker (a different shape per series, so the lines are told apart without
    colour), with its value as a tooltip."""
    tip = f"<title>{esc(title)}</title>" if title else ""
    common = f'fill="{colour}" stroke="#FFFFFF" stroke-width="1" class="point"'
    data = f'data-x="{_num(x)}" data-y="{_num(y)}"'
    if shape == "square":
        return f'<rect x="{_num(x - 4)}" y="{_num(y - 4)}" width="8" height="8" {common} {data}>{tip}</rect>'
    if shape == "triangle":
        pts = f"{_num(x)},{_num(y - 5)} {_num(x + 5)},{_num(y + 4)} {_num(x - 5)},{_num(y + 4)}"
        return f'<polygon points="{pts}" {common} {data}>{tip}</polygon>'
    if shape == "diamond":
        pts = f"{_num(x)},{_num(y - 5)} {_num(x + 5)},{_num(y)} {_num(x)},{_num(y + 5)} {_num(x - 5)},{_num(y)}"
        return f'<polygon points="{pts}" {common} {data}>{tip}</polygon>'
    if shape == "cross":
        pts = (
            f"{_num(x - 5)},{_num(y - 2)} {_num(x - 2)},{_num(y - 2)} {_num(x - 2)},{_num(y - 5)} "
            f"{_num(x + 2)},{_num(y - 5)} {_num(x + 2)},{_num(y - 2)} {_num(x + 5)},{_num(y - 2)} "
            f"{_num(x + 5)},{_num(y + 2)} {_num(x + 2)},{_num(y + 2)} {_num(x + 2)},{_num(y + 5)} "
            f"{_num(x - 2)},{_num(y + 5)} {_num(x - 2)},{_num(y + 2)} {_num(x - 5)},{_num(y + 2)}"
        )
        return f'<polygon points="{pts}" {common} {data}>{tip}</polygon>'
    return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4.5" {common} {data}>{tip}</circle>'


# --- the line chart ------------------------------------------------------------------------------

LEFT, RIGHT, TOP, BOTTOM = 64.0, 16.0, 16.0, 56.0
LEGEND_ROW = 20.0


@dataclass(frozen=True)
class LineGeometry:
    """Where things land: the plot's box and the scales (the tests check points against it)."""

    left: float
    top: float
    width: float
    height: float
    count: int
    y_top: float

    def x(self, index: int) -> float:
        return self.left + (index + 0.5) * self.width / self.count

    def boundary(self, index: int) -> float:
        """The x between point ``index - 1`` and ``index`` (where a target steps)."""
        return self.left + index * self.width / self.count

    def y(self, value: float) -> float:
        return self.top + self.height * (1 - value / self.y_top)


def line_geometry(chart: LineChart) -> LineGeometry:
    values = [v for s in chart.series for v in s.values if v is not None]
    values += [step.value for step in chart.target]
    top = chart.y_max if chart.y_max is not None else nice_max(max(values, default=0.0))
    top = max(top, max(values, default=0.0))
    legend = LEGEND_ROW * _legend_rows(chart)
    return LineGeometry(
        left=LEFT,
        top=TOP,
        width=chart.width - LEFT - RIGHT,
        height=chart.height - TOP - BOTTOM - legend,
        count=max(len(chart.labels), 1),
        y_top=top if top > 0 else 1.0,
    )


def _legend_rows(chart: LineChart) -> int:
    entries = len(chart.series) + (1 if chart.target else 0)
    return math.ceil(entries / 3) if entries else 0


def _target_steps(chart: LineChart) -> list[tuple[int, float]]:
    """The target's steps as (x index they start at, value), checked against the labels."""
    out = []
    for step in chart.target:
        if step.start not in chart.labels:
            raise ValueError(
                f"the target's step at {step.start!r} is not one of the chart's labels"
            )
        out.append((chart.labels.index(step.start), step.value))
    return sorted(out)


def target_path(chart: LineChart, geo: LineGeometry) -> str:
    """The stepped target line: level from its first step's boundary to the next step's, where it
    rises (or falls) to the next value, to the plot's right edge."""
    steps = _target_steps(chart)
    if not steps:
        return ""
    first_index, first_value = steps[0]
    parts = [f"M{_num(geo.boundary(first_index))} {_num(geo.y(first_value))}"]
    for index, value in steps[1:]:
        parts.append(f"H{_num(geo.boundary(index))}")
        parts.append(f"V{_num(geo.y(value))}")
    parts.append(f"H{_num(geo.left + geo.width)}")
    return " ".join(parts)


def series_paths(values: Sequence[float | None], geo: LineGeometry) -> list[str]:
    """One path per run of values without a gap (None breaks the line)."""
    paths: list[str] = []
    run: list[str] = []
    for index, value in enumerate(values):
        if value is None:
            if len(run) > 1:
                paths.append(" ".join(run))
            run = []
            continue
        command = "L" if run else "M"
        run.append(f"{command}{_num(geo.x(index))} {_num(geo.y(value))}")
    if len(run) > 1:
        paths.append(" ".join(run))
    return paths


def _label_every(count: int, width: float) -> int:
    """Label every n-th x point so the labels do not overlap (about 56 units each)."""
    return max(1, math.ceil(count * 56 / max(width, 1)))


def line_svg(chart: LineChart) -> str:
    prefix = chart.id_prefix
    has_values = any(v is not None for s in chart.series for v in s.values)
    if not chart.labels or not has_values:
        return _no_data(prefix, chart.width, chart.height, chart.texts)
    geo = line_geometry(chart)
    parts = _open(prefix, chart.width, chart.height, chart.texts)
    bottom = geo.top + geo.height
    # the y axis: grid lines with their values
    parts.append('<g class="y-axis">')
    for tick in ticks(geo.y_top):
        y = geo.y(tick)
        parts.append(
            f'<line x1="{_num(geo.left)}" y1="{_num(y)}" x2="{_num(geo.left + geo.width)}" '
            f'y2="{_num(y)}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{_num(geo.left - 6)}" y="{_num(y)}" text-anchor="end" '
            f'dominant-baseline="middle">{esc(chart.fmt(tick))}</text>'
        )
    if chart.texts.y_axis:
        parts.append(
            f'<text x="12" y="{_num(geo.top + geo.height / 2)}" text-anchor="middle" '
            f'transform="rotate(-90 12 {_num(geo.top + geo.height / 2)})">'
            f"{esc(chart.texts.y_axis)}</text>"
        )
    parts.append("</g>")
    # the x axis: a label under every n-th point
    parts.append('<g class="x-axis">')
    parts.append(
        f'<line x1="{_num(geo.left)}" y1="{_num(bottom)}" x2="{_num(geo.left + geo.width)}" '
        f'y2="{_num(bottom)}" stroke="{GREY}" stroke-width="1"/>'
    )
    every = _label_every(len(chart.labels), geo.width)
    for index, label in enumerate(chart.labels):
        if index % every == 0:
            parts.append(
                f'<text x="{_num(geo.x(index))}" y="{_num(bottom + 16)}" '
                f'text-anchor="middle">{esc(label)}</text>'
            )
    if chart.texts.x_axis:
        parts.append(
            f'<text x="{_num(geo.left + geo.width / 2)}" y="{_num(bottom + 34)}" '
            f'text-anchor="middle">{esc(chart.texts.x_axis)}</text>'
        )
    parts.append("</g>")
    # the target, dashed and thick, under the series
    path = target_path(chart, geo)
    if path:
        parts.append(
            f'<path d="{path}" fill="none" stroke="{TEXT}" stroke-width="2.5" '
            f'stroke-dasharray="8 4" class="target"><title>{esc(chart.texts.target)}</title></path>'
        )
    # the series: a line per run without gaps, a marker per value
    for number, series in enumerate(chart.series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        shape = MARKERS[number % len(MARKERS)]
        dash = DASHES[number % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="series" data-series="{esc(series.name)}">')
        for d in series_paths(series.values, geo):
            parts.append(
                f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
            )
        for index, value in enumerate(series.values):
            if value is None or index >= len(chart.labels):
                continue
            tip = f"{series.name}, {chart.labels[index]}: {chart.fmt(value)}"
            parts.append(marker(shape, geo.x(index), geo.y(value), colour, tip))
        parts.append("</g>")
    parts.append(_line_legend(chart, bottom + 40))
    parts.append("</svg>")
    return "".join(parts)


def _line_legend(chart: LineChart, y0: float) -> str:
    entries: list[str] = []
    column_width = (chart.width - LEFT - RIGHT) / 3
    items: list[tuple[str, str]] = []
    for number, series in enumerate(chart.series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        dash = DASHES[number % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(
            (
                f'<line x1="0" y1="0" x2="24" y2="0" stroke="{colour}" stroke-width="2"{dash_attr}/>'
                + marker(MARKERS[number % len(MARKERS)], 12, 0, colour),
                series.name,
            )
        )
    if chart.target:
        items.append(
            (
                f'<line x1="0" y1="0" x2="24" y2="0" stroke="{TEXT}" stroke-width="2.5" '
                f'stroke-dasharray="8 4"/>',
                chart.texts.target,
            )
        )
    for position, (symbol, name) in enumerate(items):
        x = LEFT + (position % 3) * column_width
        y = y0 + (position // 3) * LEGEND_ROW
        entries.append(
            f'<g transform="translate({_num(x)} {_num(y)})">{symbol}'
            f'<text x="30" y="0" dominant-baseline="middle">{esc(name)}</text></g>'
        )
    return '<g class="legend">' + "".join(entries) + "</g>"


def line_table(chart: LineChart) -> Table:
    header = (chart.texts.x_axis or "", *(s.name for s in chart.series))
    steps = _target_steps(chart)
    if steps:
        header = (*header, chart.texts.target)
    rows = []
    for index, label in enumerate(chart.labels):
        row = [label]
        for series in chart.series:
            value = series.values[index] if index < len(series.values) else None
            row.append(NO_VALUE if value is None else chart.fmt(value))
        if steps:
            applying = [value for start, value in steps if start <= index]
            row.append(chart.fmt(applying[-1]) if applying else "")
        rows.append(tuple(row))
    return Table(caption=chart.texts.title, header=header, rows=tuple(rows))


def line(chart: LineChart) -> Rendered:
    has_values = any(v is not None for s in chart.series for v in s.values)
    return Rendered(svg=line_svg(chart), table=line_table(chart), empty=not has_values)


# --- the horizontal bar chart --------------------------------------------------------------------

BAR_LEFT, BAR_RIGHT, BAR_TOP = 168.0, 72.0, 12.0
BAR_ROW, BAR_HEIGHT = 28.0, 18.0
BAR_LEGEND = 40.0


def bar_height(chart: BarChart) -> float:
    return BAR_TOP + BAR_ROW * max(len(chart.bars), 1) + 24 + BAR_LEGEND


@dataclass(frozen=True)
class BarGeometry:
    left: float
    width: float
    x_top: float

    def x(self, value: float) -> float:
        return self.left + self.width * value / self.x_top

    @staticmethod
    def row_y(index: int) -> float:
        return BAR_TOP + index * BAR_ROW


def bar_geometry(chart: BarChart) -> BarGeometry:
    values = [b.value for b in chart.bars if b.value is not None and not b.suppressed]
    if chart.target is not None:
        values.append(chart.target)
    top = chart.x_max if chart.x_max is not None else nice_max(max(values, default=0.0))
    top = max(top, max(values, default=0.0))
    return BarGeometry(
        left=BAR_LEFT, width=chart.width - BAR_LEFT - BAR_RIGHT, x_top=top if top > 0 else 1.0
    )


def meets(chart: BarChart, value: float) -> bool | None:
    """Whether ``value`` meets the chart's target (None: no target)."""
    if chart.target is None:
        return None
    return value >= chart.target if chart.good_up else value <= chart.target


def _truncate(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _bar_defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{esc(prefix)}-off" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#FFFFFF"/>'
        f'<rect width="3" height="6" fill="{RED}"/></pattern>'
        "</defs>"
    )


def bar_svg(chart: BarChart) -> str:
    prefix = chart.id_prefix
    height = bar_height(chart)
    shown = [b for b in chart.bars if b.value is not None and not b.suppressed]
    if not chart.bars or (not shown and not any(b.suppressed for b in chart.bars)):
        return _no_data(prefix, chart.width, max(height, 120), chart.texts)
    geo = bar_geometry(chart)
    parts = _open(prefix, chart.width, height, chart.texts)
    parts.append(_bar_defs(prefix))
    plot_bottom = BAR_TOP + BAR_ROW * len(chart.bars)
    # the value axis: grid lines with their values
    parts.append('<g class="x-axis">')
    for tick in ticks(geo.x_top, 4):
        x = geo.x(tick)
        parts.append(
            f'<line x1="{_num(x)}" y1="{_num(BAR_TOP)}" x2="{_num(x)}" y2="{_num(plot_bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{_num(x)}" y="{_num(plot_bottom + 16)}" text-anchor="middle">'
            f"{esc(chart.fmt(tick))}</text>"
        )
    parts.append("</g>")
    for index, bar in enumerate(chart.bars):
        y = geo.row_y(index)
        middle = y + BAR_ROW / 2
        parts.append(f'<g class="bar" data-label="{esc(bar.label)}">')
        parts.append(
            f'<text x="{_num(geo.left - 8)}" y="{_num(middle)}" text-anchor="end" '
            f'dominant-baseline="middle"><title>{esc(bar.label)}</title>'
            f"{esc(_truncate(bar.label))}</text>"
        )
        if bar.value is None or bar.suppressed:
            tip = chart.texts.suppressed if bar.suppressed else chart.texts.no_data
            parts.append(
                f'<text x="{_num(geo.left + 4)}" y="{_num(middle)}" dominant-baseline="middle" '
                f'class="suppressed"><title>{esc(tip)}</title>{NO_VALUE}</text>'
            )
            parts.append("</g>")
            continue
        met = meets(chart, bar.value)
        fill = BLUE if met is None else (GREEN if met else f"url(#{esc(prefix)}-off)")
        stroke = BLUE if met is None else (GREEN if met else RED)
        width = max(geo.x(max(bar.value, 0.0)) - geo.left, 0.0)
        state = "" if met is None else (chart.texts.on_track if met else chart.texts.off_track)
        tip = f"{bar.label}: {chart.fmt(bar.value)}" + (f" ({state})" if state else "")
        parts.append(
            f'<rect x="{_num(geo.left)}" y="{_num(middle - BAR_HEIGHT / 2)}" width="{_num(width)}" '
            f'height="{_num(BAR_HEIGHT)}" fill="{fill}" stroke="{stroke}" stroke-width="1.5" '
            f'class="{"value" if met is None else ("on-track" if met else "off-track")}">'
            f"<title>{esc(tip)}</title></rect>"
        )
        sign = "" if met is None else ("✓ " if met else "✗ ")
        parts.append(
            f'<text x="{_num(geo.left + width + 6)}" y="{_num(middle)}" '
            f'dominant-baseline="middle" class="value-label">{esc(sign + chart.fmt(bar.value))}'
            f"</text>"
        )
        parts.append("</g>")
    if chart.target is not None:
        x = geo.x(chart.target)
        parts.append(
            f'<line x1="{_num(x)}" y1="{_num(BAR_TOP - 4)}" x2="{_num(x)}" '
            f'y2="{_num(plot_bottom + 4)}" stroke="{TEXT}" stroke-width="2.5" '
            f'stroke-dasharray="8 4" class="target"><title>{esc(chart.texts.target)}: '
            f"{esc(chart.fmt(chart.target))}</title></line>"
        )
    parts.append(_bar_legend(chart, plot_bottom + 36))
    parts.append("</svg>")
    return "".join(parts)


def _bar_legend(chart: BarChart, y: float) -> str:
    if chart.target is None:
        return ""
    prefix = esc(chart.id_prefix)
    items = [
        (
            f'<line x1="0" y1="0" x2="24" y2="0" stroke="{TEXT}" stroke-width="2.5" '
            f'stroke-dasharray="8 4"/>',
            f"{chart.texts.target}: {chart.fmt(chart.target)}",
        ),
        (
            f'<rect x="0" y="-7" width="24" height="14" fill="{GREEN}" stroke="{GREEN}"/>',
            f"✓ {chart.texts.on_track}",
        ),
        (
            f'<rect x="0" y="-7" width="24" height="14" fill="url(#{prefix}-off)" stroke="{RED}"/>',
            f"✗ {chart.texts.off_track}",
        ),
    ]
    column = (chart.width - 16) / 3
    out = []
    for position, (symbol, name) in enumerate(items):
        out.append(
            f'<g transform="translate({_num(16 + position * column)} {_num(y)})">{symbol}'
            f'<text x="30" y="0" dominant-baseline="middle">{esc(name)}</text></g>'
        )
    return '<g class="legend">' + "".join(out) + "</g>"


def bar_table(chart: BarChart) -> Table:
    header: tuple[str, ...] = (chart.texts.x_axis or "", chart.texts.y_axis or "")
    if chart.target is not None:
        header = (*header, f"{chart.texts.target}: {chart.fmt(chart.target)}")
    rows = []
    for bar in chart.bars:
        value = NO_VALUE if bar.value is None or bar.suppressed else chart.fmt(bar.value)
        row: tuple[str, ...] = (bar.label, value)
        if chart.target is not None:
            met = None if bar.value is None or bar.suppressed else meets(chart, bar.value)
            state = "" if met is None else (chart.texts.on_track if met else chart.texts.off_track)
            row = (*row, state)
        rows.append(row)
    return Table(caption=chart.texts.title, header=header, rows=tuple(rows))


def bars(chart: BarChart) -> Rendered:
    empty = not any(b.value is not None and not b.suppressed for b in chart.bars)
    notes = (chart.texts.suppressed,) if any(b.suppressed for b in chart.bars) else ()
    return Rendered(svg=bar_svg(chart), table=bar_table(chart), empty=empty, notes=notes)
