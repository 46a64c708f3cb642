"""Interpreter bookings (INT-1): overlap refusal, prices, who may book or request, languages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.interpreting import services
from velkomst.interpreting.models import Booking, BookingStatus, Interpreter

from .conftest import soon


def test_it_refuses_a_booking_that_overlaps_the_interpreters_other_booking(
    book, interpreter, make_appointment
):
    # REQ: INT-1
    first = book(interpreter=interpreter)
    other = make_appointment(starts_at=first.starts_at + timedelta(minutes=30))
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        book(on=other, interpreter=interpreter, starts_at=other.starts_at)
    assert set(caught.value.message_dict) == {"interpreter"}
    assert "Hana Tolk er allerede booket" in caught.value.message_dict["interpreter"][0]
    # nothing half-written: no booking, no audit row
    assert list(Booking.objects.values_list("pk", flat=True)) == [first.pk]
    assert AuditEntry.objects.count() == audit_rows


def test_back_to_back_bookings_and_cancelled_ones_do_not_overlap(
    book, interpreter, make_appointment, coordinator
):
    # REQ: INT-1
    first = book(interpreter=interpreter)
    right_after = make_appointment(starts_at=first.ends_at)
    assert book(on=right_after, interpreter=interpreter, starts_at=first.ends_at).pk
    services.booking_cancel(actor=coordinator, booking=first, expected_version=first.version)
    same_time = make_appointment(starts_at=first.starts_at)
    assert book(on=same_time, interpreter=interpreter, starts_at=first.starts_at).pk


def test_moving_a_booking_onto_another_is_refused_and_leaves_it_as_it_was(
    book, interpreter, make_appointment, coordinator
):
    # REQ: INT-1
    first = book(interpreter=interpreter)
    later = make_appointment(starts_at=first.starts_at + timedelta(hours=3))
    second = book(on=later, interpreter=interpreter, starts_at=later.starts_at)
    with pytest.raises(ValidationError) as caught:
        services.booking_update(
            actor=coordinator,
            booking=second,
            expected_version=second.version,
            values={"starts_at": first.starts_at + timedelta(minutes=15)},
        )
    assert "interpreter" in caught.value.message_dict
    second.refresh_from_db()
    assert second.starts_at == later.starts_at and second.version == 1


def test_the_cost_is_computed_from_the_interpreters_price_unless_entered(
    book, interpreter, make_interpreter, make_appointment, coordinator
):
    # REQ: INT-1
    hourly = book(interpreter=interpreter, duration_minutes=90)
    assert hourly.cost == Decimal("600.00") and not hourly.cost_entered
    agency = make_interpreter(
        "Tolkebureauet", kind="agency", price_basis="fixed", price=Decimal("950")
    )
    fixed = book(
        on=make_appointment(starts_at=soon(days=8)),
        interpreter=agency,
        starts_at=soon(days=8),
        mode="video",
    )
    assert fixed.cost == Decimal("950")
    entered = book(
        on=make_appointment(starts_at=soon(days=9)),
        interpreter=interpreter,
        starts_at=soon(days=9),
        cost=Decimal("123.45"),
    )
    assert entered.cost == Decimal("123.45") and entered.cost_entered
    # back to the computed price, and the duration's change reprices it
    services.booking_update(
        actor=coordinator,
        booking=entered,
        expected_version=entered.version,
        values={"cost": None, "duration_minutes": 30},
    )
    entered.refresh_from_db()
    assert entered.cost == Decimal("200.00") and not entered.cost_entered


def test_small_languages_such_as_tigrinya_are_booked_and_named(book, interpreter):
    # REQ: INT-1
    booking = book(interpreter=interpreter, language="tir")  # ISO 639-3, stored as the register
    assert booking.language == "ti"
    from velkomst.core.formats import language

    assert language(booking.language) == "tigrinya"


def test_an_interpreter_who_does_not_cover_the_language_or_mode_is_refused(book, make_interpreter):
    # REQ: INT-1
    phone_only = make_interpreter("Telefontolken", languages=["fa"], modes=["phone"])
    with pytest.raises(ValidationError) as caught:
        book(interpreter=phone_only, language="fa", mode="on_site")
    assert "interpreter" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        book(interpreter=phone_only, language="ar", mode="phone")
    assert "arabisk" in caught.value.message_dict["interpreter"][0]


def test_bad_input_names_the_field(book):
    # REQ: INT-1
    with pytest.raises(ValidationError) as caught:
        book(language="zz9", mode="telepathy", duration_minutes=0)
    assert {"language", "mode", "duration_minutes"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError) as caught:
        book(status="confirmed")  # confirmed without an interpreter
    assert set(caught.value.message_dict) == {"interpreter"}
    assert not Booking.objects.exists()


def test_a_caseworker_requests_but_does_not_book(caseworker, appointment, interpreter, book):
    # REQ: INT-1
    request = book(by=caseworker, status="requested")
    assert request.status == BookingStatus.REQUESTED and request.interpreter is None
    assert request.cost is None
    with pytest.raises(PermissionDenied):
        book(by=caseworker, status="requested", interpreter=interpreter)
    with pytest.raises(PermissionDenied):
        book(by=caseworker, status="confirmed")
    with pytest.raises(PermissionDenied):
        services.booking_update(
            actor=caseworker, booking=request, expected_version=1, values={"note": "x"}
        )
    # a caseworker may cancel their own request
    services.booking_cancel(actor=caseworker, booking=request, expected_version=1)
    request.refresh_from_db()
    assert request.status == BookingStatus.CANCELLED


def test_other_roles_may_not_book(staff, book):
    for role in ("housing_officer", "volunteer_coordinator", "manager", "administrator"):
        with pytest.raises(PermissionDenied):
            book(by=staff[role], status="requested")


def test_a_stale_version_is_refused(book, interpreter, coordinator):
    booking = book(interpreter=interpreter)
    services.booking_update(
        actor=coordinator, booking=booking, expected_version=1, values={"note": "Ring først"}
    )
    stale = Booking.objects.get(pk=booking.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        services.booking_update(
            actor=coordinator, booking=stale, expected_version=1, values={"note": "Andet"}
        )


def test_writes_are_audited_per_person_the_meeting_concerns(book, interpreter, household):
    booking = book(interpreter=interpreter)
    rows = AuditEntry.objects.filter(
        object_type="interpreting.Booking", object_id=str(booking.pk), action="create"
    )
    assert sorted(rows.values_list("person_id", flat=True)) == sorted(
        household.members.values_list("pk", flat=True)
    )


def test_the_interpreter_register_checks_its_fields(coordinator):
    with pytest.raises(ValidationError) as caught:
        services.interpreter_create(
            actor=coordinator,
            data=services.InterpreterData(name=" ", price=Decimal("-1"), languages=["qqq"]),
        )
    assert {"name", "price", "languages", "modes", "phone"} <= set(caught.value.message_dict)
    assert not Interpreter.objects.exists()


def test_another_municipalitys_interpreter_cannot_be_booked(book, other_municipality, interpreter):
    interpreter.municipality = other_municipality
    interpreter.save()
    with pytest.raises(ValidationError) as caught:
        book(interpreter=interpreter)
    assert "interpreter" in caught.value.message_dict
