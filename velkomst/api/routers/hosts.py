"""/api/hosts, /api/host-offers and /api/host-meetings: private hosts, their offers, the meetings
with households and the lease when both say yes (HOU-6). Reading needs ``housing.view``, writing
``housing.edit`` (as on the pages); hosts and offers are not citizens' data, meetings are (each
read is logged per member of the household)."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.formats import ui_language
from velkomst.core.models import AuditAction
from velkomst.hosts import matching, selectors, services
from velkomst.hosts.match_input import reasons_from_data
from velkomst.housing import selectors as housing_selectors

from ..auth import reader
from ..errors import InvalidField
from ..housing_schemas import (
    HostDetailOut,
    HostIn,
    HostOfferIn,
    HostOfferOut,
    HostOfferPatchIn,
    HostOut,
    HostPatchIn,
)
from ..pagination import LimitOffset
from ..schemas import Moment, errors
from . import CHANNEL

router = Router(tags=["hosts"])

WRITE = errors(400, 401, 403, 404, 409, 422)


@router.get("/hosts", response={200: list[HostOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_hosts(request: HttpRequest) -> Any:
    return selectors.hosts_search(user=reader(request))


@router.get("/hosts/{host_id}", response={200: HostDetailOut, **errors(401, 403, 404, 422)})
def get_host(request: HttpRequest, host_id: int) -> Any:
    """A host with its offers."""
    host = selectors.host_get(user=reader(request), pk=host_id)
    host.offers_shown = list(selectors.offers_of(host))  # type: ignore[attr-defined]
    return host


@router.get("/host-offers/{offer_id}", response={200: HostOfferOut, **errors(401, 403, 404, 422)})
def get_host_offer(request: HttpRequest, offer_id: int) -> Any:
    return selectors.offer_get(user=reader(request), pk=offer_id)


def _values(user: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The body's values for the service: ``area_id`` as the caller's municipality's area."""
    if "area_id" in values:
        area_id = values.pop("area_id")
        values["area"] = None
        if area_id is not None:
            values["area"] = housing_selectors.areas_for(user).filter(pk=area_id).first()
            if values["area"] is None:
                raise InvalidField("area_id", _("Der er intet område med dette id."))
    return values


@router.post("/hosts", response={201: HostOut, **errors(400, 401, 403, 422)})
def create_host(request: HttpRequest, payload: HostIn) -> Any:
    """Add a private host (HOU-6); audited."""
    user = reader(request)
    access.require(user, access.HOUSING_EDIT)  # before the area in the body is looked up
    with audit.via(CHANNEL):
        host = services.host_create(acting_user=user, **_values(user, payload.dict()))
    return Status(201, host)


