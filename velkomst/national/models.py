"""National distribution (NAT-1, NAT-2): the yearly reference table per municipality, the quota
plans computed from it, the trained employment models with their cards, the arriving
households, the assignment runs with their suggestions and the case officer's decisions, and
the placements that reach the receiving municipality.

None of this belongs to a municipality's tenancy: the national user (``Role.NATIONAL``, no
municipality) reads and writes it; a municipality sees only the placements made to it
(``NationalPlacement``), never a run, a suggestion or another municipality's placements.

A trained model is kept in the database: its card as JSON and the fitted model as bytes (a
pickle of the engine's ``EmploymentModel``, written and read only by this app; docs/decisions.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class ReferenceTable(models.Model):
    """One year's figures per municipality, uploaded as a whole (all or nothing)."""

    year = models.PositiveSmallIntegerField(_("år"))
    label = models.CharField(_("betegnelse"), max_length=120)
    is_demo = models.BooleanField(_("demodata"), default=False)
    file_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    groups = models.JSONField(default=list, blank=True)  # nationality groups of the stock columns
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploadet af"),
    )
    uploaded_at = models.DateTimeField(_("uploadet"), default=timezone.now)

    class Meta:
        ordering = ["-year", "-uploaded_at", "-id"]
        verbose_name = _("referencetabel")
        verbose_name_plural = _("referencetabeller")

    def __str__(self) -> str:
        return f"{self.year}: {self.label}"


class ReferenceRow(models.Model):
    table = models.ForeignKey(ReferenceTable, on_delete=models.CASCADE, related_name="rows")
    municipality_code = models.CharField(_("kommunekode"), max_length=8)
    region = models.CharField(_("region"), max_length=60)
    population = models.PositiveIntegerField(_("indbyggere"))
    nonwestern_stock = models.PositiveIntegerField(_("ikke-vestlige indvandrere og flygtninge"))
    reunified_last_year = models.PositiveIntegerField(
        _("familiesammenførte til flygtninge sidste år")
    )
    reunified_living = models.PositiveIntegerField(
        _("familiesammenførte til flygtninge bosat i kommunen")
    )
    local_employment_rate = models.FloatField(_("lokal beskæftigelsesfrekvens"))
    treatment_services = models.BooleanField(_("behandlingstilbud"))
    quota_households = models.PositiveIntegerField(_("kvote (husstande)"), default=0)
    stock = models.JSONField(_("landsmænd efter nationalitet"), default=dict, blank=True)

    class Meta:
        ordering = ["table", "municipality_code"]
        constraints = [
            models.UniqueConstraint(fields=["table", "municipality_code"], name="referencerow_once")
        ]
        verbose_name = _("kommune i referencetabel")
        verbose_name_plural = _("kommuner i referencetabel")

    def __str__(self) -> str:
        return self.municipality_code


class QuotaPlan(models.Model):
    """A computation of § 4 on a table: its inputs, every step (``steps``), the regional
    agreements and revisions made on it, and the quotas in force (``quota``)."""

    table = models.ForeignKey(
        ReferenceTable, on_delete=models.PROTECT, related_name="plans", verbose_name=_("tabel")
    )
    landstal = models.PositiveIntegerField(_("landstal"))
    reunified_total = models.PositiveIntegerField(_("familiesammenførte sidste år i alt"))
    steps = models.JSONField(default=dict)
    quota = models.JSONField(default=dict)  # municipality code → households, in force
    agreements = models.JSONField(default=list, blank=True)
    revisions = models.JSONField(default=list, blank=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beregnet af"),
    )
    computed_at = models.DateTimeField(_("beregnet"), default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-computed_at", "-id"]
        verbose_name = _("kvoteplan")
        verbose_name_plural = _("kvoteplaner")

    def __str__(self) -> str:
        return f"{self.table.year}: {self.landstal}"


class ModelSource(models.TextChoices):
    PLATFORM = "platform", _("Platformens egne udfald")
    FILE = "file", _("Historikfil (H.csv)")
    DEMO = "demo", _("Syntetisk demoverden")


class TrainedModel(models.Model):
    """A trained employment model (NAT-2): its card and the fitted model, kept for good, so an
    assignment can name the model it used."""

    trained_at = models.DateTimeField(_("trænet"), default=timezone.now)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trænet af"),
    )
    source = models.CharField(_("data"), max_length=10, choices=ModelSource.choices)
    source_name = models.CharField(_("datakilde"), max_length=255, blank=True)
    table = models.ForeignKey(
        ReferenceTable,
        on_delete=models.PROTECT,
        related_name="models",
        verbose_name=_("referencetabel"),
    )
    is_demo = models.BooleanField(_("demodata"), default=False)
    card = models.JSONField(default=dict)
    fitted = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-trained_at", "-id"]
        verbose_name = _("beskæftigelsesmodel")
        verbose_name_plural = _("beskæftigelsesmodeller")

    def __str__(self) -> str:
        return f"#{self.pk}"


