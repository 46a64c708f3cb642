"""The status report's files (MI-3): the PDF for the city council's papers (WeasyPrint, A4, a
front page, a section per guidepost with its figures, charts as inline SVG, tables and the
commentary) and the XLSX (the figures, the definitions and the commentary, one sheet each, by the
one safe writer ``core/exports.py``). Both from one ``ReportData``, suppressed (MI-6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from velkomst.core import exports, formats
from velkomst.core.pdf import html_to_pdf

from .report_figures import ReportData


def report_html(data: ReportData) -> str:
    return render_to_string("insight/report_pdf.html", {"data": data})


def report_pdf(data: ReportData) -> bytes:
    return html_to_pdf(report_html(data))


def _yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nej")


def figure_headers() -> list[str]:
    return [
        _("Pejlemærke"),
        _("Indikator"),
        _("Definition"),
        _("Enhed"),
        _("Tal"),
        _("Tæller"),
        _("Nævner"),
        _("Mål ved årets udgang"),
        _("Status"),
        _("Året før"),
        _("Håndindtastet"),
        _("Kilde"),
        _("Udvikling"),
    ]


def figure_rows(data: ReportData) -> list[list[Any]]:
    """A row per indicator: numbers as numbers where shown, the "<5" or "–" of a suppressed
    figure as text (never the hidden number)."""
    rows: list[list[Any]] = []
    for section in data.sections:
        for item in section.indicators:
            now = item.now
            shown = now.value is not None
            rows.append(
                [
                    f"{section.number}. {section.title}",
                    item.title,
                    item.definition,
                    item.unit_label,
                    now.value if shown else item.value_text,
                    _number(now.numerator) if shown else item.numerator_text,
                    _number(now.denominator) if shown else item.denominator_text,
                    item.summary.target if item.summary.target is not None else "",
                    item.track_label,
                    item.before.value
                    if item.before is not None and item.before.value is not None
                    else item.before_text,
                    _yes_no(item.hand),
                    item.hand_source,
                    item.summary_text,
                ]
            )
    return rows


def _number(value: Any) -> Any:
    if value is None or value == "":
        return ""
    return Decimal(str(value))


def report_xlsx(data: ReportData) -> bytes:
    workbook = exports.new_workbook()
    figures = workbook.active
    assert figures is not None
    figures.title = _("Tal")
    exports.append_row(
        figures,
        [
            _("Statusrapport %(year)s, %(municipality)s")
            % {"year": data.year, "municipality": data.municipality.name}
        ],
    )
    exports.append_row(
        figures,
        [
            _("Strategiversion"),
            data.reference,
            _("Data pr."),
            formats.format_date(data.data_moment, "datetime") or "–",
        ],
    )
    exports.append_row(
        figures,
        [
            _(
                "Tal under %(n)s er skjult (<%(n)s), og tal, som et skjult tal kunne regnes ud "
                "af, er også skjult (–)."
            )
            % {"n": data.threshold}
        ],
    )
    exports.append_row(figures, figure_headers())
    exports.append_rows(figures, figure_rows(data))
    breakdowns = workbook.create_sheet(_("Opdelinger"))
    exports.append_row(
        breakdowns,
        [_("Pejlemærke"), _("Indikator"), _("Opdeling"), _("Gruppe"), _("Tal"), _("Bemærkning")],
    )
    for section in data.sections:
        for item in section.indicators:
            for label, text, reason in item.breakdown_rows:
                exports.append_row(
                    breakdowns,
                    [
                        f"{section.number}. {section.title}",
                        item.title,
                        item.breakdown_label,
                        label,
                        text,
                        reason,
                    ],
                )
    definitions = workbook.create_sheet(_("Definitioner"))
    exports.append_row(definitions, [_("Indikator"), _("Nøgle"), _("Enhed"), _("Definition")])
    seen: set[str] = set()
    for item in data.indicators:
        if item.key in seen:
            continue
        seen.add(item.key)
        exports.append_row(definitions, [item.title, item.key, item.unit_label, item.definition])
    commentary = workbook.create_sheet(_("Kommentarer"))
    exports.append_row(
        commentary, [_("Pejlemærke"), _("Kommentar"), _("Skrevet af"), _("Opdateret")]
    )
    for section in data.sections:
        note = section.commentary
        exports.append_row(
            commentary,
            [
                f"{section.number}. {section.title}",
                note.text if note else "",
                note.author.get_full_name() if note else "",
                note.updated_at if note else None,
            ],
        )
    return exports.workbook_bytes(workbook)
