"""Pages of Danish education (PRG-2): parse input, call one service or selector, render.

The person's page is edited in place: a module or a month's attendance is added with htmx (the
referral's block comes back, with the form's errors when the input is refused); without
JavaScript the same forms post and redirect. Referrals, exams and single rows are changed on
their own form pages (with the version the user saw, SEC-5)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from velkomst.core import access, audit
from velkomst.core.editing import Shown, create_or_update, edit_page, person_edit_page
from velkomst.core.models import AuditAction
from velkomst.core.views import add_form_errors, form_values
from velkomst.people.models import Person

from . import exports, selectors, services
from .forms import (
    AttendanceForm,
    CentreForm,
    ExamForm,
    ModuleForm,
    MonthListForm,
    OverviewFilterForm,
    ReferralForm,
)
from .models import DanishReferral

OVERVIEW_PAGE_SIZE = 50


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


EXPORT_REASON = "danish referral list %(month)s (%(format)s)"


def _user(request: HttpRequest) -> Any:
    return request.user


def _today() -> date:
    return timezone.localdate()


def _page_url(person_id: int) -> str:
    return reverse("danish-person", args=[person_id])


def _person_crumbs(person: Person) -> list[tuple[str, str]]:
    return [
        (_("Mine borgere"), reverse("person-list")),
        (person.full_name, reverse("person-detail", args=[person.pk])),
        (_("Danskuddannelse"), _page_url(person.pk)),
    ]


def _module_form(referral: DanishReferral, data: Any = None) -> ModuleForm:
    return ModuleForm.for_module(None, data=data, prefix=f"m{referral.pk}")


def _attendance_form(referral: DanishReferral, data: Any = None) -> AttendanceForm:
    return AttendanceForm.for_row(None, data=data, prefix=f"a{referral.pk}")


def _page_context(
    user: Any, person: Person, forms_for: dict[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    page = selectors.danish_page(user=user, person=person, today=_today())
    editable = access.can(user, access.PROGRAMME_EDIT)
    forms_for = forms_for or {}
    for referral in page.referrals:
        own = forms_for.get(referral.pk, {})
        referral.module_form = own.get("module") or _module_form(referral)  # type: ignore[attr-defined]
        referral.attendance_form = own.get("attendance") or _attendance_form(referral)  # type: ignore[attr-defined]
    return {
        "person": person,
        "page": page,
        "editable": editable,
        "crumbs": _person_crumbs(person)[:2],
    }


@require_GET
def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The person's Danish education: referral and deadlines, modules, attendance, exams."""
    user = _user(request)
    person = selectors.person_for_danish(user=user, pk=pk)
    audit.log_read(actor=user, obj=person, persons=[person])
    return render(request, "danish/person.html", _page_context(user, person))


def _referral_block(
    request: HttpRequest, referral: DanishReferral, kind: str, form: Any, status: int
) -> HttpResponse:
    """The referral's block again: the htmx answer to adding a module or a month."""
    user = _user(request)
    person = referral.person
    context = _page_context(user, person, {referral.pk: {kind: form}} if form else None)
    block = next(r for r in context["page"].referrals if r.pk == referral.pk)
    context["referral"] = block
    return render(request, "danish/person.html#referral", context, status=status)


def _add_row(request: HtmxHttpRequest, pk: int, kind: str) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    referral = selectors.referral_get(user=user, pk=pk)
    if kind == "module":
        form: Any = _module_form(referral, request.POST)
        create: Any = services.module_create
        saved = _("Modulet er registreret.")
    else:
        form = _attendance_form(referral, request.POST)
        create = services.attendance_create
        saved = _("Fremmødet er registreret.")
    ok = False
    if form.is_valid():
        try:
            create(acting_user=user, referral=referral, **form_values(form))
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            ok = True
    audit.log_read(actor=user, obj=referral.person, persons=[referral.person])
    if request.htmx:
        if ok:
            return _referral_block(request, referral, kind, None, 200)
        # 200: htmx swaps only a successful answer; the block shows the form's errors
        return _referral_block(request, referral, kind, form, 200)
    if ok:
        messages.success(request, saved)
        return redirect(_page_url(referral.person_id) + f"#referral-{referral.pk}")
    context = _page_context(user, referral.person, {referral.pk: {kind: form}})
    return render(request, "danish/person.html", context, status=422)