@router.patch("/hosts/{host_id}", response={200: HostOut, **WRITE})
def update_host(request: HttpRequest, host_id: int, payload: HostPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    host = selectors.host_get(user=user, pk=host_id)
    access.require(user, access.HOUSING_EDIT)
    values = _values(user, payload.dict(exclude_unset=True, exclude={"version"}))
    with audit.via(CHANNEL):
        return services.host_update(
            host=host, acting_user=user, expected_version=payload.version, **values
        )


@router.post("/hosts/{host_id}/offers", response={201: HostOfferOut, **WRITE})
def create_host_offer(request: HttpRequest, host_id: int, payload: HostOfferIn) -> Any:
    """Add an offer of the host's (open); audited."""
    user = reader(request)
    host = selectors.host_get(user=user, pk=host_id)
    with audit.via(CHANNEL):
        offer = services.offer_create(acting_user=user, host=host, **payload.dict())
    return Status(201, offer)


@router.patch("/host-offers/{offer_id}", response={200: HostOfferOut, **WRITE})
def update_host_offer(request: HttpRequest, offer_id: int, payload: HostOfferPatchIn) -> Any:
    """Change the fields sent (a status only along open ↔ withdrawn, as on the page); ``version``
    must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    offer = selectors.offer_get(user=user, pk=offer_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.offer_update(
            offer=offer, acting_user=user, expected_version=payload.version, **values
        )


# --- meetings between a host and a household, their decisions and the lease (HOU-6) ----------


# the hosts' decisions and outcomes (hosts.models.Decision, Outcome) under their own schema names
HostDecision = Literal["pending", "yes", "no"]
HostOutcome = Literal["", "matched", "declined", "cancelled"]


class HostMeetingIn(Schema):
    household_id: int
    meeting_at: Moment
    place: str = Field(max_length=200)


class LeaseIn(Schema):
    start_date: date | None = None
    end_date: date | None = Field(None, description="at most two years after the start")
    monthly_rent: int | None = Field(None, ge=0, description="kr. a month to the host")


class HostDecisionIn(Schema):
    version: int
    host_decision: HostDecision
    household_decision: HostDecision
    note: str = Field("", max_length=1000)
    lease: LeaseIn | None = Field(None, description="needed when both say yes")


class HostLeaseOut(Schema):
    id: int
    start_date: date
    end_date: date
    monthly_rent: int
    dwelling_id: int
    placement_id: int


class HostMeetingOut(Schema):
    id: int
    offer_id: int
    household_id: int
    meeting_at: datetime
    place: str
    host_decision: HostDecision
    household_decision: HostDecision
    outcome: HostOutcome = Field(description="'' while neither side has said no and not both yes")
    outcome_label: str
    outcome_date: date | None
    outcome_note: str
    reasons: list[str] = Field(description="why the household fits the offer, in words")
    lease: HostLeaseOut | None
    version: int

    @staticmethod
    def resolve_outcome_label(obj: Any) -> str:
        return str(obj.get_outcome_display())

    @staticmethod
    def resolve_reasons(obj: Any) -> list[str]:
        language = ui_language()
        return [matching.render(r, language) for r in reasons_from_data(obj.reasons)]

    @staticmethod
    def resolve_lease(obj: Any) -> Any:
        return selectors.lease_of(obj)


def _meeting_read(user: Any, meetings: list[Any]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(m, p.pk) for m in meetings for p in m.household.members.all()],
        channel=CHANNEL,
    )


@router.get(
    "/host-offers/{offer_id}/meetings",
    response={200: list[HostMeetingOut], **errors(401, 403, 404, 422)},
)
def list_host_meetings(request: HttpRequest, offer_id: int) -> Any:
    """The offer's meetings with households, newest first; each read logged per member."""
    user = reader(request)
    offer = selectors.offer_get(user=user, pk=offer_id)
    meetings = list(selectors.meetings_of(offer))
    _meeting_read(user, meetings)
    return meetings


@router.post("/host-offers/{offer_id}/meetings", response={201: HostMeetingOut, **WRITE})
def propose_host_meeting(request: HttpRequest, offer_id: int, payload: HostMeetingIn) -> Any:
    """Propose a meeting between the host and a household that passes the hard rules; a
    household that breaks one is refused with the rules in words (422)."""
    user = reader(request)
    offer = selectors.offer_get(user=user, pk=offer_id)
    access.require(user, access.HOUSING_EDIT)
    try:
        household = selectors.household_for_lodging(user=user, pk=payload.household_id)
    except Http404:
        raise InvalidField("household_id", _("Der er ingen husstand med dette id.")) from None
    with audit.via(CHANNEL):
        meeting = services.meeting_propose(
            acting_user=user,
            offer=offer,
            household=household,
            meeting_at=payload.meeting_at,
            place=payload.place,
        )
    return Status(201, meeting)


@router.get(
    "/host-meetings/{host_meeting_id}", response={200: HostMeetingOut, **errors(401, 403, 404, 422)}
)
def get_host_meeting(request: HttpRequest, host_meeting_id: int) -> Any:
    user = reader(request)
    meeting = selectors.meeting_get(user=user, pk=host_meeting_id)
    _meeting_read(user, [meeting])
    return meeting


@router.post("/host-meetings/{host_meeting_id}/decision", response={200: HostMeetingOut, **WRITE})
def decide_host_meeting(request: HttpRequest, host_meeting_id: int, payload: HostDecisionIn) -> Any:
    """Each side's decision after the meeting. Both yes: the lease (at most two years) is made,
    the household placed in the host's dwelling and the offer matched; either no: no match and
    the offer stays open. ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    meeting = selectors.meeting_get(user=user, pk=host_meeting_id)
    lease = services.LeaseData(**payload.lease.dict()) if payload.lease else None
    with audit.via(CHANNEL):
        return services.meeting_decide(
            meeting=meeting,
            acting_user=user,
            expected_version=payload.version,
            host_decision=payload.host_decision,
            household_decision=payload.household_decision,
            note=payload.note,
            lease=lease,
        )
