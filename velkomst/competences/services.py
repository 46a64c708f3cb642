"""Writes of competences (PRG-3): add and remove a person's education, work history,
recognitions, trades of interest, languages and skills; set driving licence and IT skills; the
audit of the CV's export. Each write checks programme.edit, validates (a ValidationError names
the field) and writes its audit row in the same transaction.

Work history and trades of interest are recorded in words, by an occupation code, or both: the
words always can be, so a trade is recordable whether or not the code list is installed; a code
is only accepted from the installed list (decision 52)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import snapshot
from velkomst.core.versioning import save_versioned
from velkomst.people import codes
from velkomst.people.levels import CefrLevel
from velkomst.people.models import Person

from . import occupations
from .models import (
    CompetenceProfile,
    EducationLevel,
    EducationRecord,
    ItLevel,
    LanguageSkill,
    LicenceCategory,
    QualificationRecognition,
    RecognitionResult,
    Skill,
    TradeInterest,
    WorkExperience,
)

CV_REASON = N_("CV som PDF (%(language)s)")
EARLIEST_WORKING_AGE = 10  # years of work can not start before this age
MAX_TRADE_INTERESTS = 10
MAX_SKILL_LENGTH = 40
MAX_TITLE_LENGTH = 150

EDUCATION_FIELDS = (
    "level",
    "field",
    "institution",
    "country",
    "start_year",
    "end_year",
    "diploma_held",
)
WORK_FIELDS = ("occupation", "title", "employer", "country", "years", "end_year")
RECOGNITION_FIELDS = ("qualification", "authority", "applied_on", "result", "decided_on")
TRADE_FIELDS = ("occupation", "title", "priority")
LANGUAGE_FIELDS = ("language", "level")
SKILL_FIELDS = ("tag",)
PROFILE_FIELDS = ("driving_licences", "it_level")


def _today() -> date:
    return timezone.localdate()


def _check(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _person_in_tenant(actor: StaffUser, person: Person) -> None:
    access.require(actor, access.PROGRAMME_EDIT)
    access.require_in_tenant(actor, access.PROGRAMME_EDIT, person.municipality_id)


def _created(actor: StaffUser, obj: models.Model, person: Person, names: tuple[str, ...]) -> None:
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=obj,
        person_id=person.pk,
        changes=audit.diff({}, snapshot(obj, names)),
    )


def _year_errors(
    person: Person, values: dict[str, Any], names: tuple[str, ...], errors: dict[str, str]
) -> None:
    """Each year in ``names`` between the person's birth year and this year."""
    born = person.birth_date.year
    now = _today().year
    for name in names:
        year = values.get(name)
        if year is None:
            continue
        if year < born or year > now:
            errors[name] = _("Året skal ligge mellem personens fødselsår (%(born)s) og i år.") % {
                "born": born
            }


def _country_error(country: str, errors: dict[str, str]) -> str:
    code = (country or "").strip().upper()
    if code not in codes.NATIONALITIES:
        errors["country"] = _("Vælg et land fra listen.")
    return code


def _occupation_error(code: str, errors: dict[str, str]) -> str:
    """The occupation code, "" for none (a trade recorded by its words). A code given is checked
    against the installed list; without a list no code can be checked, so none is accepted."""
    code = (code or "").strip()
    if not code:
        return ""
    if not occupations.installed():
        errors["occupation"] = _(
            "Fagkodelisten (DISCO-08) er ikke installeret, så en fagkode kan ikke angives endnu. "
            "Skriv faget i ord."
        )
    elif not occupations.is_occupation(code):
        errors["occupation"] = _("Ukendt fagkode '%(code)s': vælg et fag fra listen.") % {
            "code": code
        }
    return code


def _title(title: str, errors: dict[str, str]) -> str:
    """The trade in words, its spaces tidied."""
    title = " ".join((title or "").split())
    if len(title) > MAX_TITLE_LENGTH:
        errors["title"] = _("Højst %(n)s tegn.") % {"n": MAX_TITLE_LENGTH}
    return title


