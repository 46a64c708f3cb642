"""Appointments with households (REC-4 meetings) and logged contacts (REC-8).

Times are stored in UTC and shown in Europe/Copenhagen. An appointment keeps a stable ``uid`` and
a ``sequence`` for the iCalendar export, and a ``version`` for optimistic concurrency (SEC-5).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.models import Household, Person
from velkomst.reception.models import PlanTask


class AppointmentKind(models.TextChoices):
    PRE_ARRIVAL_MEETING = "pre_arrival_meeting", _("Møde før ankomst")  # REC-4 (KL Aarhus)
    WELCOME_MEETING = "welcome_meeting", _("Velkomstmøde")  # REC-4 (KL Aarhus)
    SCREENING_MEETING = "screening_meeting", _("Screeningsmøde")  # CHI-1
    START_MEETING = "start_meeting", _("Startmøde")  # CHI-1
    SECOND_SCREENING = "second_screening", _("Andet screeningsmøde")  # CHI-1
    HOUSING_VISIT = "housing_visit", _("Boligbesøg")  # REC-4, HOU-7 (KL Haderslev)
    FOLLOW_UP = "follow_up", _("Opfølgningssamtale")
    JOB_INTERVIEW = "job_interview", _("Jobsamtale")  # PRG-1: counted by the programme rules
    ROUND_TABLE = "round_table", _("Rundbordsmøde")  # COO-3
    OPEN_COUNSELLING = "open_counselling", _("Åben rådgivning")  # REC-8
    HOUSE_MEETING = "house_meeting", _("Husmøde")  # REC-8
    OTHER = "other", _("Andet møde")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")
    NO_SHOW = "no_show", _("Udeblevet")


class Appointment(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="appointments")
    persons = models.ManyToManyField(
        Person,
        related_name="appointments",
        blank=True,
        verbose_name=_("deltagende borgere"),
        help_text=_("Tomt betyder hele husstanden"),
    )
    kind = models.CharField(_("mødetype"), max_length=32, choices=AppointmentKind.choices)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=200)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="appointments",
        blank=True,
        verbose_name=_("medarbejdere"),
    )
    external_participants = models.TextField(_("eksterne deltagere"), blank=True)
    interpreter_needed = models.BooleanField(_("tolk nødvendig"), default=False)
    language = models.CharField(_("tolkesprog"), max_length=3, blank=True)
    notes = models.TextField(_("bemærkninger"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    status_reason = models.CharField(_("begrundelse"), max_length=300, blank=True)
    plan_task = models.ForeignKey(
        PlanTask,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("opgave i modtageplanen"),
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["municipality", "starts_at"]),
            models.Index(fields=["household", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            )
        ]
        verbose_name = _("aftale")
        verbose_name_plural = _("aftaler")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_planned(self) -> bool:
        return self.status == AppointmentStatus.PLANNED


class CalendarFeedToken(models.Model):
    """The secret in a staff member's calendar-feed address; only its SHA-256 hash is stored.

    Calendar apps cannot log in, so the address itself is the credential. One live token per
    user: making a new one replaces the old, which stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")

    def __str__(self) -> str:
        return f"{self.user} ({self.prefix}…)"


class ContactKind(models.TextChoices):
    OPEN_COUNSELLING = "open_counselling", _("Åben rådgivning")
    HOUSE_MEETING = "house_meeting", _("Husmøde")
    PHONE = "phone", _("Telefon")
    OTHER = "other", _("Anden kontakt")


class ContactTopic(models.TextChoices):
    LETTERS = "letters", _("Breve og digital post")
    ECONOMY = "economy", _("Økonomi og ydelser")
    HOUSING = "housing", _("Bolig")
    WORK = "work", _("Arbejde og praktik")
    EDUCATION = "education", _("Danskuddannelse og uddannelse")
    CHILDREN = "children", _("Børn, skole og dagtilbud")
    HEALTH = "health", _("Sundhed og læge")
    AUTHORITIES = "authorities", _("Myndigheder og opholdstilladelse")
    LEISURE = "leisure", _("Fritid og foreninger")
    OTHER = "other", _("Andet")


class ContactLog(models.Model):
    """One contact at open counselling, a house meeting or by phone (REC-8, KL Aarhus).

    Who came: a household and those of its members who came, and/or a number of people who were
    not registered (anonymous counselling, a house meeting's crowd), so use can be counted.
    """

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kontaktform"), max_length=32, choices=ContactKind.choices)
    date = models.DateField(_("dato"))
    topic = models.CharField(_("emne"), max_length=32, choices=ContactTopic.choices)
    topic_text = models.CharField(_("emne med egne ord"), max_length=200, blank=True)
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("husstand"),
    )
    persons = models.ManyToManyField(
        Person, related_name="contacts", blank=True, verbose_name=_("fremmødte borgere")
    )
    anonymous_count = models.PositiveIntegerField(
        _("andre fremmødte (ikke registreret)"), default=0
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="contacts",
        blank=True,
        verbose_name=_("medarbejdere"),
    )
    note = models.TextField(_("notat"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["municipality", "date"])]
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"
