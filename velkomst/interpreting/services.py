"""Writes of interpreting (INT-1): keyword-only, ``actor`` first, each in one transaction with
its audit rows; edits under optimistic concurrency (SEC-5).

A booking that overlaps another active booking of the same interpreter is refused with a message
naming the ``interpreter`` field, and nothing is written: the interpreter's row is locked while
the overlap is checked, so two coordinators cannot book the same hour at once. A booking is the
appointment's persons' data: its audit rows are logged once per person the appointment concerns.

Caseworkers request (a booking in status "requested", no interpreter or price yet); the
interpreter coordinator books: chooses the interpreter, confirms, prices, cancels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from velkomst.appointments.models import Appointment, AppointmentStatus
from velkomst.appointments.services import concerned_person_ids
from velkomst.core import access, audit, formats
from velkomst.core.models import AuditAction, StaffUser
from velkomst.core.records import check_names, snapshot
from velkomst.core.versioning import save_versioned
from velkomst.people.codes import language_code_of

from .models import ACTIVE, Booking, BookingStatus, Interpreter, Mode, PriceBasis

INTERPRETER_FIELDS = (
    "name",
    "kind",
    "languages",
    "modes",
    "phone",
    "email",
    "price_basis",
    "price",
    "active",
)
BOOKING_FIELDS = (
    "interpreter",
    "language",
    "mode",
    "starts_at",
    "duration_minutes",
    "cost",
    "cost_entered",
    "status",
    "note",
)
MAX_DURATION_MINUTES = 12 * 60
MAX_PRICE = Decimal("1000000")


# --- interpreters ------------------------------------------------------------------------------


@dataclass
class InterpreterData:
    name: str
    price: Decimal
    kind: str = "freelance"
    languages: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    price_basis: str = PriceBasis.HOURLY
    active: bool = True


def _validate_interpreter(obj: Interpreter) -> None:
    errors: dict[str, str] = {}
    obj.name = (obj.name or "").strip()
    if not obj.name:
        errors["name"] = _("Skriv tolkens eller bureauets navn.")
    codes = []
    for code in obj.languages or []:
        stored = language_code_of(str(code))
        if stored is None:
            errors["languages"] = _("%(code)s er ikke en sprogkode efter ISO 639.") % {"code": code}
            break
        if stored not in codes:
            codes.append(stored)
    if not codes and "languages" not in errors:
        errors["languages"] = _("Vælg mindst ét sprog.")
    obj.languages = codes
    modes = [m for m in Mode.values if m in (obj.modes or [])]
    if not modes or len(modes) != len(set(obj.modes or [])):
        errors["modes"] = _("Vælg mindst én tolkeform blandt fremmøde, telefon og video.")
    obj.modes = modes
    if obj.price is None or obj.price < 0 or obj.price >= MAX_PRICE:
        errors["price"] = _("Prisen skal være et beløb fra 0 kr.")
    if obj.price_basis not in PriceBasis.values:
        errors["price_basis"] = _("Vælg timepris eller fast pris.")
    if not (obj.phone or obj.email):
        errors["phone"] = _("Skriv et telefonnummer eller en e-mailadresse.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def interpreter_create(*, actor: StaffUser, data: InterpreterData) -> Interpreter:
    access.require(actor, access.INTERPRETING_BOOK)
    interpreter = Interpreter(municipality_id=access.tenant_id(actor), **data.__dict__)
    _validate_interpreter(interpreter)
    interpreter.save()
    audit.log(
        actor=actor,
        action=AuditAction.CREATE,
        obj=interpreter,
        changes=audit.diff({}, snapshot(interpreter, INTERPRETER_FIELDS)),
    )
    return interpreter


@transaction.atomic
def interpreter_update(
    *,
    actor: StaffUser,
    interpreter: Interpreter,
    expected_version: int,
    values: dict[str, Any],
) -> Interpreter:
    access.require_in_tenant(actor, access.INTERPRETING_BOOK, interpreter.municipality_id)
    check_names(values, INTERPRETER_FIELDS)
    before = snapshot(interpreter, INTERPRETER_FIELDS)
    for name, value in values.items():
        setattr(interpreter, name, value)
    _validate_interpreter(interpreter)
    changes = audit.diff(before, snapshot(interpreter, INTERPRETER_FIELDS))
    if not changes:
        return interpreter
    save_versioned(interpreter, expected_version=expected_version, fields=list(values))
    audit.log(actor=actor, action=AuditAction.CHANGE, obj=interpreter, changes=changes)
    return interpreter


# --- bookings ----------------------------------------------------------------------------------


@dataclass
class BookingData:
    language: str
    mode: str
    starts_at: datetime
    duration_minutes: int
    interpreter: Interpreter | None = None
    cost: Decimal | None = None  # None: computed from the interpreter's price
    status: str = BookingStatus.REQUESTED
    note: str = ""


def computed_cost(interpreter: Interpreter | None, minutes: int) -> Decimal | None:
    """The interpreter's price for ``minutes``: the hourly price pro rata, or the fixed price."""
    if interpreter is None:
        return None
    if interpreter.price_basis == PriceBasis.FIXED:
        return interpreter.price
    cost = interpreter.price * Decimal(minutes) / Decimal(60)
    return cost.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _when(moment: datetime) -> str:
    return formats.format_date(moment, "datetime")


