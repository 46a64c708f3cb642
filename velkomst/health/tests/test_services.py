from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.health import rules, services
from velkomst.health.models import Barrier, HealthShare

pytestmark = pytest.mark.django_db


def test_the_offer_is_mandatory_for_quota_refugees_under_the_rule_in_force(
    amal, coordinator, municipality
):
    # REQ: HEA-1
    amal.residence_basis = "quota_refugee"
    amal.save()
    offer = services.offer_create(actor=coordinator, person=amal, offered_on=date(2026, 8, 1))
    assert offer.mandatory
    # a municipality that documents the 2014-16 rule (offered to all, mandatory for none)
    MunicipalityConfig.objects.create(
        municipality=municipality, effective_from=date(2014, 1, 1), values=rules.PRESETS["2014"]
    )
    MunicipalityConfig.objects.create(
        municipality=municipality, effective_from=date(2016, 7, 1), values=rules.PRESETS["2016"]
    )
    old = services.offer_create(actor=coordinator, person=amal, offered_on=date(2015, 9, 1))
    assert not old.mandatory
    amal.residence_basis = "refugee"
    amal.save()
    assert not services.offer_create(
        actor=coordinator, person=amal, offered_on=date(2026, 8, 1)
    ).mandatory
    assert rules.offer_due(municipality, date(2026, 7, 1)) == date(2027, 1, 1)


def test_an_answer_needs_its_date_and_comes_after_the_offer(amal, coordinator):
    # REQ: HEA-1
    offer = services.offer_create(actor=coordinator, person=amal, offered_on=date(2026, 8, 1))
    with pytest.raises(ValidationError) as error:
        services.offer_answer(
            actor=coordinator, offer=offer, expected_version=1, answer="accepted", answered_on=None
        )
    assert "answered_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.offer_answer(
            actor=coordinator,
            offer=offer,
            expected_version=1,
            answer="accepted",
            answered_on=date(2026, 7, 1),
        )
    services.offer_answer(
        actor=coordinator,
        offer=offer,
        expected_version=1,
        answer="accepted",
        answered_on=date(2026, 8, 5),
    )
    offer.refresh_from_db()
    assert (offer.answer, offer.version) == ("accepted", 2)


def test_only_the_health_roles_record_health_data(amal, staff):
    # REQ: HEA-1
    for role in ("caseworker", "job_consultant", "manager", "family_consultant"):
        with pytest.raises(PermissionDenied):
            services.assessment_record(
                actor=staff[role],
                person=amal,
                assessed_on=date(2026, 8, 3),
                doctor="Dr. Jensen",
                work_capacity="ordinary",
            )


def test_an_assessment_is_audited_on_the_person(assessment, amal):
    # REQ: HEA-1
    entry = AuditEntry.objects.get(object_type="health.HealthAssessment", action="create")
    assert entry.person_id == amal.pk
    assert entry.changes["work_capacity"] == [None, "reduced"]


def test_a_result_is_shared_only_under_a_consent_that_covers_the_unit(
    assessment, amal, coordinator, jobcentre, municipality
):
    # REQ: HEA-1
    with pytest.raises(ValidationError) as error:
        services.result_share(actor=coordinator, assessment=assessment, unit=jobcentre)
    assert "samtykke" in error.value.message_dict["unit"][0]
    assert not HealthShare.objects.exists()
    from velkomst.core.models import Unit

    school = Unit.objects.get(municipality=municipality, kind="school")
    today = timezone.localdate()
    consent = services.consent_record(
        actor=coordinator,
        person=amal,
        purpose="health.work_capacity",
        units=[school],
        given_on=today - timedelta(days=3),
    )
    with pytest.raises(ValidationError):  # the consent names another unit
        services.result_share(actor=coordinator, assessment=assessment, unit=jobcentre)
    consent.units.add(jobcentre)
    with pytest.raises(ValidationError):  # ... and another purpose than the full assessment
        services.result_share(
            actor=coordinator, assessment=assessment, unit=jobcentre, purpose="health.assessment"
        )
    share = services.result_share(actor=coordinator, assessment=assessment, unit=jobcentre)
    assert share.consent == consent and share.unit == jobcentre
    logged = AuditEntry.objects.get(object_type="health.HealthShare")
    assert logged.person_id == amal.pk and jobcentre.name in logged.reason
    # withdrawn today: from this moment nothing is shared under it
    from velkomst.consent.services import consent_withdraw

    consent_withdraw(actor=coordinator, consent=consent, expected_version=consent.version)
    with pytest.raises(ValidationError):
        services.result_share(actor=coordinator, assessment=assessment, unit=jobcentre)
    assert HealthShare.objects.count() == 1


