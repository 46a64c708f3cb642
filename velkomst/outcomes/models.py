"""Outcomes of the integration programme (PRG-7): employment, education, benefit periods and
self-support as dated facts per person, and the municipality's claims of the result grants
(resultattilskud) the rules engine (velkomst.engines.grants) derives from them.

Grants themselves are never typed: they are computed from these records (and the Danish exams of
velkomst.danish) by the engine; the lists read the engine's results from ``DerivedGrant``, a
derived table ``velkomst.outcomes.derived`` keeps current (decision 108). A ``ResultGrantClaim``
records that the municipality has claimed one, keyed by the derived grant's person, kind and date
earned.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.models import Person


class SubsidyKind(models.TextChoices):
    NONE = "none", _("Ordinær beskæftigelse uden tilskud")
    WAGE_SUBSIDY = "loentilskud", _("Løntilskud")
    IGU = "igu", _("IGU (integrationsgrunduddannelse)")
    FLEXJOB = "fleksjob", _("Fleksjob")


class BenefitType(models.TextChoices):
    SELF_SUPPORT = "selvforsoergelse", _("Selvforsørgelses- og hjemrejseydelse")
    TRANSITION = "overgangsydelse", _("Overgangsydelse")
    CASH = "kontanthjaelp", _("Kontanthjælp")
    EDUCATION_AID = "uddannelseshjaelp", _("Uddannelseshjælp")
    SU = "su", _("SU")
    OWN_INCOME = "own_income", _("Ingen ydelse (egen indtægt)")
    OTHER = "other", _("Anden ydelse")


class SelfSupportSource(models.TextChoices):
    WORK = "work", _("Arbejde")
    EDUCATION = "education", _("Uddannelse (SU)")
    SPOUSE = "spouse", _("Ægtefælles forsørgelse")
    BUSINESS = "business", _("Egen virksomhed")
    OTHER = "other", _("Andet")


class GrantKind(models.TextChoices):
    JOB = "job", _("Ordinær beskæftigelse")
    EDUCATION = "education", _("Ordinær uddannelse")
    DANISH = "danish", _("Bestået danskprøve")


class Employment(models.Model):
    """A job the person held: employer, CVR, dates and hours a week, with or without subsidy."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="employments")
    employer_name = models.CharField(_("arbejdsgiver"), max_length=200)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True)
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    hours_per_week = models.DecimalField(_("timer pr. uge"), max_digits=4, decimal_places=1)
    subsidy = models.CharField(
        _("tilskud"), max_length=12, choices=SubsidyKind.choices, default=SubsidyKind.NONE
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "start_date", "id"]
        indexes = [
            models.Index(fields=["municipality", "person"]),
            models.Index(fields=["municipality", "start_date"]),
        ]
        verbose_name = _("beskæftigelse")
        verbose_name_plural = _("beskæftigelser")

    def __str__(self) -> str:
        return self.employer_name


class EducationOutcome(models.Model):
    """An education the person started, completed or dropped out of."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="education_outcomes")
    institution = models.CharField(_("uddannelsessted"), max_length=200)
    programme = models.CharField(_("uddannelse"), max_length=200)
    qualifying = models.BooleanField(
        _("ordinær kompetencegivende uddannelse"),
        default=False,
        help_text=_("Uddannelsen giver resultattilskud, når den er ordinær og kompetencegivende."),
    )
    started_on = models.DateField(_("startdato"))
    completed_on = models.DateField(_("fuldført"), null=True, blank=True)
    dropped_on = models.DateField(_("afbrudt"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "started_on", "id"]
        indexes = [models.Index(fields=["municipality", "person"])]
        verbose_name = _("uddannelsesforløb")
        verbose_name_plural = _("uddannelsesforløb")

    def __str__(self) -> str:
        return f"{self.programme}, {self.institution}"


class BenefitPeriod(models.Model):
    """The benefit the person received in a period (an open period has no end)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="benefit_periods")
    benefit = models.CharField(_("ydelse"), max_length=20, choices=BenefitType.choices)
    from_date = models.DateField(_("fra"))
    to_date = models.DateField(_("til"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "from_date", "id"]
        indexes = [models.Index(fields=["municipality", "person"])]
        verbose_name = _("ydelsesperiode")
        verbose_name_plural = _("ydelsesperioder")

    def __str__(self) -> str:
        return str(self.get_benefit_display())


class SelfSupporting(models.Model):
    """The person is self-supporting from a date (at most one record per person)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="self_supporting")
    from_date = models.DateField(_("selvforsørgende fra"))
    source = models.CharField(
        _("forsørgelsesgrundlag"), max_length=12, choices=SelfSupportSource.choices
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("selvforsørgelse")
        verbose_name_plural = _("selvforsørgelse")

    def __str__(self) -> str:
        return str(self.get_source_display())


class ResultGrantClaim(models.Model):
    """The municipality has claimed a derived result grant (person, kind, date earned): the day,
    the amount claimed and the reference of the claim; ``paid_on`` when the state has paid."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="grant_claims")
    kind = models.CharField(_("tilskud"), max_length=10, choices=GrantKind.choices)
    earned_on = models.DateField(_("optjent"))
    amount = models.PositiveIntegerField(_("beløb (kr.)"))
    claimed_on = models.DateField(_("hjemtaget"))
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("hjemtaget af"),
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    paid_on = models.DateField(_("udbetalt"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-earned_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "earned_on"], name="result_grant_claim_unique"
            )
        ]
        indexes = [models.Index(fields=["municipality", "earned_on"])]
        verbose_name = _("hjemtaget resultattilskud")
        verbose_name_plural = _("hjemtagne resultattilskud")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class DerivedGrant(models.Model):
    """A result grant the rules engine derived (PRG-7), stored so the lists read rows, not the
    engine: derived data, never edited by hand and never the source of a claim (the claim form
    derives the person's grants afresh). ``velkomst.outcomes.derived`` keeps the table current:
    rebuilt each day and for other rate tables, and for the persons whose facts were written
    since. A person's rows go with the person."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="derived_grants")
    kind = models.CharField(_("tilskud"), max_length=10, choices=GrantKind.choices)
    achieved_on = models.DateField(_("opnået"))
    earned_on = models.DateField(_("optjent"))
    tier = models.CharField(_("sats"), max_length=10)
    amount = models.PositiveIntegerField(_("beløb (kr.)"))
    table_year = models.PositiveSmallIntegerField(_("satsår"))
    approximate = models.BooleanField(default=False)
    # the engine's evidence (velkomst.engines.grants JobEvidence, EducationEvidence, ExamEvidence)
    evidence = models.JSONField(default=dict)

    class Meta:
        ordering = ["-earned_on", "-person_id", "-kind"]
        indexes = [
            models.Index(fields=["municipality", "earned_on"], name="derived_grant_earned"),
            models.Index(fields=["municipality", "person"], name="derived_grant_person"),
        ]
        verbose_name = _("afledt resultattilskud")
        verbose_name_plural = _("afledte resultattilskud")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class DerivedGrantState(models.Model):
    """How current a municipality's ``DerivedGrant`` rows are: the day the grants were judged on,
    the latest audited write taken into account and the rate tables used."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="+")
    as_of = models.DateField()
    data_moment = models.DateTimeField(null=True)
    rates = models.CharField(max_length=64)  # a fingerprint of the rate tables' configuration
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afledte resultattilskuds stand")
        verbose_name_plural = _("afledte resultattilskuds stande")
