"""Pages for reception plans: the household's checklist, ticking tasks off (htmx row swap with a
full-page fallback), a unit's worklist, "my tasks", and the municipality's template."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.middleware import HtmxDetails

from velkomst.core import access, audit
from velkomst.core import worklist as other_deadlines
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import add_form_errors
from velkomst.people import selectors as people_selectors
from velkomst.people.models import Case, Household

from . import selectors, services
from .forms import (
    ChecklistTickForm,
    ReasonForm,
    TaskAddForm,
    TaskDoneForm,
    TemplateTaskForm,
    WorklistFilterForm,
)
from .models import PlanTask, ReceptionPlan

CONCURRENT_MESSAGE = gettext_lazy(
    "En anden har ændret opgaven, mens du arbejdede. Din ændring er ikke gemt; se den nye status."
)


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _user(request: HttpRequest) -> Any:
    return request.user


def _plan_url(task: PlanTask) -> str:
    return reverse("household-plan", args=[task.plan.household_id]) + f"#task-{task.pk}"


def _mark_permissions(user: Any, household: Household, tasks: list[PlanTask]) -> None:
    """Set ``can_work`` on each task, with one query for the caseworker check."""
    is_caseworker = Case.objects.filter(person__household=household, caseworker=user).exists()
    for task in tasks:
        task.can_work = services.can_work_on(  # type: ignore[attr-defined]
            user, task, is_household_caseworker=is_caseworker
        )


# --- the household's plan --------------------------------------------------------------------


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The household's checklist in template order (REC-2), like Haderslev's list with initials.
    POST generates the plan for a household registered without one."""
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    household = people_selectors.household_get(user=user, pk=pk)
    plan = selectors.plan_of(household)
    if request.method == "POST":
        access.require(user, access.PLAN_EDIT)
        if plan is None:
            services.plan_generate(household=household, acting_user=user)
            messages.success(request, _("Modtageplanen er lavet."))
        return redirect("household-plan", pk=household.pk)
    members = list(household.members.all())
    audit.log_many(actor=user, action=AuditAction.VIEW, objects=[(m, m.pk) for m in members])
    context: dict[str, Any] = {"household": household, "plan": plan}
    if plan is not None:
        today = selectors.Today.for_municipality(household.municipality)
        all_tasks = selectors.plan_tasks(plan, include_removed=True)
        tasks = selectors.with_states([t for t in all_tasks if t.removed_at is None], today)
        selectors.with_checklists(tasks)
        _mark_permissions(user, household, tasks)
        context.update(
            tasks=tasks,
            removed=[t for t in all_tasks if t.removed_at is not None],
            today=today,
        )
    return render(request, "reception/plan.html", context)


def _task_row(request: HttpRequest, task: PlanTask, *, error: Any = "") -> HttpResponse:
    """The task's row for htmx, plus out-of-band rows of the tasks anchored to it (their due
    dates and versions change when it is ticked off)."""
    user = _user(request)
    task = selectors.task_get(user=user, pk=task.pk)
    household = task.plan.household
    dependents = [
        selectors.task_get(user=user, pk=pk) for pk in task.dependents.values_list("pk", flat=True)
    ]
    today = selectors.Today.for_municipality(household.municipality)
    selectors.with_states([task, *dependents], today)
    selectors.with_checklists([task, *dependents])
    _mark_permissions(user, household, [task, *dependents])
    base = {"household": household, "plan": task.plan}
    rows = [
        render_to_string(
            "reception/plan.html#task-row", {**base, "t": task, "row_error": error}, request
        )
    ]
    rows += [
        render_to_string(
            "reception/plan.html#task-row", {**base, "t": dependent, "oob": True}, request
        )
        for dependent in dependents
    ]
    return HttpResponse("".join(rows))


def _task_form_page(
    request: HttpRequest,
    task: PlanTask,
    form: Any,
    *,
    title: str,
    submit: str,
) -> HttpResponse:
    status = 422 if request.method == "POST" and form.errors else 200
    household = task.plan.household
    shown = [task.person] if task.person is not None else household.members.all()
    audit.log_read(actor=_user(request), obj=task, persons=shown)
    return render(
        request,
        "reception/task_form.html",
        {
            "task": task,
            "form": form,
            "title": title,
            "submit": submit,
            "back": _plan_url(task),
            "crumbs": [
                (household.name, reverse("household-detail", args=[household.pk])),
                (_("Modtageplan"), reverse("household-plan", args=[household.pk])),
            ],
        },
        status=status,
    )


