"""SEC-1: a user of another municipality can neither see nor change the first one's data.

The walk goes over EVERY operation in the API's own OpenAPI schema (so a new route is covered as
soon as it exists; test_openapi checks no route is left out of the schema), with the first
municipality's real ids in the path and in the body.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from velkomst.core.models import AuditEntry, SecurityEvent
from velkomst.people.models import Case, Household, JournalNote, Person
from velkomst.people.services import person_update

from .conftest import field_names


@pytest.fixture
def first(household, person, case, note, caseworker, housing_ids):
    """The first municipality's data, with a CPR number to look for in responses."""
    person_update(
        person=person, acting_user=caseworker, expected_version=person.version, cpr="1403881234"
    )
    person.refresh_from_db()
    household.refresh_from_db()
    case.refresh_from_db()
    from velkomst.core.models import Unit
    from velkomst.referrals.services import referral_send

    units = Unit.objects.filter(municipality=household.municipality)
    referral = referral_send(
        actor=caseworker,
        from_unit=units.get(kind="integration"),
        to_unit=units.get(kind="jobcentre"),
        person=person,
        kind="employment",
        text="Afklaring",
    )
    return {
        **housing_ids,
        "unit_referral_id": referral.pk,
        "unit_id": referral.to_unit_id,
        "household_id": household.pk,
        "person_id": person.pk,
        "case_id": case.pk,
        "note_id": note.pk,
        "caseworker_id": caseworker.pk,
        "status_report_id": housing_ids["status_report_id"],
        "kind": "pdf",
        "household": household,
        "person": person,
        "case": case,
    }


def _members() -> list[dict[str, Any]]:
    return [
        {
            "first_name": "Yonas",
            "last_name": "Berhane",
            "birth_date": "1990-02-01",
            "sex": "M",
            "nationality": "ER",
            "residence_basis": "refugee",
            "relation": "head",
        }
    ]