class ArrivalBatch(models.Model):
    """Arriving households (an A.csv-shaped upload, or generated for the demo): anonymous
    adults by household, no names."""

    year = models.PositiveSmallIntegerField(_("år"))
    label = models.CharField(_("betegnelse"), max_length=120)
    is_demo = models.BooleanField(_("demodata"), default=False)
    file_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    adults = models.JSONField(default=list)  # the engine's Adult fields, one dict per adult
    special = models.JSONField(default=list, blank=True)  # households needing treatment
    fixed = models.JSONField(default=dict, blank=True)  # household → municipality code
    household_count = models.PositiveIntegerField(_("husstande"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploadet af"),
    )
    uploaded_at = models.DateTimeField(_("uploadet"), default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("ankomne husstande")
        verbose_name_plural = _("ankomne husstande")

    def __str__(self) -> str:
        return self.label


class RunMode(models.TextChoices):
    BATCH = "batch", _("Samlet for perioden")
    ONLINE = "online", _("Løbende: én uge")


class RunState(models.TextChoices):
    QUEUED = "queued", _("Venter")
    RUNNING = "running", _("Kører")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlede")


class AssignmentRun(models.Model):
    batch = models.ForeignKey(
        ArrivalBatch, on_delete=models.PROTECT, related_name="runs", verbose_name=_("husstande")
    )
    plan = models.ForeignKey(
        QuotaPlan, on_delete=models.PROTECT, related_name="runs", verbose_name=_("kvoteplan")
    )
    model = models.ForeignKey(
        TrainedModel, on_delete=models.PROTECT, related_name="runs", verbose_name=_("model")
    )
    mode = models.CharField(_("kørsel"), max_length=10, choices=RunMode.choices)
    week = models.PositiveSmallIntegerField(_("uge"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=RunState.choices, default=RunState.QUEUED
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    progress_step = models.CharField(max_length=20, blank=True)  # a code, shown by its label
    summary = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("startet af"),
    )
    requested_at = models.DateTimeField(_("startet"), default=timezone.now)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("fordelingskørsel")
        verbose_name_plural = _("fordelingskørsler")

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def busy(self) -> bool:
        return self.state in (RunState.QUEUED, RunState.RUNNING)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class DecisionState(models.TextChoices):
    PENDING = "pending", _("Afventer")
    ACCEPTED = "accepted", _("Godkendt")
    CHANGED = "changed", _("Ændret")
    REJECTED = "rejected", _("Afvist")


class Suggestion(models.Model):
    """One household's suggested municipality, why, against which alternatives, and what the
    case officer decided."""

    run = models.ForeignKey(AssignmentRun, on_delete=models.CASCADE, related_name="suggestions")
    household_id = models.CharField(_("husstand"), max_length=60)
    adults = models.PositiveSmallIntegerField(_("voksne"))
    household_size = models.PositiveSmallIntegerField(_("personer"))
    arrival_week = models.PositiveSmallIntegerField(_("ankomstuge"))
    municipality_code = models.CharField(_("foreslået kommune"), max_length=8)
    chance = models.FloatField(_("forventet chance for job"))
    alternatives = models.JSONField(default=list)  # [{municipality, chance, why_not}]
    reasons = models.JSONField(default=list)  # [{code, values}], shown by their labels
    bound = models.CharField(_("bindende regel"), max_length=20, blank=True)
    decision = models.CharField(
        _("afgørelse"),
        max_length=10,
        choices=DecisionState.choices,
        default=DecisionState.PENDING,
    )
    decided_municipality_code = models.CharField(_("besluttet kommune"), max_length=8, blank=True)
    decision_reason = models.TextField(_("begrundelse"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgjort af"),
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["run", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "household_id"], name="suggestion_once")
        ]
        verbose_name = _("forslag til kommune")
        verbose_name_plural = _("forslag til kommuner")

    def __str__(self) -> str:
        return self.household_id


class NationalPlacement(models.Model):
    """A household the immigration service has placed in a municipality on the platform: it
    appears on the municipality's visitation page until the visitation itself is imported."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    suggestion = models.OneToOneField(
        Suggestion, on_delete=models.PROTECT, related_name="placement"
    )
    household_reference = models.CharField(_("husstandsreference"), max_length=60)
    adults = models.PositiveSmallIntegerField(_("voksne"))
    household_size = models.PositiveSmallIntegerField(_("personer"))
    arrival_week = models.PositiveSmallIntegerField(_("ankomstuge"))
    year = models.PositiveSmallIntegerField(_("år"))
    special_needs = models.BooleanField(_("behov for behandlingstilbud"), default=False)
    placed_at = models.DateTimeField(_("visiteret"), default=timezone.now)

    class Meta:
        ordering = ["municipality", "-placed_at", "-id"]
        verbose_name = _("visitation fra Udlændingestyrelsen")
        verbose_name_plural = _("visitationer fra Udlændingestyrelsen")

    def __str__(self) -> str:
        return self.household_reference
