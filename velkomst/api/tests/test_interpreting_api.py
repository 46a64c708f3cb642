"""/api/interpreters, /api/interpreter-bookings and /api/interpreting/video-share (INT-1)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.interpreting.models import Booking

from .conftest import field_names

pytestmark = pytest.mark.django_db


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def meetings(household, caseworker):
    from velkomst.appointments.services import AppointmentData, appointment_create

    def make(start):
        return appointment_create(
            household=household,
            acting_user=caseworker,
            data=AppointmentData(
                kind="follow_up",
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                place="Rådhuset",
                persons=[],
                staff=[],
            ),
        )

    return make


def test_the_coordinator_books_and_an_overlap_is_refused_naming_the_field(api_as, staff, meetings):
    # REQ: INT-1
    api = api_as(staff["interpreter_coordinator"])
    created = api.post(
        "/api/interpreters",
        {
            "name": "Selam Tolk",
            "languages": ["tir", "am"],
            "modes": ["on_site", "video"],
            "phone": "+45 12 34 56 78",
            "price": "480",
        },
    )
    assert created.status_code == 201, created.content
    interpreter = created.json()
    assert interpreter["languages"] == ["ti", "am"]
    first, second = meetings(_at(5, 10)), meetings(_at(5, 10))
    body = {
        "appointment_id": first.pk,
        "language": "ti",
        "mode": "video",
        "starts_at": _at(5, 10).isoformat(),
        "duration_minutes": 90,
        "interpreter_id": interpreter["id"],
        "status": "confirmed",
    }
    booked = api.post("/api/interpreter-bookings", body)
    assert booked.status_code == 201, booked.content
    assert booked.json()["cost"] == "720.00" and booked.json()["language_name"] == "tigrinya"
    clash = api.post(
        "/api/interpreter-bookings",
        {**body, "appointment_id": second.pk, "starts_at": _at(5, 11).isoformat()},
    )
    assert clash.status_code == 422
    assert field_names(clash) == ["interpreter"]
    assert Booking.objects.count() == 1
    share = api.get("/api/interpreting/video-share", month=_at(5, 10).strftime("%Y-%m")).json()
    assert share["video_bookings"] == 1 and share["video_minutes"] == 90
    assert share["share_by_minutes"] == 1.0 and share["target"] == 0.5 and share["target_met"]


def test_a_caseworker_requests_and_may_not_book(api_as, staff, meetings, caseworker):
    # REQ: INT-1
    meeting = meetings(_at(3, 9))
    api = api_as(caseworker)
    body = {
        "appointment_id": meeting.pk,
        "language": "ar",
        "mode": "phone",
        "starts_at": _at(3, 9).isoformat(),
        "duration_minutes": 30,
    }
    assert api.post("/api/interpreter-bookings", {**body, "status": "confirmed"}).status_code == 403
    requested = api.post("/api/interpreter-bookings", body)
    assert requested.status_code == 201 and requested.json()["status"] == "requested"
    booking_id = requested.json()["id"]
    assert (
        api.patch(
            f"/api/interpreter-bookings/{booking_id}", {"version": 1, "note": "x"}
        ).status_code
        == 403
    )
    cancelled = api.post(f"/api/interpreter-bookings/{booking_id}/cancel", {"version": 1})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    # the list logs a search and a view per member of the meeting's household
    before = AuditEntry.objects.count()
    listed = api.get("/api/interpreter-bookings", appointment_id=meeting.pk)
    assert [b["id"] for b in listed.json()["items"]] == [booking_id]
    assert AuditEntry.objects.count() > before + 1


def test_bad_input_is_a_422_naming_the_field(api_as, staff, meetings):
    # REQ: INT-1
    api = api_as(staff["interpreter_coordinator"])
    meeting = meetings(_at(2, 9))
    response = api.post(
        "/api/interpreter-bookings",
        {
            "appointment_id": meeting.pk,
            "language": "xx9",
            "mode": "telepathy",
            "starts_at": "not a time",
            "duration_minutes": 0,
        },
    )
    assert response.status_code == 422
    assert {"language", "mode", "starts_at", "duration_minutes"} <= set(field_names(response))
    stale = api.get("/api/interpreting/video-share", month="2026-13")
    assert stale.status_code == 422 and field_names(stale) == ["month"]
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "starts_at",
    [
        "0180-03-30T18:08:18-19:17",  # schemathesis's: PostgreSQL refused the offset with a 500
        "2027-03-30T10:00:00+15:00",
        "0180-03-30T10:00:00+01:00",
        "9999-12-31T23:59:59Z",
    ],
)
def test_a_moment_beyond_real_time_zones_or_years_is_a_422_naming_the_field(
    api_as, staff, meetings, starts_at
):
    # REQ: INT-1
    api = api_as(staff["interpreter_coordinator"])
    meeting = meetings(_at(2, 9))
    body = {"appointment_id": meeting.pk, "language": "ar", "mode": "on_site"}
    created = api.post(
        "/api/interpreter-bookings", {**body, "starts_at": starts_at, "duration_minutes": 60}
    )
    assert created.status_code == 422 and field_names(created) == ["starts_at"]
    booked = api.post(
        "/api/interpreter-bookings",
        {**body, "starts_at": _at(2, 9).isoformat(), "duration_minutes": 60},
    )
    assert booked.status_code == 201, booked.content
    booking = booked.json()
    patched = api.patch(
        f"/api/interpreter-bookings/{booking['id']}",
        {"version": booking["version"], "starts_at": starts_at},
    )
    assert patched.status_code == 422 and field_names(patched) == ["starts_at"]


def test_a_moment_in_another_time_zone_or_without_one_is_the_same_instant(api_as, staff, meetings):
    # REQ: INT-1
    api = api_as(staff["interpreter_coordinator"])
    meeting = meetings(_at(2, 9))
    body = {"appointment_id": meeting.pk, "language": "ar", "mode": "on_site"}
    local = _at(2, 9)
    for sent in (
        local.astimezone(UTC).isoformat(),
        local.replace(tzinfo=None).isoformat(),
        local.isoformat(),
    ):
        response = api.post(
            "/api/interpreter-bookings", {**body, "starts_at": sent, "duration_minutes": 30}
        )
        assert response.status_code == 201, response.content
        assert Booking.objects.get(pk=response.json()["id"]).starts_at == local
