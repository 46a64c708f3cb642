"""/api/volunteers and /api/volunteer-offers: the resource bank (CIV-1, CIV-3, CIV-6). Reading
needs ``volunteer.view`` (the volunteer coordinator, the manager), writing ``volunteer.edit``
(the coordinator), as on the pages. A settled refugee's entry is the person's data: its reads
are logged. The public registration is never offered here (it is the form's, with its rate
limit), and no volunteer's secret link leaves the server."""

from datetime import date, datetime, time
from enum import StrEnum
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.volunteers import selectors, services
from velkomst.volunteers.eligibility import child_eligibility
from velkomst.volunteers.models import (
    Audience,
    OfferKind,
    VolunteerKind,
    VolunteerStatus,
    Weekday,
)

from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset, LoggedPage
from ..schemas import Filters, Id, InputSchema, LanguageCode, VersionedIn, _text, errors, not_sent
from . import CHANNEL

router = Router(tags=["volunteers"])


class VolunteerOfferKind(StrEnum):
    """The model's OfferKind under its own name in the schema (hosts have an OfferKind too)."""

    MENTOR = "mentor"
    NETWORK_FAMILY = "network_family"
    LANGUAGE_CAFE = "language_cafe"
    HOMEWORK_HELP = "homework_help"
    SPORTS = "sports"
    CITY_GUIDE = "city_guide"
    TRANSPORT = "transport"
    PRACTICAL_HELP = "practical_help"


assert [k.value for k in VolunteerOfferKind] == list(OfferKind.values)

WRITE = errors(400, 401, 403, 404, 409, 422)


class VolunteerOfferOut(Schema):
    id: int
    volunteer_id: int
    kind: VolunteerOfferKind
    description: str
    area_id: int | None
    weekdays: list[int]
    time_from: time | None
    time_to: time | None
    languages: list[str]
    capacity: int
    audience: list[Audience]
    active: bool
    version: int


class VolunteerOut(Schema):
    id: int
    kind: VolunteerKind
    name: str
    association_name: str
    person_id: int | None
    phone: str
    email: str
    languages: list[str]
    area_id: int | None
    status: VolunteerStatus
    decision_reason: str
    child_certificate_received_on: date | None
    child_certificate_expires_on: date | None
    confidentiality_signed_on: date | None
    created_at: datetime
    version: int


class VolunteerDetailOut(VolunteerOut):
    offers: list[VolunteerOfferOut] = Field(alias="offers_shown")
    child_eligible: bool = Field(description="may be matched with children today (CIV-3)")
    child_eligibility_reason: str = Field(description="why not, in the caller's language")


class VolunteerFilters(Filters):
    status: VolunteerStatus | None = None
    kind: VolunteerKind | None = None
    offer_kind: VolunteerOfferKind | None = None
    audience: Audience | None = None
    language: LanguageCode | None = None
    area_id: Id | None = None
    q: Annotated[str, _text(100, 0)] = Field("", description="part of the name or e-mail")


class VolunteerDecisionIn(VersionedIn):
    status: VolunteerStatus
    reason: Annotated[str, _text(2000, 0)] = ""


Capacity = Annotated[int, Field(ge=1, le=50)]
WeekdayNumber = Annotated[int, Field(ge=0, le=6, description="0 Monday … 6 Sunday")]


class VolunteerOfferIn(InputSchema):
    kind: VolunteerOfferKind
    description: Annotated[str, _text(1000, 0)] = ""
    area_id: Id | None = None
    weekdays: list[WeekdayNumber] = Field(default_factory=list, max_length=7)
    time_from: time | None = None
    time_to: time | None = None
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    capacity: Capacity = 1
    audience: list[Audience] = Field(min_length=1, max_length=3)
    active: bool = True


class VolunteerOfferPatchIn(VersionedIn):
    kind: VolunteerOfferKind = not_sent()
    description: Annotated[str, _text(1000, 0)] = not_sent()
    area_id: Id | None = not_sent()
    weekdays: Annotated[list[WeekdayNumber], Field(max_length=7)] = not_sent()
    time_from: time | None = not_sent()
    time_to: time | None = not_sent()
    languages: Annotated[list[LanguageCode], Field(max_length=20)] = not_sent()
    capacity: Capacity = not_sent()
    audience: Annotated[list[Audience], Field(min_length=1, max_length=3)] = not_sent()
    active: bool = not_sent()


