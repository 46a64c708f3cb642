"""The national user's pages (NAT-1, NAT-2): reference tables (upload, all or nothing), quota
plans (§ 4 with every step, regional agreements, revisions), trained models with their cards,
assignment runs (arrivals, the run with its progress by htmx, suggestions and the case
officer's decisions). Every page needs ``national.view`` (writes ``national.manage``); a
municipality's staff get 403 here, as the national user does on every municipality page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access
from velkomst.core.errors import ConcurrentEditError

from . import labels, runs, selectors, services
from .files import Problem
from .forms import (
    AgreementForm,
    ArrivalsForm,
    DecisionForm,
    ModelTrainForm,
    PlanForm,
    RevisionForm,
    RunForm,
    TableUploadForm,
)
from .models import DecisionState, QuotaPlan, RunMode


def _user(request: HttpRequest) -> Any:
    user = request.user
    access.require(user, access.NATIONAL_VIEW)  # type: ignore[arg-type]
    return user


def _manage(user: Any) -> None:
    access.require(user, access.NATIONAL_MANAGE)


def _errors(form: Any, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _table_choices(user: Any) -> list[tuple[int, str]]:
    out = []
    for t in selectors.tables(user):
        label = f"{t.year}: {t.label}"
        out.append((t.pk, f"{label} ({_('demo')})" if t.is_demo else label))
    return out


# --- reference tables -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def tables_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TableUploadForm()
    problem: Problem | None = None
    if request.method == "POST":
        _manage(user)
        form = TableUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = services.table_upload(
                    acting_user=user,
                    year=form.cleaned_data["year"],
                    label=form.cleaned_data["label"],
                    file_name=upload.name,
                    content=upload.read(),
                    landstal=form.cleaned_data["landstal"],
                )
            except Problem as error:
                problem = error
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("Referencetabellen er indlæst."))
                return redirect("national-table", table.pk)
    return render(
        request,
        "national/tables.html",
        {
            "tables": list(selectors.tables(user)),
            "form": form,
            "problem": problem,
            "can_manage": access.can(user, access.NATIONAL_MANAGE),
        },
        status=422 if problem else 200,
    )


@require_GET
def table_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    table = selectors.table_get(user, pk)
    return render(
        request,
        "national/table.html",
        {"table": table, "rows": list(table.rows.all()), "groups": table.groups},
    )


# --- quota plans ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plans_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    tables = _table_choices(user)
    form = PlanForm(tables=tables)
    if request.method == "POST":
        _manage(user)
        form = PlanForm(request.POST, tables=tables)
        if form.is_valid():
            try:
                plan = services.plan_compute(
                    acting_user=user,
                    table=selectors.table_get(user, form.cleaned_data["table"]),
                    landstal=form.cleaned_data["landstal"],
                    reunified_total=form.cleaned_data["reunified_total"],
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("Kvoterne er beregnet og gemt."))
                return redirect("national-plan", plan.pk)
    return render(
        request,
        "national/plans.html",
        {
            "plans": list(selectors.plans(user)),
            "form": form,
            "can_manage": access.can(user, access.NATIONAL_MANAGE),
        },
    )


def _plan_rows(plan: QuotaPlan) -> list[dict[str, Any]]:
    steps = plan.steps
    rows = list(plan.table.rows.all())
    placed = selectors.placed_by_municipality(plan)
    zeroed = {code for r in steps.get("rounds", []) for code in r["zeroed"]}
    up = set(steps.get("rounded_up", []))
    out = []
    for r in rows:
        code = r.municipality_code
        out.append(
            {
                "code": code,
                "region": r.region,
                "population_share": steps["population_share"][code],
                "nonwestern_share": steps["nonwestern_share"][code],
                "share": steps["share"][code],
                "multiplied": steps["multiplied"][code],
                "reunified": r.reunified_living,
                "after_reunified": steps["after_reunified"][code],
                "zeroed": code in zeroed,
                "exact": steps["exact"][code],
                "computed": steps["quota"][code],
                "rounded_up": code in up,
                "quota": plan.quota.get(code, 0),
                "placed": placed.get(code, 0),
            }
        )
    return out


def _plan_context(
    user: Any,
    plan: QuotaPlan,
    agreement: AgreementForm | None = None,
    revision: RevisionForm | None = None,
) -> dict[str, Any]:
    regions = sorted({r.region for r in plan.table.rows.all()})
    return {
        "plan": plan,
        "rows": _plan_rows(plan),
        "rounds": plan.steps.get("rounds", []),
        "agreement_form": agreement
        or AgreementForm(initial={"version": plan.version}, regions=regions),
        "revision_form": revision or RevisionForm(initial={"version": plan.version}),
        "can_manage": access.can(user, access.NATIONAL_MANAGE),
        "placed_total": sum(selectors.placed_by_municipality(plan).values()),
    }


@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    plan = selectors.plan_get(user, pk)
    return render(request, "national/plan.html", _plan_context(user, plan))


def _plan_change(
    request: HttpRequest,
    pk: int,
    make_form: Callable[[QuotaPlan], Any],
    write: Callable[[Any, QuotaPlan, dict[str, Any]], object],
    done: str,
    section: str,
) -> HttpResponse:
    """A change of a stored quota plan (``section``: "agreement" or "revision"): written with the
    version the form showed, then back to the page's section; or the page again with the form's
    errors (a concurrent change said so)."""
    user = _user(request)
    _manage(user)
    plan = selectors.plan_get(user, pk)
    form = make_form(plan)
    if form.is_valid():
        try:
            write(user, plan, form.cleaned_data)
        except ConcurrentEditError:
            form.add_error(None, _("En anden har ændret kvoteplanen imens. Se de nye tal."))
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, done)
            return redirect(reverse("national-plan", args=[plan.pk]) + f"#{section}s")
    plan.refresh_from_db()
    context = _plan_context(user, plan, **{section: form})
    return render(request, "national/plan.html", context, status=422)


@require_POST
def plan_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_change(
        request,
        pk,
        lambda plan: AgreementForm(
            request.POST, regions=sorted({r.region for r in plan.table.rows.all()})
        ),
        lambda user, plan, data: services.plan_agreement(
            acting_user=user,
            plan=plan,
            region=data["region"],
            agreed=data["agreed"],
            expected_version=data["version"],
        ),
        _("Den regionale aftale er indført."),
        "agreement",
    )


@require_POST
def plan_revision(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_change(
        request,
        pk,
        lambda plan: RevisionForm(request.POST),
        lambda user, plan, data: services.plan_revise(
            acting_user=user,
            plan=plan,
            new_landstal=data["new_landstal"],
            expected_version=data["version"],
        ),
        _("Landstallet er revideret; resten af året er genberegnet."),
        "revision",
    )


# --- models -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def models_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    tables = _table_choices(user)
    form = ModelTrainForm(tables=tables)
    problem: Problem | None = None
    if request.method == "POST":
        _manage(user)
        form = ModelTrainForm(request.POST, request.FILES, tables=tables)
        if form.is_valid():
            table = selectors.table_get(user, form.cleaned_data["table"])
            history = form.cleaned_data.get("history")
            try:
                if history:
                    trained = services.train_on_file(
                        acting_user=user,
                        table=table,
                        file_name=history.name,
                        content=history.read(),
                    )
                else:
                    trained = services.train_on_platform(acting_user=user, table=table)
            except Problem as error:
                problem = error
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("Modellen er trænet og gemt med sin modelbeskrivelse."))
                return redirect("national-model", trained.pk)
    return render(
        request,
        "national/models.html",
        {
            "models": list(selectors.trained_models(user)),
            "form": form,
            "problem": problem,
            "can_manage": access.can(user, access.NATIONAL_MANAGE),
        },
        status=422 if problem or form.errors else 200,
    )


@require_GET
def model_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    trained = selectors.model_get(user, pk)
    return render(request, "national/model.html", {"model": trained, "card": trained.card})


# --- assignment runs --------------------------------------------------------------------------


def _run_forms(user: Any, data: Any = None, files: Any = None) -> tuple[ArrivalsForm, RunForm]:
    tables = _table_choices(user)
    arrivals = ArrivalsForm(data, files, tables=tables) if files is not None else None
    run_form = RunForm(
        data if files is None else None,
        batches=[(b.pk, f"{b.label} ({b.household_count})") for b in selectors.batches(user)],
        plans=[
            (p.pk, f"{p.table.year}: {_('landstal')} {p.landstal} (#{p.pk})")
            for p in selectors.plans(user)
        ],
        models=[
            (m.pk, f"#{m.pk}: {m.get_source_display()}") for m in selectors.trained_models(user)
        ],
    )
    return arrivals or ArrivalsForm(tables=tables), run_form


def _runs_context(user: Any, **extra: Any) -> dict[str, Any]:
    return {
        "runs": list(selectors.runs(user)[:50]),
        "batches": list(selectors.batches(user)[:20]),
        "can_manage": access.can(user, access.NATIONAL_MANAGE),
        **extra,
    }


@require_GET
def runs_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    arrivals, run_form = _run_forms(user)
    return render(
        request,
        "national/runs.html",
        _runs_context(user, arrivals_form=arrivals, run_form=run_form, problem=None),
    )


@require_POST
def arrivals_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _manage(user)
    arrivals, run_form = _run_forms(user, request.POST, request.FILES)
    problem: Problem | None = None
    if arrivals.is_valid():
        upload = arrivals.cleaned_data["file"]
        try:
            services.arrivals_upload(
                acting_user=user,
                year=arrivals.cleaned_data["year"],
                label=arrivals.cleaned_data["label"],
                file_name=upload.name,
                content=upload.read(),
                table=selectors.table_get(user, arrivals.cleaned_data["table"]),
            )
        except Problem as error:
            problem = error
        except ValidationError as error:
            _errors(arrivals, error)
        else:
            messages.success(request, _("De ankomne husstande er indlæst."))
            return redirect("national-runs")
    return render(
        request,
        "national/runs.html",
        _runs_context(user, arrivals_form=arrivals, run_form=run_form, problem=problem),
        status=422,
    )


@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    _manage(user)
    arrivals, form = _run_forms(user, request.POST)
    if form.is_valid():
        try:
            run = services.run_request(
                acting_user=user,
                batch=selectors.batch_get(user, form.cleaned_data["batch"]),
                plan=selectors.plan_get(user, form.cleaned_data["plan"]),
                model=selectors.model_get(user, form.cleaned_data["model"]),
                mode=form.cleaned_data["mode"],
                week=form.cleaned_data["week"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Fordelingen er startet. Siden viser, hvor langt den er."))
            return redirect("national-run", run.pk)
    return render(
        request,
        "national/runs.html",
        _runs_context(user, arrivals_form=arrivals, run_form=form, problem=None),
        status=422,
    )


def _municipality_choices(run: Any) -> list[tuple[str, str]]:
    left = selectors.quota_left(run.plan)
    return [
        (code, _("%(code)s (%(left)s pladser tilbage)") % {"code": code, "left": left[code]})
        for code in sorted(run.plan.quota)
    ]


def _run_context(
    user: Any, run: Any, forms: dict[int, DecisionForm] | None = None
) -> dict[str, Any]:
    suggestions = list(selectors.suggestions(user, run)) if not run.busy else []
    choices = _municipality_choices(run) if suggestions else []
    forms = forms or {}
    items = [
        (
            s,
            forms.get(s.pk)
            or DecisionForm(
                initial={"version": s.version}, municipalities=choices, prefix=f"s{s.pk}"
            ),
        )
        for s in suggestions
    ]
    summary = run.summary or {}
    uplift = None
    if summary.get("random_expected") not in (None, 0) and summary.get("expected") is not None:
        uplift = summary["expected"] / summary["random_expected"] - 1
    return {
        "run": run,
        "step": runs.step_label(run.progress_step),
        "items": items,
        "summary": summary,
        "uplift": uplift,
        "bound": [(labels.rule_label(k), v) for k, v in summary.get("bound", {}).items()],
        "counts": selectors.decision_counts(run),
        "can_manage": access.can(user, access.NATIONAL_MANAGE),
        "pending": DecisionState.PENDING,
        "online": run.mode == RunMode.ONLINE,
    }


@require_GET
def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    run = selectors.run_get(user, pk)
    return render(request, "national/run.html", _run_context(user, run))


@require_GET
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a run (htmx every second); when it is done or failed, the page is
    reloaded to show the suggestions."""
    user = _user(request)
    run = selectors.run_get(user, pk)
    if not run.busy:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "national/run.html#progress",
        {"run": run, "step": runs.step_label(run.progress_step)},
    )


@require_POST
def suggestion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    _manage(user)
    suggestion = selectors.suggestion_get(user, pk)
    run = selectors.run_get(user, suggestion.run_id)
    form = DecisionForm(
        request.POST, municipalities=_municipality_choices(run), prefix=f"s{suggestion.pk}"
    )
    if form.is_valid():
        try:
            services.suggestion_decide(
                acting_user=user,
                suggestion=suggestion,
                decision=form.cleaned_data["decision"],
                expected_version=form.cleaned_data["version"],
                municipality_code=form.cleaned_data["municipality_code"],
                reason=form.cleaned_data["reason"],
            )
        except ConcurrentEditError:
            form.add_error(
                None, _("En anden har afgjort forslaget imens. Siden viser nu afgørelsen.")
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request,
                _("Afgørelsen for husstand %(household)s er gemt.")
                % {"household": suggestion.household_id},
            )
            return redirect(reverse("national-run", args=[run.pk]) + f"#suggestion-{pk}")
    return render(
        request,
        "national/run.html",
        _run_context(user, run, forms={suggestion.pk: form}),
        status=422,
    )
