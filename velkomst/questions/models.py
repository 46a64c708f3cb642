"""A citizen's question to the caseworker (CIT-1), asked in the citizen's entrance: a short
message with an optional attachment, an answer deadline in working days
(``citizen_question_answer_days``), and the caseworker's answer (with an optional attachment).

The files are ``Attachment`` rows: the original name, the type found from the file's first bytes
and a random name in the private file store (``files.py``, outside the web root); they are read
only through the views that check the reader."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.models import Person

SUBJECT_MAX = 120
TEXT_MAX = 2000


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Venter på svar")
    ANSWERED = "answered", _("Besvaret")


class Question(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="citizen_questions")
    subject = models.CharField(_("emne"), max_length=SUBJECT_MAX, blank=True)
    text = models.TextField(_("spørgsmålet"), max_length=TEXT_MAX)
    language = models.CharField(_("sprog"), max_length=8, default="da")
    notify_to = models.CharField(_("besked om svar til"), max_length=200, blank=True)
    asked_at = models.DateTimeField(_("stillet"), default=timezone.now)
    answer_due = models.DateField(_("svarfrist"))
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    answer = models.TextField(_("svar"), max_length=TEXT_MAX, blank=True)
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "status", "answer_due"]),
            models.Index(fields=["person", "asked_at"]),
        ]
        verbose_name = _("spørgsmål fra borger")
        verbose_name_plural = _("spørgsmål fra borgere")

    def __str__(self) -> str:
        return self.subject or str(_("Spørgsmål"))

    @property
    def is_open(self) -> bool:
        return self.status == QuestionStatus.OPEN


class AttachmentPart(models.TextChoices):
    QUESTION = "question", _("Borgerens bilag")
    ANSWER = "answer", _("Svarets bilag")


class Attachment(models.Model):
    """A document attached to a question or its answer, stored in the private file store."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="attachments")
    part = models.CharField(_("del"), max_length=10, choices=AttachmentPart.choices)
    original_name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("filtype"), max_length=40)
    size = models.PositiveIntegerField(_("størrelse"))
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question", "id"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self) -> str:
        return self.original_name
