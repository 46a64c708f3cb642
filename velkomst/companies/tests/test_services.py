"""The companies register's writes: CVR and DB07 checks, openings' rules, the proposal flow with
its places, events (PRG-4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.companies import services
from velkomst.companies.models import Company, Opening, Proposal
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry

from .conftest import OTHER_CVR, VALID_CVR, company_values, opening_values

pytestmark = pytest.mark.django_db


def test_a_company_is_created_with_its_audit_row(consultant, area):
    # REQ: PRG-4
    company = services.company_create(actor=consultant, **company_values(area, cvr="DK 1234 5674"))
    assert company.cvr == VALID_CVR and company.industry == "433200"
    entry = AuditEntry.objects.get(object_type="companies.Company", action="create")
    assert entry.changes["cvr"] == [None, VALID_CVR]


@pytest.mark.parametrize("cvr", ["12345678", "1234567", "0123456X", "02345679"])
def test_a_cvr_number_failing_its_check_is_refused(consultant, cvr):
    # REQ: PRG-4
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=consultant, **company_values(cvr=cvr))
    assert "cvr" in error.value.message_dict
    assert not Company.objects.exists()


def test_an_unknown_industry_code_and_a_duplicate_cvr_are_refused(consultant, company):
    # REQ: PRG-4
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=consultant, **company_values(cvr=OTHER_CVR, industry="9999"))
    assert "Dansk Branchekode" in error.value.message_dict["industry"][0]
    with pytest.raises(ValidationError) as error:
        services.company_create(actor=consultant, **company_values(name="Kopi"))
    assert "findes allerede" in error.value.message_dict["cvr"][0]


def test_only_the_job_consultant_edits_companies(staff, consultant):
    # REQ: PRG-4
    with pytest.raises(PermissionDenied):
        services.company_create(actor=staff["caseworker"], **company_values())


def test_concurrent_edits_of_a_company_are_detected(consultant, company):
    # REQ: PRG-4
    services.company_update(actor=consultant, company=company, expected_version=1, name="Ny")
    stale = Company.objects.get(pk=company.pk)
    with pytest.raises(ConcurrentEditError):
        services.company_update(actor=consultant, company=stale, expected_version=1, name="Gl")
    assert Company.objects.get(pk=company.pk).name == "Ny"


def test_a_branchepakke_keeps_its_steps_in_order(consultant, company):
    # REQ: PRG-4
    agreement = services.agreement_create(
        actor=consultant,
        company=company,
        kind="branchepakke",
        title="Branchepakke byggeri",
        valid_from=date(2026, 1, 1),
        valid_to=None,
        steps=["Introduktion", "Praktik", "Løntilskud", "Ordinært job"],
    )
    steps = list(agreement.steps.all())
    assert [s.name for s in steps] == ["Introduktion", "Praktik", "Løntilskud", "Ordinært job"]
    services.step_done(actor=consultant, step=steps[0], done_on=date(2026, 2, 1))
    steps[0].refresh_from_db()
    assert steps[0].done_on == date(2026, 2, 1)
    with pytest.raises(ValidationError):
        services.agreement_create(
            actor=consultant,
            company=company,
            kind="partnership",
            title="",
            valid_from=date(2026, 5, 1),
            valid_to=date(2026, 4, 1),
        )


@pytest.mark.parametrize(
    ("field", "value"), [("places", 0), ("hours_per_week", 38), ("hours_per_week", 0)]
)
def test_an_opening_needs_a_place_and_at_most_37_hours(consultant, company, field, value):
    # REQ: PRG-4
    with pytest.raises(ValidationError) as error:
        services.opening_create(
            actor=consultant, company=company, **opening_values(**{field: value})
        )
    assert field in error.value.message_dict
    assert not Opening.objects.exists()


def _accepted(consultant, opening, person):
    proposal = services.proposal_create(
        actor=consultant, opening=opening, person=person, proposed_on=date(2026, 8, 1)
    )
    return services.proposal_answer(
        actor=consultant,
        proposal=proposal,
        expected_version=1,
        company_answer="accepted",
        answered_on=date(2026, 8, 5),
    )


def test_the_proposal_flow_records_answer_and_result(consultant, opening, person):
    # REQ: PRG-4
    proposal = _accepted(consultant, opening, person)
    services.proposal_result(
        actor=consultant,
        proposal=proposal,
        expected_version=proposal.version,
        result="started",
        result_on=date(2026, 9, 1),
    )
    proposal.refresh_from_db()
    assert (proposal.company_answer, proposal.result) == ("accepted", "started")
    opening.refresh_from_db()
    assert opening.status == "filled"  # its one place is taken
    rows = AuditEntry.objects.filter(object_type="companies.Proposal", person_id=person.pk)
    assert rows.filter(action="create").count() == 1 and rows.filter(action="change").count() == 2


def test_an_opening_takes_no_more_started_proposals_than_places(consultant, opening, household):
    # REQ: PRG-4
    amal, omar = household.members.get(first_name="Amal"), household.members.get(first_name="Omar")
    first = _accepted(consultant, opening, amal)
    second = _accepted(consultant, opening, omar)
    services.proposal_result(
        actor=consultant, proposal=first, expected_version=first.version, result="started"
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_result(
            actor=consultant, proposal=second, expected_version=second.version, result="started"
        )
    assert "ingen ledige pladser" in error.value.message_dict["result"][0]
    assert Proposal.objects.filter(result="started").count() == 1


def test_a_declined_or_not_started_proposal_needs_its_reason(consultant, opening, person):
    # REQ: PRG-4
    proposal = services.proposal_create(actor=consultant, opening=opening, person=person)
    with pytest.raises(ValidationError) as error:
        services.proposal_answer(
            actor=consultant, proposal=proposal, expected_version=1, company_answer="declined"
        )
    assert "answer_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.proposal_result(
            actor=consultant, proposal=proposal, expected_version=1, result="started"
        )
    assert "accepteret" in error.value.message_dict["result"][0]


def test_an_answer_before_the_proposal_is_refused(consultant, opening, person):
    # REQ: PRG-4
    proposal = services.proposal_create(
        actor=consultant, opening=opening, person=person, proposed_on=date(2026, 8, 10)
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_answer(
            actor=consultant,
            proposal=proposal,
            expected_version=1,
            company_answer="accepted",
            answered_on=date(2026, 8, 1),
        )
    assert "answered_on" in error.value.message_dict


def test_a_person_is_proposed_once_and_only_to_an_open_opening(consultant, opening, person):
    # REQ: PRG-4
    services.proposal_create(actor=consultant, opening=opening, person=person)
    with pytest.raises(ValidationError) as error:
        services.proposal_create(actor=consultant, opening=opening, person=person)
    assert "person" in error.value.message_dict
    services.opening_update(actor=consultant, opening=opening, expected_version=1, status="closed")
    with pytest.raises(ValidationError):
        services.proposal_create(actor=consultant, opening=opening, person=person)


def test_a_person_the_consultant_may_not_see_cannot_be_proposed(
    consultant, opening, other_household
):
    # REQ: PRG-4
    stranger = other_household.members.get()
    with pytest.raises(ValidationError):
        services.proposal_create(actor=consultant, opening=opening, person=stranger)


def test_an_event_invites_in_the_persons_language_and_records_meetings(
    consultant, company, household
):
    # REQ: PRG-4
    from velkomst.people.models import PersonLanguage

    amal = household.members.get(first_name="Amal")
    PersonLanguage.objects.create(person=amal, language="uk", proficiency="fluent")
    omar = household.members.get(first_name="Omar")  # Arabic only: no letter text, Danish
    event = services.event_create(
        actor=consultant,
        name="Speed-dating på Campus",
        held_on=date(2026, 10, 1),
        place="Campus Bornholm",
        companies=[company],
    )
    a = services.invitation_create(
        actor=consultant, event=event, person=amal, invited_on=date(2026, 9, 1)
    )
    o = services.invitation_create(
        actor=consultant, event=event, person=omar, invited_on=date(2026, 9, 1)
    )
    assert (a.letter_language, o.letter_language) == ("uk", "da")
    services.invitation_update(actor=consultant, invitation=a, expected_version=1, attended="yes")
    meeting = services.meeting_create(
        actor=consultant, event=event, person=amal, company=company, outcome="internship_offered"
    )
    assert meeting.get_outcome_display() == "Tilbudt praktik"
    with pytest.raises(ValidationError):
        services.invitation_create(
            actor=consultant, event=event, person=amal, invited_on=date(2026, 9, 2)
        )


def test_an_answer_before_the_proposal_names_the_proposals_day_as_the_pages_show_it(
    consultant, opening, person
):
    # REQ: PRG-4
    proposal = services.proposal_create(
        actor=consultant, opening=opening, person=person, proposed_on=date(2026, 8, 3)
    )
    with pytest.raises(ValidationError) as error:
        services.proposal_answer(
            actor=consultant,
            proposal=proposal,
            expected_version=proposal.version,
            company_answer="accepted",
            answered_on=date(2026, 8, 1),
        )
    assert "(3. august 2026)" in error.value.message_dict["answered_on"][0]


def test_no_meeting_is_recorded_for_a_person_who_did_not_attend(consultant, company, household):
    # REQ: PRG-4
    from velkomst.companies.models import EventMeeting

    amal = household.members.get(first_name="Amal")
    event = services.event_create(
        actor=consultant,
        name="Speed-dating",
        held_on=date(2026, 10, 1),
        place="Campus Bornholm",
        companies=[company],
    )
    invitation = services.invitation_create(
        actor=consultant, event=event, person=amal, invited_on=date(2026, 9, 1)
    )
    invitation = services.invitation_update(
        actor=consultant, invitation=invitation, expected_version=1, attended="no"
    )
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=consultant, event=event, person=amal, company=company, outcome="job_offered"
        )
    assert "ikke deltaget" in error.value.message_dict["person"][0]
    assert not EventMeeting.objects.exists()
    # a person met at the event is not then recorded as absent
    invitation = services.invitation_update(
        actor=consultant, invitation=invitation, expected_version=2, attended="yes"
    )
    services.meeting_create(actor=consultant, event=event, person=amal, company=company)
    with pytest.raises(ValidationError) as error:
        services.invitation_update(
            actor=consultant, invitation=invitation, expected_version=3, attended="no"
        )
    assert "attended" in error.value.message_dict
    invitation.refresh_from_db()
    assert invitation.attended == "yes"


def test_a_started_internship_becomes_an_activity_on_the_plan(consultant, opening, person):
    # REQ: PRG-1
    # REQ: PRG-4
    proposal = _accepted(consultant, opening, person)
    services.proposal_result(
        actor=consultant,
        proposal=proposal,
        expected_version=proposal.version,
        result="started",
        result_on=date(2026, 9, 1),
    )
    proposal.refresh_from_db()
    activity = proposal.activity
    assert activity is not None and activity.plan.person_id == person.pk
    assert (activity.category, activity.kind, activity.provider_kind) == (
        "enterprise",
        "internship",
        "company",
    )
    assert activity.start == date(2026, 9, 1) and activity.end is None
    assert activity.hours_per_week == 25 and activity.provider_name == "Rønne Tømrer ApS"


def test_a_plan_that_cannot_take_the_hours_refuses_the_result_and_writes_nothing(
    consultant, company, person
):
    # REQ: PRG-4
    from velkomst.programme.services import activity_add

    activity_add(
        actor=consultant,
        person=person,
        category="danish",
        kind="danish_education",
        start=date(2026, 8, 1),
        end=None,
        hours_per_week=20,
        provider_kind="language_centre",
        provider_name="Sprogcenter",
    )
    opening = services.opening_create(
        actor=consultant, company=company, **opening_values(hours_per_week=30)
    )
    proposal = _accepted(consultant, opening, person)
    with pytest.raises(ValidationError) as error:
        services.proposal_result(
            actor=consultant,
            proposal=proposal,
            expected_version=proposal.version,
            result="started",
            result_on=date(2026, 9, 1),
        )
    assert "integrationsplanen" in error.value.message_dict["result"][0]
    proposal.refresh_from_db()
    assert proposal.result == "" and proposal.activity_id is None
    opening.refresh_from_db()
    assert opening.status == "open"
