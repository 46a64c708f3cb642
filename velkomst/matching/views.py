"""Matching pages (PRG-4): open openings, the ranked persons for an opening, the ranked openings
for a person, batch runs. Thin: one selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.people.views import HtmxHttpRequest

from . import runs, selectors
from .models import RunStatus

PAGE_SIZE = 25

STAGE_LABELS = {
    "reading": gettext_lazy("Læser opslag og borgere"),
    "solving": gettext_lazy("Optimerer (MILP med HiGHS)"),
    "checking": gettext_lazy("Tjekker de faste regler"),
    "done": gettext_lazy("Færdig"),
}


def _user(request: HttpRequest) -> Any:
    return request.user


def _crumbs() -> list[tuple[str, str]]:
    return [(_("Matchning"), reverse("matching:index"))]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The open openings (each a link to its ranked persons) and the batch runs."""
    user = _user(request)
    unproposed = request.GET.get("unproposed") == "1"
    openings = Paginator(selectors.open_openings(user, unproposed=unproposed), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "matching/index.html",
        {
            "page": openings,
            "unproposed": unproposed,
            "query_string": "unproposed=1" if unproposed else "",
            "runs": selectors.runs_for(user)[:10],
            "editable": access.can(user, access.COMPANY_EDIT),
        },
    )


def _rows_page(request: HttpRequest, ranked: selectors.Ranked) -> tuple[Any, bool]:
    show_all = request.GET.get("show") == "all"
    rows = ranked.rows if show_all else [r for r in ranked.rows if r.match.eligible]
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")), show_all


@require_GET
def opening(request: HttpRequest, pk: int) -> HttpResponse:
    """The persons the user sees, ranked for the opening, with each score's reasons."""
    user = _user(request)
    item = selectors.opening_get(user, pk)
    ranked = selectors.rank_for_opening(user, item)
    page, show_all = _rows_page(request, ranked)
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(item, row.person.pk) for row in page.object_list if row.person is not None],
        reason="matching: persons for an opening",
    )
    return render(
        request,
        "matching/opening.html",
        {
            "opening": item,
            "ranked": ranked,
            "page": page,
            "show_all": show_all,
            "editable": access.can(user, access.COMPANY_EDIT),
            "crumbs": _crumbs(),
        },
    )


@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """The open openings ranked for the person, with each score's reasons."""
    user = _user(request)
    item = selectors.person_get(user, pk)
    ranked = selectors.rank_for_person(user, item)
    page, show_all = _rows_page(request, ranked)
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(item, item.pk)],
        reason="matching: openings for a person",
    )
    return render(
        request,
        "matching/person.html",
        {
            "person": item,
            "ranked": ranked,
            "page": page,
            "show_all": show_all,
            "editable": access.can(user, access.COMPANY_EDIT),
            "crumbs": [
                *_crumbs(),
                (item.full_name, reverse("person-detail", args=[item.pk])),
            ],
        },
    )


@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    try:
        run = runs.run_start(acting_user=user)
    except ValidationError as error:
        for texts in error.message_dict.values():
            for text in texts:
                messages.error(request, text)
        return redirect("matching:index")
    return redirect("matching:run", pk=run.pk)


@require_GET
def run_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """While the run works: its progress (htmx asks every second). When done: the suggestions
    by opening, with reasons and a "Foreslå" link each; the figures under "Detaljer"."""
    user = _user(request)
    run = selectors.run_get(user, pk)
    busy = run.status in (RunStatus.QUEUED, RunStatus.RUNNING)
    context: dict[str, Any] = {
        "run": run,
        "busy": busy,
        "stage": str(STAGE_LABELS.get(run.stage, gettext_lazy("Venter på at blive startet"))),
        "crumbs": _crumbs(),
    }
    if request.htmx and request.GET.get("progress") and busy:
        return render(request, "matching/run.html#progress", context)
    if request.htmx and request.GET.get("progress"):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    if run.status == RunStatus.DONE:
        page = Paginator(selectors.suggestions_of(user, run), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = [
            {
                "s": s,
                "reasons": selectors.stored_reasons_text(s.reasons),
                "propose_url": selectors.propose_url(s.opening_id, s.person_id),
            }
            for s in page.object_list
        ]
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(row["s"], row["s"].person_id) for row in rows],
            reason="matching run suggestions",
        )
        context.update(
            {
                "page": page,
                "rows": rows,
                "count": run.suggestions.count(),
                "quality": runs.solution_quality(run),
                "editable": access.can(user, access.COMPANY_EDIT),
            }
        )
    context["broken"] = runs.rule_check_lines(run)
    return render(request, "matching/run.html", context)
