"""Pages of placement runs and decisions (HOU-3) and of placements and moves (HOU-4)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, add_form_errors, form_status, submit_form
from velkomst.people.models import Person
from velkomst.people.views import HtmxHttpRequest

from . import runs, selectors, services
from .forms import (
    WEIGHT_LABELS,
    DecisionForm,
    PlacementEndForm,
    PlacementForm,
    RunStartForm,
)
from .models import Decision, PlacementRun, RunStatus


def _user(request: HttpRequest) -> Any:
    return request.user


def _language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


STAGE_LABELS = {
    "reading": gettext_lazy("Læser husstande og boliger"),
    "rules": gettext_lazy("Tjekker de faste regler"),
    "scores": gettext_lazy("Beregner point og en grådig løsning"),
    "matching": gettext_lazy("Finder det største antal, der kan placeres"),
    "milp": gettext_lazy("Optimerer (MILP med HiGHS)"),
    "explain": gettext_lazy("Skriver begrundelser"),
    "done": gettext_lazy("Færdig"),
}


def stage_label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, gettext_lazy("Venter på at blive startet")))


@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    page = Paginator(runs.runs_for(user), settings.VELKOMST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "housing/run_list.html", {"page": page, "here": "runs"})


@require_http_methods(["GET", "POST"])
def run_new(request: HttpRequest) -> HttpResponse:
    """Choose the households (all waiting ones are ticked) and, for this run, the weights."""
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    waiting = list(runs.waiting_households(user).prefetch_related("members"))
    parameters = runs.run_parameters(access.tenant_id(user))
    form = RunStartForm(request.POST or None, households=waiting, weights=parameters["weights"])
    if request.method == "POST" and form.is_valid():
        try:
            run = runs.run_start(
                acting_user=user,
                household_ids=[int(pk) for pk in form.cleaned_data["households"]],
                weights=form.weights(),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            return redirect("housing-run-detail", pk=run.pk)
    if waiting:
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(h, m.pk) for h in waiting for m in h.members.all()],
            reason="placement run: waiting households",
        )
    return render(
        request,
        "housing/run_new.html",
        {
            "form": form,
            "waiting": waiting,
            "parameters": parameters,
            "rules": {
                "spread_hard": parameters["spread_rule"] == "hard",
                "not_alone_hard": parameters["not_alone_rule"] == "hard",
            },
            "free_dwellings": runs.free_dwellings(access.tenant_id(user)).count(),
            "here": "runs",
        },
        status=form_status(request, form),
    )


@require_GET
def run_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """While the run works: its progress (the page asks again every second with htmx). When
    done: the suggestions with reasons and the decision controls, a page at a time."""
    user = _user(request)
    run = runs.run_get(user=user, pk=pk)
    context: dict[str, Any] = {"run": run, "stage": stage_label(run.stage), "here": "runs"}
    busy = run.status not in (RunStatus.DONE, RunStatus.FAILED) or run.bulk_status in (
        runs.BULK_BUSY
    )
    context["busy"] = busy
    if request.htmx and request.GET.get("progress") and busy:
        return render(request, "housing/run_detail.html#progress", context)
    if request.htmx and request.GET.get("progress"):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    if run.status == RunStatus.DONE:
        show = request.GET.get("show", "")
        suggestions = runs.suggestions_of(run)
        if show in Decision.values:
            suggestions = suggestions.filter(decision=show).exclude(dwelling=None)
        elif show == "unplaced":
            suggestions = suggestions.filter(dwelling=None)
        page = Paginator(suggestions, 25).get_page(request.GET.get("page"))
        language = _language()
        rows = [
            {
                "s": s,
                "reasons": runs.reasons_text(s.explanations, language),
                "parts": [
                    (WEIGHT_LABELS.get(name, name), value) for name, value in s.parts.items()
                ],
                "members": list(s.household.members.all()),
                "start": runs.default_start(s.dwelling) if s.dwelling else None,
            }
            for s in page.object_list
        ]
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(row["s"], m.pk) for row in rows for m in row["members"]],
            reason="placement run suggestions",
        )
        check = runs.rule_check_view(run)
        named = [h for row in check.broken for h in row["households"]]
        if named:
            audit.log_many(
                actor=user,
                action=AuditAction.VIEW,
                objects=[(h, m.pk) for h in named for m in h.members.all()],
                reason="placement run rule check",
            )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "page": page,
                "rows": rows,
                "summary": runs.summary(run),
                "show": show,
                "query_string": query.urlencode(),
                "filters": [("", _("Alle"))]
                + [(value, label) for value, label in Decision.choices]
                + [("unplaced", _("Uden forslag"))],
                "goals": run.goals,
                "quality": runs.solution_quality(run),
                "check": check,
                "editable": access.can(user, access.HOUSING_EDIT) and not busy,
                "today": timezone.localdate(),
            }
        )
    return render(request, "housing/run_detail.html", context)


def _flash_errors(request: HttpRequest, errors: Any, prefix: str = "") -> None:
    """Each message of a form's or a ValidationError's errors (field -> messages) as a page
    message, after ``prefix`` (e.g. the household's name on the run page)."""
    for texts in errors.values():
        for text in texts:
            messages.error(request, f"{prefix}{text}")


def _back_to_run(request: HttpRequest, run: PlacementRun) -> HttpResponse:
    url = reverse("housing-run-detail", args=[run.pk])
    query = request.POST.get("return_query", "")
    return redirect(f"{url}?{query}" if query else url)


@require_POST
def suggestion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept (with a start date) or reject (with a reason) one suggestion."""
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    suggestion = runs.suggestion_get(user=user, pk=pk)
    form = DecisionForm(request.POST)
    prefix = f"{suggestion.household.name}: "
    if not form.is_valid():
        _flash_errors(request, form.errors, prefix)
        return _back_to_run(request, suggestion.run)
    data = form.cleaned_data
    try:
        if data["decision"] == Decision.ACCEPTED:
            runs.accept(
                suggestion=suggestion,
                acting_user=user,
                expected_version=data["version"],
                start_date=data["start_date"],
            )
            messages.success(
                request,
                _("%(name)s flytter ind i %(address)s.")
                % {"name": suggestion.household.name, "address": suggestion.dwelling},
            )
        else:
            runs.reject(
                suggestion=suggestion,
                acting_user=user,
                expected_version=data["version"],
                note=data["decision_note"],
            )
            messages.success(
                request,
                _("Forslaget til %(name)s er afvist.") % {"name": suggestion.household.name},
            )
    except ValidationError as error:
        _flash_errors(request, error.message_dict, prefix)
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
    return _back_to_run(request, suggestion.run)


@require_http_methods(["GET", "POST"])
def suggestion_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the household another free dwelling than the suggested one; a dwelling that breaks
    a hard rule can be chosen with a reason."""
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    suggestion = runs.suggestion_get(user=user, pk=pk)
    options = runs.alternatives(suggestion)
    form = PlacementForm(
        request.POST or None,
        dwellings=[d for d, _broken in options],
        initial={"version": suggestion.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            runs.accept(
                suggestion=suggestion,
                acting_user=user,
                expected_version=form.cleaned_data["version"],
                dwelling=form.cleaned_data["dwelling"],
                start_date=form.cleaned_data["start_date"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            if "decision_note" in error.message_dict:
                form.add_error("note", error.message_dict["decision_note"])
            else:
                add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
        else:
            messages.success(
                request,
                _("%(name)s flytter ind i %(address)s.")
                % {"name": suggestion.household.name, "address": form.cleaned_data["dwelling"]},
            )
            return redirect("housing-run-detail", pk=suggestion.run_id)
    members = list(suggestion.household.members.all())
    audit.log_many(
        actor=user, action=AuditAction.VIEW, objects=[(suggestion, m.pk) for m in members]
    )
    return render(
        request,
        "housing/suggestion_change.html",
        {
            "suggestion": suggestion,
            "form": form,
            "options": options,
            "need": selectors.need_for(suggestion.household),
            "composition": selectors.composition(suggestion.household, members),
            "here": "runs",
        },
        status=form_status(request, form),
    )


@require_POST
def run_decide_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject all pending suggestions: a background task; the run page shows it
    working, then how it went."""
    user = _user(request)
    run = runs.run_get(user=user, pk=pk)
    try:
        runs.decide_all_start(
            run=run,
            acting_user=user,
            decision=request.POST.get("decision", ""),
            note=request.POST.get("decision_note", ""),
        )
    except ValidationError as error:
        _flash_errors(request, error.message_dict)
    return redirect("housing-run-detail", pk=run.pk)


# --- Placements and moves (HOU-4) ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def household_placements(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the household has lived: placements with dates and type, time in temporary
    housing; housing officers register a move (e.g. temporary → permanent) or a move-out."""
    user = _user(request)
    household = selectors.household_for_housing(user=user, pk=pk)
    editable = access.can(user, access.HOUSING_EDIT)
    action = request.POST.get("action", "")
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    move_form = PlacementForm(
        request.POST if action == "move" else None,
        dwellings=list(runs.free_dwellings(household.municipality_id).order_by("address")),
        initial={"start_date": timezone.localdate()},
    )
    end_form = PlacementEndForm(request.POST if action == "end" else None)
    here = reverse("household-housing", args=[household.pk])
    done: HttpResponse | None = None
    if action == "move" and move_form.is_valid():
        done = submit_form(
            request,
            move_form,
            lambda: services.placement_start(
                acting_user=user,
                household=household,
                dwelling=move_form.cleaned_data["dwelling"],
                start_date=move_form.cleaned_data["start_date"],
                note=move_form.cleaned_data["note"],
            ),
            saved=_("Flytningen er registreret."),
            done=here,
        )
    if action == "end" and end_form.is_valid():
        done = submit_form(
            request,
            end_form,
            lambda: services.placement_end(
                acting_user=user,
                household=household,
                end_date=end_form.cleaned_data["end_date"],
                reason=end_form.cleaned_data["end_reason"],
            ),
            saved=_("Fraflytningen er registreret."),
            done=here,
        )
    if done is not None:
        return done
    placements = selectors.placements_of(household)
    members = list(household.members.all())
    audit.log_read(actor=user, obj=household, persons=members)
    failed = request.method == "POST" and (bool(move_form.errors) or bool(end_form.errors))
    return render(
        request,
        "housing/household_placements.html",
        {
            "household": household,
            "placements": placements,
            "current": next((p for p in placements if p.end_date is None), None),
            "temporary_days": selectors.temporary_days(placements),
            "editable": editable,
            "move_form": move_form,
            "end_form": end_form,
        },
        status=422 if failed else 200,
    )


@require_GET
def temporary_overview(request: HttpRequest) -> HttpResponse:
    """Time in temporary housing across the municipality (HOU-4)."""
    user = _user(request)
    overview = selectors.temporary_overview(user)
    over_only = request.GET.get("over") == "1"  # the start page's "over the limit" figure
    stays = [s for s in overview.current if not over_only or s.days > overview.limit_days]
    members = Person.objects.filter(household__in=[s.household for s in stays])
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(person.household, person.pk) for person in members.select_related("household")],
        reason="time in temporary housing",
    )
    return render(
        request,
        "housing/temporary.html",
        {"overview": overview, "stays": stays, "here": "temporary", "over_only": over_only},
    )