def _words_or_code(
    title: str, code: str, errors: dict[str, str], *, words: str, either: str
) -> None:
    """Either the words or a code must say what the trade is: the message on ``title`` is
    ``either`` (words or a code from the list) where the list is installed, else ``words``."""
    if not title and not code and "title" not in errors:
        errors["title"] = either if occupations.installed() else words


# --- education -------------------------------------------------------------------------------


@transaction.atomic
def education_add(
    *,
    actor: StaffUser,
    person: Person,
    level: str,
    field: str,
    country: str,
    institution: str = "",
    start_year: int | None = None,
    end_year: int | None = None,
    diploma_held: bool = False,
) -> EducationRecord:
    _person_in_tenant(actor, person)
    errors: dict[str, str] = {}
    if level not in EducationLevel.values:
        errors["level"] = _("Vælg et uddannelsesniveau fra listen.")
    if not (field or "").strip():
        errors["field"] = _("Skriv uddannelsens fagområde.")
    country = _country_error(country, errors)
    values = {"start_year": start_year, "end_year": end_year}
    _year_errors(person, values, ("start_year", "end_year"), errors)
    if start_year and end_year and end_year < start_year and "end_year" not in errors:
        errors["end_year"] = _("Slutåret kan ikke ligge før startåret.")
    _check(errors)
    record = EducationRecord.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        level=level,
        field=field.strip(),
        institution=(institution or "").strip(),
        country=country,
        start_year=start_year,
        end_year=end_year,
        diploma_held=bool(diploma_held),
    )
    _created(actor, record, person, EDUCATION_FIELDS)
    return record


# --- work history ----------------------------------------------------------------------------


def _years(value: Any, errors: dict[str, str], person: Person) -> Decimal:
    try:
        years = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        errors["years"] = _("Skriv antal år som et tal, fx 2,5.")
        return Decimal(0)
    most = max(person.age_on(_today()) - EARLIEST_WORKING_AGE, 0)
    if years <= 0:
        errors["years"] = _("Antal år skal være mere end 0.")
    elif years > most:
        errors["years"] = _(
            "Antal år kan ikke være mere end personens alder minus %(earliest)s år (højst "
            "%(most)s)."
        ) % {"earliest": EARLIEST_WORKING_AGE, "most": most}
    return years


@transaction.atomic
def work_add(
    *,
    actor: StaffUser,
    person: Person,
    country: str,
    years: Decimal | float | str,
    title: str = "",
    occupation: str = "",
    employer: str = "",
    end_year: int | None = None,
) -> WorkExperience:
    """Work the person has done: the job title in words and/or its occupation code (one of the
    two at least; a code only from the installed list)."""
    _person_in_tenant(actor, person)
    errors: dict[str, str] = {}
    title = _title(title, errors)
    occupation = _occupation_error(occupation, errors)
    _words_or_code(
        title,
        occupation,
        errors,
        words=_("Skriv stillingsbetegnelsen."),
        either=_("Skriv stillingsbetegnelsen, eller vælg et fag fra listen (DISCO-08)."),
    )
    country = _country_error(country, errors)
    amount = _years(years, errors, person)
    _year_errors(person, {"end_year": end_year}, ("end_year",), errors)
    if end_year and "years" not in errors and "end_year" not in errors:
        if end_year - int(amount) < person.birth_date.year + EARLIEST_WORKING_AGE:
            errors["years"] = _(
                "%(years)s års arbejde, der sluttede i %(end)s, begynder før personen var "
                "%(earliest)s år."
            ) % {"years": amount, "end": end_year, "earliest": EARLIEST_WORKING_AGE}
    _check(errors)
    record = WorkExperience.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        occupation=occupation,
        title=title,
        employer=(employer or "").strip(),
        country=country,
        years=amount,
        end_year=end_year,
    )
    _created(actor, record, person, WORK_FIELDS)
    return record


# --- recognition of foreign qualifications ---------------------------------------------------


