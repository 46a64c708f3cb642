"""The demo's Danish education (PRG-2): deterministic, aged by takeover, and every row passes the
rules the services check."""

from __future__ import annotations

import random
from datetime import date

import pytest

from conftest import member
from velkomst.danish import demo, services
from velkomst.danish.models import DanishExam, DanishReferral, ModuleProgress, MonthlyAttendance

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 1)  # the demo's reference date


@pytest.fixture
def households(caseworker, household):
    from velkomst.people.services import household_create

    made = [household]
    for i, visited in enumerate([date(2023, 1, 10), date(2023, 9, 5), date(2024, 6, 20)]):
        made.append(
            household_create(
                acting_user=caseworker,
                name=f"Familien Demo {i}",
                visitation_date=visited,
                expected_arrival_date=visited,
                members=[
                    member(
                        first_name=f"Voksen{i}{j}",
                        last_name="Demo",
                        birth_date=date(1990, 1, j + 1),
                    )
                    for j in range(6)
                ],
            )
        )
    return made


def _snapshot() -> list:
    return [
        list(
            DanishReferral.objects.order_by("pk").values_list(
                "person__first_name", "track", "referred_on", "started_on", "ended_on"
            )
        ),
        list(
            ModuleProgress.objects.order_by("pk").values_list("module", "started_on", "passed_on")
        ),
        list(DanishExam.objects.order_by("pk").values_list("exam", "taken_on", "result", "grade")),
    ]


def test_the_demo_is_aged_by_takeover_and_keeps_the_rules(municipality, households):
    # REQ: PRG-2
    counts = demo.install_demo(municipality, random.Random(11), TODAY)
    assert counts["danish_referrals"] == DanishReferral.objects.count() > 10
    assert counts["danish_modules"] > 20 and counts["danish_exams"] > 0
    assert MonthlyAttendance.objects.count() == counts["danish_attendance"] > 50
    # nobody is referred before the takeover; children are not referred
    for referral in DanishReferral.objects.select_related("person__case"):
        assert referral.referred_on >= referral.person.case.takeover_date
        assert referral.person.first_name != "Lina"
        services._validate_referral(referral)
    for progress in ModuleProgress.objects.select_related("referral"):
        services._validate_module(progress)
    for row in MonthlyAttendance.objects.select_related("referral"):
        assert row.hours_attended <= row.hours_offered
    for exam in DanishExam.objects.all():
        assert services.module_missing(exam.exam, exam.person_id, exam.taken_on) is None
        assert exam.term in (f"{exam.taken_on.year}-summer", f"{exam.taken_on.year}-winter")
    # most are referred within the month the law gives
    referrals = list(DanishReferral.objects.select_related("person__case"))
    on_time = [r for r in referrals if (r.referred_on - r.person.case.takeover_date).days <= 31]
    assert len(on_time) >= 0.6 * len(referrals)


def test_the_same_seed_gives_the_same_demo(municipality, households):
    demo.install_demo(municipality, random.Random(5), TODAY)
    first = _snapshot()
    for model in (DanishExam, MonthlyAttendance, ModuleProgress, DanishReferral):
        model.objects.all().delete()
    demo.install_demo(municipality, random.Random(5), TODAY)
    assert _snapshot() == first
