"""Pages of strategies (MI-1): the strategy in force, its versions, a version (a draft with its
editing controls for the administrator), the forms of a draft, its guideposts and indicators, and
the hand-entered figures. No page shows a citizen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from velkomst.core import access
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.views import (
    CONCURRENT_EDIT_MESSAGE,
    add_form_errors,
    form_status,
    form_values,
    submit_form,
)

from . import selectors, services
from .forms import (
    SERVICE_FIELD,
    DraftForm,
    GuidepostForm,
    HandFigureEditForm,
    HandFigureForm,
    IndicatorForm,
    NewDraftForm,
    PresetForm,
    VersionOnlyForm,
)
from .models import StrategyVersion


def _user(request: HttpRequest) -> Any:
    return request.user


def _version_url(version: StrategyVersion) -> str:
    return reverse("strategy-version", args=[version.pk])


def _crumbs(version: StrategyVersion | None = None) -> list[tuple[str, str]]:
    crumbs = [(_("Strategi"), reverse("strategy-current"))]
    if version is not None:
        crumbs.append((_("Version %(number)s") % {"number": version.number}, _version_url(version)))
    return crumbs


@require_http_methods(["GET"])
def strategy_current(request: HttpRequest) -> HttpResponse:
    """The strategy in force: its guideposts, indicators and targets."""
    user = _user(request)
    access.require(user, access.INSIGHT_VIEW)
    if not selectors.versions(user):
        # the municipality's first visit: its preset (a seed municipality's strategy) or an
        # empty draft, as the demo data installs them (idempotent, no person's data)
        services.install_presets(user.municipality)
    current = selectors.current_version(user)
    can_edit = access.can(user, access.STRATEGY_EDIT)
    return render(
        request,
        "strategies/strategy.html",
        {
            "version": current,
            "guideposts": selectors.contents(current) if current else [],
            "drafts": [v for v in selectors.versions(user) if v.is_draft] if can_edit else [],
            "can_edit": can_edit,
        },
    )


@require_http_methods(["GET"])
def version_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    versions = selectors.versions(user)
    current = selectors.current_version(user)
    can_edit = access.can(user, access.STRATEGY_EDIT)
    return render(
        request,
        "strategies/versions.html",
        {
            "versions": versions,
            "current": current,
            "can_edit": can_edit,
            "new_form": NewDraftForm(
                versions=versions, initial={"source": current.pk if current else ""}
            )
            if can_edit
            else None,
            "crumbs": _crumbs(),
        },
    )


@require_http_methods(["GET"])
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    version = selectors.version_get(user, pk)
    can_edit = access.can(user, access.STRATEGY_EDIT) and version.is_draft
    return render(
        request,
        "strategies/version.html",
        {
            "version": version,
            "guideposts": selectors.contents(version),
            "can_edit": can_edit,
            "is_current": version == selectors.current_version(user),
            "preset_form": PresetForm(initial={"version": version.version}) if can_edit else None,
            "crumbs": _crumbs(),
        },
    )


@require_POST
def draft_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.STRATEGY_EDIT)
    form = NewDraftForm(request.POST, versions=selectors.versions(user))
    if not form.is_valid():
        messages.error(request, _("Vælg hvad udkastet skal starte som."))
        return redirect("strategy-versions")
    try:
        draft = services.draft_create(acting_user=user, source=form.chosen())
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
        return redirect("strategy-versions")
    messages.success(request, _("Udkastet er oprettet."))
    return redirect(_version_url(draft))


def _button(
    request: HttpRequest,
    *,
    form_class: type = VersionOnlyForm,
    call: Callable[[dict[str, Any]], Any],
    saved: str,
    back: str,
) -> HttpResponse:
    """A POST button on a draft: the draft's version (and the form's fields) to one service; a
    refusal or a concurrent edit is a message on the draft's page."""
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Handlingen kunne ikke udføres. Hent siden igen."))
        return redirect(back)
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
    else:
        messages.success(request, saved)
    return redirect(back)


@require_POST
def draft_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    draft = selectors.draft_get(user, pk)
    return _button(
        request,
        call=lambda data: services.publish(
            acting_user=user, draft=draft, expected_version=data["version"]
        ),
        saved=_("Versionen er offentliggjort."),
        back=_version_url(draft),
    )


