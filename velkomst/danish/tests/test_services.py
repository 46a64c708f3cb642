"""Writes of Danish education: the rules with a message naming the field, nothing half-written,
concurrent edits and the audit rows (PRG-2, SEC-3, SEC-5)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.danish import services
from velkomst.danish.models import DanishExam, DanishReferral, ModuleProgress, MonthlyAttendance


def _errors(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def test_a_referral_is_recorded_with_an_audit_row_of_the_person(referral, caseworker, person):
    # REQ: PRG-2
    entry = AuditEntry.objects.get(object_type="danish.DanishReferral", action="create")
    assert entry.person_id == person.pk
    assert entry.changes["track"] == [None, "DU2"]
    assert referral.version == 1


def test_referral_dates_out_of_order_are_refused_naming_the_field(caseworker, person, centre):
    # REQ: PRG-2
    errors = _errors(
        services.referral_create,
        acting_user=caseworker,
        person=person,
        centre=centre,
        track="DU2",
        referred_on=date(2026, 7, 20),
        start_on=date(2026, 7, 1),
        started_on=date(2026, 7, 10),
        ended_on=date(2026, 7, 5),
    )
    assert "Planlagt start kan ikke ligge før henvisningen." in errors["start_on"]
    assert "Faktisk start kan ikke ligge før henvisningen." in errors["started_on"]
    assert "ended_on" in errors and "end_reason" in errors
    assert not DanishReferral.objects.exists()


def test_one_open_referral_per_person(caseworker, person, centre, referral):
    # REQ: PRG-2
    errors = _errors(
        services.referral_create,
        acting_user=caseworker,
        person=person,
        centre=centre,
        track="DU3",
        referred_on=date(2026, 9, 1),
    )
    assert "åben henvisning" in errors["track"][0]
    services.referral_update(
        acting_user=caseworker,
        referral=referral,
        expected_version=1,
        ended_on=date(2026, 9, 1),
        end_reason="transferred",
    )
    second = services.referral_create(
        acting_user=caseworker,
        person=person,
        centre=centre,
        track="DU3",
        referred_on=date(2026, 9, 1),
    )
    assert second.track == "DU3"


def test_a_concurrent_edit_of_a_referral_is_refused(caseworker, referral):
    # REQ: PRG-2
    stale = DanishReferral.objects.get(pk=referral.pk)
    services.referral_update(
        acting_user=caseworker, referral=referral, expected_version=1, start_on=date(2026, 8, 3)
    )
    with pytest.raises(ConcurrentEditError):
        services.referral_update(
            acting_user=caseworker, referral=stale, expected_version=1, start_on=date(2026, 8, 5)
        )
    assert DanishReferral.objects.get(pk=referral.pk).start_on == date(2026, 8, 3)


def test_module_dates_must_follow_the_start(caseworker, referral):
    # REQ: PRG-2
    errors = _errors(
        services.module_create,
        acting_user=caseworker,
        referral=referral,
        module=1,
        started_on=date(2026, 8, 1),
        passed_on=None,
    )
    assert "Modulet kan ikke starte før undervisningen" in errors["started_on"][0]
    errors = _errors(
        services.module_create,
        acting_user=caseworker,
        referral=referral,
        module=1,
        started_on=date(2026, 8, 10),
        passed_on=date(2026, 8, 9),
    )
    assert "passed_on" in errors
    services.module_create(
        acting_user=caseworker,
        referral=referral,
        module=1,
        started_on=date(2026, 8, 10),
        passed_on=None,
    )
    errors = _errors(
        services.module_create,
        acting_user=caseworker,
        referral=referral,
        module=1,
        started_on=date(2026, 8, 11),
        passed_on=None,
    )
    assert "allerede registreret" in errors["module"][0]
    errors = _errors(
        services.module_create,
        acting_user=caseworker,
        referral=referral,
        module=7,
        started_on=date(2026, 8, 11),
        passed_on=None,
    )
    assert "module" in errors
    assert ModuleProgress.objects.count() == 1


def test_the_referral_cannot_start_after_a_recorded_module(caseworker, referral):
    # REQ: PRG-2
    services.module_create(
        acting_user=caseworker,
        referral=referral,
        module=1,
        started_on=date(2026, 8, 10),
        passed_on=None,
    )
    errors = _errors(
        services.referral_update,
        acting_user=caseworker,
        referral=referral,
        expected_version=1,
        started_on=date(2026, 8, 17),
    )
    assert "started_on" in errors


def test_attendance_over_the_hours_offered_is_refused(caseworker, referral):
    # REQ: PRG-2
    errors = _errors(
        services.attendance_create,
        acting_user=caseworker,
        referral=referral,
        month=date(2026, 8, 1),
        hours_offered=Decimal(40),
        hours_attended=Decimal("40.5"),
    )
    assert errors["hours_attended"] == ["Fremmødte timer kan ikke være flere end de tilbudte (40)."]
    row = services.attendance_create(
        acting_user=caseworker,
        referral=referral,
        month=date(2026, 8, 17),
        hours_offered=Decimal(40),
        hours_attended=Decimal(36),
    )
    assert row.month == date(2026, 8, 1)  # any day of the month is the month
    errors = _errors(
        services.attendance_create,
        acting_user=caseworker,
        referral=referral,
        month=date(2026, 8, 1),
        hours_offered=Decimal(40),
        hours_attended=Decimal(30),
    )
    assert "allerede registreret" in errors["month"][0]
    errors = _errors(
        services.attendance_create,
        acting_user=caseworker,
        referral=referral,
        month=date(2026, 7, 1),
        hours_offered=Decimal(40),
        hours_attended=Decimal(30),
    )
    assert "før undervisningen" in errors["month"][0]
    assert MonthlyAttendance.objects.count() == 1


def _exam(caseworker, person, **overrides):
    values = dict(
        exam="PD2", term="", taken_on=date(2026, 11, 25), result="passed", grade="7", referral=None
    )
    values.update(overrides)
    return services.exam_create(acting_user=caseworker, person=person, **values)


def test_an_exam_before_its_module_is_passed_is_refused(caseworker, person, referral):
    # REQ: PRG-2
    services.module_create(
        acting_user=caseworker,
        referral=referral,
        module=6,
        started_on=date(2026, 9, 1),
        passed_on=None,
    )
    with pytest.raises(ValidationError) as caught:
        _exam(caseworker, person)
    assert "modul 6 på Danskuddannelse 2" in caught.value.message_dict["exam"][0]
    progress = ModuleProgress.objects.get()
    services.module_update(
        acting_user=caseworker, progress=progress, expected_version=1, passed_on=date(2026, 11, 26)
    )
    with pytest.raises(ValidationError):
        _exam(caseworker, person)  # passed the day after the exam
    services.module_update(
        acting_user=caseworker, progress=progress, expected_version=2, passed_on=date(2026, 11, 20)
    )
    exam = _exam(caseworker, person)
    assert exam.term == "2026-winter"  # derived from the date


def test_an_exam_without_recorded_modules_is_allowed(caseworker, person):
    # REQ: PRG-2
    exam = _exam(caseworker, person, exam="PD1", taken_on=date(2026, 6, 2), grade="")
    assert exam.term == "2026-summer"


def test_exam_term_and_grade_rules(caseworker, person):
    # REQ: PRG-2
    with pytest.raises(ValidationError) as caught:
        _exam(caseworker, person, taken_on=date(2026, 8, 20))
    assert "term" in caught.value.message_dict
    assert _exam(caseworker, person, taken_on=date(2026, 8, 20), term="2026-summer").term == (
        "2026-summer"
    )
    for result, grade in (("passed", "00"), ("failed", "7"), ("absent", "4")):
        with pytest.raises(ValidationError) as caught:
            _exam(caseworker, person, result=result, grade=grade)
        assert "grade" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _exam(caseworker, person, taken_on=date(2099, 6, 1))
    assert "taken_on" in caught.value.message_dict
    assert DanishExam.objects.count() == 1


def test_roles_without_programme_edit_cannot_write(staff, person, centre):
    # REQ: PRG-2
    for role in ("housing_officer", "family_consultant", "manager", "health_coordinator"):
        with pytest.raises(PermissionDenied):
            services.referral_create(
                acting_user=staff[role],
                person=person,
                centre=centre,
                track="DU1",
                referred_on=date(2026, 7, 20),
            )
    job = services.referral_create(
        acting_user=staff["job_consultant"],
        person=person,
        centre=centre,
        track="DU1",
        referred_on=date(2026, 7, 20),
    )
    assert job.pk


def test_another_municipalitys_staff_cannot_write(other_caseworker, person, centre):
    # REQ: PRG-2
    with pytest.raises(PermissionDenied):
        services.referral_create(
            acting_user=other_caseworker,
            person=person,
            centre=centre,
            track="DU1",
            referred_on=date(2026, 7, 20),
        )


def test_a_centre_of_another_municipality_is_refused(other_caseworker, caseworker, person):
    # REQ: PRG-2
    foreign = services.centre_create(acting_user=other_caseworker, name="Sprogcenter Aalborg")
    errors = _errors(
        services.referral_create,
        acting_user=caseworker,
        person=person,
        centre=foreign,
        track="DU1",
        referred_on=date(2026, 7, 20),
    )
    assert "centre" in errors
