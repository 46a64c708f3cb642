"""Pages of surveys (CIT-2): a person's surveys (reached from the person's page), typing in a
paper form's answers, recording a decline, and the aggregated results. Parse input, call one
service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.citizen.access import citizen_required
from velkomst.citizen.pages import render_citizen
from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import add_form_errors, edit_versioned, form_page, form_status
from velkomst.people.models import Person
from velkomst.people.selectors import person_get

from . import selectors, services
from .forms import AnswerForm, CitizenAnswerForm, DeclineForm, ResultsForm
from .models import Invitation


def _crumbs(person: Person) -> list[tuple[str, str]]:
    return [
        (person.full_name, reverse("person-detail", args=[person.pk])),
        (_("Spørgeskemaer"), reverse("survey-person", args=[person.pk])),
    ]


@require_GET
def person_surveys(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(user, access.PERSON_VIEW)
    person = person_get(user=user, pk=pk)
    invitations = selectors.invitations_for(user=user, person=person)
    audit.log_read(actor=user, obj=person, persons=[person])
    return render(
        request,
        "surveys/person.html",
        {
            "person": person,
            "invitations": invitations,
            "can_record": access.can(user, access.SURVEY_RECORD),
            "can_see_results": access.can(user, access.SURVEY_RESULTS),
            "crumbs": [(person.full_name, reverse("person-detail", args=[person.pk]))],
        },
    )


def _load(user: Any, pk: int) -> Invitation:
    access.require(user, access.SURVEY_RECORD)
    return selectors.invitation_get(user=user, pk=pk)


def _answer_values(invitation: Invitation, values: dict[str, Any]) -> dict[str, Any]:
    keys = [q["key"] for q in invitation.definition.questions]
    return {
        "answers": {k: values.get(k) or "" for k in keys},
        "answered_on": values["answered_on"],
        "comment": values.get("comment") or "",
    }


@require_http_methods(["GET", "POST"])
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    invitation, form, done = edit_versioned(
        request,
        load=lambda: _load(user, pk),
        make_form=lambda inv, data: AnswerForm(
            data,
            questions=inv.definition.questions,
            initial={"answered_on": timezone.localdate()},
        ),
        save=lambda inv, version, values: services.answer_record(
            actor=user, invitation=inv, expected_version=version, **_answer_values(inv, values)
        ),
        saved=_("Svarene er gemt."),
        done=lambda response: reverse("survey-person", args=[response.invitation.person_id]),
    )
    if done is not None:
        return done
    person = invitation.person
    audit.log_read(actor=user, obj=invitation, persons=[person])
    return render(
        request,
        "surveys/answer.html",
        {
            "form": form,
            "invitation": invitation,
            "person": person,
            "title": _("Indtast svar fra papirskema: %(name)s") % {"name": person.full_name},
            "survey_title": selectors.text(invitation.definition.title),
            "back": reverse("survey-person", args=[person.pk]),
            "crumbs": _crumbs(person),
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    invitation, form, done = edit_versioned(
        request,
        load=lambda: _load(user, pk),
        make_form=lambda inv, data: DeclineForm(data),
        save=lambda inv, version, values: services.decline_record(
            actor=user, invitation=inv, expected_version=version
        ),
        saved=_("Det er registreret, at borgeren har afslået at svare."),
        done=lambda inv: reverse("survey-person", args=[inv.person_id]),
    )
    if done is not None:
        return done
    person = invitation.person
    audit.log_read(actor=user, obj=invitation, persons=[person])
    return form_page(
        request,
        form,
        title=_("Borgeren afslår at svare: %(moment)s (%(name)s)")
        % {"moment": invitation.get_moment_display(), "name": person.full_name},
        back=reverse("survey-person", args=[person.pk]),
        crumbs=_crumbs(person),
    )


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, access.SURVEY_RESULTS)
    form = ResultsForm(request.GET or None)
    start, end = form.period(timezone.localdate())
    moment = form.cleaned_data.get("moment", "") if form.is_bound and form.is_valid() else ""
    found = selectors.results(user=user, start=start, end=end, moment=moment)
    return render(
        request,
        "surveys/results.html",
        {
            "form": form,
            "results": found,
            "reason": selectors.reason_text(found.threshold),
            "crumbs": [],
        },
    )


# --- the citizen's own entrance (CIT-2) ---------------------------------------------------------


@citizen_required
@require_GET
def citizen_surveys(request: HttpRequest, person: Person) -> HttpResponse:
    invitations = selectors.invitations_of_citizen(person)
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason="entrance: surveys")
    return render_citizen(
        request,
        "surveys/citizen_list.html",
        {
            "invitations": [(i, selectors.text(i.definition.title)) for i in invitations],
            "today": timezone.localdate(),
        },
    )


def _citizen_submit(request: HttpRequest, form: Any, call: Any, saved: str) -> HttpResponse | None:
    """Run the citizen's answer or decline; None: show the form again (its errors on it)."""
    try:
        call()
    except ValidationError as error:
        if "status" in getattr(error, "message_dict", {}):
            messages.error(request, " ".join(error.message_dict["status"]))
            return redirect("citizen-surveys")
        add_form_errors(form, error)
        return None
    except ConcurrentEditError:
        messages.error(request, _("Spørgeskemaet er allerede besvaret eller afslået."))
        return redirect("citizen-surveys")
    messages.success(request, saved)
    return redirect("citizen-surveys")


@citizen_required
@require_http_methods(["GET", "POST"])
def citizen_answer(request: HttpRequest, person: Person, pk: int) -> HttpResponse:
    invitation = selectors.invitation_of_citizen(person, pk)
    if not invitation.is_open:
        messages.info(
            request,
            _("Spørgeskemaet er allerede %(status)s og kan ikke besvares igen.")
            % {"status": str(invitation.get_status_display()).lower()},
        )
        return redirect("citizen-surveys")
    questions = invitation.definition.questions
    form = CitizenAnswerForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        done = _citizen_submit(
            request,
            form,
            lambda: services.answer_by_citizen(
                person=person,
                invitation=invitation,
                answers={k: values.get(k) or "" for k in form.question_keys},
                comment=values.get("comment") or "",
                expected_version=values["version"],
            ),
            _("Tak for dine svar."),
        )
        if done is not None:
            return done
    if request.method == "GET":
        form.initial["version"] = invitation.version
    audit.log_citizen(person=person, action=AuditAction.VIEW, obj=invitation)
    return render_citizen(
        request,
        "surveys/citizen_answer.html",
        {
            "form": form,
            "invitation": invitation,
            "survey_title": selectors.text(invitation.definition.title),
        },
        status=form_status(request, form),
    )


@citizen_required
@require_http_methods(["POST"])
def citizen_decline(request: HttpRequest, person: Person, pk: int) -> HttpResponse:
    invitation = selectors.invitation_of_citizen(person, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return redirect("citizen-surveys")
    done = _citizen_submit(
        request,
        form,
        lambda: services.decline_by_citizen(
            person=person, invitation=invitation, expected_version=form.cleaned_data["version"]
        ),
        _("Du har valgt ikke at svare. Tak for besked."),
    )
    return done or redirect("citizen-surveys")
