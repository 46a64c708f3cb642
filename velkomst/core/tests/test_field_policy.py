"""Need-to-know (SEC-2): a generated role × field × route walk over every page and export.

Every URL pattern of the site is requested as every role, with a citizen whose CPR number and a
journal note with a unique marker exist. The full CPR number, its masked form and the marker must
appear exactly where the policy (core/fields.py) allows them: on the routes listed in ``SHOWS``
(capped at what that route shows at most) and nowhere else. A new route is walked automatically
and fails if it shows a policy field it is not listed for; a new model field fails until it is
declared in the policy or as not confidential. The API has its own walk (api/tests).
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.apps import apps
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import URLPattern, URLResolver, get_resolver

from velkomst.core import access, fields
from velkomst.core.models import Role, Unit
from velkomst.core.tests.test_tenancy import (
    HEALTH_MARKER,
    _allocation,
    _appointment,
    _community,
    _companies,
    _danish,
    _fill,
    _grant_claim,
    _health,
    _hosts,
    _housing,
    _matching,
    _neighbours,
    _outcomes,
    _pairings,
    _placement_run,
    _programme,
    _referral,
    _roundtables,
    _volunteers,
)
from velkomst.people import services as people_services

pytestmark = pytest.mark.django_db

CPR_NUMBER = "1403884321"  # Amal Haddad, born 14 March 1988 (7th digit 4: the 1900s)
FULL_FORMS = ("1403884321", "140388-4321")
MASKED_FORM = "140388-XXXX"
MARKER = "Fortroligt-notat-Q7Z"

CPR, NOTES = fields.CPR, fields.JOURNAL_NOTES
HEALTH = fields.HEALTH_CONCLUSION  # health data (HEA-1): the world's conclusion and barrier
FULL, MASKED, HIDDEN = fields.FULL, fields.MASKED, fields.HIDDEN

# The routes that show a policy field: the most each shows, and the capability that opens it.
# Every other route must show neither field to anyone.
SHOWS: dict[str, tuple[str, dict[str, fields.Level]]] = {
    "person-detail": (access.PERSON_VIEW, {CPR: FULL, NOTES: FULL}),
    "person-edit": (access.PERSON_EDIT, {CPR: FULL}),  # the form's value
    "person-list": (access.PERSON_VIEW, {CPR: MASKED}),
    "audit-search": (access.AUDIT_VIEW, {CPR: MASKED}),
    "audit-person": (access.AUDIT_VIEW, {CPR: MASKED}),  # the logged CPR change; page and CSV
    # an uploaded row with Amal's number, reviewed as a likely duplicate of her
    "visitation-review": (access.HOUSEHOLD_CREATE, {CPR: MASKED}),
    # the month's referral list a language centre is sent (PRG-2): the number as the role sees it
    "danish-centre-export": (access.PROGRAMME_EDIT, {CPR: FULL}),
    # health data (HEA-1): the conclusion, and a health barrier's details, to health readers only
    "health-person": (access.HEALTH_VIEW, {HEALTH: FULL}),
    "health-assessment-edit": (access.HEALTH_EDIT, {HEALTH: FULL}),  # the form's value
    "person-barriers": (access.PROGRAMME_VIEW, {HEALTH: FULL}),  # masked to the others
    "barrier-edit": (access.HEALTH_EDIT, {HEALTH: FULL}),  # the form's value
}
# Query strings a route is walked with (besides none): searches and every export format. A page
# echoes the search term, so the CPR searches use the birth-date part and a wrong last four
# (test_a_cpr_search_... covers searching by the right number).
WRONG_LAST_FOUR = "1403889999"
QUERIES: dict[str, list[dict[str, str]]] = {
    "person-list": [{"q": "Haddad"}, {"q": "140388"}, {"q": WRONG_LAST_FOUR}],
    "audit-search": [{"q": "Haddad"}, {"q": "140388"}, {"q": WRONG_LAST_FOUR}],
    "audit-person": [{"format": "csv"}],
    "associations-meeting-export": [{"format": "csv"}, {"format": "xlsx"}],
    "danish-centre-export": [{"format": "csv"}, {"format": "xlsx"}],
    "welcome-preview": [{"lang": "en"}],
    "welcome-pdf": [{"lang": "en"}],
    "hosts-meeting-propose": [{"household": "{household}"}],
    "outcomes-grants-export": [{"format": "csv"}, {"format": "xlsx"}],
    # the persons behind a figure (MI-2): the figure's period (without one: 400)
    "insight-indicator-persons": [{"start": "2020-01-01", "end": "2030-12-31"}],
}
# Query parameters every walk of a route carries: the citizen list shows the unit's citizens (its
# default, the user's own cases, is tested in people/tests/test_my_citizens.py).
ALWAYS: dict[str, dict[str, str]] = {"person-list": {"scope": "all"}}
# Whom a search finds Amal for, by the role's CPR level (else the page shows no one): a masked
# role searches on the birth-date part only, a role without CPR not by CPR at all.
ALL_LEVELS = {FULL, MASKED, HIDDEN}
FINDS: dict[tuple[str, str], set[str]] = {
    ("person-list", "140388"): {FULL, MASKED},
    ("person-list", WRONG_LAST_FOUR): {MASKED},
    ("audit-search", ""): set(),  # no search yet
    ("audit-search", "140388"): {MASKED},  # a full role matches whole numbers only
    ("audit-search", WRONG_LAST_FOUR): {MASKED},
}
# Routes about another object than _fill gives them (a child's placement).
OBJECT: dict[str, str] = {"placement-edit": "child"}
# Routes no role reads with GET, each with why (a new route that no role can read fails the walk
# until it is walked with a real object or listed here):
_POST_ONLY = "takes a POST only (405 on GET); what it changes is shown by the pages walked"
NOT_READ: dict[str, str] = {
    "login": "redirects a logged-in user",
    "calendar-feed": "a staff member's own feed by secret token: type, time, place and the "
    "household's number only, never a name, CPR number or note (appointments.views)",
    "neighbours-public-receipt": "the public receipt, signed: the case number and due day only",
    "task-checklist-item": "POST only (a GET redirects to the plan); the task's row it returns "
    "to htmx is the plan's row, walked on the plan page",
    "referral-home": "redirects to the inbox of the user's unit (walked as referral-inbox)",
    "volunteers-public-register": "the public registration form: no login, no citizen's data",
    "volunteers-own-entry": "a volunteer's own entry by secret token: their own data only",
    "volunteers-own-concern": "a volunteer's concern form by secret token: no citizen's data",
    "insight-report-progress": "an htmx fragment while a report is made; a finished one answers "
    "204 and the page reloads (MI-3)",
    "retention-run-progress": "an htmx fragment while a retention run works; the walk's run waits "
    "for approval, which answers 204 and the page reloads (SEC-4)",
    "national-run-progress": "an htmx fragment while an assignment run works; a finished one "
    "answers 204 and the page reloads (NAT-1)",
    # the citizen's entrance (CIT-1): its pages refuse every staff session (403); a citizen
    # sees only their own household there (citizen/tests/test_walker.py walks them)
    **dict.fromkeys(
        [
            "citizen-home",
            "citizen-sign-in",
            "citizen-sign-out",
            "citizen-invitation",
            "citizen-plan",
            "citizen-appointments",
            "citizen-appointment",
            "citizen-tasks",
            "citizen-task",
            "citizen-documents",
            "citizen-welcome-pdf",
            "citizen-contacts",
        ],
        "a citizen's page: refused to staff (403)",
    ),
    **dict.fromkeys(
        [
            "appointment-outcome",
            "associations-meeting-edit",
            "associations-meeting-recompute",
            "calendar-feed-token",
            "case-contacts",
            "competences-add",
            "competences-profile",
            "competences-remove",
            "family-measure-remove",
            "housing-run-decide-all",
            "housing-suggestion-decide",
            "neighbours-channel-renew",
            "neighbours-report-event",
            "neighbours-report-owner",
            "note-add",
            "visitation-cancel",
            "danish-module-add",
            "danish-attendance-add",
            "company-step-done",
            "proposal-answer",
            "proposal-result",
            "job-event-invite",
            "job-event-meeting",
            "job-invitation-attendance",
            "programme-activity-add",
            "programme-goal-add",
            "programme-support-add",
            "programme-direction",
            "programme-contract",
            "programme-interview",
            "programme-interview-held",
            "run-start",  # matching: starts a batch run
            # national distribution's buttons (NAT-1)
            "national-plan-agreement",
            "national-plan-revision",
            "national-arrivals-upload",
            "national-run-start",
            "national-suggestion-decide",
            "event-invite",
            "invitation-attendance",
            "activity-add",
            "membership-add",
            "contact-add",
            "interpreting-booking-cancel",
            "handover-accept",  # POST only (COO-5)
            "handover-return",  # POST only (COO-5)
            "pairings-propose",
            "pairings-step",
            "referral-accept",
            "referral-return",
            "referral-done",
            "volunteers-certificate",
            "volunteers-decide",
            "volunteers-diploma-issue",
            "volunteers-hours",
            # the strategy's buttons (MI-1)
            "strategy-draft-new",
            "strategy-draft-publish",
            "strategy-draft-preset",
            "strategy-draft-discard",
            "strategy-guidepost-remove",
            "strategy-guidepost-move",
            "strategy-indicator-remove",
            "strategy-indicator-move",
            "insight-report-generate",  # the status report's button (MI-3)
            # retention and erasure's buttons (SEC-4)
            "retention-run-approve",
            "retention-run-discard",
            "retention-hold-lift",
        ],
        _POST_ONLY,
    ),
}
# MitID sign-in (CIT-1): a staff session is refused the citizen's pages (403); the citizen's own
# walk is the citizen pages' walker's
NOT_READ.update(
    dict.fromkeys(["citizen-oidc-start", "citizen-oidc-callback"], "a citizen's MitID sign-in")
)
SKIPPED = {
    "logout": "would end the walk's session; shows nothing",
    "set_language": "POST only",
    # CIT-1, CIT-2: the citizen's own pages refuse every staff session (403 before the view); the
    # citizen entrance's walker reads them as a citizen
    **dict.fromkeys(
        [
            "citizen-questions",
            "citizen-question-attachment",
            "citizen-surveys",
            "citizen-survey-answer",
            "citizen-survey-decline",
        ],
        "a citizen's own page under /borger/: refuses staff",
    ),
    # the file a citizen attached (PDF, PNG or JPEG), streamed as sent: no policy field in it;
    # its read is audited (questions/tests/test_pages.py)
    "question-attachment": "a citizen's attachment, streamed as sent",
}


def _named_patterns(resolver: Any = None, prefix: str = "", namespace: str = "") -> Any:
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in ("admin", "api"):  # citizens' data is not in the admin; API: own
                continue
            yield from _named_patterns(entry, route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield route, entry.name


def _text(response: Any, user: Any, household: Any) -> str:
    """What a person reads in the response: the page, the CSV, the spreadsheet's cells, or the
    document the PDF is rendered from."""
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if content_type.startswith("application/pdf"):
        from velkomst.welcome.selectors import welcome_folder

        assert response.content.startswith(b"%PDF")
        path = response.request["PATH_INFO"]
        if path.endswith("/cv.pdf"):  # a person's CV (competences), Danish unless ?lang=en
            from velkomst.competences import cv, selectors

            comp = selectors.competences_get(user=user, pk=int(path.split("/")[2]))
            english = "lang=en" in response.request.get("QUERY_STRING", "")
            return cv.cv_html(comp, language="en" if english else "da")
        if path.endswith("/plan/contract.pdf"):  # a person's integration contract, Danish
            from velkomst.programme import contract
            from velkomst.programme import selectors as plans

            person = plans.person_get(user=user, pk=int(path.split("/")[2]))
            return contract.contract_html(plans.plan_view(person=person))
        if path.endswith("/family-plan.pdf"):  # the household's family plan (families), Danish
            from velkomst.families.selectors import family_plan

            plan = family_plan(user=user, pk=household.pk)
            return render_to_string("families/family_plan_pdf.html", {"plan": plan})
        if path.endswith(("/minutes.pdf", "/diplom.pdf")) or path.startswith(
            "/insight/report/"
        ):  # round-table minutes, a diploma
            from velkomst.core.pdf import pdf_text

            return pdf_text(response.content)  # the text the PDF holds (Danish; the status report)
        folder = welcome_folder(user=user, household=household, requested_language="en")
        return render_to_string("welcome/folder_pdf.html", {"folder": folder, "css": ""})
    return response.content.decode(errors="ignore")


@pytest.fixture
def world(household, staff):
    """The household seen by every unit (so the role alone decides), Amal's CPR number and a
    journal note, and one of everything the site's other pages are about."""
    household.units.set(Unit.objects.filter(municipality=household.municipality))
    amal = household.members.get(first_name="Amal")
    people_services.person_update(
        person=amal, acting_user=staff["caseworker"], expected_version=amal.version, cpr=CPR_NUMBER
    )
    people_services.note_add(case=amal.case, acting_user=staff["caseworker"], text=MARKER)
    from velkomst.reception.services import plan_generate

    plan = plan_generate(household=household, acting_user=staff["caseworker"])
    task = plan.tasks.get(template_task__key="cpr_number", person=amal)
    officer = staff["housing_officer"]
    ids: dict[str, Any] = {
        "household": household.pk,
        "person": amal.pk,
        "case": amal.case.pk,
        "task": task.pk,
        "template": plan.template_id,
        "template_task": task.template_task_id,
        "appointment": _appointment(household, amal, staff["caseworker"]).pk,
    }
    ids["area"], ids["dwelling"] = _housing(household, officer)
    ids["host"], ids["host_offer"], ids["host_meeting"] = _hosts(household, officer)
    ids["association"], ids["allocation_meeting"], ids["allocation_line"] = _allocation(officer)
    ids["run"], ids["suggestion"] = _placement_run(household, officer)
    ids["report"], ids["channel"], ids["report_token"] = _neighbours(
        household, ids["dwelling"], officer
    )
    ids["import_batch"] = _visitation_batch(staff["caseworker"]).pk
    ids.update(_danish(household, staff["caseworker"]))
    ids["employment"], ids["education_outcome"], ids["benefit_period"] = _outcomes(
        amal, staff["caseworker"]
    )
    ids["activity"], ids["goal"], ids["support"] = _programme(amal, staff["caseworker"])
    from velkomst.families.services import placements_create_for_household

    placements_create_for_household(household=household, acting_user=staff["caseworker"])
    ids["child"] = household.members.get(first_name="Lina").pk
    ids.update(_health(household, staff))
    ids.update(_companies(household, staff))
    ids["matching_run"] = _matching(household, staff["job_consultant"], ids["opening"])[1]
    ids["grant_claim"] = _grant_claim(household, staff["caseworker"])
    ids.update(_community(household, staff))
    # issue 12's objects: a round table, a volunteer match, Amal as a volunteer, a referral and an
    # interpreter booking, walked like the rest
    ids.update(_roundtables(household, staff))
    ids.update(_pairings(household, staff))
    ids.update(_volunteers(household, staff))
    ids["referral"], ids["referral_unit"] = _referral(
        amal, staff["caseworker"], staff["job_consultant"]
    )
    from velkomst.interpreting.tests.ids import interpreting_ids

    interpreting = interpreting_ids(household, staff)
    ids["interpreter"], ids["booking"] = interpreting["interpreter_id"], interpreting["booking_id"]
    from velkomst.handover.tests.ids import handover_ids

    ids["handover"] = handover_ids(household, staff)["handover_id"]  # COO-5
    from velkomst.strategies.tests.ids import strategy_ids

    ids.update(strategy_ids(household.municipality, staff))  # the strategy (MI-1)
    from velkomst.insight.tests.ids import report_ids

    ids.update(report_ids(household.municipality, staff))  # the status report (MI-3)
    from velkomst.retention.tests.ids import retention_ids

    ids.update(retention_ids(household, staff))  # retention and erasure (SEC-4)
    ids.update(national_objects(staff))  # national distribution (NAT-1): the national user's
    from velkomst.surveys.tests.ids import survey_ids

    ids["survey_invitation"] = survey_ids(household)["invitation_id"]  # a survey (CIT-2)
    from velkomst.questions.tests.ids import question_ids

    asked = question_ids(household)  # a citizen's question with its attachment (CIT-1)
    ids["question"] = asked["question_id"]
    ids["question_attachment"] = asked["question_attachment_id"]
    return ids


