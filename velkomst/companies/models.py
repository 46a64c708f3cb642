"""Companies, their openings, proposals of persons to openings and speed-dating events (PRG-4).

The job consultant's register: a company (CVR number with its modulus-11 check, industry as a
DB07 code) with contact persons and agreements (a partnership, a branchepakke with its
progression steps); openings (internship, language internship, wage subsidy, IGU, ordinary job)
with the trade (DISCO-08), the Danish level required (CEFR), skills, hours, area, start and
places; proposals of a person to an opening with the company's answer and the result; and
speed-dating events with invitations, attendance and what came of each meeting. The matching
engine (velkomst.matching) reads openings and persons; it writes nothing here but proposals.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.housing.models import Area
from velkomst.people.levels import CefrLevel
from velkomst.people.models import Person


class AgreementKind(models.TextChoices):
    PARTNERSHIP = "partnership", _("Partnerskabsaftale")
    BRANCHEPAKKE = "branchepakke", _("Branchepakke")
    OTHER = "other", _("Anden aftale")


class OpeningKind(models.TextChoices):
    INTERNSHIP = "internship", _("Virksomhedspraktik")
    LANGUAGE_INTERNSHIP = "language_internship", _("Sprogpraktik")
    WAGE_SUBSIDY = "wage_subsidy", _("Løntilskud")
    IGU = "igu", _("IGU (integrationsgrunduddannelse)")
    JOB = "job", _("Ordinært job")


class OpeningStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    FILLED = "filled", _("Besat")
    CLOSED = "closed", _("Lukket")


class CompanyAnswer(models.TextChoices):
    PENDING = "pending", _("Afventer svar")
    ACCEPTED = "accepted", _("Accepteret")
    DECLINED = "declined", _("Afvist")


class ProposalResult(models.TextChoices):
    NONE = "", _("Intet resultat endnu")
    STARTED = "started", _("Startet")
    NOT_STARTED = "not_started", _("Ikke startet")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Ukendt")
    YES = "yes", _("Deltog")
    NO = "no", _("Deltog ikke")


class MeetingOutcome(models.TextChoices):
    NONE = "none", _("Intet videre")
    FOLLOW_UP = "follow_up", _("Opfølgende samtale")
    INTERNSHIP_OFFERED = "internship_offered", _("Tilbudt praktik")
    JOB_OFFERED = "job_offered", _("Tilbudt job")


class Company(models.Model):
    """A local company the job consultants work with."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=200)
    cvr = models.CharField(_("CVR-nummer"), max_length=8)
    industry = models.CharField(
        _("branche (DB07)"),
        max_length=6,
        help_text=_("Branchekode efter Dansk Branchekode 2007, fx 471100 eller 4711"),
    )
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    note = models.CharField(_("bemærkning"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "cvr"], name="companies_cvr_unique")
        ]
        verbose_name = _("virksomhed")
        verbose_name_plural = _("virksomheder")

    def __str__(self) -> str:
        return self.name

    @property
    def industry_shown(self) -> str:
        """The DB07 code with its title, as the company's page shows it."""
        from .industries import industry_display

        return industry_display(self.industry)


