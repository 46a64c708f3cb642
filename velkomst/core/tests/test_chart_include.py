"""The chart include: the SVG followed by a table of the same numbers (MI-2)."""

from django.template import Context, Template

from velkomst.engines import charts
from velkomst.engines.charts import Bar, BarChart, LineChart, Series, TargetStep, Texts


def render(rendered: charts.Rendered) -> str:
    return Template("{% load charts %}{% chart rendered %}").render(Context({"rendered": rendered}))


def test_the_include_renders_the_svg_and_an_accessible_table_of_the_same_numbers():
    # REQ: MI-2
    chart = charts.line(
        LineChart(
            labels=("2024", "2025"),
            series=(Series("Alle <&>", (12.5, None)),),
            texts=Texts(title="Andel i job", desc="Pr. årgang", target="Mål", x_axis="Årgang"),
            target=(TargetStep("2024", 25.0),),
            fmt=lambda v: f"{v:.1f} %".replace(".", ","),
        )
    )
    html = render(chart)
    assert html.index("<svg") < html.index("<table")
    assert 'role="img"' in html
    assert "<caption>Andel i job</caption>" in html
    assert '<th scope="col">Alle &lt;&amp;&gt;</th>' in html  # escaped once, by the template
    assert '<th scope="row">2024</th><td>12,5 %</td><td>25,0 %</td>' in html
    assert '<th scope="row">2025</th><td>–</td><td>25,0 %</td>' in html


def test_the_include_notes_what_a_dash_means_when_values_are_suppressed():
    # REQ: MI-2
    chart = charts.bars(
        BarChart(
            bars=(Bar("Enhed A", 3.0), Bar("Enhed B", None, suppressed=True)),
            texts=Texts(title="Frister", desc="Pr. enhed", suppressed="Færre end 5 personer"),
        )
    )
    html = render(chart)
    assert '<th scope="row">Enhed B</th><td>–</td>' in html
    assert "– Færre end 5 personer" in html and "<svg" in html
