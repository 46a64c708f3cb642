"""The plan page (PRG-1, PRG-5, PRG-8): a person's contract, direction, goals, activities with the
week table, gaps, deadlines and flags, and support measures; editable in place (htmx swaps the
plan's body, without JavaScript a POST redirects back or shows the page with the errors)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.appointments.selectors import staff_choices
from velkomst.core import access, audit
from velkomst.core.editing import Shown, edit_page
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, add_form_errors
from velkomst.people.models import Person

from . import reasons, selectors, services
from .contract import contract_pdf as contract_document
from .forms import (
    ActivityForm,
    ContractForm,
    DirectionForm,
    GoalForm,
    JobInterviewForm,
    MeetingHeldForm,
    SupportForm,
)
from .models import KIND_CATEGORY
from .worklist import TITLES


def _user(request: HttpRequest) -> Any:
    return request.user


def _plan_url(person: Person) -> str:
    return reverse("programme-plan", args=[person.pk])


def _crumbs(person: Person) -> list[tuple[str, str]]:
    return [
        (person.household.name, reverse("household-detail", args=[person.household_id])),
        (person.full_name, reverse("person-detail", args=[person.pk])),
    ]


def _render_plan(
    request: HttpRequest,
    person: Person,
    *,
    bound: dict[str, forms.Form | None] | None = None,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    user = _user(request)
    view = selectors.plan_view(person=person)
    audit.log_read(actor=user, obj=view.plan or person, persons=[person])
    can_edit = access.can(user, access.PROGRAMME_EDIT)
    made: dict[str, forms.Form | None] = {
        "activity_form": ActivityForm(),
        "goal_form": GoalForm(),
        "support_form": SupportForm(),
        "interview_form": JobInterviewForm(staff_qs=staff_choices(user)) if can_edit else None,
        "held_form": None,
        "direction_form": DirectionForm(
            initial={
                "direction": view.direction,
                "version": view.plan.version if view.plan else None,
            }
        ),
        "contract_form": ContractForm(
            initial={"version": view.contract.version if view.contract else None}
        ),
    }
    made.update(bound or {})
    context = {
        "person": person,
        "view": view,
        "flags": reasons.texts(view.flags),
        "can_edit": can_edit,
        "error": error,
        "crumbs": _crumbs(person),
        "now": timezone.now(),
        **made,
    }
    template = "programme/plan.html"
    if getattr(request, "htmx", False):
        # htmx swaps 2xx answers only: the plan's body with the messages, as 200
        template += "#plan-body"
        status = 200
    return render(request, template, context, status=status)


@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=_user(request), pk=pk)
    return _render_plan(request, person)


def _post(
    request: HttpRequest,
    pk: int,
    *,
    name: str,
    form: forms.Form,
    call: Callable[[Any, Person, forms.Form], Any],
    saved: str,
) -> HttpResponse:
    """A plan form's POST: run ``call`` (one service) for a valid ``form``; the plan's body again
    (htmx) or a redirect; a bad form or a service's ValidationError shows the page with the form's
    messages (422); a concurrent edit shows the newest plan with the message."""
    user = _user(request)
    person = selectors.person_get(user=user, pk=pk)
    access.require(user, access.PROGRAMME_EDIT)
    if form.is_valid():
        try:
            call(user, person, form)
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            if not getattr(request, "htmx", False):
                messages.error(request, CONCURRENT_EDIT_MESSAGE)
                return redirect(_plan_url(person))
            return _render_plan(request, person, status=409, error=CONCURRENT_EDIT_MESSAGE)
        else:
            if getattr(request, "htmx", False):
                return _render_plan(request, person, error="")
            messages.success(request, saved)
            return redirect(_plan_url(person))
    return _render_plan(request, person, bound={name: form}, status=422)


def _version(form: forms.Form) -> int | None:
    value = form.cleaned_data.get("version")
    return int(value) if value is not None else None


@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ActivityForm(request.POST)
    return _post(
        request,
        pk,
        name="activity_form",
        form=form,
        call=lambda user, person, f: services.activity_add(
            actor=user,
            person=person,
            **ActivityForm.values(f),  # type: ignore[arg-type]
        ),
        saved=_("Aktiviteten er tilføjet."),
    )


@require_POST
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = GoalForm(request.POST)

    def call(user: Any, person: Person, f: forms.Form) -> Any:
        values = {k: v for k, v in f.cleaned_data.items() if k != "version"}
        return services.goal_add(actor=user, person=person, **values)

    return _post(request, pk, name="goal_form", form=form, call=call, saved=_("Målet er tilføjet."))


@require_POST
def support_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = SupportForm(request.POST)

    def call(user: Any, person: Person, f: forms.Form) -> Any:
        values = {k: v for k, v in f.cleaned_data.items() if k != "version"}
        return services.support_add(actor=user, person=person, **values)

    return _post(
        request,
        pk,
        name="support_form",
        form=form,
        call=call,
        saved=_("Støtten er tilføjet."),
    )


@require_POST
def direction_set(request: HttpRequest, pk: int) -> HttpResponse:
    form = DirectionForm(request.POST)

    def call(user: Any, person: Person, f: forms.Form) -> Any:
        return services.plan_set_direction(
            actor=user,
            person=person,
            direction=f.cleaned_data["direction"],
            reason=f.cleaned_data["reason"],
            expected_version=_version(f),
        )

    return _post(
        request,
        pk,
        name="direction_form",
        form=form,
        call=call,
        saved=_("Planens retning er gemt."),
    )


@require_POST
def contract_save(request: HttpRequest, pk: int) -> HttpResponse:
    form = ContractForm(request.POST)

    def call(user: Any, person: Person, f: forms.Form) -> Any:
        contract = services.contract_for(actor=user, person=person)
        version = _version(f) or contract.version
        data = f.cleaned_data
        if data.get("refused_on"):
            return services.contract_refuse(
                actor=user,
                person=person,
                expected_version=version,
                refused_on=data["refused_on"],
                reason=data.get("refusal_reason", ""),
            )
        return services.contract_sign(
            actor=user,
            person=person,
            expected_version=version,
            signed_on=data["signed_on"],
            signed_by_municipality_on=data.get("signed_by_municipality_on"),
        )

    return _post(
        request,
        pk,
        name="contract_form",
        form=form,
        call=call,
        saved=_("Kontrakten er gemt."),
    )


@require_POST
def interview_book(request: HttpRequest, pk: int) -> HttpResponse:
    """Book a job interview (jobsamtale) with the person from the plan page."""
    form = JobInterviewForm(request.POST, staff_qs=staff_choices(_user(request)))
    return _post(
        request,
        pk,
        name="interview_form",
        form=form,
        call=lambda user, person, f: services.job_interview_book(
            actor=user,
            person=person,
            **JobInterviewForm.values(f),  # type: ignore[arg-type]
        ),
        saved=_("Jobsamtalen er booket."),
    )


@require_POST
def interview_held(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a booked job interview held: the plan's count of meetings held grows."""
    form = MeetingHeldForm(request.POST)
    return _post(
        request,
        pk,
        name="held_form",
        form=form,
        call=lambda user, person, f: services.job_interview_held(
            actor=user,
            person=person,
            appointment_id=f.cleaned_data["appointment"],
            expected_version=f.cleaned_data["version"],
        ),
        saved=_("Mødet er markeret som afholdt."),
    )