@require_POST
def module_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _add_row(request, pk, "module")


@require_POST
def attendance_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _add_row(request, pk, "attendance")


def _person_edit(request: HttpRequest, *, person: Person, **edit: Any) -> HttpResponse:
    """A Danish record of the person on its own form page; back to the person's Danish page."""
    return person_edit_page(
        request,
        person=person,
        back=_page_url(person.pk),
        crumbs=_person_crumbs(person),
        template="danish/edit.html",
        **edit,
    )


@require_http_methods(["GET", "POST"])
def referral_edit(
    request: HttpRequest, pk: int | None = None, person_pk: int | None = None
) -> HttpResponse:
    """A new referral of a person (``person_pk``) or a change to one (``pk``)."""
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    existing = selectors.referral_get(user=user, pk=pk) if pk is not None else None
    person = (
        existing.person
        if existing is not None
        else selectors.person_for_danish(user=user, pk=person_pk or 0)
    )
    centres = selectors.centres_for(user)
    return _person_edit(
        request,
        person=person,
        load=lambda: selectors.referral_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda referral, data: ReferralForm.for_referral(
            referral, centres=centres, data=data, today=_today()
        ),
        save=create_or_update(
            lambda values: services.referral_create(acting_user=user, person=person, **values),
            lambda referral, version, values: services.referral_update(
                acting_user=user, referral=referral, expected_version=version, **values
            ),
        ),
        saved=_("Henvisningen er gemt."),
        title=lambda referral: (
            (
                _("Henvis %(name)s til danskuddannelse")
                if referral is None
                else _("Ret henvisning: %(name)s")
            )
            % {"name": person.full_name}
        ),
    )


@require_http_methods(["GET", "POST"])
def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    progress = selectors.module_get(user=user, pk=pk)
    return _person_edit(
        request,
        person=progress.referral.person,
        load=lambda: selectors.module_get(user=user, pk=pk),
        make_form=lambda progress, data: ModuleForm.for_module(progress, data=data),
        save=lambda progress, version, values: services.module_update(
            acting_user=user, progress=progress, expected_version=version, **values
        ),
        saved=_("Modulet er gemt."),
        title=lambda progress: (
            _("Ret modul %(module)s: %(name)s")
            % {"module": progress.module, "name": progress.referral.person.full_name}
        ),
    )


@require_http_methods(["GET", "POST"])
def attendance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    row = selectors.attendance_get(user=user, pk=pk)
    return _person_edit(
        request,
        person=row.referral.person,
        load=lambda: selectors.attendance_get(user=user, pk=pk),
        make_form=lambda row, data: AttendanceForm.for_row(row, data=data),
        save=lambda row, version, values: services.attendance_update(
            acting_user=user, row=row, expected_version=version, **values
        ),
        saved=_("Fremmødet er gemt."),
        title=lambda row: _("Ret fremmøde: %(name)s") % {"name": row.referral.person.full_name},
    )


@require_http_methods(["GET", "POST"])
def exam_edit(
    request: HttpRequest, pk: int | None = None, person_pk: int | None = None
) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    existing = selectors.exam_get(user=user, pk=pk) if pk is not None else None
    person = (
        existing.person
        if existing is not None
        else selectors.person_for_danish(user=user, pk=person_pk or 0)
    )
    return _person_edit(
        request,
        person=person,
        load=lambda: selectors.exam_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda row, data: ExamForm.for_exam(row, data=data),
        save=create_or_update(
            lambda values: services.exam_create(acting_user=user, person=person, **values),
            lambda row, version, values: services.exam_update(
                acting_user=user, row=row, expected_version=version, **values
            ),
        ),
        saved=_("Prøven er gemt."),
        title=lambda row: (
            (_("Registrér danskprøve: %(name)s") if row is None else _("Ret danskprøve: %(name)s"))
            % {"name": person.full_name}
        ),
    )


# --- the municipality's overview ---------------------------------------------------------------


