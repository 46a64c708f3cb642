"""The dwelling register (HOU-1) and households' housing needs (HOU-2).

Names and values follow the placement engine's dataclasses (velkomst.engines.placement.model):
amounts are whole kroner per month, travel times whole minutes, dwelling types the engine's.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
