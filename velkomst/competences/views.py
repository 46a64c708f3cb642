"""The competences page (PRG-3), edited in place per section with htmx, and the CV as PDF."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from velkomst.core import access
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, add_form_errors
from velkomst.people.models import Person

from . import cv, occupations, selectors, services
from .forms import SECTION_FORMS, ProfileForm

SECTIONS = ("work", "education", "recognition", "trade", "language", "skill")
ADDERS: dict[str, Callable[..., Any]] = {
    "education": services.education_add,
    "work": services.work_add,
    "recognition": services.recognition_add,
    "trade": services.trade_interest_add,
    "language": services.language_add,
    "skill": services.skill_add,
}
ADDED = {
    "education": gettext_lazy("Uddannelsen er tilføjet."),
    "work": gettext_lazy("Erhvervserfaringen er tilføjet."),
    "recognition": gettext_lazy("Anerkendelsen er tilføjet."),
    "trade": gettext_lazy("Det ønskede fag er tilføjet."),
    "language": gettext_lazy("Sproget er tilføjet."),
    "skill": gettext_lazy("Færdigheden er tilføjet."),
}


def _user(request: HttpRequest) -> Any:
    return request.user


def _profile_form(comp: selectors.Competences, data: Any = None) -> ProfileForm:
    form = ProfileForm(data)
    if data is None:
        form.initial = {
            "version": comp.profile.version if comp.profile else None,
            "driving_licences": comp.driving_licences,
            "it_level": comp.it_level,
        }
    return form


def _context(
    request: HttpRequest,
    comp: selectors.Competences,
    *,
    bound: dict[str, forms.Form] | None = None,
) -> dict[str, Any]:
    user = _user(request)
    person = comp.person
    forms_ = {kind: form_class(prefix=kind) for kind, form_class in SECTION_FORMS.items()}
    forms_["profile"] = _profile_form(comp)
    forms_.update(bound or {})
    return {
        "person": person,
        "c": comp,
        "forms": forms_,
        "can_edit": access.can(user, access.PROGRAMME_EDIT),
        "codes_installed": occupations.installed(),
        "crumbs": [
            (person.household.name, reverse("household-detail", args=[person.household_id])),
            (person.full_name, reverse("person-detail", args=[person.pk])),
        ],
    }


def _page(
    request: HttpRequest,
    person: Person,
    *,
    section: str | None = None,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole page, or (htmx) the one section that changed."""
    comp = selectors.competences_of(person)
    services.competences_viewed(actor=_user(request), person=person)
    template = "competences/competences.html"
    if section and request.htmx:  # type: ignore[attr-defined]
        template = f"{template}#{section}"
        status = 200  # htmx swaps only a success; the section shows its errors itself
    return render(request, template, _context(request, comp, bound=bound), status=status)


@require_GET
def competences(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_competences(user=_user(request), pk=pk)
    return _page(request, person)


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item to one section (the POST's ``section``)."""
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    person = selectors.person_for_competences(user=user, pk=pk)
    kind = request.POST.get("section", "")
    if kind not in SECTION_FORMS:
        raise Http404
    form = SECTION_FORMS[kind](request.POST, prefix=kind)
    if form.is_valid():
        try:
            ADDERS[kind](actor=user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, ADDED[kind])
                return redirect(reverse("competences", args=[pk]) + f"#{kind}")
            return _page(request, person, section=kind)
    return _page(request, person, section=kind, bound={kind: form}, status=422)


@require_POST
def item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove one item (the POST's ``section`` and ``item``) of the person's profile."""
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    person = selectors.person_for_competences(user=user, pk=pk)
    kind = request.POST.get("section", "")
    item_id = request.POST.get("item", "")
    item = (
        selectors.item_get(person=person, kind=kind, item_id=int(item_id))
        if item_id.isdigit()
        else None
    )
    if item is None:
        raise Http404
    services.item_remove(actor=user, item=item)
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("Punktet er fjernet."))
        return redirect(reverse("competences", args=[pk]) + f"#{kind}")
    return _page(request, person, section=kind)


@require_POST
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PROGRAMME_EDIT)
    person = selectors.person_for_competences(user=user, pk=pk)
    form = ProfileForm(request.POST, prefix=None)
    if form.is_valid():
        try:
            services.profile_update(
                actor=user,
                person=person,
                expected_version=form.cleaned_data.get("version"),
                driving_licences=form.cleaned_data["driving_licences"],
                it_level=form.cleaned_data["it_level"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            if request.htmx:  # type: ignore[attr-defined]
                return _page(request, person, section="profile", status=409)
            return redirect(reverse("competences", args=[pk]) + "#profile")
        else:
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, _("Kørekort og it-færdigheder er gemt."))
                return redirect(reverse("competences", args=[pk]) + "#profile")
            return _page(request, person, section="profile")
    return _page(request, person, section="profile", bound={"profile": form}, status=422)


@require_GET
def cv_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The CV as PDF, in Danish or (``?lang=en``) English; an export on the person's log."""
    user = _user(request)
    person = selectors.person_for_competences(user=user, pk=pk)
    language = "en" if request.GET.get("lang") == "en" else "da"
    pdf = cv.cv_pdf(selectors.competences_of(person), language=language)
    services.cv_exported(actor=user, person=person, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cv-{person.pk}-{language}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
