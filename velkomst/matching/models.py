"""Batch matching runs (PRG-4): the engine's suggestions of persons for many openings at once.

A run is started from a page, computed by a background task (``tasks.execute_run``) and stores
one suggestion per person placed, with the score and its reasons as data (``engines.matching``
codes and parameters, rendered in the reader's language). A suggestion is only a suggestion: the
job consultant proposes the person to the company from it (``companies`` Proposal).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from velkomst.companies.models import Opening
from velkomst.core.models import Municipality
from velkomst.people.models import Person


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Regner")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


class MatchingRun(models.Model):
    """One batch fill of the municipality's open openings with the persons the starter sees."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey("core.StaffUser", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    stage = models.CharField(_("trin"), max_length=40, blank=True)
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    opening_ids = models.JSONField(default=list)
    person_ids = models.JSONField(default=list)  # the persons the starter could see
    parameters = models.JSONField(default=dict)  # the engine's weights and limits as used
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    solver_status = models.CharField(max_length=20, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    greedy_objective = models.FloatField(null=True, blank=True)
    greedy_assigned = models.PositiveIntegerField(null=True, blank=True)
    eligible_pairs = models.PositiveIntegerField(null=True, blank=True)
    # the independent check (engines.matching.check_fill) of the suggestions, made before anyone
    # sees them: {"broken": [{"rule", "persons", "opening", "params"}]}
    rule_check = models.JSONField(default=dict)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "created_at"])]
        verbose_name = _("matchningskørsel")
        verbose_name_plural = pgettext_lazy("flertal", "matchningskørsler")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    @property
    def gap_percent(self) -> float | None:
        return None if self.gap is None else 100 * self.gap


class MatchingSuggestion(models.Model):
    """The engine's suggestion of one person for one opening in a run."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="suggestions")
    opening = models.ForeignKey(Opening, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField(_("point"))
    reasons = models.JSONField(default=list)  # [{"code", "params", "points"}]

    class Meta:
        ordering = ["run", "opening", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "person"], name="matching_suggestion_one_per_person"
            )
        ]
        verbose_name = _("matchningsforslag")
        verbose_name_plural = pgettext_lazy("flertal", "matchningsforslag")

    def __str__(self) -> str:
        return f"{self.person}: {self.opening}"