# A valid body for each write, given the first municipality's objects. A new write route fails
# test_every_route_... until it has one here, so it is walked too.
SAMPLE_BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/national/suggestions/{national_suggestion_id}/decision"): lambda f: {
        "decision": "rejected",
        "version": 1,
    },
    # COO-5: a handover of the first municipality's household; the handover's answer
    ("POST", "/api/handovers"): lambda f: {
        "household_id": f["household_id"],
        "receiving": "Aalborg",
        "new_address": "Boulevarden 1",
        "moving_date": "2026-09-01",
    },
    ("POST", "/api/handovers/{handover_id}/accept"): lambda f: {
        "version": 1,
        "caseworker_id": f["caseworker_id"],
    },
    ("POST", "/api/handovers/{handover_id}/return"): lambda f: {"version": 1, "reason": "udefra"},
    ("POST", "/api/households"): lambda f: {
        "name": "Familien Berhane",
        "visitation_date": "2026-05-01",
        "caseworker_id": f["caseworker_id"],
        "members": _members(),
    },
    ("PATCH", "/api/households/{household_id}"): lambda f: {
        "version": f["household"].version,
        "name": "Overtaget",
    },
    ("PATCH", "/api/persons/{person_id}"): lambda f: {
        "version": f["person"].version,
        "first_name": "Overtaget",
    },
    ("POST", "/api/cases/{case_id}/phase"): lambda f: {
        "version": f["case"].version,
        "to": "reception",
        "reason": "arrived",
    },
    ("POST", "/api/cases/{case_id}/caseworker"): lambda f: {
        "version": f["case"].version,
        "caseworker_id": f["caseworker_id"],
        "reason": "takeover",
    },
    ("POST", "/api/cases/{case_id}/notes"): lambda f: {
        "text": "Skrevet udefra",
        "corrects_id": f["note_id"],
    },
    ("POST", "/api/households/{household_id}/placements/end"): lambda f: {
        "end_date": "2026-08-01",
        "end_reason": "moved_away",
    },
    ("POST", "/api/placement-runs"): lambda f: {"household_ids": [f["household_id"]]},
    ("POST", "/api/matching-runs"): lambda f: None,
    ("POST", "/api/dwellings"): lambda f: {
        "address": "Havnegade 4",
        "area_id": f["area_id"],
        "type": "permanent",
        "rooms": 2,
        "size_m2": 60,
        "rent": 4800,
        "landlord_kind": "private",
        "available_from": "2026-09-01",
    },
    ("PATCH", "/api/dwellings/{dwelling_id}"): lambda f: {"version": 1, "rent": 1},
    ("PUT", "/api/persons/{person_id}/plan/direction"): lambda f: {
        "direction": "rehabilitation",
        "reason": "udefra",
    },
    ("POST", "/api/persons/{person_id}/plan/activities"): lambda f: {
        "category": "other",
        "kind": "mentor",
        "start": "2026-08-03",
        "hours_per_week": 2,
        "provider_kind": "other",
    },
    ("PATCH", "/api/activities/{activity_id}"): lambda f: {"version": 1, "hours_per_week": 1},
    ("POST", "/api/persons/{person_id}/plan/goals"): lambda f: {
        "kind": "education",
        "education": "udefra",
        "target_date": "2027-01-01",
    },
    ("PATCH", "/api/goals/{goal_id}"): lambda f: {"version": 1, "education": "udefra"},
    ("POST", "/api/host-offers/{offer_id}/meetings"): lambda f: {
        "household_id": f["single_household_id"],
        "meeting_at": "2026-06-21T10:00:00+02:00",
        "place": "udefra",
    },
    ("POST", "/api/host-meetings/{host_meeting_id}/decision"): lambda f: {
        "version": 1,
        "host_decision": "no",
        "household_decision": "no",
    },
    ("POST", "/api/allocation-meetings/{meeting_id}/recompute"): lambda f: {"version": 1},
    ("POST", "/api/report-channels"): lambda f: {"name": "udefra", "kind": "other"},
    ("PATCH", "/api/report-channels/{channel_id}"): lambda f: {"version": 1, "active": False},
    ("POST", "/api/report-channels/{channel_id}/renew"): lambda f: {"version": 1},
    ("POST", "/api/persons/{person_id}/consents"): lambda f: {
        "purposes": ["contact.volunteer"],
        "given_on": "2026-07-20",
    },
    ("POST", "/api/consents/{consent_id}/withdraw"): lambda f: {"version": 1},
    ("POST", "/api/surveys/invitations/{invitation_id}/answers"): lambda f: {
        "version": 1,
        "answers": {"welcome": "1"},
    },
    ("POST", "/api/surveys/invitations/{invitation_id}/decline"): lambda f: {"version": 1},
    ("POST", "/api/citizen-questions/{question_id}/answer"): lambda f: {
        "version": 1,
        "answer": "udefra",
    },
    ("PUT", "/api/persons/{person_id}/contract"): lambda f: {
        "version": 1,
        "refused_on": "2026-07-20",
        "refusal_reason": "udefra",
    },
    ("PUT", "/api/households/{household_id}/housing-need"): lambda f: {
        "version": 1,
        "rooms_needed": 5,
    },
    ("POST", "/api/placement-suggestions/{suggestion_id}/accept"): lambda f: {
        "version": 1,
        "dwelling_id": f["other_dwelling_id"],
        "note": "udefra",
    },
    ("POST", "/api/placement-suggestions/{suggestion_id}/reject"): lambda f: {
        "version": 1,
        "note": "udefra",
    },
    ("POST", "/api/persons/{person_id}/health/offers"): lambda f: {"offered_on": "2026-08-01"},
    ("POST", "/api/health-offers/{health_offer_id}/answer"): lambda f: {
        "version": 1,
        "answer": "declined",
        "answered_on": "2026-07-12",
    },
    ("POST", "/api/persons/{person_id}/health/assessments"): lambda f: {
        "assessed_on": "2026-08-20",
        "doctor": "Udefra",
        "work_capacity": "not_now",
    },
    ("PATCH", "/api/health-assessments/{assessment_id}"): lambda f: {
        "version": 1,
        "conclusion": "udefra",
    },
    ("POST", "/api/persons/{person_id}/health/referrals"): lambda f: {
        "kind": "gp",
        "referred_on": "2026-08-21",
    },
    ("PATCH", "/api/health-referrals/{health_referral_id}"): lambda f: {
        "version": 1,
        "note": "udefra",
    },
    ("POST", "/api/persons/{person_id}/barriers"): lambda f: {
        "kind": "other",
        "measure": "udefra",
        "responsible_id": f["staff_id"],
        "follow_up_on": "2026-10-01",
    },
    ("PATCH", "/api/barriers/{barrier_id}"): lambda f: {"version": 1, "measure": "udefra"},
    ("POST", "/api/coordinations"): lambda f: {
        "person_id": f["person_id"],
        "coordinator_id": f["staff_id"],
        "started_on": "2026-08-01",
    },
    ("PATCH", "/api/coordinations/{coordination_id}"): lambda f: {
        "version": 1,
        "goal": "udefra",
    },
    ("POST", "/api/coordinations/{coordination_id}/measures"): lambda f: {
        "unit_id": 1,
        "measure": "udefra",
        "from_on": "2026-08-15",
    },
    ("PATCH", "/api/coordinated-measures/{measure_id}"): lambda f: {
        "version": 1,
        "measure": "udefra",
    },
    ("POST", "/api/persons/{person_id}/plan/supports"): lambda f: {
        "kind": "mentor",
        "starts_on": "2026-08-03",
    },
    ("PATCH", "/api/supports/{support_id}"): lambda f: {"version": 1, "note": "udefra"},
    ("POST", "/api/supports/{support_id}/end"): lambda f: {
        "version": 1,
        "ends_on": "2026-12-31",
    },
    ("PATCH", "/api/company-contacts/{contact_id}"): lambda f: {"version": 1, "name": "Udefra"},
    ("PATCH", "/api/company-agreements/{agreement_id}"): lambda f: {
        "version": 1,
        "title": "Udefra",
    },
    ("POST", "/api/result-grant-claims"): lambda f: {
        "person_id": f["grant_person_id"],
        "kind": "danish",
        "earned_on": f["grant_earned_on"],
        "claimed_on": "2026-11-20",
        "amount": 1,
    },
    ("PATCH", "/api/result-grant-claims/{claim_id}"): lambda f: {
        "version": 1,
        "paid_on": "2026-12-01",
    },
    ("POST", "/api/language-centres"): lambda f: {"name": "Sprogcenter Aalborg"},
    ("PATCH", "/api/language-centres/{centre_id}"): lambda f: {"version": 1, "name": "Overtaget"},
    ("POST", "/api/danish-referrals"): lambda f: {
        "person_id": f["person_id"],
        "centre_id": f["centre_id"],
        "track": "DU1",
        "referred_on": "2026-08-01",
    },
    ("PATCH", "/api/danish-referrals/{referral_id}"): lambda f: {
        "version": 1,
        "track": "DU3",
    },
    ("POST", "/api/danish-referrals/{referral_id}/modules"): lambda f: {
        "module": 2,
        "started_on": "2026-10-01",
    },
    ("PATCH", "/api/danish-modules/{module_id}"): lambda f: {
        "version": 1,
        "passed_on": "2026-09-30",
    },
    ("POST", "/api/danish-referrals/{referral_id}/attendance"): lambda f: {
        "month": "2026-09-01",
        "hours_offered": 40,
        "hours_attended": 20,
    },
    ("PATCH", "/api/danish-attendance/{attendance_id}"): lambda f: {
        "version": 1,
        "hours_attended": 1,
    },
    ("POST", "/api/danish-exams"): lambda f: {
        "person_id": f["person_id"],
        "exam": "PD1",
        "taken_on": "2026-06-03",
        "result": "failed",
    },
    ("PATCH", "/api/danish-exams/{exam_id}"): lambda f: {"version": 1, "grade": "10"},
    ("POST", "/api/persons/{person_id}/employments"): lambda f: {
        "employer_name": "Udefra ApS",
        "start_date": "2026-10-01",
        "hours_per_week": 30,
    },
    ("PATCH", "/api/employments/{employment_id}"): lambda f: {"version": 1, "cvr": ""},
    ("POST", "/api/persons/{person_id}/educations"): lambda f: {
        "institution": "Udefra",
        "programme": "HF",
        "started_on": "2026-10-01",
    },
    ("PATCH", "/api/education-outcomes/{education_id}"): lambda f: {
        "version": 1,
        "qualifying": False,
    },
    ("POST", "/api/persons/{person_id}/benefit-periods"): lambda f: {
        "benefit": "other",
        "from_date": "2026-10-01",
    },
    ("PATCH", "/api/benefit-periods/{period_id}"): lambda f: {"version": 1, "benefit": "su"},
    ("PUT", "/api/persons/{person_id}/self-supporting"): lambda f: {
        "version": 0,
        "from_date": "2026-11-01",
        "source": "work",
    },
    ("POST", "/api/areas"): lambda f: {"name": "Udefra", "kind": "town"},
    ("PATCH", "/api/areas/{area_id}"): lambda f: {"version": 1, "note": "udefra"},
    ("POST", "/api/hosts"): lambda f: {
        "name": "Udefra",
        "address": "Vej 1",
        "area_id": f["area_id"],
    },
    ("PATCH", "/api/hosts/{host_id}"): lambda f: {"version": 1, "name": "Overtaget"},
    ("POST", "/api/hosts/{host_id}/offers"): lambda f: {
        "kind": "room",
        "size_m2": 10,
        "rent": 1,
        "available_from": "2026-08-01",
        "max_persons": 1,
        "household_types": ["single"],
    },
    ("PATCH", "/api/host-offers/{offer_id}"): lambda f: {"version": 1, "rent": 1},
    ("POST", "/api/volunteers/{volunteer_id}/decision"): lambda f: {
        "version": 1,
        "status": "inactive",
        "reason": "udefra",
    },
    ("POST", "/api/volunteers/{volunteer_id}/offers"): lambda f: {
        "kind": "mentor",
        "audience": ["adults"],
    },
    ("PATCH", "/api/volunteer-offers/{volunteer_offer_id}"): lambda f: {
        "version": 1,
        "capacity": 9,
    },
    ("PUT", "/api/associations/{association_id}/move-outs"): lambda f: {
        "entries": [{"period": "2026-07-01", "move_outs": 99, "version": 0}]
    },
    ("POST", "/api/allocation-meetings"): lambda f: {
        "month": "2026-09-01",
        "meeting_date": "2026-08-28",
    },
    ("PATCH", "/api/allocation-meetings/{meeting_id}"): lambda f: {
        "version": 1,
        "meeting_date": "2026-06-25",
        "status": "held",
    },
    ("POST", "/api/allocation-lines/{line_id}/move"): lambda f: {
        "version": 1,
        "association_id": f["association_id"],
    },
    ("POST", "/api/allocation-lines/{line_id}/outcome"): lambda f: {
        "version": 1,
        "outcome": "accepted",
        "dwelling_id": f["dwelling_id"],
        "start_date": "2026-08-01",
    },
    ("POST", "/api/neighbour-reports"): lambda f: {
        "channel_id": f["channel_id"],
        "reporter_name": "Udefra",
        "reporter_phone": "1",
        "address": "Vej 1",
        "description": "udefra",
        "since": "2026-05-01",
    },
    ("POST", "/api/neighbour-reports/{report_id}/owner"): lambda f: {"version": 1},
    ("POST", "/api/neighbour-reports/{report_id}/events"): lambda f: {
        "kind": "note",
        "text": "udefra",
    },
    ("POST", "/api/neighbour-reports/{report_id}/link"): lambda f: {
        "version": 1,
        "dwelling_id": f["dwelling_id"],
        "household_id": f["household_id"],
    },
    ("POST", "/api/neighbour-reports/{report_id}/close"): lambda f: {
        "version": 1,
        "resolution": "udefra",
    },
    ("POST", "/api/referrals"): lambda f: {
        "to_unit_id": f["unit_id"],
        "person_id": f["person_id"],
        "kind": "employment",
        "text": "udefra",
    },
    ("POST", "/api/referrals/{unit_referral_id}/accept"): lambda f: {"version": 1},
    ("POST", "/api/referrals/{unit_referral_id}/return"): lambda f: {"version": 1, "reason": "x"},
    ("POST", "/api/referrals/{unit_referral_id}/done"): lambda f: {"version": 1},
    ("POST", "/api/concerns"): lambda f: {
        "reporter_name": "Udefra",
        "reporter_contact": "1",
        "person_id": f["person_id"],
        "text": "udefra",
    },
    ("POST", "/api/companies"): lambda f: {"name": "X", "cvr": "10150817", "industry": "4711"},
    ("PATCH", "/api/companies/{company_id}"): lambda f: {"version": 1, "name": "Overtaget"},
    ("POST", "/api/companies/{company_id}/contacts"): lambda f: {"name": "Udefra"},
    ("POST", "/api/companies/{company_id}/agreements"): lambda f: {
        "kind": "other",
        "valid_from": "2026-01-01",
    },
    ("POST", "/api/openings"): lambda f: {
        "company_id": f["company_id"],
        "kind": "job",
        "title": "Udefra",
        "hours_per_week": 10,
        "start_on": "2026-10-01",
    },
    ("PATCH", "/api/openings/{opening_id}"): lambda f: {"version": 1, "places": 9},
    ("POST", "/api/volunteer-matches"): lambda f: {
        "household_id": f["household_id"],
        "offer_id": f["pairing_offer_id"],
    },
    ("POST", "/api/volunteer-matches/{match_id}/steps"): lambda f: {
        "action": "end",
        "end_reason": "completed",
        "version": 1,
    },
    ("POST", "/api/job-proposals"): lambda f: {
        "opening_id": f["opening_id"],
        "person_id": f["person_id"],
    },
    ("POST", "/api/job-proposals/{proposal_id}/answer"): lambda f: {
        "version": 1,
        "company_answer": "declined",
        "answer_reason": "udefra",
    },
    ("POST", "/api/job-proposals/{proposal_id}/result"): lambda f: {
        "version": 1,
        "result": "not_started",
        "result_reason": "udefra",
    },
    ("POST", "/api/job-events"): lambda f: {
        "name": "Udefra",
        "held_on": "2099-01-01",
        "place": "Udefra",
        "company_ids": [f["company_id"]],
    },
    ("POST", "/api/job-events/{job_event_id}/invitations"): lambda f: {"person_id": f["person_id"]},
    ("POST", "/api/job-events/{job_event_id}/meetings"): lambda f: {
        "person_id": f["person_id"],
        "company_id": f["company_id"],
    },
    ("POST", "/api/persons/{person_id}/competences/items"): lambda f: {
        "section": "skill",
        "tag": "udefra",
    },
    ("POST", "/api/persons/{person_id}/competences/remove"): lambda f: {
        "section": "skill",
        "id": 1,
    },
    ("PUT", "/api/persons/{person_id}/competences/profile"): lambda f: {
        "driving_licences": ["B"],
    },
    ("POST", "/api/round-tables"): lambda f: {
        "household_id": f["household_id"],
        "person_id": f["person_id"],
        "title": "Udefra",
        "starts_at": "2026-09-02T09:00:00+02:00",
        "ends_at": "2026-09-02T10:00:00+02:00",
        "place": "Udefra",
    },
    ("POST", "/api/round-tables/{round_table_id}/participants"): lambda f: {
        "name": "Udefra",
        "organisation": "Udefra",
    },
    ("POST", "/api/round-tables/{round_table_id}/agenda"): lambda f: {"title": "Udefra"},
    ("POST", "/api/round-tables/{round_table_id}/decisions"): lambda f: {
        "item_id": f["round_table_item_id"],
        "text": "Udefra",
    },
    ("POST", "/api/round-tables/{round_table_id}/follow-ups"): lambda f: {
        "text": "Udefra",
        "owner_id": f["caseworker_id"],
        "deadline": "2026-09-20",
    },
    ("POST", "/api/round-tables/{round_table_id}/minutes-sent"): lambda f: {
        "participant_id": f["round_table_participant_id"],
    },
    ("POST", "/api/follow-ups/{follow_up_id}/done"): lambda f: {"version": 1},
    ("POST", "/api/interpreters"): lambda f: {
        "name": "Udefra",
        "languages": ["ar"],
        "modes": ["video"],
        "email": "u@x.dk",
        "price": "1",
    },
    ("PATCH", "/api/interpreters/{interpreter_id}"): lambda f: {"version": 1, "name": "Overtaget"},
    ("POST", "/api/interpreter-bookings"): lambda f: {
        "appointment_id": f["interpreting_appointment_id"],
        "language": "ar",
        "mode": "video",
        "starts_at": "2026-12-01T09:00:00+01:00",
        "duration_minutes": 30,
    },
    ("PATCH", "/api/interpreter-bookings/{booking_id}"): lambda f: {"version": 1, "note": "x"},
    ("POST", "/api/interpreter-bookings/{booking_id}/cancel"): lambda f: {"version": 1},
    # events and associations (CIV-4, CIV-5, CHI-4)
    ("POST", "/api/community/events"): lambda f: {
        "kind": "intro_cafe",
        "title": "Udefra",
        "held_on": "2099-01-01",
        "starts_at": "10:00",
        "place": "Udefra",
        "organiser": "Udefra",
        "association_id": f["community_association_id"],
    },
    ("PATCH", "/api/community/events/{community_event_id}"): lambda f: {
        "version": 1,
        "title": "Overtaget",
    },
    ("POST", "/api/community/events/{community_event_id}/invitations"): lambda f: {
        "person_ids": [f["person_id"]]
    },
    ("PATCH", "/api/community/invitations/{community_invitation_id}"): lambda f: {
        "version": 1,
        "channel": "sms",
        "address": "1",
    },
    ("POST", "/api/community/associations"): lambda f: {"name": "Udefra"},
    ("POST", "/api/community/associations/{community_association_id}/activities"): lambda f: {
        "name": "Udefra",
        "kind": "sport",
    },
    (
        "POST",
        "/api/community/associations/{community_association_id}/free-memberships",
    ): lambda f: {
        "person_id": f["person_id"],
        "starts_on": "2026-01-01",
        "ends_on": "2026-02-01",
        "volunteering": "udefra",
    },
    ("POST", "/api/community/participations"): lambda f: {
        "person_id": f["person_id"],
        "association_id": f["community_association_id"],
        "started_on": "2026-01-01",
    },
    ("PATCH", "/api/community/participations/{community_participation_id}"): lambda f: {
        "version": 1,
        "ended_on": "2026-02-01",
    },
}

