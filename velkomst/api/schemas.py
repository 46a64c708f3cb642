"""The API's contract: typed input (validated fully before any write, SEC-5) and output schemas.

Choice fields use the models' TextChoices, so the OpenAPI schema lists the allowed values and
anything else is a 422 naming the field. A field that fails validation is named in the error.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from velkomst.core import fields
from velkomst.core.models import Role, StaffUser
from velkomst.people.codes import country_code, language_code_of
from velkomst.people.models import (
    Case,
    EndReason,
    Person,
    Phase,
    Proficiency,
    Relation,
    ResidenceBasis,
    Sex,
)
from velkomst.people.services import PHASES
from velkomst.people.validators import cpr_birth_date, normalise_cpr, validate_cpr

MAX_MEMBERS = 15  # as the create-household form


# --- errors ---------------------------------------------------------------------------------


class FieldError(Schema):
    field: str = Field(description="the input field, dotted for nested ones: members.0.cpr")
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = Field(default_factory=list)


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """The error responses an operation declares (each with the ErrorOut body)."""
    return dict.fromkeys(codes, ErrorOut)


# --- validated scalar types -----------------------------------------------------------------


def _invalid(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _nationality(value: str) -> str:
    code = country_code(value)
    if code is None:
        raise _invalid(
            "nationality",
            _(
                "Ikke en landekode efter ISO 3166-1 (fx SY eller SYR); XXA = statsløs, "
                "XXX = ukendt."
            ),
        )
    return code


def _language(value: str) -> str:
    code = language_code_of(value)
    if code is None:
        raise _invalid("language", _("Ikke en sprogkode efter ISO 639 (fx ar, ti, fa, prs)."))
    return code


def _cpr(value: str) -> str:
    cpr = normalise_cpr(value)
    if cpr:
        try:
            validate_cpr(cpr)
        except DjangoValidationError as exc:
            raise _invalid("cpr", " ".join(exc.messages)) from exc
    return cpr


def _text(max_length: int, min_length: int = 1) -> Any:
    # no NUL character: PostgreSQL's text cannot hold it (a 500 otherwise; a 422 naming the field)
    return StringConstraints(
        strip_whitespace=True, min_length=min_length, max_length=max_length, pattern=r"^[^\x00]*$"
    )


Nationality = Annotated[
    str,
    Field(
        min_length=2,
        max_length=3,
        description="ISO 3166-1 alpha-2 (alpha-3 is read as alpha-2), e.g. SY; "
        "XXA = stateless, XXX = unknown (ICAO Doc 9303)",
    ),
    AfterValidator(_nationality),
]
LanguageCode = Annotated[
    str,
    Field(
        min_length=2,
        max_length=3,
        description="ISO 639-1 or ISO 639-2/3 code, e.g. ar, prs (stored as 639-1 where one exists)",
    ),
    AfterValidator(_language),
]
Cpr = Annotated[
    str,
    Field(max_length=11, description="10 digits DDMMYYXXXX (a hyphen is allowed); empty if none"),
    AfterValidator(_cpr),
]
# A moment in time. Real time zones lie between UTC-12 and UTC+14 (PostgreSQL refuses an offset
# beyond ±15:59 with a 500, SQLite stores any); years outside 1900-2199 are typing errors. A moment
# without an offset is read in Copenhagen's time, as a form's; every moment is kept in UTC.
MOMENT_YEARS = (1900, 2199)
OFFSETS = (timedelta(hours=-12), timedelta(hours=14))


def _moment(value: datetime) -> datetime:
    if not MOMENT_YEARS[0] <= value.year <= MOMENT_YEARS[1]:
        raise _invalid(
            "moment",
            _("Året skal ligge mellem %(low)s og %(high)s.")
            % {"low": MOMENT_YEARS[0], "high": MOMENT_YEARS[1]},
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    if not OFFSETS[0] <= (value.utcoffset() or timedelta(0)) <= OFFSETS[1]:
        raise _invalid("moment", _("Tidszonen skal ligge mellem -12:00 og +14:00."))
    return value.astimezone(UTC)


Moment = Annotated[
    datetime,
    Field(
        description="ISO 8601 with an offset (e.g. 2027-03-01T10:00:00+01:00); "
        "without one, Copenhagen time"
    ),
    AfterValidator(_moment),
]
# A BigAutoField's largest id: a larger one is a 422 naming the field, never the database's
# overflow (a foreign-key filter on SQLite raises OverflowError beyond 64 bits).
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Name = Annotated[str, _text(100)]
Reason = Annotated[str, _text(500)]


class InputSchema(Schema):
    model_config = ConfigDict(use_enum_values=True, extra="forbid")


def _check_cpr_matches_birth_date(cpr: str, birth_date: date | None) -> None:
    if cpr and birth_date and cpr_birth_date(cpr) != birth_date:
        raise _invalid("cpr", _("CPR-nummeret passer ikke med fødselsdatoen."))


# --- input ----------------------------------------------------------------------------------


class LanguageIn(InputSchema):
    language: LanguageCode
    proficiency: Proficiency
    interpreter_needed: bool = False


class MemberIn(InputSchema):
    first_name: Name
    last_name: Name
    birth_date: date
    sex: Sex
    nationality: Nationality
    residence_basis: ResidenceBasis
    relation: Relation
    cpr: Cpr = ""
    languages: list[LanguageIn] = Field(default_factory=list, max_length=20)

    @field_validator("cpr")
    @classmethod
    def cpr_matches_birth_date(cls, value: str, info: ValidationInfo) -> str:
        _check_cpr_matches_birth_date(value, info.data.get("birth_date"))
        return value

    @field_validator("languages")
    @classmethod
    def one_entry_per_language(cls, value: list[LanguageIn]) -> list[LanguageIn]:
        codes = [lang.language for lang in value]
        if len(codes) != len(set(codes)):
            raise _invalid("languages", _("Hvert sprog må kun angives én gang."))
        return value


class HouseholdCreateIn(InputSchema):
    name: Annotated[str, _text(120)]
    visitation_date: date
    expected_arrival_date: date | None = None
    arrival_date: date | None = None
    asylum_centre: Annotated[str, _text(120, 0)] = ""
    address: Annotated[str, _text(200, 0)] = ""
    caseworker_id: Id | None = Field(
        None, description="the fixed caseworker; default: the acting user if a caseworker"
    )
    members: list[MemberIn] = Field(min_length=1, max_length=MAX_MEMBERS)

    @field_validator("expected_arrival_date")
    @classmethod
    def not_before_visitation(cls, value: date | None, info: ValidationInfo) -> date | None:
        visited = info.data.get("visitation_date")
        if value and visited and value < visited:
            raise _invalid("date_order", _("Forventet ankomst kan ikke ligge før visitationen."))
        return value

    @field_validator("members")
    @classmethod
    def exactly_one_head(cls, value: list[MemberIn]) -> list[MemberIn]:
        if sum(1 for m in value if m.relation == Relation.HEAD) != 1:
            raise _invalid(
                "members", _("En husstand har præcis ét medlem med relationen hovedperson.")
            )
        return value


class VersionedIn(InputSchema):
    version: int = Field(
        ge=1, description="the version you read; a stale version is refused with 409 (SEC-5)"
    )


def not_sent() -> Any:
    """A PATCH field's default: absent fields are left out (exclude_unset), never set to None."""
    return Field(default=None)


