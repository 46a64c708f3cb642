"""Retention and erasure (SEC-4): the municipality's retention rules (versioned by effective
date), legal holds on a person or a case, and the runs of the erasure job with the items of
their dry run.

A run's items hold the kind and id of each record and what the rule does to it, never the
record's data: once a run is done, what was deleted is gone, and the run keeps only the counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class RecordKind(models.TextChoices):
    CASE = "case", _("Sag")
    PERSON = "person", _("Person")
    JOURNAL_NOTE = "journal_note", _("Journalnotat")
    DOCUMENT = "document", _("Dokument")
    AUDIT_ENTRY = "audit_entry", _("Logpost")
    HOUSING_HISTORY = "housing_history", _("Boligforløb")
    SURVEY_ANSWER = "survey_answer", _("Svar på spørgeskema")
    PUBLIC_REPORT = "public_report", _("Henvendelse fra offentligheden (naboproblem)")


class RetentionEvent(models.TextChoices):
    CASE_CLOSED = "case_closed", _("Sagen er afsluttet")
    MOVED_AWAY = "moved_away", _("Personen er fraflyttet")
    CREATED = "created", _("Posten er oprettet")


class RetentionAction(models.TextChoices):
    KEEP = "keep", _("Bevares til arkivering")
    ANONYMISE = "anonymise", _("Anonymiseres")
    DELETE = "delete", _("Slettes")


class RuleSet(models.Model):
    """One version of the municipality's retention rules (its journal plan), in force from
    ``effective_from`` until the next version's day."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField(_("gælder fra"))
    note = models.CharField(_("note (journalplanens reference)"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["municipality", "-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "effective_from"], name="retention_one_ruleset_per_day"
            )
        ]
        verbose_name = _("opbevaringsregler")
        verbose_name_plural = _("opbevaringsregler")


class Rule(models.Model):
    """How long a kind of record is kept after an event, and what then happens to it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("posttype"), max_length=20, choices=RecordKind.choices)
    months = models.PositiveIntegerField(_("opbevaringstid (måneder)"))
    event = models.CharField(_("regnet fra"), max_length=20, choices=RetentionEvent.choices)
    action = models.CharField(_("derefter"), max_length=12, choices=RetentionAction.choices)

    class Meta:
        ordering = ["rule_set", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "kind"], name="retention_rule_per_kind")
        ]
        verbose_name = _("opbevaringsregel")
        verbose_name_plural = _("opbevaringsregler")


class LegalHold(models.Model):
    """A hold on a person or a case: while it is not lifted, nothing of it is erased."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    case = models.ForeignKey(
        "people.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sag"),
    )
    reason = models.CharField(_("begrundelse"), max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(_("sat"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("ophævet"), null=True, blank=True)
    lift_reason = models.CharField(_("begrundelse for ophævelse"), max_length=500, blank=True)

    class Meta:
        ordering = ["municipality", "-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, case__isnull=True)
                | Q(person__isnull=True, case__isnull=False),
                name="retention_hold_person_or_case",
            )
        ]
        verbose_name = _("retligt tilbagehold")
        verbose_name_plural = _("retlige tilbagehold")

    @property
    def active(self) -> bool:
        return self.lifted_at is None


class RunState(models.TextChoices):
    PLANNING = "planning", _("Prøvekørsel i gang")
    PLANNED = "planned", _("Venter på godkendelse")
    APPROVED = "approved", _("Godkendt, i gang")
    DONE = "done", _("Udført")
    DISCARDED = "discarded", _("Forkastet")
    FAILED = "failed", _("Fejlet")


class Run(models.Model):
    """One run of the erasure job: its dry run (the items), the approval, the progress by batch
    and the counts per record kind, rule and action."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField(_("opgjort pr."))
    rule_set = models.ForeignKey(
        RuleSet, on_delete=models.PROTECT, null=True, blank=True, related_name="runs"
    )
    state = models.CharField(
        _("status"), max_length=12, choices=RunState.choices, default=RunState.PLANNING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bestilt af"),
    )
    requested_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    planned_at = models.DateTimeField(_("prøvekørsel færdig"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    # {"<kind>:<rule id>:<action>": count}: planned at the dry run, done as batches commit
    planned = models.JSONField(default=dict, blank=True)
    done = models.JSONField(default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    batches_done = models.PositiveIntegerField(default=0)
    error = models.TextField(_("fejl"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["municipality", "-requested_at", "-id"]
        indexes = [models.Index(fields=["municipality", "state"], name="retention_run_state")]
        verbose_name = _("sletningskørsel")
        verbose_name_plural = _("sletningskørsler")

    @property
    def busy(self) -> bool:
        return self.state in (RunState.PLANNING, RunState.APPROVED)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.state == RunState.DONE else 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class RunItem(models.Model):
    """One record the run deletes or anonymises: its kind and id, the rule and the action; the
    batch it belongs to and when that batch was committed."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    record_id = models.BigIntegerField()
    rule = models.ForeignKey(Rule, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=12, choices=RetentionAction.choices)
    event_date = models.DateField()
    batch = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    # what was done: the action, or "anonymise" where a delete found the record still referenced
    outcome = models.CharField(max_length=12, blank=True)

    class Meta:
        ordering = ["run", "batch", "id"]
        indexes = [models.Index(fields=["run", "batch"], name="retention_item_batch")]


class AnonymisedRecord(models.Model):
    """That a record was anonymised (by which run): the next dry run does not list it again."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    record_id = models.BigIntegerField()
    run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_id"], name="retention_anonymised_once")
        ]
