"""/api/handovers (COO-5): the handovers of the caller's municipality, sent or received.

Reading needs ``handover.view``; the sending side reads its own household's handover (a view
per member logged), the receiving side reads only the snapshot (a view of the handover logged;
after acceptance, a view per member of the household created in its own tenant). A caseworker
sends a household's handover (``handover.send``); the receiving administrator accepts or returns
it (``handover.receive``). A handover to the caller's own municipality is a 422 naming
``receiving``."""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser
from velkomst.handover import selectors, services
from velkomst.handover.models import Handover, State
from velkomst.people.selectors import households_visible_to

from ..auth import acting_user
from ..errors import InvalidField
from ..pagination import LimitOffset, LoggedPage
from ..schemas import InputSchema, VersionedIn, _text, errors
from . import CHANNEL

router = Router(tags=["handovers"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


class HandoverOut(Schema):
    id: int
    sending_municipality: str = Field(..., alias="municipality.name")
    receiving_municipality: str = Field(..., alias="receiving.name")
    household_name: str
    new_address: str
    moving_date: date
    state: State
    sent_at: datetime
    answered_at: datetime | None
    return_reason: str
    version: int

    @staticmethod
    def resolve_household_name(obj: Any) -> str:
        return str(obj.content.get("household", {}).get("name", ""))


class HandoverDetailOut(HandoverOut):
    content: dict[str, Any] = Field(
        description="the snapshot made at sending, as the caller may read it (no CPR numbers; "
        "journal notes and health data only to their readers)"
    )

    @staticmethod
    def resolve_content(obj: Any, context: Any) -> dict[str, Any]:
        return selectors.content_for(context["request"].auth, obj)


class HandoverSendIn(InputSchema):
    household_id: int
    receiving: Annotated[str, _text(100)] = Field(description="municipality code or name")
    new_address: Annotated[str, _text(200)]
    moving_date: date


class HandoverAcceptIn(VersionedIn):
    caseworker_id: int


class HandoverReturnIn(VersionedIn):
    reason: Annotated[str, _text(2000)]


def _viewer(request: HttpRequest) -> StaffUser:
    user = acting_user(request)
    access.require(user, access.HANDOVER_VIEW)
    return user


def _log(user: StaffUser, handovers: list[Handover]) -> None:
    mid = access.tenant_id(user)
    objects: list[tuple[Any, int | None]] = []
    for h in handovers:
        if h.municipality_id == mid:
            objects += [(h, pk) for pk in h.household.members.values_list("pk", flat=True)]
        elif (received := h.received_household) is not None:
            objects += [(h, pk) for pk in received.members.values_list("pk", flat=True)]
        else:
            objects.append((h, None))
    audit.log_many(actor=user, action=AuditAction.VIEW, objects=objects, channel=CHANNEL)


@router.get("/handovers", response={200: list[HandoverOut], **LIST})
@paginate(LimitOffset)
def list_handovers(request: HttpRequest) -> Any:
    """The handovers the caller's municipality sent or received, the newest first."""
    user = _viewer(request)
    return LoggedPage(selectors.handovers_visible_to(user), lambda rows: _log(user, rows))


@router.post("/handovers", response={201: HandoverDetailOut, **errors(400, 401, 403, 404, 422)})
def send_handover(request: HttpRequest, payload: HandoverSendIn) -> Any:
    user = _viewer(request)
    access.require(user, access.HANDOVER_SEND)
    household = households_visible_to(user).filter(pk=payload.household_id).first()
    if household is None:
        raise InvalidField("household_id", _("Der er ingen husstand med dette id."))
    data = services.MoveData(
        receiving=payload.receiving,
        new_address=payload.new_address,
        moving_date=payload.moving_date,
    )
    with audit.via(CHANNEL):
        handover = services.handover_send(actor=user, household=household, data=data)
    return Status(201, selectors.handover_get(user=user, pk=handover.pk))


@router.get("/handovers/{handover_id}", response={200: HandoverDetailOut, **READ})
def get_handover(request: HttpRequest, handover_id: int) -> Any:
    user = _viewer(request)
    handover = selectors.handover_get(user=user, pk=handover_id)
    _log(user, [handover])
    return handover


@router.post("/handovers/{handover_id}/accept", response={200: HandoverDetailOut, **WRITE})
def accept_handover(request: HttpRequest, handover_id: int, payload: HandoverAcceptIn) -> Any:
    user = _viewer(request)
    handover = selectors.handover_get(user=user, pk=handover_id)
    caseworker = selectors.receiving_caseworkers(user).filter(pk=payload.caseworker_id).first()
    with audit.via(CHANNEL):
        services.handover_accept(
            actor=user, handover=handover, caseworker=caseworker, expected_version=payload.version
        )
    return selectors.handover_get(user=user, pk=handover_id)


@router.post("/handovers/{handover_id}/return", response={200: HandoverDetailOut, **WRITE})
def return_handover(request: HttpRequest, handover_id: int, payload: HandoverReturnIn) -> Any:
    user = _viewer(request)
    handover = selectors.handover_get(user=user, pk=handover_id)
    with audit.via(CHANNEL):
        services.handover_return(
            actor=user, handover=handover, reason=payload.reason, expected_version=payload.version
        )
    return selectors.handover_get(user=user, pk=handover_id)
