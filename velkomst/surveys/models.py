"""Surveys (CIT-2): the refugees' own experience, asked at set moments of the case.

``Definition`` is a survey as versioned data (``presets.py``); ``Invitation`` is one person asked
one survey at one moment (the moment and the definition version recorded), due/sent, answered,
declined or unanswered; the answers are stored apart from the case in ``Response`` and
``Answer``: tied to the invitation only, with the answer codes and an optional comment, no copy of
the person's data. Results are read aggregated (``selectors.results``) with small counts hidden.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality, StaffUser
from velkomst.people.models import Person


class Definition(models.Model):
    key = models.CharField(_("nøgle"), max_length=40)
    version = models.PositiveIntegerField(_("version"))
    title: Any = models.JSONField(_("titel"), default=dict)  # {language: text}
    questions: Any = models.JSONField(_("spørgsmål"), default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="survey_definition_version")
        ]
        verbose_name = _("spørgeskema")
        verbose_name_plural = _("spørgeskemaer")

    def __str__(self) -> str:
        return f"{self.title.get('da', self.key)} (v{self.version})"


class Moment(models.TextChoices):
    THREE_MONTHS = "three_months", _("Tre måneder efter ankomst")
    SIX_MONTHS = "six_months", _("Seks måneder efter ankomst")
    ONE_YEAR = "one_year", _("Et år efter ankomst")
    PROGRAMME_END = "programme_end", _("Ved programmets afslutning")


class Status(models.TextChoices):
    SENT = "awaiting_answer", _("Udsendt")
    ANSWERED = "answered", _("Besvaret")
    DECLINED = "declined", _("Afslået")
    UNANSWERED = "unanswered", _("Ubesvaret")


class Channel(models.TextChoices):
    PAPER = "paper", _("Papirskema tastet ind af medarbejder")
    ENTRANCE = "entrance", _("Borgerens egen indgang")


class Invitation(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="survey_invitations")
    definition = models.ForeignKey(Definition, on_delete=models.PROTECT, related_name="+")
    survey_key = models.CharField(_("spørgeskema"), max_length=40)
    moment = models.CharField(_("tidspunkt"), max_length=20, choices=Moment.choices)
    due_on = models.DateField(_("sendt den"))
    answer_by = models.DateField(_("svarfrist"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    closed_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-due_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "survey_key", "moment"], name="survey_invitation_once"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "answer_by"]),
            models.Index(fields=["municipality", "due_on"]),
        ]
        verbose_name = _("invitation til spørgeskema")
        verbose_name_plural = _("invitationer til spørgeskema")

    def __str__(self) -> str:
        return f"{self.get_moment_display()}, {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == Status.SENT


class Response(models.Model):
    """The answered survey, apart from the case: when, how, and an optional comment."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="response")
    answered_on = models.DateField(_("besvaret den"))
    channel = models.CharField(_("hvordan"), max_length=10, choices=Channel.choices)
    comment = models.TextField(_("kommentar"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")


class Answer(models.Model):
    """One question's answer code (``"4"``, ``"yes"``, ``"phone"``)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(_("spørgsmål"), max_length=40)
    value = models.CharField(_("svar"), max_length=20)

    class Meta:
        ordering = ["response", "id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once")
        ]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
