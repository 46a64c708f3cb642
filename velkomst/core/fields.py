"""Need-to-know: which confidential fields each role sees in full, masked or not at all (SEC-2).

The one place that decides it. Pages (the ``fields`` template filters), the API's output schemas,
the exports and the searches ask this module; none of them decides on its own. A decision is a
role lookup only, so it costs no query. The matrix with the reason for each cell is in
docs/architecture.md ("Need-to-know"); a generated test walks every page, API operation and
export as every role and checks that the full CPR number and a journal note's text appear exactly
where this module allows them.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied

from velkomst.people.validators import mask_cpr

from .models import Role, StaffUser

Level = Literal["full", "masked", "hidden"]
FULL: Level = "full"
MASKED: Level = "masked"  # CPR: the birth date shown, the last four digits as X (mask_cpr)
HIDDEN: Level = "hidden"
_ORDER: dict[Level, int] = {HIDDEN: 0, MASKED: 1, FULL: 2}

CPR = "people.Person.cpr"
JOURNAL_NOTES = "people.JournalNote.text"

# role -> level, per confidential field. Reasons: docs/architecture.md, "Need-to-know".
POLICY: dict[str, dict[str, Level]] = {
    CPR: {
        Role.CASEWORKER: FULL,
        Role.FAMILY_CONSULTANT: FULL,
        Role.JOB_CONSULTANT: FULL,
        Role.HEALTH_COORDINATOR: FULL,
        Role.HOUSING_OFFICER: MASKED,
        Role.MANAGER: MASKED,
        Role.ADMINISTRATOR: MASKED,
        Role.VOLUNTEER_COORDINATOR: HIDDEN,
        Role.INTERPRETER_COORDINATOR: HIDDEN,
        Role.NATIONAL: HIDDEN,  # no municipality's case data at all
    },
    JOURNAL_NOTES: {
        Role.CASEWORKER: FULL,
        Role.FAMILY_CONSULTANT: FULL,
        Role.JOB_CONSULTANT: FULL,
        Role.HEALTH_COORDINATOR: FULL,
        Role.MANAGER: FULL,
        Role.HOUSING_OFFICER: HIDDEN,
        Role.ADMINISTRATOR: HIDDEN,
        Role.VOLUNTEER_COORDINATOR: HIDDEN,
        Role.INTERPRETER_COORDINATOR: HIDDEN,
        Role.NATIONAL: HIDDEN,
    },
}

# Health data (GDPR art. 9, HEA-1): the health coordinator reads it in full, every other role
# not at all; a municipality may grant more roles the reading of it explicitly (config
# ``health_view_roles``, asked by velkomst.health.policy, which every health page and route goes
# through). Reasons: docs/architecture.md, "Need-to-know".
HEALTH_CONCLUSION = "health.HealthAssessment.conclusion"
HEALTH_FIELDS = (
    HEALTH_CONCLUSION,
    "health.HealthAssessment.work_capacity",
    "health.HealthAssessment.doctor",
    "health.HealthReferral.note",
    # a barrier's details: a health or trauma barrier's are health data. The rule is by the
    # barrier's kind: the plan's team reads a non-health barrier's details on the barrier pages
    # (velkomst.health.selectors.BarrierRow); the audit log, which cannot tell, hides them all
    "health.Barrier.description",
)
_HEALTH_ONLY: dict[str, Level] = {role: HIDDEN for role in Role.values} | {
    Role.HEALTH_COORDINATOR: FULL
}
POLICY.update({name: dict(_HEALTH_ONLY) for name in HEALTH_FIELDS})

# Fields of citizens' records that are shown to every role that may see the record at all, each
# with the reason it needs no finer rule (a test fails on a model field in neither list).
NOT_CONFIDENTIAL: dict[str, str] = {
    "people.JournalNote.internal": "whether a journal note is internal (a flag, no content): "
    "internal notes never pass with a handover to another municipality (COO-5)",
    "handover.Handover.return_reason": "why the receiving municipality returned a handover, "
    "read by the handover's two municipalities (handover.view, COO-5); case content belongs in "
    "the journal",
    "insight.ReportCommentary.text": "the manager's commentary on a guidepost's figures in the "
    "annual status report, written for the city council; about aggregates, no citizen (MI-3)",
    "insight.StatusReport.error": "why making a status report failed (a technical message)",
    "retention.Run.error": "why a retention run stopped (a technical message, ids only)",
    "strategies.Guidepost.description": "the municipality's strategy text, about no citizen",
    "interpreting.Booking.note": "practical remarks for an interpreter booking (where to meet, "
    "what to bring), read by those who book interpreters; case content belongs in the journal",
    "roundtables.AgendaItem.notes": "a round table's minutes, read by the roles that see round "
    "tables (roundtable.view) and those at the table; shared outward only under consent (COO-3)",
    "roundtables.Decision.text": "a round table's decisions, read as its minutes are (COO-3)",
    "volunteers.Volunteer.about": "what a volunteer tells about themselves, read by the volunteer "
    "coordinator (volunteer.view, CIV-1)",
    "volunteers.Volunteer.decision_reason": "why a registration was declined, read by the "
    "volunteer coordinator (CIV-1)",
    "referrals.Referral.text": "what a referral asks of the receiving unit, read by the sending "
    "and receiving units (referral.view); what it shares of the case goes under consent (COO-1)",
    "referrals.Referral.return_reason": "why a referral was returned, read as the referral is",
    "referrals.Referral.result": "what came of a referral, read as the referral is (COO-1)",
    "pairings.Wish.note": "a household's wishes for a volunteer, read by those who match "
    "volunteers and households (pairing.view, CIV-2)",
    "pairings.Match.decline_reason": "why a volunteer match was declined, read as the match is",
    "pairings.Match.end_note": "why a volunteer match ended, read as the match is (CIV-2)",
    "community.Event.description": "an event's description (CIV-4): about the event, no citizen",
    "national.AssignmentRun.error": "why an assignment run failed (a technical message), read "
    "by the national user only; the households are anonymous references (NAT-1)",
    "national.Suggestion.decision_reason": "why the case officer changed a suggested municipality "
    "(family, a job offer), read by the national user only; about an anonymous household (NAT-1)",
    "community.Association.note": "a note on an association (forening, CIV-5), no citizen",
    "people.Person.first_name": "identifies the citizen to everyone who works with them",
    "people.Person.last_name": "identifies the citizen to everyone who works with them",
    "people.Person.birth_date": "age decides tasks, school and rooms; shown in the masked CPR too",
    "people.Person.sex": "needed to address and house people; no special category",
    "people.Person.nationality": "interpreting, culture and statistics; no special category",
    "people.Person.residence_basis": "which rules apply (programme, family reunification); on the "
    "citizen's own residence card; no special category",
    "people.Person.relation": "who belongs to whom in the household",
    "people.Person.search_name": "the names above and the household's, folded for search; never "
    "shown",
    "people.PersonLanguage.language": "interpreting and every meeting need it",
    "people.PersonLanguage.proficiency": "interpreting and every meeting need it",
    "people.PersonLanguage.interpreter_needed": "interpreting and every meeting need it",
    "people.Household.name": "identifies the household",
    "people.Household.expected_arrival_date": "everyone plans around the arrival",
    "people.Household.arrival_date": "everyone plans around the arrival",
    "people.Household.asylum_centre": "where to meet the household before arrival",
    "people.Household.address": "where to meet the household; housing, volunteers and "
    "interpreters go there",
    "people.Case.phase": "what the citizen is in the middle of; plans follow it",
    "people.Case.end_reason": "why the programme ended (self-supporting, education, moved); "
    "no details of the case",
    "people.Case.visitation_date": "the programme's dates; deadlines follow them",
    "people.Case.takeover_date": "the programme's dates; deadlines follow them",
    "people.Case.programme_end_date": "the programme's dates; deadlines follow them",
    "people.Case.caseworker": "whom to contact about the citizen",
    "people.JournalNote.author": "shown only with the note itself",
    "people.JournalNote.created_at": "shown only with the note itself",
    "people.JournalNote.corrects": "shown only with the note itself",
    "people.PhaseTransition.from_phase": "the phase history: what the citizen went through",
    "people.PhaseTransition.to_phase": "the phase history: what the citizen went through",
    "people.PhaseTransition.effective_date": "the phase history: what the citizen went through",
    "people.PhaseTransition.end_reason": "the phase history: what the citizen went through",
    "people.PhaseTransition.reason": "a phase change's short reason (arrived, self-supporting); "
    "case content belongs in the journal",
    "people.PhaseTransition.actor": "who changed the phase",
    "people.PhaseTransition.recorded_at": "when the phase was changed",
    "people.CaseAssignment.kind": "who works with the citizen, over time",
    "people.CaseAssignment.staff": "who works with the citizen, over time",
    "people.CaseAssignment.started_at": "who works with the citizen, over time",
    "people.CaseAssignment.ended_at": "who works with the citizen, over time",
    "people.CaseAssignment.reason": "an assignment's short reason (new caseworker, absence)",
    "people.CaseAssignment.actor": "who made the assignment",
    "appointments.Appointment.notes": "practical remarks for those taking part in a meeting "
    "(interpreter, bring documents); case content belongs in the journal",
    "appointments.Appointment.external_participants": "who else takes part in the meeting",
    "appointments.ContactLog.note": "a counselling contact's topic note for those logging contacts; "
    "case content belongs in the journal",
    "reception.TemplateTask.description": "how to do a task: the municipality's text, no citizen's",
    "reception.PlanTask.description": "how to do a task: the municipality's text, no citizen's",
    "welcome.WelcomeText.text": "the welcome folder's texts: the municipality's, no citizen's",
    "housing.PlacementRun.error": "a placement run's technical error",
    "consent.Consent.note": "what the citizen agreed to and how (an oral consent's note), read by "
    "those who share under it (COO-4); case content belongs in the journal",
    "consent.Consent.withdrawal_note": "how the citizen withdrew a consent, read by those who "
    "would share under it (COO-4)",
    "questions.Question.text": "a citizen's own question to the caseworker (CIT-1), read only by "
    "the roles that may read questions at all (question.view: caseworkers), so the capability "
    "is the rule; case content belongs in the journal",
    "questions.Question.answer": "the caseworker's answer to the citizen, read by the citizen and "
    "by question.view (CIT-1)",
    "surveys.Response.comment": "the citizen's optional comment on a survey, stored apart from "
    "the case with the answers and shown on no page or API response (CIT-2)",
    "matching.MatchingRun.error": "a matching run's technical error (no citizen's data)",
    "neighbours.NeighbourReport.description": "a landlord's report, read by those handling "
    "neighbour problems (neighbour.view)",
    "neighbours.NeighbourReport.resolution": "how a neighbour case ended, for its handlers",
    "neighbours.ReportEvent.text": "a neighbour case's timeline, for its handlers",
    "health.Barrier.measure": "a barrier's measure is the plan team's work (PRG-6); a health or "
    "trauma barrier shows to roles without health data only as 'a health barrier' with it",
    "health.CareCoordination.goal": "the shared goal of a coordinated plan across units (HEA-2), "
    "read by every unit in it; diagnoses belong on the health page",
    "health.CoordinatedMeasure.measure": "a unit's measure in a coordinated plan (HEA-2), read by "
    "every unit in it; diagnoses belong on the health page",
    "programme.IntegrationPlan.direction_reason": "why the plan is job-, education- or "
    "rehabilitation-directed, for the plan's team (programme.view); health details belong in "
    "the health records",
    "programme.Activity.note": "practical remarks on an activity (contact, schedule) for the "
    "plan's team (programme.view); case content belongs in the journal",
    "programme.SupportMeasure.note": "what the support is (bus zones, mentor's name) for the "
    "plan's team (programme.view)",
    "programme.IntegrationContract.refusal_reason": "the citizen's stated reason for refusing "
    "the contract, for the plan's team (programme.view); case content belongs in the journal",
    # MI-4 costs: the municipality's own expenditure, not facts about the citizen; the record's
    # kind (rehabilitation, mentor) already shows whatever a price could hint at
    "programme.Activity.price_per_week": "what the municipality pays the provider a week; its "
    "own expenditure, shown with the activity to the plan's team and summed for management",
    "programme.SupportMeasure.price_per_month": "what the municipality pays a month for the "
    "support (a bus card); its own expenditure, as the activity's price",
    "housing.Placement.monthly_cost": "the dwelling's rent and utilities on the move-in day, "
    "which the dwelling register already shows to those who read housing",
}

# Bookkeeping and links that every reader of a record sees (not data about the citizen as such)
BOOKKEEPING = frozenset(
    {"id", "municipality", "version", "created_at", "updated_at", "household", "person", "case"}
)


def level(user: StaffUser | Any, field: str) -> Level:
    """How much of ``field`` the user's role sees; unknown roles and anonymous users: nothing."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return HIDDEN
    if getattr(user, "municipality_id", None) is None:
        return HIDDEN
    return POLICY[field].get(getattr(user, "role", ""), HIDDEN)


