"""Households, persons, cases with phases, caseworker and contact persons, journal notes."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality, Unit

from .validators import mask_cpr


class ResidenceBasis(models.TextChoices):
    REFUGEE = "refugee", _("Flygtning")  # udlændingeloven § 7
    QUOTA_REFUGEE = "quota_refugee", _("Kvoteflygtning")  # udlændingeloven § 8
    FAMILY_REUNIFIED = "family_reunified", _("Familiesammenført")  # § 9


class Sex(models.TextChoices):
    FEMALE = "F", _("Kvinde")
    MALE = "M", _("Mand")
    OTHER = "X", _("Andet/uoplyst")


class Relation(models.TextChoices):
    """A person's relation to the household's reference person."""

    HEAD = "head", _("Hovedperson")
    SPOUSE = "spouse", _("Ægtefælle/partner")
    CHILD = "child", _("Barn")
    PARENT = "parent", _("Forælder")
    SIBLING = "sibling", _("Søskende")
    OTHER = "other", _("Anden relation")


class Proficiency(models.TextChoices):
    NATIVE = "native", _("Modersmål")
    FLUENT = "fluent", _("Flydende")
    BASIC = "basic", _("Grundlæggende")
    NONE = "none", _("Ingen")


class Household(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("husstand"), max_length=120)
    expected_arrival_date = models.DateField(_("forventet ankomst"), null=True, blank=True)
    arrival_date = models.DateField(_("ankomstdato"), null=True, blank=True)
    asylum_centre = models.CharField(_("asylcenter"), max_length=120, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    units = models.ManyToManyField(
        Unit, related_name="households", blank=True, verbose_name=_("enheder")
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]
        verbose_name = _("husstand")
        verbose_name_plural = _("husstande")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="members")
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"))
    sex = models.CharField(_("køn"), max_length=1, choices=Sex.choices)
    nationality = models.CharField(_("nationalitet"), max_length=3, help_text=_("ISO 3166-kode"))
    cpr = models.CharField(_("CPR-nummer"), max_length=10, blank=True)
    residence_basis = models.CharField(
        _("opholdsgrundlag"), max_length=20, choices=ResidenceBasis.choices
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)
    # names folded for search (people/search.py), written by the services that write names;
    # a trigram index on PostgreSQL (migration 0003)
    search_name = models.TextField(blank=True, default="", editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(fields=["municipality", "last_name", "first_name"]),
            models.Index(fields=["municipality", "cpr"]),
            # visibility tests the household id of every listed person: index-only with this
            models.Index(fields=["municipality", "household"]),
        ]
        verbose_name = _("person")
        verbose_name_plural = _("personer")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_cpr(self) -> str:
        """The birth date part only (DDMMYY-XXXX). Whether a reader sees it at all is up to the
        need-to-know policy: show CPR numbers through ``core.fields.show_cpr``."""
        return mask_cpr(self.cpr)

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class PersonLanguage(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("sprog"), max_length=3, help_text=_("ISO 639-kode"))
    proficiency = models.CharField(_("niveau"), max_length=10, choices=Proficiency.choices)
    interpreter_needed = models.BooleanField(_("tolk nødvendig"), default=False)

    class Meta:
        ordering = ["person", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="person_language_unique")
        ]


class Phase(models.TextChoices):
    PRE_ARRIVAL = "pre_arrival", _("Før ankomst")
    RECEPTION = "reception", _("Modtagelse")
    PROGRAMME = "programme", _("Program")
    ENDED = "ended", _("Afsluttet")


class EndReason(models.TextChoices):
    SELF_SUPPORTING = "self_supporting", _("Selvforsørgende")
    EDUCATION = "education", _("I uddannelse")
    MOVED_AWAY = "moved_away", _("Fraflyttet")
    PERIOD_EXPIRED = "period_expired", _("Perioden udløbet")


class Case(models.Model):
    """A person's integration case (REC-6), with one fixed caseworker (REC-5)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="case")
    phase = models.CharField(_("fase"), max_length=16, choices=Phase.choices)
    end_reason = models.CharField(
        _("afslutningsårsag"), max_length=20, choices=EndReason.choices, blank=True
    )
    visitation_date = models.DateField(_("visitationsdato"))
    takeover_date = models.DateField(_("overtagelsesdato"))
    programme_end_date = models.DateField(_("programmets afslutning"))
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
        verbose_name=_("sagsbehandler"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["municipality", "phase"]),
            models.Index(fields=["municipality", "caseworker"]),
        ]
        verbose_name = _("sag")
        verbose_name_plural = _("sager")

    def __str__(self) -> str:
        return f"{_('Sag')} {self.pk}"


# Reasons the system records for transitions it makes itself: stored in Danish (the record's
# language), shown in the reader's language (``PhaseTransition.reason_shown``).
CASE_OPENED_REASON = "Sag oprettet"
ARRIVAL_REASON = "Ankomst registreret"
COMING_OF_AGE_REASON = "Fyldt 18 år"
SYSTEM_REASONS = {
    CASE_OPENED_REASON: _("Sag oprettet"),
    ARRIVAL_REASON: _("Ankomst registreret"),
    COMING_OF_AGE_REASON: _("Fyldt 18 år"),
}


class PhaseTransition(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transitions")
    from_phase = models.CharField(max_length=16, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=16, choices=Phase.choices)
    effective_date = models.DateField(_("dato"))
    reason = models.CharField(_("begrundelse"), max_length=500)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "recorded_at", "id"]

    @property
    def reason_shown(self) -> str:
        """The reason in the reader's language when the system gave it, else as written."""
        return str(SYSTEM_REASONS.get(self.reason, self.reason))


class AssignmentKind(models.TextChoices):
    CASEWORKER = "caseworker", _("Fast sagsbehandler")
    CONTACT = "contact", _("Kontaktperson")


class CaseAssignment(models.Model):
    """Who is (or was) the case's caseworker or a contact person, and from when (REC-5)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(max_length=12, choices=AssignmentKind.choices)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "started_at", "id"]
        indexes = [models.Index(fields=["case", "kind", "ended_at"])]

    @property
    def reason_shown(self) -> str:
        """The reason in the reader's language when the system gave it, else as written."""
        return str(SYSTEM_REASONS.get(self.reason, self.reason))


class JournalNote(models.Model):
    """A journal note (notatpligt, offentlighedsloven § 13). Never edited: corrections are new notes."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("notat"))
    # an internal note (e.g. the caseworker's own assessment) never leaves the municipality
    # with a handover (COO-5)
    internal = models.BooleanField(_("internt notat"), default=False)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("retter notat"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
