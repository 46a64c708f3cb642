"""Pages of the housing register (HOU-1, HOU-2): parse input, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit
from velkomst.core.views import edit_versioned, form_page, form_status, submit_form

from . import importing, selectors, services, travel
from .forms import (
    AreaForm,
    AreaTravelForm,
    DwellingFilterForm,
    DwellingForm,
    DwellingImportForm,
    HousingNeedForm,
)


def _user(request: HttpRequest) -> Any:
    return request.user


@require_GET
def area_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    areas = selectors.areas_for(user)
    return render(request, "housing/area_list.html", {"areas": areas})


@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    area, form, done = edit_versioned(
        request,
        load=lambda: selectors.area_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda area, data: AreaForm.for_area(area, data=data),
        save=lambda area, version, values: (
            services.area_create(acting_user=user, **values)
            if area is None
            else services.area_update(
                area=area, acting_user=user, expected_version=version, **values
            )
        ),
        saved=_("Området er gemt."),
        done=lambda _area: reverse("housing-area-list"),
    )
    if done is not None:
        return done
    title = _("Ret område %(name)s") % {"name": area.name} if area else _("Nyt område")
    return form_page(
        request,
        form,
        title=title,
        back=reverse("housing-area-list"),
        crumbs=[(_("Områder"), reverse("housing-area-list"))],
    )


@require_GET
def dwelling_list(request: HttpRequest) -> HttpResponse:
    """The municipality's dwellings, filtered by area, type, status, rooms and rent, paginated."""
    user = _user(request)
    areas = selectors.areas_for(user)
    form = DwellingFilterForm(request.GET or None, areas=areas)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.dwellings_search(
        user=user,
        area=filters.get("area"),
        type=filters.get("type", ""),
        status=filters.get("status", ""),
        min_rooms=filters.get("min_rooms"),
        max_rent=filters.get("max_rent"),
    )
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "housing/dwelling_list.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
def dwelling_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    areas = selectors.areas_for(user)
    dwelling, form, done = edit_versioned(
        request,
        load=lambda: selectors.dwelling_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda dwelling, data: DwellingForm.for_dwelling(
            dwelling, areas=areas, data=data
        ),
        save=lambda dwelling, version, values: (
            services.dwelling_create(acting_user=user, **values)
            if dwelling is None
            else services.dwelling_update(
                dwelling=dwelling, acting_user=user, expected_version=version, **values
            )
        ),
        saved=_("Boligen er gemt."),
        done=lambda _dwelling: reverse("housing-dwelling-list"),
    )
    if done is not None:
        return done
    title = (
        _("Ret bolig %(address)s") % {"address": dwelling.address} if dwelling else _("Ny bolig")
    )
    return form_page(
        request,
        form,
        title=title,
        back=reverse("housing-dwelling-list"),
        crumbs=[(_("Boliger"), reverse("housing-dwelling-list"))],
    )


@require_http_methods(["GET", "POST"])
def housing_need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A household's housing need (HOU-2); housing officers edit, caseworkers and managers view."""
    user = _user(request)
    household = selectors.household_for_housing(user=user, pk=pk)
    areas = selectors.areas_for(user)
    editable = access.can(user, access.HOUSING_EDIT)
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    need, form, done = edit_versioned(
        request,
        load=lambda: selectors.need_for(household),
        make_form=lambda need, data: HousingNeedForm.for_need(need, areas=areas, data=data),
        save=lambda _need, version, values: services.housing_need_save(
            household=household,
            acting_user=user,
            data=services.NeedData(**values),
            expected_version=version,
        ),
        saved=_("Boligbehovet er gemt."),
        done=lambda _need: reverse("household-housing-need", args=[household.pk]),
    )
    if done is not None:
        return done
    members = list(household.members.all())
    audit.log_read(actor=user, obj=need or household, persons=members)
    return render(
        request,
        "housing/housing_need.html",
        {
            "household": household,
            "need": need,
            "form": form,
            "editable": editable,
            "composition": selectors.composition(household, members),
            "default_rooms": selectors.default_rooms(household, members),
            "share": selectors.max_rent_share(household),
            "title": _("Boligbehov for %(name)s") % {"name": household.name},
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def dwelling_import(request: HttpRequest) -> HttpResponse:
    """Import dwellings from CSV or XLSX: every row is checked first; one problem anywhere and
    nothing is written, and each problem is listed by line and column."""
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    form = DwellingImportForm(request.POST or None, request.FILES or None)
    problems: list[importing.Problem] = []
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["file"].read()
        try:
            check = importing.check_file(
                content, areas=selectors.areas_for(user), municipality_id=access.tenant_id(user)
            )
        except importing.UnreadableFile as error:
            problems = [importing.Problem(None, "", str(error))]
        else:
            problems = check.problems
            if check.ok:
                try:
                    with transaction.atomic():
                        created = services.dwellings_create(
                            acting_user=user,
                            rows=check.rows,
                            channel="import",
                            reason=form.cleaned_data["file"].name[:200],
                        )
                except ValidationError as error:
                    problems = [
                        importing.Problem(None, name, message)
                        for name, messages_ in error.message_dict.items()
                        for message in messages_
                    ]
                else:
                    messages.success(
                        request, _("%(n)d boliger er importeret.") % {"n": len(created)}
                    )
                    return redirect("housing-dwelling-list")
    failed = request.method == "POST" and (bool(form.errors) or bool(problems))
    return render(
        request,
        "housing/dwelling_import.html",
        {
            "form": form,
            "problems": problems,
            "columns": importing.COLUMNS,
            "required": importing.REQUIRED,
        },
        status=422 if failed else 200,
    )


@require_GET
def dwelling_import_template(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.HOUSING_EDIT)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="boliger-skabelon.xlsx"'
        return response
    response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="boliger-skabelon.csv"'
    return response


@require_http_methods(["GET", "POST"])
def area_travel(request: HttpRequest) -> HttpResponse:
    """Travel minutes between the areas, for households' workplace or education (HOU-2)."""
    user = _user(request)
    grid = travel.travel_grid(user)
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    form = AreaTravelForm(request.POST or None, grid=grid)
    if request.method == "POST" and form.is_valid():
        done = submit_form(
            request,
            form,
            lambda: travel.travel_save(acting_user=user, minutes=form.minutes()),
            saved=_("Rejsetiderne er gemt."),
            done=reverse("housing-area-travel"),
        )
        if done is not None:
            return done
    return render(
        request,
        "housing/area_travel.html",
        {"form": form, "editable": access.can(user, access.HOUSING_EDIT), "here": "travel"},
        status=form_status(request, form),
    )
