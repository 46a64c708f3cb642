"""/api/interpreters, /api/interpreter-bookings and /api/interpreting/video-share (INT-1).

Reading needs ``interpreting.view``; bookings are those on appointments the caller sees, and each
booking shown logs a view per member of the appointment's household (SEC-3). Caseworkers request
(``interpreting.request``: a booking in status "requested" without interpreter or price); the
interpreter coordinator books (``interpreting.book``). A booking that overlaps the same
interpreter's other booking is a 422 naming ``interpreter``; nothing is written."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.interpreting import selectors, services
from velkomst.interpreting.models import BookingStatus, InterpreterKind, Mode, PriceBasis

from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset, LoggedPage
from ..schemas import (
    Filters,
    Id,
    InputSchema,
    LanguageCode,
    Moment,
    VersionedIn,
    _text,
    errors,
    not_sent,
)
from . import CHANNEL

router = Router(tags=["interpreting"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)

Price = Annotated[Decimal, Field(ge=0, lt=1000000, max_digits=9, decimal_places=2)]
Minutes = Annotated[int, Field(ge=1, le=services.MAX_DURATION_MINUTES)]
Note = Annotated[str, _text(2000, 0)]


class InterpreterOut(Schema):
    id: int
    name: str
    kind: InterpreterKind
    languages: list[str] = Field(description="ISO 639 codes")
    modes: list[Mode]
    phone: str
    email: str
    price_basis: PriceBasis
    price: Decimal
    active: bool
    version: int


class InterpreterIn(InputSchema):
    name: Annotated[str, _text(150)]
    kind: InterpreterKind = InterpreterKind.FREELANCE
    languages: list[LanguageCode] = Field(min_length=1, max_length=30)
    modes: list[Mode] = Field(min_length=1, max_length=3)
    phone: Annotated[str, _text(30, 0)] = ""
    email: Annotated[str, _text(254, 0)] = ""
    price_basis: PriceBasis = PriceBasis.HOURLY
    price: Price
    active: bool = True


class InterpreterPatchIn(VersionedIn):
    name: Annotated[str, _text(150)] = not_sent()
    kind: InterpreterKind = not_sent()
    languages: Annotated[list[LanguageCode], Field(min_length=1, max_length=30)] = not_sent()
    modes: Annotated[list[Mode], Field(min_length=1, max_length=3)] = not_sent()
    phone: Annotated[str, _text(30, 0)] = not_sent()
    email: Annotated[str, _text(254, 0)] = not_sent()
    price_basis: PriceBasis = not_sent()
    price: Price = not_sent()
    active: bool = not_sent()


class BookingOut(Schema):
    id: int
    appointment_id: int
    household_id: int
    interpreter_id: int | None
    language: str = Field(description="ISO 639 code")
    language_name: str = Field(description="the language's name in the caller's language")
    mode: Mode
    starts_at: datetime
    duration_minutes: int
    ends_at: datetime
    cost: Decimal | None
    cost_entered: bool = Field(description="false: computed from the interpreter's price")
    status: BookingStatus
    note: str
    version: int

    @staticmethod
    def resolve_household_id(obj: Any) -> int:
        return int(obj.appointment.household_id)

    @staticmethod
    def resolve_language_name(obj: Any) -> str:
        from velkomst.core.formats import language

        return language(obj.language)


class BookingIn(InputSchema):
    appointment_id: Id
    language: LanguageCode
    mode: Mode
    starts_at: Moment
    duration_minutes: Minutes
    interpreter_id: Id | None = Field(None, description="the coordinator's choice")
    cost: Price | None = Field(None, description="none: computed from the interpreter's price")
    status: BookingStatus = BookingStatus.REQUESTED
    note: Note = ""


class BookingPatchIn(VersionedIn):
    language: LanguageCode = not_sent()
    mode: Mode = not_sent()
    starts_at: Moment = not_sent()
    duration_minutes: Minutes = not_sent()
    interpreter_id: Id | None = not_sent()
    cost: Price | None = not_sent()
    status: BookingStatus = not_sent()
    note: Note = not_sent()


class CancelIn(VersionedIn):
    reason: Annotated[str, _text(300, 0)] = ""


class BookingFilters(Filters):
    day: date | None = Field(None, description="bookings starting this day (Copenhagen time)")
    language: LanguageCode | None = None
    mode: Mode | None = None
    status: BookingStatus | None = None
    appointment_id: Id | None = None
    interpreter_id: Id | None = None


class MonthIn(Filters):
    month: Annotated[str, Field(pattern=r"^(19|2\d)\d{2}-(0[1-9]|1[0-2])$")] | None = Field(
        None, description="YYYY-MM (1900-2999); none: this month (Copenhagen time)"
    )


class VideoShareOut(Schema):
    month: str
    bookings: int
    minutes: int
    video_bookings: int
    video_minutes: int
    share_by_count: float | None
    share_by_minutes: float | None
    target: float = Field(description="the municipality's target share (0..1)")
    target_met: bool | None = Field(description="by minutes; none when nothing was booked")


def _log(user: Any, bookings: list[Any]) -> None:
    members = selectors.members_of({b.appointment.household_id for b in bookings})
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(b, pk) for b in bookings for pk in members.get(b.appointment.household_id, [])],
        channel=CHANNEL,
    )


def _viewer(request: HttpRequest) -> Any:
    user = reader(request)
    access.require(user, access.INTERPRETING_VIEW)
    return user


def _interpreter(user: Any, interpreter_id: int | None) -> Any:
    if interpreter_id is None:
        return None
    found = selectors.interpreters_of(user).filter(pk=interpreter_id).first()
    if found is None:
        raise InvalidField("interpreter_id", _("Der er ingen tolk med dette id."))
    return found


# --- interpreters ------------------------------------------------------------------------------


@router.get("/interpreters", response={200: list[InterpreterOut], **LIST})
@paginate(LimitOffset)
def list_interpreters(request: HttpRequest) -> Any:
    """The municipality's interpreters and agencies (no citizens' data)."""
    return selectors.interpreters_of(_viewer(request)).order_by("name", "id")


@router.post("/interpreters", response={201: InterpreterOut, **errors(400, 401, 403, 422)})
def create_interpreter(request: HttpRequest, payload: InterpreterIn) -> Any:
    user = _viewer(request)
    access.require(user, access.INTERPRETING_BOOK)
    with audit.via(CHANNEL):
        interpreter = services.interpreter_create(
            actor=user, data=services.InterpreterData(**payload.dict())
        )
    return Status(201, interpreter)


@router.get("/interpreters/{interpreter_id}", response={200: InterpreterOut, **READ})
def get_interpreter(request: HttpRequest, interpreter_id: int) -> Any:
    return selectors.interpreter_get(user=_viewer(request), pk=interpreter_id)


@router.patch("/interpreters/{interpreter_id}", response={200: InterpreterOut, **WRITE})
def update_interpreter(
    request: HttpRequest, interpreter_id: int, payload: InterpreterPatchIn
) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = _viewer(request)
    interpreter = selectors.interpreter_get(user=user, pk=interpreter_id)
    access.require(user, access.INTERPRETING_BOOK)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.interpreter_update(
            actor=user, interpreter=interpreter, expected_version=payload.version, values=values
        )


# --- bookings ----------------------------------------------------------------------------------


@router.get("/interpreter-bookings", response={200: list[BookingOut], **LIST})
@paginate(LimitOffset)
def list_bookings(request: HttpRequest, filters: Query[BookingFilters]) -> Any:
    """Bookings on the appointments the caller sees, the soonest first; the search is logged,
    and a view per member of each booking's household shown (SEC-3)."""
    user = _viewer(request)
    qs = selectors.bookings_search(
        user=user,
        day=filters.day,
        language=filters.language or "",
        mode=filters.mode or "",
        status=filters.status or "",
        interpreter_id=filters.interpreter_id,
    )
    if filters.appointment_id:
        qs = qs.filter(appointment_id=filters.appointment_id)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="interpreter bookings",
        channel=CHANNEL,
    )
    return LoggedPage(qs, lambda rows: _log(user, rows))