assert set(Weekday.values) == set(range(7))


def _log_reads(user: Any, volunteers: list[Any]) -> None:
    pairs = [(v, v.person_id) for v in volunteers if v.person_id]
    if pairs:
        audit.log_many(actor=user, action="view", objects=pairs, channel=CHANNEL)


@router.get("/volunteers", response={200: list[VolunteerOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_volunteers(request: HttpRequest, filters: Query[VolunteerFilters]) -> Any:
    """The resource bank, filtered like the page (CIV-1)."""
    user = reader(request)
    qs = selectors.bank_search(
        user=user,
        q=filters.q,
        kind=filters.kind or "",
        offer_kind=filters.offer_kind or "",
        area=filters.area_id,
        language=filters.language or "",
        audience=filters.audience or "",
        status=filters.status or "",
    )
    return LoggedPage(qs, lambda rows: _log_reads(user, rows))


def _detail(user: Any, volunteer: Any) -> Any:
    volunteer.offers_shown = list(selectors.offers_of(volunteer))
    eligible, reason = child_eligibility(volunteer, timezone.localdate())
    volunteer.child_eligible, volunteer.child_eligibility_reason = eligible, reason
    _log_reads(user, [volunteer])
    return volunteer


@router.get(
    "/volunteers/{volunteer_id}", response={200: VolunteerDetailOut, **errors(401, 403, 404, 422)}
)
def get_volunteer(request: HttpRequest, volunteer_id: int) -> Any:
    """A volunteer with their offers and whether they may work with children today (CIV-3)."""
    user = reader(request)
    return _detail(user, selectors.volunteer_get(user=user, pk=volunteer_id))


@router.post("/volunteers/{volunteer_id}/decision", response={200: VolunteerDetailOut, **WRITE})
def decide(request: HttpRequest, volunteer_id: int, payload: VolunteerDecisionIn) -> Any:
    """Approve or decline a registration (declining needs a reason), or set inactive and back;
    ``version`` must be the one read, else 409."""
    user = reader(request)
    volunteer = selectors.volunteer_get(user=user, pk=volunteer_id)
    with audit.via(CHANNEL):
        services.volunteer_decide(
            actor=user,
            volunteer=volunteer,
            expected_version=payload.version,
            status=payload.status,
            reason=payload.reason,
        )
    return _detail(user, selectors.volunteer_get(user=user, pk=volunteer_id))


def _offer_values(user: Any, values: dict[str, Any]) -> dict[str, Any]:
    if "area_id" in values:
        area_id = values.pop("area_id")
        values["area"] = None
        if area_id is not None:
            values["area"] = selectors.areas_of(access.tenant_id(user)).filter(pk=area_id).first()
            if values["area"] is None:
                raise InvalidField("area_id", "Der er intet område med dette id.")
    return values


@router.post("/volunteers/{volunteer_id}/offers", response={201: VolunteerOfferOut, **WRITE})
def create_offer(request: HttpRequest, volunteer_id: int, payload: VolunteerOfferIn) -> Any:
    """Add an offer of the volunteer's; audited."""
    user = reader(request)
    volunteer = selectors.volunteer_get(user=user, pk=volunteer_id)
    access.require(user, access.VOLUNTEER_EDIT)
    with audit.via(CHANNEL):
        offer = services.offer_create(
            actor=user, volunteer=volunteer, **_offer_values(user, payload.dict())
        )
    return Status(201, offer)


@router.get(
    "/volunteer-offers/{volunteer_offer_id}",
    response={200: VolunteerOfferOut, **errors(401, 403, 404, 422)},
)
def get_offer(request: HttpRequest, volunteer_offer_id: int) -> Any:
    user = reader(request)
    offer = selectors.offer_get(user=user, pk=volunteer_offer_id)
    _log_reads(user, [offer.volunteer])
    return offer


@router.patch("/volunteer-offers/{volunteer_offer_id}", response={200: VolunteerOfferOut, **WRITE})
def update_offer(
    request: HttpRequest, volunteer_offer_id: int, payload: VolunteerOfferPatchIn
) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    offer = selectors.offer_get(user=user, pk=volunteer_offer_id)
    access.require(user, access.VOLUNTEER_EDIT)
    values = _offer_values(user, payload.dict(exclude_unset=True, exclude={"version"}))
    with audit.via(CHANNEL):
        return services.offer_update(
            actor=user, offer=offer, expected_version=payload.version, **values
        )
