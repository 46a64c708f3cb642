"""A visitation import: one uploaded file, from upload through review to import (REC-1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class ImportStatus(models.TextChoices):
    REJECTED = "rejected", _("Afvist (fejl i filen)")
    REVIEW = "review", _("Afventer gennemsyn")
    IMPORTING = "importing", _("Importeres")
    IMPORTED = "imported", _("Importeret")
    CANCELLED = "cancelled", _("Annulleret")


class ImportBatch(models.Model):
    """Who uploaded which file when, and what came of it.

    While the batch awaits review, ``rows`` holds the validated rows; once it is imported or
    cancelled they are removed (the persons live in their own tables), and ``result`` keeps only
    counts, line numbers and ids. A rejected file keeps its problems, never its rows.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploadet af"),
    )
    created_at = models.DateTimeField(_("uploadet"), default=timezone.now)
    file_name = models.CharField(_("filnavn"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)
    sha256 = models.CharField(max_length=64, db_index=True)
    row_count = models.PositiveIntegerField(_("rækker"), default=0)
    household_count = models.PositiveIntegerField(_("husstande"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices)
    rows = models.JSONField(default=list, blank=True)
    problems = models.JSONField(default=list, blank=True)
    duplicates = models.JSONField(default=list, blank=True)
    ignored_headers = models.JSONField(default=list, blank=True)
    result = models.JSONField(default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    # the confirmed import runs as a background task (tasks.confirm_batch): the decisions on
    # duplicates wait here, and why an attempt came back to review (a code, shown translated)
    decisions = models.JSONField(default=dict, blank=True)
    import_error = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["municipality", "-created_at"])]
        verbose_name = _("visitationsimport")
        verbose_name_plural = _("visitationsimporter")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"