@router.post("/interpreter-bookings", response={201: BookingOut, **errors(400, 401, 403, 422)})
def create_booking(request: HttpRequest, payload: BookingIn) -> Any:
    """Book an interpreter for an appointment (the coordinator), or request one (a caseworker:
    no interpreter, price or status other than "requested")."""
    user = _viewer(request)
    access.require(user, access.INTERPRETING_REQUEST)
    if not access.can(user, access.INTERPRETING_BOOK):
        if payload.interpreter_id is not None or payload.cost is not None:
            access.require(user, access.INTERPRETING_BOOK)
        if payload.status != BookingStatus.REQUESTED:
            access.require(user, access.INTERPRETING_BOOK)
    appointment = selectors.appointments_visible_to(user).filter(pk=payload.appointment_id).first()
    if appointment is None:
        raise InvalidField("appointment_id", _("Der er intet møde med dette id."))
    data = services.BookingData(
        language=payload.language,
        mode=payload.mode,
        starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes,
        interpreter=_interpreter(user, payload.interpreter_id),
        cost=payload.cost,
        status=payload.status,
        note=payload.note,
    )
    with audit.via(CHANNEL):
        booking = services.booking_create(actor=user, appointment=appointment, data=data)
    return Status(201, selectors.booking_get(user=user, pk=booking.pk))


