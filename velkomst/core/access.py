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
# round-table meetings (COO-3): read by the roles that work with the citizen across units, held
# (participants, agenda, decisions, follow-ups, minutes) by those who hold meetings about a plan
ROUNDTABLE_VIEW = "roundtable.view"
ROUNDTABLE_EDIT = "roundtable.edit"
# The resource bank (CIV-1, CIV-3, CIV-6): volunteers, their offers, certificates and hours
VOLUNTEER_VIEW = "volunteer.view"
VOLUNTEER_EDIT = "volunteer.edit"  # approve, decline, certificates, offers, hours, diplomas
# Matching volunteers and households (CIV-2): suggestions, matches and their follow-ups
PAIRING_VIEW = "pairing.view"
PAIRING_EDIT = "pairing.edit"  # propose matches, record acceptance, meetings, follow-ups, ends
PAIRING_WISH = "pairing.wish"  # record a household's wishes for a volunteer
# Referrals between units (COO-1): the roles that work with citizens send them and answer those
# their unit receives; a manager reads every unit's in- and outbox (COO-2's descriptions too)
REFERRAL_VIEW = "referral.view"
REFERRAL_SEND = "referral.send"  # send a referral, accept or return one the unit received
CONCERN_RECORD = "concern.record"  # record a concern about a child's welfare phoned in (CIV-3)
# Events and associations (CIV-4, CIV-5, CHI-4): the volunteer coordinator runs events and
# associations; caseworkers and family consultants invite their citizens and record leisure
COMMUNITY_VIEW = "community.view"
COMMUNITY_EDIT = "community.edit"  # events, associations, activities, free memberships
COMMUNITY_INVITE = "community.invite"  # invite citizens, pass them on to an association
PARTICIPATION_EDIT = "participation.edit"  # a person's participation in an association
# record and withdraw a citizen's consents to contact and to sharing between units (COO-4);
# consents to share health results are recorded by the health roles (HEALTH_EDIT)
CONSENT_EDIT = "consent.edit"
GRANTS_CLAIM = "grants.claim"  # record that a grant is claimed, and paid (PRG-7)
# Interpreting (INT-1): see bookings and the video share; request an interpreter for a meeting;
# book (assign, confirm, cancel, price) and keep the interpreter register
INTERPRETING_VIEW = "interpreting.view"
INTERPRETING_REQUEST = "interpreting.request"
INTERPRETING_BOOK = "interpreting.book"
# Management information (MI-1..6): the figures are aggregates (small counts suppressed for those
# outside the integration team); the persons behind a figure are a drill-down through the
# viewer's own visibility, audited; the strategy (guideposts, indicators, targets) and
# hand-entered figures are the administrator's; commentary and the status report the manager's;
# pseudonymised exports for analysis the manager's
INSIGHT_VIEW = "insight.view"  # indicators, figures, dashboards, finished status reports
INSIGHT_DRILL = "insight.drill"  # the list of citizens behind a figure
INSIGHT_REPORT = "insight.report"  # write commentary, generate the status report
INSIGHT_EXPORT = "insight.export"  # pseudonymised exports for analysis (MI-6)
# COO-5: handover when a household moves municipality: see the handovers, prepare and send one
# (the sending caseworker), accept or return an incoming one (the receiving administrator)
HANDOVER_VIEW = "handover.view"
HANDOVER_SEND = "handover.send"
HANDOVER_RECEIVE = "handover.receive"
STRATEGY_EDIT = "strategy.edit"  # guideposts, indicators, targets; hand-entered figures
# Retention and erasure (SEC-4): the retention rules, legal holds, and the erasure job's runs
RETENTION_MANAGE = "retention.manage"

# National distribution (NAT-1, NAT-2): the immigration service's national user, outside every
# municipality's tenancy, sees national reference data, quotas, the employment model and
# aggregates, never a municipality's case data; it uploads reference tables, computes quota
# plans, trains models, runs assignments and decides on their suggestions
NATIONAL_VIEW = "national.view"
NATIONAL_MANAGE = "national.manage"
NATIONAL_CAPABILITIES = frozenset({NATIONAL_VIEW, NATIONAL_MANAGE})
# CIT-2: type in a survey answered on paper or record a decline (the person's caseworker);
# the aggregated results (caseworker: of the unit's citizens; manager, administrator: all)
SURVEY_RECORD = "survey.record"
SURVEY_RESULTS = "survey.results"
# CIT-1: invite a citizen to their own entrance (a one-time link and a code); the caseworker, who
# holds the case and hands the code over
CITIZEN_INVITE = "citizen.invite"
# CIT-1: the questions citizens ask in their entrance: read them (of the citizens one sees) and
# answer them (the caseworker)
QUESTION_VIEW = "question.view"
QUESTION_ANSWER = "question.answer"

_MEETINGS = {APPOINTMENT_EDIT, CONTACT_LOG, CONTACT_REPORT}

_REFERRALS = {REFERRAL_VIEW, REFERRAL_SEND}

_READ_AND_NOTE = {PERSON_VIEW, NOTE_ADD, TASK_COMPLETE, CONSENT_EDIT} | _MEETINGS | _REFERRALS

