"""/api/neighbour-reports: the landlords' neighbour-problem reports as tracked cases (HOU-8).
Reading needs ``neighbour.view``; roles that do not handle reports see only those linked to a
household they see (the pages' rule). A report linked to a household is that household's data:
its members' views are logged."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from velkomst.core import audit
from velkomst.core.models import AuditAction
from velkomst.neighbours import selectors

from ..auth import reader
from ..housing_schemas import ReportDetailOut, ReportFilters, ReportOut
from ..pagination import LimitOffset
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["neighbours"])


@router.get("/neighbour-reports", response={200: list[ReportOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_neighbour_reports(request: HttpRequest, filters: Query[ReportFilters]) -> Any:
    """Open reports first, the oldest due first; the search is logged (SEC-3)."""
    user = reader(request)
    reports = selectors.report_search(
        user=user, status=filters.status or "", overdue=filters.overdue, mine=filters.mine
    )
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="neighbour reports",
        channel=CHANNEL,
    )
    return reports


@router.get(
    "/neighbour-reports/{report_id}",
    response={200: ReportDetailOut, **errors(401, 403, 404, 422)},
)
def get_neighbour_report(request: HttpRequest, report_id: int) -> Any:
    user = reader(request)
    report = selectors.report_get(user=user, pk=report_id)
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(report, pk) for pk in selectors.member_ids(report)],
        channel=CHANNEL,
    )
    return report
