"""The citizen's entrance (CIT-1): sign-in, the citizen's own pages, and the caseworker's page
that sends an invitation. Every citizen page is audited with the citizen as the actor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.core.views import add_form_errors, form_status
from velkomst.people import selectors as people_selectors
from velkomst.people.models import Person
from velkomst.welcome import selectors as welcome_selectors
from velkomst.welcome.pdf import folder_pdf_response

from . import selectors, services, throttle
from .access import citizen_required
from .forms import CodeForm, InvitationForm
from .models import SignInMethod
from .pages import render_citizen
from .session import current_person, sign_in, sign_out

HOME_ITEMS = 3  # appointments and tasks shown on the start page


# --- signing in and out -------------------------------------------------------------------------


@require_GET
def sign_in_page(request: HttpRequest) -> HttpResponse:
    if current_person(request) is not None:
        return redirect("citizen-home")
    return render_citizen(request, "citizen/sign_in.html", {})


@require_POST
def sign_out_view(request: HttpRequest) -> HttpResponse:
    person = current_person(request)
    if person is not None:
        services.signed_out(person=person)
    sign_out(request)
    messages.success(request, _("Du er logget ud."))
    return redirect("citizen-sign-in")


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link of an invitation: the citizen types the code and is signed in."""
    found = services.invitation_for_token(token)
    problem = services.NOT_FOUND if found is None else services.state(found)
    form = CodeForm(request.POST or None)
    status = 200
    if problem != "open":
        status = 410 if found is not None else 404
    elif throttle.blocked(request):
        problem, status = "throttled", 429
    elif request.method == "POST" and form.is_valid():
        throttle.count_attempt(request)
        outcome = services.invitation_accept(token=token, code=form.cleaned_data["code"])
        if outcome.person is not None:
            sign_in(request, person=outcome.person, method=SignInMethod.INVITATION)
            return redirect("citizen-home")
        if outcome.problem == services.WRONG_CODE:
            form.add_error("code", outcome.message)
        else:
            problem = outcome.problem
            status = 410
    if problem == "throttled":
        message = _("Der er prøvet for mange koder herfra. Vent et kvarter, og prøv igen.")
    else:
        message = str(services.MESSAGES[problem]) if problem != "open" else ""
    return render_citizen(
        request,
        "citizen/invitation.html",
        {"form": form, "problem": message},
        status=status if status != 200 else form_status(request, form),
    )


# --- the citizen's pages ------------------------------------------------------------------------


@require_GET
@citizen_required
def home(request: HttpRequest, person: Person) -> HttpResponse:
    context = {
        "person": person,
        "appointments": selectors.upcoming_appointments(person, limit=HOME_ITEMS),
        "tasks": selectors.my_tasks(person, limit=HOME_ITEMS),
        "contacts": selectors.contacts(person),
        "own_plan": selectors.integration_plan(person),
    }
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason="Borgerindgang: forside")
    return render_citizen(request, "citizen/home.html", context)


@require_GET
@citizen_required
def plan(request: HttpRequest, person: Person) -> HttpResponse:
    context = {
        "person": person,
        "reception_plan": selectors.reception_plan(person),
        "lines": selectors.plan_lines(person),
        "own_plan": selectors.integration_plan(person),
    }
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason="Borgerindgang: plan")
    return render_citizen(request, "citizen/plan.html", context)


@require_GET
@citizen_required
def appointments(request: HttpRequest, person: Person) -> HttpResponse:
    context = {"person": person, "appointments": selectors.upcoming_appointments(person)}
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason="Borgerindgang: aftaler")
    return render_citizen(request, "citizen/appointments.html", context)


@require_GET
@citizen_required
def appointment_detail(request: HttpRequest, person: Person, pk: int) -> HttpResponse:
    appointment = selectors.appointment_get(person, pk)
    audit.log_citizen(
        person=person, action=AuditAction.VIEW, obj=appointment, reason="Borgerindgang: aftale"
    )
    return render_citizen(
        request, "citizen/appointment.html", {"person": person, "appointment": appointment}
    )


@require_GET
@citizen_required
def tasks(request: HttpRequest, person: Person) -> HttpResponse:
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason="Borgerindgang: opgaver")
    return render_citizen(
        request, "citizen/tasks.html", {"person": person, "tasks": selectors.my_tasks(person)}
    )


@require_GET
@citizen_required
def task_detail(request: HttpRequest, person: Person, pk: int) -> HttpResponse:
    line = selectors.task_get(person, pk)
    audit.log_citizen(
        person=person, action=AuditAction.VIEW, obj=line.task, reason="Borgerindgang: opgave"
    )
    return render_citizen(request, "citizen/task.html", {"person": person, "line": line})


@require_GET
@citizen_required
def documents(request: HttpRequest, person: Person) -> HttpResponse:
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason="Borgerindgang: dokumenter")
    return render_citizen(
        request,
        "citizen/documents.html",
        {"person": person, "welcome": selectors.welcome_document(person)},
    )


@require_GET
@citizen_required
def welcome_pdf(request: HttpRequest, person: Person) -> HttpResponse:
    document = selectors.welcome_document(person)
    folder = welcome_selectors.welcome_folder(
        user=None, household=person.household, requested_language=document.language
    )
    response = folder_pdf_response(folder, f"velkomstmappe-{folder.language}.pdf")
    audit.log_citizen(
        person=person,
        action=AuditAction.VIEW,
        reason=f"Borgerindgang: velkomstmappe som PDF ({folder.language})",
    )
    return response


@require_GET
@citizen_required
def contacts(request: HttpRequest, person: Person) -> HttpResponse:
    audit.log_citizen(
        person=person, action=AuditAction.VIEW, reason="Borgerindgang: kontaktpersoner"
    )
    return render_citizen(
        request,
        "citizen/contacts.html",
        {"person": person, "contacts": selectors.contacts(person)},
    )


# --- the caseworker's side ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """The caseworker sends a person an invitation to the entrance; the link and the code are
    shown once, to hand over on paper."""
    user: Any = request.user
    access.require(user, access.CITIZEN_INVITE)
    person = people_selectors.person_get(user=user, pk=pk)
    form = InvitationForm(request.POST or None)
    sent = None
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.invitation_send(
                actor=user,
                person=person,
                channel=form.cleaned_data["channel"],
                address=form.cleaned_data["address"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
    audit.log_read(actor=user, obj=person, persons=[person])
    response = render(
        request,
        "citizen/invite.html",
        {
            "person": person,
            "form": form,
            "sent": sent,
            "crumbs": [
                (person.household.name, reverse("household-detail", args=[person.household_id])),
                (person.full_name, reverse("person-detail", args=[person.pk])),
            ],
        },
        status=form_status(request, form),
    )
    response["Cache-Control"] = "no-store"  # the code is shown once
    return response
