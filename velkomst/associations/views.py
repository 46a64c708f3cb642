"""Pages of housing associations and the monthly allocation meeting (HOU-5): parse input, call
one service or selector, render."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import (
    CONCURRENT_EDIT_MESSAGE,
    add_form_errors,
    edit_versioned,
    form_page,
    form_status,
    form_values,
    submit_form,
)
from velkomst.housing import selectors as housing_selectors

from . import distribution, exports, importing, selectors, services
from .forms import (
    AssociationForm,
    LineMoveForm,
    LineOutcomeForm,
    MeetingDraftForm,
    MeetingForm,
    MoveOutsForm,
    MoveOutsImportForm,
    YearForm,
)
from .models import MeetingStatus, Outcome


def _user(request: HttpRequest) -> Any:
    return request.user


def _crumbs() -> list[tuple[str, str]]:
    return [(_("Boligforeninger og anvisning"), reverse("associations-meeting-list"))]


# --- Housing associations and their move-outs ---------------------------------------------------


@require_GET
def association_list(request: HttpRequest) -> HttpResponse:
    """The associations with their move-outs over the key period before this month."""
    user = _user(request)
    months = distribution.key_period(timezone.localdate(), selectors.key_months(user))
    associations = list(selectors.associations_for(user))
    grid = selectors.move_outs_by_month(user=user, months=months)
    rows = []
    for association in associations:
        counts = grid.get(association.pk, {})
        cells = [counts.get(month) for month in months]
        total = sum(c.move_outs for c in cells if c is not None)
        rows.append({"association": association, "cells": cells, "total": total})
    return render(
        request,
        "associations/association_list.html",
        {"rows": rows, "months": months},
    )


@require_http_methods(["GET", "POST"])
def association_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    association, form, done = edit_versioned(
        request,
        load=lambda: selectors.association_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda association, data: AssociationForm.for_association(association, data=data),
        save=lambda association, version, values: (
            services.association_create(acting_user=user, **values)
            if association is None
            else services.association_update(
                association=association, acting_user=user, expected_version=version, **values
            )
        ),
        saved=_("Boligforeningen er gemt."),
        done=lambda _association: reverse("associations-list"),
    )
    if done is not None:
        return done
    title = (
        _("Ret boligforening %(name)s") % {"name": association.name}
        if association
        else _("Ny boligforening")
    )
    return form_page(
        request,
        form,
        title=title,
        back=reverse("associations-list"),
        crumbs=[*_crumbs(), (_("Boligforeninger"), reverse("associations-list"))],
    )


@require_http_methods(["GET", "POST"])
def association_move_outs(request: HttpRequest, pk: int) -> HttpResponse:
    """An association's move-outs, month by month for one year."""
    user = _user(request)
    association = selectors.association_get(user=user, pk=pk)
    editable = access.can(user, access.HOUSING_EDIT)
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    year_form = YearForm(request.GET)
    year = (year_form.cleaned_data.get("year") if year_form.is_valid() else None) or (
        timezone.localdate().year
    )
    months = [date(year, m, 1) for m in range(1, 13)]

    def make_form(data: Any = None) -> MoveOutsForm:
        counts = selectors.move_outs_by_month(user=user, months=months).get(association.pk, {})
        return MoveOutsForm(data, months=months, counts=counts)

    form = make_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_outs_save(
                acting_user=user, association=association, entries=form.entries()
            )
        except ValidationError as error:
            add_form_errors(form, error, prefix="m-")
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            form = make_form()
        else:
            messages.success(request, _("Fraflytningerne er gemt."))
            return redirect(f"{reverse('associations-move-outs', args=[pk])}?year={year}")
    return render(
        request,
        "associations/move_outs.html",
        {
            "association": association,
            "form": form,
            "year": year,
            "editable": editable,
            "total": sum(
                c.move_outs
                for c in selectors.move_outs_by_month(user=user, months=months)
                .get(association.pk, {})
                .values()
            ),
            "title": _("Fraflytninger i %(name)s") % {"name": association.name},
            "crumbs": [*_crumbs(), (_("Boligforeninger"), reverse("associations-list"))],
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def move_outs_import(request: HttpRequest) -> HttpResponse:
    """Import move-outs from CSV or XLSX: every row is checked first; one problem anywhere and
    nothing is written, and each problem is listed by line and column."""
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    form = MoveOutsImportForm(request.POST or None, request.FILES or None)
    problems: list[importing.Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check = importing.check_file(
                upload.read(), associations=selectors.associations_for(user)
            )
        except importing.UnreadableFile as error:
            problems = [importing.Problem(None, "", str(error))]
        else:
            problems = check.problems
            if check.ok:
                try:
                    saved = services.move_outs_import(
                        acting_user=user, rows=check.rows, reason=upload.name[:200]
                    )
                except ValidationError as error:
                    problems = [importing.Problem(None, "", m) for m in error.messages]
                except ConcurrentEditError:
                    problems = [importing.Problem(None, "", str(CONCURRENT_EDIT_MESSAGE))]
                else:
                    messages.success(
                        request,
                        _("%(n)d fraflytningstal er importeret (%(changed)d nye eller ændrede).")
                        % {"n": len(check.rows), "changed": len(saved)},
                    )
                    return redirect("associations-list")
    failed = request.method == "POST" and (bool(form.errors) or bool(problems))
    return render(
        request,
        "associations/move_outs_import.html",
        {
            "form": form,
            "problems": problems,
            "columns": importing.COLUMNS,
            "crumbs": [*_crumbs(), (_("Boligforeninger"), reverse("associations-list"))],
        },
        status=422 if failed else 200,
    )


@require_GET
def move_outs_import_template(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.HOUSING_EDIT)
    response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fraflytninger-skabelon.csv"'
    return response


# --- Allocation meetings ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def meeting_list(request: HttpRequest) -> HttpResponse:
    """The allocation meetings by month, and drafting the next one."""
    user = _user(request)
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    today = timezone.localdate()
    next_month = distribution.add_months(today, 1)
    form = MeetingDraftForm(
        request.POST or None, initial={"month": next_month, "meeting_date": today}
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_draft(acting_user=user, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Anvisningsmødet er oprettet med fordelingen."))
            return redirect("associations-meeting-detail", pk=meeting.pk)
    return render(
        request,
        "associations/meeting_list.html",
        {
            "meetings": selectors.meetings_for(user),
            "form": form,
            "key_months": selectors.key_months(user),
            "associations_count": selectors.associations_for(user).filter(active=True).count(),
            "crumbs": [],
        },
        status=form_status(request, form),
    )


def _meeting_context(request: HttpRequest, meeting: Any, form: MeetingForm | None) -> dict:
    user = _user(request)
    blocks = selectors.meeting_list(meeting)
    listed = {b.association.pk: len(b.rows) for b in blocks}
    return {
        "meeting": meeting,
        "blocks": blocks,
        "key": meeting.key,
        "key_from": date.fromisoformat(meeting.key["from"]) if meeting.key.get("from") else None,
        "key_to": date.fromisoformat(meeting.key["to"]) if meeting.key.get("to") else None,
        "shares": sorted(
            (
                {**share, "listed": listed.get(share["id"], 0)}
                for share in meeting.key.get("shares", [])
            ),
            key=lambda s: (-s["share"], s["name"].casefold()),
        ),
        "lines_count": sum(len(b.rows) for b in blocks),
        "deviations": sum(1 for b in blocks for r in b.rows if r.line.deviates),
        "form": form or MeetingForm.for_meeting(meeting),
        "editable": access.can(user, access.HOUSING_EDIT),
        "draft": meeting.status == MeetingStatus.DRAFT,
        "title": _("Anvisningsmøde for %(month)s") % {"month": f"{meeting.month:%m.%Y}"},
        "crumbs": _crumbs(),
    }


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's list: the key with its numbers, then each association's households."""
    user = _user(request)
    meeting = selectors.meeting_get(user=user, pk=pk)
    return _meeting_page(request, meeting, None)


def _meeting_page(
    request: HttpRequest, meeting: Any, form: MeetingForm | None, status: int = 200
) -> HttpResponse:
    """The meeting's list page; each household shown is logged per member (SEC-3)."""
    context = _meeting_context(request, meeting, form)
    audit.log_many(
        actor=_user(request),
        action=AuditAction.VIEW,
        objects=[
            (row.line, person_id)
            for block in context["blocks"]
            for row in block.rows
            for person_id in row.member_ids
        ],
    )
    return render(request, "associations/meeting_detail.html", context, status=status)


@require_POST
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    meeting = selectors.meeting_get(user=user, pk=pk)
    form = MeetingForm.for_meeting(meeting, data=request.POST)
    if form.is_valid():
        done = submit_form(
            request,
            form,
            lambda: services.meeting_update(
                acting_user=user,
                meeting=meeting,
                expected_version=form.cleaned_data["version"],
                **form_values(form),
            ),
            saved=_("Mødet er gemt."),
            done=reverse("associations-meeting-detail", args=[pk]),
        )
        if done is not None:
            return done
    meeting = selectors.meeting_get(user=user, pk=pk)
    return _meeting_page(request, meeting, form, status=422)


@require_POST
def meeting_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    meeting = selectors.meeting_get(user=user, pk=pk)
    seen = request.POST.get("version", "")
    version = int(seen) if seen.isdigit() else 0
    try:
        services.meeting_recompute(acting_user=user, meeting=meeting, expected_version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
    else:
        messages.success(request, _("Fordelingen er beregnet igen."))
    return redirect("associations-meeting-detail", pk=pk)


@require_GET
def meeting_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's list as CSV or XLSX: an export of the households' data, logged per member."""
    user = _user(request)
    meeting = selectors.meeting_get(user=user, pk=pk)
    blocks = selectors.meeting_list(meeting)
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    audit.log_many(
        actor=user,
        action=AuditAction.EXPORT,
        objects=[
            (row.line, person_id)
            for block in blocks
            for row in block.rows
            for person_id in row.member_ids
        ],
        reason=f"anvisningsliste {meeting.month:%Y-%m} ({kind})",
    )
    filename = f"anvisningsliste-{meeting.month:%Y-%m}.{kind}"
    if kind == "xlsx":
        response = HttpResponse(
            exports.xlsx(meeting, blocks),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            exports.csv_text(meeting, blocks), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def line_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One household on the list: move it to another association (before the meeting) or
    record the outcome (accepted with a dwelling: the household moves in)."""
    user = _user(request)
    line = selectors.line_get(user=user, pk=pk)
    editable = access.can(user, access.HOUSING_EDIT)
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    action = request.POST.get("action", "")
    associations = selectors.associations_for(user).filter(active=True)
    dwellings = selectors.free_dwellings(user, include=line.dwelling_id)
    move_form = LineMoveForm.for_line(
        line, associations=associations, data=request.POST if action == "move" else None
    )
    outcome_form = LineOutcomeForm.for_line(
        line, dwellings=dwellings, data=request.POST if action == "outcome" else None
    )
    done: HttpResponse | None = None
    if action == "move" and move_form.is_valid():
        done = submit_form(
            request,
            move_form,
            lambda: services.line_move(
                acting_user=user,
                line=line,
                association=move_form.cleaned_data["association"],
                note=move_form.cleaned_data["note"],
                expected_version=move_form.cleaned_data["version"],
            ),
            saved=_("Husstanden er flyttet til en anden boligforening."),
            done=reverse("associations-meeting-detail", args=[line.meeting_id]),
            conflict=reverse("associations-line-detail", args=[pk]),
        )
    elif action == "outcome" and outcome_form.is_valid():
        done = submit_form(
            request,
            outcome_form,
            lambda: services.line_record_outcome(
                acting_user=user,
                line=line,
                expected_version=outcome_form.cleaned_data["version"],
                **form_values(outcome_form),
            ),
            saved=_("Resultatet er gemt."),
            done=reverse("associations-meeting-detail", args=[line.meeting_id]),
            conflict=reverse("associations-line-detail", args=[pk]),
        )
    if done is not None:
        return done
    members = list(line.household.members.all())
    audit.log_many(actor=user, action=AuditAction.VIEW, objects=[(line, m.pk) for m in members])
    failed = request.method == "POST" and bool(move_form.errors or outcome_form.errors)
    return render(
        request,
        "associations/line_detail.html",
        {
            "line": line,
            "need": getattr(line.household, "housing_need", None),
            "composition": housing_selectors.composition(line.household, members),
            "move_form": move_form,
            "outcome_form": outcome_form,
            "editable": editable,
            "can_move": line.meeting.status == MeetingStatus.DRAFT
            and line.outcome == Outcome.PENDING,
            "final": line.outcome == Outcome.ACCEPTED,
            "title": _("%(household)s på anvisningslisten") % {"household": line.household.name},
            "crumbs": [
                *_crumbs(),
                (
                    _("Anvisningsmøde for %(month)s") % {"month": f"{line.meeting.month:%m.%Y}"},
                    reverse("associations-meeting-detail", args=[line.meeting_id]),
                ),
            ],
        },
        status=422 if failed else 200,
    )
