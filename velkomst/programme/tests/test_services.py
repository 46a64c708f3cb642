"""Writes of the integration programme: plan, activities, goals, supports, contract (PRG-1,
PRG-5, PRG-8), with bad input, access and concurrency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.programme import selectors, services
from velkomst.programme.models import Category, ContractStatus, Direction

from .conftest import activity

pytestmark = pytest.mark.django_db


def test_plan_for_makes_one_audited_plan_per_person_job_directed_from_30(caseworker, person):
    # REQ: PRG-1
    plan = services.plan_for(actor=caseworker, person=person)
    assert plan.direction == Direction.JOB  # Amal is 38
    assert services.plan_for(actor=caseworker, person=person).pk == plan.pk
    rows = AuditEntry.objects.filter(object_type="programme.IntegrationPlan", action="create")
    assert list(rows.values_list("person_id", flat=True)) == [person.pk]


def test_under_30_gets_an_education_directed_plan_and_is_flagged_without_an_education_goal(
    caseworker, young
):
    # REQ: PRG-5
    plan = services.plan_for(actor=caseworker, person=young)
    assert plan.direction == Direction.EDUCATION
    view = selectors.plan_view(person=young, today=date(2026, 12, 6))
    assert "young_no_education_goal" in [f.code for f in view.flags]
    services.goal_add(
        actor=caseworker,
        person=young,
        kind="education",
        education="Social- og sundhedsassistent",
        target_date=date(2028, 6, 30),
    )
    view = selectors.plan_view(person=young, today=date(2026, 12, 6))
    assert not [f for f in view.flags if f.code.startswith("young")]
    # set job-directed: flagged again, on the plan and in the caseworker's worklist rows
    services.plan_set_direction(
        actor=caseworker, person=young, direction="job", reason="Har job i udsigt"
    )
    view = selectors.plan_view(person=young, today=date(2026, 12, 6))
    assert "young_not_education" in [f.code for f in view.flags]
    rows = selectors.caseworker_deadlines(caseworker, date(2026, 12, 6), 7)
    assert ("young", young.pk) in [(r.key, r.person.pk) for r in rows]


def test_direction_needs_a_reason_and_a_known_direction(caseworker, person):
    # REQ: PRG-1
    with pytest.raises(ValidationError) as error:
        services.plan_set_direction(actor=caseworker, person=person, direction="x", reason="")
    assert set(error.value.message_dict) == {"direction", "reason"}


def test_activity_add_is_audited_and_checks_its_category(caseworker, person):
    # REQ: PRG-1
    a = services.activity_add(actor=caseworker, person=person, **activity())
    assert a.plan.person == person and a.hours_per_week == Decimal(25)
    row = AuditEntry.objects.get(object_type="programme.Activity", action="create")
    assert row.person_id == person.pk
    with pytest.raises(ValidationError) as error:
        services.activity_add(actor=caseworker, person=person, **activity(category="danish"))
    assert "kind" in error.value.message_dict


def test_entrepreneurship_course_and_advice_are_other_activities(caseworker, person):
    # REQ: PRG-8
    for kind in ("entrepreneurship_course", "entrepreneurship_advice"):
        a = services.activity_add(
            actor=caseworker,
            person=person,
            **activity(category="other", kind=kind, hours_per_week=5, provider_kind="other"),
        )
        assert a.category == Category.OTHER
    with pytest.raises(ValidationError):
        services.activity_add(
            actor=caseworker, person=person, **activity(kind="entrepreneurship_course")
        )


def test_bad_dates_and_hours_name_their_field(caseworker, person):
    # REQ: PRG-1
    with pytest.raises(ValidationError) as error:
        services.activity_add(actor=caseworker, person=person, **activity(end=date(2026, 7, 1)))
    assert list(error.value.message_dict) == ["end"]
    with pytest.raises(ValidationError) as error:
        services.activity_add(actor=caseworker, person=person, **activity(hours_per_week=38))
    assert list(error.value.message_dict) == ["hours_per_week"]
    assert "37" in error.value.message_dict["hours_per_week"][0]
    services.activity_add(actor=caseworker, person=person, **activity())
    with pytest.raises(ValidationError) as error:
        services.activity_add(
            actor=caseworker,
            person=person,
            **activity(
                category="danish",
                kind="danish_education",
                start=date(2026, 9, 1),
                end=None,
                hours_per_week=15,
                provider_kind="language_centre",
            ),
        )
    assert "40" in error.value.message_dict["hours_per_week"][0]
    assert not selectors.plan_view(person=person).activities[1:]  # nothing half-written


def test_concurrent_edits_of_an_activity_are_detected(caseworker, staff, person):
    # REQ: PRG-1
    a = services.activity_add(actor=caseworker, person=person, **activity())
    seen = a.version
    services.activity_end(
        actor=staff["job_consultant"], activity=a, expected_version=seen, end=date(2026, 9, 1)
    )
    with pytest.raises(ConcurrentEditError):
        services.activity_update(
            actor=caseworker, activity=a, expected_version=seen, hours_per_week=20
        )


def test_readers_cannot_write_and_another_municipality_cannot_touch(
    staff, person, other_caseworker
):
    # REQ: PRG-1
    for role in ("family_consultant", "health_coordinator", "manager"):
        with pytest.raises(PermissionDenied):
            services.activity_add(actor=staff[role], person=person, **activity())
    with pytest.raises(PermissionDenied):
        services.plan_for(actor=other_caseworker, person=person)
    with pytest.raises(PermissionDenied):
        services.plan_for(actor=staff["housing_officer"], person=person)


def test_contract_due_a_month_after_takeover_signed_by_both_or_refused_with_reason(
    caseworker, person, household
):
    # REQ: PRG-1
    contract = services.contract_for(actor=caseworker, person=person)
    assert person.case.takeover_date == date(2026, 7, 1)
    assert contract.due_date == date(2026, 8, 3)  # 1 August 2026 is a Saturday
    assert contract.status == ContractStatus.PENDING
    contract = services.contract_sign(
        actor=caseworker,
        person=person,
        expected_version=contract.version,
        signed_on=date(2026, 7, 20),
    )
    assert contract.status == ContractStatus.PARTLY_SIGNED
    contract = services.contract_sign(
        actor=caseworker,
        person=person,
        expected_version=contract.version,
        signed_on=date(2026, 7, 20),
        signed_by_municipality_on=date(2026, 7, 21),
    )
    assert contract.status == ContractStatus.SIGNED and contract.signed_by_staff == caseworker
    spouse = household.members.get(first_name="Omar")
    other = services.contract_for(actor=caseworker, person=spouse)
    with pytest.raises(ValidationError) as error:
        services.contract_refuse(
            actor=caseworker,
            person=spouse,
            expected_version=other.version,
            refused_on=date(2026, 7, 20),
            reason=" ",
        )
    assert list(error.value.message_dict) == ["refusal_reason"]
    refused = services.contract_refuse(
        actor=caseworker,
        person=spouse,
        expected_version=other.version,
        refused_on=date(2026, 7, 20),
        reason="Ønsker ikke at underskrive",
    )
    assert refused.status == ContractStatus.REFUSED


def test_open_contract_is_a_deadline_on_the_caseworkers_list(caseworker, person):
    # REQ: PRG-1
    rows = selectors.caseworker_deadlines(caseworker, date(2026, 8, 4), 7)
    assert ("contract", person.pk, "overdue") in [(r.key, r.person.pk, r.state) for r in rows]
    rows = selectors.caseworker_deadlines(caseworker, date(2026, 7, 1), 7)
    assert "contract" not in [r.key for r in rows if r.person == person]  # not due soon yet


def test_missed_follow_up_meetings_are_a_deadline(caseworker, person, household):
    # REQ: PRG-1
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from velkomst.appointments.models import Appointment

    tz = ZoneInfo("Europe/Copenhagen")
    for month in (7, 8, 9, 10):
        held = Appointment.objects.create(
            municipality=household.municipality,
            household=household,
            kind="job_interview",
            starts_at=datetime(2026, month, 10, 10, tzinfo=tz),
            ends_at=datetime(2026, month, 10, 11, tzinfo=tz),
            place="Jobcenter",
            status="held",
            created_by=caseworker,
        )
        if month == 10:
            held.persons.set([household.members.get(first_name="Omar")])
    rows = selectors.caseworker_deadlines(caseworker, date(2027, 1, 5), 7)
    keys = {(r.key, r.person.first_name) for r in rows}
    assert ("meetings", "Amal") in keys  # three of hers: the fourth was Omar's alone
    assert ("meetings", "Omar") not in keys
    view = selectors.plan_view(person=person, today=date(2027, 1, 5))
    assert view.assessment is not None and view.assessment.meetings_held == 3


def test_kerteminde_preset_and_versioned_rules(db):
    # REQ: PRG-1
    from velkomst.core.services import municipality_create
    from velkomst.programme.rules import rules_for

    kerteminde = municipality_create(code="440", name="Kerteminde")
    assert rules_for(kerteminde).internship_months_from_arrival == 3
    bornholm = municipality_create(code="400", name="Bornholm")
    assert rules_for(bornholm).internship_months_from_arrival is None
    MunicipalityConfig.objects.create(
        municipality=bornholm,
        effective_from=date(2026, 1, 1),
        values={"programme_rules": "2016"},
    )
    assert rules_for(bornholm, date(2025, 12, 31)).year == 2019
    assert rules_for(bornholm, date(2026, 1, 1)).first_enterprise_weeks == 2
