"""/api/status-reports: the municipality's finished annual status reports (MI-3), read-only.

The list (newest year first), one report's metadata (year, the strategy version it used, its
data moment, who generated it and when) and its files (the PDF and the XLSX). Needs
``insight.view`` (managers and administrators). The figures are aggregates with small counts
hidden (MI-6), so no citizen's read is logged; each download is an ``export`` row in the audit
log, as on the page."""

from datetime import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.insight import report, report_services
from velkomst.insight.models import StatusReport

from ..auth import acting_user
from ..pagination import LimitOffset
from ..schemas import Id, errors

router = Router(tags=["status reports"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)


class StatusReportOut(Schema):
    id: int
    year: int
    strategy_reference: str = Field(description='the strategy version used, e.g. "540-v2"')
    data_moment: datetime | None = Field(
        description="the latest write of the municipality's data the figures saw"
    )
    generated_by: str
    requested_at: datetime
    finished_at: datetime | None
    language: str
    pdf_url: str
    xlsx_url: str


def _reader(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = acting_user(request)
    access.require(user, access.INSIGHT_VIEW)
    return user


def _out(found: StatusReport) -> dict[str, object]:
    return {
        "id": found.pk,
        "year": found.year,
        "strategy_reference": found.strategy_reference,
        "data_moment": found.data_moment,
        "generated_by": found.requested_by.get_full_name(),
        "requested_at": found.requested_at,
        "finished_at": found.finished_at,
        "language": found.language,
        "pdf_url": f"/api/status-reports/{found.pk}/pdf",
        "xlsx_url": f"/api/status-reports/{found.pk}/xlsx",
    }


@router.get("/status-reports", response={200: list[StatusReportOut], **LIST})
@paginate(LimitOffset)
def list_status_reports(request: HttpRequest) -> list[dict[str, object]]:
    """The finished status reports, newest year first."""
    return [_out(r) for r in report.finished(_reader(request))]


@router.get("/status-reports/{status_report_id}", response={200: StatusReportOut, **READ})
def get_status_report(request: HttpRequest, status_report_id: Id) -> dict[str, object]:
    """A finished report's metadata (404 while it is being made)."""
    found = report.finished(_reader(request)).filter(pk=status_report_id).first()
    if found is None:
        raise HttpError(404, "not found")
    return _out(found)


@router.get(
    "/status-reports/{status_report_id}/{kind}",
    response={200: bytes, **READ},
    openapi_extra={
        "responses": {
            "200": {
                "description": "the file",
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    report.CONTENT_TYPES["xlsx"]: {
                        "schema": {"type": "string", "format": "binary"}
                    },
                },
            }
        }
    },
)
def download_status_report(
    request: HttpRequest, status_report_id: Id, kind: Literal["pdf", "xlsx"]
) -> HttpResponse:
    """The report's PDF (for the city council) or XLSX (the figures, definitions, commentary)."""
    user = _reader(request)
    found, body = report.report_file(user, status_report_id, kind)
    with audit.via("api"):
        report_services.log_download(user=user, report=found, kind=kind, channel="api")
    response = HttpResponse(body, content_type=report.CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{report.filename(found, kind)}"'
    response["Cache-Control"] = "private, no-store"
    return response
