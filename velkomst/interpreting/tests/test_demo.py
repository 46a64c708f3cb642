"""The demo's interpreting rows (INT-1): interpreters, bookings (some by video, some only
requested), meetings with no interpreter booked, and no interpreter booked twice at once."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from velkomst.appointments.models import Appointment
from velkomst.demodata.plan import REFERENCE_DATE
from velkomst.interpreting import selectors
from velkomst.interpreting.models import ACTIVE, Booking, Interpreter

pytestmark = pytest.mark.django_db


def test_the_demo_has_interpreters_bookings_video_and_missing_ones():
    # REQ: INT-1
    from bench.generate import generate
    from velkomst.core.models import StaffUser

    generate(targets={"400": 300}, seed=7)
    assert Interpreter.objects.filter(languages__icontains='"ti"').exists()  # Tigrinya
    bookings = list(Booking.objects.select_related("appointment"))
    assert len(bookings) > 10
    modes = Counter(b.mode for b in bookings)
    assert modes["video"] and modes["on_site"] and modes["phone"]
    assert {b.status for b in bookings} >= {"held", "confirmed"}
    # no interpreter is booked twice at the same time
    by_interpreter: dict[int, list[Booking]] = {}
    for b in bookings:
        if b.interpreter_id and b.status in ACTIVE:
            by_interpreter.setdefault(b.interpreter_id, []).append(b)
    for rows in by_interpreter.values():
        rows.sort(key=lambda b: b.starts_at)
        for one, two in zip(rows, rows[1:], strict=False):
            assert one.ends_at <= two.starts_at
    # hourly prices are computed from the duration
    assert all(b.cost is not None for b in bookings if b.interpreter_id)
    # some planned meetings have no interpreter: the coordinator's warning shows them
    coordinator = StaffUser.objects.get(role="interpreter_coordinator", municipality__code="400")
    start, _end = selectors.day_bounds(REFERENCE_DATE)
    missing = selectors.missing_bookings(
        user=coordinator, start=start, end=start + timedelta(days=40)
    )
    assert missing.exists()
    assert Appointment.objects.filter(interpreter_bookings__isnull=True).count() >= missing.count()
    share = selectors.video_share(
        user=coordinator, year=REFERENCE_DATE.year, month=REFERENCE_DATE.month
    )
    assert share.bookings and share.video_bookings
