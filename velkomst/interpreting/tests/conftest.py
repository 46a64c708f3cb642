"""Fixtures for interpreting (INT-1): the coordinator, interpreters, appointments with the
conftest household (Amal and Omar need an Arabic interpreter; Lina does not)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone


def local(year, month, day, hour=10, minute=0):
    """An aware datetime at a Copenhagen wall-clock time."""
    return timezone.make_aware(
        datetime(year, month, day, hour, minute), timezone.get_default_timezone()
    )


def soon(days=7, hour=10, minute=0):
    day = timezone.localdate() + timedelta(days=days)
    return local(day.year, day.month, day.day, hour, minute)


@pytest.fixture
def coordinator(staff):
    return staff["interpreter_coordinator"]


@pytest.fixture
def make_appointment(caseworker, household):
    from velkomst.appointments.services import AppointmentData, appointment_create

    def make(*, by=None, on=None, starts_at=None, minutes=60, **overrides):
        start = starts_at or soon()
        values = dict(
            kind="welcome_meeting",
            starts_at=start,
            ends_at=start + timedelta(minutes=minutes),
            place="Rådhuset, lokale 2",
            persons=[],
            staff=[],
        )
        values.update(overrides)
        return appointment_create(
            household=on or household,
            acting_user=by or caseworker,
            data=AppointmentData(**values),
        )

    return make


@pytest.fixture
def appointment(make_appointment):
    return make_appointment()


@pytest.fixture
def make_interpreter(coordinator):
    from velkomst.interpreting import services

    def make(name="Hana Tolk", **overrides):
        values = dict(
            name=name,
            price=Decimal("400"),
            languages=["ar", "tir"],
            modes=["on_site", "phone", "video"],
            phone="+45 11 22 33 44",
        )
        values.update(overrides)
        return services.interpreter_create(
            actor=overrides.pop("by", coordinator), data=services.InterpreterData(**values)
        )

    return make


@pytest.fixture
def interpreter(make_interpreter):
    return make_interpreter()


@pytest.fixture
def book(coordinator, appointment):
    from velkomst.interpreting import services

    def make(*, on=None, by=None, **overrides):
        target = on or appointment
        values = dict(
            language="ar",
            mode="on_site",
            starts_at=target.starts_at,
            duration_minutes=60,
            status="confirmed",
        )
        values.update(overrides)
        return services.booking_create(
            actor=by or coordinator, appointment=target, data=services.BookingData(**values)
        )

    return make
