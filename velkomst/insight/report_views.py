"""The page "Statusrapport" (MI-3): a year's figures per guidepost as the report will show them,
the commentary per guidepost (its own edit page, SEC-5 versioned), the button that queues the
report, its progress (htmx asks every second; without JavaScript the page is reloaded) and the
finished reports with their files (each download an audited export)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access
from velkomst.core.editing import Shown, edit_page
from velkomst.people.views import HtmxHttpRequest
from velkomst.strategies import selectors as strategy_selectors

from . import report, report_services
from .models import ReportCommentary
from .report_figures import build
from .report_forms import CommentaryForm, YearForm

YEARS_BACK = 10


def _user(request: HttpRequest) -> Any:
    return request.user


def default_year() -> int:
    """The last whole year."""
    return timezone.localdate().year - 1


def year_choices() -> list[int]:
    this = timezone.localdate().year
    return list(range(this, this - YEARS_BACK, -1))


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET, years=year_choices())
    return int(form.cleaned_data["year"]) if form.is_valid() else default_year()


def _page_url(year: int, anchor: str = "") -> str:
    return f"{reverse('insight-report')}?year={year}{anchor}"


@require_GET
def report_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.INSIGHT_VIEW)
    year = _year(request)
    municipality_id = access.tenant_id(user)
    version = strategy_selectors.current_for(
        municipality_id, min(report_services.year_end(year), timezone.localdate())
    )
    data = build(user, version, year) if version is not None else None
    return render(
        request,
        "insight/report.html",
        {
            "year": year,
            "year_form": YearForm(initial={"year": year}, years=year_choices()),
            "data": data,
            "reports": [(r, report.step_label(r.progress_step)) for r in report.reports(user)],
            "can_write": access.can(user, access.INSIGHT_REPORT),
        },
    )


@require_POST
def report_generate(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.INSIGHT_REPORT)
    form = YearForm(request.POST, years=year_choices())
    if not form.is_valid():
        messages.error(request, _("Vælg et år."))
        return redirect("insight-report")
    year = int(form.cleaned_data["year"])
    try:
        report_services.request_report(acting_user=user, year=year)
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("Rapporten dannes. Siden viser, hvor langt den er."))
    return redirect(_page_url(year, "#reports-heading"))


@require_GET
def report_progress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The progress of a report being made (htmx every second); when it is done or failed, the
    page is reloaded to list it."""
    found = report.report_get(_user(request), pk)
    if not found.busy:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "insight/report.html#progress",
        {"item": found, "step": report.step_label(found.progress_step)},
    )


@require_GET
def report_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = _user(request)
    found, body = report.report_file(user, pk, kind)
    report_services.log_download(user=user, report=found, kind=kind)
    response = HttpResponse(body, content_type=report.CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{report.filename(found, kind)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def commentary_edit(request: HttpRequest, year: int, number: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.INSIGHT_REPORT)
    if year not in year_choices():
        raise Http404("year")
    version = strategy_selectors.current_for(
        access.tenant_id(user), min(report_services.year_end(year), timezone.localdate())
    )
    guidepost = version.guideposts.filter(number=number).first() if version is not None else None
    if guidepost is None:
        raise Http404("guidepost")
    back = _page_url(year, f"#guidepost-{number}")

    def load() -> ReportCommentary | None:
        return report.commentaries(user, year).get(number)

    def make_form(record: ReportCommentary | None, data: Any) -> CommentaryForm:
        initial = {
            "version": record.version if record else 0,
            "text": record.text if record else "",
        }
        return CommentaryForm(data, initial=initial)

    def save_values(version_seen: Any, values: dict[str, Any]) -> ReportCommentary:
        return report_services.commentary_save(
            acting_user=user,
            year=year,
            guidepost_number=number,
            text=values["text"],
            expected_version=int(version_seen or 0),
        )

    return edit_page(
        request,
        load=load,
        make_form=make_form,
        save=lambda _record, version_seen, values: save_values(version_seen, values),
        saved=_("Kommentaren er gemt."),
        done=lambda _result: back,
        shown=lambda _record: Shown(
            title=_("Kommentar til pejlemærke %(number)s: %(title)s, %(year)s")
            % {"number": number, "title": guidepost.title, "year": year},
            back=back,
            crumbs=[(_("Statusrapport"), back)],
        ),
    )
