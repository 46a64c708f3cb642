"""The API's contract for housing, hosts, housing associations and neighbour reports (HOU-1..8).

Output schemas give codes (the models' TextChoices, listed in the OpenAPI schema) and, for the
reasons a person reads, the text in the caller's language (``Accept-Language``). Inputs are the
same ``InputSchema`` as the rest of the API: anything unknown or out of range is a 422 naming it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.utils.translation import get_language
from ninja import Field, Schema

from velkomst.associations.models import MeetingStatus
from velkomst.associations.models import Outcome as LineOutcome
from velkomst.hosts.models import OfferKind, OfferStatus
from velkomst.housing import runs
from velkomst.housing.models import (
    AreaKind,
    Decision,
    DwellingStatus,
    DwellingType,
    LandlordKind,
    PlacementEndReason,
    PlacementSource,
    PlacementSuggestion,
    RunStatus,
)
from velkomst.neighbours.models import ReportSource, ReportStatus, Urgency

from .schemas import Filters, Id, InputSchema, Reason, VersionedIn, _text, not_sent

# --- housing register (HOU-1, HOU-2) ----------------------------------------------------------


class AreaOut(Schema):
    id: int
    name: str
    kind: AreaKind
    vulnerable: bool
    youth_environment: bool
    existing_refugee_households: int
    max_refugee_households: int | None
    max_share_percent: int | None
    households_total: int | None
    version: int


class DwellingFilters(Filters):
    area_id: Id | None = None
    type: DwellingType | None = None
    status: DwellingStatus | None = None


class DwellingOut(Schema):
    id: int
    address: str
    area_id: int
    type: DwellingType
    rooms: int
    size_m2: int
    rent: int = Field(description="kr. a month")
    utilities: int = Field(description="kr. a month")
    landlord_kind: LandlordKind
    landlord_name: str
    available_from: date
    step_free: bool
    status: DwellingStatus
    version: int


Rooms = Annotated[int, Field(ge=1, le=30)]
Size = Annotated[int, Field(ge=1, le=2000, description="m²")]
Kroner = Annotated[int, Field(ge=0, le=1_000_000, description="kr. a month")]
Minutes = Annotated[int, Field(ge=0, le=600)]


class DwellingIn(InputSchema):
    """A dwelling of the register, as the dwelling form takes it."""

    address: Annotated[str, _text(200)]
    area_id: Id
    type: DwellingType
    rooms: Rooms
    size_m2: Size
    rent: Kroner
    utilities: Kroner = 0
    landlord_kind: LandlordKind
    landlord_name: Annotated[str, _text(150, 0)] = ""
    available_from: date
    step_free: bool = False
    minutes_to_school: Minutes | None = None
    minutes_to_daycare: Minutes | None = None
    minutes_to_transport: Minutes | None = None
    minutes_to_shops: Minutes | None = None
    status: DwellingStatus = DwellingStatus.AVAILABLE


class DwellingPatchIn(VersionedIn):
    """The fields sent are changed; ``version`` must be the one read (409 otherwise)."""

    address: Annotated[str, _text(200)] = not_sent()
    area_id: Id = not_sent()
    type: DwellingType = not_sent()
    rooms: Rooms = not_sent()
    size_m2: Size = not_sent()
    rent: Kroner = not_sent()
    utilities: Kroner = not_sent()
    landlord_kind: LandlordKind = not_sent()
    landlord_name: Annotated[str, _text(150, 0)] = not_sent()
    available_from: date = not_sent()
    step_free: bool = not_sent()
    minutes_to_school: Minutes | None = not_sent()
    minutes_to_daycare: Minutes | None = not_sent()
    minutes_to_transport: Minutes | None = not_sent()
    minutes_to_shops: Minutes | None = not_sent()
    status: DwellingStatus = not_sent()


class HousingNeedIn(InputSchema):
    """The whole need, as the need form saves it; left empty, rooms come from the household's
    composition, the maximum rent from the income and the needed-by date from the arrival."""

    version: int = Field(
        ge=0, le=2**31 - 1, description="the version read; 0 when the household has no need yet"
    )
    rooms_needed: Rooms | None = None
    expected_monthly_income: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    max_rent: Kroner | None = None
    step_free_needed: bool = False
    student_youth_environment: bool = False
    workplace_or_school_area_id: Id | None = None
    wished_area_id: Id | None = None
    needed_by: date | None = None
    wishes: Annotated[str, _text(1000, 0)] = ""


class HousingNeedOut(Schema):
    id: int
    household_id: int
    rooms_needed: int
    expected_monthly_income: int | None
    max_rent: int | None = Field(description="rent and utilities, kr. a month")
    step_free_needed: bool
    student_youth_environment: bool
    workplace_or_school_area_id: int | None
    wished_area_id: int | None
    needed_by: date | None
    wishes: str
    version: int


# --- placements (HOU-4) -----------------------------------------------------------------------


class PlacementOut(Schema):
    id: int
    household_id: int
    dwelling_id: int
    address: str = Field(alias="dwelling.address")
    type: DwellingType
    start_date: date
    end_date: date | None
    end_reason: PlacementEndReason | None
    source: PlacementSource
    version: int

    @staticmethod
    def resolve_end_reason(obj: Any) -> str | None:
        return obj.end_reason or None


class PlacementEndIn(InputSchema):
    end_date: date
    end_reason: PlacementEndReason


# --- placement runs and decisions (HOU-3) ----------------------------------------------------


class RunStartIn(InputSchema):
    household_ids: list[Id] = Field(
        min_length=1, max_length=1000, description="households waiting for housing"
    )
    weights: dict[Annotated[str, _text(40)], Annotated[float, Field(ge=0, le=1000)]] = Field(
        default_factory=dict,
        description="weights for this run only, by goal name; the municipality's otherwise",
    )


class RunOut(Schema):
    id: int
    status: RunStatus
    stage: str
    progress: int = Field(description="percent")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    households: int
    dwelling_count: int
    error: str
    decisions: dict[str, int] = Field(description="suggestions by decision, once the run is done")

    @staticmethod
    def resolve_households(obj: Any) -> int:
        return len(obj.household_ids)

    @staticmethod
    def resolve_decisions(obj: Any) -> dict[str, int]:
        return runs.decision_counts(obj)


class SuggestionOut(Schema):
    id: int
    run_id: int
    household_id: int
    household_name: str = Field(alias="household.name")
    dwelling_id: int | None
    address: str | None
    score: float | None
    reasons: list[str] = Field(description="why, in the caller's language")
    decision: Decision
    decision_note: str
    placement_id: int | None
    version: int

    @staticmethod
    def resolve_address(obj: PlacementSuggestion) -> str | None:
        return obj.dwelling.address if obj.dwelling is not None else None

    @staticmethod
    def resolve_reasons(obj: PlacementSuggestion) -> list[str]:
        return runs.reasons_text(obj.explanations, (get_language() or "da")[:2])


class AcceptIn(VersionedIn):
    start_date: date | None = Field(
        None, description="the move-in day; default today or the day the dwelling is free"
    )
    dwelling_id: Id | None = Field(None, description="another free dwelling than the suggested one")
    note: Annotated[str, _text(500, 0)] = Field(
        "", description="required when the other dwelling breaks a hard rule"
    )


class RejectIn(VersionedIn):
    note: Reason


# --- private hosts (HOU-6) --------------------------------------------------------------------


class HostOfferOut(Schema):
    id: int
    host_id: int
    kind: OfferKind
    description: str
    rooms: int
    size_m2: int | None
    rent: int
    utilities: int
    available_from: date
    available_until: date | None
    step_free: bool
    max_persons: int
    household_types: list[str]
    languages: list[str]
    pets_ok: bool
    smoking_ok: bool
    status: OfferStatus
    dwelling_id: int | None
    version: int


class HostOut(Schema):
    id: int
    name: str
    phone: str
    email: str
    address: str
    area_id: int | None
    note: str
    version: int


class HostDetailOut(HostOut):
    offers: list[HostOfferOut] = Field(alias="offers_shown")


# --- housing associations and the allocation meeting (HOU-5) ---------------------------------


class MoveOutOut(Schema):
    period: date = Field(description="the month's first day")
    move_outs: int


class AssociationOut(Schema):
    id: int
    name: str
    contact_person: str
    email: str
    phone: str
    active: bool
    version: int


class AssociationDetailOut(AssociationOut):
    move_outs: list[MoveOutOut] = Field(alias="move_outs_shown")


class MeetingOut(Schema):
    id: int
    month: date
    meeting_date: date
    status: MeetingStatus
    key_months: int
    version: int


class LineOut(Schema):
    id: int
    position: int
    association_id: int
    keyed_association_id: int | None
    household_id: int
    household_name: str = Field(alias="household.name")
    outcome: LineOutcome
    dwelling_id: int | None
    placement_id: int | None
    version: int


class MeetingDetailOut(MeetingOut):
    lines: list[LineOut] = Field(alias="lines_shown")


# --- neighbour reports (HOU-8) ----------------------------------------------------------------


class ReportFilters(Filters):
    status: ReportStatus | None = None
    overdue: bool = Field(False, description="no first response by the due day")
    mine: bool = Field(False, description="only reports I own")


class ReportOut(Schema):
    id: int
    number: str
    source: ReportSource
    status: ReportStatus
    urgency: Urgency
    address: str
    received_at: datetime
    response_due: date
    first_response_at: datetime | None
    closed_at: datetime | None
    owner_id: int | None
    dwelling_id: int | None
    household_id: int | None
    version: int


class ReportDetailOut(ReportOut):
    channel_id: int | None
    reporter_name: str
    reporter_phone: str
    reporter_email: str
    description: str
    since: date | None
    resolution: str
