"""The month's video share, the missing-interpreter warning and the worklist rows (INT-1)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from velkomst.core.models import MunicipalityConfig
from velkomst.interpreting import selectors, services, worklist
from velkomst.people.models import PersonLanguage

from .conftest import local, soon


def test_the_months_video_share_counts_bookings_and_minutes_against_the_target(
    book, make_appointment, make_interpreter, coordinator
):
    # REQ: INT-1
    anyone = make_interpreter("Bureau", kind="agency")
    times = [local(2026, 3, d, 9) for d in (2, 3, 4, 5)]
    # 2 video (60 + 30 min), 1 on site (90), 1 phone (60) cancelled, 1 video in April
    for start, mode, minutes in [
        (times[0], "video", 60),
        (times[1], "video", 30),
        (times[2], "on_site", 90),
    ]:
        book(
            on=make_appointment(starts_at=start),
            starts_at=start,
            mode=mode,
            duration_minutes=minutes,
            interpreter=anyone,
        )
    cancelled = book(
        on=make_appointment(starts_at=times[3]),
        starts_at=times[3],
        mode="phone",
        interpreter=anyone,
    )
    services.booking_cancel(actor=coordinator, booking=cancelled, expected_version=1)
    # the last evening of March in Copenhagen is still March (22:30 UTC+2 is April 1st 00:30)
    late = local(2026, 3, 31, 23, 0)
    book(
        on=make_appointment(starts_at=late),
        starts_at=late,
        mode="video",
        duration_minutes=20,
        interpreter=anyone,
    )
    april = local(2026, 4, 1, 9)
    book(on=make_appointment(starts_at=april), starts_at=april, mode="video", interpreter=anyone)

    share = selectors.video_share(user=coordinator, year=2026, month=3)
    assert (share.bookings, share.minutes) == (4, 200)
    assert (share.video_bookings, share.video_minutes) == (3, 110)
    assert share.share_by_count == pytest.approx(0.75)
    assert share.share_by_minutes == pytest.approx(0.55)
    assert share.target == 0.5 and share.target_met is True  # KL's 50 % preset


def test_the_target_is_the_municipalitys_configuration_in_force(
    book, make_appointment, interpreter, coordinator, municipality
):
    # REQ: INT-1
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2026, 1, 1),
        values={"interpreting_video_share_target": 0.8},
    )
    start = local(2026, 2, 10, 9)
    book(
        on=make_appointment(starts_at=start),
        starts_at=start,
        mode="video",
        duration_minutes=60,
        interpreter=interpreter,
    )
    later = start + timedelta(hours=2)
    book(
        on=make_appointment(starts_at=later),
        starts_at=later,
        mode="on_site",
        duration_minutes=60,
        interpreter=interpreter,
    )
    share = selectors.video_share(user=coordinator, year=2026, month=2)
    assert share.target == 0.8 and share.share_by_minutes == 0.5 and share.target_met is False
    empty = selectors.video_share(user=coordinator, year=2025, month=12)
    assert empty.bookings == 0 and empty.share_by_minutes is None and empty.target == 0.5


def test_the_video_share_counts_only_the_own_municipality(
    book, interpreter, coordinator, other_caseworker, other_household
):
    # REQ: INT-1
    book(interpreter=interpreter, mode="video")
    day = timezone.localtime(soon()).date()
    other_coordinator = type(coordinator).objects.create_user(
        username="ab-tolk",
        municipality=other_caseworker.municipality,
        role="interpreter_coordinator",
    )
    assert selectors.video_share(user=coordinator, year=day.year, month=day.month).bookings == 1
    assert (
        selectors.video_share(user=other_coordinator, year=day.year, month=day.month).bookings == 0
    )


def test_an_appointment_with_a_person_who_needs_an_interpreter_and_none_booked_is_flagged(
    appointment, make_appointment, household, book, interpreter, coordinator
):
    # REQ: INT-1
    amal = household.members.get(first_name="Amal")
    lina = household.members.get(first_name="Lina")
    whole = appointment  # the whole household: Amal and Omar need Arabic
    child_only = make_appointment(persons=[lina], starts_at=soon(days=8))
    flagged = make_appointment(
        persons=[lina], starts_at=soon(days=9), interpreter_needed=True, language="ti"
    )
    assert selectors.lacks_interpreter(whole)
    assert not selectors.lacks_interpreter(child_only)
    assert selectors.lacks_interpreter(flagged)
    assert selectors.missing_among([whole.pk, child_only.pk, flagged.pk]) == {whole.pk, flagged.pk}
    start, _end = selectors.day_bounds(timezone.localdate())
    missing = list(selectors.missing_bookings(user=coordinator, start=start))
    assert [a.pk for a in missing] == [whole.pk, flagged.pk]
    assert missing[0].member_language == "ar"  # type: ignore[attr-defined]

    booking = book(on=whole, interpreter=interpreter)
    assert not selectors.lacks_interpreter(whole)
    services.booking_cancel(actor=coordinator, booking=booking, expected_version=1)
    assert selectors.lacks_interpreter(whole)  # a cancelled booking covers nothing
    # nobody needs one any more: no warning
    PersonLanguage.objects.filter(person__household=household).update(interpreter_needed=False)
    assert not selectors.lacks_interpreter(whole)
    assert amal.pk  # the household's members were the reason


def test_the_worklist_shows_the_missing_interpreter_to_the_caseworker_and_coordinator(
    appointment, caseworker, coordinator, staff, book, interpreter
):
    # REQ: INT-1
    today = timezone.localdate()
    for user in (caseworker, coordinator):
        rows = worklist.rows(user, today, 7)
        assert [r.key for r in rows] == [f"interpreting:missing:{appointment.pk}"]
        assert rows[0].state == "due_soon" and rows[0].title.startswith("Tolk mangler")
        assert rows[0].due == timezone.localtime(appointment.starts_at).date()
        assert rows[0].person_name in {"Amal Haddad", "Omar Haddad"}
    assert worklist.rows(staff["housing_officer"], today, 7) == []
    assert worklist.rows(caseworker, today, 3) and worklist.rows(caseworker, today, 3)[0].state == (
        "upcoming"
    )
    book(on=appointment, interpreter=interpreter, starts_at=appointment.starts_at)
    assert worklist.rows(caseworker, today, 7) == []


def test_the_worklist_registry_carries_the_rows(make_appointment, caseworker):
    # REQ: INT-1
    from velkomst.core import worklist as registry

    appointment = make_appointment(starts_at=soon(days=3))
    keys = [r.key for r in registry.rows_for(caseworker, timezone.localdate(), 7)]
    assert f"interpreting:missing:{appointment.pk}" in keys