def national_objects(staff: Any) -> dict[str, int]:
    """The national user's rows (NAT-1), keyed as ``_fill`` reads them."""
    from velkomst.national.tests.ids import national_ids

    nat = national_ids(staff)
    return {
        "national_table": nat["national_table_id"],
        "national_plan": nat["quota_plan_id"],
        "national_model": nat["national_model_id"],
        "national_run": nat["national_run_id"],
        "national_suggestion": nat["national_suggestion_id"],
    }


def _visitation_batch(caseworker: Any) -> Any:
    from velkomst.visitation import services
    from velkomst.visitation.tests.files import csv_bytes, person

    row = person(fornavn="Amal", efternavn="Haddad", køn="K", cpr=CPR_NUMBER)
    return services.batch_upload(
        acting_user=caseworker, file_name="haddad.csv", content=csv_bytes([row])
    )


def _shown(text: str) -> dict[str, fields.Level]:
    cpr = FULL if any(f in text for f in FULL_FORMS) else MASKED if MASKED_FORM in text else HIDDEN
    return {
        CPR: cpr,
        NOTES: FULL if MARKER in text else HIDDEN,
        HEALTH: FULL if HEALTH_MARKER in text else HIDDEN,
    }


def test_every_page_and_export_shows_cpr_and_notes_exactly_as_the_policy_says(
    client, world, household, staff
):
    # REQ: SEC-2
    routes = [(route, name) for route, name in _named_patterns() if name not in SKIPPED]
    names = {name for _route, name in routes}
    assert set(SHOWS) <= names and set(QUERIES) <= names, "a listed route no longer exists"
    assert len(routes) > 100
    problems: list[str] = []
    answered: set[str] = set()  # routes some role got a 200 from
    for role in Role.values:
        user = staff[role]
        client.force_login(user)
        with transaction.atomic():  # each role walks the same world (the audit log grows)
            _walk(client, user, routes, world, household, problems, answered)
            transaction.set_rollback(True)
    assert problems == []
    # every route was really walked: some role read it (else its id was not filled in right)
    unread = names - answered
    assert unread == set(NOT_READ), f"walk these with a real object, or list them: {sorted(unread)}"


