"""Pages for children's placements (CHI-2): parse input, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.pdf import html_to_pdf
from velkomst.core.views import add_form_errors
from velkomst.people import selectors as people_selectors
from velkomst.people.views import CONCURRENT_EDIT_MESSAGE

from . import selectors, services
from .forms import MeasureForm, OverviewFilterForm, PlacementForm
from .selectors import OPEN


def _user(request: HttpRequest) -> Any:
    return request.user


@require_http_methods(["GET", "POST"])
def household_placements(request: HttpRequest, pk: int) -> HttpResponse:
    """The household's children and their places; POST creates the missing placements."""
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    household = people_selectors.household_get(user=user, pk=pk)
    if request.method == "POST":
        access.require(user, access.PERSON_EDIT)
        created = services.placements_create_for_household(household=household, acting_user=user)
        messages.success(
            request, _("Der er oprettet %(n)d pladser til børnene.") % {"n": len(created)}
        )
        return redirect("household-placements", pk=household.pk)
    rows = selectors.household_children(household=household, members=list(household.members.all()))
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(row.placement or row.person, row.person.pk) for row in rows],
    )
    return render(
        request,
        "families/household_placements.html",
        {
            "household": household,
            "rows": rows,
            "missing": any(row.placement is None for row in rows),
            "crumbs": [(household.name, reverse("household-detail", args=[household.pk]))],
        },
    )


@require_http_methods(["GET", "POST"])
def placement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one child's placement (``pk`` is the child's person id)."""
    user = _user(request)
    access.require(user, access.PERSON_EDIT)
    placement = selectors.placement_get(user=user, person_pk=pk)
    institutions = selectors.institutions_for(user)
    form = PlacementForm.for_placement(
        placement, institutions=institutions, data=request.POST or None
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.placement_update(
                placement=placement,
                acting_user=user,
                expected_version=form.cleaned_data["version"],
                **values,
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            placement = selectors.placement_get(user=user, person_pk=pk)
            form = PlacementForm.for_placement(placement, institutions=institutions)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Pladsen er gemt."))
            return redirect("household-placements", pk=placement.person.household_id)
    household = placement.person.household
    audit.log_read(actor=user, obj=placement, persons=[placement.person])
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "families/placement_edit.html",
        {
            "form": form,
            "placement": placement,
            "row": selectors.placement_row(placement),
            "title": _("Plads til %(name)s") % {"name": placement.person.full_name},
            "back": reverse("household-placements", args=[household.pk]),
            "crumbs": [
                (household.name, reverse("household-detail", args=[household.pk])),
                (_("Børnenes pladser"), reverse("household-placements", args=[household.pk])),
            ],
        },
        status=status,
    )


@require_GET
def placement_overview(request: HttpRequest) -> HttpResponse:
    """The family consultants' overview: the municipality's children awaiting a start or overdue,
    filterable by state and kind, paginated."""
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    form = OverviewFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    qs, schedule = selectors.placements_overview(
        user=user, state=filters.get("state") or OPEN, kind=filters.get("kind", ""), today=today
    )
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [selectors.row_for(p, schedule, today) for p in page.object_list]
    if any(filters.values()):
        audit.log(
            actor=user,
            action=AuditAction.SEARCH,
            changes={k: [None, v] for k, v in filters.items() if v},
            reason="families.placement_overview",
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "families/placement_overview.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": today,
            "query_string": query.urlencode(),
            "start_days": schedule.days_on(today),
        },
    )


# --- the family plan document (CHI-1) ---------------------------------------------------------


def _plan_context(request: HttpRequest, plan: selectors.FamilyPlan, form: Any) -> dict[str, Any]:
    household = plan.household
    return {
        "plan": plan,
        "household": household,
        "form": form,
        "can_edit": access.can(_user(request), access.PLAN_EDIT),
        "crumbs": [(household.name, reverse("household-detail", args=[household.pk]))],
    }


def _log_plan_read(user: Any, plan: selectors.FamilyPlan) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(plan.household, member.pk) for member in plan.members],
    )


@require_http_methods(["GET", "POST"])
def family_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The household's family plan (CHI-1): each child's placement, the measures and the
    screenings. POST adds a measure (htmx: the measures' section is swapped)."""
    user = _user(request)
    plan = selectors.family_plan(user=user, pk=pk)
    children = [row.person for row in plan.children]
    form = MeasureForm(request.POST or None, children=children, prefix="measure")
    status = 200
    if request.method == "POST":
        access.require(user, access.PLAN_EDIT)
        if form.is_valid():
            values = dict(form.cleaned_data)
            child_id = values.pop("child")
            child = next((p for p in children if p.pk == child_id), None)
            try:
                services.measure_add(actor=user, household=plan.household, child=child, **values)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                if not request.htmx:  # type: ignore[attr-defined]
                    messages.success(request, _("Indsatsen er tilføjet."))
                    return redirect(reverse("family-plan", args=[pk]) + "#measures")
                plan = selectors.family_plan(user=user, pk=pk)
                form = MeasureForm(children=children, prefix="measure")
        status = 422 if form.errors and not request.htmx else 200  # type: ignore[attr-defined]
    _log_plan_read(user, plan)
    template = "families/family_plan.html"
    if request.method == "POST" and request.htmx:  # type: ignore[attr-defined]
        template += "#measures"
    return render(request, template, _plan_context(request, plan, form), status=status)


@require_http_methods(["POST"])
def measure_remove(request: HttpRequest, pk: int, measure_id: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PLAN_EDIT)
    plan = selectors.family_plan(user=user, pk=pk)
    measure = next((m for m in plan.measures if m.pk == measure_id), None)
    if measure is None:
        raise Http404
    services.measure_remove(actor=user, measure=measure)
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Indsatsen er fjernet."))
        return redirect(reverse("family-plan", args=[pk]) + "#measures")
    plan = selectors.family_plan(user=user, pk=pk)
    _log_plan_read(user, plan)
    form = MeasureForm(children=[row.person for row in plan.children], prefix="measure")
    return render(request, "families/family_plan.html#measures", _plan_context(request, plan, form))


@require_GET
def family_plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The family plan as PDF in Danish (CHI-1); an export on each member's log."""
    user = _user(request)
    plan = selectors.family_plan(user=user, pk=pk)
    with translation.override("da"):
        html = render_to_string("families/family_plan_pdf.html", {"plan": plan})
    pdf = html_to_pdf(html)
    services.family_plan_exported(actor=user, household=plan.household, members=plan.members)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="familieplan-{plan.household.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
