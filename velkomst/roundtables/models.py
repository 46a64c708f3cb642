"""Round-table meetings (rundbordsmøder, COO-3) around one citizen or a household.

A round table is an appointment of the kind ``round_table`` (``appointments.Appointment``), so
the calendar, the household's meetings and interpreter bookings show it; this app holds what the
meeting is about: participants from the municipality's units and outside actors, an ordered
agenda, decisions per agenda item, and follow-up tasks with an owner, a unit and a deadline that
land on the owner's worklist. Every time the minutes are sent to an outside participant or a
unit, the share is checked against the citizen's consent (COO-4) and recorded (``MinutesSent``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.appointments.models import Appointment
from velkomst.core.models import Municipality, StaffUser, Unit
from velkomst.people.models import Household, Person


class RoundTable(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    appointment = models.OneToOneField(
        Appointment, on_delete=models.PROTECT, related_name="round_table"
    )
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="round_tables")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="round_tables",
        verbose_name=_("borger"),
    )  # None: the whole household
    title = models.CharField(_("formål"), max_length=200)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(StaffUser, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-appointment__starts_at", "-id"]
        indexes = [models.Index(fields=["municipality", "household"])]
        verbose_name = _("rundbordsmøde")
        verbose_name_plural = _("rundbordsmøder")

    def __str__(self) -> str:
        return self.title


class ParticipantKind(models.TextChoices):
    STAFF = "staff", _("Medarbejder")
    OUTSIDE = "outside", _("Ekstern aktør")


class Participant(models.Model):
    """A staff member of one of the units, or an outside actor (the school, the GP, a
    volunteer) with name, organisation and role, and the municipality's unit it belongs to or
    works with, if any (the school's unit: consents to share name units, COO-4)."""

    round_table = models.ForeignKey(
        RoundTable, on_delete=models.CASCADE, related_name="participants"
    )
    kind = models.CharField(_("type"), max_length=8, choices=ParticipantKind.choices)
    user = models.ForeignKey(
        StaffUser,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medarbejder"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("navn"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    role = models.CharField(_("rolle"), max_length=150, blank=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("deltager")
        verbose_name_plural = _("deltagere")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id is not None and self.user is not None:
            return self.user.get_full_name() or self.user.username
        return self.name


class AgendaItem(models.Model):
    round_table = models.ForeignKey(RoundTable, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("punkt"), max_length=200)
    notes = models.TextField(_("noter"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Decision(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("beslutning"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")

    def __str__(self) -> str:
        return self.text[:60]


class FollowUp(models.Model):
    """A follow-up task: what, who owns it (a staff member) in which unit, and by when. Open
    until ``done_on``; on the owner's worklist when due soon or overdue."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    round_table = models.ForeignKey(RoundTable, on_delete=models.CASCADE, related_name="followups")
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
        verbose_name=_("beslutning"),
    )
    text = models.CharField(_("opgave"), max_length=500)
    owner = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarlig")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateField(_("frist"))
    done_on = models.DateField(_("udført den"), null=True, blank=True)
    done_by = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["municipality", "owner", "done_on", "deadline"])]
        verbose_name = _("opfølgningsopgave")
        verbose_name_plural = _("opfølgningsopgaver")

    def __str__(self) -> str:
        return self.text[:60]


class MinutesSent(models.Model):
    """The minutes (or a summary) sent to an outside participant or a unit, under consent."""

    round_table = models.ForeignKey(
        RoundTable, on_delete=models.CASCADE, related_name="minutes_sent"
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient = models.CharField(_("modtager"), max_length=300)
    purpose = models.CharField(_("formål"), max_length=40)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(StaffUser, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("udsendt referat")
        verbose_name_plural = _("udsendte referater")

    def __str__(self) -> str:
        return self.recipient