# PATCH bodies: every field but version is optional; a field that is sent must be valid (null is
# only allowed where the value may be empty, i.e. the dates).
class HouseholdPatchIn(VersionedIn):
    name: Annotated[str, _text(120)] = not_sent()
    expected_arrival_date: date | None = None
    arrival_date: date | None = None
    asylum_centre: Annotated[str, _text(120, 0)] = not_sent()
    address: Annotated[str, _text(200, 0)] = not_sent()


class PersonPatchIn(VersionedIn):
    first_name: Name = not_sent()
    last_name: Name = not_sent()
    birth_date: date = not_sent()
    sex: Sex = not_sent()
    nationality: Nationality = not_sent()
    cpr: Cpr = not_sent()
    residence_basis: ResidenceBasis = not_sent()
    relation: Relation = not_sent()


class PhaseChangeIn(VersionedIn):
    to: Phase
    reason: Reason
    end_reason: EndReason | None = Field(None, description="required when to is 'ended'")
    effective_date: date | None = Field(None, description="default: today")


class CaseworkerIn(VersionedIn):
    caseworker_id: Id
    reason: Reason


class NoteIn(InputSchema):
    text: Annotated[str, _text(10000)]
    corrects_id: Id | None = Field(None, description="the note on this case this one corrects")
    internal: bool = Field(
        False, description="an internal note: never handed over to another municipality (COO-5)"
    )


# --- query filters --------------------------------------------------------------------------


class Filters(InputSchema):
    def audit_changes(self) -> dict[str, list[Any]]:
        """The filters used, as the audit log records a search: {name: [None, value]}."""
        return {k: [None, v] for k, v in self.model_dump().items() if v not in (None, "", False)}


