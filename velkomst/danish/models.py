"""Danish education for adults (PRG-2): the municipality's language centres, a person's referral
to a track (DU1, DU2, DU3), progress through the track's six modules, attendance per month and
the exams (Prøve i Dansk 1, 2, 3 and Studieprøven).

Everything is a dated fact so the indicators (share who pass the exam they were referred to,
level by years since arrival) can be counted. The law's deadlines (referral within one month of
the takeover date, start within one month of referral) are computed, never stored
(``velkomst.danish.rules``).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.models import Person

MODULES_PER_TRACK = 6


class Track(models.TextChoices):
    DU1 = "DU1", _("Danskuddannelse 1")
    DU2 = "DU2", _("Danskuddannelse 2")
    DU3 = "DU3", _("Danskuddannelse 3")


class ReferralEndReason(models.TextChoices):
    COMPLETED = "completed", _("Uddannelsen gennemført")
    WORK = "work", _("I arbejde")
    EDUCATION = "education", _("I anden uddannelse")
    MOVED = "moved", _("Fraflyttet")
    TRANSFERRED = "transferred", _("Skiftet spor eller sprogcenter")
    DROPPED_OUT = "dropped_out", _("Ophørt uden at gennemføre")
    RIGHT_EXPIRED = "right_expired", _("Retten til danskuddannelse udløbet")
    OTHER = "other", _("Andet")


class Exam(models.TextChoices):
    PD1 = "PD1", _("Prøve i Dansk 1")
    PD2 = "PD2", _("Prøve i Dansk 2")
    PD3 = "PD3", _("Prøve i Dansk 3")
    STUDIEPROVEN = "STP", _("Studieprøven")


class ExamResult(models.TextChoices):
    PASSED = "passed", _("Bestået")
    FAILED = "failed", _("Ikke bestået")
    ABSENT = "absent", _("Udeblevet")


class Grade(models.TextChoices):
    """The Danish 7-step grading scale (7-trinsskalaen); stored as its value."""

    G12 = "12", "12"
    G10 = "10", "10"
    G7 = "7", "7"
    G4 = "4", "4"
    G02 = "02", "02"
    G00 = "00", "00"
    GM3 = "-3", "-3"


class LanguageCentre(models.Model):
    """A language centre the municipality refers to (sprogcenter)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("navn"), max_length=150)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    contact = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["municipality", "name"])]
        verbose_name = _("sprogcenter")
        verbose_name_plural = _("sprogcentre")

    def __str__(self) -> str:
        return self.name


class DanishReferral(models.Model):
    """A person's referral to Danish education: the centre, the track and the dates. A person
    has at most one open referral (no ``ended_on``); a change of track ends one and opens
    another."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="danish_referrals")
    centre = models.ForeignKey(
        LanguageCentre,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("sprogcenter"),
    )
    track = models.CharField(_("spor"), max_length=3, choices=Track.choices)
    referred_on = models.DateField(_("henvist"))
    start_on = models.DateField(_("planlagt start"), null=True, blank=True)
    started_on = models.DateField(_("faktisk start"), null=True, blank=True)
    ended_on = models.DateField(_("afsluttet"), null=True, blank=True)
    end_reason = models.CharField(
        _("afslutningsårsag"), max_length=20, choices=ReferralEndReason.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-referred_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "referred_on"]),
            models.Index(fields=["municipality", "centre", "referred_on"]),
            models.Index(fields=["person", "referred_on"]),
        ]
        verbose_name = _("henvisning til danskuddannelse")
        verbose_name_plural = _("henvisninger til danskuddannelse")

    def __str__(self) -> str:
        return f"{self.get_track_display()}, {self.centre}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class ModuleProgress(models.Model):
    """One module of the referral's track: when it started and when its module test was passed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(DanishReferral, on_delete=models.PROTECT, related_name="modules")
    module = models.PositiveSmallIntegerField(_("modul"))
    started_on = models.DateField(_("modul startet"))
    passed_on = models.DateField(_("modultest bestået"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["referral", "module"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "module"], name="danish_one_row_per_module"
            ),
            models.CheckConstraint(
                condition=models.Q(module__gte=1, module__lte=MODULES_PER_TRACK),
                name="danish_module_1_to_6",
            ),
        ]
        verbose_name = _("modul")
        verbose_name_plural = _("moduler")

    def __str__(self) -> str:
        return f"{self.referral.track} {_('modul')} {self.module}"


class MonthlyAttendance(models.Model):
    """Hours offered and attended in one calendar month (``month`` is its first day)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(
        DanishReferral, on_delete=models.PROTECT, related_name="attendance"
    )
    month = models.DateField(_("måned"))
    hours_offered = models.DecimalField(_("timer tilbudt"), max_digits=5, decimal_places=1)
    hours_attended = models.DecimalField(_("timer fremmødt"), max_digits=5, decimal_places=1)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["referral", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "month"], name="danish_one_attendance_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(hours_attended__lte=models.F("hours_offered")),
                name="danish_attended_at_most_offered",
            ),
        ]
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}: {self.hours_attended}/{self.hours_offered}"


class DanishExam(models.Model):
    """An exam sat (or not): Prøve i Dansk 1-3 or Studieprøven, with term, date and result."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="danish_exams")
    referral = models.ForeignKey(
        DanishReferral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exams",
        verbose_name=_("henvisning"),
    )
    exam = models.CharField(_("prøve"), max_length=3, choices=Exam.choices)
    # "2026-summer" (May/June) or "2026-winter" (Nov/Dec), derived from the date (rules.term_of)
    term = models.CharField(_("termin"), max_length=20)
    taken_on = models.DateField(_("prøvedato"))
    result = models.CharField(_("resultat"), max_length=10, choices=ExamResult.choices)
    grade = models.CharField(_("karakter"), max_length=2, choices=Grade.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-taken_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "exam", "result"]),
            models.Index(fields=["person", "taken_on"]),
        ]
        verbose_name = _("danskprøve")
        verbose_name_plural = _("danskprøver")

    def __str__(self) -> str:
        return f"{self.get_exam_display()} ({self.term})"


class Term(models.TextChoices):
    """The exam terms: May/June and November/December. A term is stored as "<year>-<season>"."""

    SUMMER = "summer", _("sommer")
    WINTER = "winter", _("vinter")


def term_label(term: str) -> str:
    """ "2026-summer" shown as "sommer 2026" (in the reader's language)."""
    year, _sep, season = term.partition("-")
    labels = dict(Term.choices)
    if season not in labels:
        return term
    return f"{labels[season]} {year}"
