"""Booking, changing, cancelling and closing meetings with a household (REC-4), with optimistic
concurrency (SEC-5), tenant isolation (SEC-1) and role checks (SEC-2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from velkomst.appointments import services
from velkomst.appointments.models import Appointment, AppointmentStatus
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry

from .conftest import data, local, parse, soon

pytestmark = pytest.mark.django_db


def form_post(start, **overrides):
    values = {
        "kind": "welcome_meeting",
        "day": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": (start + timedelta(hours=1)).strftime("%H:%M"),
        "place": "Rådhuset",
    }
    values.update(overrides)
    return values


def test_booking_a_meeting_records_it_for_every_member_and_defaults_sensibly(
    caseworker, household, make_appointment
):
    # REQ: REC-4
    appointment = make_appointment(interpreter_needed=True)
    assert list(appointment.staff.all()) == [caseworker]  # the booker takes part by default
    assert appointment.language == "ar"  # the members' language that needs an interpreter
    assert appointment.status == AppointmentStatus.PLANNED and appointment.sequence == 0
    logged = AuditEntry.objects.filter(object_type="appointments.Appointment", action="create")
    assert sorted(logged.values_list("person_id", flat=True)) == sorted(  # type: ignore[type-var]
        household.members.values_list("pk", flat=True)
    )


def test_an_appointment_for_listed_persons_is_logged_for_them_only(person, make_appointment):
    # REQ: REC-4
    make_appointment(persons=[person])
    logged = AuditEntry.objects.filter(object_type="appointments.Appointment")
    assert list(logged.values_list("person_id", flat=True)) == [person.pk]


def test_the_household_page_books_a_meeting_in_copenhagen_time(logged_in, caseworker, household):
    # REQ: REC-4
    client = logged_in(caseworker)
    url = reverse("household-appointments", args=[household.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="start_time"' in page.content.decode()
    start = local(2026, 7, 14, 10)
    response = client.post(url, form_post(start, interpreter_needed="on"))
    assert response.status_code == 302
    appointment = Appointment.objects.get(household=household)
    assert appointment.starts_at == start and appointment.language == "ar"
    assert appointment.starts_at.utcoffset() is not None
    html = client.get(url).content.decode()
    assert "Velkomstmøde" in html and "10:00" in html


def test_invalid_input_writes_nothing(logged_in, caseworker, household):
    # REQ: SEC-5
    client = logged_in(caseworker)
    url = reverse("household-appointments", args=[household.pk])
    start = soon()
    bad = [
        form_post(start, end_time=start.strftime("%H:%M")),  # ends when it starts
        form_post(start, place=""),
        form_post(start, language="xx1"),
        form_post(start, kind="party"),
    ]
    for values in bad:
        assert client.post(url, values).status_code == 422
    assert not Appointment.objects.exists()


def test_a_concurrent_edit_is_refused_not_overwritten(caseworker, staff, appointment):
    # REQ: SEC-5
    first = Appointment.objects.get(pk=appointment.pk)
    second = Appointment.objects.get(pk=appointment.pk)
    services.appointment_update(
        appointment=first,
        acting_user=caseworker,
        expected_version=1,
        data=data(starts_at=soon(8), place="Jobcentret"),
    )
    with pytest.raises(ConcurrentEditError):
        services.appointment_update(
            appointment=second,
            acting_user=staff["family_consultant"],
            expected_version=1,
            data=data(starts_at=soon(9), place="Skolen"),
        )
    appointment.refresh_from_db()
    assert appointment.place == "Jobcentret" and appointment.version == 2
    assert appointment.sequence == 1  # the calendar sees the change


def test_the_edit_page_reports_a_conflict_and_shows_the_newest(logged_in, caseworker, appointment):
    # REQ: SEC-5
    client = logged_in(caseworker)
    url = reverse("appointment-edit", args=[appointment.pk])
    assert client.get(url).status_code == 200
    start = soon(3)
    ok = client.post(url, form_post(start, place="Biblioteket", version=1))
    assert ok.status_code == 302
    stale = client.post(url, form_post(start, place="Svømmehallen", version=1), follow=True)
    html = stale.content.decode()
    assert "En anden har gemt ændringer" in html and "Biblioteket" in html
    appointment.refresh_from_db()
    assert appointment.place == "Biblioteket" and appointment.version == 2


def test_cancelling_needs_a_reason_bumps_the_sequence_and_shows_in_the_ics(
    logged_in, caseworker, appointment
):
    # REQ: REC-4
    with pytest.raises(services.ReasonRequired):
        services.appointment_cancel(
            appointment=appointment, acting_user=caseworker, expected_version=1, reason=" "
        )
    client = logged_in(caseworker)
    url = reverse("appointment-cancel", args=[appointment.pk])
    assert client.post(url, {"version": 1, "reason": ""}).status_code == 422
    assert client.post(url, {"version": 1, "reason": "Familien er syg"}).status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED and appointment.sequence == 1
    _, (event,) = parse(
        client.get(reverse("appointment-ics", args=[appointment.pk])).content.decode()
    )
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == "1"
    assert event["UID"] == f"{appointment.uid}@velkomst"
    with pytest.raises(services.IllegalStatusTransition):
        services.appointment_mark_held(
            appointment=appointment, acting_user=caseworker, expected_version=2
        )
    # a cancelled meeting is not edited
    assert client.get(reverse("appointment-edit", args=[appointment.pk])).status_code == 302


def test_a_stale_cancel_is_refused(caseworker, appointment):
    # REQ: SEC-5
    services.appointment_update(
        appointment=Appointment.objects.get(pk=appointment.pk),
        acting_user=caseworker,
        expected_version=1,
        data=data(place="Andet sted"),
    )
    with pytest.raises(ConcurrentEditError):
        services.appointment_cancel(
            appointment=appointment, acting_user=caseworker, expected_version=1, reason="x"
        )
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED


def test_the_ics_download_has_the_same_uid_after_a_change(logged_in, caseworker, appointment):
    # REQ: REC-4
    client = logged_in(caseworker)
    url = reverse("appointment-ics", args=[appointment.pk])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    _, (before,) = parse(response.content.decode())
    services.appointment_update(
        appointment=appointment,
        acting_user=caseworker,
        expected_version=1,
        data=data(starts_at=soon(10), place="Nyt sted"),
    )
    _, (after,) = parse(client.get(url).content.decode())
    assert before["UID"] == after["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after["DTSTAMP"] >= before["DTSTAMP"] and after["LOCATION"] == "Nyt sted"
    assert "Haddad" not in client.get(url).content.decode()  # data minimisation


def test_marking_the_welcome_meeting_held_ticks_off_the_plan_task(
    logged_in, caseworker, household, make_appointment
):
    # REQ: REC-4
    from velkomst.reception.services import plan_generate

    plan = plan_generate(household=household, acting_user=caseworker)
    task = plan.tasks.get(template_task__key="welcome_meeting")
    appointment = make_appointment(starts_at=soon(-1), plan_task=task)
    client = logged_in(caseworker)
    response = client.post(
        reverse("appointment-outcome", args=[appointment.pk]),
        {"version": 1, "outcome": "held"},
        follow=True,
    )
    assert "krydset af" in response.content.decode()
    appointment.refresh_from_db()
    task.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD
    assert task.done_on == soon(-1).date() and task.done_by == caseworker


def test_another_role_marking_it_held_leaves_the_task_to_its_owner(
    staff, household, make_appointment
):
    # REQ: REC-4
    from velkomst.reception.services import plan_generate

    plan = plan_generate(household=household, acting_user=staff["caseworker"])
    task = plan.tasks.get(template_task__key="welcome_meeting")
    consultant = staff["job_consultant"]
    appointment = make_appointment(
        starts_at=soon(-1), plan_task=task, staff=[consultant, staff["caseworker"]]
    )
    ticked = services.appointment_mark_held(
        appointment=appointment, acting_user=consultant, expected_version=1
    )
    task.refresh_from_db()
    assert ticked is False and task.is_open
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.HELD


def test_no_show_is_recorded_and_closes_the_meeting(logged_in, caseworker, make_appointment):
    # REQ: REC-4
    appointment = make_appointment(starts_at=soon(-1))
    client = logged_in(caseworker)
    url = reverse("appointment-outcome", args=[appointment.pk])
    assert client.post(url, {"version": 1, "outcome": "bogus"}).status_code == 302
    client.post(url, {"version": 1, "outcome": "no_show"})
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.NO_SHOW


def test_participants_persons_and_tasks_must_belong_to_the_household_and_municipality(
    caseworker, other_caseworker, household, other_household, make_appointment
):
    # REQ: SEC-1
    from velkomst.reception.services import plan_generate

    stranger = other_household.members.first()
    other_task = plan_generate(
        household=other_household, acting_user=other_caseworker
    ).tasks.first()
    for bad in (
        {"staff": [other_caseworker]},
        {"persons": [stranger]},
        {"plan_task": other_task},
    ):
        with pytest.raises(services.NotSameMunicipality):
            make_appointment(**bad)
    with pytest.raises(PermissionDenied):
        make_appointment(on=other_household)  # a caseworker of another municipality's household
    assert not Appointment.objects.exists()


def test_roles_without_meetings_cannot_book(staff, household, make_appointment):
    # REQ: SEC-2
    for role in ("manager", "administrator", "volunteer_coordinator"):
        with pytest.raises(PermissionDenied):
            make_appointment(by=staff[role])
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(
    "role, page, post",
    [
        ("caseworker", 200, 302),
        ("interpreter_coordinator", 200, 302),
        ("manager", 200, 403),  # sees the meetings, books none
        ("job_consultant", 404, 404),  # the household is not theirs
        ("administrator", 403, 403),
    ],
)
def test_role_matrix_for_the_household_meetings_page(logged_in, staff, household, role, page, post):
    # REQ: SEC-2
    client = logged_in(staff[role])
    url = reverse("household-appointments", args=[household.pk])
    assert client.get(url).status_code == page
    assert client.post(url, form_post(soon())).status_code == post


def test_a_meeting_that_has_not_begun_is_neither_held_nor_missed(caseworker, appointment):
    # REQ: REC-4
    for mark in (services.appointment_mark_held, services.appointment_mark_no_show):
        with pytest.raises(ValidationError) as error:
            mark(appointment=appointment, acting_user=caseworker, expected_version=1)
        assert "ikke begyndt" in error.value.messages[0]
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED and appointment.version == 1


def test_another_municipality_sees_none_of_it(logged_in, other_caseworker, appointment):
    # REQ: SEC-1
    client = logged_in(other_caseworker)
    for name in ("appointment-edit", "appointment-cancel", "appointment-ics"):
        assert client.get(reverse(name, args=[appointment.pk])).status_code == 404
    outcome = reverse("appointment-outcome", args=[appointment.pk])
    assert client.post(outcome, {"version": 1, "outcome": "held"}).status_code == 404
    assert (
        client.get(reverse("household-appointments", args=[appointment.household_id])).status_code
        == 404
    )
    html = client.get(reverse("my-calendar")).content.decode()
    assert "Haddad" not in html
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED and appointment.version == 1


def test_my_calendar_lists_only_my_coming_meetings(logged_in, staff, household, make_appointment):
    # REQ: REC-4
    mine = make_appointment(place="Mit lokale")
    make_appointment(place="Fortidens lokale", starts_at=soon(-3))
    make_appointment(place="Andres lokale", by=staff["family_consultant"])
    cancelled = make_appointment(place="Aflyst lokale")
    services.appointment_cancel(
        appointment=cancelled, acting_user=staff["caseworker"], expected_version=1, reason="x"
    )
    html = logged_in(staff["caseworker"]).get(reverse("my-calendar")).content.decode()
    assert "Mit lokale" in html and household.name in html
    assert "Andres lokale" not in html and "Fortidens lokale" not in html
    assert "Aflyst lokale" not in html
    assert mine.pk


def test_the_household_and_person_pages_show_coming_meetings(
    logged_in, caseworker, household, person, make_appointment
):
    # REQ: REC-4
    make_appointment(place="Sted for alle")
    other = household.members.get(first_name="Omar")
    make_appointment(place="Kun for Omar", persons=[other])
    client = logged_in(caseworker)
    household_html = client.get(reverse("household-detail", args=[household.pk])).content.decode()
    assert "Sted for alle" in household_html and "Kun for Omar" in household_html
    person_html = client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "Sted for alle" in person_html and "Kun for Omar" not in person_html


def test_the_meetings_page_takes_a_constant_number_of_queries(
    logged_in, caseworker, staff, person, make_appointment
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = logged_in(caseworker)
    url = reverse("household-appointments", args=[person.household_id])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_appointment(persons=[person])
    few = count()
    for _ in range(6):
        make_appointment(persons=[person], staff=[caseworker, staff["family_consultant"]])
    assert count() == few


def test_the_plan_tasks_offered_for_a_meeting_show_their_due_day_as_the_pages_do(
    caseworker, household
):
    # REQ: REC-4
    from velkomst.appointments.forms import TaskChoiceField
    from velkomst.reception.models import PlanTask
    from velkomst.reception.services import plan_generate

    plan = plan_generate(household=household, acting_user=caseworker)
    task = plan.tasks.filter(due_date__isnull=False).first()
    assert task is not None
    label = TaskChoiceField(queryset=PlanTask.objects.all()).label_from_instance(task)
    assert label.endswith(f"({task.due_date:%d.%m.%Y})")
