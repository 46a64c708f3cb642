"""Every page reflows at 320 CSS px (WCAG 2.1, 1.4.10) and passes axe there.

The walker opens EVERY URL pattern that renders HTML for GET, with real ids (the read-audit
walk's `world`: a household with a plan, meetings, housing, hosts, an allocation meeting, a
placement run, a neighbour report and a visitation import), as a role that may see it, in one
browser with one page per role (each logs in once). On each page it measures
`document.documentElement.scrollWidth` against the 320 px viewport and runs axe. A URL pattern
that is neither in ``ROLE_FOR`` nor in ``NOT_A_PAGE`` (with why) fails the test, so a new page is
walked from the day it is added. All pages are checked before the test fails, and the failure
lists each page with the elements that stick out. Django's admin is walked through the
administrator's pages (``admin_pages``); the API renders JSON (``OTHER_PREFIXES``).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from velkomst.core.tests.test_read_audit import (  # noqa: F401 (world: a fixture)
    ROUTE_IDS,
    _named_patterns,
    world,
)
from velkomst.core.tests.test_tenancy import _fill

from .test_accessibility import AxeAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320
ANONYMOUS = "anonymous"

# The role each page is walked as: one that may open it with the world's data.
ROLE_FOR: dict[str, str] = {
    # core
    "home": "caseworker",
    "login": ANONYMOUS,
    "audit-search": "manager",
    "audit-person": "manager",
    "security-events": "administrator",
    # people
    "person-list": "caseworker",
    "household-create": "caseworker",
    "household-detail": "caseworker",
    "household-edit": "caseworker",
    "person-detail": "caseworker",
    "person-edit": "caseworker",
    "case-phase": "caseworker",
    "case-caseworker": "caseworker",
    # reception
    "household-plan": "caseworker",
    "plan-task-add": "caseworker",
    "my-tasks": "caseworker",
    "task-done": "caseworker",
    "task-not-relevant": "caseworker",
    "task-reopen": "caseworker",
    "task-remove": "caseworker",
    "worklist": "caseworker",
    "plan-template-list": "administrator",
    "plan-template-detail": "administrator",
    "plan-template-active": "administrator",
    "plan-template-task-add": "administrator",
    "template-task-edit": "administrator",
    "template-task-delete": "administrator",
    # visitation
    "visitation-upload": "caseworker",
    "visitation-format": "caseworker",
    "visitation-review": "caseworker",
    # appointments and contacts
    "household-appointments": "caseworker",
    "my-calendar": "caseworker",
    "appointment-edit": "caseworker",
    "appointment-cancel": "caseworker",
    "contact-list": "caseworker",
    "contact-create": "caseworker",
    "contact-counts": "manager",
    # families and welcome
    "placement-overview": "family_consultant",
    "household-placements": "family_consultant",
    "placement-edit": "family_consultant",
    "welcome-preview": "caseworker",
    # housing
    "housing-area-list": "housing_officer",
    "housing-area-create": "housing_officer",
    "housing-area-travel": "housing_officer",
    "housing-area-edit": "housing_officer",
    "housing-dwelling-list": "housing_officer",
    "housing-dwelling-import": "housing_officer",
    "housing-dwelling-create": "housing_officer",
    "housing-dwelling-edit": "housing_officer",
    "housing-run-list": "housing_officer",
    "housing-run-create": "housing_officer",
    "housing-run-detail": "housing_officer",
    "housing-suggestion-change": "housing_officer",
    "housing-temporary": "housing_officer",
    "household-housing": "housing_officer",
    "household-housing-need": "housing_officer",
    # Danish education
    "danish-overview": "caseworker",
    "danish-person": "caseworker",
    "danish-referral-create": "caseworker",
    "danish-referral-edit": "caseworker",
    "danish-module-edit": "caseworker",
    "danish-attendance-edit": "caseworker",
    "danish-exam-create": "caseworker",
    "danish-exam-edit": "caseworker",
    "danish-centre-list": "caseworker",
    "danish-centre-create": "caseworker",
    "danish-centre-edit": "caseworker",
    # hosts
    "hosts-host-list": "housing_officer",
    "hosts-host-create": "housing_officer",
    "hosts-host-detail": "housing_officer",
    "hosts-host-edit": "housing_officer",
    "hosts-offer-create": "housing_officer",
    "hosts-offer-detail": "housing_officer",
    "hosts-offer-edit": "housing_officer",
    "hosts-meeting-detail": "housing_officer",
    "household-lodging-profile": "housing_officer",
    # associations
    "associations-list": "housing_officer",
    "associations-create": "housing_officer",
    "associations-move-outs-import": "housing_officer",
    "associations-edit": "housing_officer",
    "associations-move-outs": "housing_officer",
    "associations-meeting-list": "housing_officer",
    "associations-meeting-detail": "housing_officer",
    "associations-line-detail": "housing_officer",
    # neighbours
    "neighbours-public-report": ANONYMOUS,
    "neighbours-public-receipt": ANONYMOUS,
    "neighbours-report-list": "housing_officer",
    "neighbours-report-create": "housing_officer",
    "neighbours-report-detail": "housing_officer",
    "neighbours-report-link": "housing_officer",
    "neighbours-report-close": "housing_officer",
    "neighbours-channel-list": "housing_officer",
    "neighbours-channel-create": "housing_officer",
    "neighbours-channel-edit": "housing_officer",
    # outcomes (PRG-7)
    "outcomes-person": "caseworker",
    "outcomes-employment-create": "caseworker",
    "outcomes-education-create": "caseworker",
    "outcomes-benefit-create": "caseworker",
    "outcomes-self-supporting": "caseworker",
    "outcomes-employment-edit": "caseworker",
    "outcomes-education-edit": "caseworker",
    "outcomes-benefit-edit": "caseworker",
    "outcomes-grants": "manager",
    "outcomes-grant-claim": "manager",
    "outcomes-claim-edit": "manager",
    # management information (MI-6, MI-3)
    "insight-exports": "manager",
    # the manager's dashboard (MI-2)
    "insight-dashboard": "manager",
    "insight-indicator": "manager",
    "insight-indicator-persons": "manager",
    "insight-deadlines": "manager",
    "insight-economy": "manager",
    "insight-places": "manager",
    "insight-report": "manager",
    # national distribution (NAT-1, NAT-2): the immigration service's national user
    "national-tables": "national",
    "national-table": "national",
    "national-plans": "national",
    "national-plan": "national",
    "national-models": "national",
    "national-model": "national",
    "national-runs": "national",
    "national-run": "national",
    "insight-report-commentary": "manager",
    # competences and the family plan (PRG-3, CHI-1)
    "competences": "caseworker",
    "family-plan": "family_consultant",
    # health (HEA-1, HEA-2, PRG-6)
    "health-overview": "health_coordinator",
    "health-person": "health_coordinator",
    "health-offer-create": "health_coordinator",
    "health-assessment-create": "health_coordinator",
    "health-referral-create": "health_coordinator",
    "health-consent-create": "health_coordinator",
    "health-offer-answer": "health_coordinator",
    "health-assessment-edit": "health_coordinator",
    "health-assessment-share": "health_coordinator",
    "health-referral-edit": "health_coordinator",
    "consent-withdraw": "health_coordinator",
    "consent-person": "caseworker",
    "consent-create": "caseworker",
    # citizens' questions (CIT-1): the caseworker's inbox and a question
    "question-inbox": "caseworker",
    "question-detail": "caseworker",
    # surveys (CIT-2)
    "survey-person": "caseworker",
    "survey-answer": "caseworker",
    "survey-decline": "caseworker",
    "survey-results": "manager",
    "person-barriers": "caseworker",
    "barrier-create": "caseworker",
    "barrier-edit": "health_coordinator",
    "barrier-followups": "caseworker",
    "coordination-list": "health_coordinator",
    "coordination-create": "family_consultant",
    "coordination-detail": "health_coordinator",
    "coordination-measure-add": "health_coordinator",
    # volunteer matching (CIV-2)
    **dict.fromkeys(
        [
            "pairings-list",
            "pairings-households",
            "pairings-suggestions",
            "pairings-wish",
            "pairings-match",
        ],
        "volunteer_coordinator",
    ),
    # companies, openings, proposals and events (PRG-4)
    **dict.fromkeys(
        [
            "company-list",
            "company-create",
            "company-import",
            "company-detail",
            "company-edit",
            "company-contact-create",
            "company-agreement-create",
            "opening-create",
            "opening-list",
            "opening-detail",
            "opening-edit",
            "proposal-list",
            "proposal-create",
            "proposal-detail",
            "job-event-list",
            "job-event-create",
            "job-event-detail",
            "job-event-edit",
            "job-invitation-letter",
        ],
        "job_consultant",
    ),
    # events and associations (CIV-4, CIV-5, CHI-4)
    **dict.fromkeys(
        [
            "event-list",
            "event-create",
            "event-detail",
            "event-edit",
            "invitation-text",
            "association-list",
            "association-create",
            "association-detail",
            "association-edit",
            "participation-counts",
            "participation-end",
        ],
        "volunteer_coordinator",
    ),
    "participation-create": "family_consultant",
    "household-leisure": "family_consultant",
    # the integration programme
    "programme-overview": "caseworker",
    "programme-plan": "caseworker",
    "programme-activity-edit": "caseworker",
    "programme-goal-edit": "caseworker",
    "programme-support-edit": "caseworker",
    # matching (PRG-4)
    "index": "caseworker",
    "opening": "caseworker",
    "person": "caseworker",
    "run": "caseworker",
    # round tables (COO-3)
    "roundtable-list": "caseworker",
    "roundtable-household": "caseworker",
    "roundtable-detail": "caseworker",
    # the resource bank (CIV-1, CIV-3, CIV-6)
    "volunteers-public-register": ANONYMOUS,
    "volunteers-own-entry": ANONYMOUS,
    "volunteers-own-concern": ANONYMOUS,
    "volunteers-bank": "volunteer_coordinator",
    "volunteers-approvals": "volunteer_coordinator",
    "volunteers-create": "volunteer_coordinator",
    "volunteers-detail": "volunteer_coordinator",
    "volunteers-edit": "volunteer_coordinator",
    "volunteers-offer-create": "volunteer_coordinator",
    "volunteers-offer-edit": "volunteer_coordinator",
    # referrals between units (COO-1, COO-2) and concerns (CIV-3): the world's referral goes from
    # the integration team to the job centre, and one back
    "referral-home": "caseworker",
    "referral-inbox": "job_consultant",
    "referral-outbox": "job_consultant",
    "referral-detail": "job_consultant",
    "referral-create": "caseworker",
    "referral-interfaces": "caseworker",
    "referral-concern-create": "volunteer_coordinator",
    # interpreting (INT-1)
    "interpreting-day": "interpreter_coordinator",
    "interpreting-appointment": "interpreter_coordinator",
    "interpreting-booking-edit": "interpreter_coordinator",
    "interpreting-interpreters": "interpreter_coordinator",
    "interpreting-interpreter-edit": "interpreter_coordinator",
    # the citizen's entrance (CIT-1): the caseworker's invitation and the sign-in page; the
    # citizen's own pages are walked at 320 px with axe in test_citizen.py (a citizen's session)
    "citizen-invite": "caseworker",
    # handover when a household moves (COO-5)
    "handover-move": "caseworker",
    "handover-inbox": "caseworker",
    "handover-detail": "caseworker",
    # the strategy (MI-1): read by the manager, edited by the administrator
    "strategy-current": "manager",
    "strategy-versions": "administrator",
    "strategy-version": "administrator",
    "strategy-draft-edit": "administrator",
    "strategy-guidepost-new": "administrator",
    "strategy-guidepost-edit": "administrator",
    "strategy-indicator-new": "administrator",
    "strategy-indicator-edit": "administrator",
    "strategy-figures": "administrator",
    "strategy-figure-edit": "administrator",
    # retention and erasure (SEC-4): the administrator's
    "retention-rules": "administrator",
    "retention-rules-new": "administrator",
    "retention-holds": "administrator",
    "retention-runs": "administrator",
    "retention-run": "administrator",
}

# URL patterns that render no HTML page for GET, and why.
NOT_A_PAGE: dict[str, str] = {
    "question-attachment": "a citizen's attached file (PDF, PNG or JPEG), downloaded",
    "strategy-draft-new": "POST only (the button on the versions page)",
    "strategy-draft-publish": "POST only (the button on the draft)",
    "strategy-draft-preset": "POST only (the form on the draft)",
    "strategy-draft-discard": "POST only (the button on the draft)",
    "strategy-guidepost-remove": "POST only (the button on the draft)",
    "strategy-guidepost-move": "POST only (the buttons on the draft)",
    "strategy-indicator-remove": "POST only (the button on the draft)",
    "strategy-indicator-move": "POST only (the buttons on the draft)",
    "pairings-propose": "POST only (proposes a match)",
    "pairings-step": "POST only (moves a match on)",
    "volunteers-decide": "POST only (the coordinator's decision)",
    "volunteers-certificate": "POST only (child certificate and confidentiality)",
    "volunteers-hours": "POST only (a volunteer's hours)",
    "volunteers-diploma-issue": "POST only (issues a diploma)",
    "volunteers-diploma-pdf": "a PDF",
    "set_language": "POST only (the language switch)",
    "logout": "POST only",
    "note-add": "POST only",
    "case-contacts": "POST only",
    "task-checklist-item": "POST only (ticks a checklist item)",
    "visitation-template-csv": "a CSV file",
    "visitation-template-xlsx": "an XLSX file",
    "visitation-cancel": "POST only",
    "appointment-outcome": "POST only",
    "appointment-ics": "an iCalendar file",
    "calendar-feed": "an iCalendar feed",
    "calendar-feed-token": "POST only (makes or stops the feed address)",
    "welcome-pdf": "a PDF",
    "housing-dwelling-import-template": "a CSV/XLSX template",
    "housing-run-decide-all": "POST only",
    "housing-suggestion-decide": "POST only",
    "hosts-meeting-propose": "POST only",
    "associations-move-outs-import-template": "a CSV/XLSX template",
    "associations-meeting-recompute": "POST only",
    "associations-meeting-edit": "POST only (the form is on the meeting page)",
    "associations-meeting-export": "a CSV/XLSX file",
    "outcomes-grants-export": "a CSV/XLSX file",
    "neighbours-report-event": "POST only",
    "neighbours-report-owner": "POST only",
    "neighbours-channel-renew": "POST only",
    "danish-module-add": "POST only (the form is on the person's Danish page)",
    "danish-attendance-add": "POST only (the form is on the person's Danish page)",
    "danish-centre-export": "a CSV/XLSX file",
    "company-import-template": "a CSV/XLSX template",
    "company-step-done": "POST only",
    "proposal-answer": "POST only (the form is on the proposal page)",
    "proposal-result": "POST only (the form is on the proposal page)",
    "job-event-invite": "POST only (the form is on the event page)",
    "job-event-meeting": "POST only (the form is on the event page)",
    "job-invitation-attendance": "POST only",
    "competences-add": "POST only",
    "competences-remove": "POST only",
    "competences-profile": "POST only",
    "competences-cv": "a PDF",
    "family-measure-remove": "POST only",
    "family-plan-pdf": "a PDF",
    "roundtable-minutes-pdf": "a PDF",
    "programme-activity-add": "POST only (the form is on the plan page)",
    "programme-goal-add": "POST only (the form is on the plan page)",
    "programme-support-add": "POST only (the form is on the plan page)",
    "programme-direction": "POST only (the form is on the plan page)",
    "programme-contract": "POST only (the form is on the plan page)",
    "programme-interview": "POST only (the form is on the plan page)",
    "programme-interview-held": "POST only (the form is on the plan page)",
    "programme-contract-pdf": "a PDF",
    "run-start": "POST only (matching: starts a batch run)",
    "referral-accept": "POST only (the form is on the referral page)",
    "referral-return": "POST only (the form is on the referral page)",
    "referral-done": "POST only (the form is on the referral page)",
    "interpreting-booking-cancel": "POST only (the button is on the meeting's interpreting page)",
    "handover-accept": "POST only (the form is on the handover's page)",
    "handover-return": "POST only (the form is on the handover's page)",
    "event-invite": "POST only (the form is on the event page)",
    "invitation-attendance": "POST only",
    "activity-add": "POST only (the form is on the association page)",
    "membership-add": "POST only (the form is on the association page)",
    "contact-add": "POST only (the form is on the association page)",
    "insight-report-generate": "POST only (the button on the status report page)",
    "insight-report-progress": "an htmx fragment of the status report page",
    "national-plan-agreement": "POST only (the form on the quota plan page)",
    "national-plan-revision": "POST only (the form on the quota plan page)",
    "national-arrivals-upload": "POST only (the form on the assignment page)",
    "national-run-start": "POST only (the form on the assignment page)",
    "national-run-progress": "an htmx fragment of the assignment run page",
    "national-suggestion-decide": "POST only (the decision buttons on the run page)",
    "insight-report-download": "a PDF/XLSX file",
    "retention-hold-lift": "POST only (the form is on the holds page)",
    "retention-run-approve": "POST only (the button on the run page)",
    "retention-run-discard": "POST only (the button on the run page)",
    "retention-run-progress": "an htmx fragment of the run page",
    "retention-run-download": "a CSV/XLSX file",
}
# Reports the elements whose right edge passes the viewport (the innermost ones first).
WIDE_ELEMENTS = """(width) => {
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) { clipped = true; break; }
    }
    if (clipped) continue;
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    wide.push(name + " (" + Math.round(box.right) + " px)");
  }
  return wide.slice(-6);
}"""


# Prefixes walked otherwise, and why: Django's admin has a URL pattern per model and action, so
# ADMIN_PAGES below names the administrator's pages (the scoped admin); the API renders JSON (its
# interactive docs are Swagger's page).
OTHER_PREFIXES = {
    "admin/": "Django's admin: the pages in ADMIN_PAGES",
    "api/": "JSON; /api/docs is Swagger's own page",
    "static/": "files",
    "borger/": "the citizen's entrance (refuses staff): its pages at 320 px with axe as a citizen "
    "in test_citizen.py (da, ar, uk), test_citizen_questions.py and test_citizen_mitid.py",
}


def admin_pages(staff: dict[str, Any]) -> dict[str, str]:
    from velkomst.core.models import MunicipalityConfig

    config = MunicipalityConfig.objects.filter(
        municipality=staff["administrator"].municipality
    ).first()
    pages = {
        "admin:index": "/admin/",
        "admin:core_unit_changelist": "/admin/core/unit/",
        "admin:core_unit_add": "/admin/core/unit/add/",
        "admin:core_staffuser_changelist": "/admin/core/staffuser/",
        "admin:core_staffuser_add": "/admin/core/staffuser/add/",
        "admin:core_staffuser_change": f"/admin/core/staffuser/{staff['caseworker'].pk}/change/",
        "admin:core_municipalityconfig_add": "/admin/core/municipalityconfig/add/",
    }
    if config:
        pages["admin:core_municipalityconfig_change"] = (
            f"/admin/core/municipalityconfig/{config.pk}/change/"
        )
    return pages


def _page_routes() -> list[tuple[str, str]]:
    return [
        (route, name)
        for route, name in _named_patterns()
        if not route.startswith(tuple(OTHER_PREFIXES))
    ]


def _url(route: str, name: str, ids: dict[str, Any]) -> str:
    if name in ROUTE_IDS:
        route = route.replace("<int:pk>", str(ids[ROUTE_IDS[name]]))
    url = _fill(route, ids)
    if name in ("volunteers-public-register", "volunteers-own-entry", "volunteers-own-concern"):
        from velkomst.volunteers.models import Volunteer

        volunteer = Volunteer.objects.select_related("municipality").get(pk=ids["volunteer"])
        url = route.replace("<str:code>", volunteer.municipality.code)
        return "/" + url.replace("<str:token>", volunteer.token)
    if name == "neighbours-public-receipt":
        from django.core import signing

        from velkomst.neighbours.views import RECEIPT_SALT

        receipt = signing.dumps({"n": "2026-0001", "d": "2026-06-03"}, salt=RECEIPT_SALT)
        url += f"?r={receipt}"
    if name == "insight-indicator-persons":  # the persons behind a figure: its period
        url += "?start=2020-01-01&end=2030-12-31"
    return url


def test_every_url_pattern_is_walked_or_named_as_no_page():
    names = {name for _, name in _page_routes()}
    unlisted = names - set(ROLE_FOR) - set(NOT_A_PAGE)
    assert not unlisted, (
        f"new URL patterns {sorted(unlisted)}: add each to ROLE_FOR (a role that may open it) or "
        "to NOT_A_PAGE with why it renders no HTML page"
    )
    assert not (set(ROLE_FOR) | set(NOT_A_PAGE)) - names, "entries for URL patterns that are gone"


def test_every_page_reflows_at_320_css_px_without_serious_axe_findings(
    live_server, new_context, login, staff, request
):
    ids = dict(request.getfixturevalue("world"))
    pages: dict[str, Any] = {}

    def page_for(role: str) -> Any:
        if role not in pages:
            page = new_context(viewport={"width": WIDTH, "height": 640}).new_page()
            pages[role] = (page, AxeAudit(page))
            if role != ANONYMOUS:
                login(page, staff[role])
        return pages[role]

    too_wide: list[str] = []
    failed: list[str] = []
    walked: list[str] = []

    def visit(role: str, name: str, url: str) -> Any:
        """Open the page as the role, measure it and run axe; the page, or None if it failed."""
        page, audit = page_for(role)
        try:
            response = page.goto(f"{live_server.url}{url}")
        except PlaywrightError as error:
            failed.append(f"{name} {url} as {role}: {error.message.splitlines()[0]}")
            return None
        if response is None or response.status >= 400:
            failed.append(f"{name} {url} as {role}: HTTP {response and response.status}")
            return None
        walked.append(name)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide = page.evaluate(WIDE_ELEMENTS, WIDTH)
            too_wide.append(f"{name} {url} as {role}: {width} px; sticking out: {wide}")
        audit.check(f"{name} {url} ({role}, {WIDTH} px)")
        return page

    menu_opened: set[str] = set()
    for route, name in _page_routes():
        if name not in ROLE_FOR:
            continue
        role = ROLE_FOR[name]
        page = visit(role, name, _url(route, name, ids))
        if page and role != ANONYMOUS and role not in menu_opened:  # the menu button, once a role
            menu_opened.add(role)
            page.get_by_text("Menu", exact=True).click()
            expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                too_wide.append(f"the open main menu as {role}: {width} px")
            pages[role][1].check(f"the open main menu ({role}, {WIDTH} px)")
    for name, url in admin_pages(staff).items():
        visit("administrator", name, url)

    axe = "".join(audit.report() for _, audit in pages.values() if audit.found)
    problems = []
    if failed:
        problems.append("pages that did not open:\n  " + "\n  ".join(failed))
    if too_wide:
        problems.append(
            f"{len(too_wide)} of {len(walked)} pages scroll sideways at {WIDTH} px:\n  "
            + "\n  ".join(too_wide)
        )
    if axe:
        problems.append("axe found serious/critical violations:" + axe)
    assert not problems, "\n\n".join(problems)
    print(f"walked {len(walked)} pages at {WIDTH} px")
