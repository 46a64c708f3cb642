"""Reads of the annual status report (MI-3) and the background task's body.

Reports and commentary are always of the acting user's municipality (another's is a 404) and for
roles with ``insight.view``; a report's files only when it is done. ``generate`` is what the task
runs: it evaluates the strategy version for the year and the years before it (``report_figures``),
writes the PDF and the XLSX, and tells its progress on the report's row as it goes (done of total
and the step, a code the page shows by its label).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from velkomst.core import access
from velkomst.core.models import StaffUser

from .models import ReportCommentary, ReportState, StatusReport
from .report_documents import report_pdf, report_xlsx
from .report_figures import CHART_YEARS, build

STEP_LABELS = {
    "": gettext_lazy("Venter på at blive startet"),
    "figures": gettext_lazy("Beregner tallene år for år"),
    "pdf": gettext_lazy("Skriver PDF-filen"),
    "xlsx": gettext_lazy("Skriver regnearket"),
    "done": gettext_lazy("Færdig"),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# the steps counted in a report's progress: each year evaluated, then the PDF and the XLSX
TOTAL_STEPS = CHART_YEARS + 2


def step_label(step: str) -> str:
    return str(STEP_LABELS.get(step, STEP_LABELS[""]))


def _reports(user: StaffUser) -> QuerySet[StatusReport]:
    access.require(user, access.INSIGHT_VIEW)
    return (
        StatusReport.objects.filter(municipality_id=access.tenant_id(user))
        .select_related("requested_by")
        .defer("pdf", "xlsx")
    )


def reports(user: StaffUser) -> list[StatusReport]:
    """Every report of the municipality, the newest first (without their files)."""
    return list(_reports(user).order_by("-requested_at", "-id"))


def finished(user: StaffUser) -> QuerySet[StatusReport]:
    return _reports(user).filter(state=ReportState.DONE).order_by("-year", "-finished_at", "-id")


def report_get(user: StaffUser, pk: int) -> StatusReport:
    found = _reports(user).filter(pk=pk).first()
    if found is None:
        raise Http404("report")
    return found


def report_file(user: StaffUser, pk: int, kind: str) -> tuple[StatusReport, bytes]:
    """A finished report's PDF or XLSX; 404 for an unknown kind, a report not done or of
    another municipality."""
    if kind not in CONTENT_TYPES:
        raise Http404(kind)
    found = (
        StatusReport.objects.filter(
            municipality_id=access.tenant_id(user), pk=pk, state=ReportState.DONE
        )
        .only("id", "year", "strategy_reference", "municipality_id", kind)
        .first()
    )
    access.require(user, access.INSIGHT_VIEW)
    if found is None or getattr(found, kind) is None:
        raise Http404("report")
    return found, bytes(getattr(found, kind))


def filename(report: StatusReport, kind: str) -> str:
    return f"statusrapport-{report.year}-{report.strategy_reference}.{kind}"


def commentaries(user: StaffUser, year: int) -> dict[int, ReportCommentary]:
    """The year's commentary by guidepost number."""
    access.require(user, access.INSIGHT_VIEW)
    return {
        c.guidepost_number: c
        for c in ReportCommentary.objects.filter(
            municipality_id=access.tenant_id(user), year=year
        ).select_related("author")
    }


# --- the background task's body -----------------------------------------------------------------


def _progress(report_id: int, **values: Any) -> None:
    StatusReport.objects.filter(pk=report_id).update(**values)


def generate(report_id: int) -> None:
    """Make a queued report's files (the task's body); not queued any more: nothing to do."""
    report = (
        StatusReport.objects.select_related("strategy__municipality", "requested_by")
        .defer("pdf", "xlsx")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.state != ReportState.QUEUED:
        return
    _progress(
        report.pk,
        state=ReportState.RUNNING,
        progress_done=0,
        progress_total=TOTAL_STEPS,
        progress_step="figures",
    )
    try:
        if report.strategy is None:
            raise ValueError("the report has no strategy version")
        with translation.override(report.language):
            data = build(
                report.requested_by,
                report.strategy,
                report.year,
                progress=lambda done, _total: _progress(report.pk, progress_done=done),
            )
            _progress(report.pk, progress_done=CHART_YEARS, progress_step="pdf")
            pdf = report_pdf(data)
            _progress(report.pk, progress_done=CHART_YEARS + 1, progress_step="xlsx")
            xlsx = report_xlsx(data)
        _progress(
            report.pk,
            state=ReportState.DONE,
            pdf=pdf,
            xlsx=xlsx,
            data_moment=data.data_moment,
            progress_done=TOTAL_STEPS,
            progress_step="done",
            finished_at=timezone.now(),
        )
    except Exception as error:
        _progress(
            report.pk,
            state=ReportState.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