def _walk(client, user, routes, world, household, problems, answered) -> None:
    """One role's walk: every route, with each of its query strings."""
    for route, name in routes:
        url = _fill(route, world)
        if name in OBJECT:
            url = re.sub(r"/\d+/", f"/{world[OBJECT[name]]}/", url)
        for raw in [{}, *QUERIES.get(name, [])]:
            query = {key: value.format(**world) for key, value in raw.items()}
            response = client.get(url, ALWAYS.get(name, {}) | query)
            where = f"{user.role} GET {url} {query} -> {response.status_code}"
            if response.status_code == 200:
                answered.add(name)
            capability, caps = SHOWS.get(name, (None, {}))
            if capability and access.can(user, capability) and response.status_code != 200:
                problems.append(f"{where}: the role may open it")
            found = fields.level(user, CPR) in FINDS.get((name, query.get("q", "")), ALL_LEVELS)
            expected = {
                field: fields.capped(user, field, caps.get(field, HIDDEN))
                if response.status_code == 200 and found
                else HIDDEN
                for field in (CPR, NOTES, HEALTH)
            }
            shown = _shown(_text(response, user, household))
            if shown != expected:
                problems.append(f"{where}: shows {shown}, policy {expected}")


def test_the_walk_would_see_a_leak():
    """The detector itself: a page with the number, the masked number or the marker is caught."""
    assert _shown(f"<td>{CPR_NUMBER}</td>") == {CPR: FULL, NOTES: HIDDEN, HEALTH: HIDDEN}
    assert _shown("<td>140388-4321</td>") == {CPR: FULL, NOTES: HIDDEN, HEALTH: HIDDEN}
    assert _shown(f"<td>{MASKED_FORM}</td><p>{MARKER}</p>") == {
        CPR: MASKED,
        NOTES: FULL,
        HEALTH: HIDDEN,
    }
    assert _shown("<td>14. mar 1988</td>") == {CPR: HIDDEN, NOTES: HIDDEN, HEALTH: HIDDEN}
    assert _shown(f"<dd>{HEALTH_MARKER}</dd>")[HEALTH] == FULL