class HouseholdFilters(Filters):
    q: Annotated[str, _text(100, 0)] = Field("", description="part of the household's name")


class PersonFilters(Filters):
    q: Annotated[str, _text(100, 0)] = Field(
        "",
        description="words of the name or household name, or the start of the CPR number (its "
        "birth-date part only for roles that see CPR numbers masked; not for roles that see none)",
    )
    phase: Phase | None = None
    nationality: Nationality | None = None
    mine: bool = Field(False, description="only citizens whose caseworker or contact I am")


class CaseFilters(Filters):
    phase: Phase | None = None
    caseworker_id: Id | None = None
    mine: bool = Field(False, description="only cases whose caseworker or contact I am")


# --- output ---------------------------------------------------------------------------------


class StaffRef(Schema):
    id: int
    name: str
    initials: str
    role: Role | None

    @staticmethod
    def resolve_name(obj: StaffUser) -> str:
        return obj.get_full_name() or obj.username

    @staticmethod
    def resolve_role(obj: StaffUser) -> str | None:
        return obj.role or None


class LanguageOut(Schema):
    language: str
    proficiency: Proficiency
    interpreter_needed: bool


def _case_of(person: Person) -> Case | None:
    return getattr(person, "case", None)


def _caller(context: Any) -> Any:
    """The acting user of the request a schema is rendered for (None outside a request)."""
    request = (context or {}).get("request")
    return getattr(request, "auth", None)


class PersonSummaryOut(Schema):
    """A person as lists show them: the CPR number masked, or null for roles that see no CPR
    number (the need-to-know policy, core/fields.py)."""

    id: int
    household_id: int
    first_name: str
    last_name: str
    birth_date: date
    sex: Sex
    nationality: str
    cpr_masked: str | None = Field(
        description="DDMMYY-XXXX, or empty if none yet; null if the caller's role sees no CPR"
    )
    residence_basis: ResidenceBasis
    relation: Relation
    case_id: int | None
    phase: Phase | None

    @staticmethod
    def resolve_cpr_masked(obj: Person, context: Any) -> str | None:
        return fields.show_cpr(_caller(context), obj.cpr, cap=fields.MASKED)

    @staticmethod
    def resolve_case_id(obj: Person) -> int | None:
        case = _case_of(obj)
        return case.pk if case else None

    @staticmethod
    def resolve_phase(obj: Person) -> str | None:
        case = _case_of(obj)
        return case.phase if case else None


class PersonOut(PersonSummaryOut):
    """One person, with the CPR number as the caller's role may see it (core/fields.py)."""

    cpr: str | None = Field(
        description="the full number for roles whose work needs it, DDMMYY-XXXX for roles that "
        "only tell people apart, empty if none yet; null if the caller's role sees no CPR"
    )
    languages: list[LanguageOut]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_cpr(obj: Person, context: Any) -> str | None:
        return fields.show_cpr(_caller(context), obj.cpr)

    @staticmethod
    def resolve_languages(obj: Person) -> list[Any]:
        return list(obj.languages.all())


class HouseholdSummaryOut(Schema):
    id: int
    name: str
    expected_arrival_date: date | None
    arrival_date: date | None
    asylum_centre: str
    address: str
    version: int


class HouseholdOut(HouseholdSummaryOut):
    members: list[PersonSummaryOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_members(obj: Any) -> list[Any]:
        return list(obj.members.all())


class CaseOut(Schema):
    id: int
    person_id: int
    person_name: str
    household_id: int
    phase: Phase
    end_reason: EndReason | None
    allowed_phases: list[Phase] = Field(description="the phases the case may move to next")
    visitation_date: date
    takeover_date: date
    programme_end_date: date
    caseworker: StaffRef | None
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_person_name(obj: Case) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_household_id(obj: Case) -> int:
        return obj.person.household_id

    @staticmethod
    def resolve_end_reason(obj: Case) -> str | None:
        return obj.end_reason or None

    @staticmethod
    def resolve_allowed_phases(obj: Case) -> list[str]:
        return list(PHASES.get(obj.phase, []))


class NoteOut(Schema):
    id: int
    case_id: int
    author: StaffRef
    created_at: datetime
    text: str
    corrects_id: int | None
    internal: bool = Field(description="internal: never handed over to another municipality")
    corrected_by: list[int] = Field(description="ids of later notes that correct this one")

    @staticmethod
    def resolve_corrected_by(obj: Any) -> list[int]:
        return [note.pk for note in obj.corrections.all()]
