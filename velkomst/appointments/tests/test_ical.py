"""iCalendar output (RFC 5545): CRLF, folding, escaping, UTC times, stable UID, SEQUENCE, STATUS."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from velkomst.appointments import ical

from .conftest import local, parse, physical_lines, unescape

STAMP = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def event(**overrides):
    values: dict[str, Any] = dict(
        uid="abc@velkomst",
        start=datetime(2026, 7, 14, 8, 0, tzinfo=UTC),
        end=datetime(2026, 7, 14, 9, 0, tzinfo=UTC),
        summary="Velkomstmøde",
        stamp=STAMP,
    )
    values.update(overrides)
    return ical.Event(**values)


def test_every_line_ends_in_crlf_and_the_calendar_has_its_required_properties():
    # REQ: REC-4
    text = ical.calendar([event()])
    assert "\n" not in text.replace("\r\n", "")
    calendar, events = parse(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    (only,) = events
    assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "SUMMARY"} <= set(only)


def test_text_values_escape_backslash_semicolon_comma_and_newlines():
    # REQ: REC-4
    nasty = "Rådhus; lokale 2, 1. sal\\bagved\r\nanden linje\ntredje\rfjerde"
    assert ical.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    _, (parsed,) = parse(ical.calendar([event(location=nasty, description=nasty)]))
    expected = nasty.replace("\r\n", "\n").replace("\r", "\n")
    assert parsed["LOCATION"] == expected and parsed["DESCRIPTION"] == expected
    assert unescape(ical.escape_text(expected)) == expected


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_long_lines_fold_at_75_octets_without_splitting_a_character(width):
    # REQ: REC-4
    char = {1: "a", 2: "æ", 3: "€", 4: "𝄞"}[width]
    summary = "Møde " + char * 200
    text = ical.calendar([event(summary=summary)])
    lines = physical_lines(text)  # asserts <= 75 octets each
    assert any(line.startswith(" ") for line in lines), "the summary was folded"
    _, (parsed,) = parse(text)
    assert parsed["SUMMARY"] == summary


def test_fold_leaves_short_lines_alone_and_fills_lines_to_the_limit():
    assert ical.fold("SUMMARY:kort") == "SUMMARY:kort"
    folded = ical.fold("X:" + "a" * 200).split("\r\n")
    assert len(folded[0]) == 75 and all(len(line) == 75 for line in folded[1:-1])
    assert all(line.startswith(" ") for line in folded[1:])


def test_times_are_utc_with_z_and_naive_times_are_refused():
    # REQ: REC-4
    assert ical.format_utc(datetime(2026, 7, 14, 8, 5, 9, tzinfo=UTC)) == "20260714T080509Z"
    with pytest.raises(ValueError):
        ical.format_utc(datetime(2026, 7, 14, 8, 0))
    with pytest.raises(ValueError):
        ical.calendar([event(end=datetime(2026, 7, 14, 8, 0, tzinfo=UTC))])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "month, expected",
    [(7, "20260714T080000Z"), (1, "20260114T090000Z")],  # summer time UTC+2, winter time UTC+1
)
def test_ten_oclock_in_copenhagen_is_utc_across_daylight_saving(month, expected):
    # REQ: REC-4
    start = local(2026, month, 14, 10)
    _, (parsed,) = parse(ical.calendar([event(start=start, end=start + timedelta(hours=1))]))
    assert parsed["DTSTART"] == expected


def test_cancelled_events_say_so_and_keep_their_uid_and_sequence():
    # REQ: REC-4
    _, (parsed,) = parse(
        ical.calendar([event(status=ical.STATUS_CANCELLED, sequence=3, uid="same@velkomst")])
    )
    assert parsed["STATUS"] == "CANCELLED" and parsed["SEQUENCE"] == "3"
    assert parsed["UID"] == "same@velkomst" and parsed["TRANSP"] == "TRANSPARENT"


def test_a_url_with_a_line_break_is_refused():
    with pytest.raises(ValueError):
        ical.calendar([event(url="https://x/\r\nATTACH:evil")])


def test_the_ical_module_does_not_import_django():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(ical.__file__).read_text())
    modules = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in getattr(node, "names", [])
    ]
    assert not [m for m in modules if m and m.split(".")[0] in {"django", "velkomst"}]
