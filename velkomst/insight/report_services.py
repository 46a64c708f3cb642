"""Writes of the annual status report (MI-3): ask for a report (queued to the background task),
the manager's commentary per guidepost and year (SEC-5 versioned), and the audited download of a
finished report's PDF or XLSX (an ``export`` row). Each write in one transaction with its audit
row (SEC-3)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import create_audited, update_audited
from velkomst.strategies import selectors as strategy_selectors

from .models import ReportCommentary, ReportState, StatusReport

COMMENTARY_FIELDS = ("year", "guidepost_number", "text")
MAX_COMMENTARY = 10_000
DOWNLOAD_REASON = N_("Statusrapport for %(year)s hentet (%(format)s)")


def year_end(year: int) -> date:
    return date(year, 12, 31)


def check_year(year: int) -> None:
    """A report is of a year that has begun, and not of the distant past."""
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Vælg et år fra 2000 til i år.")})


def request_report(*, acting_user: StaffUser, year: int) -> StatusReport:
    """Queue the status report of ``year`` with the strategy version in force at the year's end
    (or, for the running year, today); the background task makes the PDF and the XLSX. The
    report and its audit row are written first, in one transaction; then the task is queued
    (with the immediate backend it runs there and then, outside that transaction, so its
    progress is seen as it goes)."""
    report = _queue(acting_user=acting_user, year=year)
    from .report_tasks import generate_report

    result = generate_report.enqueue(report.pk)
    StatusReport.objects.filter(pk=report.pk, task_id="").update(task_id=str(result.id))
    report.refresh_from_db()
    return report


@transaction.atomic
def _queue(*, acting_user: StaffUser, year: int) -> StatusReport:
    access.require(acting_user, access.INSIGHT_REPORT)
    municipality_id = access.tenant_id(acting_user)
    check_year(year)
    on = min(year_end(year), timezone.localdate())
    version = strategy_selectors.current_for(municipality_id, on)
    if version is None:
        raise ValidationError(
            {"year": _("Der er ingen offentliggjort strategi, der gælder for året.")}
        )
    if StatusReport.objects.filter(
        municipality_id=municipality_id,
        year=year,
        state__in=(ReportState.QUEUED, ReportState.RUNNING),
    ).exists():
        raise ValidationError({"year": _("Rapporten for året er allerede ved at blive dannet.")})
    report = StatusReport.objects.create(
        municipality_id=municipality_id,
        year=year,
        strategy=version,
        strategy_reference=version.reference,
        language="en" if (get_language() or "da").startswith("en") else "da",
        requested_by=acting_user,
        requested_at=timezone.now(),
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=report,
        changes={"year": [None, year], "strategy_reference": [None, version.reference]},
    )
    return report


def _validate_commentary(commentary: ReportCommentary) -> None:
    check_year(commentary.year)
    if len(commentary.text) > MAX_COMMENTARY:
        raise ValidationError(
            {"text": _("Højst %(n)s tegn.") % {"n": f"{MAX_COMMENTARY:,}".replace(",", ".")}}
        )


@transaction.atomic
def commentary_save(
    *,
    acting_user: StaffUser,
    year: int,
    guidepost_number: int,
    text: str,
    expected_version: int,
) -> ReportCommentary:
    """Write the commentary of a guidepost in a year's report. ``expected_version`` is the
    version the writer saw, 0 when there was none yet; another writer's save in between is a
    ConcurrentEditError (SEC-5), also when both began a commentary that did not exist."""
    access.require(acting_user, access.INSIGHT_REPORT)
    municipality_id = access.tenant_id(acting_user)
    text = text.replace("\r\n", "\n").strip()
    found = (
        ReportCommentary.objects.select_for_update()
        .filter(municipality_id=municipality_id, year=year, guidepost_number=guidepost_number)
        .first()
    )
    if found is None:
        if expected_version:
            raise ConcurrentEditError(str(ReportCommentary._meta.verbose_name))
        commentary = ReportCommentary(
            municipality_id=municipality_id,
            year=year,
            guidepost_number=guidepost_number,
            text=text,
            author=acting_user,
        )
        try:
            with transaction.atomic():
                return create_audited(
                    commentary,
                    acting_user=acting_user,
                    fields=COMMENTARY_FIELDS,
                    validate=_validate_commentary,
                )
        except IntegrityError:  # the other writer created it first
            raise ConcurrentEditError(str(ReportCommentary._meta.verbose_name)) from None
    if found.version != expected_version:
        raise ConcurrentEditError(str(ReportCommentary._meta.verbose_name))
    if found.text != text:
        found.author = acting_user
        ReportCommentary.objects.filter(pk=found.pk).update(author=acting_user)
    return update_audited(
        found,
        acting_user=acting_user,
        expected_version=expected_version,
        values={"text": text},
        fields=COMMENTARY_FIELDS,
        validate=_validate_commentary,
    )


def log_download(*, user: StaffUser, report: StatusReport, kind: str, channel: str = "web") -> None:
    """A finished report's file leaves the platform: one ``export`` row (who, when, which report
    and format)."""
    access.require(user, access.INSIGHT_VIEW)
    audit.log(
        actor=user,
        action=AuditAction.EXPORT,
        obj=report,
        changes={"year": [None, report.year], "format": [None, kind]},
        reason=DOWNLOAD_REASON % {"year": report.year, "format": kind.upper()},
        channel=channel,
    )
