"""The integration programme's core (PRG-1, PRG-5, PRG-8): a person's integration contract,
their integration plan with its direction and goals, the plan's activities (each of exactly one
category) and the support measures that seeds give (a free bus card, childcare during course
hours, a mentor).

Everything is a dated fact that can be counted (the insight issue computes indicators from it);
the programme rules that judge a plan live in ``velkomst.engines.programme`` and the
municipality's configuration (``core/config.py``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.levels import CefrLevel
from velkomst.people.models import Person


class Direction(models.TextChoices):
    JOB = "job", _("Jobrettet")
    EDUCATION = "education", _("Uddannelsesrettet")
    REHABILITATION = "rehabilitation", _("Rehabiliterende")


class GoalKind(models.TextChoices):
    JOB = "job", _("Job inden for et fag")
    EDUCATION = "education", _("Uddannelse")
    DANISH = "danish", _("Danskniveau")


class Category(models.TextChoices):
    ENTERPRISE = "enterprise", _("Virksomhedsrettet")
    EDUCATION = "education", _("Uddannelsesrettet")
    DANISH = "danish", _("Danskuddannelse")
    OTHER = "other", _("Andet")


class ActivityKind(models.TextChoices):
    # enterprise-directed
    INTERNSHIP = "internship", _("Virksomhedspraktik")
    LANGUAGE_INTERNSHIP = "language_internship", _("Sprogpraktik")
    WAGE_SUBSIDY = "wage_subsidy", _("Løntilskud")
    IGU = "igu", _("IGU (integrationsgrunduddannelse)")
    JOB_WITH_MENTOR = "job_with_mentor", _("Ordinært job med mentorstøtte")
    # education-directed
    ORDINARY_EDUCATION = "ordinary_education", _("Ordinær uddannelse")
    PREPARATORY = "preparatory", _("Forberedende uddannelse (FVU, AVU, FGU)")
    UPSKILLING = "upskilling", _("Vejledning og opkvalificering")
    # Danish education
    DANISH_EDUCATION = "danish_education", _("Danskuddannelse")
    # other
    HEALTH = "health", _("Sundhedsindsats")
    REHABILITATION = "rehabilitation", _("Rehabilitering")
    SOCIETAL_UNDERSTANDING = "societal_understanding", _("Samfundsforståelse")
    ENTREPRENEURSHIP_COURSE = "entrepreneurship_course", _("Iværksætterkursus")
    ENTREPRENEURSHIP_ADVICE = "entrepreneurship_advice", _("Iværksætterrådgivning")
    MENTOR = "mentor", _("Mentor")


# Each kind belongs to exactly one category (validated by the services).
KIND_CATEGORY: dict[str, str] = {
    ActivityKind.INTERNSHIP: Category.ENTERPRISE,
    ActivityKind.LANGUAGE_INTERNSHIP: Category.ENTERPRISE,
    ActivityKind.WAGE_SUBSIDY: Category.ENTERPRISE,
    ActivityKind.IGU: Category.ENTERPRISE,
    ActivityKind.JOB_WITH_MENTOR: Category.ENTERPRISE,
    ActivityKind.ORDINARY_EDUCATION: Category.EDUCATION,
    ActivityKind.PREPARATORY: Category.EDUCATION,
    ActivityKind.UPSKILLING: Category.EDUCATION,
    ActivityKind.DANISH_EDUCATION: Category.DANISH,
    ActivityKind.HEALTH: Category.OTHER,
    ActivityKind.REHABILITATION: Category.OTHER,
    ActivityKind.SOCIETAL_UNDERSTANDING: Category.OTHER,
    ActivityKind.ENTREPRENEURSHIP_COURSE: Category.OTHER,
    ActivityKind.ENTREPRENEURSHIP_ADVICE: Category.OTHER,
    ActivityKind.MENTOR: Category.OTHER,
}


class ProviderKind(models.TextChoices):
    COMPANY = "company", _("Virksomhed")
    LANGUAGE_CENTRE = "language_centre", _("Sprogcenter")
    SCHOOL = "school", _("Skole eller uddannelsessted")
    OTHER = "other", _("Andet")


class SupportKind(models.TextChoices):
    BUS_CARD = "bus_card", _("Gratis buskort")
    CHILDCARE = "childcare", _("Børnepasning i kursustiden")
    MENTOR = "mentor", _("Mentor")
    OTHER = "other", _("Anden støtte")


class ContractStatus(models.TextChoices):
    PENDING = "pending", _("Ikke underskrevet")
    PARTLY_SIGNED = "partly_signed", _("Delvist underskrevet")
    SIGNED = "signed", _("Underskrevet af begge")
    REFUSED = "refused", _("Afvist af borgeren")


class IntegrationPlan(models.Model):
    """One per person (PRG-1); its direction defaults to education-directed under 30 (PRG-5)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="integration_plan")
    direction = models.CharField(_("retning"), max_length=16, choices=Direction.choices)
    direction_reason = models.TextField(_("begrundelse for retning"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["municipality", "direction"])]
        verbose_name = _("integrationsplan")
        verbose_name_plural = _("integrationsplaner")

    def __str__(self) -> str:
        return f"{_('Integrationsplan')}: {self.get_direction_display()}"


