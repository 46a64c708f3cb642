"""iCalendar (RFC 5545) text for appointments: plain Python, no Django.

Only what a calendar subscription needs: one VCALENDAR with VEVENTs whose times are in UTC
("...Z"), so no VTIMEZONE is needed; each client shows them in its own zone. The rules kept:

- content lines end in CRLF and are folded at 75 octets (continuation lines begin with one space,
  never splitting a UTF-8 sequence) (RFC 5545 3.1);
- TEXT values escape backslash, semicolon, comma and newlines (3.3.11);
- UID is stable per appointment, SEQUENCE grows with each change the attendees should see and
  STATUS:CANCELLED marks a cancelled meeting (3.8.1.11, 3.8.7.4), so clients update in place;
- DTSTAMP is the time the event was last revised (3.8.7.2, no METHOD), so the same appointment
  always gives the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

CRLF = "\r\n"
MAX_OCTETS = 75

STATUS_CONFIRMED = "CONFIRMED"
STATUS_TENTATIVE = "TENTATIVE"
STATUS_CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime
    end: datetime
    summary: str
    stamp: datetime
    sequence: int = 0
    status: str = STATUS_CONFIRMED
    location: str = ""
    description: str = ""
    url: str = ""
    created: datetime | None = None


def escape_text(value: str) -> str:
    """A TEXT value: backslash first, then ; and , and every kind of line break as \\n."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def format_utc(moment: datetime) -> str:
    """A DATE-TIME in UTC form, e.g. 20260714T080000Z. Naive times are refused: their zone is
    unknown."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("an iCalendar UTC time needs an aware datetime")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str, limit: int = MAX_OCTETS) -> str:
    """Fold one content line so no physical line exceeds ``limit`` octets (the leading space of a
    continuation counts); a multi-octet UTF-8 character is never split."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    room = limit
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > room:
            parts.append("".join(current))
            current, size, room = [], 0, limit - 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _uri(value: str) -> str:
    if any(c in value for c in "\r\n"):
        raise ValueError("a URI cannot hold a line break")
    return value


def _line(name: str, value: str) -> str:
    return fold(f"{name}:{value}") + CRLF


def event_lines(event: Event) -> str:
    if event.end <= event.start:
        raise ValueError("an event must end after it starts")
    out = [
        _line("BEGIN", "VEVENT"),
        _line("UID", escape_text(event.uid)),
        _line("DTSTAMP", format_utc(event.stamp)),
        _line("DTSTART", format_utc(event.start)),
        _line("DTEND", format_utc(event.end)),
        _line("SEQUENCE", str(max(0, int(event.sequence)))),
        _line("STATUS", event.status),
        _line("SUMMARY", escape_text(event.summary)),
    ]
    if event.created is not None:
        out.append(_line("CREATED", format_utc(event.created)))
        out.append(_line("LAST-MODIFIED", format_utc(event.stamp)))
    if event.location:
        out.append(_line("LOCATION", escape_text(event.location)))
    if event.description:
        out.append(_line("DESCRIPTION", escape_text(event.description)))
    if event.url:
        out.append(_line("URL", _uri(event.url)))
    out.append(_line("TRANSP", "TRANSPARENT" if event.status == STATUS_CANCELLED else "OPAQUE"))
    out.append(_line("END", "VEVENT"))
    return "".join(out)


def calendar(
    events: Iterable[Event],
    *,
    prodid: str = "-//Velkomst//Aftaler//DA",
    name: str = "",
    refresh_minutes: int | None = None,
) -> str:
    """A whole VCALENDAR object; ``name`` and ``refresh_minutes`` describe a subscribed feed."""
    out = [
        _line("BEGIN", "VCALENDAR"),
        _line("VERSION", "2.0"),
        _line("PRODID", escape_text(prodid)),
        _line("CALSCALE", "GREGORIAN"),
    ]
    if name:
        out.append(_line("NAME", escape_text(name)))  # RFC 7986
        out.append(_line("X-WR-CALNAME", escape_text(name)))
    if refresh_minutes:
        out.append(_line("REFRESH-INTERVAL;VALUE=DURATION", f"PT{int(refresh_minutes)}M"))
        out.append(_line("X-PUBLISHED-TTL", f"PT{int(refresh_minutes)}M"))
    out.extend(event_lines(event) for event in events)
    out.append(_line("END", "VCALENDAR"))
    return "".join(out)
