"""Neighbour problems reported by landlords and housing associations (HOU-8).

A landlord or housing association reports through a ``ReportChannel``: a secret link the
municipality sends them (they are not staff and do not log in). Each report is a tracked case
(``NeighbourReport``) with a number, an owner, a response due date counted in working days, and
an append-only timeline (``ReportEvent``). Its response time is ``first_response_at`` minus
``received_at``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class ChannelKind(models.TextChoices):
    HOUSING_ASSOCIATION = "housing_association", _("Boligforening")
    PRIVATE_LANDLORD = "private_landlord", _("Privat udlejer")
    OTHER = "other", _("Andet")


class ReportChannel(models.Model):
    """A reporter's way in: ``/report/<token>/``. The token is the credential, shown to the
    municipality's staff so they can send the link; a new token replaces the old at once."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=120)
    kind = models.CharField(_("type"), max_length=20, choices=ChannelKind.choices)
    token = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="neighbours_channel_name_unique"
            )
        ]
        verbose_name = _("indberetningskanal")
        verbose_name_plural = _("indberetningskanaler")

    def __str__(self) -> str:
        return self.name


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Haster")


class ReportStatus(models.TextChoices):
    NEW = "new", _("Ny")
    IN_PROGRESS = "in_progress", _("Under behandling")
    CLOSED = "closed", _("Lukket")


class ReportSource(models.TextChoices):
    LINK = "link", _("Indberetningslink")
    PHONE = "phone", _("Telefon (registreret af kommunen)")


class CaseNumberCounter(models.Model):
    """The last case number given per municipality and year (``2026-0007``)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="neighbours_counter_unique"
            )
        ]


class NeighbourReport(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(
        ReportChannel, on_delete=models.PROTECT, related_name="reports", verbose_name=_("kanal")
    )
    number = models.CharField(_("sagsnummer"), max_length=12)
    source = models.CharField(
        _("modtaget via"), max_length=10, choices=ReportSource.choices, default=ReportSource.LINK
    )
    reporter_name = models.CharField(_("indberetter"), max_length=120)
    reporter_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    reporter_email = models.EmailField(_("e-mail"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=200)
    description = models.TextField(_("hvad er der sket"), max_length=4000)
    since = models.DateField(_("siden"))
    urgency = models.CharField(
        _("hastegrad"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    consent_at = models.DateTimeField(_("oplyst om kommunens brug"))
    dwelling = models.ForeignKey(
        "housing.Dwelling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bolig"),
    )
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("husstand"),
    )
    received_at = models.DateTimeField(_("modtaget"))
    response_due = models.DateField(_("svar senest"))
    owner = models.ForeignKey(
        "core.StaffUser",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    first_response_at = models.DateTimeField(_("første svar"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    resolution = models.TextField(_("afslutning"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="neighbours_report_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "response_due"]),
            models.Index(fields=["municipality", "received_at"]),
            models.Index(fields=["municipality", "owner"]),
        ]
        verbose_name = _("naboproblem")
        verbose_name_plural = _("naboproblemer")

    def __str__(self) -> str:
        return self.number

    @property
    def response_time(self) -> timedelta | None:
        if self.first_response_at is None:
            return None
        return self.first_response_at - self.received_at

    @property
    def answered_on_time(self) -> bool | None:
        """None while unanswered; else whether the first response came by the due day."""
        if self.first_response_at is None:
            return None
        return timezone.localtime(self.first_response_at).date() <= self.response_due

    @property
    def is_overdue(self) -> bool:
        """No first response and the due day has passed."""
        return self.first_response_at is None and timezone.localdate() > self.response_due


class EventKind(models.TextChoices):
    NOTE = "note", _("Notat")
    CONTACTED_REPORTER = "contacted_reporter", _("Kontakt til indberetteren")
    VISITED_HOUSEHOLD = "visited_household", _("Besøg hos husstanden")
    OWNER = "owner", _("Ny ansvarlig")
    CLOSED = "closed", _("Lukket")


# Events that answer the report: the first of them sets the case's response time.
RESPONSE_KINDS = frozenset(
    {EventKind.CONTACTED_REPORTER, EventKind.VISITED_HOUSEHOLD, EventKind.CLOSED}
)


class AppendOnlyEventError(Exception):
    """A timeline event is never changed or deleted; a correction is a new event."""


class ReportEvent(models.Model):
    """One entry of a report's timeline. Append-only."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    report = models.ForeignKey(NeighbourReport, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    by = models.ForeignKey("core.StaffUser", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    text = models.TextField(_("tekst"), max_length=4000, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("hændelse")
        verbose_name_plural = _("hændelser")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyEventError("timeline events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyEventError("timeline events are append-only")
