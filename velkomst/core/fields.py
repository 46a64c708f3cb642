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
MASKED: Level = "masked"  # CPR: the birth-date part only, DDMMYY-XXXX (mask_cpr)
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
    },
}

# Fields of citizens' records that are shown to every role that may see the record at all, each
# with the reason it needs no finer rule (a test fails on a model field in neither list).
NOT_CONFIDENTIAL: dict[str, str] = {
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
    "neighbours.NeighbourReport.description": "a landlord's report, read by those handling "
    "neighbour problems (neighbour.view)",
    "neighbours.NeighbourReport.resolution": "how a neighbour case ended, for its handlers",
    "neighbours.ReportEvent.text": "a neighbour case's timeline, for its handlers",
    "programme.IntegrationPlan.direction_reason": "why the plan is job-, education- or "
    "rehabilitation-directed, for the plan's team (programme.view); health details belong in "
    "the health records",
    "programme.Activity.note": "practical remarks on an activity (contact, schedule) for the "
    "plan's team (programme.view); case content belongs in the journal",
    "programme.SupportMeasure.note": "what the support is (bus zones, mentor's name) for the "
    "plan's team (programme.view)",
    "programme.IntegrationContract.refusal_reason": "the citizen's stated reason for refusing "
    "the contract, for the plan's team (programme.view); case content belongs in the journal",
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


def audit_changes(user: StaffUser | Any, changes: dict[str, Any] | None) -> dict[str, Any]:
    """An audit entry's ``{field: [old, new]}`` as the user may see it: CPR numbers (a changed
    ``cpr``, or a search term ``q`` that is a CPR number) shown at the user's CPR level."""
    if not changes:
        return {}
    shown: dict[str, Any] = {}
    for key, values in changes.items():
        if key in ("cpr", "q") and isinstance(values, list):
            values = [_cpr_value(user, value, always=key == "cpr") for value in values]
        shown[key] = values
    return shown


def _cpr_value(user: StaffUser | Any, value: Any, *, always: bool) -> Any:
    if not isinstance(value, str) or not value:
        return value
    digits = value.replace("-", "").replace(" ", "")
    if not always and not (digits.isdigit() and len(digits) > 6):
        return value
    return show_cpr(user, digits) or "–"