@require_POST
def draft_preset(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    draft = selectors.draft_get(user, pk)
    return _button(
        request,
        form_class=PresetForm,
        call=lambda data: services.draft_copy_preset(
            acting_user=user, draft=draft, expected_version=data["version"], code=data["preset"]
        ),
        saved=_("Forudindstillingen er kopieret ind i udkastet."),
        back=_version_url(draft),
    )


@require_POST
def draft_discard(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    draft = selectors.draft_get(user, pk)
    form = VersionOnlyForm(request.POST)
    if form.is_valid():
        try:
            services.draft_discard(
                acting_user=user, draft=draft, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_version_url(draft))
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect(_version_url(draft))
        messages.success(request, _("Udkastet er slettet."))
    return redirect("strategy-versions")


def _draft_form(
    request: HttpRequest,
    form: Any,
    *,
    save: Callable[[int, dict[str, Any]], Any],
    saved: str,
    title: str,
    version: StrategyVersion,
    intro: str = "",
    field_names: Callable[[], dict[str, str]] | None = None,
) -> HttpResponse:
    """A form of a draft (its title and day, a guidepost, an indicator): a valid POST goes to
    ``save(version the user saw, values)``; after saving, or when someone saved first (with its
    message), back to the draft; else the form again with the service's field errors (named by
    ``field_names`` where the service's name differs from the form's)."""
    back = _version_url(version)
    if request.method == "POST" and form.is_valid():
        values = form.values() if isinstance(form, IndicatorForm) else form_values(form)
        try:
            save(form.cleaned_data["version"], values)
        except ValidationError as error:
            names = field_names() if field_names else {}
            if names and hasattr(error, "error_dict"):
                error = ValidationError({names.get(k, k): v for k, v in error.error_dict.items()})
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect(back)
        else:
            messages.success(request, saved)
            return redirect(back)
    return render(
        request,
        "strategies/form.html",
        {"form": form, "title": title, "back": back, "intro": intro, "crumbs": _crumbs(version)},
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    draft = selectors.draft_get(user, pk)
    initial = {name: getattr(draft, name) for name in ("title", "valid_from", "note", "version")}
    return _draft_form(
        request,
        DraftForm(request.POST or None, initial=initial),
        save=lambda seen, values: services.draft_update(
            acting_user=user, draft=draft, expected_version=seen, values=values
        ),
        saved=_("Udkastet er gemt."),
        title=_("Ret udkastet"),
        version=draft,
    )


@require_http_methods(["GET", "POST"])
def guidepost_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    draft = selectors.draft_get(user, pk)
    return _draft_form(
        request,
        GuidepostForm(request.POST or None, initial={"version": draft.version}),
        save=lambda seen, values: services.guidepost_add(
            acting_user=user, draft=draft, expected_version=seen, values=values
        ),
        saved=_("Pejlemærket er tilføjet."),
        title=_("Nyt pejlemærke"),
        version=draft,
    )


@require_http_methods(["GET", "POST"])
def guidepost_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    guidepost = selectors.guidepost_get(user, pk)
    draft = guidepost.strategy
    initial = {
        "title": guidepost.title,
        "description": guidepost.description,
        "version": draft.version,
    }
    return _draft_form(
        request,
        GuidepostForm(request.POST or None, initial=initial),
        save=lambda seen, values: services.guidepost_update(
            acting_user=user, guidepost=guidepost, expected_version=seen, values=values
        ),
        saved=_("Pejlemærket er gemt."),
        title=_("Ret pejlemærke %(number)s") % {"number": guidepost.number},
        version=draft,
    )


@require_POST
def guidepost_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    guidepost = selectors.guidepost_get(user, pk)
    return _button(
        request,
        call=lambda data: services.guidepost_remove(
            acting_user=user, guidepost=guidepost, expected_version=data["version"]
        ),
        saved=_("Pejlemærket er fjernet."),
        back=_version_url(guidepost.strategy),
    )


@require_POST
def guidepost_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    guidepost = selectors.guidepost_get(user, pk)
    up = request.POST.get("direction") == "up"
    return _button(
        request,
        call=lambda data: services.guidepost_move(
            acting_user=user, guidepost=guidepost, expected_version=data["version"], up=up
        ),
        saved=_("Pejlemærket er flyttet."),
        back=_version_url(guidepost.strategy),
    )


def _indicator_fields(form: IndicatorForm) -> Callable[[], dict[str, str]]:
    """The service names the key ``key``; the form has one field per kind."""

    def names() -> dict[str, str]:
        kind = form.cleaned_data.get("kind")
        return {"key": SERVICE_FIELD["key"] if kind == "library" else "manual_key"}

    return names


@require_http_methods(["GET", "POST"])
def indicator_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    guidepost = selectors.guidepost_get(user, pk)
    draft = guidepost.strategy
    form = IndicatorForm(
        request.POST or None, initial={"version": draft.version, "kind": "library"}
    )
    return _draft_form(
        request,
        form,
        save=lambda seen, values: services.indicator_add(
            acting_user=user, guidepost=guidepost, expected_version=seen, values=values
        ),
        saved=_("Indikatoren er tilføjet."),
        title=_("Ny indikator under pejlemærke %(number)s") % {"number": guidepost.number},
        version=draft,
        intro=guidepost.title,
        field_names=_indicator_fields(form),
    )


@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    indicator = selectors.indicator_get(user, pk)
    draft = indicator.guidepost.strategy
    form = IndicatorForm(
        request.POST or None, current=indicator, initial={"version": draft.version}
    )
    return _draft_form(
        request,
        form,
        save=lambda seen, values: services.indicator_update(
            acting_user=user, indicator=indicator, expected_version=seen, values=values
        ),
        saved=_("Indikatoren er gemt."),
        title=_("Ret indikator"),
        version=draft,
        intro=indicator.guidepost.title,
        field_names=_indicator_fields(form),
    )


@require_POST
def indicator_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    indicator = selectors.indicator_get(user, pk)
    return _button(
        request,
        call=lambda data: services.indicator_remove(
            acting_user=user, indicator=indicator, expected_version=data["version"]
        ),
        saved=_("Indikatoren er fjernet."),
        back=_version_url(indicator.guidepost.strategy),
    )


@require_POST
def indicator_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    indicator = selectors.indicator_get(user, pk)
    up = request.POST.get("direction") == "up"
    return _button(
        request,
        call=lambda data: services.indicator_move(
            acting_user=user, indicator=indicator, expected_version=data["version"], up=up
        ),
        saved=_("Indikatoren er flyttet."),
        back=_version_url(indicator.guidepost.strategy),
    )


# --- hand-entered figures ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def figure_list(request: HttpRequest) -> HttpResponse:
    """The hand-entered figures (filter by indicator) and, for the administrator, the form to
    enter one."""
    user = _user(request)
    choices = selectors.manual_choices(user) if access.can(user, access.INSIGHT_VIEW) else []
    key = request.GET.get("indicator", "")
    if key not in dict(choices):
        key = ""
    figures = selectors.hand_figures(user, key)
    form = None
    if access.can(user, access.STRATEGY_EDIT):
        start, end = selectors.last_period()
        form = HandFigureForm(
            request.POST or None,
            choices=choices,
            initial={"indicator_key": key, "period_start": start, "period_end": end},
        )
    elif request.method == "POST":
        access.require(user, access.STRATEGY_EDIT)
    if request.method == "POST" and form is not None and form.is_valid():
        done = submit_form(
            request,
            form,
            lambda: services.hand_figure_create(acting_user=user, values=form.cleaned_data),
            saved=_("Tallet er gemt."),
            done=reverse("strategy-figures"),
        )
        if done:
            return done
    return render(
        request,
        "strategies/figures.html",
        {
            "figures": figures,
            "form": form,
            "choices": choices,
            "key": key,
            "crumbs": _crumbs(),
        },
        status=form_status(request, form) if form is not None else 200,
    )


@require_http_methods(["GET", "POST"])
def figure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    figure = selectors.figure_get(user, pk)
    back = reverse("strategy-figures")
    form = HandFigureEditForm(
        request.POST or None,
        choices=selectors.manual_choices(user),
        initial={
            "indicator_key": figure.indicator_key,
            "period_start": figure.period_start,
            "period_end": figure.period_end,
            "value": figure.value,
            "source": figure.source,
            "note": figure.note,
            "version": figure.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        done = submit_form(
            request,
            form,
            lambda: services.hand_figure_update(
                acting_user=user,
                figure=figure,
                expected_version=form.cleaned_data["version"],
                values=values,
            ),
            saved=_("Tallet er gemt."),
            done=back,
        )
        if done:
            return done
    return render(
        request,
        "strategies/form.html",
        {
            "form": form,
            "title": _("Ret håndindtastet tal"),
            "back": back,
            "intro": "",
            "crumbs": [*_crumbs(), (_("Håndindtastede tal"), back)],
        },
        status=form_status(request, form),
    )
