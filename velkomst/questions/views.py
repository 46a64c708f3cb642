"""Pages of citizens' questions (CIT-1). The citizen's (under /borger/, ``citizen_required``):
their questions with the answers and the form to ask. Staff's: the inbox, one question with the
answer form, and an attachment's download. Parse, call one service or selector, render; every
read audited (the citizen's with the citizen as actor)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.citizen.access import citizen_required
from velkomst.citizen.pages import render_citizen
from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, add_form_errors, form_status
from velkomst.people.models import Person

from . import files, selectors, services
from .forms import AnswerForm, InboxFilterForm, QuestionForm
from .models import Attachment

# --- the citizen's ------------------------------------------------------------------------------


@citizen_required
@require_http_methods(["GET", "POST"])
def citizen_questions(request: HttpRequest, person: Person) -> HttpResponse:
    form = QuestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_ask(
                person=person,
                subject=data["subject"],
                text=data["text"],
                attachment=data["attachment"],
                notify_to=data["notify_to"],
                language=translation.get_language() or "da",
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Dit spørgsmål er sendt til din sagsbehandler."))
            return redirect("citizen-questions")
    questions = selectors.questions_of(person)
    audit.log_citizen(person=person, action=AuditAction.VIEW, reason="entrance: questions")
    return render_citizen(
        request,
        "questions/citizen.html",
        {
            "person": person,
            "form": form,
            "questions": questions,
            "today": timezone.localdate(),
        },
        status=form_status(request, form),
    )


def _download(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        files.open_stored(attachment.stored_name),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@citizen_required  # type: ignore[arg-type]  # a streamed download (citizen_required: HttpResponse)
@require_GET
def citizen_attachment(request: HttpRequest, person: Person, pk: int) -> HttpResponseBase:
    attachment = selectors.attachment_of_citizen(person, pk)
    audit.log_citizen(person=person, action=AuditAction.VIEW, obj=attachment)
    return _download(attachment)


INBOX_MAX = 200  # the inbox shows the first 200 (own citizens' and nearest deadlines first)

# --- staff --------------------------------------------------------------------------------------


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, access.QUESTION_VIEW)
    form = InboxFilterForm(request.GET or None)
    show = (form.cleaned_data.get("show") if form.is_valid() else "") or "open"
    today = timezone.localdate()
    questions = list(selectors.inbox(user=user, show=show, today=today)[:INBOX_MAX])
    audit.log_many(
        actor=user, action=AuditAction.VIEW, objects=[(q, q.person_id) for q in questions]
    )
    return render(
        request,
        "questions/inbox.html",
        {
            "form": form,
            "rows": [(q, selectors.state(q, today)) for q in questions],
            "show": show,
            "crumbs": [],
        },
    )


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    question = selectors.question_get(user=user, pk=pk)
    form = AnswerForm(request.POST or None, request.FILES or None)
    can_answer = access.can(user, access.QUESTION_ANSWER) and question.is_open
    if request.method == "POST" and form.is_valid():
        try:
            services.question_answer(
                actor=user,
                question=question,
                answer=form.cleaned_data["answer"],
                attachment=form.cleaned_data["attachment"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("question-detail", pk=pk)
        else:
            messages.success(request, _("Svaret er sendt til borgeren."))
            return redirect("question-inbox")
    if request.method == "GET":
        form.initial["version"] = question.version
    audit.log_read(actor=user, obj=question, persons=[question.person])
    return render(
        request,
        "questions/detail.html",
        {
            "question": question,
            "state": selectors.state(question, timezone.localdate()),
            "form": form,
            "can_answer": can_answer,
            "crumbs": [(_("Spørgsmål fra borgere"), reverse("question-inbox"))],
        },
        status=form_status(request, form),
    )


@require_GET
def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    found = selectors.attachment_of_staff(user=user, pk=pk)
    audit.log_read(actor=user, obj=found, persons=[found.question.person])
    return _download(found)
