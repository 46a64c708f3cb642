"""Pages of outcomes and result grants (PRG-7): parse input, call one service or selector,
render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit, exports
from velkomst.core.editing import create_or_update, person_edit_page
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction
from velkomst.core.views import edit_versioned, form_status
from velkomst.people.models import Person

from . import selectors, services
from .forms import (
    BenefitForm,
    ClaimForm,
    EducationForm,
    EmploymentForm,
    GrantFilterForm,
    SelfSupportingForm,
)
from .models import GrantKind


def _user(request: HttpRequest) -> Any:
    return request.user


def _crumbs(person: Person, *, outcomes: bool = True) -> list[tuple[str, str]]:
    crumbs = [
        (_("Mine borgere"), reverse("person-list")),
        (person.household.name, reverse("household-detail", args=[person.household_id])),
        (person.full_name, reverse("person-detail", args=[person.pk])),
    ]
    if outcomes:
        crumbs.append((_("Resultater"), reverse("outcomes-person", args=[person.pk])))
    return crumbs


@require_GET
def person_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's outcomes over time and the result grants they have earned."""
    user = _user(request)
    person = selectors.person_for_outcomes(user=user, pk=pk)
    outcomes = selectors.outcomes_of(person)
    audit.log_read(actor=user, obj=person, persons=[person])
    return render(
        request,
        "outcomes/person.html",
        {
            "person": person,
            "outcomes": outcomes,
            "grants": [(g, GrantKind(g.kind).label) for g in outcomes.grants],
            "editable": access.can(user, access.PROGRAMME_EDIT),
            "crumbs": _crumbs(person, outcomes=False),
        },
    )


# the record kinds a person's outcomes page edits: form, selector, services, title, saved message
RECORDS: dict[str, dict[str, Any]] = {
    "employment": {
        "form": EmploymentForm,
        "get": selectors.employment_get,
        "create": lambda user, person, values: services.employment_create(
            acting_user=user, person=person, **values
        ),
        "update": lambda user, record, version, values: services.employment_update(
            acting_user=user, employment=record, expected_version=version, **values
        ),
        "new": N_("Ny beskæftigelse: %(name)s"),
        "edit": N_("Ret beskæftigelse: %(name)s"),
        "saved": N_("Beskæftigelsen er gemt."),
    },
    "education": {
        "form": EducationForm,
        "get": selectors.education_get,
        "create": lambda user, person, values: services.education_create(
            acting_user=user, person=person, **values
        ),
        "update": lambda user, record, version, values: services.education_update(
            acting_user=user, education=record, expected_version=version, **values
        ),
        "new": N_("Nyt uddannelsesforløb: %(name)s"),
        "edit": N_("Ret uddannelsesforløb: %(name)s"),
        "saved": N_("Uddannelsesforløbet er gemt."),
    },
    "benefit": {
        "form": BenefitForm,
        "get": selectors.benefit_get,
        "create": lambda user, person, values: services.benefit_create(
            acting_user=user, person=person, **values
        ),
        "update": lambda user, record, version, values: services.benefit_update(
            acting_user=user, period=record, expected_version=version, **values
        ),
        "new": N_("Ny ydelsesperiode: %(name)s"),
        "edit": N_("Ret ydelsesperiode: %(name)s"),
        "saved": N_("Ydelsesperioden er gemt."),
    },
}


def _record_page(
    request: HttpRequest,
    kind: str,
    *,
    person: Person,
    load: Callable[[], Any],
) -> HttpResponse:
    user = _user(request)
    spec = RECORDS[kind]
    return _person_edit(
        request,
        person=person,
        load=load,
        make_form=lambda record, data: spec["form"].for_record(record, data=data),
        save=create_or_update(
            lambda values: spec["create"](user, person, values),
            lambda record, version, values: spec["update"](user, record, version, values),
        ),
        saved=_(spec["saved"]),
        title=lambda record: _(spec["edit" if record else "new"]) % {"name": person.full_name},
    )


def _person_edit(request: HttpRequest, *, person: Person, **edit: Any) -> HttpResponse:
    """An outcome record of the person on its own form page; back to the person's outcomes."""
    return person_edit_page(
        request,
        person=person,
        back=reverse("outcomes-person", args=[person.pk]),
        crumbs=_crumbs(person),
        template="outcomes/edit.html",
        **edit,
    )


