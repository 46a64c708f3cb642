"""A meeting cannot be recorded as held on a day no case can have (SEC-5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from velkomst.appointments.models import AppointmentStatus

from .conftest import soon

pytestmark = pytest.mark.django_db


def test_a_meeting_a_week_ahead_cannot_be_marked_held(
    logged_in, caseworker, household, make_appointment
):
    # REQ: SEC-5, REC-4 (ticking off its plan task would date it a week ahead)
    from velkomst.reception.services import plan_generate

    plan = plan_generate(household=household, acting_user=caseworker)
    task = plan.tasks.get(template_task__key="welcome_meeting")
    appointment = make_appointment(starts_at=soon(7), plan_task=task)
    response = logged_in(caseworker).post(
        reverse("appointment-outcome", args=[appointment.pk]),
        {"version": appointment.version, "outcome": "held"},
        follow=True,
    )
    page = response.content.decode()
    assert "Mødet kan ikke markeres som afholdt" in page
    assert "Mødet er ikke begyndt endnu" in page
    appointment.refresh_from_db()
    task.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED and task.is_open