# A create (no id in the path) by the other municipality's caseworker that names the first
# municipality's objects in its body: refused naming the field, or 403 where the caseworker's
# role may not create at all (test_a_run_over_another_municipalitys_households_is_refused walks
# it as a housing officer, who may).
RETENTION_KINDS = (
    "case",
    "person",
    "journal_note",
    "document",
    "audit_entry",
    "housing_history",
    "survey_answer",
    "public_report",
)
SAMPLE_BODIES.update(
    {
        ("POST", "/api/retention/rule-sets"): lambda f: {
            "effective_from": "2020-01-01",
            "rules": [
                {"kind": k, "months": 0, "event": "created", "action": "delete"}
                for k in RETENTION_KINDS
            ],
        },
        ("POST", "/api/retention/holds"): lambda f: {"case_id": f["case_id"], "reason": "Retssag"},
        ("POST", "/api/retention/holds/{legal_hold_id}/lift"): lambda f: {"reason": "Afgjort"},
        ("POST", "/api/retention/runs"): lambda f: None,
        ("POST", "/api/retention/runs/{retention_run_id}/approve"): lambda f: None,
    }
)

CREATE_REFUSAL: dict[tuple[str, str], tuple[int, list[str]]] = {
    ("POST", "/api/households"): (422, ["caseworker_id"]),
    ("POST", "/api/handovers"): (422, ["household_id"]),
    ("POST", "/api/placement-runs"): (403, []),
    ("POST", "/api/matching-runs"): (403, []),
    ("POST", "/api/dwellings"): (403, []),
    # a language centre of their own: nothing of ours to name (their register, their data)
    ("POST", "/api/language-centres"): (201, []),
    ("POST", "/api/danish-referrals"): (422, ["person_id"]),
    ("POST", "/api/danish-exams"): (422, ["person_id"]),
    ("POST", "/api/areas"): (403, []),
    ("POST", "/api/hosts"): (403, []),
    ("POST", "/api/allocation-meetings"): (403, []),
    ("POST", "/api/neighbour-reports"): (403, []),
    ("POST", "/api/report-channels"): (403, []),
    ("POST", "/api/companies"): (403, []),
    ("POST", "/api/openings"): (403, []),
    ("POST", "/api/job-proposals"): (403, []),
    ("POST", "/api/job-events"): (403, []),
    ("POST", "/api/round-tables"): (422, ["household_id"]),
    # a referral to our unit about our citizen, a concern naming our child: neither is found
    ("POST", "/api/referrals"): (422, ["to_unit_id"]),
    ("POST", "/api/concerns"): (422, ["person_id"]),
    # walked as the other municipality's volunteer coordinator (WALK_AS): our household is a 404
    ("POST", "/api/volunteer-matches"): (404, []),
    ("POST", "/api/coordinations"): (422, ["person_id"]),
    ("POST", "/api/result-grant-claims"): (422, ["person_id"]),
    ("POST", "/api/interpreters"): (403, []),
    ("POST", "/api/interpreter-bookings"): (422, ["appointment_id"]),
    ("POST", "/api/community/events"): (403, []),
    ("POST", "/api/community/associations"): (403, []),
    ("POST", "/api/community/participations"): (422, ["person_id"]),
    # retention (SEC-4), walked as their administrator: rules and a dry run of their own; a hold
    # on our case is not found
    ("POST", "/api/retention/rule-sets"): (201, []),
    ("POST", "/api/retention/holds"): (422, ["case_id"]),
    ("POST", "/api/retention/runs"): (201, []),
}

