"""Handover when a household moves to another municipality (COO-5).

The sending municipality's caseworker enters the receiving municipality, the new address and the
moving date; the handover is sent with a snapshot (``content``, JSON) of what the law and the
municipality's configuration let pass (``handover_record_kinds``), made at the moment of sending.
The receiving municipality's administrator reads only that snapshot until it accepts; accepting
creates the household, persons, cases and records in the receiving tenant (``received_household``
and the origin note on each case); returning it gives a reason. The row belongs to both tenants:
``municipality`` sends, ``receiving`` receives; each sees it in its own lists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.models import Household


class State(models.TextChoices):
    SENT = "sent", _("Sendt, afventer modtagelse")
    ACCEPTED = "accepted", _("Modtaget")
    RETURNED = "returned", _("Sendt retur")


class RecordKind(models.TextChoices):
    PLAN = "plan", _("Integrationsplan og mål")
    ACTIVITIES = "activities", _("Aktiviteter")
    DANISH = "danish", _("Danskuddannelse")
    CONTRACT = "contract", _("Integrationskontrakt")
    OPEN_TASKS = "open_tasks", _("Åbne frister")
    JOURNAL_NOTES = "journal_notes", _("Journalnotater (ikke interne)")
    HEALTH = "health", _("Helbredsvurdering (kun med samtykke)")


class Handover(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fraflytningskommune"),
    )
    receiving = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tilflytningskommune"),
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="handovers", verbose_name=_("husstand")
    )
    new_address = models.CharField(_("ny adresse"), max_length=200)
    moving_date = models.DateField(_("flyttedato"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.SENT)
    content = models.JSONField(_("overdraget indhold"), default=dict)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("begrundelse for retur"), blank=True)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fast sagsbehandler i tilflytningskommunen"),
    )
    received_household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["municipality", "state"]),
            models.Index(fields=["receiving", "state"]),
        ]
        verbose_name = _("overdragelse")
        verbose_name_plural = _("overdragelser")

    def __str__(self) -> str:
        return f"{self.content.get('household', {}).get('name', '')} → {self.receiving_id}"

    @property
    def person_count(self) -> int:
        return len(self.content.get("persons", []))
