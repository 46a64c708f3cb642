"""The outcomes API's contract (PRG-7): a person's employment, education, benefit periods and
self-support, and the derived result grants."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from ninja import Field, Schema

from velkomst.outcomes.models import BenefitType, GrantKind, SelfSupportSource, SubsidyKind

from .schemas import InputSchema, VersionedIn, _text, not_sent


class GrantStatus(StrEnum):
    OPEN = "open"
    CLAIMED = "claimed"
    PAID = "paid"


Hours = Annotated[Decimal, Field(gt=0, le=48, max_digits=4, decimal_places=1)]
CvrText = Annotated[str, _text(12, 0)]


class EmploymentIn(InputSchema):
    employer_name: Annotated[str, _text(200)]
    cvr: CvrText = Field("", description="8 digits passing the modulus-11 check, or empty")
    start_date: date
    end_date: date | None = Field(None, description="none while the employment lasts")
    hours_per_week: Hours
    subsidy: SubsidyKind = SubsidyKind.NONE


class EmploymentPatchIn(VersionedIn):
    employer_name: Annotated[str, _text(200)] = not_sent()
    cvr: CvrText = not_sent()
    start_date: date = not_sent()
    end_date: date | None = None
    hours_per_week: Hours = not_sent()
    subsidy: SubsidyKind = not_sent()


class EmploymentOut(Schema):
    id: int
    person_id: int
    employer_name: str
    cvr: str
    start_date: date
    end_date: date | None
    hours_per_week: float
    subsidy: SubsidyKind
    version: int


class EducationIn(InputSchema):
    institution: Annotated[str, _text(200)]
    programme: Annotated[str, _text(200)]
    qualifying: bool = Field(False, description="an ordinary, qualifying education")
    started_on: date
    completed_on: date | None = None
    dropped_on: date | None = None


class EducationPatchIn(VersionedIn):
    institution: Annotated[str, _text(200)] = not_sent()
    programme: Annotated[str, _text(200)] = not_sent()
    qualifying: bool = not_sent()
    started_on: date = not_sent()
    completed_on: date | None = None
    dropped_on: date | None = None


class EducationOut(Schema):
    id: int
    person_id: int
    institution: str
    programme: str
    qualifying: bool
    started_on: date
    completed_on: date | None
    dropped_on: date | None
    version: int


class BenefitIn(InputSchema):
    benefit: BenefitType
    from_date: date
    to_date: date | None = None


class BenefitPatchIn(VersionedIn):
    benefit: BenefitType = not_sent()
    from_date: date = not_sent()
    to_date: date | None = None


class BenefitOut(Schema):
    id: int
    person_id: int
    benefit: BenefitType
    from_date: date
    to_date: date | None
    version: int


class SelfSupportingIn(InputSchema):
    version: int = Field(ge=0, description="0 when none is recorded yet, else the version read")
    from_date: date
    source: SelfSupportSource


class SelfSupportingOut(Schema):
    id: int
    person_id: int
    from_date: date
    source: SelfSupportSource
    version: int


class PassedExamOut(Schema):
    exam: str
    taken_on: date


class GrantOut(Schema):
    person_id: int
    person_name: str = ""
    kind: GrantKind
    achieved_on: date = Field(description="the job obtained, the education started, the exam")
    earned_on: date
    tier: str = Field(description="full (first 3 years) or reduced (years 4-5)")
    amount: int = Field(description="kr.")
    table_year: int = Field(description="the year of the rate table the amount is from")
    evidence: str = Field(description="the facts the grant rests on, in words")
    status: str = Field("open", description="open (not claimed), claimed or paid")
    claim_id: int | None = Field(None, description="the claim, once the grant is claimed")


class OutcomesOut(Schema):
    person_id: int
    employments: list[EmploymentOut]
    educations: list[EducationOut]
    benefit_periods: list[BenefitOut]
    self_supporting: SelfSupportingOut | None
    exams_passed: list[PassedExamOut]
    grants: list[GrantOut]


class GrantFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    kind: GrantKind | None = None
    status: GrantStatus | None = None


class GrantClaimOut(Schema):
    id: int
    person_id: int
    kind: GrantKind
    earned_on: date
    amount: int = Field(description="kr. claimed")
    claimed_on: date
    claimed_by_id: int
    reference: str
    paid_on: date | None = Field(description="none until the state has paid")
    version: int


Amount = Annotated[int, Field(ge=1, le=1_000_000, description="whole kroner")]
Reference = Annotated[str, _text(100, 0)]


class GrantClaimIn(InputSchema):
    """Claim one derived grant: the person, the kind and the day earned name it (as
    /api/result-grants lists it); a grant claimed before is refused (422 on ``earned_on``)."""

    person_id: int = Field(ge=1)
    kind: GrantKind
    earned_on: date
    claimed_on: date
    amount: Amount
    reference: Reference = ""


class GrantClaimPatchIn(VersionedIn):
    claimed_on: date = not_sent()
    amount: Amount = not_sent()
    reference: Reference = not_sent()
    paid_on: date | None = not_sent()


class GrantClaimFilters(Schema):
    paid: bool | None = Field(None, description="true: paid only; false: not paid yet")