# Lists the other municipality's caseworker may not read at all (a role check, before any data)
LISTS_REFUSED_TO_THE_ROLE = {("GET", "/api/report-channels")}

# Strings of the first municipality that must never appear in the other's responses.
SECRETS = ("Amal", "Omar", "Lina", "Haddad", "1403881234", "140388-XXXX", "Bornholm")


def _path(template: str, first: dict[str, Any]) -> str:
    def substitute(name: str) -> str:
        assert name in first, f"no id of the first municipality for path parameter {{{name}}}"
        return str(first[name])

    return re.sub(r"\{([^}]+)\}", lambda m: substitute(m.group(1)), template)


def _state(first: dict[str, Any]) -> dict[str, Any]:
    from velkomst.associations.models import AllocationLine, AllocationMeeting, MoveOutCount
    from velkomst.hosts.models import Host, HostOffer
    from velkomst.housing.models import (
        Area,
        Dwelling,
        HousingNeed,
        Placement,
        PlacementRun,
        PlacementSuggestion,
    )
    from velkomst.interpreting.models import Booking, Interpreter
    from velkomst.neighbours.models import NeighbourReport, ReportEvent
    from velkomst.outcomes.models import (
        BenefitPeriod,
        EducationOutcome,
        Employment,
        SelfSupporting,
    )
    from velkomst.referrals.models import Referral
    from velkomst.roundtables.models import (
        AgendaItem,
        Decision,
        FollowUp,
        MinutesSent,
        Participant,
        RoundTable,
    )
    from velkomst.volunteers.models import Offer as VolunteerOffer
    from velkomst.volunteers.models import Volunteer

    return {
        **{
            model.__name__: list(model.objects.values().order_by("pk"))
            for model in (
                Area,
                Host,
                HostOffer,
                MoveOutCount,
                AllocationMeeting,
                AllocationLine,
                NeighbourReport,
                ReportEvent,
                RoundTable,
                Participant,
                AgendaItem,
                Decision,
                FollowUp,
                MinutesSent,
                Volunteer,
                VolunteerOffer,
            )
        },
        "placements": list(Placement.objects.filter(household_id=first["household_id"]).values()),
        "suggestions": list(
            PlacementSuggestion.objects.filter(run_id=first["run_id"]).values().order_by("pk")
        ),
        "dwellings": list(Dwelling.objects.values().order_by("pk")),
        "runs": PlacementRun.objects.count(),
        "needs": list(HousingNeed.objects.values().order_by("pk")),
        "household": Household.objects.filter(pk=first["household_id"]).values().get(),
        "persons": list(Person.objects.filter(household_id=first["household_id"]).values()),
        "case": Case.objects.filter(pk=first["case_id"]).values().get(),
        "referrals": list(Referral.objects.values().order_by("pk")),
        "notes": list(JournalNote.objects.filter(case_id=first["case_id"]).values()),
        "danish": [
            list(model.objects.filter(municipality_id=first["household"].municipality_id).values())
            for model in _danish_models()
        ],
        "outcomes": [
            list(model.objects.values().order_by("pk"))
            for model in (Employment, EducationOutcome, BenefitPeriod, SelfSupporting)
        ],
        "programme_leftovers": [
            list(model.objects.values().order_by("pk")) for model in _leftover_models()
        ],
        "interpreting": [
            list(model.objects.values().order_by("pk")) for model in (Interpreter, Booking)
        ],
        "retention": [
            list(
                model.objects.filter(municipality_id=first["household"].municipality_id)
                .values()
                .order_by("pk")
            )
            for model in _retention_models()
        ],
    }