def _new(kind: str) -> Callable[[HttpRequest, int], HttpResponse]:
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        person = selectors.person_for_outcomes(user=user, pk=pk)
        access.require(user, access.PROGRAMME_EDIT)
        return _record_page(request, kind, person=person, load=lambda: None)

    view.__name__ = f"{kind}_create"
    return view


def _edit(kind: str) -> Callable[[HttpRequest, int], HttpResponse]:
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        user = _user(request)
        get = RECORDS[kind]["get"]
        record = get(user=user, pk=pk)
        access.require(user, access.PROGRAMME_EDIT)
        return _record_page(request, kind, person=record.person, load=lambda: get(user=user, pk=pk))

    view.__name__ = f"{kind}_edit"
    return view


employment_create = _new("employment")
employment_edit = _edit("employment")
education_create = _new("education")
education_edit = _edit("education")
benefit_create = _new("benefit")
benefit_edit = _edit("benefit")


@require_http_methods(["GET", "POST"])
def self_supporting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = selectors.person_for_outcomes(user=user, pk=pk)
    access.require(user, access.PROGRAMME_EDIT)
    return _person_edit(
        request,
        person=person,
        load=lambda: selectors.self_supporting_of(person),
        make_form=lambda record, data: SelfSupportingForm.for_record(record, data=data),
        save=lambda _record, version, values: services.self_supporting_save(
            acting_user=user, person=person, expected_version=version, **values
        ),
        saved=_("Selvforsørgelsen er gemt."),
        title=lambda _record: _("Selvforsørgende: %(name)s") % {"name": person.full_name},
    )


# --- result grants ------------------------------------------------------------------------------


def _grant_list(request: HttpRequest) -> tuple[Any, GrantFilterForm]:
    user = _user(request)
    every = selectors.grants_for_user(user=user)
    form = GrantFilterForm(request.GET or None, years=every.years)
    year, kind, status = None, "", ""
    if form.is_valid():
        year, kind = form.cleaned_data.get("year"), form.cleaned_data.get("kind") or ""
        status = form.cleaned_data.get("status") or ""
    return every.filtered(year=year, kind=kind, status=status), form


def evidence_text(row: selectors.GrantRow) -> str:
    """A grant's evidence in words, as the page and the export show it."""
    evidence = row.grant.evidence
    kind = row.grant.kind
    if kind == GrantKind.JOB:
        return _(
            "Ordinær beskæftigelse %(start)s – %(end)s, gennemsnitligt %(hours)s timer pr. uge"
        ) % {
            "start": format_date(evidence.window_start, "short"),  # type: ignore[union-attr]
            "end": format_date(evidence.window_end, "short"),  # type: ignore[union-attr]
            "hours": str(evidence.average_hours).replace(".", ","),  # type: ignore[union-attr]
        }
    if kind == GrantKind.EDUCATION:
        return _("%(programme)s, %(institution)s, startet %(start)s") % {
            "programme": evidence.programme,  # type: ignore[union-attr]
            "institution": evidence.institution,  # type: ignore[union-attr]
            "start": format_date(evidence.started_on, "short"),  # type: ignore[union-attr]
        }
    label = selectors.exam_label(evidence.exam)  # type: ignore[union-attr]
    return _("%(exam)s bestået %(date)s") % {
        "exam": label,
        "date": format_date(evidence.taken_on, "short"),  # type: ignore[union-attr]
    }


@require_GET
def grant_list(request: HttpRequest) -> HttpResponse:
    """The result grants the municipality can claim, with their evidence, by year and kind: a
    page of them, with the totals over every grant matching the filter."""
    user = _user(request)
    grants, form = _grant_list(request)
    audit.log(actor=user, action=AuditAction.SEARCH, reason="result grants")
    page = Paginator(grants.grants.select_related("person"), settings.VELKOMST_PAGE_SIZE)
    shown = page.get_page(request.GET.get("page"))
    rows = [(row, evidence_text(row)) for row in grants.rows_of(shown.object_list)]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outcomes/grants.html",
        {
            "grants": grants,
            "rows": rows,
            "page": shown,
            "form": form,
            "query": query.urlencode(),
            "may_claim": access.can(user, access.GRANTS_CLAIM),
            "crumbs": [(_("Resultattilskud"), reverse("outcomes-grants"))],
        },
    )


