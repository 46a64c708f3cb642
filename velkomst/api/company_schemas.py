"""The API's contract for companies, openings, proposals and speed-dating events (PRG-4).

Outputs give codes (the models' TextChoices, listed in the OpenAPI schema); inputs are the
API's ``InputSchema``: anything unknown or out of range is a 422 naming it; the services' rules
(the CVR number's check, a DB07 code, places, hours, dates in order) answer 422 the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Field, Schema

from velkomst.companies.models import (
    AgreementKind,
    Attendance,
    CompanyAnswer,
    MeetingOutcome,
    OpeningKind,
    OpeningStatus,
)
from velkomst.people.levels import CefrLevel

from .schemas import Filters, Id, InputSchema, VersionedIn, _text, not_sent

Text200 = Annotated[str, _text(200)]
Optional200 = Annotated[str, _text(200, 0)]
Note = Annotated[str, _text(1000, 0)]
Cvr = Annotated[str, Field(min_length=8, max_length=12, description="8 digits, modulus-11 check")]
Industry = Annotated[
    str, Field(min_length=4, max_length=10, description="DB07 code, 4 or 6 digits, e.g. 471100")
]
Hours = Annotated[int, Field(ge=1, le=37)]
Places = Annotated[int, Field(ge=1, le=100)]
Skill = Annotated[str, Field(min_length=1, max_length=40)]


class CompanyFilters(Filters):
    q: Annotated[str, _text(100, 0)] = Field("", description="part of the name or the CVR number")


class CompanyOut(Schema):
    id: int
    name: str
    cvr: str
    industry: str
    address: str
    area_id: int | None
    note: str
    version: int


class CompanyIn(InputSchema):
    name: Text200
    cvr: Cvr
    industry: Industry
    address: Optional200 = ""
    area_id: Id | None = None
    note: Note = ""


class CompanyPatchIn(VersionedIn):
    name: Text200 = not_sent()
    cvr: Cvr = not_sent()
    industry: Industry = not_sent()
    address: Optional200 = not_sent()
    area_id: Id | None = not_sent()
    note: Note = not_sent()


class ContactOut(Schema):
    id: int
    company_id: int
    name: str
    role: str
    phone: str
    email: str
    version: int


class ContactIn(InputSchema):
    name: Annotated[str, _text(150)]
    role: Annotated[str, _text(100, 0)] = ""
    phone: Annotated[str, _text(30, 0)] = ""
    email: Annotated[str, _text(254, 0)] = ""


class ContactPatchIn(VersionedIn):
    name: Annotated[str, _text(150)] = not_sent()
    role: Annotated[str, _text(100, 0)] = not_sent()
    phone: Annotated[str, _text(30, 0)] = not_sent()
    email: Annotated[str, _text(254, 0)] = not_sent()


class StepOut(Schema):
    id: int
    position: int
    name: str
    done_on: date | None


class AgreementOut(Schema):
    id: int
    company_id: int
    kind: AgreementKind
    title: str
    valid_from: date
    valid_to: date | None
    steps: list[StepOut]
    version: int

    @staticmethod
    def resolve_steps(obj: object) -> list[object]:
        return list(obj.steps.all())  # type: ignore[attr-defined]


class AgreementIn(InputSchema):
    kind: AgreementKind
    title: Optional200 = ""
    valid_from: date
    valid_to: date | None = None
    steps: list[Text200] = Field(default_factory=list, max_length=30)


class AgreementPatchIn(VersionedIn):
    """The agreement's own fields; its progression steps are kept."""

    kind: AgreementKind = not_sent()
    title: Optional200 = not_sent()
    valid_from: date = not_sent()
    valid_to: date | None = not_sent()


class OpeningFilters(Filters):
    status: OpeningStatus | None = None
    kind: OpeningKind | None = None
    company_id: Id | None = None


class OpeningOut(Schema):
    id: int
    company_id: int
    kind: OpeningKind
    title: str
    trade: str
    danish_required: CefrLevel
    skills: list[str]
    hours_per_week: int
    area_id: int | None
    start_on: date
    places: int
    status: OpeningStatus
    description: str
    version: int