def _validate_booking(booking: Booking) -> None:
    """Every field's rule, then the interpreter's overlap (the interpreter's row is locked by
    the caller); a ValidationError naming each field that fails."""
    errors: dict[str, str] = {}
    stored = language_code_of(booking.language or "")
    if stored is None:
        errors["language"] = _("Vælg et sprog efter ISO 639 (fx ti for tigrinya).")
    else:
        booking.language = stored
    if booking.mode not in Mode.values:
        errors["mode"] = _("Vælg fremmøde-, telefon- eller videotolkning.")
    if booking.status not in BookingStatus.values:
        errors["status"] = _("Ukendt status.")
    if not booking.duration_minutes or not 0 < booking.duration_minutes <= MAX_DURATION_MINUTES:
        errors["duration_minutes"] = _("Varigheden skal være mellem 1 og %(max)s minutter.") % {
            "max": MAX_DURATION_MINUTES
        }
    if booking.starts_at is None:
        errors["starts_at"] = _("Skriv hvornår tolkningen starter.")
    if booking.cost is not None and not Decimal(0) <= booking.cost < MAX_PRICE:
        errors["cost"] = _("Prisen skal være et beløb fra 0 kr.")
    interpreter = booking.interpreter
    if interpreter is not None:
        if interpreter.municipality_id != booking.municipality_id or not interpreter.active:
            errors["interpreter"] = _("Tolken findes ikke eller er ikke aktiv.")
        elif stored and stored not in interpreter.languages:
            errors["interpreter"] = _("%(name)s tolker ikke %(language)s.") % {
                "name": interpreter.name,
                "language": formats.language(stored),
            }
        elif booking.mode in Mode.values and booking.mode not in interpreter.modes:
            errors["interpreter"] = _("%(name)s tilbyder ikke %(mode)s.") % {
                "name": interpreter.name,
                "mode": Mode(booking.mode).label.lower(),
            }
    elif booking.status in (BookingStatus.CONFIRMED, BookingStatus.HELD):
        errors["interpreter"] = _("Vælg en tolk, før bestillingen bekræftes.")
    if errors:
        raise ValidationError(errors)
    booking.set_end()
    if not booking.cost_entered:
        booking.cost = computed_cost(interpreter, booking.duration_minutes)
    if interpreter is not None and booking.status in ACTIVE:
        clash = (
            Booking.objects.filter(
                interpreter=interpreter,
                status__in=ACTIVE,
                starts_at__lt=booking.ends_at,
                ends_at__gt=booking.starts_at,
            )
            .exclude(pk=booking.pk)
            .order_by("starts_at")
            .first()
        )
        if clash is not None:
            raise ValidationError(
                {
                    "interpreter": _(
                        "%(name)s er allerede booket %(start)s–%(end)s. Vælg en anden tolk "
                        "eller et andet tidspunkt."
                    )
                    % {
                        "name": interpreter.name,
                        "start": _when(clash.starts_at),
                        "end": formats.format_date(clash.ends_at, "time"),
                    }
                }
            )


def _lock(interpreter: Interpreter | None) -> None:
    """Serialise bookings of one interpreter (the overlap check and the write)."""
    if interpreter is not None:
        Interpreter.objects.select_for_update().filter(pk=interpreter.pk).first()


def _log(
    actor: StaffUser, booking: Booking, action: str, changes: dict[str, Any], reason: str = ""
) -> None:
    audit.log_bulk(
        audit.entry(
            actor=actor,
            action=action,
            obj=booking,
            person_id=pk,
            changes=changes,
            reason=reason,
        )
        for pk in concerned_person_ids(booking.appointment)
    )


