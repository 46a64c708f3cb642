"""Fixtures for appointment and contact tests: times in Copenhagen wall-clock time, and a
minimal iCalendar reader to parse our own output back."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone


def local(year, month, day, hour=10, minute=0):
    """An aware datetime at a Copenhagen wall-clock time."""
    return timezone.make_aware(
        datetime(year, month, day, hour, minute), timezone.get_default_timezone()
    )


def soon(days=7, hour=10):
    """A Copenhagen wall-clock time ``days`` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def data(**overrides):
    from velkomst.appointments.services import AppointmentData

    start = overrides.pop("starts_at", soon())
    values = dict(
        kind="welcome_meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="Rådhuset, lokale 2",
        persons=[],
        staff=[],
    )
    values.update(overrides)
    return AppointmentData(**values)


@pytest.fixture
def make_appointment(caseworker, household):
    from velkomst.appointments.services import appointment_create

    def make(*, by=None, on=None, **overrides):
        return appointment_create(
            household=on or household, acting_user=by or caseworker, data=data(**overrides)
        )

    return make


@pytest.fixture
def appointment(make_appointment):
    return make_appointment()


# --- a minimal iCalendar reader (RFC 5545 3.1 unfolding, 3.3.11 TEXT unescaping) --------------


def physical_lines(text):
    """The physical lines; each must end in CRLF and be at most 75 octets."""
    assert text.endswith("\r\n"), "the last line ends in CRLF"
    lines = text[:-2].split("\r\n")
    for line in lines:
        assert "\n" not in line and "\r" not in line, f"bare line break in {line!r}"
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    return lines


def unfold(text):
    logical: list[str] = []
    for line in physical_lines(text):
        if line.startswith((" ", "\t")):
            assert logical, "a continuation line cannot come first"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def unescape(value):
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append({"n": "\n", "N": "\n", "\\": "\\", ";": ";", ",": ","}[nxt])
        else:
            assert char not in ";,", f"unescaped {char!r} in TEXT value {value!r}"
            out.append(char)
    return "".join(out)


TEXT_PROPERTIES = {"SUMMARY", "LOCATION", "DESCRIPTION", "UID", "PRODID", "NAME", "X-WR-CALNAME"}


def parse(text):
    """(calendar properties, [event properties]) with TEXT values unescaped."""
    calendar: dict[str, str] = {}
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        name_params, _, value = line.partition(":")
        name = name_params.split(";")[0].upper()
        if name in TEXT_PROPERTIES:
            value = unescape(value)
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            assert current is not None
            events.append(current)
            current = None
        elif current is not None:
            assert name not in current, f"{name} twice in one event"
            current[name] = value
        else:
            calendar.setdefault(name, value)
    assert current is None, "an event was not closed"
    return calendar, events