def task_done(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Tick a task off. htmx: the row is swapped; without JavaScript: a form page, then back."""
    user = _user(request)
    access.require(user, access.TASK_COMPLETE)
    task = selectors.task_get(user=user, pk=pk)
    if not services.can_work_on(user, task):
        raise PermissionDenied
    form = TaskDoneForm(request.POST or None, initial={"version": task.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_complete(
                task=task,
                acting_user=user,
                expected_version=form.cleaned_data["version"],
                initials=form.cleaned_data["initials"],
                note=form.cleaned_data["note"],
                done_on=form.cleaned_data["done_on"],
            )
        except (ConcurrentEditError, services.TaskNotOpen):
            if request.htmx:
                return _task_row(request, task, error=CONCURRENT_MESSAGE)
            messages.error(request, CONCURRENT_MESSAGE)
            return redirect(_plan_url(task))
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            if request.htmx:
                return _task_row(request, task)
            messages.success(request, _("Opgaven er krydset af: %(title)s") % {"title": task.title})
            return redirect(_plan_url(task))
    if request.htmx and request.method == "POST":
        problems = [
            f"{form[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in form.errors.items()
            if name in form.fields
        ]
        return _task_row(
            request, task, error=" ".join(problems) or _("Opgaven kunne ikke krydses af.")
        )
    selectors.with_checklists([task])  # the form page says how many items are ticked
    return _task_form_page(
        request,
        task,
        form,
        title=_("Kryds af: %(title)s") % {"title": task.title},
        submit=_("Udført"),
    )


def checklist_item(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Tick or untick one checklist item of a task with the user's initials and the time
    (HOU-7). htmx: the task's row is swapped; without JavaScript: back to the plan."""
    user = _user(request)
    access.require(user, access.TASK_COMPLETE)
    task = selectors.task_get(user=user, pk=pk)
    item = selectors.checklist_item_of(task, item_pk)
    if not services.can_work_on(user, task):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(_plan_url(task))
    form = ChecklistTickForm(request.POST)
    if not form.is_valid():
        message: Any = _("Punktet kunne ikke krydses af.")
    else:
        try:
            services.checklist_item_set(
                task=task,
                item=item,
                ticked=form.cleaned_data["ticked"],
                acting_user=user,
                expected_version=form.cleaned_data["version"],
            )
        except (ConcurrentEditError, services.TaskNotOpen):
            message = CONCURRENT_MESSAGE
        else:
            message = ""
    if request.htmx:
        return _task_row(request, task, error=message)
    if message:
        messages.error(request, message)
    elif form.cleaned_data["ticked"]:
        messages.success(request, _("Punktet er krydset af: %(item)s") % {"item": _(item.text)})
    else:
        messages.success(request, _("Afkrydsningen er fjernet: %(item)s") % {"item": _(item.text)})
    return redirect(_plan_url(task))


def _reason_action(
    request: HtmxHttpRequest,
    pk: int,
    *,
    capability: str,
    action: Any,
    check_work: bool,
    title: str,
    submit: str,
    done: str,
) -> HttpResponse:
    user = _user(request)
    access.require(user, capability)
    task = selectors.task_get(user=user, pk=pk)
    if check_work and not services.can_work_on(user, task):
        raise PermissionDenied
    form = ReasonForm(request.POST or None, initial={"version": task.version})
    if request.method == "POST" and form.is_valid():
        try:
            action(
                task=task,
                acting_user=user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except (ConcurrentEditError, services.TaskNotOpen, services.TaskIsOpen):
            messages.error(request, CONCURRENT_MESSAGE)
        else:
            messages.success(request, done)
        return redirect(_plan_url(task))
    return _task_form_page(request, task, form, title=f"{title}: {task.title}", submit=submit)


def task_not_relevant(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _reason_action(
        request,
        pk,
        capability=access.TASK_COMPLETE,
        action=services.task_mark_not_relevant,
        check_work=True,
        title=_("Ikke relevant"),
        submit=_("Markér som ikke relevant"),
        done=_("Opgaven er markeret som ikke relevant."),
    )


def task_reopen(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _reason_action(
        request,
        pk,
        capability=access.TASK_COMPLETE,
        action=services.task_reopen,
        check_work=True,
        title=_("Genåbn"),
        submit=_("Genåbn opgaven"),
        done=_("Opgaven er åben igen."),
    )


def task_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _reason_action(
        request,
        pk,
        capability=access.PLAN_EDIT,
        action=services.task_remove,
        check_work=False,
        title=_("Fjern fra planen"),
        submit=_("Fjern opgaven"),
        done=_("Opgaven er fjernet fra husstandens plan."),
    )


def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a task to one household's plan, with a reason (the template is not changed)."""
    user = _user(request)
    access.require(user, access.PLAN_EDIT)
    household = people_selectors.household_get(user=user, pk=pk)
    plan: ReceptionPlan | None = selectors.plan_of(household)
    if plan is None:
        messages.error(request, _("Husstanden har ingen modtageplan endnu."))
        return redirect("household-plan", pk=household.pk)
    form = TaskAddForm(request.POST or None, members=household.members.all())
    if request.method == "POST" and form.is_valid():
        task = services.task_add(plan=plan, acting_user=user, **form.cleaned_data)
        messages.success(request, _("Opgaven er tilføjet husstandens plan."))
        return redirect(_plan_url(task))
    status = 422 if request.method == "POST" and form.errors else 200
    audit.log_read(actor=user, obj=plan, persons=household.members.all())  # the members to choose
    return render(
        request,
        "reception/form_page.html",
        {
            "form": form,
            "title": _("Tilføj opgave til %(name)s") % {"name": household.name},
            "intro": _("Opgaven tilføjes kun denne husstands plan, ikke skabelonen."),
            "back": reverse("household-plan", args=[household.pk]),
            "crumbs": [
                (household.name, reverse("household-detail", args=[household.pk])),
                (_("Modtageplan"), reverse("household-plan", args=[household.pk])),
            ],
        },
        status=status,
    )


# --- worklists -------------------------------------------------------------------------------


def _list_page(
    request: HtmxHttpRequest,
    *,
    template: str,
    form: WorklistFilterForm,
    tasks: Any,
    today: selectors.Today,
    extra: dict[str, Any],
) -> HttpResponse:
    page = Paginator(tasks, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.with_states(list(page.object_list), today)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode(), "today": today}
    context.update(extra)
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def worklist(request: HtmxHttpRequest) -> HttpResponse:
    """The unit's worklist: its open tasks across citizens, by due date (REC-4, COO-1)."""
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    units = selectors.worklist_units(user)
    unit_list = list(units)
    own = set(user.units.values_list("pk", flat=True))
    default = next((u for u in unit_list if u.pk in own), unit_list[0] if unit_list else None)
    form = WorklistFilterForm(
        request.GET or None,
        units=units,
        categories=selectors.task_categories(user),
        initial={"unit": default.pk if default else None},
    )
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("unit") or default
    today = selectors.Today.for_user(user)
    if unit is None:
        tasks: Any = PlanTask.objects.none()
    else:
        tasks = selectors.worklist(
            user=user,
            unit=unit,
            today=today,
            role=filters.get("role", ""),
            category=filters.get("category", ""),
            state=filters.get("state", ""),
        )
    return _list_page(
        request,
        template="reception/worklist.html",
        form=form,
        tasks=tasks,
        today=today,
        extra={"unit": unit, "title": _("Enhedens arbejdsliste")},
    )


def my_tasks(request: HtmxHttpRequest) -> HttpResponse:
    """Tasks owned by the user's role and units, for citizens the user may see."""
    user = _user(request)
    access.require(user, access.TASK_COMPLETE)
    form = WorklistFilterForm(
        request.GET or None, categories=selectors.task_categories(user), with_unit=False
    )
    filters = form.cleaned_data if form.is_valid() else {}
    today = selectors.Today.for_user(user)
    tasks = selectors.my_tasks(
        user=user,
        today=today,
        category=filters.get("category", ""),
        state=filters.get("state", ""),
    )
    return _list_page(
        request,
        template="reception/worklist.html",
        form=form,
        tasks=tasks,
        today=today,
        extra={
            "unit": None,
            "title": _("Mine opgaver"),
            "mine": True,
            # other apps' deadlines of the user's citizens (core/worklist.py): the programme's
            "other_deadlines": other_deadlines.rows_in(
                other_deadlines.rows_for(user, today.day, today.due_soon_days),
                state=filters.get("state", ""),
                category=filters.get("category", ""),
            ),
        },
    )


# --- the template ----------------------------------------------------------------------------


def template_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.TEMPLATE_EDIT)
    templates = list(selectors.templates_of(user).select_related("created_by"))
    in_force = services.template_in_force(user.municipality)
    return render(
        request,
        "reception/template_list.html",
        {"templates": templates, "in_force": in_force},
    )


def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.TEMPLATE_EDIT)
    template = selectors.template_get(user=user, pk=pk)
    return render(
        request,
        "reception/template_detail.html",
        {
            "template": template,
            "tasks": selectors.template_tasks(template),
            "is_latest": selectors.is_latest(template),
        },
    )


def _template_form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    template: Any,
    submit: str = "",
    intro: str = "",
) -> HttpResponse:
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "reception/form_page.html",
        {
            "form": form,
            "title": title,
            "intro": intro
            or _(
                "Hver ændring gemmes som en ny version af skabelonen. Planer, der allerede er "
                "lavet, ændres ikke."
            ),
            "submit": submit,
            "back": reverse("plan-template-detail", args=[template.pk]),
            "crumbs": [
                (_("Skabeloner for modtageplaner"), reverse("plan-template-list")),
                (str(template), reverse("plan-template-detail", args=[template.pk])),
            ],
        },
        status=status,
    )