def _citizen_fields() -> list[str]:
    """Every field of the people app's models, and every free-text field anywhere."""
    found = []
    for model in apps.get_app_config("people").get_models():
        found += [f"{model._meta.label}.{f.name}" for f in model._meta.concrete_fields]
        found += [f"{model._meta.label}.{f.name}" for f in model._meta.many_to_many]
    for model in apps.get_models():
        if model.__module__.startswith("velkomst.") and model._meta.app_label != "people":
            found += [
                f"{model._meta.label}.{f.name}"
                for f in model._meta.concrete_fields
                if isinstance(f, models.TextField)
            ]
    return found


def test_every_citizen_field_and_free_text_has_a_need_to_know_decision():
    # REQ: SEC-2
    undecided = [
        name
        for name in _citizen_fields()
        if name not in fields.POLICY
        and name not in fields.NOT_CONFIDENTIAL
        and name.rsplit(".", 1)[1] not in fields.BOOKKEEPING | {"units"}
    ]
    assert undecided == [], "declare these in core/fields.py (POLICY or NOT_CONFIDENTIAL)"
    assert not set(fields.POLICY) & set(fields.NOT_CONFIDENTIAL)
    declared = set(_citizen_fields()) | {  # a confidential field that is no free text (health)
        f"{model._meta.label}.{f.name}"
        for model in apps.get_models()
        if model.__module__.startswith("velkomst.")
        for f in model._meta.concrete_fields
    }
    stale = [name for name in [*fields.POLICY, *fields.NOT_CONFIDENTIAL] if name not in declared]
    assert stale == [], "declared fields that no longer exist"


