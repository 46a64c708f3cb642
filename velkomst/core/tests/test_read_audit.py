"""Every page and API response that shows a citizen's data writes its audit row (SEC-3).

The walk goes over EVERY URL pattern with an id (and every API operation with one) as each role
that may open it; whenever a response shows a member of the household (by name, or the
household's name for all of them), an audit row of that member by that user must have been
written by that request. A maintained list names the pages that must show a member to some role,
so the walk cannot pass by showing nothing; each other id route is named with why it shows none.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from velkomst.core.models import AuditEntry

from .test_tenancy import _fill, world_ids

pytestmark = pytest.mark.django_db

ROLES = [
    "caseworker",
    "housing_officer",
    "family_consultant",
    "manager",
    "administrator",
    "volunteer_coordinator",
    "health_coordinator",
    "interpreter_coordinator",
]


def _named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _named_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.name


@pytest.fixture
def world(household, staff):
    from velkomst.families.services import placements_create_for_household
    from velkomst.visitation import services as visitation
    from velkomst.visitation.tests.files import csv_bytes, person

    ids = world_ids(household, staff)
    batch = visitation.batch_upload(
        acting_user=staff["caseworker"],
        file_name="x.csv",
        content=csv_bytes([person(fornavn="Amal", efternavn="Haddad", køn="K")]),
    )
    ids["import_batch"] = batch.pk
    ids["child"] = household.members.get(first_name="Lina").pk
    placements_create_for_household(household=household, acting_user=staff["caseworker"])
    from velkomst.core.tests.test_field_policy import national_objects

    ids.update(national_objects(staff))  # national distribution (NAT-1): the national user's
    return ids


# Routes whose id is not the one ``_fill`` gives (a child's daycare or school placement).
ROUTE_IDS = {"placement-edit": "child"}

# The pages that show a household's members to some role (each must, in the walk).
SHOWS_PERSONS = {
    # citizens' questions (CIT-1): the question names the citizen; the attachment is theirs
    "question-detail",
    "question-attachment",
    # surveys (CIT-2): the person's surveys, typing in a paper form, a decline
    "survey-person",
    "survey-answer",
    "survey-decline",
    # volunteer matching (CIV-2): a household's suggestions and wishes, a match, name its members
    "pairings-suggestions",
    "pairings-wish",
    "pairings-match",
    "audit-person",
    "person-detail",
    "person-edit",
    "household-detail",
    "household-edit",
    "case-phase",
    "case-caseworker",
    "household-plan",
    "plan-task-add",
    "task-done",
    "task-not-relevant",
    "task-reopen",
    "task-remove",
    "visitation-review",
    "household-appointments",
    "appointment-edit",
    "appointment-cancel",
    "household-placements",
    "placement-edit",
    "welcome-preview",
    "welcome-pdf",
    "household-housing",
    "household-housing-need",
    "housing-run-detail",
    "housing-suggestion-change",
    "hosts-offer-detail",
    "hosts-meeting-detail",
    "household-lodging-profile",
    "associations-meeting-detail",
    "associations-meeting-export",
    "associations-line-detail",
    "neighbours-report-detail",
    "danish-person",
    "danish-referral-create",
    "danish-referral-edit",
    "danish-module-edit",
    "danish-attendance-edit",
    "danish-exam-create",
    "danish-exam-edit",
    "danish-centre-export",
    "outcomes-person",
    "outcomes-employment-create",
    "outcomes-education-create",
    "outcomes-benefit-create",
    "outcomes-self-supporting",
    "outcomes-employment-edit",
    "outcomes-education-edit",
    "outcomes-benefit-edit",
    "outcomes-grant-claim",
    "outcomes-claim-edit",
    "company-detail",
    "opening-detail",
    "proposal-detail",
    "job-event-detail",
    "job-invitation-letter",
    "competences",
    "competences-cv",
    "family-plan",
    "family-plan-pdf",
    # health (HEA-1, HEA-2, PRG-6): every page names the person or the household
    "health-person",
    "health-offer-create",
    "health-assessment-create",
    "health-referral-create",
    "health-consent-create",
    "health-offer-answer",
    "health-assessment-edit",
    "health-assessment-share",
    "health-referral-edit",
    "consent-withdraw",
    "consent-person",
    "consent-create",
    "person-barriers",
    "barrier-create",
    "barrier-edit",
    "coordination-create",
    "coordination-detail",
    "coordination-measure-add",
    "programme-plan",
    "programme-contract-pdf",
    "programme-activity-edit",
    "programme-goal-edit",
    "programme-support-edit",
    "opening",  # matching: the persons ranked for an opening
    "person",  # matching: the openings ranked for a person
    "run",  # matching: a batch run's suggestions
    # round tables (COO-3): the household's list and form, a round table, its minutes
    "roundtable-household",
    "roundtable-detail",
    "roundtable-minutes-pdf",
    # the resource bank (CIV-6): Amal volunteers; her entry, offers and diploma are her data
    "volunteers-detail",
    "volunteers-edit",
    "volunteers-offer-create",
    "volunteers-offer-edit",
    "volunteers-diploma-pdf",
    # referrals between units (COO-1): each names the citizen it is about
    "referral-inbox",
    "referral-outbox",
    "referral-detail",
    "referral-create",
    # interpreting (INT-1): the meeting's household is named
    "interpreting-appointment",
    "interpreting-booking-edit",
    # events and associations (CIV-4, CIV-5, CHI-4)
    "event-detail",
    "invitation-text",
    "association-detail",
    "participation-end",
    "household-leisure",
    # handover when a household moves (COO-5): the sending side's household and its members
    "handover-move",
    "handover-detail",
    # the citizen's entrance (CIT-1): the caseworker's page that invites a person
    "citizen-invite",
}
# The other routes with an id, and why they show no citizen.
NO_PERSON_DATA = {
    # retention and erasure (SEC-4): rules, holds and runs show kinds, ids and counts only
    "retention-run": "a retention run's state and counts per record kind and rule, no citizen",
    "retention-run-progress": "a run's progress, no citizen",
    "retention-run-approve": "POST only, redirects to the run",
    "retention-run-discard": "POST only, redirects to the run",
    "retention-run-download": "the dry run's items: record kinds and ids, no citizen's data",
    "retention-hold-lift": "POST only, redirects to the holds",
    # the strategy (MI-1): guideposts, indicators, targets and hand-entered aggregate figures
    "strategy-version": "a version of the municipality's strategy, no citizen",
    "strategy-draft-edit": "a draft's title, day in force and note",
    "strategy-draft-publish": "POST only, redirects to the version",
    "strategy-draft-preset": "POST only, redirects to the version",
    "strategy-draft-discard": "POST only, redirects to the versions",
    "strategy-guidepost-new": "the guidepost form of a draft",
    "strategy-guidepost-edit": "a guidepost of a draft",
    "strategy-guidepost-remove": "POST only, redirects to the version",
    "strategy-guidepost-move": "POST only, redirects to the version",
    "strategy-indicator-new": "the indicator form of a guidepost",
    "strategy-indicator-edit": "an indicator of a draft",
    "strategy-indicator-remove": "POST only, redirects to the version",
    "strategy-indicator-move": "POST only, redirects to the version",
    "strategy-figure-edit": "a hand-entered aggregate figure, no citizen",
    # the status report (MI-3): aggregates with small counts hidden, the manager's commentary
    "insight-report-progress": "a report's progress, no citizen",
    # national distribution (NAT-1, NAT-2): the national user's own data, no citizen
    "national-table": "a reference table: figures per municipality",
    "national-plan": "a quota plan: figures per municipality",
    "national-plan-agreement": "a regional agreement on a quota plan",
    "national-plan-revision": "a revision of a quota plan's national figure",
    "national-model": "a model card: aggregate metrics",
    "national-run": "an assignment run: anonymous household references",
    "national-run-progress": "a run's progress, no citizen",
    "national-suggestion-decide": "a decision on an anonymous household's suggestion",
    "insight-report-download": "the report's file: aggregates, small counts hidden (MI-6); the "
    "download is an export row of its own",
    "insight-report-commentary": "a manager's commentary on a guidepost, no citizen",
    "pairings-propose": "POST only; a refused one shows the suggestions again (the POST walk)",
    "pairings-step": "POST only; a refused one shows the match again (the POST walk)",
    "note-add": "POST only; a failed one shows the person page again (the POST walk)",
    "task-checklist-item": "POST only (a GET redirects to the plan); a tick is audited per member "
    "as a change",
    "case-contacts": "POST only, redirects to the person page",
    "appointment-outcome": "POST only, redirects to the household's appointments",
    "appointment-ics": "the meeting's time, place and kind, without names",
    "plan-template-detail": "the municipality's template, no citizen",
    "plan-template-task-add": "the municipality's template, no citizen",
    "plan-template-active": "the municipality's template, no citizen",
    "template-task-edit": "the municipality's template, no citizen",
    "template-task-delete": "the municipality's template, no citizen",
    "visitation-cancel": "POST only",
    "housing-area-edit": "an area: name, kind, travel times",
    "housing-dwelling-edit": "a dwelling of the register, without its occupants",
    "housing-run-decide-all": "POST only, redirects to the run",
    "housing-suggestion-decide": "POST only, redirects to the run",
    "hosts-host-detail": "the host and the offers, without households",
    "hosts-host-edit": "the host",
    "hosts-offer-create": "the host",
    "hosts-offer-edit": "the offer",
    "hosts-meeting-propose": "POST only, redirects to the offer",
    "associations-edit": "a housing association",
    "associations-move-outs": "an association's move-out numbers",
    "associations-meeting-edit": "the meeting's date and note",
    "associations-meeting-recompute": "POST only",
    "neighbours-report-event": "POST only; a failed one shows the case again (the POST walk)",
    "neighbours-report-owner": "POST only; a failed one shows the case again (the POST walk)",
    "neighbours-report-link": "the report; as choices, the households living in the "
    "municipality's dwellings (a picker of names, like the lists)",
    "neighbours-report-close": "the report's number and the closing form",
    "neighbours-channel-edit": "a reporting channel",
    "neighbours-channel-renew": "POST only",
    "danish-module-add": "POST only; a failed one shows the person's Danish page again (the POST "
    "walk)",
    "danish-attendance-add": "POST only; a failed one shows the person's Danish page again (the "
    "POST walk)",
    "danish-centre-edit": "a language centre",
    "company-edit": "the company",
    "company-contact-create": "the company",
    "company-agreement-create": "the company",
    "opening-create": "the company",
    "opening-edit": "the opening, without its proposals",
    "company-step-done": "POST only, redirects to the company",
    "job-event-edit": "the event: name, date, place, companies",
    "job-invitation-attendance": "POST only, redirects to the event",
    "proposal-answer": "POST only; a failed one shows the proposal page again (the POST walk)",
    "proposal-result": "POST only; a failed one shows the proposal page again (the POST walk)",
    "job-event-invite": "POST only; a failed one shows the event page again (the POST walk)",
    "job-event-meeting": "POST only; a failed one shows the event page again (the POST walk)",
    "competences-add": "POST only; the section it returns to htmx is the competences page's, "
    "which logs the read (the POST walk)",
    "competences-remove": "POST only; as competences-add",
    "competences-profile": "POST only; as competences-add",
    "family-measure-remove": "POST only; the measures it returns to htmx are the family plan's",
    "programme-activity-add": "POST only; a failed one shows the plan again (the POST walk)",
    "programme-goal-add": "POST only; a failed one shows the plan again (the POST walk)",
    "programme-support-add": "POST only; a failed one shows the plan again (the POST walk)",
    "programme-direction": "POST only; a failed one shows the plan again (the POST walk)",
    "programme-contract": "POST only; a failed one shows the plan again (the POST walk)",
    "programme-interview": "POST only; a failed one shows the plan again (the POST walk)",
    "programme-interview-held": "POST only; a failed one shows the plan again (the POST walk)",
    "volunteers-decide": "POST only; a failed one shows the volunteer's page again (the POST walk)",
    "volunteers-certificate": "POST only; a failed one shows the volunteer's page again",
    "volunteers-hours": "POST only; a failed one shows the volunteer's page again",
    "volunteers-diploma-issue": "POST only; a failed one shows the volunteer's page again",
    "referral-accept": "POST only; a failed one shows the referral again (the POST walk)",
    "referral-return": "POST only; a failed one shows the referral again (the POST walk)",
    "referral-done": "POST only; a failed one shows the referral again (the POST walk)",
    "interpreting-booking-cancel": "POST only, redirects to the meeting's interpreting page",
    "interpreting-interpreter-edit": "an interpreter or agency of the register",
    "event-edit": "the event: kind, title, time, place, organiser",
    "event-invite": "POST only; a failed one shows the event page again (the POST walk)",
    "invitation-attendance": "POST only, redirects to the event",
    "association-edit": "an association (forening)",
    "activity-add": "POST only; a failed one shows the association page again (the POST walk)",
    "membership-add": "POST only; a failed one shows the association page again (the POST walk)",
    "contact-add": "POST only; a failed one shows the association page again (the POST walk)",
    "handover-accept": "POST only, by the receiving municipality; a failed one shows the "
    "handover's page again",
    "handover-return": "POST only, by the receiving municipality; a failed one shows the "
    "handover's page again",
}


def _id_routes() -> list[tuple[str, str]]:
    return [
        (route, name)
        for route, name in _named_patterns()
        # the citizen's own pages (/borger/) refuse staff; the citizen's reads are audited with
        # the citizen as actor (questions/tests, the citizen entrance's walker)
        if "<int:" in route and not route.startswith(("admin/", "api/", "borger/"))
    ]


# PDFs of one person (their text is compressed): the person the route is about, not the household
# the world's round table is Amal's; Amal volunteers (her diploma)
PERSON_PDFS = {
    "question-attachment",  # Amal's attachment to her question (CIT-1)
    "competences-cv",
    "programme-contract-pdf",
    "roundtable-minutes-pdf",
    "volunteers-diploma-pdf",
}


def _shown(response, members, person_id=None) -> tuple[list, bool]:
    """The members a response shows by first name, and whether it shows the household's name (a
    PDF, the welcome folder, is the household's: all of them; a person's PDF is theirs)."""
    if "pdf" in response.get("Content-Type", ""):
        if response.request["PATH_INFO"].startswith("/insight/report/"):
            from velkomst.core.pdf import pdf_text

            body = pdf_text(response.content)  # the status report: aggregates, read its text
            named = [m for m in members if re.search(rf"\b{m.first_name}\b", body)]
            return named, "Familien Haddad" in body
        if person_id is not None:
            return [m for m in members if m.pk == person_id], False
        return list(members), True
    body = response.content.decode(errors="ignore")
    named = [m for m in members if re.search(rf"\b{m.first_name}\b", body)]
    return named, "Familien Haddad" in body


def _walk(client, ids, staff, members, method):
    """(route name, role, members shown, members without a row) for each rendered response."""
    seen = []
    for route, name in _id_routes():
        url = reverse(name, args=[ids[ROUTE_IDS[name]]]) if name in ROUTE_IDS else _fill(route, ids)
        for role in ROLES:
            user = staff[role]
            client.force_login(user)
            last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = getattr(client, method)(url)
            if response.status_code not in (200, 422):
                continue
            person_id = ids["person"] if name in PERSON_PDFS else None
            named, household_shown = _shown(response, members, person_id)
            logged = set(
                AuditEntry.objects.filter(id__gt=last, actor_id=user.pk).values_list(
                    "person_id", flat=True
                )
            )
            missing = [m.first_name for m in named if m.pk not in logged]
            if household_shown and not logged & {m.pk for m in members}:
                missing.append("the household")
            shown = [m.first_name for m in named] + (["the household"] if household_shown else [])
            seen.append((name, role, shown, missing))
    return seen


def test_every_route_with_an_id_is_known_to_the_read_walk():
    # REQ: SEC-3
    names = {name for _, name in _id_routes()}
    assert names - SHOWS_PERSONS - set(NO_PERSON_DATA) == set(), "classify the new route"
    assert (SHOWS_PERSONS | set(NO_PERSON_DATA)) - names == set(), "a listed route is gone"


def test_every_page_that_shows_a_citizen_writes_a_view_row_per_member_shown(
    client, world, household, staff
):
    # REQ: SEC-3
    members = list(household.members.all())
    seen = _walk(client, world, staff, members, "get")
    missing = [(name, role, gaps) for name, role, _, gaps in seen if gaps]
    assert missing == []
    showing = {name for name, _, shown, _ in seen if shown}
    assert SHOWS_PERSONS - showing == set(), "these pages showed no member to any role"
    assert showing - SHOWS_PERSONS == set(), "these pages show members: list them"


def test_a_form_shown_again_after_a_failed_post_writes_its_view_rows(
    client, world, household, staff
):
    # REQ: SEC-3
    members = list(household.members.all())
    seen = _walk(client, world, staff, members, "post")
    missing = [(name, role, gaps) for name, role, _, gaps in seen if gaps]
    assert missing == []
    shown_again = {name for name, _, shown, _ in seen if shown}
    assert {"person-edit", "household-edit", "household-lodging-profile", "note-add"} <= (
        shown_again
    )
