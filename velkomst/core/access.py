"""Who may do what: capabilities per role (SEC-2).

Which citizens a user sees is decided by the selectors (unit membership, or being the case's
caseworker or contact person); this module decides which actions a role may take at all.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .models import Role, StaffUser

PERSON_VIEW = "person.view"
PERSON_EDIT = "person.edit"
HOUSEHOLD_CREATE = "household.create"
CASE_CHANGE_PHASE = "case.change_phase"
CASE_ASSIGN = "case.assign"
NOTE_ADD = "note.add"
HEALTH_VIEW = "health.view"  # special-category data (GDPR art. 9)
AUDIT_VIEW = "audit.view"
SEE_ALL_CITIZENS = "citizens.all"  # every citizen of the municipality, not only the unit's
ADMIN_SITE = "admin.site"
TASK_COMPLETE = "task.complete"  # tick off reception-plan tasks (of one's role, or as caseworker)
PLAN_EDIT = "plan.edit"  # generate a household's plan, add or remove its tasks
TEMPLATE_EDIT = "template.edit"  # the municipality's reception-plan template
APPOINTMENT_EDIT = "appointment.edit"  # book, change, cancel and close meetings with households
CONTACT_LOG = "contact.log"  # record open-counselling and house-meeting contacts (REC-8)
CONTACT_REPORT = "contact.report"  # the counts of contacts by kind, topic and month (REC-8)
HOUSING_VIEW = "housing.view"  # the dwelling register and households' housing needs (HOU-1, 2)
HOUSING_EDIT = "housing.edit"  # areas, dwellings, import and housing needs
NEIGHBOUR_VIEW = "neighbour.view"  # neighbour-problem reports (HOU-8)
NEIGHBOUR_HANDLE = "neighbour.handle"  # own, answer, link and close reports; reporting channels
# The integration programme (PRG-1..8): contract, plan, activities, Danish education,
# competences and outcomes are read by the roles that work with the plan and written by the
# caseworker and the job consultant; companies and openings are the job consultant's register
PROGRAMME_VIEW = "programme.view"
PROGRAMME_EDIT = "programme.edit"
COMPANY_VIEW = "company.view"
COMPANY_EDIT = "company.edit"
HEALTH_EDIT = "health.edit"  # record health assessments, conclusions and referrals (HEA-1)
GRANTS_VIEW = "grants.view"  # the result grants the municipality can claim (PRG-7)

_MEETINGS = {APPOINTMENT_EDIT, CONTACT_LOG, CONTACT_REPORT}

_READ_AND_NOTE = {PERSON_VIEW, NOTE_ADD, TASK_COMPLETE} | _MEETINGS

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.CASEWORKER: frozenset(
        _READ_AND_NOTE
        | {PERSON_EDIT, HOUSEHOLD_CREATE, CASE_CHANGE_PHASE, CASE_ASSIGN, PLAN_EDIT, HOUSING_VIEW}
        | {NEIGHBOUR_VIEW}
        | {PROGRAMME_VIEW, PROGRAMME_EDIT, COMPANY_VIEW, GRANTS_VIEW}
    ),
    Role.JOB_CONSULTANT: frozenset(
        _READ_AND_NOTE | {PROGRAMME_VIEW, PROGRAMME_EDIT, COMPANY_VIEW, COMPANY_EDIT, GRANTS_VIEW}
    ),
    # no journal notes: housing has no need to read them (core/fields.py), so none to write them
    Role.HOUSING_OFFICER: frozenset(
        {PERSON_VIEW, TASK_COMPLETE}
        | _MEETINGS
        | {HOUSING_VIEW, HOUSING_EDIT}
        | {NEIGHBOUR_VIEW, NEIGHBOUR_HANDLE}
    ),
    Role.FAMILY_CONSULTANT: frozenset(_READ_AND_NOTE | {PERSON_EDIT, PLAN_EDIT, PROGRAMME_VIEW}),
    Role.HEALTH_COORDINATOR: frozenset(_READ_AND_NOTE | {HEALTH_VIEW, HEALTH_EDIT, PROGRAMME_VIEW}),
    Role.VOLUNTEER_COORDINATOR: frozenset({PERSON_VIEW, TASK_COMPLETE}),
    Role.INTERPRETER_COORDINATOR: frozenset({PERSON_VIEW, TASK_COMPLETE} | _MEETINGS),
    Role.MANAGER: frozenset(
        {PERSON_VIEW, CASE_ASSIGN, AUDIT_VIEW, SEE_ALL_CITIZENS, CONTACT_REPORT, HOUSING_VIEW}
        | {NEIGHBOUR_VIEW, PROGRAMME_VIEW, COMPANY_VIEW, GRANTS_VIEW}
    ),
    Role.ADMINISTRATOR: frozenset({AUDIT_VIEW, ADMIN_SITE, SEE_ALL_CITIZENS, TEMPLATE_EDIT}),
}


# Who may hold a citizen's case (REC-5): the fixed caseworker is a caseworker; a contact person is
# a role that works with the citizen (reads the case and ticks off its tasks), never one that
# oversees (manager) or configures (administrator). Choice lists offer only these.
CASEWORKER_ROLES: frozenset[str] = frozenset({Role.CASEWORKER})
CONTACT_PERSON_ROLES: frozenset[str] = frozenset(
    role
    for role, caps in ROLE_CAPABILITIES.items()
    if {PERSON_VIEW, TASK_COMPLETE} <= caps and SEE_ALL_CITIZENS not in caps
)


def capabilities(user: StaffUser) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active or user.municipality_id is None:
        return frozenset()
    return ROLE_CAPABILITIES.get(user.role, frozenset())


def tenant_id(user: StaffUser) -> int:
    """The acting user's municipality id; a user without one sees no citizens' data."""
    if user.municipality_id is None:
        raise PermissionDenied("no municipality")
    return user.municipality_id


def can(user: StaffUser, capability: str) -> bool:
    return capability in capabilities(user)


def require(user: StaffUser, capability: str) -> None:
    if not can(user, capability):
        raise PermissionDenied(capability)


def require_in_tenant(user: StaffUser, capability: str, municipality_id: int) -> None:
    """``capability``, on data of the user's own municipality (else PermissionDenied)."""
    require(user, capability)
    if municipality_id != tenant_id(user):
        raise PermissionDenied("another municipality's data")
