"""The API's contract for housing, hosts, housing associations and neighbour reports (HOU-1..8).

Output schemas give codes (the models' TextChoices, listed in the OpenAPI schema) and, for the
reasons a person reads, the text in the caller's language (``Accept-Language``). Inputs are the
same ``InputSchema`` as the rest of the API: anything unknown or out of range is a 422 naming it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.utils.translation import get_language
from ninja import Field, Schema

from velkomst.associations.models import MeetingStatus
from velkomst.associations.models import Outcome as LineOutcome
from velkomst.hosts.models import HouseholdType, OfferKind, OfferStatus
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
from velkomst.neighbours.models import EventKind, ReportSource, ReportStatus, Urgency

from .schemas import Filters, Id, InputSchema, Moment, Reason, VersionedIn, _text, not_sent

# The timeline entries staff write by hand (neighbours.services.MANUAL_EVENT_KINDS).
ManualEventKind = Literal["note", "contacted_reporter", "visited_household"]
assert {EventKind.NOTE, EventKind.CONTACTED_REPORTER, EventKind.VISITED_HOUSEHOLD} == set(
    ManualEventKind.__args__  # type: ignore[attr-defined]
)


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


Count = Annotated[int, Field(ge=0, le=1_000_000)]
Percent = Annotated[int, Field(ge=0, le=100)]


class AreaIn(InputSchema):
    """An area, as the area form takes it (HOU-1)."""

    name: Annotated[str, _text(100)]
    kind: AreaKind
    vulnerable: bool = False
    youth_environment: bool = False
    schools: Annotated[str, _text(500, 0)] = ""
    daycares: Annotated[str, _text(500, 0)] = ""
    existing_refugee_households: Count = 0
    max_refugee_households: Count | None = None
    max_share_percent: Percent | None = None
    households_total: Count | None = None
    note: Annotated[str, _text(500, 0)] = ""


class AreaPatchIn(VersionedIn):
    """The fields sent are changed; ``version`` must be the one read (409 otherwise)."""

    name: Annotated[str, _text(100)] = not_sent()
    kind: AreaKind = not_sent()
    vulnerable: bool = not_sent()
    youth_environment: bool = not_sent()
    schools: Annotated[str, _text(500, 0)] = not_sent()
    daycares: Annotated[str, _text(500, 0)] = not_sent()
    existing_refugee_households: Count = not_sent()
    max_refugee_households: Count | None = not_sent()
    max_share_percent: Percent | None = not_sent()
    households_total: Count | None = not_sent()
    note: Annotated[str, _text(500, 0)] = not_sent()


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
    monthly_cost: int | None = Field(
        description="the dwelling's rent and utilities a month on the move-in day, kroner (MI-4)"
    )
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


Phone = Annotated[str, _text(30, 0)]
Email = Annotated[str, _text(254, 0), Field(pattern=r"^$|^[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+$")]


class HostIn(InputSchema):
    """A private host, as the host form takes it (HOU-6)."""

    name: Annotated[str, _text(150)]
    phone: Phone = ""
    email: Email = ""
    address: Annotated[str, _text(200)]
    area_id: Id | None = None
    note: Annotated[str, _text(1000, 0)] = ""


class HostPatchIn(VersionedIn):
    name: Annotated[str, _text(150)] = not_sent()
    phone: Phone = not_sent()
    email: Email = not_sent()
    address: Annotated[str, _text(200)] = not_sent()
    area_id: Id | None = not_sent()
    note: Annotated[str, _text(1000, 0)] = not_sent()


LanguageCode = Annotated[str, Field(min_length=2, max_length=3, pattern=r"^[a-z]{2,3}$")]


class HostOfferIn(InputSchema):
    """A host's offer, as the offer form takes it (HOU-6); languages as ISO 639 codes."""

    kind: OfferKind
    description: Annotated[str, _text(1000, 0)] = ""
    rooms: Rooms = 1
    size_m2: Size
    rent: Kroner
    utilities: Kroner = 0
    available_from: date
    available_until: date | None = None
    step_free: bool = False
    max_persons: Annotated[int, Field(ge=1, le=30)]
    household_types: list[HouseholdType] = Field(min_length=1, max_length=3)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    pets_ok: bool = False
    smoking_ok: bool = False