class OpeningIn(InputSchema):
    company_id: Id
    kind: OpeningKind
    title: Text200
    trade: Annotated[str, _text(10, 0)] = Field("", description="DISCO-08 unit group, 4 digits")
    danish_required: CefrLevel = CefrLevel.NONE
    skills: list[Skill] = Field(default_factory=list, max_length=20)
    hours_per_week: Hours
    area_id: Id | None = None
    start_on: date
    places: Places = 1
    status: OpeningStatus = OpeningStatus.OPEN
    description: Annotated[str, _text(2000, 0)] = ""


class OpeningPatchIn(VersionedIn):
    kind: OpeningKind = not_sent()
    title: Text200 = not_sent()
    trade: Annotated[str, _text(10, 0)] = not_sent()
    danish_required: CefrLevel = not_sent()
    skills: list[Skill] = Field(default=None, max_length=20)  # type: ignore[arg-type]
    hours_per_week: Hours = not_sent()
    area_id: Id | None = not_sent()
    start_on: date = not_sent()
    places: Places = not_sent()
    status: OpeningStatus = not_sent()
    description: Annotated[str, _text(2000, 0)] = not_sent()


class ProposalFilters(Filters):
    company_answer: CompanyAnswer | None = None
    opening_id: Id | None = None


class ProposalOut(Schema):
    id: int
    opening_id: int
    person_id: int
    person_name: str
    proposed_on: date
    company_answer: CompanyAnswer
    answered_on: date | None
    answer_reason: str
    result: str = Field(description='"" (none yet), "started" or "not_started"')
    result_on: date | None
    result_reason: str
    activity_id: int | None = Field(description="the activity on the person's integration plan")
    version: int

    @staticmethod
    def resolve_person_name(obj: object) -> str:
        return obj.person.full_name  # type: ignore[attr-defined]


class ProposalIn(InputSchema):
    opening_id: Id
    person_id: Id
    proposed_on: date | None = None


class AnswerIn(VersionedIn):
    company_answer: CompanyAnswer
    answered_on: date | None = None
    answer_reason: Annotated[str, _text(500, 0)] = ""


class ResultIn(VersionedIn):
    result: Annotated[str, Field(pattern="^(started|not_started)$")]
    result_on: date | None = None
    result_reason: Annotated[str, _text(500, 0)] = ""


class InvitationOut(Schema):
    id: int
    person_id: int
    person_name: str
    invited_on: date
    letter_language: str
    attended: Attendance
    version: int

    @staticmethod
    def resolve_person_name(obj: object) -> str:
        return obj.person.full_name  # type: ignore[attr-defined]


class EventMeetingOut(Schema):
    id: int
    person_id: int
    company_id: int
    outcome: MeetingOutcome
    note: str
    version: int


class EventOut(Schema):
    id: int
    name: str
    held_on: date
    place: str
    company_ids: list[int]
    version: int

    @staticmethod
    def resolve_company_ids(obj: object) -> list[int]:
        return sorted(c.pk for c in obj.companies.all())  # type: ignore[attr-defined]


class EventDetailOut(EventOut):
    invitations: list[InvitationOut]
    meetings: list[EventMeetingOut]

    @staticmethod
    def resolve_invitations(obj: object) -> list[object]:
        return obj.invitations_shown  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_meetings(obj: object) -> list[object]:
        return obj.meetings_shown  # type: ignore[attr-defined,no-any-return]


class EventIn(InputSchema):
    name: Text200
    held_on: date
    place: Text200
    company_ids: list[Id] = Field(default_factory=list, max_length=200)


class InvitationIn(InputSchema):
    person_id: Id
    invited_on: date | None = None
    letter_language: Annotated[str, Field(max_length=8)] = Field(
        "", description="ISO 639 code; empty: the person's own language where a text exists"
    )


class EventMeetingIn(InputSchema):
    person_id: Id
    company_id: Id
    outcome: MeetingOutcome = MeetingOutcome.NONE
    note: Note = ""
