"""Reads of competences (PRG-3): a person's profile for the page, the CV and the API (scoped to
the user's municipality and the persons the user may see), and profiles in bulk for matching."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.people import selectors as people_selectors
from velkomst.people.levels import cefr_rank
from velkomst.people.models import Person

from .models import (
    CompetenceProfile,
    EducationRecord,
    LanguageSkill,
    QualificationRecognition,
    Skill,
    TradeInterest,
    WorkExperience,
)


@dataclass(frozen=True)
class Profile:
    """What matching needs of one person: the coded trades of interest in priority order, years
    of experience by occupation code (work and trades recorded only in words are left out), skill tags (lower case), languages with their CEFR level,
    driving licence categories, IT level and the highest ISCED level ("" if none recorded)."""

    person_id: int
    trades_of_interest: tuple[str, ...] = ()
    experience_years: dict[str, float] = field(default_factory=dict)
    skills: frozenset[str] = frozenset()
    languages: dict[str, str] = field(default_factory=dict)
    driving_licences: tuple[str, ...] = ()
    it_level: str = ""
    education_level: str = ""


def profiles(*, municipality_id: int, person_ids: Iterable[int]) -> dict[int, Profile]:
    """The profiles of ``person_ids`` within the municipality, one per person asked for (an
    empty profile for a person with nothing recorded). Six queries, whatever the number."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    base = {"municipality_id": municipality_id, "person_id__in": ids}
    trades: dict[int, list[str]] = defaultdict(list)
    for person_id, code in (
        TradeInterest.objects.filter(**base)
        .exclude(occupation="")  # a trade recorded only in words has no code to match on
        .order_by("person_id", "priority", "id")
        .values_list("person_id", "occupation")
    ):
        trades[person_id].append(code)
    years: dict[int, dict[str, float]] = defaultdict(dict)
    for person_id, code, amount in (
        WorkExperience.objects.filter(**base).exclude(occupation="")
    ).values_list("person_id", "occupation", "years"):
        years[person_id][code] = years[person_id].get(code, 0.0) + float(amount)
    skills: dict[int, set[str]] = defaultdict(set)
    for person_id, tag in Skill.objects.filter(**base).values_list("person_id", "tag"):
        skills[person_id].add(tag.lower())
    languages: dict[int, dict[str, str]] = defaultdict(dict)
    for person_id, language, level in LanguageSkill.objects.filter(**base).values_list(
        "person_id", "language", "level"
    ):
        languages[person_id][language] = level
    single: dict[int, tuple[list[str], str]] = {
        person_id: (list(licences or []), it_level)
        for person_id, licences, it_level in CompetenceProfile.objects.filter(**base).values_list(
            "person_id", "driving_licences", "it_level"
        )
    }
    education: dict[int, str] = {}
    for person_id, level in EducationRecord.objects.filter(**base).values_list(
        "person_id", "level"
    ):
        if level > education.get(person_id, ""):
            education[person_id] = level
    return {
        pk: Profile(
            person_id=pk,
            trades_of_interest=tuple(trades.get(pk, ())),
            experience_years=dict(years.get(pk, {})),
            skills=frozenset(skills.get(pk, ())),
            languages=dict(languages.get(pk, {})),
            driving_licences=tuple(single.get(pk, ([], ""))[0]),
            it_level=single.get(pk, ([], ""))[1],
            education_level=education.get(pk, ""),
        )
        for pk in ids
    }


@dataclass
class Competences:
    """Everything recorded about one person's competences, for the page, the CV and the API."""

    person: Person
    profile: CompetenceProfile | None
    educations: list[EducationRecord]
    work: list[WorkExperience]
    recognitions: list[QualificationRecognition]
    trades: list[TradeInterest]
    languages: list[LanguageSkill]
    skills: list[Skill]

    @property
    def driving_licences(self) -> list[str]:
        return list(self.profile.driving_licences) if self.profile else []

    @property
    def it_level(self) -> str:
        return self.profile.it_level if self.profile else ""

    @property
    def total_years(self) -> Decimal:
        return sum((w.years for w in self.work), Decimal(0))

    @property
    def is_empty(self) -> bool:
        return not (
            self.educations
            or self.work
            or self.recognitions
            or self.trades
            or self.languages
            or self.skills
            or self.driving_licences
            or self.it_level
        )


def person_for_competences(*, user: StaffUser, pk: int) -> Person:
    """The person, if the user may see competences (programme.view) and the person (else 403 /
    404, whatever the municipality)."""
    access.require(user, access.PROGRAMME_VIEW)
    return people_selectors.person_get(user=user, pk=pk)


def competences_of(person: Person) -> Competences:
    """The person's competences (the person was fetched through the user's visibility)."""
    languages = sorted(
        LanguageSkill.objects.filter(person=person), key=lambda s: (-cefr_rank(s.level), s.language)
    )
    return Competences(
        person=person,
        profile=CompetenceProfile.objects.filter(person=person).first(),
        educations=list(EducationRecord.objects.filter(person=person)),
        work=list(WorkExperience.objects.filter(person=person)),
        recognitions=list(QualificationRecognition.objects.filter(person=person)),
        trades=list(TradeInterest.objects.filter(person=person)),
        languages=languages,
        skills=list(Skill.objects.filter(person=person)),
    )


def competences_get(*, user: StaffUser, pk: int) -> Competences:
    return competences_of(person_for_competences(user=user, pk=pk))


ITEM_MODELS = {
    "education": EducationRecord,
    "work": WorkExperience,
    "recognition": QualificationRecognition,
    "trade": TradeInterest,
    "language": LanguageSkill,
    "skill": Skill,
}


def item_get(*, person: Person, kind: str, item_id: int) -> object:
    """One item of the person's profile by its section; None if it is not theirs."""
    model = ITEM_MODELS.get(kind)
    if model is None:
        return None
    return model.objects.filter(person=person, pk=item_id).first()  # type: ignore[attr-defined]
