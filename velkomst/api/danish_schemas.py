"""The API's contract for Danish education (PRG-2): language centres, referrals with their
modules and monthly attendance, and exams. Codes are the models' TextChoices (listed in the
OpenAPI schema); inputs forbid anything unknown (422 naming it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema

from velkomst.danish.models import Exam, ExamResult, Grade, ReferralEndReason, Track
from velkomst.people.levels import CefrLevel

from .schemas import Filters, Id, InputSchema, VersionedIn, _text, not_sent

Text150 = Annotated[str, _text(150, 0)]
Text200 = Annotated[str, _text(200, 0)]
Hours = Annotated[Decimal, Field(ge=0, le=999, max_digits=5, decimal_places=1)]
Module = Annotated[int, Field(ge=1, le=6)]
TermText = Annotated[
    str,
    Field(
        max_length=20,
        description='"<year>-summer" (May/June) or "<year>-winter" (Nov/Dec); empty: derived '
        "from the exam date",
    ),
]


class CentreOut(Schema):
    id: int
    name: str
    address: str
    email: str
    contact: str
    phone: str
    active: bool
    version: int


class CentreIn(InputSchema):
    name: Annotated[str, _text(150)]
    address: Text200 = ""
    email: Annotated[str, _text(254, 0)] = ""
    contact: Text150 = ""
    phone: Annotated[str, _text(30, 0)] = ""
    active: bool = True


class CentrePatchIn(VersionedIn):
    name: Annotated[str, _text(150)] = not_sent()
    address: Text200 = not_sent()
    email: Annotated[str, _text(254, 0)] = not_sent()
    contact: Text150 = not_sent()
    phone: Annotated[str, _text(30, 0)] = not_sent()
    active: bool = not_sent()


class ModuleOut(Schema):
    id: int
    module: int
    started_on: date
    passed_on: date | None
    version: int


class AttendanceOut(Schema):
    id: int
    month: date = Field(description="the month's first day")
    hours_offered: Decimal
    hours_attended: Decimal
    version: int


class ReferralOut(Schema):
    id: int
    person_id: int
    centre_id: int
    track: Track
    referred_on: date
    start_on: date | None = Field(description="the planned start")
    started_on: date | None = Field(description="the actual start")
    ended_on: date | None
    end_reason: ReferralEndReason | None

    @staticmethod
    def resolve_end_reason(obj: Any) -> str | None:
        return obj.end_reason or None

    version: int


class ReferralDetailOut(ReferralOut):
    modules: list[ModuleOut]
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_modules(obj: Any) -> list[Any]:
        return list(obj.modules.all())

    @staticmethod
    def resolve_attendance(obj: Any) -> list[Any]:
        return list(obj.attendance.all())


class ReferralFilters(Filters):
    person_id: Id | None = None
    centre_id: Id | None = None


class ReferralIn(InputSchema):
    person_id: Id
    centre_id: Id
    track: Track
    referred_on: date
    start_on: date | None = None
    started_on: date | None = None
    ended_on: date | None = None
    end_reason: ReferralEndReason | None = None


class ReferralPatchIn(VersionedIn):
    centre_id: Id = not_sent()
    track: Track = not_sent()
    referred_on: date = not_sent()
    start_on: date | None = not_sent()
    started_on: date | None = not_sent()
    ended_on: date | None = not_sent()
    end_reason: ReferralEndReason | None = not_sent()


class ModuleIn(InputSchema):
    module: Module
    started_on: date
    passed_on: date | None = None


class ModulePatchIn(VersionedIn):
    module: Module = not_sent()
    started_on: date = not_sent()
    passed_on: date | None = not_sent()


class AttendanceIn(InputSchema):
    month: date = Field(description="any day of the month")
    hours_offered: Hours
    hours_attended: Hours


class AttendancePatchIn(VersionedIn):
    month: date = not_sent()
    hours_offered: Hours = not_sent()
    hours_attended: Hours = not_sent()


class ExamOut(Schema):
    id: int
    person_id: int
    referral_id: int | None
    exam: Exam
    term: str
    taken_on: date
    result: ExamResult
    grade: Grade | None
    level: CefrLevel | None = Field(description="the level a passed exam attests")
    version: int

    @staticmethod
    def resolve_grade(obj: Any) -> str | None:
        return obj.grade or None

    @staticmethod
    def resolve_level(obj: Any) -> str | None:
        from velkomst.danish.rules import EXAM_LEVEL

        return str(EXAM_LEVEL[obj.exam]) if obj.result == ExamResult.PASSED else None


class ExamFilters(Filters):
    person_id: Id | None = None


class ExamIn(InputSchema):
    person_id: Id
    referral_id: Id | None = None
    exam: Exam
    term: TermText = ""
    taken_on: date
    result: ExamResult
    grade: Grade | None = None


class ExamPatchIn(VersionedIn):
    referral_id: Id | None = not_sent()
    exam: Exam = not_sent()
    term: TermText = not_sent()
    taken_on: date = not_sent()
    result: ExamResult = not_sent()
    grade: Grade | None = not_sent()
