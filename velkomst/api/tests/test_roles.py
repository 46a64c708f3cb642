"""SEC-2: each role may call the routes its work needs, and gets 403 on the others.

The household is linked to every unit of the municipality, so what is tested here is the role's
capability, not whether its unit works with the household (that is test_units_decide_...).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from velkomst.core.models import Role, StaffUser, Unit
from velkomst.people.models import Case, Household, Person

# the municipality's roles; the immigration service's national user (outside every
# municipality) gets 403 on every municipality route and 2xx only on /api/national/...
ALL = set(Role.values) - {Role.NATIONAL}
READERS = ALL - {Role.ADMINISTRATOR}

# Who gets a 2xx on each route (everyone else: 403). Written out, not derived from access.py.
SUCCEEDS: dict[tuple[str, str], set[str]] = {
    ("GET", "/api/households"): READERS,
    ("GET", "/api/households/{household_id}"): READERS,
    ("POST", "/api/households"): {Role.CASEWORKER},
    ("PATCH", "/api/households/{household_id}"): {Role.CASEWORKER, Role.FAMILY_CONSULTANT},
    ("GET", "/api/persons"): READERS,
    ("GET", "/api/persons/{person_id}"): READERS,
    ("PATCH", "/api/persons/{person_id}"): {Role.CASEWORKER, Role.FAMILY_CONSULTANT},
    ("GET", "/api/cases"): READERS,
    ("GET", "/api/cases/{case_id}"): READERS,
    ("POST", "/api/cases/{case_id}/phase"): {Role.CASEWORKER},
    ("POST", "/api/cases/{case_id}/caseworker"): {Role.CASEWORKER, Role.MANAGER},
    # journal notes: the case's own roles only, never volunteer, interpreter or housing (SEC-2)
    ("GET", "/api/cases/{case_id}/notes"): {
        Role.CASEWORKER,
        Role.JOB_CONSULTANT,
        Role.FAMILY_CONSULTANT,
        Role.HEALTH_COORDINATOR,
        Role.MANAGER,
    },
    ("POST", "/api/cases/{case_id}/notes"): {
        Role.CASEWORKER,
        Role.JOB_CONSULTANT,
        Role.FAMILY_CONSULTANT,
        Role.HEALTH_COORDINATOR,
    },
}
# housing, hosts, associations (housing.view / housing.edit) and neighbour reports
# (neighbour.view), as on the pages
HOUSING_READERS: set[str] = {Role.CASEWORKER, Role.HOUSING_OFFICER, Role.MANAGER}
HOUSING_WRITERS: set[str] = {Role.HOUSING_OFFICER}
for _template in (
    "/api/areas",
    "/api/areas/{area_id}",
    "/api/dwellings",
    "/api/dwellings/{dwelling_id}",
    "/api/households/{household_id}/housing-need",
    "/api/households/{household_id}/placements",
    "/api/placement-runs",
    "/api/placement-runs/{run_id}",
    "/api/placement-runs/{run_id}/suggestions",
    "/api/hosts",
    "/api/hosts/{host_id}",
    "/api/host-offers/{offer_id}",
    "/api/host-offers/{offer_id}/meetings",
    "/api/host-meetings/{host_meeting_id}",
    "/api/associations",
    "/api/associations/{association_id}",
    "/api/allocation-meetings",
    "/api/allocation-meetings/{meeting_id}",
    "/api/neighbour-reports",
    "/api/neighbour-reports/{report_id}",
):
    SUCCEEDS[("GET", _template)] = HOUSING_READERS
# health data (health.view); barriers and coordinated plans: the plans' teams (programme.view)
SUCCEEDS[("GET", "/api/persons/{person_id}/health")] = {Role.HEALTH_COORDINATOR}
PLAN_TEAMS: set[str] = {
    Role.CASEWORKER,
    Role.JOB_CONSULTANT,
    Role.FAMILY_CONSULTANT,
    Role.HEALTH_COORDINATOR,
    Role.MANAGER,
}
for _template in (
    "/api/persons/{person_id}/barriers",
    "/api/coordinations",
    "/api/coordinations/{coordination_id}",
):
    SUCCEEDS[("GET", _template)] = PLAN_TEAMS
SUCCEEDS[("POST", "/api/dwellings")] = HOUSING_WRITERS
for _method, _template in (
    ("POST", "/api/areas"),
    ("PATCH", "/api/areas/{area_id}"),
    ("POST", "/api/hosts"),
    ("PATCH", "/api/hosts/{host_id}"),
    ("POST", "/api/hosts/{host_id}/offers"),
    ("PATCH", "/api/host-offers/{offer_id}"),
    ("POST", "/api/host-offers/{offer_id}/meetings"),
    ("POST", "/api/host-meetings/{host_meeting_id}/decision"),
    ("PUT", "/api/associations/{association_id}/move-outs"),
    ("POST", "/api/allocation-meetings/{meeting_id}/recompute"),
    ("POST", "/api/allocation-meetings"),
    ("PATCH", "/api/allocation-meetings/{meeting_id}"),
    ("POST", "/api/allocation-lines/{line_id}/move"),
    ("POST", "/api/allocation-lines/{line_id}/outcome"),
    # neighbour.handle: the housing officers, as on the pages
    ("POST", "/api/neighbour-reports"),
    ("POST", "/api/neighbour-reports/{report_id}/owner"),
    ("POST", "/api/neighbour-reports/{report_id}/events"),
    ("POST", "/api/neighbour-reports/{report_id}/link"),
    ("POST", "/api/neighbour-reports/{report_id}/close"),
    ("GET", "/api/report-channels"),
    ("POST", "/api/report-channels"),
    ("PATCH", "/api/report-channels/{channel_id}"),
    ("POST", "/api/report-channels/{channel_id}/renew"),
):
    SUCCEEDS[(_method, _template)] = HOUSING_WRITERS
SUCCEEDS[("PATCH", "/api/dwellings/{dwelling_id}")] = HOUSING_WRITERS
SUCCEEDS[("PUT", "/api/households/{household_id}/housing-need")] = HOUSING_WRITERS
for _template in (
    "/api/households/{household_id}/placements/end",
    "/api/placement-runs",
    "/api/placement-suggestions/{suggestion_id}/accept",
    "/api/placement-suggestions/{suggestion_id}/reject",
):
    SUCCEEDS[("POST", _template)] = HOUSING_WRITERS
# companies, openings, proposals and events (company.view / company.edit), as on the pages
COMPANY_READERS: set[str] = {Role.CASEWORKER, Role.JOB_CONSULTANT, Role.MANAGER}
COMPANY_WRITERS: set[str] = {Role.JOB_CONSULTANT}
for _template in (
    "/api/companies",
    "/api/companies/{company_id}",
    "/api/companies/{company_id}/contacts",
    "/api/companies/{company_id}/agreements",
    "/api/openings",
    "/api/openings/{opening_id}",
    "/api/job-proposals",
    "/api/job-proposals/{proposal_id}",
    "/api/job-events",
    "/api/job-events/{job_event_id}",
):
    SUCCEEDS[("GET", _template)] = COMPANY_READERS
for _method, _template in (
    ("POST", "/api/companies"),
    ("PATCH", "/api/companies/{company_id}"),
    ("POST", "/api/companies/{company_id}/contacts"),
    ("POST", "/api/companies/{company_id}/agreements"),
    ("POST", "/api/openings"),
    ("PATCH", "/api/openings/{opening_id}"),
    ("POST", "/api/job-proposals"),
    ("POST", "/api/job-proposals/{proposal_id}/answer"),
    ("POST", "/api/job-proposals/{proposal_id}/result"),
    ("POST", "/api/job-events"),
    ("POST", "/api/job-events/{job_event_id}/invitations"),
    ("POST", "/api/job-events/{job_event_id}/meetings"),
):
    SUCCEEDS[(_method, _template)] = COMPANY_WRITERS
# Danish education (PRG-2): programme.view reads, programme.edit writes, as on the pages;
# outcomes (PRG-7): read with programme.view, written with programme.edit; grants with grants.view
# a person's competences (programme.view / programme.edit), as on the pages (PRG-3)
# the integration programme (programme.view / programme.edit), as on the pages
PROGRAMME_READERS: set[str] = {
    Role.CASEWORKER,
    Role.JOB_CONSULTANT,
    Role.FAMILY_CONSULTANT,
    Role.HEALTH_COORDINATOR,
    Role.MANAGER,
}
PROGRAMME_WRITERS: set[str] = {Role.CASEWORKER, Role.JOB_CONSULTANT}
for _template in (
    "/api/language-centres",
    "/api/language-centres/{centre_id}",
    "/api/danish-referrals",
    "/api/danish-referrals/{referral_id}",
    "/api/danish-exams",
    "/api/danish-exams/{exam_id}",
):
    SUCCEEDS[("GET", _template)] = PROGRAMME_READERS
for _method, _template in (
    ("POST", "/api/language-centres"),
    ("PATCH", "/api/language-centres/{centre_id}"),
    ("POST", "/api/danish-referrals"),
    ("PATCH", "/api/danish-referrals/{referral_id}"),
    ("POST", "/api/danish-referrals/{referral_id}/modules"),
    ("PATCH", "/api/danish-modules/{module_id}"),
    ("POST", "/api/danish-referrals/{referral_id}/attendance"),
    ("PATCH", "/api/danish-attendance/{attendance_id}"),
    ("POST", "/api/danish-exams"),
    ("PATCH", "/api/danish-exams/{exam_id}"),
):
    SUCCEEDS[(_method, _template)] = PROGRAMME_WRITERS
SUCCEEDS[("GET", "/api/persons/{person_id}/outcomes")] = PROGRAMME_READERS
SUCCEEDS[("GET", "/api/result-grants")] = {Role.CASEWORKER, Role.JOB_CONSULTANT, Role.MANAGER}
for _method, _template in (
    ("POST", "/api/persons/{person_id}/employments"),
    ("PATCH", "/api/employments/{employment_id}"),
    ("POST", "/api/persons/{person_id}/educations"),
    ("PATCH", "/api/education-outcomes/{education_id}"),
    ("POST", "/api/persons/{person_id}/benefit-periods"),
    ("PATCH", "/api/benefit-periods/{period_id}"),
    ("PUT", "/api/persons/{person_id}/self-supporting"),
):
    SUCCEEDS[(_method, _template)] = PROGRAMME_WRITERS
SUCCEEDS[("GET", "/api/persons/{person_id}/competences")] = PROGRAMME_READERS
SUCCEEDS[("POST", "/api/persons/{person_id}/competences/items")] = PROGRAMME_WRITERS
SUCCEEDS[("POST", "/api/persons/{person_id}/competences/remove")] = PROGRAMME_WRITERS
SUCCEEDS[("PUT", "/api/persons/{person_id}/competences/profile")] = PROGRAMME_WRITERS
for _template in (
    "/api/persons/{person_id}/plan",
    "/api/persons/{person_id}/plan/activities",
    "/api/persons/{person_id}/plan/goals",
    "/api/activities/{activity_id}",
    "/api/persons/{person_id}/contract",
):
    SUCCEEDS[("GET", _template)] = PROGRAMME_READERS
for _route in (
    ("PUT", "/api/persons/{person_id}/plan/direction"),
    ("POST", "/api/persons/{person_id}/plan/activities"),
    ("PATCH", "/api/activities/{activity_id}"),
    ("POST", "/api/persons/{person_id}/plan/goals"),
    ("PATCH", "/api/goals/{goal_id}"),
    ("PUT", "/api/persons/{person_id}/contract"),
):
    SUCCEEDS[_route] = PROGRAMME_WRITERS
# matching (company.view / company.edit), as on the pages (PRG-4)
for _template in (
    "/api/matching/openings/{opening_id}/persons",
    "/api/matching/persons/{person_id}/openings",
    "/api/matching-runs",
    "/api/matching-runs/{matching_run_id}",
    "/api/matching-runs/{matching_run_id}/suggestions",
):
    SUCCEEDS[("GET", _template)] = COMPANY_READERS
SUCCEEDS[("POST", "/api/matching-runs")] = {Role.JOB_CONSULTANT}
# round tables (roundtable.view / roundtable.edit), as on the pages (COO-3); a follow-up is
# marked done by one who holds round tables (or its owner, the caseworker here)
ROUNDTABLE_READERS: set[str] = PLAN_TEAMS | {Role.HOUSING_OFFICER}
ROUNDTABLE_WRITERS: set[str] = PLAN_TEAMS - {Role.MANAGER}
for _template in ("/api/round-tables", "/api/round-tables/{round_table_id}", "/api/follow-ups"):
    SUCCEEDS[("GET", _template)] = ROUNDTABLE_READERS
for _template in (
    "/api/round-tables",
    "/api/round-tables/{round_table_id}/participants",
    "/api/round-tables/{round_table_id}/agenda",
    "/api/round-tables/{round_table_id}/decisions",
    "/api/round-tables/{round_table_id}/follow-ups",
    "/api/round-tables/{round_table_id}/minutes-sent",
    "/api/follow-ups/{follow_up_id}/done",
):
    SUCCEEDS[("POST", _template)] = ROUNDTABLE_WRITERS
# volunteer matching (pairing.view / pairing.edit), as on the pages (CIV-2)
PAIRING_READERS: set[str] = {Role.CASEWORKER, Role.VOLUNTEER_COORDINATOR, Role.MANAGER}
for _template in (
    "/api/households/{household_id}/volunteer-suggestions",
    "/api/volunteer-matches",
    "/api/volunteer-matches/{match_id}",
):
    SUCCEEDS[("GET", _template)] = PAIRING_READERS
SUCCEEDS[("POST", "/api/volunteer-matches")] = {Role.VOLUNTEER_COORDINATOR}
SUCCEEDS[("POST", "/api/volunteer-matches/{match_id}/steps")] = {Role.VOLUNTEER_COORDINATOR}
# the resource bank (volunteer.view / volunteer.edit), as on the pages (CIV-1)
VOLUNTEER_READERS: set[str] = {Role.VOLUNTEER_COORDINATOR, Role.MANAGER}
for _template in (
    "/api/volunteers",
    "/api/volunteers/{volunteer_id}",
    "/api/volunteer-offers/{volunteer_offer_id}",
):
    SUCCEEDS[("GET", _template)] = VOLUNTEER_READERS
for _route in (
    ("POST", "/api/volunteers/{volunteer_id}/decision"),
    ("POST", "/api/volunteers/{volunteer_id}/offers"),
    ("PATCH", "/api/volunteer-offers/{volunteer_offer_id}"),
):
    SUCCEEDS[_route] = {Role.VOLUNTEER_COORDINATOR}
# events and associations (CIV-4, CIV-5, CHI-4): community.view reads; the volunteer coordinator
# runs events and associations (community.edit); caseworkers and family consultants invite their
# citizens and record participation (community.invite, participation.edit), as on the pages
COMMUNITY_READERS: set[str] = {
    Role.CASEWORKER,
    Role.FAMILY_CONSULTANT,
    Role.VOLUNTEER_COORDINATOR,
    Role.MANAGER,
}
COMMUNITY_INVITERS: set[str] = {Role.CASEWORKER, Role.FAMILY_CONSULTANT, Role.VOLUNTEER_COORDINATOR}
for _template in (
    "/api/community/events",
    "/api/community/events/{community_event_id}",
    "/api/community/associations",
    "/api/community/associations/{community_association_id}",
    "/api/community/participations",
    "/api/community/participation-counts",
):
    SUCCEEDS[("GET", _template)] = COMMUNITY_READERS
for _route in (
    ("POST", "/api/community/events"),
    ("PATCH", "/api/community/events/{community_event_id}"),
    ("PATCH", "/api/community/invitations/{community_invitation_id}"),
    ("POST", "/api/community/associations"),
    ("POST", "/api/community/associations/{community_association_id}/activities"),
    ("POST", "/api/community/associations/{community_association_id}/free-memberships"),
):
    SUCCEEDS[_route] = {Role.VOLUNTEER_COORDINATOR}
for _route in (
    ("POST", "/api/community/events/{community_event_id}/invitations"),
    ("POST", "/api/community/participations"),
    ("PATCH", "/api/community/participations/{community_participation_id}"),
):
    SUCCEEDS[_route] = COMMUNITY_INVITERS
# the strategy (MI-1): insight.view, the managers and the administrator, who edits it; it holds
# no citizen's data, so the administrator's lack of person.view does not matter
for _template in (
    "/api/strategy",
    "/api/strategy/versions",
    "/api/strategy/versions/{strategy_version_id}",
    "/api/strategy/hand-figures",
):
    SUCCEEDS[("GET", _template)] = {Role.MANAGER, Role.ADMINISTRATOR}
# retention and erasure (SEC-4): the administrator's alone (rules, holds, runs; no citizen's data)
for _route in (
    ("GET", "/api/retention/rules"),
    ("GET", "/api/retention/rule-sets"),
    ("POST", "/api/retention/rule-sets"),
    ("GET", "/api/retention/holds"),
    ("POST", "/api/retention/holds"),
    ("POST", "/api/retention/holds/{legal_hold_id}/lift"),
    ("GET", "/api/retention/runs"),
    ("POST", "/api/retention/runs"),
    ("GET", "/api/retention/runs/{retention_run_id}"),
    ("POST", "/api/retention/runs/{retention_run_id}/approve"),
):
    SUCCEEDS[_route] = {Role.ADMINISTRATOR}
# consents (COO-4): read by every role that sees the person, recorded and withdrawn by the roles
# that work with the citizen (health consents: the health roles)
for _template in (
    "/api/persons/{person_id}/consents",
    "/api/persons/{person_id}/consents/check",
    "/api/persons/{person_id}/disclosures",
):
    SUCCEEDS[("GET", _template)] = READERS
CONSENT_WRITERS: set[str] = {
    Role.CASEWORKER,
    Role.JOB_CONSULTANT,
    Role.FAMILY_CONSULTANT,
    Role.HEALTH_COORDINATOR,
    Role.VOLUNTEER_COORDINATOR,
}
SUCCEEDS[("POST", "/api/persons/{person_id}/consents")] = CONSENT_WRITERS
SUCCEEDS[("POST", "/api/consents/{consent_id}/withdraw")] = CONSENT_WRITERS
# referrals (referral.view / referral.send, and membership of the receiving unit to answer:
# each role answers a referral sent to its own unit), concerns (concern.record), COO-1, CIV-3
for _template in (
    "/api/referrals/inbox",
    "/api/referrals/outbox",
    "/api/referrals/{unit_referral_id}",
    "/api/interface-descriptions",
):
    SUCCEEDS[("GET", _template)] = READERS
REFERRAL_SENDERS: set[str] = READERS - {Role.MANAGER}
for _template in (
    "/api/referrals",
    "/api/referrals/{unit_referral_id}/accept",
    "/api/referrals/{unit_referral_id}/return",
    "/api/referrals/{unit_referral_id}/done",
):
    SUCCEEDS[("POST", _template)] = REFERRAL_SENDERS
SUCCEEDS[("POST", "/api/concerns")] = {
    Role.CASEWORKER,
    Role.FAMILY_CONSULTANT,
    Role.VOLUNTEER_COORDINATOR,
}
# health writes (health.edit: the health coordinator), barriers (a health barrier only by the
# health coordinator, the others by the plan's writers too) and coordinated plans (plan.edit or
# health.edit, or the plan's coordinator) (HEA-1, HEA-2, PRG-6)
HEALTH_WRITERS: set[str] = {Role.HEALTH_COORDINATOR}
COORDINATION_WRITERS: set[str] = {Role.CASEWORKER, Role.FAMILY_CONSULTANT, Role.HEALTH_COORDINATOR}
for _route in (
    ("POST", "/api/persons/{person_id}/health/offers"),
    ("POST", "/api/health-offers/{health_offer_id}/answer"),
    ("POST", "/api/persons/{person_id}/health/assessments"),
    ("PATCH", "/api/health-assessments/{assessment_id}"),
    ("POST", "/api/persons/{person_id}/health/referrals"),
    ("PATCH", "/api/health-referrals/{health_referral_id}"),
    ("PATCH", "/api/barriers/{barrier_id}"),  # the world's barrier is a health barrier
):
    SUCCEEDS[_route] = HEALTH_WRITERS
SUCCEEDS[("POST", "/api/persons/{person_id}/barriers")] = {  # a transport barrier
    Role.CASEWORKER,
    Role.JOB_CONSULTANT,
    Role.HEALTH_COORDINATOR,
}
for _route in (
    ("POST", "/api/coordinations"),
    ("PATCH", "/api/coordinations/{coordination_id}"),
    ("POST", "/api/coordinations/{coordination_id}/measures"),
    ("PATCH", "/api/coordinated-measures/{measure_id}"),
):
    SUCCEEDS[_route] = COORDINATION_WRITERS
# support measures on the plan (programme.view / programme.edit)
SUCCEEDS[("GET", "/api/persons/{person_id}/plan/supports")] = PROGRAMME_READERS
SUCCEEDS[("GET", "/api/supports/{support_id}")] = PROGRAMME_READERS
for _route in (
    ("POST", "/api/persons/{person_id}/plan/supports"),
    ("PATCH", "/api/supports/{support_id}"),
    ("POST", "/api/supports/{support_id}/end"),
):
    SUCCEEDS[_route] = PROGRAMME_WRITERS
# a company's contact persons and agreements (company.edit)
SUCCEEDS[("PATCH", "/api/company-contacts/{contact_id}")] = COMPANY_WRITERS
SUCCEEDS[("PATCH", "/api/company-agreements/{agreement_id}")] = COMPANY_WRITERS
# result grant claims (PRG-7): read with grants.view, claimed with grants.claim
GRANT_READERS: set[str] = {Role.CASEWORKER, Role.JOB_CONSULTANT, Role.MANAGER}
SUCCEEDS[("GET", "/api/result-grant-claims")] = GRANT_READERS
SUCCEEDS[("GET", "/api/result-grant-claims/{claim_id}")] = GRANT_READERS
SUCCEEDS[("POST", "/api/result-grant-claims")] = {Role.CASEWORKER, Role.MANAGER}
SUCCEEDS[("PATCH", "/api/result-grant-claims/{claim_id}")] = {Role.CASEWORKER, Role.MANAGER}
# interpreting (INT-1): interpreting.view reads, caseworkers request, the coordinator books
INTERPRETING_READERS: set[str] = {Role.CASEWORKER, Role.INTERPRETER_COORDINATOR, Role.MANAGER}
for _template in (
    "/api/interpreters",
    "/api/interpreters/{interpreter_id}",
    "/api/interpreter-bookings",
    "/api/interpreter-bookings/{booking_id}",
    "/api/interpreting/video-share",
):
    SUCCEEDS[("GET", _template)] = INTERPRETING_READERS
SUCCEEDS[("POST", "/api/interpreter-bookings")] = {Role.CASEWORKER, Role.INTERPRETER_COORDINATOR}
for _route in (
    ("POST", "/api/interpreters"),
    ("PATCH", "/api/interpreters/{interpreter_id}"),
    ("PATCH", "/api/interpreter-bookings/{booking_id}"),
    ("POST", "/api/interpreter-bookings/{booking_id}/cancel"),
):
    SUCCEEDS[_route] = {Role.INTERPRETER_COORDINATOR}
# handovers when a household moves (COO-5): handover.view reads (caseworker, administrator); the
# caseworker sends; only the receiving municipality's administrator answers, and the walk's
# handover was sent by this municipality, so nobody here may accept or return it
for _template in ("/api/handovers", "/api/handovers/{handover_id}"):
    SUCCEEDS[("GET", _template)] = {Role.CASEWORKER, Role.ADMINISTRATOR}
SUCCEEDS[("POST", "/api/handovers")] = {Role.CASEWORKER}
SUCCEEDS[("POST", "/api/handovers/{handover_id}/accept")] = set()
SUCCEEDS[("POST", "/api/handovers/{handover_id}/return")] = set()
# finished status reports (MI-3): insight.view, managers and administrators
for _template in (
    "/api/status-reports",
    "/api/status-reports/{status_report_id}",
    "/api/status-reports/{status_report_id}/{kind}",
):
    SUCCEEDS[("GET", _template)] = {Role.MANAGER, Role.ADMINISTRATOR}
# the indicator library and its figures (MI-1, MI-6): insight.view, managers and administrators
# (the administrator sees no person, but figures are aggregates)
for _template in ("/api/indicators", "/api/indicators/{key}/figure"):
    SUCCEEDS[("GET", _template)] = {Role.MANAGER, Role.ADMINISTRATOR}
# national distribution (NAT-1, NAT-2): the national user only
for _template in (
    "/api/national/tables",
    "/api/national/tables/{national_table_id}",
    "/api/national/quota-plans",
    "/api/national/quota-plans/{quota_plan_id}",
    "/api/national/models",
    "/api/national/models/{national_model_id}",
    "/api/national/runs",
    "/api/national/runs/{national_run_id}",
    "/api/national/runs/{national_run_id}/suggestions",
):
    SUCCEEDS[("GET", _template)] = {Role.NATIONAL}
SUCCEEDS[("POST", "/api/national/suggestions/{national_suggestion_id}/decision")] = {Role.NATIONAL}
# surveys (CIT-2): definitions and invitations read by everyone who sees the citizens; the
# caseworker types in answers and declines; results for managers, administrators, caseworkers
SUCCEEDS[("GET", "/api/surveys/definitions")] = READERS
SUCCEEDS[("GET", "/api/surveys/invitations")] = READERS
SUCCEEDS[("POST", "/api/surveys/invitations/{invitation_id}/answers")] = {Role.CASEWORKER}
SUCCEEDS[("POST", "/api/surveys/invitations/{invitation_id}/decline")] = {Role.CASEWORKER}
SUCCEEDS[("GET", "/api/surveys/results")] = {Role.CASEWORKER, Role.MANAGER, Role.ADMINISTRATOR}
# citizens' questions (CIT-1): the caseworker reads and answers them
SUCCEEDS[("GET", "/api/citizen-questions")] = {Role.CASEWORKER}
SUCCEEDS[("GET", "/api/citizen-questions/{question_id}")] = {Role.CASEWORKER}
SUCCEEDS[("POST", "/api/citizen-questions/{question_id}/answer")] = {Role.CASEWORKER}
# a route whose path id is not the usual one: reject the other household's suggestion, so that
# accepting one and rejecting the other both succeed in one walk
PATH_IDS = {
    # recompute the next month's draft: this month's has outcomes recorded in the walk
    "/api/allocation-meetings/{meeting_id}/recompute": {"meeting_id": "next_meeting_id"},
    # each answer on its own referral to the role's unit (an answered one is answered)
    "/api/referrals/{unit_referral_id}/return": {"unit_referral_id": "return_referral_id"},
    "/api/referrals/{unit_referral_id}/done": {"unit_referral_id": "done_referral_id"},
    "/api/placement-suggestions/{suggestion_id}/reject": {"suggestion_id": "other_suggestion_id"},
    # the result is recorded on the other proposal, so that answering one stays possible
    "/api/job-proposals/{proposal_id}/result": {"proposal_id": "other_proposal_id"},
    # the decline on another invitation than the one answered
    "/api/surveys/invitations/{invitation_id}/decline": {"invitation_id": "decline_invitation_id"},
}


def path_of(template: str, ids: dict[str, Any]) -> str:
    names = PATH_IDS.get(template, {})
    return re.sub(r"\{([^}]+)\}", lambda m: str(ids[names.get(m.group(1), m.group(1))]), template)


def _body(method: str, template: str, ids: dict[str, Any]) -> Any:
    """A valid body for the route, with the current version of the object it changes."""
    if method == "GET":
        return None
    from velkomst.associations.models import AllocationLine, AllocationMeeting
    from velkomst.companies.models import Company, Opening, Proposal
    from velkomst.danish.models import (
        DanishExam,
        DanishReferral,
        LanguageCentre,
        ModuleProgress,
        MonthlyAttendance,
    )
    from velkomst.hosts.models import Host, HostOffer
    from velkomst.housing.models import Area, Dwelling, HousingNeed, PlacementSuggestion
    from velkomst.neighbours.models import NeighbourReport, ReportChannel
    from velkomst.outcomes.models import (
        BenefitPeriod,
        EducationOutcome,
        Employment,
        SelfSupporting,
    )
    from velkomst.volunteers.models import Offer as VolunteerOffer
    from velkomst.volunteers.models import Volunteer

    def version(model: Any, key: str) -> int:
        return int(model.objects.get(pk=ids[key]).version)

    household = Household.objects.get(pk=ids["household_id"])
    person = Person.objects.get(pk=ids["person_id"])
    case = Case.objects.get(pk=ids["case_id"])
    from velkomst.consent.models import Consent
    from velkomst.hosts.models import Meeting as HostMeeting
    from velkomst.interpreting.models import Booking, Interpreter
    from velkomst.programme.models import Activity, IntegrationContract, IntegrationPlan, PlanGoal

    bodies = {
        ("POST", "/api/retention/rule-sets"): {
            "effective_from": "2027-01-01",
            "rules": [
                {"kind": kind, "months": 60, "event": "created", "action": "keep"}
                for kind in (
                    "case",
                    "person",
                    "journal_note",
                    "document",
                    "audit_entry",
                    "housing_history",
                    "survey_answer",
                    "public_report",
                )
            ],
        },
        ("POST", "/api/retention/holds"): {"case_id": ids["case_id"], "reason": "Retssag"},
        ("POST", "/api/retention/holds/{legal_hold_id}/lift"): {"reason": "Afgjort"},
        ("POST", "/api/retention/runs"): None,
        ("POST", "/api/retention/runs/{retention_run_id}/approve"): None,
        ("POST", "/api/host-offers/{offer_id}/meetings"): {
            "household_id": ids["single_household_id"],
            "meeting_at": "2026-06-21T10:00:00+02:00",
            "place": "Hos værten",
        },
        ("POST", "/api/host-meetings/{host_meeting_id}/decision"): {
            "version": version(HostMeeting, "host_meeting_id"),
            "host_decision": "yes",
            "household_decision": "pending",
        },
        ("POST", "/api/allocation-meetings/{meeting_id}/recompute"): {
            "version": version(AllocationMeeting, "next_meeting_id"),
        },
        ("POST", "/api/report-channels"): {"name": "Bolig Nord", "kind": "housing_association"},
        ("PATCH", "/api/report-channels/{channel_id}"): {
            "version": version(ReportChannel, "channel_id"),
            "name": "Bolig Syd",
        },
        ("POST", "/api/report-channels/{channel_id}/renew"): {
            "version": version(ReportChannel, "channel_id"),
        },
        ("POST", "/api/persons/{person_id}/consents"): {
            "purposes": ["contact.association"],
            "given_on": "2026-07-20",
        },
        ("POST", "/api/consents/{consent_id}/withdraw"): {
            "version": Consent.objects.get(pk=ids["consent_id"]).version,
        },
        ("POST", "/api/surveys/invitations/{invitation_id}/answers"): {
            "version": 1,
            "answers": {"welcome": "4", "contact_danes": "yes"},
        },
        ("POST", "/api/surveys/invitations/{invitation_id}/decline"): {"version": 1},
        ("POST", "/api/citizen-questions/{question_id}/answer"): {
            "version": 1,
            "answer": "Det kommer i næste uge.",
        },
        # the second waiting household moves to Sønderborg (the walk's handover's receiver)
        ("POST", "/api/handovers"): {
            "household_id": ids["single_household_id"],
            "receiving": "540",
            "new_address": "Perlegade 2, 6400 Sønderborg",
            "moving_date": "2026-09-01",
        },
        ("POST", "/api/handovers/{handover_id}/accept"): {
            "version": 1,
            "caseworker_id": ids["second_caseworker_id"],
        },
        ("POST", "/api/handovers/{handover_id}/return"): {"version": 1, "reason": "Ikke flyttet"},
        ("POST", "/api/interpreters"): {
            "name": "Tolkebureauet Nord",
            "kind": "agency",
            "languages": ["tir", "prs"],
            "modes": ["phone", "video"],
            "email": "nord@tolk.dk",
            "price_basis": "fixed",
            "price": "900",
        },
        ("PATCH", "/api/interpreters/{interpreter_id}"): {
            "version": version(Interpreter, "interpreter_id"),
            "phone": "+45 70 10 20 30",
        },
        ("POST", "/api/interpreter-bookings"): {
            "appointment_id": ids["interpreting_appointment_id"],
            "language": "ar",
            "mode": "phone",
            "starts_at": "2026-12-01T09:00:00+01:00",
            "duration_minutes": 30,
        },
        ("PATCH", "/api/interpreter-bookings/{booking_id}"): {
            "version": version(Booking, "booking_id"),
            "note": "Mødested: indgang B",
        },
        ("POST", "/api/interpreter-bookings/{booking_id}/cancel"): {
            "version": version(Booking, "booking_id"),
            "reason": "Mødet er flyttet",
        },
        ("PUT", "/api/persons/{person_id}/plan/direction"): {
            "version": IntegrationPlan.objects.get(person=person).version,
            "direction": "education",
            "reason": "Ønsker uddannelse som tømrer",
        },
        ("POST", "/api/persons/{person_id}/plan/activities"): {
            "category": "danish",
            "kind": "danish_education",
            "start": "2026-08-03",
            "hours_per_week": 10,
            "provider_kind": "language_centre",
            "provider_name": "Sprogcenter Bornholm",
        },
        ("PATCH", "/api/activities/{activity_id}"): {
            "version": Activity.objects.get(pk=ids["activity_id"]).version,
            "end": "2026-10-09",
        },
        ("POST", "/api/persons/{person_id}/plan/goals"): {
            "kind": "job",
            "trade_code": "5120",
            "trade_label": "Kok",
            "target_date": "2027-12-31",
        },
        ("PATCH", "/api/goals/{goal_id}"): {
            "version": PlanGoal.objects.get(pk=ids["goal_id"]).version,
            "target_date": "2027-09-30",
        },
        ("PUT", "/api/persons/{person_id}/contract"): {
            "version": IntegrationContract.objects.get(person=person).version,
            "signed_on": "2026-07-20",
            "signed_by_municipality_on": "2026-07-20",
        },
        ("POST", "/api/households"): {
            "name": "Familien Ahmadi",
            "visitation_date": "2026-05-01",
            "members": [
                {
                    "first_name": "Zahra",
                    "last_name": "Ahmadi",
                    "birth_date": "1995-06-01",
                    "sex": "F",
                    "nationality": "AF",
                    "residence_basis": "quota_refugee",
                    "relation": "head",
                    "languages": [{"language": "prs", "proficiency": "native"}],
                }
            ],
        },
        ("PATCH", "/api/households/{household_id}"): {
            "version": household.version,
            "address": "Storegade 1, 3700 Rønne",
        },
        ("PATCH", "/api/persons/{person_id}"): {"version": person.version, "sex": "X"},
        ("POST", "/api/cases/{case_id}/phase"): {
            "version": case.version,
            "to": "reception",
            "reason": "Ankommet",
        },
        ("POST", "/api/cases/{case_id}/caseworker"): {
            "version": case.version,
            "caseworker_id": ids["second_caseworker_id"],
            "reason": "Ny fordeling",
        },
        ("POST", "/api/cases/{case_id}/notes"): {"text": "Samtale om bolig."},
        ("POST", "/api/households/{household_id}/placements/end"): {
            "end_date": "2026-08-01",
            "end_reason": "moved_away",
        },
        ("POST", "/api/placement-runs"): {"household_ids": [ids["household_id"]]},
        ("POST", "/api/matching-runs"): None,
        ("POST", "/api/dwellings"): {
            "address": "Havnegade 4, 3700 Rønne",
            "area_id": ids["area_id"],
            "type": "permanent",
            "rooms": 2,
            "size_m2": 60,
            "rent": 4800,
            "landlord_kind": "private",
            "available_from": "2026-09-01",
        },
        ("PATCH", "/api/dwellings/{dwelling_id}"): {
            "version": Dwelling.objects.get(pk=ids["dwelling_id"]).version,
            "rent": 5100,
        },
        ("PUT", "/api/households/{household_id}/housing-need"): {
            "version": HousingNeed.objects.get(household_id=ids["household_id"]).version,
            "rooms_needed": 3,
            "max_rent": 9500,
        },
        ("POST", "/api/placement-suggestions/{suggestion_id}/accept"): {
            "version": PlacementSuggestion.objects.get(pk=ids["suggestion_id"]).version,
        },
        ("POST", "/api/placement-suggestions/{suggestion_id}/reject"): {
            "version": PlacementSuggestion.objects.get(pk=ids["other_suggestion_id"]).version,
            "note": "Familien ønsker at blive i Rønne.",
        },
        ("POST", "/api/language-centres"): {"name": "Sprogcenter Nexø"},
        ("PATCH", "/api/language-centres/{centre_id}"): {
            "version": LanguageCentre.objects.get(pk=ids["centre_id"]).version,
            "contact": "Mette Kofoed",
        },
        ("POST", "/api/danish-referrals"): {
            "person_id": household.members.get(first_name="Omar").pk,
            "centre_id": ids["centre_id"],
            "track": "DU1",
            "referred_on": "2026-08-01",
        },
        ("PATCH", "/api/danish-referrals/{referral_id}"): {
            "version": DanishReferral.objects.get(pk=ids["referral_id"]).version,
            "start_on": "2026-08-10",
        },
        ("POST", "/api/danish-referrals/{referral_id}/modules"): {
            "module": 2,
            "started_on": "2026-10-01",
        },
        ("PATCH", "/api/danish-modules/{module_id}"): {
            "version": ModuleProgress.objects.get(pk=ids["module_id"]).version,
            "passed_on": "2026-09-30",
        },
        ("POST", "/api/danish-referrals/{referral_id}/attendance"): {
            "month": "2026-09-01",
            "hours_offered": 40,
            "hours_attended": 20,
        },
        ("PATCH", "/api/danish-attendance/{attendance_id}"): {
            "version": MonthlyAttendance.objects.get(pk=ids["attendance_id"]).version,
            "hours_attended": 35,
        },
        ("POST", "/api/danish-exams"): {
            "person_id": person.pk,
            "exam": "PD1",
            "taken_on": "2026-06-03",
            "result": "failed",
        },
        ("PATCH", "/api/danish-exams/{exam_id}"): {
            "version": DanishExam.objects.get(pk=ids["exam_id"]).version,
            "grade": "10",
        },
        ("POST", "/api/persons/{person_id}/employments"): {
            "employer_name": "Føtex Rønne",
            "cvr": "12345674",
            "start_date": "2026-10-01",
            "end_date": "2026-10-31",
            "hours_per_week": 25,
        },
        ("PATCH", "/api/employments/{employment_id}"): {
            "version": Employment.objects.get(pk=ids["employment_id"]).version,
            "hours_per_week": 32,
        },
        ("POST", "/api/persons/{person_id}/educations"): {
            "institution": "Campus Bornholm",
            "programme": "EUD",
            "started_on": "2027-01-05",
        },
        ("PATCH", "/api/education-outcomes/{education_id}"): {
            "version": EducationOutcome.objects.get(pk=ids["education_id"]).version,
            "qualifying": False,
        },
        ("POST", "/api/persons/{person_id}/benefit-periods"): {
            "benefit": "own_income",
            "from_date": "2026-10-01",
            "to_date": "2026-10-31",
        },
        ("PATCH", "/api/benefit-periods/{period_id}"): {
            "version": BenefitPeriod.objects.get(pk=ids["period_id"]).version,
            "benefit": "overgangsydelse",
        },
        ("PUT", "/api/persons/{person_id}/self-supporting"): {
            "version": getattr(SelfSupporting.objects.filter(person=person).first(), "version", 0),
            "from_date": "2026-11-01",
            "source": "work",
        },
        ("POST", "/api/areas"): {"name": "Aakirkeby", "kind": "town"},
        ("PATCH", "/api/areas/{area_id}"): {
            "version": version(Area, "area_id"),
            "note": "Tæt på skole",
        },
        ("POST", "/api/hosts"): {
            "name": "Jens Holm",
            "address": "Møllevej 3, 3700 Rønne",
            "area_id": ids["area_id"],
        },
        ("PATCH", "/api/hosts/{host_id}"): {
            "version": version(Host, "host_id"),
            "phone": "20304051",
        },
        ("POST", "/api/hosts/{host_id}/offers"): {
            "kind": "room",
            "size_m2": 14,
            "rent": 2500,
            "available_from": "2026-08-01",
            "max_persons": 1,
            "household_types": ["single"],
            "languages": ["en"],
        },
        ("PATCH", "/api/host-offers/{offer_id}"): {
            "version": version(HostOffer, "offer_id"),
            "rent": 4400,
        },
        ("PUT", "/api/associations/{association_id}/move-outs"): {
            "entries": [{"period": "2026-07-01", "move_outs": 3, "version": 0}]
        },
        ("POST", "/api/volunteers/{volunteer_id}/decision"): {
            "version": version(Volunteer, "volunteer_id"),
            "status": "inactive",
            "reason": "Holder pause",
        },
        ("POST", "/api/volunteers/{volunteer_id}/offers"): {
            "kind": "language_cafe",
            "audience": ["adults"],
            "weekdays": [2],
            "languages": ["ar"],
        },
        ("PATCH", "/api/volunteer-offers/{volunteer_offer_id}"): {
            "version": version(VolunteerOffer, "volunteer_offer_id"),
            "capacity": 3,
        },
        ("POST", "/api/allocation-meetings"): {
            "month": "2026-08-01",
            "meeting_date": "2026-07-29",
        },
        ("PATCH", "/api/allocation-meetings/{meeting_id}"): {
            "version": version(AllocationMeeting, "meeting_id"),
            "meeting_date": "2026-06-25",
            "status": "draft",
            "note": "Flyttet en dag",
        },
        ("POST", "/api/allocation-lines/{line_id}/move"): {
            "version": version(AllocationLine, "line_id"),
            "association_id": ids["association_id"],
            "note": "Familiens ønske",
        },
        ("POST", "/api/allocation-lines/{line_id}/outcome"): {
            "version": version(AllocationLine, "line_id"),
            "outcome": "offered",
        },
        ("POST", "/api/neighbour-reports"): {
            "channel_id": ids["channel_id"],
            "reporter_name": "Ole Vicevært",
            "reporter_phone": "56950000",
            "address": "Storegade 1, 3700 Rønne",
            "description": "Larm i opgangen.",
            "since": "2026-05-01",
        },
        ("POST", "/api/neighbour-reports/{report_id}/owner"): {
            "version": version(NeighbourReport, "report_id"),
        },
        ("POST", "/api/neighbour-reports/{report_id}/events"): {
            "kind": "contacted_reporter",
            "text": "Ringet til viceværten.",
        },
        ("POST", "/api/neighbour-reports/{report_id}/link"): {
            "version": version(NeighbourReport, "report_id"),
            "dwelling_id": ids["dwelling_id"],
            "household_id": None,
        },
        ("POST", "/api/neighbour-reports/{report_id}/close"): {
            "version": version(NeighbourReport, "report_id"),
            "resolution": "Talt med familien; roligt nu.",
        },
    }
    from velkomst.referrals.models import Referral

    bodies.update(
        {
            ("POST", "/api/referrals"): {
                "to_unit_id": ids["school_id"],
                "person_id": person.pk,
                "kind": "school_daycare",
                "text": "Skolestart for børnene",
            },
            ("POST", "/api/referrals/{unit_referral_id}/accept"): {
                "version": Referral.objects.get(pk=ids["unit_referral_id"]).version,
            },
            ("POST", "/api/referrals/{unit_referral_id}/return"): {
                "version": Referral.objects.get(pk=ids["return_referral_id"]).version,
                "reason": "Hører ikke til hos os",
            },
            ("POST", "/api/referrals/{unit_referral_id}/done"): {
                "version": Referral.objects.get(pk=ids["done_referral_id"]).version,
                "result": "Udført",
            },
            ("POST", "/api/concerns"): {
                "reporter_name": "Hanne Frivillig",
                "reporter_contact": "22334455",
                "child_description": "Pige, 8 år",
                "text": "Virker bange for at gå hjem.",
            },
        }
    )
    bodies.update(
        {
            ("POST", "/api/companies"): {
                "name": "Nexø Røgeri",
                "cvr": "10150817",
                "industry": "102000",
            },
            ("PATCH", "/api/companies/{company_id}"): {
                "version": Company.objects.get(pk=ids["company_id"]).version,
                "address": "Havnen 1, 3730 Nexø",
            },
            ("POST", "/api/companies/{company_id}/contacts"): {"name": "Mette Holm"},
            ("POST", "/api/companies/{company_id}/agreements"): {
                "kind": "partnership",
                "valid_from": "2026-01-01",
            },
            ("POST", "/api/openings"): {
                "company_id": ids["company_id"],
                "kind": "wage_subsidy",
                "title": "Køkkenhjælp",
                "hours_per_week": 30,
                "start_on": "2026-10-01",
            },
            ("PATCH", "/api/openings/{opening_id}"): {
                "version": Opening.objects.get(pk=ids["opening_id"]).version,
                "places": 3,
            },
            ("POST", "/api/job-proposals"): {
                "opening_id": ids["opening_id"],
                "person_id": ids["second_person_id"],
            },
            ("POST", "/api/job-proposals/{proposal_id}/answer"): {
                "version": Proposal.objects.get(pk=ids["proposal_id"]).version,
                "company_answer": "accepted",
            },
            ("POST", "/api/job-proposals/{proposal_id}/result"): {
                "version": Proposal.objects.get(pk=ids["other_proposal_id"]).version,
                "result": "not_started",
                "result_reason": "Personen blev syg",
            },
            ("POST", "/api/job-events"): {
                "name": "Jobmesse",
                "held_on": "2099-11-01",
                "place": "Aakirkeby Hallen",
                "company_ids": [ids["company_id"]],
            },
            ("POST", "/api/job-events/{job_event_id}/invitations"): {
                "person_id": ids["second_person_id"]
            },
            ("POST", "/api/job-events/{job_event_id}/meetings"): {
                "person_id": ids["person_id"],
                "company_id": ids["company_id"],
                "outcome": "follow_up",
            },
            **_community_bodies(ids),
        }
    )
    from velkomst.roundtables.models import FollowUp

    bodies.update(
        {
            ("POST", "/api/round-tables"): {
                "household_id": ids["household_id"],
                "title": "Familiens netværk",
                "starts_at": "2026-09-02T09:00:00+02:00",
                "ends_at": "2026-09-02T10:00:00+02:00",
                "place": "Rådhuset",
            },
            ("POST", "/api/round-tables/{round_table_id}/participants"): {
                "name": "Dr. Jensen",
                "organisation": "Lægehuset",
            },
            ("POST", "/api/round-tables/{round_table_id}/agenda"): {"title": "Fritid"},
            ("POST", "/api/round-tables/{round_table_id}/decisions"): {
                "item_id": ids["round_table_item_id"],
                "text": "Lina starter til fodbold",
            },
            ("POST", "/api/round-tables/{round_table_id}/follow-ups"): {
                "text": "Find en klub",
                "owner_id": ids["second_caseworker_id"],
                "unit_id": Unit.objects.get(
                    municipality=household.municipality, kind="integration"
                ).pk,
                "deadline": "2026-09-20",
            },
            ("POST", "/api/round-tables/{round_table_id}/minutes-sent"): {
                "participant_id": ids["round_table_participant_id"],
            },
            ("POST", "/api/follow-ups/{follow_up_id}/done"): {
                "version": FollowUp.objects.get(pk=ids["follow_up_id"]).version,
            },
        }
    )
    from velkomst.pairings.models import Match

    bodies[("POST", "/api/volunteer-matches")] = {
        "household_id": ids["household_id"],
        "offer_id": ids["pairing_offer_id"],
    }
    bodies[("POST", "/api/volunteer-matches/{match_id}/steps")] = {
        "action": "accept",
        "side": "household",
        "version": Match.objects.get(pk=ids["match_id"]).version,
    }
    bodies.update(_programme_leftover_bodies(ids, person))
    from velkomst.national.models import Suggestion as NationalSuggestion

    bodies[("POST", "/api/national/suggestions/{national_suggestion_id}/decision")] = {
        "decision": "rejected",
        "version": NationalSuggestion.objects.get(pk=ids["national_suggestion_id"]).version,
    }
    if template.startswith("/api/persons/{person_id}/competences"):
        return _competence_body(method, template, person)
    return bodies[(method, template)]


def _programme_leftover_bodies(ids: dict[str, Any], person: Person) -> dict[Any, Any]:
    """Bodies of the health, support measure, company contact/agreement and grant claim writes."""
    from velkomst.companies.models import CompanyAgreement, CompanyContact
    from velkomst.health.models import (
        Barrier,
        CareCoordination,
        CoordinatedMeasure,
        HealthAssessment,
        HealthAssessmentOffer,
        HealthReferral,
    )
    from velkomst.outcomes.models import ResultGrantClaim
    from velkomst.programme.models import SupportMeasure

    def version(model: Any, key: str) -> int:
        return int(model.objects.get(pk=ids[key]).version)

    return {
        ("POST", "/api/persons/{person_id}/health/offers"): {"offered_on": "2026-08-01"},
        ("POST", "/api/health-offers/{health_offer_id}/answer"): {
            "version": version(HealthAssessmentOffer, "health_offer_id"),
            "answer": "accepted",
            "answered_on": "2026-07-12",
        },
        ("POST", "/api/persons/{person_id}/health/assessments"): {
            "assessed_on": "2026-08-20",
            "doctor": "Dr. Hansen",
            "work_capacity": "ordinary",
        },
        ("PATCH", "/api/health-assessments/{assessment_id}"): {
            "version": version(HealthAssessment, "assessment_id"),
            "doctor": "Dr. Kirsten Lægesen, Rønne",
        },
        ("POST", "/api/persons/{person_id}/health/referrals"): {
            "kind": "physiotherapy",
            "referred_on": "2026-08-21",
        },
        ("PATCH", "/api/health-referrals/{health_referral_id}"): {
            "version": version(HealthReferral, "health_referral_id"),
            "status": "waiting",
            "status_on": "2026-08-01",
        },
        ("POST", "/api/persons/{person_id}/barriers"): {
            "kind": "transport",
            "measure": "Buskort og køreplan",
            "responsible_id": ids["staff_id"],
            "follow_up_on": "2026-10-01",
        },
        ("PATCH", "/api/barriers/{barrier_id}"): {
            "version": version(Barrier, "barrier_id"),
            "follow_up_on": "2026-10-15",
        },
        ("POST", "/api/coordinations"): {
            "person_id": person.pk,
            "coordinator_id": ids["staff_id"],
            "started_on": "2026-08-01",
            "goal": "Amal kommer i gang med sprogskole",
        },
        ("PATCH", "/api/coordinations/{coordination_id}"): {
            "version": version(CareCoordination, "coordination_id"),
            "goal": "Familien falder til ro i Rønne",
        },
        ("POST", "/api/coordinations/{coordination_id}/measures"): {
            "unit_id": Unit.objects.get(municipality_id=person.municipality_id, kind="health").pk,
            "measure": "Samtaler hos sundhedsplejersken",
            "from_on": "2026-08-15",
        },
        ("PATCH", "/api/coordinated-measures/{measure_id}"): {
            "version": version(CoordinatedMeasure, "measure_id"),
            "to_on": "2026-12-20",
        },
        ("POST", "/api/persons/{person_id}/plan/supports"): {
            "kind": "childcare",
            "starts_on": "2026-08-03",
        },
        ("PATCH", "/api/supports/{support_id}"): {
            "version": version(SupportMeasure, "support_id"),
            "note": "Zone 1-2",
        },
        ("POST", "/api/supports/{support_id}/end"): {
            "version": version(SupportMeasure, "support_id"),
            "ends_on": "2026-12-31",
        },
        ("PATCH", "/api/company-contacts/{contact_id}"): {
            "version": version(CompanyContact, "contact_id"),
            "phone": "56950001",
        },
        ("PATCH", "/api/company-agreements/{agreement_id}"): {
            "version": version(CompanyAgreement, "agreement_id"),
            "valid_to": "2027-12-31",
        },
        ("POST", "/api/result-grant-claims"): {
            "person_id": ids["grant_person_id"],
            "kind": "danish",
            "earned_on": ids["grant_earned_on"],
            "claimed_on": "2026-11-20",
            "amount": 37895,
            "reference": "STAR-2",
        },
        ("PATCH", "/api/result-grant-claims/{claim_id}"): {
            "version": version(ResultGrantClaim, "claim_id"),
            "paid_on": "2026-12-01",
        },
    }


def _community_bodies(ids: dict[str, Any]) -> dict[tuple[str, str], Any]:
    from velkomst.community.models import Event, Invitation, Participation

    def version(model: Any, key: str) -> int:
        return int(model.objects.get(pk=ids[key]).version)

    return {
        ("POST", "/api/community/events"): {
            "kind": "association_day",
            "title": "Foreningsdag i Rønne",
            "held_on": "2099-09-01",
            "starts_at": "10:00",
            "place": "Rønne Idrætsanlæg",
            "organiser": "Frivilligcenteret",
            "capacity": 200,
        },
        ("PATCH", "/api/community/events/{community_event_id}"): {
            "version": version(Event, "community_event_id"),
            "place": "Klemensker Skole",
        },
        ("POST", "/api/community/events/{community_event_id}/invitations"): {
            "person_ids": [ids["second_person_id"]],
            "channel": "sms",
            "address": "20112233",
        },
        ("PATCH", "/api/community/invitations/{community_invitation_id}"): {
            "version": version(Invitation, "community_invitation_id"),
            "attendance": "attended",
        },
        ("POST", "/api/community/associations"): {"name": "Rønne Skakklub"},
        ("POST", "/api/community/associations/{community_association_id}/activities"): {
            "name": "Springgymnastik",
            "kind": "sport",
            "for_children": True,
        },
        ("POST", "/api/community/associations/{community_association_id}/free-memberships"): {
            "person_id": ids["second_person_id"],
            "starts_on": "2026-03-01",
            "ends_on": "2026-08-31",
            "volunteering": "Hjælper ved stævner",
        },
        ("POST", "/api/community/participations"): {
            "person_id": ids["second_person_id"],
            "association_id": ids["community_association_id"],
            "started_on": "2026-03-01",
        },
        ("PATCH", "/api/community/participations/{community_participation_id}"): {
            "version": version(Participation, "community_participation_id"),
            "ended_on": "2026-06-30",
        },
    }


def _competence_body(method: str, template: str, person: Person) -> Any:
    from velkomst.competences.models import CompetenceProfile, Skill

    if template.endswith("/items"):
        return {"section": "language", "language": "en", "level": "B1"}
    if template.endswith("/remove"):
        skill = Skill.objects.create(municipality=person.municipality, person=person, tag="Truck")
        return {"section": "skill", "id": skill.pk}
    profile = CompetenceProfile.objects.filter(person=person).first()
    return {"version": profile.version if profile else None, "driving_licences": ["B"]}


def test_the_matrix_covers_every_route(contract):
    assert set(SUCCEEDS) == set(contract.operations())


@pytest.mark.parametrize("role", Role.values)
def test_role_matrix(role, api_as, contract, staff, municipality, household, person, housing_ids):
    """REQ: SEC-2"""
    ids = matrix_ids(municipality, household, person, housing_ids)
    ids.update(_referrals(staff[role], person))
    client = api_as(staff[role])
    for method, template in contract.operations():
        response = client.request(method, path_of(template, ids), _body(method, template, ids))
        expected = "2xx" if role in SUCCEEDS[(method, template)] else 403
        got = "2xx" if 200 <= response.status_code < 300 else response.status_code
        assert got == expected, f"{role} {method} {template}: {response.content[:200]!r}"


def matrix_ids(
    municipality: Any, household: Household, person: Person, housing_ids: dict[str, Any]
) -> dict[str, Any]:
    """The walk's ids: the household linked to every unit (the role's capability is tested, not
    its unit), and a second caseworker to assign."""
    household.units.set(Unit.objects.filter(municipality=municipality))
    second = StaffUser.objects.create_user(
        username="bh-caseworker-2", municipality=municipality, role=Role.CASEWORKER
    )
    return {
        **housing_ids,
        "household_id": household.pk,
        "person_id": person.pk,
        "case_id": person.case.pk,
        "second_caseworker_id": second.pk,
    }


def _referrals(user: StaffUser, person: Person) -> dict[str, int]:
    """Referrals from the school (no role's unit) to the role's own unit: new ones to accept and
    to return, an accepted one to close."""
    from datetime import date

    from velkomst.referrals.models import Referral

    school = Unit.objects.get(municipality=person.municipality, kind="school")
    to_unit = user.units.first() or Unit.objects.get(
        municipality=person.municipality, kind="integration"
    )

    def make(status: str = "new") -> int:
        return Referral.objects.create(
            municipality=person.municipality,
            kind="other",
            from_unit=school,
            to_unit=to_unit,
            person=person,
            text="Spørgsmål",
            answer_due=date(2099, 1, 1),
            status=status,
            owner=user if status == "accepted" else None,
        ).pk

    return {
        "school_id": school.pk,
        "unit_referral_id": make(),
        "return_referral_id": make(),
        "done_referral_id": make("accepted"),
    }


def test_units_decide_which_citizens_a_role_sees(api_as, staff, household, person):
    """REQ: SEC-2: a job consultant whose unit does not work with the household sees nothing."""
    client = api_as(staff[Role.JOB_CONSULTANT])
    assert client.get("/api/persons").json()["count"] == 0
    assert client.get(f"/api/persons/{person.pk}").status_code == 404
    # the caseworker's unit (integration) does
    assert api_as(staff[Role.CASEWORKER]).get("/api/persons").json()["count"] == 3


def test_manager_sees_all_citizens_of_the_municipality(api_as, staff, household):
    """REQ: SEC-2"""
    household.units.clear()
    assert api_as(staff[Role.MANAGER]).get("/api/households").json()["count"] == 1
    assert api_as(staff[Role.INTERPRETER_COORDINATOR]).get("/api/households").json()["count"] == 0


def test_forbidden_write_changes_nothing_and_names_the_capability(api_as, staff, household, person):
    """REQ: SEC-2"""
    response = api_as(staff[Role.JOB_CONSULTANT]).patch(
        f"/api/persons/{person.pk}", {"version": person.version, "first_name": "X"}
    )
    # the job consultant's unit does not see the household: 404 before any permission check
    assert response.status_code == 404
    household.units.add(*staff[Role.JOB_CONSULTANT].units.all())
    response = api_as(staff[Role.JOB_CONSULTANT]).patch(
        f"/api/persons/{person.pk}", {"version": person.version, "first_name": "X"}
    )
    assert response.status_code == 403
    assert "person.edit" in response.json()["detail"]
    person.refresh_from_db()
    assert person.first_name == "Amal"