def test_every_role_has_a_decision_for_every_policy_field():
    # REQ: SEC-2
    for field, levels in fields.POLICY.items():
        assert set(levels) == set(Role.values), field


def test_roles_that_edit_or_register_persons_see_the_full_cpr_number():
    # REQ: SEC-2
    # the edit form and the visitation import carry the number: no role edits what it cannot see
    for role in Role.values:
        caps = access.ROLE_CAPABILITIES[role]
        if caps & {access.PERSON_EDIT, access.HOUSEHOLD_CREATE}:
            assert fields.POLICY[CPR][role] == FULL, role


def test_roles_that_add_journal_notes_may_read_them():
    # REQ: SEC-2
    for role in Role.values:
        if access.NOTE_ADD in access.ROLE_CAPABILITIES[role]:
            assert fields.POLICY[NOTES][role] == FULL, role


def test_the_matrix_in_the_architecture_document_is_the_policy():
    # REQ: SEC-2
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "architecture.md").read_text()
    labels = {fields.FULL: "full", fields.MASKED: "masked", fields.HIDDEN: "—"}
    for role in Role.values:
        row = re.search(rf"^\| `{role}` \|(.+)\|$", doc, re.MULTILINE)
        assert row, f"docs/architecture.md has no need-to-know row for {role}"
        cells = [cell.strip() for cell in row.group(1).split("|")]
        cpr, notes = cells[0], cells[1]
        assert cpr.startswith(labels[fields.POLICY[CPR][role]]), (role, cpr)
        assert notes.startswith(labels[fields.POLICY[NOTES][role]]), (role, notes)