@transaction.atomic
def booking_create(*, actor: StaffUser, appointment: Appointment, data: BookingData) -> Booking:
    """Book (coordinator) or request (caseworker) an interpreter for ``appointment`` (from a
    scoped selector). A request has no interpreter, price or status of its own."""
    access.require_in_tenant(actor, access.INTERPRETING_REQUEST, appointment.municipality_id)
    booker = access.can(actor, access.INTERPRETING_BOOK)
    if not booker and (
        data.interpreter is not None
        or data.cost is not None
        or data.status != BookingStatus.REQUESTED
    ):
        raise PermissionDenied(access.INTERPRETING_BOOK)
    if appointment.status != AppointmentStatus.PLANNED:
        raise ValidationError({"appointment": _("Der kan kun bestilles tolk til planlagte møder.")})
    _lock(data.interpreter)
    booking = Booking(
        municipality_id=appointment.municipality_id,
        appointment=appointment,
        interpreter=data.interpreter,
        language=data.language,
        mode=data.mode,
        starts_at=data.starts_at,
        duration_minutes=data.duration_minutes,
        cost=data.cost,
        cost_entered=data.cost is not None,
        status=data.status,
        note=(data.note or "").strip(),
        requested_by=actor,
    )
    _validate_booking(booking)
    booking.save()
    _log(actor, booking, AuditAction.CREATE, audit.diff({}, snapshot(booking, BOOKING_FIELDS)))
    return booking


@transaction.atomic
def booking_update(
    *,
    actor: StaffUser,
    booking: Booking,
    expected_version: int,
    values: dict[str, Any],
) -> Booking:
    """Change a booking (coordinator): assign or change the interpreter, confirm, reprice (a
    ``cost`` of None goes back to the computed price), mark held. A cancelled booking stays
    cancelled. An edit that changes nothing writes nothing."""
    access.require_in_tenant(actor, access.INTERPRETING_BOOK, booking.municipality_id)
    check_names(values, BOOKING_FIELDS)
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError({"status": _("Bestillingen er aflyst og kan ikke ændres.")})
    values = dict(values)
    if "cost" in values:
        values["cost_entered"] = values["cost"] is not None
    before = snapshot(booking, BOOKING_FIELDS)
    if not audit.diff(before, values):
        return booking
    for name, value in values.items():
        setattr(booking, name, value)
    _lock(booking.interpreter)
    _validate_booking(booking)
    changes = audit.diff(before, snapshot(booking, BOOKING_FIELDS))
    if not changes:
        return booking
    save_versioned(
        booking,
        expected_version=expected_version,
        fields=sorted({*values, "ends_at", "cost", "language"}),
    )
    _log(actor, booking, AuditAction.CHANGE, changes)
    return booking


@transaction.atomic
def booking_cancel(
    *, actor: StaffUser, booking: Booking, expected_version: int, reason: str = ""
) -> Booking:
    """Cancel a booking: the coordinator any open one, a caseworker their own request."""
    access.require_in_tenant(actor, access.INTERPRETING_REQUEST, booking.municipality_id)
    own_request = booking.requested_by_id == actor.pk and booking.status == BookingStatus.REQUESTED
    if not (access.can(actor, access.INTERPRETING_BOOK) or own_request):
        raise PermissionDenied(access.INTERPRETING_BOOK)
    if not booking.is_open:
        raise ValidationError({"status": _("Kun anmodede og bekræftede bestillinger kan aflyses.")})
    before = booking.status
    booking.status = BookingStatus.CANCELLED
    note = (reason or "").strip()
    fields = ["status"]
    if note:
        booking.note = f"{booking.note}\n{note}".strip()
        fields.append("note")
    save_versioned(booking, expected_version=expected_version, fields=fields)
    _log(
        actor,
        booking,
        AuditAction.CHANGE,
        {"status": [before, BookingStatus.CANCELLED]},
        reason=note[:200],
    )
    return booking


def default_start(appointment: Appointment) -> tuple[datetime, int]:
    """The booking's start and minutes proposed from the appointment."""
    minutes = int((appointment.ends_at - appointment.starts_at) / timedelta(minutes=1))
    return appointment.starts_at, max(1, min(minutes, MAX_DURATION_MINUTES))