class HostOfferPatchIn(VersionedIn):
    kind: OfferKind = not_sent()
    description: Annotated[str, _text(1000, 0)] = not_sent()
    rooms: Rooms = not_sent()
    size_m2: Size = not_sent()
    rent: Kroner = not_sent()
    utilities: Kroner = not_sent()
    available_from: date = not_sent()
    available_until: date | None = not_sent()
    step_free: bool = not_sent()
    max_persons: Annotated[int, Field(ge=1, le=30)] = not_sent()
    household_types: Annotated[list[HouseholdType], Field(min_length=1, max_length=3)] = not_sent()
    languages: Annotated[list[LanguageCode], Field(max_length=20)] = not_sent()
    pets_ok: bool = not_sent()
    smoking_ok: bool = not_sent()
    status: OfferStatus = not_sent()


# --- housing associations and the allocation meeting (HOU-5) ---------------------------------


class MoveOutOut(Schema):
    period: date = Field(description="the month's first day")
    move_outs: int
    version: int


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


Month = Annotated[date, Field(description="the month's first day")]


class MoveOutIn(InputSchema):
    period: Month
    move_outs: Annotated[int, Field(ge=0, le=10_000)] | None = Field(
        description="null: not known (removes nothing, records nothing)"
    )
    version: int = Field(
        0, ge=0, le=2**31 - 1, description="the month's number's version read; 0 when it had none"
    )


class MoveOutsIn(InputSchema):
    """Some months' move-outs of the association, saved all or nothing (HOU-5)."""

    entries: list[MoveOutIn] = Field(min_length=1, max_length=120)


class MeetingIn(InputSchema):
    """Draft the month's allocation meeting: the key and the list are computed (HOU-5)."""

    month: Month
    meeting_date: date
    note: Annotated[str, _text(1000, 0)] = ""
    key_months: Annotated[int, Field(ge=1, le=60)] | None = Field(
        None, description="the key period; the municipality's setting when left out"
    )


class MeetingPatchIn(VersionedIn):
    meeting_date: date
    status: MeetingStatus
    note: Annotated[str, _text(1000, 0)] = ""


class LineMoveIn(VersionedIn):
    """Move the household to another association before the meeting (a deviation from the key)."""

    association_id: Id
    note: Annotated[str, _text(500, 0)] = ""


class LineOutcomeIn(VersionedIn):
    """What came of the household's allocation; accepted needs the dwelling and the move-in."""

    outcome: LineOutcome
    dwelling_id: Id | None = None
    start_date: date | None = None
    note: Annotated[str, _text(500, 0)] = ""


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


class ReportIn(InputSchema):
    """A report taken by phone or in person, registered by staff (HOU-8)."""

    channel_id: Id = Field(description="the reporting channel (the landlord) it came through")
    reporter_name: Annotated[str, _text(120)]
    reporter_phone: Phone = ""
    reporter_email: Annotated[
        str, _text(200, 0), Field(pattern=r"^$|^[^@\s\x00]+@[^@\s\x00]+\.[^@\s\x00]+$")
    ] = ""
    address: Annotated[str, _text(200)]
    description: Annotated[str, _text(4000)]
    since: date
    urgency: Urgency = Urgency.NORMAL
    received_at: Moment | None = Field(None, description="default now; never in the future")


class ReportTakeIn(VersionedIn):
    """Take the report (the caller becomes its owner) or give it to ``owner_id``."""

    owner_id: Id | None = Field(None, description="default: the caller")


class ReportEventIn(InputSchema):
    """An entry on the report's timeline: contact with the reporter or a visit answers it."""

    kind: ManualEventKind
    text: Annotated[str, _text(2000)]


class ReportLinkIn(VersionedIn):
    """Link the report to a dwelling and the household living there (null: unlink)."""

    dwelling_id: Id | None = None
    household_id: Id | None = None


class ReportCloseIn(VersionedIn):
    resolution: Annotated[str, _text(2000)]


class ReportDetailOut(ReportOut):
    channel_id: int | None
    reporter_name: str
    reporter_phone: str
    reporter_email: str
    description: str
    since: date | None
    resolution: str