def _retention_models() -> list[Any]:
    from velkomst.retention.models import LegalHold, Rule, RuleSet, Run

    return [LegalHold, RuleSet, Rule, Run]


def _leftover_models() -> list[Any]:
    """Health records, support measures, contacts, agreements and grant claims."""
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
    from velkomst.questions.models import Attachment, Question
    from velkomst.surveys.models import Answer, Invitation, Response

    return [
        Question,
        Attachment,
        Invitation,
        Response,
        Answer,
        HealthAssessmentOffer,
        HealthAssessment,
        HealthReferral,
        Barrier,
        CareCoordination,
        CoordinatedMeasure,
        SupportMeasure,
        CompanyContact,
        CompanyAgreement,
        ResultGrantClaim,
    ]


def _danish_models() -> list[Any]:
    from velkomst.danish.models import (
        DanishExam,
        DanishReferral,
        LanguageCentre,
        ModuleProgress,
        MonthlyAttendance,
    )

    return [LanguageCentre, DanishReferral, ModuleProgress, MonthlyAttendance, DanishExam]


# Routes the caseworker may not call at all: walked as the other municipality's user of the role
# that may (a 403 would not show the tenant's walls).
WALK_AS = {
    "/api/volunteer": "volunteer_coordinator",
    "/api/indicators": "manager",
    "/api/strategy": "manager",
    "/api/status-reports": "manager",
    "/api/retention": "administrator",
}
# National distribution (NAT-1) is outside every municipality's tenancy: a municipality's
# staff get 403 on every one of its routes (only the national user is let in).
NATIONAL = "/api/national/"
# Path parameters that name no municipality's object: an indicator's key is the library's, the
# same in every municipality, and its figure is always the caller's own municipality's (MI-1).
SHARED_KEYS = {"/api/indicators/{key}/figure"}


