"""A municipality's strategy as data (MI-1): versions, each with guideposts (pejlemærker) and
their indicators with targets; and the figures entered by hand for indicators the platform holds
no data for.

A version is a draft until it is published; a published version is never changed again (an edit
starts a new draft copied from it), so a report that names the version it used (``reference``,
e.g. "540-v2") can always be read back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class Status(models.TextChoices):
    DRAFT = "draft", _("Udkast")
    PUBLISHED = "published", _("Offentliggjort")


class Kind(models.TextChoices):
    LIBRARY = "library", _("Fra indikatorbiblioteket")
    MANUAL = "manual", _("Indtastes i hånden")


class Good(models.TextChoices):
    """Which way is better; blank on an indicator means the library's own direction."""

    UP = "up", _("Højere er bedre")
    DOWN = "down", _("Lavere er bedre")
    NEITHER = "neither", _("Ingen bedre retning")


class Unit(models.TextChoices):
    """What a hand-entered figure is (a library indicator has the library's unit)."""

    SHARE = "share", _("Andel (%)")
    COUNT = "count", _("Antal")
    SUM = "sum", _("Sum")
    AMOUNT = "amount", _("Beløb (kr.)")
    DAYS = "days", _("Dage")
    AVERAGE = "average", _("Gennemsnit")


@dataclass(frozen=True)
class TargetStep:
    """One step of a target: ``value`` reached by ``by`` (None: a standing target)."""

    value: Decimal
    by: date | None


class StrategyVersion(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("versionsnummer"))
    title = models.CharField(_("titel"), max_length=200)
    valid_from = models.DateField(_("gælder fra"))
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    preset = models.CharField(_("forudindstilling"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # optimistic concurrency of the draft (SEC-5): every edit of the draft or its contents
    # bumps it, so two administrators editing one draft are told
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["municipality", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="strategyversion_number_unique"
            )
        ]
        verbose_name = _("strategiversion")
        verbose_name_plural = _("strategiversioner")

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def reference(self) -> str:
        """The version's stable name: municipality code and number ("540-v2"). A report states
        it; ``selectors.version_by_reference`` finds the version again."""
        return f"{self.municipality.code}-v{self.number}"


class Guidepost(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    strategy = models.ForeignKey(
        StrategyVersion, on_delete=models.CASCADE, related_name="guideposts"
    )
    number = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        ordering = ["strategy", "number", "id"]
        verbose_name = _("pejlemærke")
        verbose_name_plural = _("pejlemærker")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class StrategyIndicator(models.Model):
    """An indicator under a guidepost: a library indicator (``key`` from
    ``velkomst.indicators.library``) or one entered by hand (its own ``key``, ``title`` and the
    reason the platform holds no data for it). ``targets`` is a list of steps
    ``[{"value": "25", "by": "2017-12-31"}, …]`` in date order (``by`` null: no date)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    guidepost = models.ForeignKey(Guidepost, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("nøgle"), max_length=80)
    title = models.CharField(_("titel"), max_length=400)
    no_data_reason = models.CharField(
        _("hvorfor platformen ikke har tallet"), max_length=400, blank=True
    )
    unit = models.CharField(_("enhed"), max_length=10, choices=Unit.choices, blank=True)
    good = models.CharField(_("god retning"), max_length=10, choices=Good.choices, blank=True)
    breakdown = models.CharField(_("opdeling"), max_length=40, blank=True)
    targets = models.JSONField(_("mål"), default=list, blank=True)

    class Meta:
        ordering = ["guidepost", "order", "id"]
        verbose_name = _("strategiindikator")
        verbose_name_plural = _("strategiindikatorer")

    def __str__(self) -> str:
        return self.title

    def target_steps(self) -> list[TargetStep]:
        return [
            TargetStep(
                Decimal(str(step["value"])),
                date.fromisoformat(step["by"]) if step.get("by") else None,
            )
            for step in self.targets
        ]


class HandFigure(models.Model):
    """A figure entered by hand for an indicator and a period (both days inclusive), with its
    source and who entered it. Shown marked as hand-entered wherever it appears."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    indicator_key = models.CharField(_("indikator"), max_length=80)
    period_start = models.DateField(_("periodens start"))
    period_end = models.DateField(_("periodens slutning"))
    value = models.DecimalField(_("tal"), max_digits=14, decimal_places=2)
    source = models.CharField(_("kilde"), max_length=300)
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("indtastet"), default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["municipality", "indicator_key", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator_key", "period_start", "period_end"],
                name="handfigure_period_unique",
            )
        ]
        verbose_name = _("håndindtastet tal")
        verbose_name_plural = _("håndindtastede tal")

    def __str__(self) -> str:
        return f"{self.indicator_key} {self.period_start}–{self.period_end}"