def test_barriers_have_a_measure_and_health_barriers_are_the_health_roles(amal, staff):
    # REQ: PRG-6
    caseworker, coordinator = staff["caseworker"], staff["health_coordinator"]
    follow_up = date(2026, 9, 1)
    barrier = services.barrier_create(
        actor=caseworker,
        person=amal,
        kind="childcare",
        measure="Dagplejeplads i kursustiden",
        responsible=caseworker,
        follow_up_on=follow_up,
    )
    assert barrier.measure and barrier.responsible == caseworker
    with pytest.raises(ValidationError) as error:
        services.barrier_create(
            actor=caseworker,
            person=amal,
            kind="transport",
            measure=" ",
            responsible=caseworker,
            follow_up_on=follow_up,
        )
    assert "measure" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.barrier_create(
            actor=caseworker,
            person=amal,
            kind="trauma",
            measure="Samtaleforløb",
            responsible=caseworker,
            follow_up_on=follow_up,
        )
    services.barrier_create(
        actor=coordinator,
        person=amal,
        kind="trauma",
        description="Mareridt og søvnløshed efter flugten",
        measure="Samtaleforløb hos psykolog",
        responsible=coordinator,
        follow_up_on=follow_up,
    )
    assert Barrier.objects.count() == 2


def test_not_able_to_work_on_ordinary_terms_gives_a_rehabilitation_directed_plan(
    amal, staff, coordinator, jobcentre
):
    # REQ: PRG-6
    from velkomst.programme.models import IntegrationPlan
    from velkomst.programme.services import plan_for

    plan = plan_for(actor=staff["caseworker"], person=amal)
    assert plan.direction == "job"
    services.assessment_record(
        actor=coordinator,
        person=amal,
        assessed_on=date(2026, 8, 3),
        doctor="Dr. Jensen",
        work_capacity="ordinary",
    )
    assert IntegrationPlan.objects.get(person=amal).direction == "job"
    services.assessment_record(
        actor=coordinator,
        person=amal,
        assessed_on=date(2026, 8, 4),
        doctor="Dr. Jensen",
        work_capacity="not_now",
        conclusion="Behandlingskrævende",
    )
    plan = IntegrationPlan.objects.get(person=amal)
    assert plan.direction == "rehabilitation"
    assert "Behandlingskrævende" not in plan.direction_reason  # no health detail on the plan


def test_a_shared_conclusion_directs_the_plan_of_a_person_without_one(amal, coordinator, jobcentre):
    # REQ: PRG-6
    from velkomst.programme.models import IntegrationPlan

    omar = amal.household.members.get(first_name="Omar")
    assessment = services.assessment_record(
        actor=coordinator,
        person=omar,
        assessed_on=date(2026, 8, 3),
        doctor="Dr. Jensen",
        work_capacity="consideration",
    )
    services.assessment_update(
        actor=coordinator, assessment=assessment, expected_version=1, work_capacity="reduced"
    )
    assert IntegrationPlan.objects.get(person=omar).direction == "rehabilitation"
    services.consent_record(
        actor=coordinator,
        person=omar,
        purpose="health.work_capacity",
        units=[jobcentre],
        given_on=timezone.localdate(),
    )
    services.result_share(actor=coordinator, assessment=assessment, unit=jobcentre)
    assert IntegrationPlan.objects.filter(person=omar).count() == 1


def test_the_health_coordinator_may_only_direct_a_plan_to_rehabilitation(amal, coordinator):
    # REQ: PRG-6
    from velkomst.programme.services import plan_set_direction

    with pytest.raises(PermissionDenied):
        plan_set_direction(actor=coordinator, person=amal, direction="job", reason="x")
