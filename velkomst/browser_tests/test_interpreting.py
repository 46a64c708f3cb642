"""Interpreting in a real browser (INT-1): the interpreter coordinator opens the day list from the
menu, sees today's meeting that lacks an interpreter, books one by video from the meeting's page
(an overlapping booking first, refused on the interpreter field), and the warning goes; the
caseworker sees the meeting's warning in the household's meetings. axe-core finds no serious or
critical violation in any of these states."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import follow_menu
from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _meeting(household, caseworker, start):
    from velkomst.appointments.services import AppointmentData, appointment_create

    return appointment_create(
        household=household,
        acting_user=caseworker,
        data=AppointmentData(
            kind="follow_up",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            place="Jobcentret",
            persons=[],
            staff=[],
        ),
    )


def test_the_coordinator_books_an_interpreter_for_a_meeting(
    live_server, page, login, staff, household
):
    # REQ: INT-1
    from velkomst.interpreting import services
    from velkomst.interpreting.models import Booking

    caseworker, coordinator = staff["caseworker"], staff["interpreter_coordinator"]
    today = timezone.localdate()
    start = timezone.make_aware(datetime.combine(today, time(13)))
    meeting = _meeting(household, caseworker, start)
    other = _meeting(household, caseworker, start + timedelta(minutes=30))
    hana = services.interpreter_create(
        actor=coordinator,
        data=services.InterpreterData(
            name="Hana Tolk",
            price=Decimal("400"),
            languages=["ar", "ti"],
            modes=["on_site", "video"],
            phone="+45 11 22 33 44",
        ),
    )
    services.booking_create(
        actor=coordinator,
        appointment=other,
        data=services.BookingData(
            language="ar",
            mode="on_site",
            starts_at=other.starts_at,
            duration_minutes=60,
            interpreter=hana,
            status="confirmed",
        ),
    )
    audit = AxeAudit(page)
    login(page, coordinator)
    expect(page.get_by_role("heading", name="Tolkning")).to_be_visible()
    audit.check("coordinator's start page")
    follow_menu(page, "Tolkebestillinger")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tolkebestillinger")
    missing = page.get_by_test_id("missing")
    expect(missing).to_contain_text("Familien Haddad")
    expect(page.get_by_test_id("bookings")).to_contain_text("Hana Tolk")
    audit.check("day list")

    missing.get_by_role("link", name="Opfølgningssamtale").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tolk til mødet")
    expect(page.get_by_test_id("missing-warning")).to_contain_text("Tolk mangler")
    audit.check("meeting without interpreter")

    # Hana is busy with the other meeting from 13:30: refused, naming the interpreter field
    page.get_by_label("Tolkeform").select_option("video")
    page.get_by_label("Tolk eller bureau").select_option(label="Hana Tolk (Freelancetolk)")
    page.get_by_role("button", name="Bestil tolk").click()
    expect(page.locator("#id_interpreter_error")).to_contain_text("allerede booket")
    audit.check("overlapping booking refused")
    assert Booking.objects.filter(appointment=meeting).count() == 0

    page.get_by_label("Varighed (minutter)").fill("30")
    page.get_by_role("button", name="Bestil tolk").click()
    expect(page.get_by_text("Tolken er bestilt.")).to_be_visible()
    expect(page.get_by_test_id("missing-warning")).to_have_count(0)
    bookings = page.get_by_test_id("bookings")
    expect(bookings).to_contain_text("Videotolkning")
    expect(bookings).to_contain_text("arabisk")
    expect(bookings).to_contain_text("200 kr.")
    audit.check("meeting with interpreter")
    booking = Booking.objects.get(appointment=meeting)
    assert (booking.mode, booking.status, booking.interpreter_id) == ("video", "confirmed", hana.pk)

    # the caseworker: the household's meetings show the warning only where none is booked
    page.context.clear_cookies()
    login(page, caseworker)
    page.goto(f"{live_server.url}/households/{household.pk}/appointments/")
    expect(page.get_by_test_id("interpreter-missing")).to_have_count(0)
    _meeting(household, caseworker, start + timedelta(days=2))
    page.reload()
    expect(page.get_by_test_id("interpreter-missing")).to_have_count(1)
    audit.check("household meetings with a warning")
    audit.assert_clean()
