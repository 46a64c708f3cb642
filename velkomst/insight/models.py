"""The annual status report (MI-3): a generated report kept with the strategy version and data
moment it used, and the manager's commentary per guidepost and year.

The PDF and the XLSX of a finished report are kept in the database (``BinaryField``), not as
files: they hold the municipality's aggregates, go with the database's backups and tenancy, and
are a few hundred kilobytes a year (docs/decisions.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class ReportState(models.TextChoices):
    QUEUED = "queued", _("Venter")
    RUNNING = "running", _("Dannes")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlede")


class StatusReport(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    strategy = models.ForeignKey(
        "strategies.StrategyVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("strategiversion"),
    )
    # the version's reference ("540-v2") as it was when the report was made
    strategy_reference = models.CharField(_("strategiversion"), max_length=40, blank=True)
    # the latest audited write of the municipality's data when the figures were read
    data_moment = models.DateTimeField(_("data pr."), null=True, blank=True)
    language = models.CharField(_("sprog"), max_length=8, default="da")
    state = models.CharField(
        _("status"), max_length=10, choices=ReportState.choices, default=ReportState.QUEUED
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_step = models.CharField(max_length=20, blank=True)  # a code, shown by its label
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bestilt af"),
    )
    requested_at = models.DateTimeField(_("bestilt"), default=timezone.now)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    xlsx = models.BinaryField(null=True, blank=True, editable=False)
    error = models.TextField(_("fejl"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["municipality", "-requested_at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "state", "year"], name="statusreport_state_year")
        ]
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")

    def __str__(self) -> str:
        return f"{self.year} ({self.strategy_reference})"

    @property
    def busy(self) -> bool:
        return self.state in (ReportState.QUEUED, ReportState.RUNNING)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class ReportCommentary(models.Model):
    """The manager's text on one guidepost in one year's report (by the guidepost's number, so it
    stays with the guidepost across strategy versions)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    guidepost_number = models.PositiveIntegerField(_("pejlemærke"))
    text = models.TextField(_("kommentar"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("opdateret"), default=timezone.now)

    class Meta:
        ordering = ["municipality", "year", "guidepost_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "guidepost_number"],
                name="reportcommentary_once",
            )
        ]
        verbose_name = _("kommentar til statusrapporten")
        verbose_name_plural = _("kommentarer til statusrapporten")

    def __str__(self) -> str:
        return _("Pejlemærke %(number)s, %(year)s") % {
            "number": self.guidepost_number,
            "year": self.year,
        }
