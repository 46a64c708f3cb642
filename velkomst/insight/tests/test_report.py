"""The annual status report (MI-3): the figures of a year against the year before and the target
in force at the year's end, the summary of the change in words, small counts hidden with their
complements (MI-6), the PDF read back as text, the XLSX read back with openpyxl, the background
task's progress, the commentary's concurrent edit, the audited downloads."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from conftest import _make_user
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction, AuditEntry
from velkomst.core.pdf import pdf_text
from velkomst.engines.targets import Track, Trend
from velkomst.insight import report, report_documents, report_figures, report_services
from velkomst.insight.models import ReportCommentary, ReportState, StatusReport

from .report_data import EMPLOYMENT, SUMMARY, SUMMARY_EN, YEAR, make_data, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(arrive, staff, municipality):
    version = make_strategy(municipality)
    make_data(arrive, staff["administrator"])
    return version


def by_title(data):
    return {item.title: item for item in data.indicators}


def test_the_figures_of_the_year_against_last_year_and_the_target(version, staff):
    # REQ: MI-3
    data = report_figures.build(staff["manager"], version, YEAR)
    assert [s.number for s in data.sections] == [1, 2]
    assert data.reference == version.reference and data.threshold == 5
    employment = by_title(data)[EMPLOYMENT]
    assert employment.now.value == Decimal("35.0") and employment.before.value == Decimal("25.0")
    assert employment.value_text == "35 %" and employment.before_text == "25 %"
    assert employment.numerator_text == "7" and employment.denominator_text == "20"
    assert employment.target_text == "50 %"  # the step in force at the year's end
    assert employment.summary.track == Track.OFF and employment.track_label == "Når ikke målet"
    assert employment.summary.change.trend == Trend.BETTER
    assert employment.summary_text == SUMMARY
    # the chart: the year and the three before it, with the target in force at each year's end
    assert employment.years == [
        (2022, None),
        (2023, Decimal("0.0")),
        (2024, Decimal("25.0")),
        (YEAR, Decimal("35.0")),
    ]
    table = employment.chart_table
    assert table.rows[-1] == ("2025", "35 %", "50 %") and table.rows[-2] == ("2024", "25 %", "25 %")
    assert "<svg" in employment.chart_svg
    with translation.override("en"):
        assert employment.summary_text == SUMMARY_EN


def test_hand_entered_figures_are_marked(version, staff):
    # REQ: MI-3
    data = report_figures.build(staff["manager"], version, YEAR)
    grades = by_title(data)["Karaktergennemsnit"]
    assert grades.hand and grades.hand_source == "Skolernes karakterudtræk"
    assert grades.value_text == "6,4" and grades.summary.track == Track.OFF
    assert grades.summary.change.trend == Trend.NEW  # no figure for 2024
    assert grades.summary_text == (
        "Karaktergennemsnit var 6,4 i 2025 og nåede dermed ikke målet på 7; der er intet tal for "
        "2024 at sammenligne med."
    )


def test_small_counts_are_hidden_in_the_report_with_their_complement(version, staff):
    # REQ: MI-6
    data = report_figures.build(staff["manager"], version, YEAR)  # a manager: still hidden
    figures = by_title(data)
    exams = figures["Beståede prøver"]
    assert exams.now.value is None and exams.value_text == "<5" and exams.numerator_text == "–"
    assert exams.summary_text.endswith("fordi det bygger på så få personer, at de kunne genkendes.")
    rows = {label: (text, reason) for label, text, reason in figures[EMPLOYMENT].breakdown_rows}
    assert rows["Mænd"][0] == "<5"  # 2 of 10: small
    assert rows["Kvinder"][0] == "–"  # 5 of 10, but 7 - 2 would give the men's count away
    assert "regnes ud" in rows["Kvinder"][1]
    # the files say the same, never the hidden numbers
    pdf = pdf_text(report_documents.report_pdf(data))
    assert "<5" in pdf and "Mænd" in pdf
    workbook = _workbook(report_documents.report_xlsx(data))
    breakdown = list(workbook["Opdelinger"].values)
    assert ("1. Flere i job", EMPLOYMENT, "køn", "Kvinder", "–") == breakdown[1][:5]
    assert ("1. Flere i job", EMPLOYMENT, "køn", "Mænd", "<5") == breakdown[2][:5]
    exam_row = next(r for r in workbook["Tal"].values if r[1] == "Beståede prøver")
    assert exam_row[4:7] == ("<5", "–", "–")


def _workbook(body):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(body))


def _generate(user, year=YEAR):
    with translation.override("da"):
        created = report_services.request_report(acting_user=user, year=year)
    return StatusReport.objects.get(pk=created.pk)


def test_the_task_makes_the_pdf_and_the_xlsx_and_tells_its_progress(version, staff, monkeypatch):
    # REQ: MI-3
    manager = staff["manager"]
    report_services.commentary_save(
        acting_user=manager,
        year=YEAR,
        guidepost_number=1,
        text="Beskæftigelsen stiger, men målet er langt væk.",
        expected_version=0,
    )
    seen = []
    real = report._progress

    def spy(report_id, **values):
        real(report_id, **values)
        found = StatusReport.objects.get(pk=report_id)
        seen.append((found.state, found.progress_done, found.progress_step))

    monkeypatch.setattr(report, "_progress", spy)
    done = _generate(manager)  # the immediate backend runs the task in the test
    assert done.state == ReportState.DONE and done.finished_at is not None
    assert done.strategy == version and done.strategy_reference == "400-v1"
    assert done.data_moment is not None and done.percent == 100
    assert seen[0] == ("running", 0, "figures")
    assert [done for _s, done, step in seen if step == "figures"] == [0, 1, 2, 3, 4]
    assert seen[-3:] == [("running", 4, "pdf"), ("running", 5, "xlsx"), ("done", 6, "done")]
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(done.pk)).exists()

    text = pdf_text(bytes(done.pdf))
    for expected in (
        "Statusrapport 2025",
        "Bornholm",
        "Strategiversion: 400-v1 (Integrationsstrategi)",
        "Pejlemærke 1: Flere i job",
        "Pejlemærke 2: Dansk og skole",
        EMPLOYMENT,
        "35 %",
        "25 %",
        "50 %",
        "Når ikke målet",
        "Håndindtastet tal. Kilde: Skolernes karakterudtræk",
        "Beskæftigelsen stiger, men målet er langt væk.",
    ):
        assert expected in text, expected
    assert "Andel i job steg fra 25 % til 35 %" in text.replace("\n", " ")

    workbook = _workbook(bytes(done.xlsx))
    assert workbook.sheetnames == ["Tal", "Opdelinger", "Definitioner", "Kommentarer"]
    rows = list(workbook["Tal"].values)
    header = rows[3]
    assert header[:5] == ("Pejlemærke", "Indikator", "Definition", "Enhed", "Tal")
    employment = dict(zip(header, rows[4], strict=True))
    assert employment["Tal"] == 35 and employment["Tæller"] == 7 and employment["Nævner"] == 20
    assert employment["Mål ved årets udgang"] == 50 and employment["Året før"] == 25
    assert employment["Status"] == "Når ikke målet" and employment["Håndindtastet"] == "Nej"
    assert employment["Udvikling"] == SUMMARY
    grades = dict(zip(header, rows[6], strict=True))
    assert grades["Tal"] == 6.4 and grades["Håndindtastet"] == "Ja"
    assert grades["Kilde"] == "Skolernes karakterudtræk"
    definitions = {r[1]: r for r in workbook["Definitioner"].values}
    assert definitions["employment_rate"][3].startswith("Flygtninge og familiesammenførte")
    comments = list(workbook["Kommentarer"].values)
    assert comments[1][:2] == ("1. Flere i job", "Beskæftigelsen stiger, men målet er langt væk.")
    assert comments[2][1] is None  # guidepost 2 has none


def test_a_failing_report_is_marked_failed(version, staff, monkeypatch):
    # REQ: MI-3
    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint is gone")

    monkeypatch.setattr(report, "report_pdf", broken)
    failed = _generate(staff["manager"])
    assert failed.state == ReportState.FAILED and "WeasyPrint is gone" in failed.error
    assert failed.pdf is None


def test_only_a_manager_generates_and_another_report_of_the_year_waits(version, staff):
    # REQ: MI-3
    with pytest.raises(PermissionDenied):
        report_services.request_report(acting_user=staff["caseworker"], year=YEAR)
    with pytest.raises(PermissionDenied):
        report_services.request_report(acting_user=staff["administrator"], year=YEAR)
    StatusReport.objects.create(
        municipality=version.municipality, year=YEAR, requested_by=staff["manager"]
    )
    with pytest.raises(ValidationError):
        report_services.request_report(acting_user=staff["manager"], year=YEAR)
    with pytest.raises(ValidationError):
        report_services.request_report(acting_user=staff["manager"], year=1999)


def test_commentary_concurrent_edit_is_detected(version, staff):
    # REQ: MI-3
    manager = staff["manager"]
    first = report_services.commentary_save(
        acting_user=manager, year=YEAR, guidepost_number=1, text="Første", expected_version=0
    )
    assert first.version == 1
    with pytest.raises(ConcurrentEditError):  # both began a new one: the second is refused
        report_services.commentary_save(
            acting_user=manager, year=YEAR, guidepost_number=1, text="Anden", expected_version=0
        )
    second = report_services.commentary_save(
        acting_user=manager, year=YEAR, guidepost_number=1, text="Rettet", expected_version=1
    )
    assert second.version == 2
    with pytest.raises(ConcurrentEditError):
        report_services.commentary_save(
            acting_user=manager, year=YEAR, guidepost_number=1, text="Gammel", expected_version=1
        )
    assert ReportCommentary.objects.get().text == "Rettet"
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_id=str(second.pk), changes__text=["Første", "Rettet"]
    ).exists()


def test_commentary_page_shows_a_concurrent_edit(version, staff, logged_in):
    # REQ: MI-3
    manager = staff["manager"]
    client = logged_in(manager)
    url = reverse("insight-report-commentary", args=[YEAR, 1])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": "0", "text": "Min tekst"})
    assert response.status_code == 302
    response = client.post(url, {"version": "0", "text": "En andens tekst"}, follow=True)
    assert "En anden har gemt ændringer, mens du redigerede" in response.content.decode()
    assert ReportCommentary.objects.get().text == "Min tekst"
    page = client.get(reverse("insight-report") + f"?year={YEAR}").content.decode()
    assert "Min tekst" in page and SUMMARY in page


def test_the_page_lists_finished_reports_and_downloads_are_audited(version, staff, logged_in):
    # REQ: MI-3
    done = _generate(staff["manager"])
    client = logged_in(staff["administrator"])  # insight.view: reads finished reports
    page = client.get(reverse("insight-report") + f"?year={YEAR}")
    body = page.content.decode()
    assert page.status_code == 200 and "400-v1" in body
    assert "Dan rapporten for 2025" not in body  # only a manager generates
    pdf = client.get(reverse("insight-report-download", args=[done.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("insight-report-download", args=[done.pk, "xlsx"]))
    assert xlsx.status_code == 200
    exports = AuditEntry.objects.filter(
        action=AuditAction.EXPORT, actor_id=staff["administrator"].pk, object_id=str(done.pk)
    )
    assert exports.count() == 2
    assert client.get(reverse("insight-report-download", args=[done.pk, "doc"])).status_code == 404


def test_progress_is_polled_and_a_finished_report_reloads_the_page(version, staff, logged_in):
    # REQ: MI-3
    busy = StatusReport.objects.create(
        municipality=version.municipality,
        year=YEAR,
        requested_by=staff["manager"],
        state=ReportState.RUNNING,
        progress_done=3,
        progress_total=6,
        progress_step="figures",
    )
    client = logged_in(staff["manager"])
    url = reverse("insight-report-progress", args=[busy.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Beregner tallene år for år" in fragment and 'value="50"' in fragment
    page = client.get(reverse("insight-report") + f"?year={YEAR}").content.decode()
    assert 'hx-get="' + url in page and "Opdatér siden" in page
    StatusReport.objects.filter(pk=busy.pk).update(state=ReportState.DONE)
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_another_municipalitys_report_is_not_found(version, staff, other_municipality, logged_in):
    # REQ: MI-3
    done = _generate(staff["manager"])
    client = logged_in(_make_user(other_municipality, "manager", "ab-manager"))
    assert client.get(reverse("insight-report-download", args=[done.pk, "pdf"])).status_code == 404
    assert client.get(reverse("insight-report-progress", args=[done.pk])).status_code == 404
    assert "400-v1" not in client.get(reverse("insight-report")).content.decode()


def test_a_hand_figure_of_an_earlier_year_is_not_this_years(version, staff):
    # REQ: MI-3
    data = report_figures.build(staff["manager"], version, YEAR + 1)  # no figure entered for it
    grades = by_title(data)["Karaktergennemsnit"]
    assert grades.now.value is None and not grades.hand and grades.value_text == "–"
    assert grades.before is not None and grades.before.value == Decimal("6.4")
    assert grades.summary.change.trend == Trend.NONE
    assert grades.summary_text == "Karaktergennemsnit: der er intet tal for 2026."
