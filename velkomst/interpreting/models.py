"""Interpreters and interpreter bookings (INT-1, KL 02).

An interpreter (a freelance interpreter or an agency) covers languages in some modes at an hourly
or fixed price. A booking ties an interpreter (or, while it is only requested, nobody yet) to an
appointment with a household: language, mode, start and duration, cost and status. Languages are
the people register's stored ISO 639 codes (``velkomst.people.codes``: 639-1 where the language has
one, else 639-3, e.g. ``ti`` Tigrinya, ``prs`` Dari), so a booking's language compares with the
languages a person needs an interpreter for.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.appointments.models import Appointment
from velkomst.core.models import Municipality


class InterpreterKind(models.TextChoices):
    FREELANCE = "freelance", _("Freelancetolk")
    AGENCY = "agency", _("Tolkebureau")


class Mode(models.TextChoices):
    ON_SITE = "on_site", _("Fremmødetolkning")
    PHONE = "phone", _("Telefontolkning")
    VIDEO = "video", _("Videotolkning")


class PriceBasis(models.TextChoices):
    HOURLY = "hourly", _("Pris pr. time")
    FIXED = "fixed", _("Fast pris pr. opgave")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Anmodet")
    CONFIRMED = "confirmed", _("Bekræftet")
    HELD = "held", _("Gennemført")
    CANCELLED = "cancelled", _("Aflyst")


# the bookings that hold the interpreter's time and cover the appointment
ACTIVE = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED, BookingStatus.HELD)


class Interpreter(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=150)
    kind = models.CharField(
        _("type"), max_length=10, choices=InterpreterKind.choices, default=InterpreterKind.FREELANCE
    )
    languages = models.JSONField(_("sprog"), default=list, help_text=_("ISO 639-koder"))
    modes = models.JSONField(_("tolkeformer"), default=list)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    price_basis = models.CharField(
        _("prisgrundlag"), max_length=10, choices=PriceBasis.choices, default=PriceBasis.HOURLY
    )
    price = models.DecimalField(_("pris (kr.)"), max_digits=9, decimal_places=2)
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]
        verbose_name = _("tolk")
        verbose_name_plural = _("tolke")

    def __str__(self) -> str:
        return self.name


class Booking(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    appointment = models.ForeignKey(
        Appointment,
        on_delete=models.PROTECT,
        related_name="interpreter_bookings",
        verbose_name=_("møde"),
    )
    interpreter = models.ForeignKey(
        Interpreter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
        verbose_name=_("tolk eller bureau"),
    )
    language = models.CharField(_("sprog"), max_length=3, help_text=_("ISO 639-kode"))
    mode = models.CharField(_("tolkeform"), max_length=10, choices=Mode.choices)
    starts_at = models.DateTimeField(_("starter"))
    duration_minutes = models.PositiveIntegerField(_("varighed (minutter)"))
    ends_at = models.DateTimeField(_("slutter"), editable=False)
    cost = models.DecimalField(_("pris (kr.)"), max_digits=9, decimal_places=2, null=True)
    cost_entered = models.BooleanField(_("pris indtastet"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    note = models.TextField(_("bemærkning"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["municipality", "starts_at"]),
            models.Index(fields=["interpreter", "starts_at"]),
            models.Index(fields=["appointment", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gt=0), name="booking_positive_duration"
            )
        ]
        verbose_name = _("tolkebestilling")
        verbose_name_plural = _("tolkebestillinger")

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    def set_end(self) -> None:
        self.ends_at = self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_open(self) -> bool:
        return self.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)
