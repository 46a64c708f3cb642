"""The API's contract for a person's competences (PRG-3). Codes are the models' TextChoices,
occupations ISCO-08 / DISCO-08 unit-group codes (4 digits) with their title in the caller's
language, countries ISO 3166 and languages ISO 639, as elsewhere in the API.

Work history and trades of interest are recorded in words (``title``), by an occupation code, or
both: one of the two is required; a code only from the installed code list (none while it is not
installed). An item not coded reads ``occupation`` and ``occupation_name`` as ""."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from velkomst.competences.models import EducationLevel, ItLevel, LicenceCategory, RecognitionResult
from velkomst.people.levels import CefrLevel

from .schemas import Id, InputSchema, LanguageCode, Nationality, _text

Section = Literal["education", "work", "recognition", "trade", "language", "skill"]
Year = Annotated[int, Field(ge=1900, le=2100)]
OccupationCode = Annotated[
    str,
    Field(
        pattern=r"^(\d{4})?$",
        description='ISCO-08 / DISCO-08 unit group, e.g. 7115; optional ("": not coded)',
    ),
]


class CompetenceEducationOut(Schema):
    id: int
    level: EducationLevel
    field: str
    institution: str
    country: str
    start_year: int | None
    end_year: int | None
    diploma_held: bool


class WorkOut(Schema):
    id: int
    occupation: str = Field(description='the unit group; "" when recorded only in words')
    occupation_name: str
    title: str = Field(description="the job title in words")
    employer: str
    country: str
    years: Decimal
    end_year: int | None


class RecognitionOut(Schema):
    id: int
    qualification: str
    authority: str
    applied_on: date
    result: RecognitionResult
    decided_on: date | None


class TradeOut(Schema):
    id: int
    occupation: str = Field(description='the unit group; "" when recorded only in words')
    occupation_name: str
    title: str = Field(description="the trade or job in words")
    priority: int


class LanguageSkillOut(Schema):
    id: int
    language: str
    level: CefrLevel


class SkillOut(Schema):
    id: int
    tag: str


class CompetencesOut(Schema):
    person_id: int
    version: int | None = Field(description="the driving licence and IT skills' version")
    driving_licences: list[LicenceCategory]
    it_level: ItLevel | Literal[""]
    educations: list[CompetenceEducationOut]
    work: list[WorkOut]
    recognitions: list[RecognitionOut]
    trades: list[TradeOut]
    languages: list[LanguageSkillOut]
    skills: list[SkillOut]


class CompetenceItemIn(InputSchema):
    """One item of a section; the fields the section takes (others must be left out):
    education: level, field, country, institution, start_year, end_year, diploma_held;
    work: title and/or occupation, country, years, employer, end_year; recognition:
    qualification, authority, applied_on, result, decided_on; trade: title and/or occupation,
    priority; language: language, level (CEFR); skill: tag."""

    section: Section
    level: EducationLevel | CefrLevel | None = None
    field: Annotated[str, _text(150)] | None = None
    institution: Annotated[str, _text(150, 0)] | None = None
    country: Nationality | None = None
    start_year: Year | None = None
    end_year: Year | None = None
    diploma_held: bool | None = None
    occupation: OccupationCode | None = None
    title: Annotated[str, _text(150, 0)] | None = None
    employer: Annotated[str, _text(150, 0)] | None = None
    years: Annotated[Decimal, Field(ge=0, le=99, decimal_places=1)] | None = None
    qualification: Annotated[str, _text(200)] | None = None
    authority: Annotated[str, _text(150)] | None = None
    applied_on: date | None = None
    result: RecognitionResult | None = None
    decided_on: date | None = None
    priority: Annotated[int, Field(ge=1, le=10)] | None = None
    language: LanguageCode | None = None
    tag: Annotated[str, _text(40)] | None = None


class CompetenceRemoveIn(InputSchema):
    section: Section
    id: Id


class CompetenceProfileIn(InputSchema):
    version: int | None = Field(
        default=None, ge=1, description="the version you read (none before the first save)"
    )
    driving_licences: list[LicenceCategory] = Field(default_factory=list, max_length=14)
    it_level: ItLevel | Literal[""] = ""
