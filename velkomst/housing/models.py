"""The dwelling register (HOU-1) and households' housing needs (HOU-2).

Names and values follow the placement engine's dataclasses (velkomst.engines.placement.model):
amounts are whole kroner per month, travel times whole minutes, dwelling types the engine's.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from velkomst.core.models import Municipality
from velkomst.people.models import Household


class AreaKind(models.TextChoices):
    DISTRICT = "district", _("Bydel")
    TOWN = "town", _("By")


class DwellingType(models.TextChoices):
    TEMPORARY = "temporary", _("Midlertidig bolig")
    PERMANENT = "permanent", _("Permanent bolig")
    PRIVATE_HOST = "private_host", _("Privat indkvartering hos vært")
    SHARED = "shared", _("Delebolig")
    YOUTH = "youth", _("Ungdoms- eller kollegiebolig")
    CONVERTED = "converted", _("Ombygget institution")


class LandlordKind(models.TextChoices):
    HOUSING_ASSOCIATION = "housing_association", _("Boligforening")
    PRIVATE = "private", _("Privat udlejer")
    MUNICIPALITY = "municipality", _("Kommunen")


class DwellingStatus(models.TextChoices):
    AVAILABLE = "available", _("Ledig")
    RESERVED = "reserved", _("Reserveret")
    OCCUPIED = "occupied", _("Beboet")
    WITHDRAWN = "withdrawn", _("Taget ud af brug")


class Area(models.Model):
    """A district or town of the municipality."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=100)
    kind = models.CharField(_("type"), max_length=10, choices=AreaKind.choices)
    vulnerable = models.BooleanField(
        _("udsat boligområde"),
        default=False,
        help_text=_("På den nationale liste over udsatte boligområder: ingen boligplacering her."),
    )
    youth_environment = models.BooleanField(_("ungdomsmiljø"), default=False)
    schools = models.CharField(_("skoler"), max_length=500, blank=True)
    daycares = models.CharField(_("dagtilbud"), max_length=500, blank=True)
    existing_refugee_households = models.PositiveIntegerField(
        _("flygtningehusstande i området"), default=0
    )
    # HOU-3 spread: the area's own cap on refugee households (those living there counted), as a
    # number and/or a share of all its households (the smaller applies); none: the
    # municipality's placement_area_cap
    max_refugee_households = models.PositiveIntegerField(
        _("højst flygtningehusstande"), null=True, blank=True
    )
    max_share_percent = models.PositiveSmallIntegerField(
        _("højst andel flygtningehusstande (%)"), null=True, blank=True
    )
    households_total = models.PositiveIntegerField(
        _("husstande i området i alt"), null=True, blank=True
    )
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="housing_area_name_unique"
            )
        ]
        verbose_name = _("område")
        verbose_name_plural = _("områder")

    def __str__(self) -> str:
        return self.name


