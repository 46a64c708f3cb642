"""Consent (COO-4): what a citizen agreed to share between units and with volunteers and
associations, with scope and dates.

One row is one purpose (``Purpose``): contact by volunteers or associations, a named kind of data
shared with named units, or a health result shared with a named unit. It is in force from
``given_on`` until ``valid_until`` (inclusive, when set) and stops at the moment ``withdrawn_at``.
Every share asks ``selectors.covering`` at the moment it happens and leaves a ``Disclosure``
(``services.share``), so the citizen can see what went where, under which consent.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality, StaffUser, Unit
from velkomst.people.models import Person


class Purpose(models.TextChoices):
    CONTACT_VOLUNTEER = "contact.volunteer", _("Kontakt fra frivillige")
    CONTACT_ASSOCIATION = "contact.association", _("Kontakt fra foreninger")
    SHARE_CONTACT = "share.contact", _("Kontaktoplysninger")
    SHARE_HOUSEHOLD = "share.household", _("Oplysninger om husstanden")
    SHARE_PLAN = "share.plan", _("Integrationsplan og aktiviteter")
    SHARE_DANISH = "share.danish", _("Danskuddannelse")
    SHARE_COMPETENCES = "share.competences", _("Kompetencer og cv")
    SHARE_CHILDREN = "share.children", _("Oplysninger om børnene")
    SHARE_CASE = "share.case", _("Sagens oplysninger")
    HEALTH_WORK_CAPACITY = (
        "health.work_capacity",
        _("Helbredsvurderingens konklusion om arbejdsevne"),
    )
    HEALTH_ASSESSMENT = "health.assessment", _("Helbredsvurderingens resultat med uddybning")
    HEALTH_REFERRALS = "health.referrals", _("Henvisninger til behandling")
    # COO-5: health data passed to the new municipality with a handover when the citizen moves
    HEALTH_HANDOVER = "health.handover", _("Helbredsoplysninger til ny bopælskommune ved flytning")


# purposes that name the receiving units (the rest: contact from volunteers or associations)
CONTACT_PURPOSES = frozenset({Purpose.CONTACT_VOLUNTEER, Purpose.CONTACT_ASSOCIATION})
HEALTH_PURPOSES = frozenset(
    {
        Purpose.HEALTH_WORK_CAPACITY,
        Purpose.HEALTH_ASSESSMENT,
        Purpose.HEALTH_REFERRALS,
        Purpose.HEALTH_HANDOVER,
    }
)
# purposes whose recipient is outside the municipality's units (COO-5: the new municipality)
OUTSIDE_PURPOSES = CONTACT_PURPOSES | {Purpose.HEALTH_HANDOVER}


def names_units(purpose: str) -> bool:
    return purpose not in OUTSIDE_PURPOSES


class Method(models.TextChoices):
    SIGNED = "signed", _("Underskrevet blanket")
    OWN_LANGUAGE = "own_language", _("Underskrevet blanket på borgerens eget sprog")
    ORAL = "oral", _("Mundtligt, med notat")
    MITID = "mitid", _("Digitalt med MitID")


class Consent(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("formål"), max_length=40, choices=Purpose.choices)
    units = models.ManyToManyField(
        Unit, related_name="+", blank=True, verbose_name=_("modtagende enheder")
    )
    given_on = models.DateField(_("givet den"))
    valid_until = models.DateField(_("gælder til og med"), null=True, blank=True)
    method = models.CharField(
        _("hvordan"), max_length=16, choices=Method.choices, default=Method.SIGNED
    )
    language = models.CharField(
        _("sprog"),
        max_length=3,
        blank=True,
        help_text=_("Det sprog, samtykket blev forklaret og givet på"),
    )
    note = models.TextField(_("notat"), blank=True)
    recorded_by = models.ForeignKey(StaffUser, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = models.TextField(_("bemærkning til tilbagetrækningen"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_on", "-id"]
        indexes = [models.Index(fields=["municipality", "purpose", "person"])]
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")

    def __str__(self) -> str:
        return str(self.get_purpose_display())

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Disclosure(models.Model):
    """One share of a person's data under a consent, at the moment it happened (append-only in
    practice): to a unit, or to a named recipient outside the units (a volunteer, an
    association), in a context (``"referral:17"``)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disclosures")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="disclosures")
    purpose = models.CharField(_("formål"), max_length=40, choices=Purpose.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient = models.CharField(_("modtager"), max_length=200, blank=True)
    context = models.CharField(_("sammenhæng"), max_length=100, blank=True)
    shared_at = models.DateTimeField(_("delt"), default=timezone.now)
    shared_by = models.ForeignKey(StaffUser, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-shared_at", "-id"]
        indexes = [models.Index(fields=["municipality", "person", "shared_at"])]
        verbose_name = _("videregivelse")
        verbose_name_plural = _("videregivelser")

    @property
    def recipient_name(self) -> str:
        return self.unit.name if self.unit is not None else self.recipient
