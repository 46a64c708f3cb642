"""Health (HEA-1, HEA-2) and barriers to work (PRG-6).

Health data is special-category personal data (GDPR art. 9): only roles that may see health data
(``velkomst.health.policy.can_view_health``) read assessments, conclusions, referrals, consents
and the details of health and trauma barriers, and every read is audited. Results leave the
health unit only through ``HealthShare``, when the person's ``HealthConsent`` covers the
receiving unit and purpose on the day of sharing.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.consent.models import Consent
from velkomst.core.models import Municipality, StaffUser, Unit
from velkomst.people.models import Household, Person


class OfferAnswer(models.TextChoices):
    PENDING = "pending", _("Ikke besvaret")
    ACCEPTED = "accepted", _("Takket ja")
    DECLINED = "declined", _("Takket nej")


class WorkCapacity(models.TextChoices):
    """The assessment's coded conclusion on work capacity (what the plan's direction follows)."""

    ORDINARY = "ordinary", _("Kan arbejde på almindelige vilkår")
    WITH_CONSIDERATION = "consideration", _("Kan arbejde med skånehensyn")
    REDUCED = "reduced", _("Nedsat arbejdsevne, behov for rehabilitering")
    NOT_NOW = "not_now", _("Kan ikke arbejde nu")


# the conclusions that make a plan rehabilitation-directed (PRG-6)
NOT_ORDINARY = frozenset({WorkCapacity.REDUCED, WorkCapacity.NOT_NOW})


class ReferralKind(models.TextChoices):
    GP = "gp", _("Egen læge")
    TRAUMA = "trauma", _("Traumebehandling")
    PTSD = "ptsd", _("PTSD-støtte")
    PHYSIOTHERAPY = "physiotherapy", _("Fysioterapi")
    OTHER = "other", _("Andet")


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("Henvist")
    WAITING = "waiting", _("På venteliste")
    STARTED = "started", _("Startet")
    COMPLETED = "completed", _("Afsluttet")
    DECLINED = "declined", _("Takket nej")


class ConsentPurpose(models.TextChoices):
    """The health results a consent (``velkomst.consent``, COO-4) lets the health unit share:
    the same codes as ``consent.models.Purpose``'s health purposes."""

    WORK_CAPACITY = "health.work_capacity", _("Helbredsvurderingens konklusion om arbejdsevne")
    ASSESSMENT = "health.assessment", _("Helbredsvurderingens resultat med uddybning")
    REFERRALS = "health.referrals", _("Henvisninger til behandling")


class BarrierKind(models.TextChoices):
    HEALTH = "health", _("Helbred")
    TRAUMA = "trauma", _("Traumer")
    LITERACY = "literacy", _("Læse- og skrivefærdigheder")
    CHILDCARE = "childcare", _("Børnepasning")
    SOCIETAL = "societal", _("Samfundsforståelse")
    TRANSPORT = "transport", _("Transport")
    OTHER = "other", _("Andet")


# barriers whose details are health data: others see only that one exists, and its measure
HEALTH_BARRIERS = frozenset({BarrierKind.HEALTH, BarrierKind.TRAUMA})


class _Record(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class HealthAssessmentOffer(_Record):
    """The offer of a health assessment (helbredsvurdering); ``mandatory`` is derived from the
    rule in force on ``offered_on`` (config ``health_assessment_mandatory_bases``)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_offers")
    offered_on = models.DateField(_("tilbudt den"))
    mandatory = models.BooleanField(_("obligatorisk"), default=False)
    answer = models.CharField(
        _("svar"), max_length=10, choices=OfferAnswer.choices, default=OfferAnswer.PENDING
    )
    answered_on = models.DateField(_("besvaret den"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-offered_on", "-id"]
        indexes = [models.Index(fields=["municipality", "answer"])]
        verbose_name = _("tilbud om helbredsvurdering")
        verbose_name_plural = _("tilbud om helbredsvurdering")


class HealthAssessment(_Record):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_assessments")
    offer = models.ForeignKey(
        HealthAssessmentOffer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assessed_on = models.DateField(_("vurderet den"))
    doctor = models.CharField(_("læge"), max_length=150)
    work_capacity = models.CharField(_("arbejdsevne"), max_length=16, choices=WorkCapacity.choices)
    conclusion = models.TextField(_("konklusion"), blank=True)
    recorded_by = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["municipality", "assessed_on"])]
        verbose_name = _("helbredsvurdering")
        verbose_name_plural = _("helbredsvurderinger")


class HealthReferral(_Record):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_referrals")
    kind = models.CharField(_("henvist til"), max_length=16, choices=ReferralKind.choices)
    referred_on = models.DateField(_("henvist den"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    status_on = models.DateField(_("status pr."))
    note = models.TextField(_("bemærkning"), blank=True)

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [models.Index(fields=["municipality", "status"])]
        verbose_name = _("henvisning")
        verbose_name_plural = _("henvisninger")


class HealthShare(models.Model):
    """A result shared with another unit under a consent (append-only in practice)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_shares")
    assessment = models.ForeignKey(HealthAssessment, on_delete=models.PROTECT, related_name="+")
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="health_shares")
    purpose = models.CharField(_("formål"), max_length=40, choices=ConsentPurpose.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(_("delt"), default=timezone.now)
    shared_by = models.ForeignKey(StaffUser, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-shared_at", "-id"]
        verbose_name = _("deling af helbredsoplysninger")
        verbose_name_plural = _("delinger af helbredsoplysninger")


class Barrier(_Record):
    """A barrier to work (PRG-6) with its measure, responsible staff member and follow-up."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="barriers")
    kind = models.CharField(_("barriere"), max_length=12, choices=BarrierKind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    measure = models.TextField(_("indsats"))
    responsible = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarlig")
    )
    follow_up_on = models.DateField(_("opfølgning"))
    resolved_on = models.DateField(_("løst den"), null=True, blank=True)

    class Meta:
        ordering = ["resolved_on", "follow_up_on", "id"]
        indexes = [models.Index(fields=["municipality", "responsible", "follow_up_on"])]
        verbose_name = _("barriere")
        verbose_name_plural = _("barrierer")

    @property
    def is_health(self) -> bool:
        return self.kind in HEALTH_BARRIERS


class CareCoordination(_Record):
    """HEA-2: one coordinator across units for a vulnerable family (or one person)."""

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    coordinator = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, related_name="+", verbose_name=_("koordinator")
    )
    started_on = models.DateField(_("startet den"))
    ended_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    goal = models.TextField(_("fælles mål"), blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["municipality", "coordinator"])]
        verbose_name = _("koordineret indsats")
        verbose_name_plural = _("koordinerede indsatser")


class CoordinatedMeasure(_Record):
    """One unit's measure in a coordinated plan (HEA-2)."""

    coordination = models.ForeignKey(
        CareCoordination, on_delete=models.CASCADE, related_name="measures"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    measure = models.TextField(_("indsats"))
    responsible = models.ForeignKey(
        StaffUser, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    from_on = models.DateField(_("fra"))
    to_on = models.DateField(_("til"), null=True, blank=True)
    follow_up_on = models.DateField(_("opfølgning"), null=True, blank=True)

    class Meta:
        ordering = ["from_on", "id"]
        verbose_name = _("enhedens indsats")
        verbose_name_plural = _("enhedernes indsatser")