_ROUNDTABLES = {ROUNDTABLE_VIEW, ROUNDTABLE_EDIT}

_COMMUNITY_INVITE = {COMMUNITY_VIEW, COMMUNITY_INVITE, PARTICIPATION_EDIT}

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.CASEWORKER: frozenset(
        _READ_AND_NOTE
        | {PERSON_EDIT, HOUSEHOLD_CREATE, CASE_CHANGE_PHASE, CASE_ASSIGN, PLAN_EDIT, HOUSING_VIEW}
        | {NEIGHBOUR_VIEW}
        | {PROGRAMME_VIEW, PROGRAMME_EDIT, COMPANY_VIEW, GRANTS_VIEW, GRANTS_CLAIM}
        | _ROUNDTABLES
        | {CONCERN_RECORD}
        | {PAIRING_VIEW, PAIRING_WISH}
        | {INTERPRETING_VIEW, INTERPRETING_REQUEST}
        | _COMMUNITY_INVITE
        | {SURVEY_RECORD, SURVEY_RESULTS}
        | {HANDOVER_VIEW, HANDOVER_SEND}
        | {CITIZEN_INVITE}
        | {QUESTION_VIEW, QUESTION_ANSWER}
    ),
    Role.JOB_CONSULTANT: frozenset(
        _READ_AND_NOTE
        | {PROGRAMME_VIEW, PROGRAMME_EDIT, COMPANY_VIEW, COMPANY_EDIT, GRANTS_VIEW}
        | _ROUNDTABLES
    ),
    # no journal notes: housing has no need to read them (core/fields.py), so none to write them
    Role.HOUSING_OFFICER: frozenset(
        {PERSON_VIEW, TASK_COMPLETE}
        | _MEETINGS
        | {HOUSING_VIEW, HOUSING_EDIT}
        | {NEIGHBOUR_VIEW, NEIGHBOUR_HANDLE}
        | {ROUNDTABLE_VIEW}
        | _REFERRALS
    ),
    Role.FAMILY_CONSULTANT: frozenset(
        _READ_AND_NOTE
        | {PERSON_EDIT, PLAN_EDIT, PROGRAMME_VIEW, CONCERN_RECORD}
        | _ROUNDTABLES
        | _COMMUNITY_INVITE
    ),
    Role.HEALTH_COORDINATOR: frozenset(
        _READ_AND_NOTE | {HEALTH_VIEW, HEALTH_EDIT, PROGRAMME_VIEW} | _ROUNDTABLES
    ),
    Role.VOLUNTEER_COORDINATOR: frozenset(
        {PERSON_VIEW, TASK_COMPLETE, CONSENT_EDIT, CONCERN_RECORD}
        | {VOLUNTEER_VIEW, VOLUNTEER_EDIT}
        | {PAIRING_VIEW, PAIRING_EDIT, PAIRING_WISH}
        | _REFERRALS
        | _COMMUNITY_INVITE
        | {COMMUNITY_EDIT}
    ),
    Role.INTERPRETER_COORDINATOR: frozenset(
        {PERSON_VIEW, TASK_COMPLETE}
        | _MEETINGS
        | _REFERRALS
        | {INTERPRETING_VIEW, INTERPRETING_REQUEST, INTERPRETING_BOOK}
    ),
    Role.MANAGER: frozenset(
        {PERSON_VIEW, CASE_ASSIGN, AUDIT_VIEW, SEE_ALL_CITIZENS, CONTACT_REPORT, HOUSING_VIEW}
        | {NEIGHBOUR_VIEW, PROGRAMME_VIEW, COMPANY_VIEW, GRANTS_VIEW, GRANTS_CLAIM, ROUNDTABLE_VIEW}
        | {VOLUNTEER_VIEW, REFERRAL_VIEW, PAIRING_VIEW, INTERPRETING_VIEW, COMMUNITY_VIEW}
        | {INSIGHT_VIEW, INSIGHT_DRILL, INSIGHT_REPORT, INSIGHT_EXPORT, SURVEY_RESULTS}
    ),
    Role.ADMINISTRATOR: frozenset(
        {AUDIT_VIEW, ADMIN_SITE, SEE_ALL_CITIZENS, TEMPLATE_EDIT, INSIGHT_VIEW, STRATEGY_EDIT}
        | {RETENTION_MANAGE}
        | {SURVEY_RESULTS}
        | {HANDOVER_VIEW, HANDOVER_RECEIVE}
    ),
    # no municipality: only the national capabilities (``capabilities`` below)
    Role.NATIONAL: NATIONAL_CAPABILITIES,
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


def is_national(user: StaffUser) -> bool:
    """The immigration service's national user: the national role and no municipality."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.NATIONAL
        and user.municipality_id is None
    )


def capabilities(user: StaffUser) -> frozenset[str]:
    """A municipality's staff member: the role's capabilities in the municipality; the national
    user (no municipality): the national ones only; a national role given a municipality, or a
    municipal role without one: none."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.role == Role.NATIONAL:
        return NATIONAL_CAPABILITIES if user.municipality_id is None else frozenset()
    if user.municipality_id is None:
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
