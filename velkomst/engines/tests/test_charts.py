"""Charts as SVG (MI-2): points land where the scales put them, the target steps where it should,
None is a gap, texts are escaped, empty data says so, and the engine needs no Django."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest

from velkomst.engines import charts
from velkomst.engines.charts import Bar, BarChart, LineChart, Series, TargetStep, Texts

NS = {"s": "http://www.w3.org/2000/svg"}
TEXTS = Texts(title="Beskæftigelse", desc="Andel i job pr. måned", target="Mål")


def percent(value: float) -> str:
    return f"{value:.1f} %".replace(".", ",")


def parse(svg: str) -> Any:
    return ET.fromstring(svg)


def one(parent: ET.Element, path: str) -> Any:
    """The element at ``path`` (SVG's namespace as ``s:``); None when there is none."""
    return parent.find(path, NS)


def every(parent: ET.Element, path: str) -> list[Any]:
    return parent.findall(path, NS)


def every_tag(parent: ET.Element, tag: str) -> list[Any]:
    return list(parent.iter(tag))


def months_chart(**kwargs: Any) -> LineChart:
    base = LineChart(
        labels=("jan", "feb", "mar", "apr"),
        series=(Series("Alle", (10.0, 20.0, None, 40.0)),),
        texts=TEXTS,
        target=(TargetStep("jan", 25.0), TargetStep("mar", 50.0)),
        fmt=percent,
        y_max=100.0,
        width=640,
        height=320,
    )
    return replace(base, **kwargs)


def test_the_svg_is_an_accessible_scalable_image_with_title_and_description():
    # REQ: MI-2
    root = parse(charts.line(months_chart()).svg)
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 640 320" and root.get("width") == "100%"
    title = one(root, "s:title")
    desc = one(root, "s:desc")
    assert title is not None and title.text == "Beskæftigelse"
    assert desc is not None and desc.text == "Andel i job pr. måned"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # no stylesheet needed: the colours are attributes
    assert one(root, ".//s:style") is None


def test_points_land_at_the_coordinates_of_their_label_and_value():
    # REQ: MI-2
    chart = months_chart()
    geo = charts.line_geometry(chart)
    root = parse(charts.line(chart).svg)
    points = every(root, ".//s:g[@class='series']/*[@class='point']")
    assert len(points) == 3  # the None is no point
    # the plot: 64 from the left, 560 wide, 4 labels → 140 apart, the first at 64 + 70
    assert geo.x(0) == pytest.approx(64 + 70) and geo.x(3) == pytest.approx(64 + 7 * 70)
    # y: 100 % at the top (16), 0 at the bottom (16 + plot height)
    plot_height = 320 - 16 - 56 - 20  # one legend row
    assert geo.y(100) == pytest.approx(16) and geo.y(0) == pytest.approx(16 + plot_height)
    xy = [(float(p.get("data-x")), float(p.get("data-y"))) for p in points]
    assert xy == [
        pytest.approx((134, 16 + plot_height * 0.9), abs=0.01),
        pytest.approx((274, 16 + plot_height * 0.8), abs=0.01),
        pytest.approx((554, 16 + plot_height * 0.6), abs=0.01),
    ]
    # each point names its series, x label and value (formatted by the caller)
    assert one(points[1], "s:title").text == "Alle, feb: 20,0 %"


def test_none_makes_a_gap_in_the_line():
    # REQ: MI-2
    root = parse(charts.line(months_chart()).svg)
    paths = every(root, ".//s:g[@class='series']/s:path")
    # jan–feb is one line; apr stands alone (a marker, no line through mar)
    assert len(paths) == 1
    assert paths[0].get("d").count("L") == 1
    geo = charts.line_geometry(months_chart())
    assert f"{geo.x(2):g}" not in paths[0].get("d")


def test_the_target_steps_at_the_boundary_before_its_label():
    # REQ: MI-2
    chart = months_chart()
    geo = charts.line_geometry(chart)
    root = parse(charts.line(chart).svg)
    target = one(root, ".//s:path[@class='target']")
    assert target is not None and target.get("stroke-dasharray")  # dashed, not colour alone
    d = target.get("d").split()
    # from the left edge at 25 %, level until between feb and mar, up to 50 %, on to the right
    assert d[0] == f"M{charts._num(geo.boundary(0))}" and float(d[1]) == pytest.approx(geo.y(25))
    assert d[2] == f"H{charts._num(geo.boundary(2))}" and geo.boundary(2) == pytest.approx(274 + 70)
    assert float(d[3][1:]) == pytest.approx(geo.y(50), abs=0.01)
    assert d[4] == f"H{charts._num(geo.left + geo.width)}"


def test_a_target_step_at_no_label_of_the_chart_is_refused():
    with pytest.raises(ValueError, match="maj"):
        charts.line(months_chart(target=(TargetStep("maj", 50.0),)))


def test_the_table_holds_the_same_numbers_with_the_target_in_force():
    # REQ: MI-2
    table = charts.line(months_chart(texts=Texts(title="T", desc="D", x_axis="Måned"))).table
    assert table.header == ("Måned", "Alle", "Target")
    assert table.rows == (
        ("jan", "10,0 %", "25,0 %"),
        ("feb", "20,0 %", "25,0 %"),
        ("mar", "–", "50,0 %"),
        ("apr", "40,0 %", "50,0 %"),
    )


def test_several_series_differ_by_marker_and_dash_not_only_colour():
    chart = months_chart(
        series=(Series("Kvinder", (1.0, 2.0, 3.0, 4.0)), Series("Mænd", (4.0, 3.0, 2.0, 1.0)))
    )
    root = parse(charts.line(chart).svg)
    groups = every(root, ".//s:g[@class='series']")
    assert [g.get("data-series") for g in groups] == ["Kvinder", "Mænd"]
    assert one(groups[0], "s:circle") is not None and one(groups[1], "s:rect") is not None
    assert one(groups[1], "s:path").get("stroke-dasharray")


def test_labels_and_titles_are_escaped():
    # REQ: MI-2
    nasty = 'A<b>&"c'
    chart = months_chart(
        labels=(nasty, "feb", "mar", "apr"),
        series=(Series(nasty, (1.0, 2.0, 3.0, 4.0)),),
        texts=Texts(title=nasty, desc=nasty, target=nasty),
        target=(),
    )
    svg = charts.line(chart).svg
    assert "<b>" not in svg
    root = parse(svg)  # well-formed
    assert one(root, "s:title").text == nasty
    assert nasty in [t.text for t in every_tag(root, f"{{{NS['s']}}}text")]
    bar = charts.bars(BarChart(bars=(Bar(nasty, 3.0),), texts=Texts(title=nasty, desc=nasty)))
    root = parse(bar.svg)
    assert one(root, ".//s:g[@class='bar']").get("data-label") == nasty


def test_empty_data_gives_a_clear_no_data_chart():
    # REQ: MI-2
    texts = Texts(title="Beskæftigelse", desc="…", no_data="Ingen data")
    for rendered in (
        charts.line(LineChart(labels=(), series=(), texts=texts)),
        charts.line(LineChart(labels=("jan",), series=(Series("A", (None,)),), texts=texts)),
        charts.bars(BarChart(bars=(), texts=texts)),
    ):
        root = parse(rendered.svg)
        assert rendered.empty
        assert root.get("role") == "img"
        assert one(root, ".//s:text[@class='no-data']").text == "Ingen data"
        assert not every(root, ".//*[@class='point']")


def bar_chart(**kwargs: Any) -> BarChart:
    base = BarChart(
        bars=(
            Bar("Jobcenter", 80.0),
            Bar("Sprogcenter", 40.0),
            Bar("Lille enhed", 2.0, suppressed=True),
        ),
        texts=Texts(
            title="Frister overholdt",
            desc="Pr. enhed",
            target="Mål",
            on_track="Nået",
            off_track="Ikke nået",
        ),
        target=50.0,
        fmt=percent,
        x_max=100.0,
    )
    return replace(base, **kwargs)


def test_bars_are_as_long_as_their_value_and_off_track_is_hatched_and_marked():
    # REQ: MI-2
    chart = bar_chart()
    geo = charts.bar_geometry(chart)
    root = parse(charts.bars(chart).svg)
    rects = {g.get("data-label"): one(g, "s:rect") for g in every(root, ".//s:g[@class='bar']")}
    assert float(rects["Jobcenter"].get("width")) == pytest.approx(geo.width * 0.8, abs=0.01)
    assert float(rects["Sprogcenter"].get("width")) == pytest.approx(geo.width * 0.4, abs=0.01)
    assert rects["Jobcenter"].get("class") == "on-track"
    assert rects["Sprogcenter"].get("class") == "off-track"
    assert rects["Sprogcenter"].get("fill").startswith("url(#")  # a pattern, not colour alone
    labels = [t.text for t in every(root, ".//s:text[@class='value-label']")]
    assert labels == ["✓ 80,0 %", "✗ 40,0 %"]
    target = one(root, ".//s:line[@class='target']")
    assert float(target.get("x1")) == pytest.approx(geo.x(50))


def test_a_suppressed_value_is_a_dash_without_a_bar():
    # REQ: MI-2, MI-6
    rendered = charts.bars(bar_chart())
    root = parse(rendered.svg)
    small = [
        g for g in every(root, ".//s:g[@class='bar']") if g.get("data-label") == "Lille enhed"
    ][0]
    assert one(small, "s:rect") is None
    assert "".join(one(small, "s:text[@class='suppressed']").itertext()).endswith("–")
    assert "2,0" not in rendered.svg and "2,0 %" not in str(rendered.table)
    assert rendered.table.rows[2] == ("Lille enhed", "–", "")
    assert rendered.table.rows[1] == ("Sprogcenter", "40,0 %", "Ikke nået")


def test_good_down_meets_the_target_at_or_below_it():
    chart = bar_chart(good_up=False, target=45.0)
    assert charts.meets(chart, 40.0) is True and charts.meets(chart, 80.0) is False


def test_nice_axis_tops():
    assert charts.nice_max(7) == 10 and charts.nice_max(23) == 25 and charts.nice_max(0.3) == 0.5
    assert charts.nice_max(0) == 1.0


def test_the_module_imports_no_django():
    code = (
        "import sys; import velkomst.engines.charts; "
        "sys.exit(1 if any(m.split('.')[0] == 'django' for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