def capped(user: StaffUser | Any, field: str, cap: Level) -> Level:
    """The user's level, at most ``cap`` (lists show CPR numbers masked even to full roles)."""
    own = level(user, field)
    return own if _ORDER[own] <= _ORDER[cap] else cap


def show_cpr(user: StaffUser | Any, cpr: str, *, cap: Level = FULL) -> str | None:
    """The CPR number as the user may see it: the number, masked, or None (not shown at all)."""
    shown = capped(user, CPR, cap)
    if shown == FULL:
        return cpr
    if shown == MASKED:
        return mask_cpr(cpr)
    return None


def cpr_search_prefix(user: StaffUser | Any, digits: str) -> str | None:
    """The digits a CPR search may match on, as a prefix of the number.

    A role that sees full numbers searches on every digit typed. A role that sees them masked
    searches on the birth-date part only (the first six digits), so typing the last four finds
    the same people whether they are right or wrong: the search is no oracle for digits the role
    may not see. A role that sees no CPR number cannot search by it at all (None).
    """
    shown = level(user, CPR)
    if shown == FULL:
        return digits
    if shown == MASKED:
        return digits[:6]
    return None


def can_read_notes(user: StaffUser | Any) -> bool:
    return level(user, JOURNAL_NOTES) == FULL


def require_notes(user: StaffUser | Any) -> None:
    """Journal notes: a role without the need gets 403 on every route (page, API)."""
    if not can_read_notes(user):
        raise PermissionDenied("journal notes")


def audit_changes(
    user: StaffUser | Any, changes: dict[str, Any] | None, record: str = ""
) -> dict[str, Any]:
    """An audit entry's ``{field: [old, new]}`` as the user may see it: CPR numbers (a changed
    ``cpr``, or a search term ``q`` that is a CPR number) shown at the user's CPR level; a field
    of ``record`` (the entry's model label) that the policy hides from the user as "–"."""
    if not changes:
        return {}
    shown: dict[str, Any] = {}
    for key, values in changes.items():
        if key in ("cpr", "q") and isinstance(values, list):
            values = [_cpr_value(user, value, always=key == "cpr") for value in values]
        elif isinstance(values, list) and _hidden(user, f"{record}.{key}"):
            values = ["–" if v not in (None, "") else v for v in values]
        shown[key] = values
    return shown


def _hidden(user: StaffUser | Any, field: str) -> bool:
    return field in POLICY and level(user, field) == HIDDEN


def _cpr_value(user: StaffUser | Any, value: Any, *, always: bool) -> Any:
    if not isinstance(value, str) or not value:
        return value
    digits = value.replace("-", "").replace(" ", "")
    if not always and not (digits.isdigit() and len(digits) > 6):
        return value
    return show_cpr(user, digits) or "–"
