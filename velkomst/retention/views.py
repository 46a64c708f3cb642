"""The administrator's pages of retention and erasure (SEC-4): the rules in force and their
versions, a new version, legal holds, and the runs (the dry run to review and download, the
approval, the progress by htmx every second, the counts)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit, exports
from velkomst.core.models import AuditAction

from . import selectors, services
from .forms import HoldForm, LiftForm, RuleSetForm
from .models import LegalHold, Run, RunState

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXPORT_REASON = "Sletningskørsel %(run)s hentet (%(format)s)"


def _user(request: HttpRequest) -> Any:
    return request.user


def _errors_to_form(form: Any, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


@require_GET
def rules_page(request: HttpRequest) -> HttpResponse:
    state = selectors.rules_state(_user(request))
    return render(
        request,
        "retention/rules.html",
        {
            "state": state,
            "version_rows": [(v, selectors.rule_set_rows(v)) for v in state.versions],
        },
    )


@require_http_methods(["GET", "POST"])
def rules_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    initial_rules = selectors.current_rules(user)
    if request.method == "POST":
        form = RuleSetForm(request.POST, initial_rules=initial_rules)
        if form.is_valid():
            try:
                services.rule_set_create(
                    acting_user=user,
                    effective_from=form.cleaned_data["effective_from"],
                    note=form.cleaned_data["note"],
                    values=form.rule_values(),
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(request, _("Den nye version af reglerne er gemt."))
                return redirect("retention-rules")
    else:
        form = RuleSetForm(
            initial={"effective_from": timezone.localdate()}, initial_rules=initial_rules
        )
    return render(request, "retention/rules_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def holds_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    found = selectors.holds(user)
    if request.GET.get("active"):
        found = found.filter(lifted_at__isnull=True)
    form = HoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hold_place(
                acting_user=user,
                person_id=form.cleaned_data["person_id"],
                case_id=form.cleaned_data["case_id"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Tilbageholdet er sat."))
            return redirect("retention-holds")
    return render(
        request,
        "retention/holds.html",
        {"holds": list(found), "form": form, "lift_form": LiftForm()},
    )


@require_POST
def hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.hold_get(user, pk)
    form = LiftForm(request.POST)
    reason = form.cleaned_data["lift_reason"] if form.is_valid() else ""
    try:
        services.hold_lift(acting_user=user, hold_id=pk, reason=reason)
    except LegalHold.DoesNotExist as missing:
        raise Http404("hold") from missing
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("Tilbageholdet er ophævet."))
    return redirect("retention-holds")


@require_http_methods(["GET", "POST"])
def runs_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    found = selectors.runs(user)
    if request.GET.get("state") in RunState.values:
        found = found.filter(state=request.GET["state"])
    if request.method == "POST":
        run = services.request_dry_run(acting_user=user, municipality_id=access.tenant_id(user))
        messages.success(request, _("Prøvekørslen er bestilt."))
        return redirect("retention-run", pk=run.pk)
    return render(request, "retention/runs.html", {"runs": list(found[:50])})


@require_GET
def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(_user(request), pk)
    return render(request, "retention/run.html", {"run": run, "counts": selectors.counts(run)})


@require_GET
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a run (htmx every second); when it is no longer busy the page reloads."""
    run = selectors.run_get(_user(request), pk)
    if not run.busy:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "retention/run.html#progress", {"run": run})


@require_POST
def run_approve(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.run_get(user, pk)
    try:
        services.approve(acting_user=user, run_id=pk)
    except Run.DoesNotExist as missing:
        raise Http404("run") from missing
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("Kørslen er godkendt og udføres nu i partier."))
    return redirect("retention-run", pk=pk)


@require_POST
def run_discard(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    selectors.run_get(user, pk)
    try:
        services.discard(acting_user=user, run_id=pk)
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("Prøvekørslen er forkastet."))
    return redirect("retention-run", pk=pk)


@require_GET
def run_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The dry run's items as CSV or XLSX (through core/exports), the download audited."""
    if kind not in CONTENT_TYPES:
        raise Http404("format")
    user = _user(request)
    run = selectors.run_get(user, pk)
    audit.log(
        actor=user,
        action=AuditAction.EXPORT,
        obj=run,
        reason=EXPORT_REASON % {"run": run.pk, "format": kind.upper()},
    )
    rows = selectors.export_rows(run)
    body = (
        exports.csv_bytes(rows)
        if kind == "csv"
        else exports.xlsx_bytes(list(rows), title=_("Prøvekørsel"))
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="sletning-{run.pk}.{kind}"'
    response["Cache-Control"] = "private, no-store"
    return response
