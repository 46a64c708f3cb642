"""Housing associations, their move-out numbers and the monthly allocation meeting (HOU-5,
KL Odense).

The municipality shares each month's households among the housing associations in proportion to
each association's move-outs (the distribution key, ``distribution.py``); at the monthly
allocation meeting (anvisningsmøde) the associations get the list of their households and report
back whether a dwelling was offered and accepted.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.housing.models import Dwelling, Placement
from velkomst.people.models import Household


class HousingAssociation(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=150)
    contact_person = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    active = models.BooleanField(
        _("aktiv"), default=True, help_text=_("Kun aktive boligforeninger indgår i fordelingen.")
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="associations_association_name_unique"
            )
        ]
        verbose_name = _("boligforening")
        verbose_name_plural = _("boligforeninger")

    def __str__(self) -> str:
        return self.name


class MoveOutCount(models.Model):
    """How many tenancies of the association ended (fraflytninger) in one month."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    association = models.ForeignKey(
        HousingAssociation, on_delete=models.PROTECT, related_name="move_out_counts"
    )
    period = models.DateField(_("måned"), help_text=_("Den første dag i måneden."))
    move_outs = models.PositiveIntegerField(_("fraflytninger"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["association", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "period"], name="associations_move_outs_one_per_month"
            )
        ]
        indexes = [models.Index(fields=["municipality", "period"])]
        verbose_name = _("fraflytningstal")
        verbose_name_plural = _("fraflytningstal")

    def __str__(self) -> str:
        return f"{self.association}: {self.period:%Y-%m} {self.move_outs}"


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Udkast")
    HELD = "held", _("Afholdt")


# The meeting's pipeline: a draft is held; a held meeting stays held.
MEETING_STATUSES: dict[str, list[str]] = {
    MeetingStatus.DRAFT: [MeetingStatus.HELD],
    MeetingStatus.HELD: [],
}


class AllocationMeeting(models.Model):
    """The month's allocation meeting (anvisningsmøde) and the key it was drafted with. ``key``
    keeps the numbers as computed, so later corrections of move-outs do not rewrite the list."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("måned"), help_text=_("Den første dag i måneden."))
    meeting_date = models.DateField(_("mødedato"))
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    note = models.CharField(_("bemærkning"), max_length=1000, blank=True)
    key_months = models.PositiveSmallIntegerField(_("nøgleperiode (måneder)"))
    key = models.JSONField(default=dict)  # distribution.KeyResult as drafted (see services)
    created_by = models.ForeignKey(
        "core.StaffUser", on_delete=models.PROTECT, null=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "month"], name="associations_meeting_one_per_month"
            )
        ]
        verbose_name = _("anvisningsmøde")
        verbose_name_plural = _("anvisningsmøder")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


class Outcome(models.TextChoices):
    PENDING = "pending", _("Afventer")
    OFFERED = "offered", _("Bolig tilbudt")
    ACCEPTED = "accepted", _("Bolig accepteret")
    DECLINED = "declined", _("Bolig afslået")


class AllocationLine(models.Model):
    """One household on the meeting's list: the association the key gave it (``keyed``) and the
    one it is allocated to (``association``; different: a deviation from the key), and what came
    of it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(AllocationMeeting, on_delete=models.CASCADE, related_name="lines")
    association = models.ForeignKey(
        HousingAssociation,
        on_delete=models.PROTECT,
        related_name="allocation_lines",
        verbose_name=_("boligforening"),
    )
    keyed_association = models.ForeignKey(
        HousingAssociation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(default=0)  # order on the list (urgency)
    outcome = models.CharField(
        _("resultat"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    dwelling = models.ForeignKey(
        Dwelling,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bolig"),
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        "core.StaffUser", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "association__name", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "household"], name="associations_line_one_per_household"
            )
        ]
        verbose_name = _("husstand på anvisningslisten")
        verbose_name_plural = _("husstande på anvisningslisten")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.household} → {self.association}"

    @property
    def deviates(self) -> bool:
        return self.keyed_association_id is not None and (
            self.keyed_association_id != self.association_id
        )
