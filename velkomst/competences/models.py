"""A person's competences (PRG-3): education, work history, recognition of foreign
qualifications, trades of interest, languages with CEFR levels, driving licence, IT skills and
short skill tags. The CV (``cv.py``) and the matching of persons to openings read them.

Trades and work history are always recorded in words (``title``: "skrædder", "buschauffør")
and, where the code list is installed, coded by the occupation codes of ``occupations.py``
(ISCO-08 unit groups, which DISCO-08 extends); either the words or the code is there, often
both ("" for a trade not coded). Countries and languages the codes of ``people/codes.py``; language
levels the one CEFR scale of ``people/levels.py``. Years are whole years of the calendar; a
duration of work is years with one decimal (1.5 = a year and a half).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Municipality
from velkomst.people.levels import CefrLevel
from velkomst.people.models import Person


class EducationLevel(models.TextChoices):
    """ISCED 2011 levels of educational attainment (UNESCO), the international scale that
    Danish recognition and statistics use; level 0 is "less than primary" in the attainment
    version of the scale."""

    LESS_THAN_PRIMARY = "0", _("Mindre end grundskole (ISCED 0)")
    PRIMARY = "1", _("Grundskole, indskoling og mellemtrin (ISCED 1)")
    LOWER_SECONDARY = "2", _("Grundskole, udskoling (ISCED 2)")
    UPPER_SECONDARY = "3", _("Gymnasial eller erhvervsfaglig uddannelse (ISCED 3)")
    POST_SECONDARY = "4", _("Postgymnasial uddannelse, ikke videregående (ISCED 4)")
    SHORT_TERTIARY = "5", _("Kort videregående uddannelse (ISCED 5)")
    BACHELOR = "6", _("Bachelor eller professionsbachelor (ISCED 6)")
    MASTER = "7", _("Kandidat eller master (ISCED 7)")
    DOCTORAL = "8", _("Ph.d. (ISCED 8)")


class RecognitionResult(models.TextChoices):
    PENDING = "pending", _("Afventer afgørelse")
    RECOGNISED = "recognised", _("Anerkendt")
    PARTLY = "partly", _("Delvist anerkendt")
    REFUSED = "refused", _("Afslået")


class ItLevel(models.TextChoices):
    NONE = "none", _("Ingen")
    BASIC = "basic", _("Grundlæggende")
    GOOD = "good", _("Gode")
    ADVANCED = "advanced", _("Avancerede")


class LicenceCategory(models.TextChoices):
    """Driving licence categories of the EU directive (2006/126/EC), as on a Danish licence."""

    AM = "AM", _("AM – knallert")
    A1 = "A1", _("A1 – lille motorcykel")
    A2 = "A2", _("A2 – mellemstor motorcykel")
    A = "A", _("A – motorcykel")
    B = "B", _("B – personbil")
    BE = "BE", _("BE – personbil med påhængsvogn")
    C1 = "C1", _("C1 – mellemstor lastbil")
    C1E = "C1E", _("C1E – mellemstor lastbil med påhængsvogn")
    C = "C", _("C – lastbil")
    CE = "CE", _("CE – lastbil med påhængsvogn")
    D1 = "D1", _("D1 – minibus")
    D1E = "D1E", _("D1E – minibus med påhængsvogn")
    D = "D", _("D – bus")
    DE = "DE", _("DE – bus med påhængsvogn")


class CompetenceProfile(models.Model):
    """The person's single-valued competences: driving licence and IT skills (one per person,
    made on the first edit; versioned, so two edits at once are detected)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="competence_profile"
    )
    driving_licences = models.JSONField(_("kørekort"), default=list, blank=True)  # categories
    it_level = models.CharField(
        _("it-færdigheder"), max_length=10, choices=ItLevel.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kompetenceprofil")
        verbose_name_plural = _("kompetenceprofiler")

    def __str__(self) -> str:
        return str(self.person)

    def licence_labels(self) -> list[str]:
        labels = dict(LicenceCategory.choices)
        return [str(labels.get(code, code)) for code in self.driving_licences]


class EducationRecord(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="educations")
    level = models.CharField(_("niveau"), max_length=2, choices=EducationLevel.choices)
    field = models.CharField(_("fagområde"), max_length=150)
    institution = models.CharField(_("uddannelsessted"), max_length=150, blank=True)
    country = models.CharField(_("land"), max_length=2)  # ISO 3166 alpha-2 (people/codes)
    start_year = models.PositiveSmallIntegerField(_("startår"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("slutår"), null=True, blank=True)
    diploma_held = models.BooleanField(_("har eksamensbevis"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "-end_year", "-start_year", "id"]
        indexes = [models.Index(fields=["municipality", "person"])]
        verbose_name = _("uddannelse")
        verbose_name_plural = _("uddannelser")

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.field}"


class WorkExperience(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="work_experiences")
    # occupations.py unit group, "" when not coded (the title says what the work was)
    occupation = models.CharField(_("fag (DISCO-08)"), max_length=4, blank=True)
    title = models.CharField(_("stillingsbetegnelse"), max_length=150, blank=True)
    employer = models.CharField(_("arbejdsgiver"), max_length=150, blank=True)
    country = models.CharField(_("land"), max_length=2)
    years = models.DecimalField(_("antal år"), max_digits=3, decimal_places=1)
    end_year = models.PositiveSmallIntegerField(_("sidste år"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "-end_year", "id"]
        indexes = [
            models.Index(fields=["municipality", "person"]),
            models.Index(fields=["municipality", "occupation"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title="") | ~Q(occupation=""), name="work_experience_title_or_code"
            )
        ]
        verbose_name = _("erhvervserfaring")
        verbose_name_plural = _("erhvervserfaring")

    def __str__(self) -> str:
        return f"{self.title or self.occupation}: {self.employer}"


class QualificationRecognition(models.Model):
    """A foreign qualification the person sought to have recognised (in Denmark the Danish
    Agency for Higher Education and Science's assessment, or an authorisation body's)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="recognitions")
    qualification = models.CharField(_("kvalifikation"), max_length=200)
    authority = models.CharField(_("myndighed"), max_length=150)
    applied_on = models.DateField(_("ansøgt"))
    result = models.CharField(
        _("resultat"),
        max_length=10,
        choices=RecognitionResult.choices,
        default=RecognitionResult.PENDING,
    )
    decided_on = models.DateField(_("afgjort"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "-applied_on", "id"]
        indexes = [models.Index(fields=["municipality", "person"])]
        verbose_name = _("anerkendelse af kvalifikation")
        verbose_name_plural = _("anerkendelser af kvalifikationer")

    def __str__(self) -> str:
        return self.qualification


class TradeInterest(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trade_interests")
    occupation = models.CharField(_("fag (DISCO-08)"), max_length=4, blank=True)  # "": not coded
    title = models.CharField(_("fag eller job i ord"), max_length=150, blank=True)
    priority = models.PositiveSmallIntegerField(_("prioritet"), default=1)  # 1 = first wish
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "priority", "id"]
        indexes = [
            models.Index(fields=["municipality", "person"]),
            models.Index(fields=["municipality", "occupation"]),
        ]
        constraints = [
            # a code once per person; the same words twice the service refuses (case aside)
            models.UniqueConstraint(
                fields=["person", "occupation"],
                condition=~Q(occupation=""),
                name="trade_interest_once_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(title="") | ~Q(occupation=""), name="trade_interest_title_or_code"
            ),
        ]
        verbose_name = _("ønsket fag")
        verbose_name_plural = _("ønskede fag")

    def __str__(self) -> str:
        return self.title or self.occupation


class LanguageSkill(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="language_skills")
    language = models.CharField(_("sprog"), max_length=3)  # ISO 639 (people/codes)
    level = models.CharField(_("niveau (CEFR)"), max_length=4, choices=CefrLevel.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "language", "id"]
        indexes = [models.Index(fields=["municipality", "person"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "language"], name="language_skill_once_per_person"
            )
        ]
        verbose_name = _("sprogkundskab")
        verbose_name_plural = _("sprogkundskaber")

    def __str__(self) -> str:
        return f"{self.language}: {self.level}"


class Skill(models.Model):
    """A short skill tag ("truckcertifikat", "svejsning", "kundeservice")."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="skills")
    tag = models.CharField(_("færdighed"), max_length=40)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "tag", "id"]
        indexes = [models.Index(fields=["municipality", "person"])]
        constraints = [
            models.UniqueConstraint(fields=["person", "tag"], name="skill_once_per_person")
        ]
        verbose_name = _("færdighed")
        verbose_name_plural = _("færdigheder")

    def __str__(self) -> str:
        return self.tag