def test_every_route_hides_the_first_municipality_from_another(
    contract, api_as, first, other_caseworker, other_household
):
    """REQ: SEC-1. 404 for their objects, nothing of theirs in lists, and nothing changed."""
    from conftest import _make_user

    before = _state(first)
    other = api_as(other_caseworker)
    from velkomst.strategies.services import install_presets

    install_presets(other_caseworker.municipality)  # theirs: Aalborg's strategy (MI-1)
    users = {
        role: _make_user(other_caseworker.municipality, role, f"ab-{role}", ())
        for role in set(WALK_AS.values())
    }
    walkers = {prefix: users[role] for prefix, role in WALK_AS.items()}
    operations = contract.operations()
    assert len(operations) >= 13
    for method, template in operations:
        body = None
        if method != "GET":
            assert (method, template) in SAMPLE_BODIES, f"add a sample body for {method} {template}"
            body = SAMPLE_BODIES[(method, template)](first)
        walker = next((u for p, u in walkers.items() if template.startswith(p)), None)
        client = api_as(walker) if walker else other
        response = client.request(method, _path(template, first), body)
        where = f"{method} {template}"
        if template in SHARED_KEYS:
            assert response.status_code == 200, where
        elif template.startswith(NATIONAL):
            assert response.status_code == 403, where
        elif "{" in template:
            assert response.status_code == 404, where
            # the attempt is a security event: who, which route and id, never their data
            event = SecurityEvent.objects.order_by("-id").first()
            actor = walker or other_caseworker
            assert event is not None and event.actor_id == actor.pk, where
            assert (event.status, event.method, event.channel) == (404, method, "api"), where
            assert event.path == _path(template, first) and event.route.startswith("api:")
            assert event.municipality_id == other_caseworker.municipality_id
        elif (method, template) in LISTS_REFUSED_TO_THE_ROLE:
            assert response.status_code == 403, where
        elif method == "GET":
            assert response.status_code == 200, where
        else:  # a create in their own municipality, naming our objects: refused
            status, names = CREATE_REFUSAL[(method, template)]
            assert response.status_code == status, where
            assert not names or field_names(response) == names, where
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, f"{where} leaked {secret!r}"
    assert _state(first) == before
    # REQ: SEC-3: one event per refused attempt, none for the answered ones
    refused = (
        sum("{" in t and t not in SHARED_KEYS and not t.startswith(NATIONAL) for _, t in operations)
        + sum(t.startswith(NATIONAL) for _, t in operations)
        + sum(status == 403 for status, _ in CREATE_REFUSAL.values())
        + len(LISTS_REFUSED_TO_THE_ROLE)
    )
    assert SecurityEvent.objects.count() == refused
    assert not AuditEntry.objects.filter(
        actor_id=other_caseworker.pk, person_id__in=[p["id"] for p in before["persons"]]
    ).exists()


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/persons", {"q": "Haddad"}),
        ("/api/persons", {"q": "140388"}),
        ("/api/persons", {"nationality": "SY"}),
        ("/api/persons", {"phase": "pre_arrival"}),
        ("/api/households", {"q": "Haddad"}),
        ("/api/cases", {"phase": "pre_arrival"}),
        ("/api/cases", {"caseworker_id": "CASEWORKER"}),
        ("/api/areas", {}),
        ("/api/dwellings", {}),
        ("/api/placement-runs", {}),
        ("/api/hosts", {}),
        ("/api/associations", {}),
        ("/api/allocation-meetings", {}),
        ("/api/neighbour-reports", {}),
        ("/api/result-grants", {}),
        ("/api/matching-runs", {}),
        ("/api/interpreters", {}),
        ("/api/interpreter-bookings", {}),
        ("/api/interpreter-bookings", {"language": "ar"}),
        ("/api/community/events", {}),
        ("/api/community/associations", {}),
        ("/api/community/participations", {}),
    ],
)
def test_searches_find_nothing_of_another_municipality(
    api_as, first, other_caseworker, other_household, path, params
):
    """REQ: SEC-1"""
    params = {k: (first["caseworker_id"] if v == "CASEWORKER" else v) for k, v in params.items()}
    response = api_as(other_caseworker).get(path, **params)
    assert response.status_code == 200
    assert response.json()["items"] == [] or path in (
        "/api/persons",
        "/api/households",
        "/api/cases",
    )
    ids = {item["id"] for item in response.json()["items"]}
    assert not ids & {first["household_id"], first["person_id"], first["case_id"]}
    for secret in SECRETS:
        assert secret not in response.content.decode()


