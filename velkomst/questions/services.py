"""Writes of citizens' questions (CIT-1): the citizen asks (from the entrance, audited with the
citizen as actor), the caseworker answers (versioned: a second answer or a stale form is a
ConcurrentEditError, 409 in the API) and the citizen is told by the notification backend in the
language they asked in. Keyword-only, each in one transaction with its audit rows; the audit rows
say what happened, not what was written."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from velkomst.citizen.translations import offered
from velkomst.core import access, audit, config, notify
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.versioning import save_versioned
from velkomst.engines.calendar import add_working_days
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from . import files
from .models import SUBJECT_MAX, TEXT_MAX, Attachment, AttachmentPart, Question, QuestionStatus


def answer_due(person: Person, day: date) -> date:
    """The day a question asked on ``day`` must be answered by: ``citizen_question_answer_days``
    working days later (weekends and Danish public holidays skipped)."""
    days = int(config.config_value(person.municipality, "citizen_question_answer_days", day))
    return add_working_days(day, days)


def _text_errors(field: str, text: str, *, required: bool, limit: int) -> dict[str, str]:
    if required and not text.strip():
        return {field: _("Skriv en tekst.")}
    if len(text) > limit:
        return {field: _("Teksten må højst være på %(max)s tegn.") % {"max": limit}}
    return {}


def _reachable(address: str) -> bool:
    """An e-mail address, or a mobile number of 8 digits (with the country code: up to 15), as
    the notification of an answer is sent by e-mail or SMS (``notification_for``)."""
    if "@" in address:
        try:
            validate_email(address)
        except ValidationError:
            return False
        return True
    digits = address.replace(" ", "").removeprefix("+")
    return digits.isdigit() and 8 <= len(digits) <= 15


def _checked(upload: Any) -> files.Checked | None:
    return files.check(upload) if upload else None


def _attach(question: Question, checked: files.Checked | None, part: str) -> Attachment | None:
    """Store the checked file and its row; the file is removed again if the transaction rolls
    back."""
    if checked is None:
        return None
    stored = files.store(checked)
    try:
        return Attachment.objects.create(
            municipality_id=question.municipality_id,
            question=question,
            part=part,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            stored_name=stored,
        )
    except Exception:
        files.remove(stored)
        raise


@transaction.atomic
def question_ask(
    *,
    person: Person,
    text: str,
    subject: str = "",
    attachment: Any = None,
    notify_to: str = "",
    language: str = "da",
    now: Any = None,
) -> Question:
    """The signed-in citizen asks their caseworker: text required, subject and one attachment
    (PDF, PNG or JPEG, checked by its bytes) optional; the answer is due in working days."""
    now = now or timezone.now()
    errors = {
        **_text_errors("subject", subject, required=False, limit=SUBJECT_MAX),
        **_text_errors("text", text, required=True, limit=TEXT_MAX),
        **_text_errors("notify_to", notify_to, required=False, limit=200),
    }
    if notify_to.strip() and "notify_to" not in errors and not _reachable(notify_to.strip()):
        errors["notify_to"] = _(
            "Skriv en e-mailadresse eller et mobilnummer med 8 cifre (med landekode: op til 15)."
        )
    if errors:
        raise ValidationError(errors)
    checked = _checked(attachment)
    question = Question.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        subject=subject.strip(),
        text=text.strip(),
        language=offered(language, settings.CITIZEN_LANGUAGES),
        notify_to=notify_to.strip(),
        asked_at=now,
        answer_due=answer_due(person, timezone.localdate(now)),
    )
    stored = _attach(question, checked, AttachmentPart.QUESTION)
    audit.log_citizen(
        person=person,
        action=AuditAction.CREATE,
        obj=question,
        changes=audit.diff(
            {},
            {
                "status": question.status,
                "answer_due": question.answer_due,
                "attachment": stored.content_type if stored else None,
            },
        ),
    )
    return question


def _may_answer(actor: StaffUser, question: Question) -> None:
    access.require_in_tenant(actor, access.QUESTION_ANSWER, question.municipality_id)
    if not persons_visible_to(actor, few=True).filter(pk=question.person_id).exists():
        raise PermissionDenied("person")


@transaction.atomic
def question_answer(
    *,
    actor: StaffUser,
    question: Question,
    answer: str,
    expected_version: int,
    attachment: Any = None,
) -> Question:
    """The caseworker answers: the question is closed with the answer (once: a second answer or
    a form opened before another's answer is a ConcurrentEditError), and the citizen is told."""
    _may_answer(actor, question)
    errors = _text_errors("answer", answer, required=True, limit=TEXT_MAX)
    if errors:
        raise ValidationError(errors)
    checked = _checked(attachment)
    if not question.is_open and question.version == expected_version:
        raise ValidationError({"answer": _("Spørgsmålet er allerede besvaret.")})
    now = timezone.now()
    question.status = QuestionStatus.ANSWERED
    question.answer = answer.strip()
    question.answered_at = now
    question.answered_by = actor
    save_versioned(
        question,
        expected_version=expected_version,
        fields=["status", "answer", "answered_at", "answered_by"],
    )
    stored = _attach(question, checked, AttachmentPart.ANSWER)
    audit.log(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=question,
        person_id=question.person_id,
        changes=audit.diff(
            {"status": QuestionStatus.OPEN, "answered_at": None, "attachment": None},
            {
                "status": question.status,
                "answered_at": now,
                "attachment": stored.content_type if stored else None,
            },
        ),
    )
    transaction.on_commit(lambda: notify_answered(question))
    return question


def notification_for(question: Question) -> notify.Notification | None:
    """The message that tells the citizen an answer waits in the entrance, in the language they
    asked in (Danish where a text has no translation); None when they left no address."""
    to = question.notify_to
    if not to:
        return None
    channel = notify.EMAIL if "@" in to else notify.SMS
    with translation.override(question.language):
        subject = _("Svar på dit spørgsmål til kommunen")
        body = _(
            "Hej %(name)s. Din sagsbehandler har svaret på dit spørgsmål. Log ind på "
            "Velkomst for at læse svaret: %(url)s"
        ) % {"name": question.person.first_name, "url": entrance_url()}
    return notify.Notification(channel=channel, to=to, subject=subject, body=body)


def entrance_url() -> str:
    from django.urls import reverse

    return settings.VELKOMST_BASE_URL.rstrip("/") + reverse("citizen-questions")


def notify_answered(question: Question) -> bool:
    """Send the notification (after the answer is committed); True when it left."""
    message = notification_for(question)
    return message is not None and notify.send(message)
