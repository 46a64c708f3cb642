"""The interpreting pages (INT-1): the coordinator's day list, an appointment's interpreting,
the warning on the household's appointments, booking and requesting, and who may do what."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.interpreting.models import Booking, BookingStatus


def _day(moment):
    return timezone.localtime(moment).date().isoformat()


def test_the_appointment_page_warns_and_the_coordinator_books_an_interpreter(
    logged_in, coordinator, appointment, interpreter
):
    # REQ: INT-1
    client = logged_in(coordinator)
    url = reverse("interpreting-appointment", args=[appointment.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="missing-warning"' in html and "Tolk mangler" in html
    local = timezone.localtime(appointment.starts_at)
    response = client.post(
        url,
        {
            "language": "ar",
            "mode": "video",
            "day": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "duration_minutes": "45",
            "interpreter": interpreter.pk,
            "cost": "",
            "status": "confirmed",
            "note": "",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.mode, booking.status, booking.interpreter) == (
        "video",
        "confirmed",
        interpreter,
    )
    page = client.get(url).content.decode()
    assert "missing-warning" not in page
    assert "arabisk" in page and "Videotolkning" in page and "300 kr." in page


def test_an_overlapping_booking_is_shown_on_the_interpreter_field(
    logged_in, coordinator, appointment, make_appointment, interpreter, book
):
    # REQ: INT-1
    book(interpreter=interpreter)
    other = make_appointment(starts_at=appointment.starts_at + timedelta(minutes=30))
    local = timezone.localtime(other.starts_at)
    response = logged_in(coordinator).post(
        reverse("interpreting-appointment", args=[other.pk]),
        {
            "language": "ar",
            "mode": "on_site",
            "day": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "duration_minutes": "60",
            "interpreter": interpreter.pk,
            "status": "confirmed",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_interpreter_error"' in html and "er allerede booket" in html
    assert Booking.objects.count() == 1


def test_a_caseworker_requests_an_interpreter_without_choosing_one(
    logged_in, caseworker, appointment
):
    # REQ: INT-1
    client = logged_in(caseworker)
    url = reverse("interpreting-appointment", args=[appointment.pk])
    html = client.get(url).content.decode()
    assert "Anmod om tolk" in html and 'name="interpreter"' not in html
    local = timezone.localtime(appointment.starts_at)
    response = client.post(
        url,
        {
            "language": "ar",
            "mode": "on_site",
            "day": local.date().isoformat(),
            "start_time": local.strftime("%H:%M"),
            "duration_minutes": "60",
            "interpreter": "999",  # ignored: not the caseworker's field
            "status": "confirmed",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.REQUESTED and booking.interpreter is None


def test_the_household_appointments_show_the_missing_interpreter(
    logged_in, caseworker, appointment, household, book, interpreter
):
    # REQ: INT-1
    client = logged_in(caseworker)
    url = reverse("household-appointments", args=[household.pk])
    html = client.get(url).content.decode()
    assert 'data-testid="interpreter-missing"' in html
    assert reverse("interpreting-appointment", args=[appointment.pk]) in html
    book(interpreter=interpreter)
    assert 'data-testid="interpreter-missing"' not in client.get(url).content.decode()


def test_the_day_list_filters_and_shows_the_missing_bookings(
    logged_in, coordinator, appointment, make_appointment, interpreter, book
):
    # REQ: INT-1
    video = book(interpreter=interpreter, mode="video", duration_minutes=30)
    later = make_appointment(starts_at=appointment.starts_at + timedelta(hours=2))
    client = logged_in(coordinator)
    url = reverse("interpreting-day")
    page = client.get(url, {"day": _day(appointment.starts_at)})
    assert page.status_code == 200
    assert [b.pk for b in page.context["bookings"]] == [video.pk]
    assert [a.pk for a in page.context["missing"]] == [later.pk]
    assert page.context["share"].video_bookings == 1
    html = page.content.decode()
    assert "Familien Haddad" in html and "Hana Tolk" in html
    filtered = client.get(url, {"day": _day(appointment.starts_at), "mode": "on_site"})
    assert list(filtered.context["bookings"]) == []
    by_status = client.get(url, {"day": _day(appointment.starts_at), "status": "confirmed"})
    assert len(by_status.context["bookings"]) == 1
    # the read of the households shown is logged
    assert AuditEntry.objects.filter(action="view", actor_id=coordinator.pk).exists()


def test_the_day_list_runs_a_constant_number_of_queries(
    logged_in, coordinator, appointment, make_appointment, make_interpreter, book
):
    # REQ: INT-1
    client = logged_in(coordinator)
    url = reverse("interpreting-day")
    params = {"day": _day(appointment.starts_at)}
    book(interpreter=make_interpreter("Tolk 0"))
    # one missing one already: an empty page is not read (its count says so), a full one is
    make_appointment(starts_at=appointment.starts_at + timedelta(hours=3))
    client.get(url, params)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, params).status_code == 200
    for n in range(1, 8):
        start = appointment.starts_at + timedelta(minutes=5 * n)
        other = make_appointment(starts_at=start)
        book(on=other, starts_at=start, interpreter=make_interpreter(f"Tolk {n}"))
        make_appointment(starts_at=start + timedelta(hours=3))  # missing ones, too
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, params)
    assert len(page.context["bookings"]) == 8 and len(page.context["missing"]) == 8
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)


def test_the_coordinators_start_page_has_the_interpreting_panel(
    logged_in, coordinator, appointment
):
    # REQ: INT-1
    html = logged_in(coordinator).get(reverse("home")).content.decode()
    assert "Tolkning" in html and "Møder i dag uden tolk" in html
    assert "Videotolkning denne måned" in html


def test_the_menu_offers_the_day_list_to_those_who_may_see_it(logged_in, coordinator, staff):
    html = logged_in(coordinator).get(reverse("home")).content.decode()
    assert reverse("interpreting-day") in html and reverse("interpreting-interpreters") in html
    html = logged_in(staff["housing_officer"]).get(reverse("home")).content.decode()
    assert reverse("interpreting-day") not in html


def test_roles_without_interpreting_get_403_and_another_municipality_404(
    logged_in, staff, appointment, other_caseworker
):
    for role in ("housing_officer", "volunteer_coordinator", "administrator"):
        client = logged_in(staff[role])
        assert client.get(reverse("interpreting-day")).status_code == 403
        assert (
            client.get(reverse("interpreting-appointment", args=[appointment.pk])).status_code
            == 403
        )
    client = logged_in(staff["manager"])
    assert client.get(reverse("interpreting-day")).status_code == 200
    assert (
        client.post(reverse("interpreting-appointment", args=[appointment.pk]), {}).status_code
        == 403
    )
    other = logged_in(other_caseworker)
    assert other.get(reverse("interpreting-appointment", args=[appointment.pk])).status_code == 404


def test_the_interpreter_register_page(logged_in, coordinator, caseworker):
    # REQ: INT-1
    client = logged_in(coordinator)
    url = reverse("interpreting-interpreters")
    bad = client.post(url, {"name": "", "kind": "agency", "price_basis": "hourly", "price": "-5"})
    assert bad.status_code == 422
    assert 'id="id_name_error"' in bad.content.decode()
    ok = client.post(
        url,
        {
            "name": "Tolkecentret",
            "kind": "agency",
            "languages": ["ti", "prs"],
            "modes": ["phone", "video"],
            "email": "book@tolk.dk",
            "price_basis": "fixed",
            "price": "800",
            "active": "on",
        },
    )
    assert ok.status_code == 302
    html = client.get(url).content.decode()
    assert "Tolkecentret" in html and "tigrinya" in html and "dari" in html
    assert logged_in(caseworker).post(url, {"name": "x"}).status_code == 403


def test_cancel_from_the_appointment_page(logged_in, coordinator, appointment, book, interpreter):
    booking = book(interpreter=interpreter)
    client = logged_in(coordinator)
    response = client.post(
        reverse("interpreting-booking-cancel", args=[booking.pk]), {"version": 1}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    edit = client.get(reverse("interpreting-booking-edit", args=[booking.pk]))
    assert edit.status_code == 302


def test_the_booking_edit_page_detects_a_stale_version(
    logged_in, coordinator, appointment, book, interpreter
):
    booking = book(interpreter=interpreter)
    client = logged_in(coordinator)
    url = reverse("interpreting-booking-edit", args=[booking.pk])
    assert client.get(url).status_code == 200
    local = timezone.localtime(booking.starts_at)
    form = {
        "language": "ar",
        "mode": "phone",
        "day": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "duration_minutes": "60",
        "interpreter": interpreter.pk,
        "status": "confirmed",
        "version": "1",
    }
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "mode": "video"})
    assert stale.status_code == 302
    booking.refresh_from_db()
    assert booking.mode == "phone" and booking.version == 2


def test_the_coordinators_panel_counts_what_its_links_show(
    logged_in, coordinator, book, interpreter, make_appointment
):
    # REQ: INT-1
    from django.utils import timezone as tz

    now = tz.localtime()
    today_meeting = make_appointment(
        starts_at=now.replace(hour=23, minute=0, second=0, microsecond=0)
    )
    book(interpreter=interpreter, mode="video")  # the default meeting, a week ahead
    response = logged_in(coordinator).get(reverse("home"))
    panel = next(p for p in response.context["panels"] if p.title == "Tolkning")
    figures = {f.label: f.count for f in panel.figures}
    assert figures["Møder i dag uden tolk"] == 1
    assert figures["Møder den næste måned uden tolk"] == 1
    assert today_meeting.pk


def test_the_day_list_shows_and_audits_a_page_of_bookings_at_a_time(
    logged_in, coordinator, appointment, make_appointment, make_interpreter, book, settings
):
    # REQ: INT-1
    settings.VELKOMST_PAGE_SIZE = 3
    client = logged_in(coordinator)
    url = reverse("interpreting-day")
    day = _day(appointment.starts_at)
    book(interpreter=make_interpreter("Tolk 0"))
    for n in range(1, 8):
        start = appointment.starts_at + timedelta(minutes=5 * n)
        other = make_appointment(starts_at=start)
        book(on=other, starts_at=start, interpreter=make_interpreter(f"Tolk {n}"))
        make_appointment(starts_at=start + timedelta(hours=3))  # missing ones, too
    logged = AuditEntry.objects.filter(action="view").count()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, {"day": day})
    assert len(page.context["bookings"]) == 3 and len(page.context["missing"]) == 3
    html = page.content.decode()
    assert "Tolk 0" in html and "Tolk 3" not in html
    # the count of those missing is the day's, not the page's
    assert "7 møder denne dag har en borger" in html
    assert f"day={day}&amp;page=2" in html and f"day={day}&amp;missing_page=2" in html
    # one page's households are logged, not the day's: the same household in every row here
    members = appointment.household.members.count()
    assert 0 < AuditEntry.objects.filter(action="view").count() - logged <= members
    second = client.get(url, {"day": day, "page": 3})
    assert [b.interpreter.name for b in second.context["bookings"]] == ["Tolk 6", "Tolk 7"]
    assert len(queries) < 30
