"""Matches between a volunteer's offer and a household (CIV-2, CIV-3).

The coordinator records a household's wishes (``Wish``: the kinds of offer it wants in priority
order, interests, weekdays), the matching engine (``engines/volunteer_matching``) suggests offers
for the households whose consent covers contact by a volunteer, and the coordinator proposes a
``Match``. Both sides accept (or either declines, with a reason); the first meeting is held
within ``pairing_first_meeting_days`` of the acceptance, the coordinator follows up
``pairing_follow_up_weeks`` after it (ongoing, or ended with a reason). The pipeline is
``TRANSITIONS``; an illegal step raises ``services.IllegalTransition``.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("Foreslået")
    ACCEPTED = "accepted", _("Accepteret af begge")
    DECLINED = "declined", _("Afslået")
    MET = "met", _("Første møde holdt")
    ONGOING = "ongoing", _("I gang")
    ENDED = "ended", _("Afsluttet")


TRANSITIONS: dict[str, tuple[str, ...]] = {
    MatchState.PROPOSED: (MatchState.ACCEPTED, MatchState.DECLINED),
    MatchState.ACCEPTED: (MatchState.MET, MatchState.ENDED),
    MatchState.MET: (MatchState.ONGOING, MatchState.ENDED),
    MatchState.ONGOING: (MatchState.ENDED,),
    MatchState.DECLINED: (),
    MatchState.ENDED: (),
}
# a match in these states holds one of the offer's places
ACTIVE_STATES = (MatchState.PROPOSED, MatchState.ACCEPTED, MatchState.MET, MatchState.ONGOING)


class MatchSide(models.TextChoices):
    HOUSEHOLD = "household", _("Husstanden")
    VOLUNTEER = "volunteer", _("Den frivillige")


class MatchEndReason(models.TextChoices):
    COMPLETED = "completed", _("Forløbet er gennemført")
    HOUSEHOLD_STOPPED = "household_stopped", _("Husstanden ønskede at stoppe")
    VOLUNTEER_STOPPED = "volunteer_stopped", _("Den frivillige stoppede")
    NO_CONTACT = "no_contact", _("Ingen kontakt")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Samtykket er trukket tilbage")
    CERTIFICATE_EXPIRED = "certificate_expired", _("Børneattesten er udløbet")
    MOVED = "moved", _("Husstanden er flyttet")
    OTHER = "other", _("Andet")


class Wish(models.Model):
    """What a household wishes from a volunteer, recorded by a caseworker or the coordinator."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.OneToOneField(
        "people.Household",
        on_delete=models.CASCADE,
        related_name="volunteer_wish",
        verbose_name=_("husstand"),
    )
    kinds = models.JSONField(
        _("ønskede tilbud"), default=list, blank=True
    )  # OfferKind, by priority
    interests = models.JSONField(_("interesser"), default=list, blank=True)  # free words
    weekdays = models.JSONField(_("ugedage"), default=list, blank=True)  # Weekday values
    note = models.TextField(_("bemærkning"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        "core.StaffUser",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ønske til frivillig")
        verbose_name_plural = _("ønsker til frivillige")

    def __str__(self) -> str:
        return str(self.household)


class Match(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(
        "volunteers.Offer",
        on_delete=models.PROTECT,
        related_name="matches",
        verbose_name=_("tilbud"),
    )
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        related_name="volunteer_matches",
        verbose_name=_("husstand"),
    )
    state = models.CharField(
        _("status"), max_length=10, choices=MatchState.choices, default=MatchState.PROPOSED
    )
    score = models.FloatField(_("point"), default=0.0)
    reasons = models.JSONField(default=list, blank=True)  # the engine's reasons as data
    proposed_on = models.DateField(_("foreslået"))
    proposed_by = models.ForeignKey(
        "core.StaffUser", on_delete=models.PROTECT, related_name="+", verbose_name=_("foreslået af")
    )
    household_accepted_on = models.DateField(_("husstanden accepterede"), null=True, blank=True)
    volunteer_accepted_on = models.DateField(_("den frivillige accepterede"), null=True, blank=True)
    accepted_on = models.DateField(_("accepteret af begge"), null=True, blank=True)
    declined_on = models.DateField(_("afslået"), null=True, blank=True)
    declined_by = models.CharField(
        _("afslået af"), max_length=10, choices=MatchSide.choices, blank=True
    )
    decline_reason = models.TextField(_("begrundelse for afslag"), max_length=2000, blank=True)
    first_meeting_on = models.DateField(_("første møde"), null=True, blank=True)
    followed_up_on = models.DateField(_("fulgt op"), null=True, blank=True)
    ended_on = models.DateField(_("afsluttet"), null=True, blank=True)
    end_reason = models.CharField(
        _("årsag til afslutning"), max_length=20, choices=MatchEndReason.choices, blank=True
    )
    end_note = models.TextField(_("bemærkning til afslutning"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "state", "proposed_on"]),
            models.Index(fields=["municipality", "household"]),
        ]
        verbose_name = _("match")
        verbose_name_plural = _("match")

    def __str__(self) -> str:
        return f"{self.household} – {self.offer}"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES
