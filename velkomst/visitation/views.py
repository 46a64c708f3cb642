"""Pages for the visitation import (REC-1): upload, review of likely duplicates, confirmation.

Every page needs the household.create capability and shows only the user's municipality's
batches; another municipality's batch is a 404. Everything works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.national import selectors as national_selectors
from velkomst.people.models import Person, Relation, ResidenceBasis, Sex
from velkomst.people.selectors import households_visible_to

from . import columns, selectors, services
from .forms import DecisionForm, UploadForm
from .models import ImportBatch, ImportStatus
from .template_files import template_csv, template_xlsx
from .validation import group_households

MAX_PROBLEMS_SHOWN = 500


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _user(request: HttpRequest) -> Any:
    user = request.user
    access.require(user, access.HOUSEHOLD_CREATE)  # type: ignore[arg-type]
    return user


def upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    batch: ImportBatch | None = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        batch = services.batch_upload(
            acting_user=user, file_name=upload_file.name, content=upload_file.read()
        )
        if batch.status == ImportStatus.REVIEW:
            return redirect("visitation-review", pk=batch.pk)
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "batch": batch,
        "batches": selectors.batch_list(user=user),
        # households the immigration service has placed here (NAT-1), before their visitation
        "national_placements": list(national_selectors.municipality_placements(user)[:50]),
        **_problems_context(batch),
    }
    return render(request, "visitation/upload.html", context, status=status)


def _problems_context(batch: ImportBatch | None) -> dict[str, Any]:
    if batch is None or batch.status != ImportStatus.REJECTED:
        return {}
    total = batch.result.get("problem_count", len(batch.problems))
    shown = batch.problems[:MAX_PROBLEMS_SHOWN]
    return {"problems": shown, "problem_count": total, "problems_hidden": total - len(shown)}


IMPORT_ERRORS = {
    services.ERROR_DUPLICATES: _lazy(
        "Mens du gennemså filen, er nogle af personerne blevet registreret. "
        "Se de nye mulige dubletter, og vælg igen."
    ),
    services.ERROR_DECISIONS: _lazy("Vælg igen for hver mulig dublet. Intet er gemt."),
    services.ERROR_NO_TEMPLATE: _lazy(
        "Kommunen har ingen gældende skabelon for modtageplaner, så husstandene kan "
        "ikke registreres. Bed en administrator om at aktivere en skabelon. Intet er "
        "gemt."
    ),
    services.ERROR_FAILED: _lazy(
        "Importen fejlede, og intet er gemt. Fejlen er logget; prøv igen, eller kontakt "
        "support, hvis den gentager sig."
    ),
}


def review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    batch = selectors.batch_get(user=user, pk=pk)
    if batch.status == ImportStatus.IMPORTING:  # the background task is importing it
        if request.method == "POST":
            messages.info(request, _("Filen er ved at blive importeret."))
            return redirect("visitation-review", pk=batch.pk)
        template = "visitation/importing.html"
        if request.htmx and not request.htmx.boosted:
            template += "#progress"
        return render(request, template, {"batch": batch})
    if batch.status != ImportStatus.REVIEW:
        if request.method == "POST":  # e.g. the confirm button pressed twice
            messages.info(request, _("Filen er allerede importeret eller annulleret."))
            return redirect("visitation-review", pk=batch.pk)
        if request.htmx and not request.htmx.boosted:  # the import finished: load the result
            return HttpResponse(headers={"HX-Refresh": "true"})
        return _finished(request, user, batch)
    if request.htmx and not request.htmx.boosted and request.GET.get("progress"):
        return HttpResponse(headers={"HX-Refresh": "true"})  # back to review: show why
    data = request.POST if request.method == "POST" else None
    form = DecisionForm(data, duplicates=batch.duplicates)
    decision_errors: list[str] = (
        [str(IMPORT_ERRORS[batch.import_error])]
        if (batch.import_error in IMPORT_ERRORS and request.method != "POST")
        else []
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_confirm_start(
                batch=batch, acting_user=user, decisions=form.cleaned_data["decisions"]
            )
        except services.BatchNotInReview:
            messages.error(request, _("Filen er allerede importeret eller annulleret."))
            return redirect("visitation-review", pk=batch.pk)
        except services.DecisionsInvalid as error:
            decision_errors = error.messages
        else:
            if batch.status == ImportStatus.IMPORTED:  # the worker was quicker than the redirect
                messages.success(
                    request,
                    _("Filen er importeret: %(households)s husstande med %(persons)s personer.")
                    % {
                        "households": len(batch.result["households"]),
                        "persons": batch.result["persons"],
                    },
                )
            return redirect("visitation-review", pk=batch.pk)
    rows = services.batch_rows(batch)
    plans = group_households(rows)
    page = Paginator(plans, settings.VELKOMST_PAGE_SIZE * 2).get_page(request.GET.get("page"))
    person_ids = [
        m["person_id"] for d in batch.duplicates for m in d["matches"] if m["kind"] == "person"
    ]
    if person_ids:  # the page shows these registered persons' names (SEC-3)
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(Person(pk=pid), pid) for pid in sorted(set(person_ids))],
            reason=_("Mulig dublet i visitationsimport"),
        )
    context = {
        "batch": batch,
        "form": form,
        "decision_rows": form.rows(),
        "decision_errors": decision_errors,
        "summary": services.batch_summary(rows),
        "page": page,
        "visible_ids": selectors.visible_person_ids(user=user, person_ids=person_ids),
        "same_file": selectors.batches_with_same_file(batch=batch),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "visitation/review.html", context, status=status)


def _finished(request: HttpRequest, user: Any, batch: ImportBatch) -> HttpResponse:
    context: dict[str, Any] = {"batch": batch, **_problems_context(batch)}
    if batch.status == ImportStatus.IMPORTED:
        ids = batch.result.get("households", [])
        page = Paginator(ids, settings.VELKOMST_PAGE_SIZE * 2).get_page(request.GET.get("page"))
        households = {
            h.pk: h for h in households_visible_to(user).filter(pk__in=list(page.object_list))
        }
        context.update(page=page, households=[(pk, households.get(pk)) for pk in page])
    return render(request, "visitation/result.html", context)


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    batch = selectors.batch_get(user=user, pk=pk)
    try:
        services.batch_cancel(batch=batch, acting_user=user)
    except services.BatchNotInReview:
        messages.error(request, _("Filen er allerede importeret eller annulleret."))
        return redirect("visitation-review", pk=batch.pk)
    messages.success(request, _("Importen er annulleret. Intet er registreret."))
    return redirect("visitation-upload")


@require_GET
def file_format(request: HttpRequest) -> HttpResponse:
    _user(request)
    context = {
        "columns": columns.COLUMNS,
        "relations": Relation.choices,
        "residence_bases": ResidenceBasis.choices,
        "sexes": Sex.choices,
    }
    return render(request, "visitation/format.html", context)


@require_GET
def template_download(request: HttpRequest, fmt: str) -> HttpResponse:
    _user(request)
    if fmt == "xlsx":
        content = template_xlsx()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, content_type = template_csv(), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="visitation-skabelon.{fmt}"'
    return response