@router.get("/interpreter-bookings/{booking_id}", response={200: BookingOut, **READ})
def get_booking(request: HttpRequest, booking_id: int) -> Any:
    user = _viewer(request)
    booking = selectors.booking_get(user=user, pk=booking_id)
    _log(user, [booking])
    return booking


@router.patch("/interpreter-bookings/{booking_id}", response={200: BookingOut, **WRITE})
def update_booking(request: HttpRequest, booking_id: int, payload: BookingPatchIn) -> Any:
    """Change the fields sent (the coordinator); a ``cost`` of null goes back to the computed
    price; ``version`` must be the one read, else 409 (SEC-5)."""
    user = _viewer(request)
    booking = selectors.booking_get(user=user, pk=booking_id)
    access.require(user, access.INTERPRETING_BOOK)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    if "interpreter_id" in values:
        values["interpreter"] = _interpreter(user, values.pop("interpreter_id"))
    with audit.via(CHANNEL):
        services.booking_update(
            actor=user, booking=booking, expected_version=payload.version, values=values
        )
    return selectors.booking_get(user=user, pk=booking_id)


@router.post("/interpreter-bookings/{booking_id}/cancel", response={200: BookingOut, **WRITE})
def cancel_booking(request: HttpRequest, booking_id: int, payload: CancelIn) -> Any:
    """Cancel a booking: the coordinator any open one, a caseworker their own request."""
    user = _viewer(request)
    booking = selectors.booking_get(user=user, pk=booking_id)
    with audit.via(CHANNEL):
        services.booking_cancel(
            actor=user, booking=booking, expected_version=payload.version, reason=payload.reason
        )
    return selectors.booking_get(user=user, pk=booking_id)


@router.get("/interpreting/video-share", response={200: VideoShareOut, **LIST})
def get_video_share(request: HttpRequest, filters: Query[MonthIn]) -> Any:
    """The month's interpreting and its share by video, against the municipality's target
    (config ``interpreting_video_share_target``, KL's 50 % preset). Counts only."""
    user = _viewer(request)
    chosen = filters.month or timezone.localdate().strftime("%Y-%m")
    year, month = (int(part) for part in chosen.split("-"))
    share = selectors.video_share(user=user, year=year, month=month)
    return {
        "month": chosen,
        "bookings": share.bookings,
        "minutes": share.minutes,
        "video_bookings": share.video_bookings,
        "video_minutes": share.video_minutes,
        "share_by_count": share.share_by_count,
        "share_by_minutes": share.share_by_minutes,
        "target": share.target,
        "target_met": share.target_met,
    }