class AreaTravel(models.Model):
    """Travel minutes by public transport from one area to another (the municipality's own
    estimate; no online routing is available). Stored both ways; ``from_area == to_area`` is the
    time within the area. Used for the travel to a household's workplace or education (HOU-2)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    from_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="travel_from")
    to_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    minutes = models.PositiveSmallIntegerField(_("minutter"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["from_area", "to_area"], name="housing_travel_pair")
        ]
        verbose_name = _("rejsetid mellem områder")
        verbose_name_plural = pgettext_lazy("flertal", "rejsetider mellem områder")


class Dwelling(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("adresse"), max_length=200)
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="dwellings", verbose_name=_("område")
    )
    type = models.CharField(_("type"), max_length=20, choices=DwellingType.choices)
    rooms = models.PositiveSmallIntegerField(_("værelser"))
    size_m2 = models.PositiveIntegerField(_("størrelse (m²)"))
    rent = models.PositiveIntegerField(_("husleje pr. måned (kr.)"))
    utilities = models.PositiveIntegerField(_("forbrug pr. måned (kr.)"), default=0)
    landlord_kind = models.CharField(_("udlejertype"), max_length=20, choices=LandlordKind.choices)
    landlord_name = models.CharField(_("udlejer"), max_length=150, blank=True)
    available_from = models.DateField(_("ledig fra"))
    step_free = models.BooleanField(_("niveaufri adgang"), default=False)
    minutes_to_school = models.PositiveSmallIntegerField(
        _("minutter til skole"), null=True, blank=True
    )
    minutes_to_daycare = models.PositiveSmallIntegerField(
        _("minutter til dagtilbud"), null=True, blank=True
    )
    minutes_to_transport = models.PositiveSmallIntegerField(
        _("minutter til offentlig transport"), null=True, blank=True
    )
    minutes_to_shops = models.PositiveSmallIntegerField(
        _("minutter til indkøb"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DwellingStatus.choices, default=DwellingStatus.AVAILABLE
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["address", "id"]
        indexes = [
            models.Index(fields=["municipality", "status", "available_from"]),
            models.Index(fields=["municipality", "area"]),
        ]
        verbose_name = _("bolig")
        verbose_name_plural = _("boliger")

    def __str__(self) -> str:
        return self.address

    @property
    def monthly_cost(self) -> int:
        return self.rent + self.utilities

    @property
    def travel_minutes(self) -> dict[str, int]:
        """The engine's ``Dwelling.travel_minutes`` (keys: school, daycare, transport, shops)."""
        values = {
            "school": self.minutes_to_school,
            "daycare": self.minutes_to_daycare,
            "transport": self.minutes_to_transport,
            "shops": self.minutes_to_shops,
        }
        return {key: value for key, value in values.items() if value is not None}


class HousingNeed(models.Model):
    """What a household needs of a dwelling (HOU-2). Rooms and maximum rent have computed
    defaults (housing.rules); the stored values are what the housing officer decided."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.OneToOneField(
        Household, on_delete=models.PROTECT, related_name="housing_need"
    )
    rooms_needed = models.PositiveSmallIntegerField(_("værelser"))
    expected_monthly_income = models.PositiveIntegerField(
        _("forventet indkomst pr. måned (kr.)"), null=True, blank=True
    )
    max_rent = models.PositiveIntegerField(
        _("højeste husleje inkl. forbrug pr. måned (kr.)"), null=True, blank=True
    )
    step_free_needed = models.BooleanField(_("behov for niveaufri bolig"), default=False)
    student_youth_environment = models.BooleanField(
        _("studerende, der har gavn af et ungdomsmiljø"), default=False
    )
    workplace_or_school_area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område for arbejde eller uddannelse"),
    )
    wished_area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ønsket område"),
    )
    needed_by = models.DateField(_("bolig senest"), null=True, blank=True)
    wishes = models.CharField(_("ønsker"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("boligbehov")
        verbose_name_plural = _("boligbehov")

    def __str__(self) -> str:
        return f"{self.household}: {self.rooms_needed}"


class PlacementEndReason(models.TextChoices):
    MOVED = "moved", _("Flyttet til en anden bolig")
    MOVED_AWAY = "moved_away", _("Fraflyttet kommunen")
    LEASE_ENDED = "lease_ended", _("Lejemålet er ophørt")
    CORRECTION = "correction", _("Registreret ved en fejl")


class PlacementSource(models.TextChoices):
    SUGGESTION = "suggestion", _("Forslag fra en placeringskørsel")
    MANUAL = "manual", _("Registreret af en boligmedarbejder")
    HOST_MATCH = "host_match", _("Match med en privat vært")
    ALLOCATION = "allocation", _("Boligforeningens anvisning")


class Placement(models.Model):
    """A household living in a dwelling from ``start_date`` to ``end_date`` (HOU-4). The type and
    the monthly cost (rent and utilities) are the dwelling's on the start day, kept so that later
    edits of the dwelling do not rewrite history. A household has at most one open placement; a move ends the open one."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="placements")
    dwelling = models.ForeignKey(Dwelling, on_delete=models.PROTECT, related_name="placements")
    type = models.CharField(_("type"), max_length=20, choices=DwellingType.choices)
    start_date = models.DateField(_("indflytning"))
    end_date = models.DateField(_("fraflytning"), null=True, blank=True)
    # MI-4: the dwelling's rent and utilities a month on the move-in day, kept like ``type``;
    # the cost of a stay is this per month, by the stay's days (velkomst.indicators)
    monthly_cost = models.PositiveIntegerField(
        _("husleje inkl. forbrug pr. måned (kr.)"), null=True, blank=True
    )
    end_reason = models.CharField(
        _("årsag til fraflytning"), max_length=20, choices=PlacementEndReason.choices, blank=True
    )
    source = models.CharField(_("kilde"), max_length=20, choices=PlacementSource.choices)
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        "core.StaffUser", on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["household", "start_date", "id"]
        indexes = [
            models.Index(fields=["municipality", "end_date"]),
            models.Index(fields=["dwelling", "end_date"]),
        ]
        verbose_name = _("boligplacering")
        verbose_name_plural = _("boligplaceringer")

    def __str__(self) -> str:
        return f"{self.household} → {self.dwelling} ({self.start_date})"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Regner")
    DONE = "done", _("Færdig")
    FAILED = "failed", _("Fejlet")