@transaction.atomic
def recognition_add(
    *,
    actor: StaffUser,
    person: Person,
    qualification: str,
    authority: str,
    applied_on: date,
    result: str = RecognitionResult.PENDING,
    decided_on: date | None = None,
) -> QualificationRecognition:
    _person_in_tenant(actor, person)
    errors: dict[str, str] = {}
    if not (qualification or "").strip():
        errors["qualification"] = _("Skriv hvilken uddannelse eller kvalifikation det gælder.")
    if not (authority or "").strip():
        errors["authority"] = _("Skriv hvilken myndighed der er søgt.")
    if result not in RecognitionResult.values:
        errors["result"] = _("Vælg et resultat fra listen.")
    if applied_on > _today():
        errors["applied_on"] = _("Ansøgningsdatoen kan ikke ligge i fremtiden.")
    elif applied_on < person.birth_date:
        errors["applied_on"] = _("Ansøgningsdatoen kan ikke ligge før personens fødsel.")
    if decided_on is not None:
        if decided_on < applied_on:
            errors["decided_on"] = _("Afgørelsen kan ikke ligge før ansøgningen.")
        elif decided_on > _today():
            errors["decided_on"] = _("Afgørelsesdatoen kan ikke ligge i fremtiden.")
        elif result == RecognitionResult.PENDING:
            errors["result"] = _("Vælg afgørelsens resultat, når der er en afgørelsesdato.")
    elif result in RecognitionResult.values and result != RecognitionResult.PENDING:
        errors["decided_on"] = _("Skriv datoen for afgørelsen.")
    _check(errors)
    record = QualificationRecognition.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        qualification=qualification.strip(),
        authority=authority.strip(),
        applied_on=applied_on,
        result=result,
        decided_on=decided_on,
    )
    _created(actor, record, person, RECOGNITION_FIELDS)
    return record


# --- trades of interest, languages, skills ----------------------------------------------------


@transaction.atomic
def trade_interest_add(
    *,
    actor: StaffUser,
    person: Person,
    title: str = "",
    occupation: str = "",
    priority: int | None = None,
) -> TradeInterest:
    """A trade the person wishes to work in: in words and/or by its occupation code (one of the
    two at least; a code only from the installed list). The same code, or the same words
    whatever their case, only once per person."""
    _person_in_tenant(actor, person)
    errors: dict[str, str] = {}
    title = _title(title, errors)
    occupation = _occupation_error(occupation, errors)
    _words_or_code(
        title,
        occupation,
        errors,
        words=_("Skriv det ønskede fag i ord."),
        either=_("Skriv det ønskede fag i ord, eller vælg det fra listen (DISCO-08)."),
    )
    existing = list(TradeInterest.objects.filter(person=person).values_list("occupation", "title"))
    if occupation and "occupation" not in errors and occupation in {c for c, _t in existing}:
        errors["occupation"] = _("Faget er allerede et af personens ønskede fag.")
    words = title.casefold()
    if words and "title" not in errors and words in {t.casefold() for _c, t in existing}:
        errors["title"] = _("%(title)s står allerede blandt personens ønskede fag.") % {
            "title": title
        }
    if len(existing) >= MAX_TRADE_INTERESTS and "title" not in errors:
        errors["title"] = _("Højst %(n)s ønskede fag.") % {"n": MAX_TRADE_INTERESTS}
    if priority is None:
        priority = len(existing) + 1
    elif not 1 <= priority <= MAX_TRADE_INTERESTS:
        errors["priority"] = _("Prioriteten skal være mellem 1 og %(n)s.") % {
            "n": MAX_TRADE_INTERESTS
        }
    _check(errors)
    record = TradeInterest.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        occupation=occupation,
        title=title,
        priority=priority,
    )
    _created(actor, record, person, TRADE_FIELDS)
    return record


@transaction.atomic
def language_add(*, actor: StaffUser, person: Person, language: str, level: str) -> LanguageSkill:
    _person_in_tenant(actor, person)
    errors: dict[str, str] = {}
    code = codes.language_code(language or "") or ""
    if code not in codes.STORED_LANGUAGES:
        errors["language"] = _("Vælg et sprog fra listen.")
    elif LanguageSkill.objects.filter(person=person, language=code).exists():
        errors["language"] = _("Sproget er allerede registreret; fjern det for at ændre niveauet.")
    if level not in CefrLevel.values:
        errors["level"] = _("Vælg et niveau fra listen.")
    _check(errors)
    record = LanguageSkill.objects.create(
        municipality_id=person.municipality_id, person=person, language=code, level=level
    )
    _created(actor, record, person, LANGUAGE_FIELDS)
    return record