def test_the_person_page_shows_the_cpr_number_by_role(client, world, staff):
    # REQ: SEC-2
    url = f"/persons/{world['person']}/"
    client.force_login(staff["caseworker"])
    page = client.get(url).content.decode()
    assert CPR_NUMBER in page and MARKER in page
    client.force_login(staff["housing_officer"])
    page = client.get(url).content.decode()
    assert MASKED_FORM in page and CPR_NUMBER not in page
    assert MARKER not in page and "Journalnotater" not in page
    client.force_login(staff["interpreter_coordinator"])
    page = client.get(url).content.decode()
    assert "<dt>CPR-nummer</dt>" not in page and "140388" not in page and MARKER not in page
    assert "Amal Haddad" in page


def test_roles_without_the_need_cannot_add_journal_notes(client, world, staff):
    # REQ: SEC-2
    from velkomst.people.models import JournalNote

    for role in ("housing_officer", "volunteer_coordinator", "interpreter_coordinator"):
        client.force_login(staff[role])
        response = client.post(f"/cases/{world['case']}/notes/", {"text": "x"})
        assert response.status_code == 403, role
    assert list(JournalNote.objects.values_list("text", flat=True)) == [MARKER]


def test_a_cpr_search_is_no_oracle_for_the_last_four_digits(client, world, staff):
    # REQ: SEC-2
    def finds(role: str, url: str, q: str) -> bool:
        client.force_login(staff[role])
        query = {"q": q, **ALWAYS.get("person-list", {})} if url == "/citizens/" else {"q": q}
        return "Amal Haddad" in client.get(url, query).content.decode()

    assert finds("caseworker", "/citizens/", CPR_NUMBER)
    assert not finds("caseworker", "/citizens/", WRONG_LAST_FOUR)
    for role in ("housing_officer", "manager"):  # the same answer for right and wrong digits
        assert finds(role, "/citizens/", CPR_NUMBER) and finds(role, "/citizens/", WRONG_LAST_FOUR)
    for url in ("/audit/",):
        for role in ("manager", "administrator"):
            assert finds(role, url, CPR_NUMBER) and finds(role, url, WRONG_LAST_FOUR)
    for role in ("interpreter_coordinator", "volunteer_coordinator"):
        assert not finds(role, "/citizens/", CPR_NUMBER) and not finds(role, "/citizens/", "140388")
        assert finds(role, "/citizens/", "Haddad")


