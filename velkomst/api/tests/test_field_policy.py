"""Need-to-know (SEC-2) through the API: a generated role × field × operation walk.

Every operation of /api/openapi.json is called as every role, with a citizen whose CPR number
and a journal note with a unique marker exist; every response is validated against the schema
(api_as). The full CPR number, its masked form and the marker must appear exactly where the
policy (core/fields.py) allows them. Reads are walked; every write must be listed in ``WRITES``
(a new operation fails the test until it is walked or listed).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from velkomst.core import access, fields
from velkomst.core.models import Role, Unit
from velkomst.core.tests.test_tenancy import HEALTH_MARKER
from velkomst.people import services as people_services

pytestmark = pytest.mark.django_db

CPR_NUMBER = "1403884321"
FULL_FORMS = ("1403884321", "140388-4321")
MASKED_FORM = "140388-XXXX"
MARKER = "Fortroligt-notat-Q7Z"
CPR, NOTES = fields.CPR, fields.JOURNAL_NOTES
HEALTH = fields.HEALTH_CONCLUSION  # the world's health conclusion and health barrier (HEA-1)
FULL, MASKED, HIDDEN = fields.FULL, fields.MASKED, fields.HIDDEN

# The read operations that return a policy field, and the most each returns; every other read
# must return neither.
SHOWS: dict[str, dict[str, fields.Level]] = {
    "/api/persons": {CPR: MASKED},
    "/api/persons/{person_id}": {CPR: FULL},
    "/api/households/{household_id}": {CPR: MASKED},  # its members as PersonSummaryOut
    "/api/cases/{case_id}/notes": {NOTES: FULL},
    "/api/persons/{person_id}/health": {HEALTH: FULL},
    "/api/persons/{person_id}/barriers": {HEALTH: FULL},  # masked to readers of no health data
}
# Writes answer with the same output schemas as the reads (PersonOut, HouseholdOut, CaseOut,
# NoteOut), so the policy applies to them the same way; each is listed with what it returns.
WRITES = {
    ("POST", "/api/households"): "HouseholdOut: members' CPR masked or null",
    ("PATCH", "/api/households/{household_id}"): "HouseholdOut: members' CPR masked or null",
    ("PATCH", "/api/persons/{person_id}"): "PersonOut: only roles that see the full number edit",
    ("POST", "/api/cases/{case_id}/phase"): "CaseOut: no policy field",
    ("POST", "/api/cases/{case_id}/caseworker"): "CaseOut: no policy field",
    ("POST", "/api/cases/{case_id}/notes"): "NoteOut: only roles that read notes may add them",
    ("POST", "/api/households/{household_id}/placements/end"): "PlacementOut: no policy field",
    ("POST", "/api/placement-runs"): "RunOut: counts, no policy field",
    ("POST", "/api/matching-runs"): "MatchingRunOut: counts and figures, no policy field",
    ("POST", "/api/dwellings"): "DwellingOut: no policy field",
    ("PATCH", "/api/dwellings/{dwelling_id}"): "DwellingOut: no policy field",
    ("PUT", "/api/households/{household_id}/housing-need"): "HousingNeedOut: no policy field",
    ("POST", "/api/placement-suggestions/{suggestion_id}/accept"): "SuggestionOut: no policy field",
    ("POST", "/api/placement-suggestions/{suggestion_id}/reject"): "SuggestionOut: no policy field",
    ("POST", "/api/language-centres"): "CentreOut: no policy field",
    ("PATCH", "/api/language-centres/{centre_id}"): "CentreOut: no policy field",
    ("POST", "/api/danish-referrals"): "ReferralDetailOut: no policy field",
    ("PATCH", "/api/danish-referrals/{referral_id}"): "ReferralDetailOut: no policy field",
    ("POST", "/api/danish-referrals/{referral_id}/modules"): "ModuleOut: no policy field",
    ("PATCH", "/api/danish-modules/{module_id}"): "ModuleOut: no policy field",
    ("POST", "/api/danish-referrals/{referral_id}/attendance"): "AttendanceOut: no policy field",
    ("PATCH", "/api/danish-attendance/{attendance_id}"): "AttendanceOut: no policy field",
    ("POST", "/api/danish-exams"): "ExamOut: no policy field",
    ("PATCH", "/api/danish-exams/{exam_id}"): "ExamOut: no policy field",
    ("POST", "/api/persons/{person_id}/employments"): "EmploymentOut: no policy field",
    ("PATCH", "/api/employments/{employment_id}"): "EmploymentOut: no policy field",
    ("POST", "/api/persons/{person_id}/educations"): "EducationOut: no policy field",
    ("PATCH", "/api/education-outcomes/{education_id}"): "EducationOut: no policy field",
    ("POST", "/api/persons/{person_id}/benefit-periods"): "BenefitOut: no policy field",
    ("PATCH", "/api/benefit-periods/{period_id}"): "BenefitOut: no policy field",
    ("PUT", "/api/persons/{person_id}/self-supporting"): "SelfSupportingOut: no policy field",
    ("POST", "/api/areas"): "AreaOut: no policy field",
    ("PATCH", "/api/areas/{area_id}"): "AreaOut: no policy field",
    ("POST", "/api/hosts"): "HostOut: a host is not a citizen; no policy field",
    ("PATCH", "/api/hosts/{host_id}"): "HostOut: a host is not a citizen; no policy field",
    ("POST", "/api/hosts/{host_id}/offers"): "HostOfferOut: no policy field",
    ("PATCH", "/api/host-offers/{offer_id}"): "HostOfferOut: no policy field",
    ("PUT", "/api/associations/{association_id}/move-outs"): "AssociationDetailOut: counts only",
    ("POST", "/api/allocation-meetings"): "MeetingOut: no household named",
    ("PATCH", "/api/allocation-meetings/{meeting_id}"): "MeetingOut: no household named",
    ("POST", "/api/allocation-lines/{line_id}/move"): "LineOut: household name, no policy field",
    ("POST", "/api/allocation-lines/{line_id}/outcome"): "LineOut: household name, no policy field",
    ("POST", "/api/neighbour-reports"): "ReportDetailOut: the reporter's words, no policy field",
    ("POST", "/api/neighbour-reports/{report_id}/owner"): "ReportDetailOut: no policy field",
    ("POST", "/api/neighbour-reports/{report_id}/events"): "ReportDetailOut: no policy field",
    ("POST", "/api/neighbour-reports/{report_id}/link"): "ReportDetailOut: no policy field",
    ("POST", "/api/neighbour-reports/{report_id}/close"): "ReportDetailOut: no policy field",
    ("POST", "/api/persons/{person_id}/competences/items"): "CompetencesOut: no policy field",
    ("POST", "/api/persons/{person_id}/competences/remove"): "CompetencesOut: no policy field",
    ("PUT", "/api/persons/{person_id}/competences/profile"): "CompetencesOut: no policy field",
    ("POST", "/api/companies"): "CompanyOut: no policy field",
    ("PATCH", "/api/companies/{company_id}"): "CompanyOut: no policy field",
    ("POST", "/api/companies/{company_id}/contacts"): "ContactOut: no policy field",
    ("POST", "/api/companies/{company_id}/agreements"): "AgreementOut: no policy field",
    ("POST", "/api/openings"): "OpeningOut: no policy field",
    ("PATCH", "/api/openings/{opening_id}"): "OpeningOut: no policy field",
    ("POST", "/api/job-proposals"): "ProposalOut: the person's name, no policy field",
    ("POST", "/api/job-proposals/{proposal_id}/answer"): "ProposalOut: no policy field",
    ("POST", "/api/job-proposals/{proposal_id}/result"): "ProposalOut: no policy field",
    ("POST", "/api/job-events"): "EventOut: no policy field",
    ("POST", "/api/job-events/{job_event_id}/invitations"): "InvitationOut: no policy field",
    ("POST", "/api/job-events/{job_event_id}/meetings"): "MeetingOut: no policy field",
    ("PUT", "/api/persons/{person_id}/plan/direction"): "PlanOut: no policy field",
    ("POST", "/api/persons/{person_id}/plan/activities"): "ActivityOut: no policy field",
    ("PATCH", "/api/activities/{activity_id}"): "ActivityOut: no policy field",
    ("POST", "/api/persons/{person_id}/plan/goals"): "GoalOut: no policy field",
    ("PATCH", "/api/goals/{goal_id}"): "GoalOut: no policy field",
    ("PUT", "/api/persons/{person_id}/contract"): "ContractOut: no policy field",
    ("POST", "/api/host-offers/{offer_id}/meetings"): "HostMeetingOut: no policy field",
    ("POST", "/api/host-meetings/{host_meeting_id}/decision"): "HostMeetingOut: no policy field",
    ("POST", "/api/allocation-meetings/{meeting_id}/recompute"): "MeetingOut: no policy field",
    ("POST", "/api/report-channels"): "ChannelOut: a landlord's channel; no policy field",
    ("PATCH", "/api/report-channels/{channel_id}"): "ChannelOut: no policy field",
    ("POST", "/api/report-channels/{channel_id}/renew"): "ChannelOut: no policy field",
    ("POST", "/api/persons/{person_id}/consents"): "ConsentRecordOut: no policy field",
    ("POST", "/api/consents/{consent_id}/withdraw"): "ConsentRecordOut: no policy field",
    ("POST", "/api/volunteer-matches"): "PairingMatchOut: ids and dates, no policy field",
    ("POST", "/api/volunteer-matches/{match_id}/steps"): "PairingMatchOut: no policy field",
    # health records: only those who record health data write them, and read them back
    ("POST", "/api/persons/{person_id}/health/offers"): "OfferOut: health.edit only",
    ("POST", "/api/health-offers/{health_offer_id}/answer"): "OfferOut: health.edit only",
    ("POST", "/api/persons/{person_id}/health/assessments"): "AssessmentOut: health.edit only",
    ("PATCH", "/api/health-assessments/{assessment_id}"): "AssessmentOut: health.edit only",
    ("POST", "/api/persons/{person_id}/health/referrals"): "HealthReferralOut: health.edit only",
    ("PATCH", "/api/health-referrals/{health_referral_id}"): "HealthReferralOut: health.edit",
    ("POST", "/api/persons/{person_id}/barriers"): "BarrierOut: masked as the read",
    ("PATCH", "/api/barriers/{barrier_id}"): "BarrierOut: masked as the read",
    ("POST", "/api/coordinations"): "CoordinationOut: no policy field",
    ("PATCH", "/api/coordinations/{coordination_id}"): "CoordinationOut: no policy field",
    ("POST", "/api/coordinations/{coordination_id}/measures"): "MeasureOut: no policy field",
    ("PATCH", "/api/coordinated-measures/{measure_id}"): "MeasureOut: no policy field",
    ("POST", "/api/persons/{person_id}/plan/supports"): "SupportOut: no policy field",
    ("PATCH", "/api/supports/{support_id}"): "SupportOut: no policy field",
    ("POST", "/api/supports/{support_id}/end"): "SupportOut: no policy field",
    ("PATCH", "/api/company-contacts/{contact_id}"): "ContactOut: no policy field",
    ("PATCH", "/api/company-agreements/{agreement_id}"): "AgreementOut: no policy field",
    ("POST", "/api/result-grant-claims"): "GrantClaimOut: no policy field",
    ("PATCH", "/api/result-grant-claims/{claim_id}"): "GrantClaimOut: no policy field",
    ("PATCH", "/api/community/events/{community_event_id}"): "EventOut: an event, no policy field",
    (
        "PATCH",
        "/api/community/invitations/{community_invitation_id}",
    ): "InvitationOut: no policy field",
    (
        "PATCH",
        "/api/community/participations/{community_participation_id}",
    ): "ParticipationOut: no policy field",
    ("PATCH", "/api/interpreter-bookings/{booking_id}"): "BookingOut: no policy field",
    ("PATCH", "/api/interpreters/{interpreter_id}"): "InterpreterOut: an interpreter, no citizen",
    ("PATCH", "/api/volunteer-offers/{volunteer_offer_id}"): "VolunteerOfferOut: no policy field",
    ("POST", "/api/community/associations"): "AssociationOut: a club, no citizen",
    (
        "POST",
        "/api/community/associations/{community_association_id}/activities",
    ): "ActivityOut: no citizen",
    (
        "POST",
        "/api/community/associations/{community_association_id}/free-memberships",
    ): "MembershipOut: no policy field",
    ("POST", "/api/community/events"): "EventOut: no policy field",
    (
        "POST",
        "/api/community/events/{community_event_id}/invitations",
    ): "InvitationOut: no policy field",
    ("POST", "/api/community/participations"): "ParticipationOut: no policy field",
    ("POST", "/api/concerns"): "ReferralOut: the concern, no CPR and no note",
    ("POST", "/api/follow-ups/{follow_up_id}/done"): "FollowUpOut: no policy field",
    ("POST", "/api/interpreter-bookings"): "BookingOut: no policy field",
    ("POST", "/api/interpreter-bookings/{booking_id}/cancel"): "BookingOut: no policy field",
    ("POST", "/api/national/suggestions/{national_suggestion_id}/decision"): (
        "NationalSuggestionOut: an anonymous household reference, no citizen's data (NAT-1)"
    ),
    ("POST", "/api/interpreters"): "InterpreterOut: an interpreter, no citizen",
    ("POST", "/api/retention/rule-sets"): "RetentionRuleSetOut: rules, no citizen",
    ("POST", "/api/retention/holds"): "RetentionHoldOut: a person's or case's id, no data",
    ("POST", "/api/retention/holds/{legal_hold_id}/lift"): "RetentionHoldOut: ids, no data",
    ("POST", "/api/retention/runs"): "RetentionRunOut: counts, no citizen",
    ("POST", "/api/retention/runs/{retention_run_id}/approve"): "RetentionRunOut: counts",
    ("POST", "/api/handovers"): "HandoverDetailOut: the snapshot without CPR; notes and health "
    "only to their readers (handover.selectors.content_for)",
    ("POST", "/api/handovers/{handover_id}/accept"): "HandoverDetailOut: as POST /api/handovers",
    ("POST", "/api/handovers/{handover_id}/return"): "HandoverDetailOut: as POST /api/handovers",
    ("POST", "/api/referrals"): "ReferralOut: what is asked and shared, no CPR and no note",
    ("POST", "/api/referrals/{unit_referral_id}/accept"): "ReferralOut: no policy field",
    ("POST", "/api/referrals/{unit_referral_id}/done"): "ReferralOut: no policy field",
    ("POST", "/api/referrals/{unit_referral_id}/return"): "ReferralOut: no policy field",
    ("POST", "/api/round-tables"): "RoundTableOut: no policy field",
    ("POST", "/api/round-tables/{round_table_id}/agenda"): "RoundTableOut: no policy field",
    ("POST", "/api/round-tables/{round_table_id}/decisions"): "RoundTableOut: no policy field",
    ("POST", "/api/round-tables/{round_table_id}/follow-ups"): "RoundTableOut: no policy field",
    ("POST", "/api/round-tables/{round_table_id}/minutes-sent"): "RoundTableOut: no policy field",
    ("POST", "/api/round-tables/{round_table_id}/participants"): "RoundTableOut: no policy field",
    ("POST", "/api/volunteers/{volunteer_id}/decision"): "VolunteerOut: no policy field",
    ("POST", "/api/volunteers/{volunteer_id}/offers"): "VolunteerOfferOut: no policy field",
    (
        "POST",
        "/api/surveys/invitations/{invitation_id}/answers",
    ): "ResponseOut: the invitation id, a day and a count, no person",
    (
        "POST",
        "/api/surveys/invitations/{invitation_id}/decline",
    ): "InvitationOut: no policy field",
    (
        "POST",
        "/api/citizen-questions/{question_id}/answer",
    ): "CitizenQuestionDetailOut: the citizen's own words, no CPR and no journal note",
}
# The capability a read needs beyond person.view (the pages' rule): housing, hosts and
# associations need housing.view, neighbour reports neighbour.view.
NEEDS = {
    "/api/areas": access.HOUSING_VIEW,
    "/api/dwellings": access.HOUSING_VIEW,
    "/api/households/{household_id}/": access.HOUSING_VIEW,
    "/api/placement-runs": access.HOUSING_VIEW,
    "/api/hosts": access.HOUSING_VIEW,
    "/api/host-offers": access.HOUSING_VIEW,
    "/api/host-meetings": access.HOUSING_VIEW,
    "/api/report-channels": access.NEIGHBOUR_HANDLE,
    "/api/associations": access.HOUSING_VIEW,
    "/api/allocation-meetings": access.HOUSING_VIEW,
    "/api/neighbour-reports": access.NEIGHBOUR_VIEW,
    "/api/language-centres": access.PROGRAMME_VIEW,
    "/api/danish-": access.PROGRAMME_VIEW,
    "/api/persons/{person_id}/outcomes": access.PROGRAMME_VIEW,
    "/api/result-grants": access.GRANTS_VIEW,
    "/api/result-grant-claims": access.GRANTS_VIEW,
    "/api/supports": access.PROGRAMME_VIEW,
    "/api/persons/{person_id}/competences": access.PROGRAMME_VIEW,
    "/api/persons/{person_id}/health": access.HEALTH_VIEW,
    "/api/persons/{person_id}/barriers": access.PROGRAMME_VIEW,
    "/api/coordinations": access.PROGRAMME_VIEW,
    "/api/companies": access.COMPANY_VIEW,
    "/api/openings": access.COMPANY_VIEW,
    "/api/job-proposals": access.COMPANY_VIEW,
    "/api/job-events": access.COMPANY_VIEW,
    "/api/persons/{person_id}/plan": access.PROGRAMME_VIEW,
    "/api/persons/{person_id}/contract": access.PROGRAMME_VIEW,
    "/api/activities": access.PROGRAMME_VIEW,
    "/api/goals": access.PROGRAMME_VIEW,
    "/api/matching": access.COMPANY_VIEW,  # also /api/matching-runs
    "/api/households/{household_id}/volunteer-suggestions": access.PAIRING_VIEW,
    "/api/volunteer-matches": access.PAIRING_VIEW,
    "/api/volunteers": access.VOLUNTEER_VIEW,
    "/api/volunteer-offers": access.VOLUNTEER_VIEW,
    "/api/round-tables": access.ROUNDTABLE_VIEW,
    "/api/follow-ups": access.ROUNDTABLE_VIEW,
    "/api/interpreters": access.INTERPRETING_VIEW,
    "/api/interpreter-bookings": access.INTERPRETING_VIEW,
    "/api/interpreting": access.INTERPRETING_VIEW,
    "/api/referrals": access.REFERRAL_VIEW,
    "/api/interface-descriptions": access.REFERRAL_VIEW,
    "/api/community": access.COMMUNITY_VIEW,
    # citizens' questions (CIT-1): the caseworker's (question.view)
    "/api/citizen-questions": access.QUESTION_VIEW,
}
# A referral is seen by the members of its sending and receiving units (and the manager); the
# walk's referral goes from the integration team to the job centre (COO-1): others get a 404
SEEN_BY_ROLES = {
    "/api/referrals/{unit_referral_id}": {
        Role.CASEWORKER,
        Role.INTERPRETER_COORDINATOR,
        Role.JOB_CONSULTANT,
        Role.MANAGER,
    },
}


# Reads that show no citizen's data and need only their own capability, not person.view (the
# administrator reads figures and the strategy but no citizen): aggregates (MI-1, MI-6) and the
# strategy (MI-1)
OWN_NEEDS = {
    # COO-5: the receiving administrator reads the incoming handover's snapshot (no CPR; notes
    # and health only to their readers) without reading any person of its own tenant
    "/api/handovers": access.HANDOVER_VIEW,
    "/api/indicators": access.INSIGHT_VIEW,
    "/api/strategy": access.INSIGHT_VIEW,
    "/api/status-reports": access.INSIGHT_VIEW,
    # retention and erasure (SEC-4): rules, holds (ids only) and runs' counts
    "/api/retention": access.RETENTION_MANAGE,
    # national distribution (NAT-1, NAT-2): the national user's own data, no citizen's
    "/api/national/": access.NATIONAL_VIEW,
    # the surveys' aggregated results (CIT-2): managers, administrators, caseworkers
    "/api/surveys/results": access.SURVEY_RESULTS,
}


def _needs(template: str) -> list[str]:
    """person.view and the capability of the longest prefix of ``template`` in NEEDS."""
    own = [prefix for prefix in OWN_NEEDS if template.startswith(prefix)]
    if own:
        return [OWN_NEEDS[own[0]]]
    prefixes = [prefix for prefix in NEEDS if template.startswith(prefix)]
    return [access.PERSON_VIEW] + ([NEEDS[max(prefixes, key=len)]] if prefixes else [])


def _shown(text: str) -> dict[str, str]:
    cpr = FULL if any(f in text for f in FULL_FORMS) else MASKED if MASKED_FORM in text else HIDDEN
    return {
        CPR: cpr,
        NOTES: FULL if MARKER in text else HIDDEN,
        HEALTH: FULL if HEALTH_MARKER in text else HIDDEN,
    }


@pytest.fixture
def ids(household, staff, housing_ids):
    household.units.set(Unit.objects.filter(municipality=household.municipality))
    amal = household.members.get(first_name="Amal")
    people_services.person_update(
        person=amal, acting_user=staff["caseworker"], expected_version=amal.version, cpr=CPR_NUMBER
    )
    people_services.note_add(case=amal.case, acting_user=staff["caseworker"], text=MARKER)
    return {
        **housing_ids,
        "household_id": household.pk,
        "person_id": amal.pk,
        "case_id": amal.case.pk,
    }


def test_every_write_operation_is_accounted_for(contract):
    # REQ: SEC-2
    operations = set(contract.operations())
    writes = {op for op in operations if op[0] != "GET"}
    assert writes == set(WRITES), "a new write: list it in WRITES with what it returns"
    assert {("GET", path) for path in SHOWS} <= operations, "a listed read no longer exists"


@pytest.mark.parametrize("role", Role.values)
def test_every_api_read_returns_cpr_and_notes_exactly_as_the_policy_says(
    role, api_as, contract, ids, staff
):
    # REQ: SEC-2
    user = staff[role]
    client = api_as(user)
    reads = [template for method, template in contract.operations() if method == "GET"]
    assert len(reads) >= 7
    for template in reads:
        path = re.sub(r"\{([^}]+)\}", lambda m: str(ids[m.group(1)]), template)
        response = client.get(path)  # validated against the OpenAPI schema
        may = all(access.can(user, c) for c in _needs(template)) and (
            NOTES not in SHOWS.get(template, {}) or fields.can_read_notes(user)
        )
        seen = role in SEEN_BY_ROLES.get(template, {role})
        assert response.status_code == (200 if may and seen else 404 if may else 403), (role, path)
        may = may and seen
        caps = SHOWS.get(template, {})
        expected = {
            field: fields.capped(user, field, caps.get(field, HIDDEN)) if may else HIDDEN
            for field in (CPR, NOTES, HEALTH)
        }
        shown = _shown(response.content.decode())
        assert shown == expected, f"{role} GET {path}: shows {shown}, policy {expected}"


def test_the_interpreter_coordinator_gets_no_cpr_and_no_notes(api_as, ids, staff):
    # REQ: SEC-2
    client = api_as(staff["interpreter_coordinator"])
    person = client.get(f"/api/persons/{ids['person_id']}").json()
    assert person["cpr"] is None and person["cpr_masked"] is None
    assert person["first_name"] == "Amal"  # the rest of the record is there
    notes = client.get(f"/api/cases/{ids['case_id']}/notes")
    assert notes.status_code == 403 and MARKER not in notes.content.decode()


def test_the_volunteer_coordinator_gets_no_notes(api_as, ids, staff):
    # REQ: SEC-2
    client = api_as(staff["volunteer_coordinator"])
    notes = client.get(f"/api/cases/{ids['case_id']}/notes")
    assert notes.status_code == 403 and MARKER not in notes.content.decode()


def test_the_caseworker_gets_the_full_cpr_and_the_notes(api_as, ids, staff):
    # REQ: SEC-2
    client = api_as(staff["caseworker"])
    person = client.get(f"/api/persons/{ids['person_id']}").json()
    assert person["cpr"] == CPR_NUMBER and person["cpr_masked"] == MASKED_FORM
    notes = client.get(f"/api/cases/{ids['case_id']}/notes").json()
    assert [note["text"] for note in notes["items"]] == [MARKER]


def test_the_housing_officer_gets_the_masked_cpr(api_as, ids, staff):
    # REQ: SEC-2
    client = api_as(staff["housing_officer"])
    person = client.get(f"/api/persons/{ids['person_id']}").json()
    assert person["cpr"] == MASKED_FORM
    members = client.get(f"/api/households/{ids['household_id']}").json()["members"]
    assert {m["cpr_masked"] for m in members} == {MASKED_FORM, ""}


def test_a_masked_role_cannot_learn_the_last_four_digits_by_searching(api_as, ids, staff):
    # REQ: SEC-2
    def found(user: Any, q: str) -> list[int]:
        return [p["id"] for p in api_as(user).get("/api/persons", q=q).json()["items"]]

    amal = [ids["person_id"]]
    assert found(staff["caseworker"], CPR_NUMBER) == amal
    assert found(staff["caseworker"], "1403889999") == []  # a full role: every digit counts
    for role in ("housing_officer", "manager"):  # the birth date part only: right = wrong
        assert found(staff[role], CPR_NUMBER) == found(staff[role], "1403889999") == amal
    for role in ("interpreter_coordinator", "volunteer_coordinator"):
        assert found(staff[role], CPR_NUMBER) == found(staff[role], "140388") == []
        assert found(staff[role], "Amal") == amal