@require_GET
def overview(request: HtmxHttpRequest) -> HttpResponse:
    """Referrals by state, by centre, and the persons past a deadline; one ``search`` row, and a
    ``view`` per person shown."""
    user = _user(request)
    access.require(user, access.PROGRAMME_VIEW)
    today = _today()
    centres = selectors.centres_for(user)
    form = OverviewFilterForm(
        request.GET or None, centres=centres, states=selectors.ReferralState.choices
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        centre = form.cleaned_data.get("centre")
        filters = {
            "state": form.cleaned_data.get("state") or "",
            "centre_id": centre.pk if centre else None,
            "overdue": bool(form.cleaned_data.get("overdue")),
            "mine": form.cleaned_data.get("scope") == "mine",
        }
    items = selectors.overview(user=user, today=today, **filters)
    page = Paginator(items, OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.overview_rows(selectors.overview_page_items(page.object_list), today)
    audit.log(actor=user, action=AuditAction.SEARCH, reason="danish overview")
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(row.referral or row.person, row.person.pk) for row in rows],
    )
    counts = selectors.state_counts(
        user=user,
        today=today,
        centre_id=filters.get("centre_id"),
        mine=bool(filters.get("mine")),
    )
    overdue = selectors.overdue_counts(user, today, mine=bool(filters.get("mine")))
    template = "danish/overview.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(
        request,
        template,
        {
            "form": form,
            "rows": rows,
            "page": page,
            "counts": [
                (value, label, counts[value]) for value, label in selectors.ReferralState.choices
            ],
            "overdue": overdue,
            "query": request.GET.urlencode(),
        },
    )


# --- language centres --------------------------------------------------------------------------


@require_GET
def centre_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    return render(
        request,
        "danish/centre_list.html",
        {
            "centres": selectors.centre_list(user),
            "month_form": MonthListForm(initial={"month": _today().replace(day=1)}),
            "crumbs": [(_("Danskuddannelse"), reverse("danish-overview"))],
        },
    )


@require_http_methods(["GET", "POST"])
def centre_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    return edit_page(
        request,
        load=lambda: selectors.centre_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda centre, data: CentreForm.for_centre(centre, data=data),
        save=create_or_update(
            lambda values: services.centre_create(acting_user=user, **values),
            lambda centre, version, values: services.centre_update(
                acting_user=user, centre=centre, expected_version=version, **values
            ),
        ),
        saved=_("Sprogcentret er gemt."),
        done=lambda centre: reverse("danish-centre-list"),
        shown=lambda centre: Shown(
            title=(
                _("Ret sprogcenter %(name)s") % {"name": centre.name}
                if centre
                else _("Nyt sprogcenter")
            ),
            back=reverse("danish-centre-list"),
            crumbs=[
                (_("Danskuddannelse"), reverse("danish-overview")),
                (_("Sprogcentre"), reverse("danish-centre-list")),
            ],
        ),
        template="danish/edit.html",
    )


@require_GET
def centre_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The month's referrals to a centre as CSV or XLSX: an export of the persons' data, logged
    per person (SEC-3); the CPR number only as the exporter's role may see it (SEC-2)."""
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    centre = selectors.centre_get(user=user, pk=pk)
    form = MonthListForm({"month": request.GET.get("month") or f"{_today():%Y-%m}"})
    if not form.is_valid():  # no month: this month's list
        messages.error(request, _("Vælg en måned for henvisningslisten."))
        return redirect("danish-centre-list")
    month: date = form.cleaned_data["month"].replace(day=1)
    kind = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    referrals = selectors.month_referrals(user=user, centre=centre, month=month)
    audit.log_many(
        actor=user,
        action=AuditAction.EXPORT,
        objects=[(referral, referral.person_id) for referral in referrals],
        reason=EXPORT_REASON % {"month": f"{month:%Y-%m}", "format": kind},
    )
    rows = exports.rows(user, referrals)
    filename = f"henvisninger-{exports.slug(centre.name)}-{month:%Y-%m}.{kind}"
    if kind == "xlsx":
        response = HttpResponse(
            exports.xlsx(centre, month, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exports.csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