def test_the_audit_log_shows_a_changed_cpr_number_at_the_readers_level(client, world, staff):
    # REQ: SEC-2
    client.force_login(staff["manager"])
    for query in ({}, {"format": "csv"}):
        body = client.get(f"/audit/persons/{world['person']}/", query).content.decode()
        assert "CPR-nummer" in body and MASKED_FORM in body and CPR_NUMBER not in body
    assert fields.audit_changes(staff["caseworker"], {"cpr": ["", CPR_NUMBER]}) == {
        "cpr": ["", CPR_NUMBER]
    }
    hidden = fields.audit_changes(staff["volunteer_coordinator"], {"q": [None, CPR_NUMBER]})
    assert hidden == {"q": [None, "–"]}
    assert fields.audit_changes(staff["manager"], {"q": [None, "Haddad"]}) == {
        "q": [None, "Haddad"]
    }


@pytest.mark.parametrize("role", Role.values)
def test_the_policy_is_a_role_lookup_without_queries(role, staff, django_assert_num_queries):
    # REQ: SEC-2
    from velkomst.core.models import StaffUser

    user = StaffUser.objects.get(pk=staff[role].pk)  # fresh: nothing cached on it
    with django_assert_num_queries(0):
        fields.show_cpr(user, CPR_NUMBER)
        fields.show_cpr(user, CPR_NUMBER, cap=MASKED)
        fields.cpr_search_prefix(user, CPR_NUMBER)
        fields.can_read_notes(user)
        fields.audit_changes(user, {"cpr": ["", CPR_NUMBER]})


def test_the_person_page_costs_no_more_queries_for_a_role_that_sees_less(
    client, world, staff, django_assert_max_num_queries
):
    # REQ: SEC-2
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff["caseworker"])
    url = f"/persons/{world['person']}/"
    with CaptureQueriesContext(connection) as full:
        client.get(url)
    client.force_login(staff["interpreter_coordinator"])
    with django_assert_max_num_queries(len(full.captured_queries) - 1):  # no notes query
        client.get(url)