class CompanyContact(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=150)
    role = models.CharField(_("rolle"), max_length=100, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class CompanyAgreement(models.Model):
    """A partnership, a branchepakke (with its progression steps) or another agreement."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("type"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    valid_from = models.DateField(_("gælder fra"))
    valid_to = models.DateField(_("gælder til"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-valid_from", "id"]
        verbose_name = _("aftale")
        verbose_name_plural = _("aftaler")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.company}"


class AgreementStep(models.Model):
    """One progression step of an agreement (a branchepakke's steps, in order)."""

    agreement = models.ForeignKey(CompanyAgreement, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("trin"), max_length=200)
    done_on = models.DateField(_("gennemført"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "position", "id"]
        verbose_name = _("trin i aftale")
        verbose_name_plural = _("trin i aftaler")

    def __str__(self) -> str:
        return self.name


class Opening(models.Model):
    """A place at a company: an internship, language internship, wage subsidy, IGU or job."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="openings")
    kind = models.CharField(_("type"), max_length=20, choices=OpeningKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    trade = models.CharField(
        _("fag (DISCO-08)"), max_length=10, blank=True, help_text=_("Stillingsbetegnelse")
    )
    danish_required = models.CharField(
        _("krævet dansk"), max_length=4, choices=CefrLevel.choices, default=CefrLevel.NONE
    )
    skills = models.JSONField(_("kompetencer"), default=list, blank=True)  # short tags
    hours_per_week = models.PositiveSmallIntegerField(_("timer pr. uge"))
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    start_on = models.DateField(_("start"))
    places = models.PositiveSmallIntegerField(_("pladser"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=OpeningStatus.choices, default=OpeningStatus.OPEN
    )
    description = models.CharField(_("beskrivelse"), max_length=2000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start_on", "id"]
        indexes = [
            models.Index(fields=["municipality", "status", "start_on"]),
            models.Index(fields=["municipality", "company"]),
        ]
        verbose_name = _("opslag")
        verbose_name_plural = _("opslag")

    def __str__(self) -> str:
        return f"{self.title}, {self.company}"


class Proposal(models.Model):
    """A person proposed to an opening, the company's answer and the result."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    opening = models.ForeignKey(Opening, on_delete=models.PROTECT, related_name="proposals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="job_proposals")
    proposed_on = models.DateField(_("foreslået"))
    proposed_by = models.ForeignKey("core.StaffUser", on_delete=models.PROTECT, related_name="+")
    company_answer = models.CharField(
        _("virksomhedens svar"),
        max_length=10,
        choices=CompanyAnswer.choices,
        default=CompanyAnswer.PENDING,
    )
    answered_on = models.DateField(_("svar modtaget"), null=True, blank=True)
    answer_reason = models.CharField(_("begrundelse for svaret"), max_length=500, blank=True)
    result = models.CharField(
        _("resultat"), max_length=12, choices=ProposalResult.choices, default="", blank=True
    )
    result_on = models.DateField(_("resultatdato"), null=True, blank=True)
    result_reason = models.CharField(_("begrundelse for resultatet"), max_length=500, blank=True)
    activity = models.ForeignKey(
        "programme.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aktivitet i integrationsplanen"),
    )  # the started internship, wage subsidy, IGU or job on the person's plan (PRG-1)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-proposed_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "company_answer"]),
            models.Index(fields=["opening", "result"]),
        ]
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")

    def __str__(self) -> str:
        return f"{self.person} → {self.opening}"


class MatchEvent(models.Model):
    """A speed-dating event between refugees and local companies."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=200)
    held_on = models.DateField(_("dato"))
    place = models.CharField(_("sted"), max_length=200)
    companies = models.ManyToManyField(
        Company, related_name="events", blank=True, verbose_name=_("virksomheder")
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["municipality", "held_on"])]
        verbose_name = _("speed-dating-arrangement")
        verbose_name_plural = _("speed-dating-arrangementer")

    def __str__(self) -> str:
        return self.name


class EventInvitation(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="event_invitations")
    invited_on = models.DateField(_("inviteret"))
    letter_language = models.CharField(
        _("brevets sprog"), max_length=8, default="da", help_text=_("ISO 639-kode")
    )
    attended = models.CharField(
        _("deltagelse"), max_length=8, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="companies_one_invitation_per_person"
            )
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")

    def __str__(self) -> str:
        return f"{self.event}: {self.person}"


class EventMeeting(models.Model):
    """A meeting between a person and a company at an event, and what came of it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="meetings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="event_meetings")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="event_meetings")
    outcome = models.CharField(
        _("udfald"), max_length=20, choices=MeetingOutcome.choices, default=MeetingOutcome.NONE
    )
    note = models.CharField(_("bemærkning"), max_length=1000, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "id"]
        verbose_name = _("møde ved arrangement")
        verbose_name_plural = _("møder ved arrangementer")

    def __str__(self) -> str:
        return f"{self.person} · {self.company}"
