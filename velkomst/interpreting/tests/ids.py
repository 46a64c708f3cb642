"""Real interpreting rows for the API's schema-driven walks (role matrix, tenant isolation):
an interpreter, an appointment with the household and a confirmed booking on it."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone


def interpreting_ids(household: Any, staff: Any) -> dict[str, int]:
    from velkomst.appointments.services import AppointmentData, appointment_create
    from velkomst.interpreting import services

    coordinator = staff["interpreter_coordinator"]
    day = timezone.localdate() + timedelta(days=10)
    start = timezone.make_aware(datetime.combine(day, time(10)))
    appointment = appointment_create(
        household=household,
        acting_user=staff["caseworker"],
        data=AppointmentData(
            kind="follow_up",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Rådhuset",
            persons=[],
            staff=[],
        ),
    )
    interpreter = services.interpreter_create(
        actor=coordinator,
        data=services.InterpreterData(
            name="Tolk Tigrinya",
            price=Decimal("420"),
            languages=["ti", "ar"],
            modes=["on_site", "video"],
            email="tolk@example.dk",
        ),
    )
    booking = services.booking_create(
        actor=coordinator,
        appointment=appointment,
        data=services.BookingData(
            language="ar",
            mode="video",
            starts_at=start,
            duration_minutes=60,
            interpreter=interpreter,
            status="confirmed",
        ),
    )
    return {
        "interpreter_id": interpreter.pk,
        "booking_id": booking.pk,
        "interpreting_appointment_id": appointment.pk,
    }
