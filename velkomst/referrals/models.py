"""Referrals and handovers between units (COO-1), with the interface descriptions that say who
does what (COO-2), and the concerns about a child's welfare that reach the children and family
unit (CIV-3).

A ``Referral`` goes from a unit (and a staff member of it) to another unit of the same
municipality, about a citizen (a concern may name a child who is not registered), with what is
asked and which kinds of data are shared with it. Sharing is checked against the citizen's
consent (COO-4) at the moment the referral is sent. The receiving unit accepts it, which gives it
an owner, or returns it with a reason; an accepted referral is done when its work is. An
unanswered referral is overdue on both units' worklists after its answer deadline.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality, StaffUser, Unit
from velkomst.people.models import Person


class ReferralKind(models.TextChoices):
    """What a referral asks of the receiving unit (the interface descriptions' referral types)."""

    DANISH_EDUCATION = "danish_education", _("Danskuddannelse")
    EMPLOYMENT = "employment", _("Beskæftigelsesindsats")
    HEALTH = "health", _("Sundhed og helbred")
    FAMILY_SUPPORT = "family_support", _("Støtte til familien")
    SCHOOL_DAYCARE = "school_daycare", _("Skole eller dagtilbud")
    HOUSING = "housing", _("Bolig")
    VOLUNTEER = "volunteer", _("Frivillig eller forening")
    CHILD_CONCERN = "child_concern", _("Bekymring for et barn")
    OTHER = "other", _("Andet")


class ReferralStatus(models.TextChoices):
    NEW = "new", _("Ny")
    ACCEPTED = "accepted", _("Modtaget")
    RETURNED = "returned", _("Sendt retur")
    DONE = "done", _("Afsluttet")


class Referral(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=32, choices=ReferralKind.choices)
    # none only for a concern reported from outside the municipality's units (CIV-3)
    from_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fra enhed"),
    )
    from_staff = models.ForeignKey(
        StaffUser,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fra medarbejder"),
    )
    to_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("til enhed")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("borger"),
    )
    text = models.TextField(_("hvad der bedes om"), max_length=4000)
    # the consent purposes (share.*) whose data the referral shares with the receiving unit,
    # each checked through velkomst.consent.services.share when it was sent
    shared = models.JSONField(_("deles"), default=list, blank=True)
    deadline = models.DateField(_("ønskes udført senest"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    answer_due = models.DateField(_("svar senest"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.NEW
    )
    owner = models.ForeignKey(
        StaffUser,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarlig"),
    )
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    answered_by = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_reason = models.TextField(_("begrundelse"), max_length=2000, blank=True)
    done_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    result = models.TextField(_("resultat"), max_length=2000, blank=True)
    # a concern about a child's welfare (CIV-3), reported by a volunteer (or someone else)
    is_concern = models.BooleanField(_("bekymring"), default=False)
    reporter_name = models.CharField(_("indberetter"), max_length=120, blank=True)
    reporter_contact = models.CharField(_("indberetters kontakt"), max_length=200, blank=True)
    child_description = models.CharField(_("barnet"), max_length=300, blank=True)
    volunteer_id = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["to_unit", "status", "answer_due"]),
            models.Index(fields=["from_unit", "status", "answer_due"]),
            models.Index(fields=["municipality", "status", "answer_due"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_unit=models.F("to_unit")),
                name="referral_not_to_own_unit",
            )
        ]
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.from_unit} → {self.to_unit}"

    def is_overdue_on(self, day: object) -> bool:
        """Unanswered and its answer deadline has passed."""
        return self.status == ReferralStatus.NEW and day > self.answer_due  # type: ignore[operator]
