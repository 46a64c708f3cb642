"""The API's contract for the integration programme (PRG-1, PRG-5, PRG-8): plan, goals,
activities, support measures and the integration contract. Codes are the models' TextChoices;
the plan's flags carry their code and the text in the caller's language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from velkomst.people.levels import CefrLevel
from velkomst.programme.models import (
    ActivityKind,
    Category,
    ContractStatus,
    Direction,
    GoalKind,
    ProviderKind,
    SupportKind,
)
from velkomst.programme.services import MAX_PRICE

from .schemas import InputSchema, VersionedIn, _text, not_sent

Hours = Annotated[Decimal, Field(gt=0, le=99, max_digits=4, decimal_places=1)]
# MI-4: whole kroner a week (activity) or a month (support measure); None: no cost
Price = Annotated[int, Field(ge=0, le=MAX_PRICE)]
Text = Annotated[str, _text(1000, 0)]


class FlagOut(Schema):
    code: str
    text: str


class GoalOut(Schema):
    id: int
    kind: GoalKind
    trade_code: str
    trade_label: str
    education: str
    danish_level: str
    target_date: date
    achieved_on: date | None
    version: int


class ActivityOut(Schema):
    id: int
    category: Category
    kind: ActivityKind
    start: date
    end: date | None
    hours_per_week: Decimal
    provider_kind: ProviderKind
    provider_name: str
    price_per_week: int | None = Field(description="kroner a week the municipality pays (MI-4)")
    note: str
    version: int


class SupportOut(Schema):
    id: int
    kind: SupportKind
    starts_on: date
    ends_on: date | None
    price_per_month: int | None = Field(description="kroner a month the municipality pays (MI-4)")
    note: str
    version: int


class PlanOut(Schema):
    person_id: int
    id: int | None = Field(description="None while the person has no plan yet")
    direction: Direction
    direction_reason: str
    version: int = Field(description="0 while the person has no plan yet")
    goals: list[GoalOut]
    activities: list[ActivityOut]
    supports: list[SupportOut]
    flags: list[FlagOut]


class DirectionIn(InputSchema):
    direction: Direction
    reason: Annotated[str, _text(300)]
    version: int | None = Field(None, ge=1, description="the version read (409 if stale)")


class ActivityIn(InputSchema):
    category: Category
    kind: ActivityKind
    start: date
    end: date | None = None
    hours_per_week: Hours
    provider_kind: ProviderKind
    provider_name: Annotated[str, _text(200, 0)] = ""
    price_per_week: Price | None = None
    note: Text = ""


class ActivityPatchIn(VersionedIn):
    category: Category = not_sent()
    kind: ActivityKind = not_sent()
    start: date = not_sent()
    end: date | None = not_sent()
    hours_per_week: Hours = not_sent()
    provider_kind: ProviderKind = not_sent()
    provider_name: Annotated[str, _text(200, 0)] = not_sent()
    price_per_week: Price | None = not_sent()
    note: Text = not_sent()


class GoalIn(InputSchema):
    kind: GoalKind
    target_date: date
    trade_code: Annotated[str, _text(8, 0)] = ""
    trade_label: Annotated[str, _text(200, 0)] = ""
    education: Annotated[str, _text(200, 0)] = ""
    danish_level: CefrLevel | None = None
    achieved_on: date | None = None


class GoalPatchIn(VersionedIn):
    kind: GoalKind = not_sent()
    target_date: date = not_sent()
    trade_code: Annotated[str, _text(8, 0)] = not_sent()
    trade_label: Annotated[str, _text(200, 0)] = not_sent()
    education: Annotated[str, _text(200, 0)] = not_sent()
    danish_level: CefrLevel = not_sent()
    achieved_on: date | None = not_sent()


class ContractOut(Schema):
    id: int
    person_id: int
    due_date: date
    status: ContractStatus
    signed_on: date | None
    signed_by_municipality_on: date | None
    signed_by_staff_id: int | None
    refused_on: date | None
    refusal_reason: str
    version: int


class ContractIn(VersionedIn):
    """Sign (``signed_on``, and ``signed_by_municipality_on`` by the caller) or refuse
    (``refused_on`` with ``refusal_reason``)."""

    signed_on: date | None = None
    signed_by_municipality_on: date | None = None
    refused_on: date | None = None
    refusal_reason: Annotated[str, _text(500, 0)] = ""


class SupportIn(InputSchema):
    """A support measure on the plan (a free bus card, childcare during course hours, a
    mentor), with its dates."""

    kind: SupportKind
    starts_on: date
    ends_on: date | None = None
    price_per_month: Price | None = None
    note: Annotated[str, _text(300, 0)] = ""


class SupportPatchIn(VersionedIn):
    kind: SupportKind = not_sent()
    starts_on: date = not_sent()
    ends_on: date | None = not_sent()
    price_per_month: Price | None = not_sent()
    note: Annotated[str, _text(300, 0)] = not_sent()


class SupportEndIn(VersionedIn):
    ends_on: date