def test_lists_show_the_own_municipality(api_as, first, other_caseworker, other_household):
    """The walk's empty answers are not an accident: the other user does see their own data."""
    other = api_as(other_caseworker)
    persons = other.get("/api/persons").json()
    assert [p["first_name"] for p in persons["items"]] == ["Selam"]
    assert other.get(f"/api/households/{other_household.pk}").status_code == 200


def test_a_note_of_another_municipality_cannot_be_corrected(
    api_as, first, other_caseworker, other_household
):
    """REQ: SEC-1: ids in the body are looked up in the caller's municipality too."""
    own_case = other_household.members.get().case
    response = api_as(other_caseworker).post(
        f"/api/cases/{own_case.pk}/notes", {"text": "Rettelse", "corrects_id": first["note_id"]}
    )
    assert response.status_code == 422
    assert field_names(response) == ["corrects_id"]


def test_a_caseworker_of_another_municipality_cannot_be_assigned(
    api_as, first, other_caseworker, other_household
):
    """REQ: SEC-1"""
    own_case = other_household.members.get().case
    response = api_as(other_caseworker).post(
        f"/api/cases/{own_case.pk}/caseworker",
        {"caseworker_id": first["caseworker_id"], "reason": "x", "version": own_case.version},
    )
    assert response.status_code == 422
    assert field_names(response) == ["caseworker_id"]
    own_case.refresh_from_db()
    assert own_case.caseworker_id == other_caseworker.pk


