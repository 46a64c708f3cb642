"""axe-core on every page a caseworker, a manager and an administrator reach: no violation with
impact "serious" or "critical" (WCAG 2.1 AA rules plus axe's best practices).

No requirement ID covers accessibility by name; it is the DKFDS baseline the design commits to
(docs: design.md, "look") and the law on public-sector websites (webtilgængelighedsloven).

A crawl per role follows every link from the start page, so each page a role can reach is checked
in its first state, including pages added later; the other tests drive the states no link reaches
(htmx updates, forms with errors, the 404 page, English, a 320 px wide screen) and Django's admin.
Each test checks all its pages before failing, so one run lists every violation, page by page,
with the rule, its help text and the offending elements.
"""

from __future__ import annotations

import re
import warnings
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import axe_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}

# Violations in Django's own admin that our templates cannot fix, tolerated by name, each reported
# as a warning on every run (never silently). (rule, element selector axe reports, why/how to fix)
KNOWN_DJANGO_ADMIN_VIOLATIONS: list[tuple[str, str, str]] = []  # none: fixed in core/admin.py

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                              summary: n.failureSummary}))
  }));
}"""


class AxeAudit:
    """Runs axe on pages one after another and keeps the blocking violations of each."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.script = axe_path()
        self.found: dict[str, list[dict[str, Any]]] = {}
        self.checked: list[str] = []
        self.tolerated: set[str] = set()
        page.add_init_script(path=str(self.script))  # every new document gets axe

    def check(self, label: str) -> None:
        self.page.wait_for_load_state()
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):  # opened before __init__
            self.page.add_script_tag(path=str(self.script))
        violations = [v for v in self.page.evaluate(AXE_RUN) if v["impact"] in BLOCKING]
        self.checked.append(label)
        if self.page.url.split("/", 3)[-1].startswith("admin/"):
            violations = self._without_known_admin_violations(label, violations)
        if violations:
            self.found[label] = violations

    def _without_known_admin_violations(
        self, label: str, violations: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        remaining = []
        for v in violations:
            nodes = []
            for node in v["nodes"]:
                known = [
                    why
                    for rule, target, why in KNOWN_DJANGO_ADMIN_VIOLATIONS
                    if rule == v["id"] and target in node["target"]
                ]
                if known:
                    self.tolerated.add(
                        f"{label}: [{v['impact']}] {v['id']} at {node['target']} ({known[0]})"
                    )
                else:
                    nodes.append(node)
            if nodes:
                remaining.append({**v, "nodes": nodes})
        return remaining

    def report(self) -> str:
        lines = []
        for label, violations in self.found.items():
            lines.append(f"\n== {label}")
            for v in violations:
                lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
                for node in v["nodes"]:
                    lines.append(f"      at {node['target']}: {node['html']}")
                    summary = " ".join(node["summary"].split())
                    lines.append(f"         {summary}")
        return "\n".join(lines)

    def assert_clean(self) -> None:
        if self.tolerated:
            warnings.warn(
                "known Django admin accessibility violations (tolerated, fix in core/admin.py):\n  "
                + "\n  ".join(sorted(self.tolerated)),
                stacklevel=2,
            )
        assert not self.found, (
            f"axe found serious/critical violations on {len(self.found)} of "
            f"{len(self.checked)} pages:" + self.report()
        )


def test_login_and_not_found_pages_are_accessible(live_server, page, login, caseworker):
    audit = AxeAudit(page)
    page.goto(f"{live_server.url}/login/")
    audit.check("login page")
    page.get_by_label("Brugernavn").fill(caseworker.username)
    page.get_by_label("Adgangskode").fill("wrong password")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("login page, wrong password")

    login(page, caseworker)
    response = page.goto(f"{live_server.url}/persons/987654/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Siden findes ikke")
    audit.check("404 page")
    audit.assert_clean()


def test_caseworker_page_states_are_accessible(live_server, page, login, caseworker, person):
    """The states a link does not reach: search results swapped in by htmx, an htmx note, forms
    with errors. (Each page's first state is checked by the crawl below.)"""
    audit = AxeAudit(page)
    case = person.case
    login(page, caseworker)
    expect(page).to_have_url(f"{live_server.url}/")  # the start page
    page.goto(f"{live_server.url}/citizens/")
    page.locator("#id_q").press_sequentially("Omar", delay=20)
    expect(page.locator("#results")).not_to_contain_text("Amal Haddad")
    audit.check("/citizens/ after search as you type")
    page.locator("#id_q").fill("ingen-med-det-navn")
    expect(page.locator("#results")).to_contain_text("Ingen borgere matcher")
    audit.check("/citizens/ with no results")

    page.goto(f"{live_server.url}/persons/{person.pk}/")
    notes = page.locator("#notes")
    notes.get_by_label("Nyt notat").fill("Første samtale holdt.")
    notes.get_by_role("button", name="Tilføj notat").click()
    expect(page.locator("#notes .velkomst-note-text")).to_have_text("Første samtale holdt.")
    audit.check("person page after an htmx note")

    child = person.household.members.get(first_name="Lina")
    page.goto(f"{live_server.url}/persons/{child.pk}/")
    audit.check("person page of a child (no case)")

    page.goto(f"{live_server.url}/households/new/")
    page.get_by_role("button", name="Opret husstand").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    audit.check("new household form submitted empty (errors)")
    page.get_by_role("button", name="Tilføj medlem").click()
    expect(page.get_by_role("group", name="Medlem 2")).to_be_visible()
    audit.check("new household form after 'Tilføj medlem'")

    page.goto(f"{live_server.url}/persons/{person.pk}/edit/")
    page.get_by_label("CPR-nummer").fill("3213881234")
    page.get_by_label("Nationalitet").select_option("")  # "Vælg land": required
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#id_cpr_error")).to_be_visible()
    audit.check("person edit form with errors")

    page.goto(f"{live_server.url}/cases/{case.pk}/phase/")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("phase form with errors")

    # REQ: REC-5 (changing the fixed caseworker needs a reason; the manager's form is the same)
    page.goto(f"{live_server.url}/cases/{case.pk}/caseworker/")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("caseworker form with errors")
    audit.assert_clean()


def test_administrator_pages_are_accessible(live_server, page, login, staff, person):
    from velkomst.core.services import municipality_configure

    config = municipality_configure(
        municipality=staff["administrator"].municipality,
        effective_from=date(2026, 1, 1),
        values={"programme_years": 3},
        note="Forudfyldt",
    )
    audit = AxeAudit(page)
    login(page, staff["administrator"])
    expect(page).to_have_url(f"{live_server.url}/")  # the start page
    page.goto(f"{live_server.url}/audit/")
    audit.check("audit search")
    page.get_by_label("CPR-nummer eller navn").fill("Haddad")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("link", name="Amal Haddad")).to_be_visible()
    audit.check("audit search with results")
    page.get_by_role("link", name="Amal Haddad").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amal Haddad")
    audit.check("audit person page")

    # Django's admin, scoped to the municipality's configuration
    admin_pages = {
        "/admin/ (index)": "/admin/",
        "/admin/ new unit form": "/admin/core/unit/add/",
        "/admin/ configuration form": f"/admin/core/municipalityconfig/{config.pk}/change/",
        "/admin/ staff users": "/admin/core/staffuser/",
        "/admin/ staff user form": f"/admin/core/staffuser/{staff['caseworker'].pk}/change/",
        "/admin/ new staff user form": "/admin/core/staffuser/add/",
        "/admin/ set a staff user's password": (
            f"/admin/core/staffuser/{staff['caseworker'].pk}/password/"
        ),
    }
    for label, path in admin_pages.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("#site-name")).to_contain_text("Velkomst")
        audit.check(label)
    page.goto(f"{live_server.url}/admin/core/unit/add/")
    page.locator("input[type=submit][name=_save]").click()
    expect(page.locator(".errornote")).to_be_visible()
    audit.check("/admin/ new unit form with errors")
    audit.assert_clean()