class PlacementRun(models.Model):
    """One run of the placement engine over a batch of households (HOU-3). The engine runs as a
    background task; ``stage`` and ``progress`` are what the page shows meanwhile."""

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
    household_ids = models.JSONField(default=list)
    dwelling_count = models.PositiveIntegerField(default=0)
    parameters = models.JSONField(default=dict)  # weights and options as used
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    solver_status = models.CharField(max_length=20, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    greedy_objective = models.FloatField(null=True, blank=True)
    goals = models.JSONField(default=dict)
    # the independent rule check of the suggestions (engines.placement.check), made before
    # anyone sees them: {"broken": [{rule, area, households, params}], "areas": [{area, placed,
    # count, cap, over, alone}]}
    rule_check = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    # the latest "accept all" or "reject all" (a background task as well): who asked, what, and
    # how it went ({"count": n} or {"problems": [[household name, message], ...]})
    bulk_status = models.CharField(max_length=10, choices=RunStatus.choices, blank=True)
    bulk_decision = models.CharField(max_length=10, blank=True)
    bulk_note = models.CharField(max_length=500, blank=True)
    bulk_by = models.ForeignKey(
        "core.StaffUser", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    bulk_result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("placeringskørsel")
        verbose_name_plural = _("placeringskørsler")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def gap_percent(self) -> float | None:
        return self.gap * 100 if self.gap is not None else None

    @property
    def greedy_ratio(self) -> float | None:
        """The run's score over the greedy baseline's (1.0: no better than greedy)."""
        if self.objective is None or not self.greedy_objective:
            return None
        return self.objective / self.greedy_objective


class Decision(models.TextChoices):
    PENDING = "pending", _("Afventer beslutning")
    ACCEPTED = "accepted", _("Godkendt")
    CHANGED = "changed", _("Godkendt med en anden bolig")
    REJECTED = "rejected", _("Afvist")


class PlacementSuggestion(models.Model):
    """The engine's suggestion for one household of a run (``dwelling`` empty: not placed, with
    the blocking rules in ``explanations``) and the housing officer's decision on it."""

    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="suggestions")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    dwelling = models.ForeignKey(
        Dwelling, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    parts = models.JSONField(default=dict)  # goal -> points
    explanations = models.JSONField(default=list)  # [{"code": ..., "params": {...}}]
    candidates = models.PositiveIntegerField(default=0)
    decision = models.CharField(
        _("beslutning"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        "core.StaffUser", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("begrundelse"), max_length=500, blank=True)
    placement = models.OneToOneField(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="suggestion"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "household"], name="housing_suggestion_one_per_household"
            )
        ]
        verbose_name = _("placeringsforslag")
        verbose_name_plural = pgettext_lazy("flertal", "placeringsforslag")