def test_a_household_created_by_another_municipality_stays_there(api_as, first, other_caseworker):
    """REQ: SEC-1"""
    body = SAMPLE_BODIES[("POST", "/api/households")](first) | {"caseworker_id": None}
    response = api_as(other_caseworker).post("/api/households", body)
    assert response.status_code == 201
    created = Household.objects.get(pk=response.json()["id"])
    assert created.municipality_id == other_caseworker.municipality_id
    assert created.members.get().case.caseworker_id == other_caseworker.pk
    assert date.fromisoformat(response.json()["members"][0]["birth_date"]) == date(1990, 2, 1)


@pytest.fixture
def other_officer(other_municipality):
    from conftest import _make_user

    return _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))


def test_a_run_over_another_municipalitys_households_is_refused(api_as, first, other_officer):
    """REQ: SEC-1, HOU-3: the households of a run are looked up in the caller's municipality."""
    from velkomst.housing.models import PlacementRun

    runs = PlacementRun.objects.count()
    response = api_as(other_officer).post(
        "/api/placement-runs", {"household_ids": [first["household_id"]]}
    )
    assert response.status_code == 422
    assert field_names(response) == ["households"]
    assert PlacementRun.objects.count() == runs


def test_a_dwelling_in_another_municipalitys_area_is_refused(api_as, first, other_officer):
    """REQ: SEC-1, HOU-1: an area id in the body is looked up in the caller's municipality."""
    from velkomst.housing.models import Dwelling

    body = SAMPLE_BODIES[("POST", "/api/dwellings")](first)
    count = Dwelling.objects.count()
    response = api_as(other_officer).post("/api/dwellings", body)
    assert response.status_code == 422 and field_names(response) == ["area_id"]
    assert Dwelling.objects.count() == count


def test_another_municipalitys_housing_officer_can_neither_read_nor_decide(
    api_as, first, other_officer
):
    """REQ: SEC-1: the role that may decide, of the other municipality, still gets 404."""
    from velkomst.housing.models import PlacementSuggestion

    other = api_as(other_officer)
    suggestion = PlacementSuggestion.objects.get(pk=first["suggestion_id"])
    for path in (
        f"/api/placement-runs/{first['run_id']}/suggestions",
        f"/api/households/{first['household_id']}/placements",
        f"/api/neighbour-reports/{first['report_id']}",
        f"/api/allocation-meetings/{first['meeting_id']}",
    ):
        assert other.get(path).status_code == 404, path
    response = other.post(
        f"/api/placement-suggestions/{suggestion.pk}/accept", {"version": suggestion.version}
    )
    assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.decision == "pending" and suggestion.placement_id is None


SEARCH_PARAMETERS = {"q", "search"}


def _search_operations(contract: Any) -> list[str]:
    """Every GET of the schema that takes a free-text search parameter."""
    return sorted(
        template
        for template, item in contract.document["paths"].items()
        if "get" in item
        and any(
            p["in"] == "query" and p["name"] in SEARCH_PARAMETERS
            for p in item["get"].get("parameters", [])
        )
    )


def test_every_search_of_the_schema_finds_nothing_of_another_municipality(
    contract, api_as, first, caseworker, other_caseworker, other_household
):
    """REQ: SEC-1: generated from the schema: every operation with a search parameter, searched
    by each role of another municipality for the first one's family name and CPR: a 403, or none
    of its records or names."""
    from conftest import _make_user

    searches = _search_operations(contract)
    assert {"/api/persons", "/api/households"} <= set(searches)
    # the term finds them at home
    assert api_as(caseworker).get("/api/persons", q="Hadd").json()["count"] > 0
    municipality = other_caseworker.municipality
    outsiders = [other_caseworker] + [
        _make_user(municipality, role, f"ab-s-{role}", ())
        for role in ("manager", "job_consultant", "volunteer_coordinator", "administrator")
    ]
    own = {first["household_id"], first["person_id"], first["case_id"]}
    for outsider in outsiders:
        client = api_as(outsider)
        for template in searches:
            for term in ("Hadd", "140388"):
                params = dict.fromkeys(
                    {
                        p["name"]
                        for p in contract.document["paths"][template]["get"]["parameters"]
                        if p["name"] in SEARCH_PARAMETERS
                    },
                    term,
                )
                response = client.get(template, **params)
                where = f"{outsider.role} {template} {params}"
                assert response.status_code in (200, 403), where
                if response.status_code == 200:
                    assert not own & {item["id"] for item in response.json()["items"]}, where
                text = response.content.decode()
                assert not [s for s in SECRETS if s in text], where