def test_english_citizen_list_is_accessible(live_server, page, login, caseworker, person):
    audit = AxeAudit(page)
    login(page, caseworker)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/citizens/")
    catalogue = settings.BASE_DIR / "velkomst" / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    if catalogue.exists():  # compiled by `make messages`; without it the UI stays Danish
        expect(page.get_by_role("heading", level=1)).to_have_text("My citizens")
    audit.check("/citizens/ in English")
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    audit.assert_clean()


def test_pages_reflow_at_320_css_pixels(live_server, new_context, login, staff, person):
    """1280 px at 400 % zoom (WCAG 1.4.10): the main menu stays reachable without JavaScript,
    the page does not scroll sideways (wide tables scroll in their own focusable region), and axe
    still finds nothing serious."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    audit = AxeAudit(page)
    login(page, staff["manager"])
    pages = {
        "/citizens/ at 320 px": "/citizens/",
        "person page at 320 px": f"/persons/{person.pk}/",
        "household page at 320 px": f"/households/{person.household_id}/",
        "audit person page at 320 px": f"/audit/persons/{person.pk}/",
    }
    for label, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_text("Menu", exact=True)).to_be_visible()  # the menu button
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{label}: the page is {width} px wide and scrolls sideways"
        audit.check(label)
    audit.assert_clean()


CRAWL_SKIP = ("/static/", "/i18n/", "/api/", "/admin/", "/login/", "/logout/")
CRAWL_LIMIT = 90  # the caseworker reaches about 60 page patterns now
MUST_REACH = {
    "caseworker": {
        "/citizens/",
        "/persons/<id>/",
        "/persons/<id>/edit/",
        "/households/<id>/",
        "/households/<id>/edit/",
        "/households/new/",
        "/cases/<id>/phase/",
        "/cases/<id>/caseworker/",
    },
    "manager": {
        "/citizens/",
        "/persons/<id>/",
        "/households/<id>/",
        "/cases/<id>/caseworker/",
        "/audit/",
        "/audit/persons/<id>/",
    },
}


def _pattern(path: str) -> str:
    return re.sub(r"/\d+(?=/)", "/<id>", path)


@pytest.mark.parametrize("role", ["caseworker", "manager"])
def test_every_page_linked_for_the_role_is_accessible(
    live_server, page, login, staff, person, role
):
    """Follows every link (GET, same site, no query string) from the role's start page, one page
    per URL pattern, so pages added later are checked without being listed here."""
    audit = AxeAudit(page)
    login(page, staff[role])
    queue: list[str] = [page.url]
    seen: set[str] = set()
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.pop(0)
        path = url.removeprefix(live_server.url)
        if _pattern(path) in seen:
            continue
        seen.add(_pattern(path))
        response = page.goto(url)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        landed = _pattern(page.url.removeprefix(live_server.url))
        if landed != _pattern(path):  # a redirect, e.g. / -> /citizens/
            if landed in seen:
                continue
            seen.add(landed)
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        audit.check(f"{landed} ({role})")
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        for link in links:
            link = link.split("#")[0]
            target = link.removeprefix(live_server.url)
            if (
                link.startswith(live_server.url)
                and "?" not in target
                and not re.search(r"\.\w+$", target)  # downloads: .xlsx, .csv, .pdf
                and not target.startswith(CRAWL_SKIP)
                and _pattern(target) not in seen
            ):
                queue.append(link)
    missing = MUST_REACH[role] - seen
    assert not missing, f"the crawl did not reach {sorted(missing)}; it saw {sorted(seen)}"
    print(f"{role}: checked {len(seen)} pages: {sorted(seen)}")
    audit.assert_clean()