def grant_table(rows: list[selectors.GrantRow]) -> list[list[Any]]:
    header = [
        _("Navn"),
        _("Tilskud"),
        _("Opnået"),
        _("Optjent"),
        _("Sats"),
        _("Beløb (kr.)"),
        _("Dokumentation"),
        _("Status"),
        _("Hjemtaget"),
        _("Hjemtaget beløb (kr.)"),
        _("Reference"),
        _("Udbetalt"),
    ]
    body: list[list[Any]] = [
        [
            row.person.full_name,
            row.kind_label,
            row.grant.achieved_on,
            row.grant.earned_on,
            _("Fuld sats") if row.grant.tier == "full" else _("Nedsat sats (år 4-5)"),
            row.grant.amount,
            evidence_text(row),
            row.status_label,
            row.claimed_on,
            row.claim.amount if row.claim else None,
            row.claim.reference if row.claim else "",
            row.claim.paid_on if row.claim else None,
        ]
        for row in rows
    ]
    return [header, *body]


@require_GET
def grant_export(request: HttpRequest) -> HttpResponse:
    """The list as XLSX (or CSV): names, no CPR numbers; an export logged per person."""
    user = _user(request)
    grants, _form = _grant_list(request)
    kind = "csv" if request.GET.get("format") == "csv" else "xlsx"
    audit.log_many(
        actor=user,
        action=AuditAction.EXPORT,
        objects=[(row.person, row.person.pk) for row in grants.rows],
        reason=f"result grants ({kind})",
    )
    table = grant_table(grants.rows)
    filename = f"resultattilskud-{timezone.localdate():%Y-%m-%d}.{kind}"
    if kind == "xlsx":
        workbook = exports.new_workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = _("Resultattilskud")[:31]
        exports.append_rows(sheet, table)
        response = HttpResponse(
            exports.workbook_bytes(workbook),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exports.csv_bytes(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- claims of result grants (PRG-7) -------------------------------------------------------------


def _claim_page(
    request: HttpRequest, row: selectors.GrantRow, claim: Any, load: Callable[[], Any]
) -> HttpResponse:
    user = _user(request)

    def save(record: Any, version: int, values: dict[str, Any]) -> Any:
        if record is None:
            return services.claim_create(
                actor=user,
                person=row.person,
                kind=row.grant.kind.value,
                earned_on=row.grant.earned_on,
                **values,
            )
        return services.claim_update(actor=user, claim=record, expected_version=version, **values)

    record, form, done = edit_versioned(
        request,
        load=load,
        make_form=lambda record, data: ClaimForm.for_claim(
            record, default_amount=row.grant.amount, today=timezone.localdate(), data=data
        ),
        save=save,
        saved=_("Hjemtagningen er gemt.") if claim is None else _("Tilskuddet er gemt."),
        done=lambda _record: reverse("outcomes-grants"),
    )
    if done is not None:
        return done
    audit.log_read(actor=user, obj=record or row.person, persons=[row.person])
    name = {"name": row.person.full_name, "kind": row.kind_label}
    title = (
        _("Hjemtag resultattilskud: %(name)s, %(kind)s") % name
        if claim is None
        else _("Hjemtaget resultattilskud: %(name)s, %(kind)s") % name
    )
    return render(
        request,
        "outcomes/claim.html",
        {
            "form": form,
            "title": title,
            "row": row,
            "evidence": evidence_text(row),
            "back": reverse("outcomes-grants"),
            "crumbs": [(_("Resultattilskud"), reverse("outcomes-grants"))],
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def grant_claim(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the person's derived grants claimed (day, amount, reference): ``?kind=`` (a
    person earns at most one grant of each kind), else the first not yet claimed. A second claim
    of the same grant is refused with a message on the form (the services check it)."""
    user = _user(request)
    row = selectors.grant_of(user=user, person_id=pk, kind=request.GET.get("kind", ""))
    access.require(user, access.GRANTS_CLAIM)
    if request.method == "GET" and row.claim is not None:
        return redirect("outcomes-claim-edit", pk=row.claim.pk)
    return _claim_page(request, row, None, load=lambda: None)


@require_http_methods(["GET", "POST"])
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a claim or record the day the grant was paid."""
    user = _user(request)
    claim = selectors.claim_get(user=user, pk=pk)
    row = selectors.grant_of(user=user, person_id=claim.person_id, kind=claim.kind)
    access.require(user, access.GRANTS_CLAIM)
    return _claim_page(request, row, claim, load=lambda: selectors.claim_get(user=user, pk=pk))