def _edit(
    request: HttpRequest,
    *,
    load: Callable[[], Any],
    make_form: Callable[[Any, Any], Any],
    save: Callable[[Any, int, dict[str, Any]], Any],
    title: Callable[[Any], str],
) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)

    def shown(record: Any) -> Shown:
        person = record.plan.person
        return Shown(
            title=title(record),
            back=_plan_url(person),
            crumbs=[*_crumbs(person), (_("Integrationsplan"), _plan_url(person))],
        )

    return edit_page(
        request,
        load=load,
        make_form=make_form,
        save=save,
        saved=_("Ændringen er gemt."),
        done=lambda obj: _plan_url(obj.plan.person),
        shown=shown,
        read=lambda record: audit.log_read(actor=user, obj=record, persons=[record.plan.person]),
    )


@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or end an activity (an end date ends it)."""
    user = _user(request)

    def save(activity: Any, version: int, values: dict[str, Any]) -> Any:
        values = {**values, "category": KIND_CATEGORY[values["kind"]]}
        return services.activity_update(
            actor=user, activity=activity, expected_version=version, **values
        )

    return _edit(
        request,
        load=lambda: selectors.activity_get(user=user, pk=pk),
        make_form=lambda a, data: ActivityForm.for_activity(a, data),
        save=save,
        title=lambda a: _("Ret aktivitet: %(name)s") % {"name": a},
    )


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _edit(
        request,
        load=lambda: selectors.goal_get(user=user, pk=pk),
        make_form=lambda g, data: GoalForm.for_goal(g, data),
        save=lambda g, version, values: services.goal_update(
            actor=user, goal=g, expected_version=version, **values
        ),
        title=lambda g: _("Ret mål: %(name)s") % {"name": g},
    )


@require_http_methods(["GET", "POST"])
def support_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _edit(
        request,
        load=lambda: selectors.support_get(user=user, pk=pk),
        make_form=lambda s, data: SupportForm.for_support(s, data),
        save=lambda s, version, values: services.support_update(
            actor=user, support=s, expected_version=version, **values
        ),
        title=lambda s: _("Ret støtte: %(name)s") % {"name": s.get_kind_display()},
    )


@require_GET
def contract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The integration contract as PDF in Danish: the person, the dates, the plan's goals and
    activities and the signatures; an export on the person's log."""
    user = _user(request)
    person = selectors.person_get(user=user, pk=pk)
    pdf = contract_document(selectors.plan_view(person=person))
    services.contract_exported(actor=user, person=person)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="integrationskontrakt-{person.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


OVERVIEW_REASON = "programme overview"


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The programme's deadlines of the user's own cases (contract, follow-up meetings, under-30
    plans) and the adults without an enterprise-directed activity past its deadline."""
    user = _user(request)
    access.require(user, access.PROGRAMME_VIEW)
    from velkomst.reception.selectors import Today

    today = Today.for_user(user)
    show = request.GET.get("show", "")  # one kind only (the start page's figures link so)
    rows = selectors.caseworker_deadlines(user, today.day, today.due_soon_days)
    if show:
        rows = [r for r in rows if r.key == show]
    late = selectors.without_enterprise_activity(user, today.day) if show in ("", "late") else []
    audit.log(actor=user, action=AuditAction.SEARCH, reason=OVERVIEW_REASON)
    persons = {r.person.pk: r.person for r in rows} | {p.pk: p for p, _due in late}
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(p, p.pk) for p in persons.values()],
    )
    titles = {key: title() for key, title in TITLES.items()}
    return render(
        request,
        "programme/overview.html",
        {
            "rows": [(r, titles[r.key]) for r in rows],
            "late": late,
            "today": today,
        },
    )