class PlanGoal(models.Model):
    """A goal: a job in a named trade (DISCO-08 code, with its label), an education, or a Danish
    level, each by a target date."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(IntegrationPlan, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(_("måltype"), max_length=16, choices=GoalKind.choices)
    trade_code = models.CharField(
        _("fag (DISCO-08-kode)"), max_length=8, blank=True, help_text=_("Fx 5120 for kok")
    )
    trade_label = models.CharField(_("fag"), max_length=200, blank=True)
    education = models.CharField(_("uddannelse"), max_length=200, blank=True)
    danish_level = models.CharField(
        _("danskniveau"), max_length=4, choices=CefrLevel.choices, blank=True
    )
    target_date = models.DateField(_("måldato"))
    achieved_on = models.DateField(_("nået den"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["target_date", "id"]
        indexes = [models.Index(fields=["municipality", "kind"])]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        what = self.trade_label or self.education or self.get_danish_level_display()
        return f"{self.get_kind_display()}: {what}"


class Activity(models.Model):
    """An activity of the plan (PRG-1, PRG-8): its category and sub-kind, dates (end None =
    ongoing), hours a week and provider."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(IntegrationPlan, on_delete=models.CASCADE, related_name="activities")
    category = models.CharField(_("kategori"), max_length=16, choices=Category.choices)
    kind = models.CharField(_("aktivitet"), max_length=32, choices=ActivityKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("slut"), null=True, blank=True, help_text=_("Tom betyder løbende"))
    hours_per_week = models.DecimalField(_("timer pr. uge"), max_digits=4, decimal_places=1)
    provider_kind = models.CharField(_("udbydertype"), max_length=16, choices=ProviderKind.choices)
    provider_name = models.CharField(_("udbyder"), max_length=200, blank=True)
    # MI-4: what the municipality pays the provider, whole kroner a week (decisions.md); empty:
    # no cost to the municipality (an internship at a company, a course paid by others)
    price_per_week = models.PositiveIntegerField(
        _("pris pr. uge (kr.)"), null=True, blank=True, help_text=_("Tom betyder ingen udgift")
    )
    note = models.TextField(_("bemærkning"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["municipality", "category", "start"]),
            models.Index(fields=["plan", "start"]),
        ]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self) -> str:
        if self.provider_name:
            return f"{self.get_kind_display()}, {self.provider_name}"
        return str(self.get_kind_display())

    def is_running_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class SupportMeasure(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    plan = models.ForeignKey(IntegrationPlan, on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(_("støtte"), max_length=16, choices=SupportKind.choices)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    # MI-4: what the municipality pays, whole kroner a month (a bus card's monthly price)
    price_per_month = models.PositiveIntegerField(
        _("pris pr. måned (kr.)"), null=True, blank=True, help_text=_("Tom betyder ingen udgift")
    )
    note = models.TextField(_("bemærkning"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("støtteforanstaltning")
        verbose_name_plural = _("støtteforanstaltninger")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class IntegrationContract(models.Model):
    """The integration contract (integrationskontrakt), due within one month of the takeover date;
    signed by both parties, or refused by the citizen with a reason. Its status is derived."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="integration_contract"
    )
    due_date = models.DateField(_("frist"))
    signed_on = models.DateField(_("underskrevet af borgeren"), null=True, blank=True)
    signed_by_municipality_on = models.DateField(
        _("underskrevet af kommunen"), null=True, blank=True
    )
    signed_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("underskrevet af medarbejder"),
    )
    refused_on = models.DateField(_("afvist den"), null=True, blank=True)
    refusal_reason = models.TextField(_("begrundelse for afvisning"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["municipality", "due_date"])]
        verbose_name = _("integrationskontrakt")
        verbose_name_plural = _("integrationskontrakter")

    def __str__(self) -> str:
        return f"{_('Integrationskontrakt')}: {self.get_status_display()}"

    @property
    def status(self) -> str:
        if self.refused_on:
            return ContractStatus.REFUSED
        if self.signed_on and self.signed_by_municipality_on:
            return ContractStatus.SIGNED
        if self.signed_on or self.signed_by_municipality_on:
            return ContractStatus.PARTLY_SIGNED
        return ContractStatus.PENDING

    def get_status_display(self) -> str:
        return str(ContractStatus(self.status).label)

    @property
    def is_settled(self) -> bool:
        return self.status in (ContractStatus.SIGNED, ContractStatus.REFUSED)