def template_task_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.TEMPLATE_EDIT)
    template = selectors.template_get(user=user, pk=pk)
    form = TemplateTaskForm(request.POST or None, template_tasks=template.tasks.all())
    if request.method == "POST" and form.is_valid():
        try:
            task = services.template_task_add(
                template=template,
                acting_user=user,
                note=form.cleaned_data["note"],
                **form.values(),
            )
        except ConcurrentEditError:
            messages.error(request, _("Skabelonen er ændret af en anden. Ret i den nye version."))
            return redirect("plan-template-list")
        messages.success(request, _("Opgaven er tilføjet i en ny version af skabelonen."))
        return redirect("plan-template-detail", pk=task.template_id)
    return _template_form_page(request, form, title=_("Ny opgave i skabelonen"), template=template)


def template_task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.TEMPLATE_EDIT)
    template_task = selectors.template_task_get(user=user, pk=pk)
    template = template_task.template
    form = TemplateTaskForm(
        request.POST or None,
        initial=TemplateTaskForm.initial_for(template_task),
        template_tasks=template.tasks.all(),
        editing=template_task,
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services.template_task_update(
                template_task=template_task,
                acting_user=user,
                note=form.cleaned_data["note"],
                **form.values(),
            )
        except ConcurrentEditError:
            messages.error(request, _("Skabelonen er ændret af en anden. Ret i den nye version."))
            return redirect("plan-template-list")
        messages.success(request, _("Ændringen er gemt som en ny version af skabelonen."))
        return redirect("plan-template-detail", pk=task.template_id)
    return _template_form_page(
        request,
        form,
        title=_("Ret opgave: %(title)s") % {"title": template_task.title},
        template=template,
    )


def template_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate the version (or activate it again) with a reason; the page asks first."""
    user = _user(request)
    access.require(user, access.TEMPLATE_EDIT)
    template = selectors.template_get(user=user, pk=pk)
    activate = not template.is_active
    form = ReasonForm(request.POST or None, initial={"version": template.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.template_set_active(
                template=template,
                acting_user=user,
                active=activate,
                note=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request,
                _("Versionen er aktiv igen.")
                if activate
                else _(
                    "Versionen er deaktiveret. Nye modtageplaner laves ud fra en anden version."
                ),
            )
            return redirect("plan-template-detail", pk=template.pk)
    return _template_form_page(
        request,
        form,
        title=(_("Aktivér %(template)s igen") if activate else _("Deaktivér %(template)s"))
        % {"template": template},
        template=template,
        submit=_("Aktivér versionen") if activate else _("Deaktivér versionen"),
        intro=_("Versionen kan igen bruges til nye modtageplaner.")
        if activate
        else _(
            "En deaktiveret version bruges ikke til nye modtageplaner; de laves ud fra den "
            "nyeste aktive version, der gælder. Planer, der er lavet ud fra denne version, "
            "beholder den."
        ),
    )


def template_task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.TEMPLATE_EDIT)
    template_task = selectors.template_task_get(user=user, pk=pk)
    template = template_task.template
    form = ReasonForm(request.POST or None, initial={"version": template.version})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.template_task_delete(
                template_task=template_task, acting_user=user, note=form.cleaned_data["reason"]
            )
        except ConcurrentEditError:
            messages.error(request, _("Skabelonen er ændret af en anden. Ret i den nye version."))
            return redirect("plan-template-list")
        messages.success(request, _("Opgaven er fjernet i en ny version af skabelonen."))
        return redirect("plan-template-detail", pk=new.pk)
    return _template_form_page(
        request,
        form,
        title=_("Fjern opgave fra skabelonen: %(title)s") % {"title": template_task.title},
        template=template,
        submit=_("Fjern opgaven"),
    )