@transaction.atomic
def skill_add(*, actor: StaffUser, person: Person, tag: str) -> Skill:
    _person_in_tenant(actor, person)
    tag = " ".join((tag or "").split())
    errors: dict[str, str] = {}
    if not tag:
        errors["tag"] = _("Skriv en færdighed.")
    elif len(tag) > MAX_SKILL_LENGTH:
        errors["tag"] = _("En færdighed er et kort ord: højst %(n)s tegn.") % {
            "n": MAX_SKILL_LENGTH
        }
    elif Skill.objects.filter(person=person, tag__iexact=tag).exists():
        errors["tag"] = _("Færdigheden er allerede registreret.")
    _check(errors)
    record = Skill.objects.create(municipality_id=person.municipality_id, person=person, tag=tag)
    _created(actor, record, person, SKILL_FIELDS)
    return record


# --- removal, driving licence and IT skills ---------------------------------------------------


@transaction.atomic
def item_remove(*, actor: StaffUser, item: Any) -> None:
    """Remove one item of a person's profile (education, work, recognition, trade, language,
    skill); the audit row keeps what it said."""
    person = item.person
    _person_in_tenant(actor, person)
    names = [f.name for f in item._meta.concrete_fields if f.name not in _BOOKKEEPING]
    audit.log(
        actor=actor,
        action=AuditAction.DELETE,
        obj=item,
        person_id=person.pk,
        changes={name: [audit._jsonable(getattr(item, name)), None] for name in names},
    )
    item.delete()


_BOOKKEEPING = {"id", "municipality", "person", "created_at"}


@transaction.atomic
def profile_update(
    *,
    actor: StaffUser,
    person: Person,
    expected_version: int | None,
    driving_licences: list[str],
    it_level: str,
) -> CompetenceProfile:
    """Set the driving licence categories and IT level (a concurrent edit: ConcurrentEditError)."""
    _person_in_tenant(actor, person)
    errors: dict[str, str] = {}
    licences = list(dict.fromkeys(driving_licences or []))
    if any(code not in LicenceCategory.values for code in licences):
        errors["driving_licences"] = _("Vælg kørekortkategorier fra listen.")
    if it_level and it_level not in ItLevel.values:
        errors["it_level"] = _("Vælg et niveau fra listen.")
    _check(errors)
    order = {code: i for i, code in enumerate(LicenceCategory.values)}
    licences.sort(key=order.__getitem__)
    profile = CompetenceProfile.objects.select_for_update().filter(person=person).first()
    if profile is None:
        profile = CompetenceProfile.objects.create(
            municipality_id=person.municipality_id,
            person=person,
            driving_licences=licences,
            it_level=it_level or "",
        )
        _created(actor, profile, person, PROFILE_FIELDS)
        return profile
    if expected_version is None:  # the editor saw no profile, and one was made meanwhile
        raise ConcurrentEditError(str(CompetenceProfile._meta.verbose_name))
    before = snapshot(profile, PROFILE_FIELDS)
    after = {"driving_licences": licences, "it_level": it_level or ""}
    if not audit.diff(before, after):
        return profile
    profile.driving_licences = licences
    profile.it_level = it_level or ""
    save_versioned(
        profile,
        expected_version=expected_version,
        fields=["driving_licences", "it_level"],
    )
    audit.log(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=profile,
        person_id=person.pk,
        changes=audit.diff(before, after),
    )
    return profile


# --- reads and exports ------------------------------------------------------------------------


@transaction.atomic
def competences_viewed(*, actor: StaffUser, person: Person, channel: str = "web") -> None:
    audit.log_read(actor=actor, obj=person, persons=[person], channel=channel)


@transaction.atomic
def cv_exported(*, actor: StaffUser, person: Person, language: str, channel: str = "web") -> None:
    """The CV left the system as a PDF: an export on the person's log (SEC-3)."""
    audit.log(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=person,
        person_id=person.pk,
        reason=CV_REASON % {"language": language},
        channel=channel,
    )
