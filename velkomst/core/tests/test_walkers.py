"""The page walkers generated from the URL configuration (SEC-1, SEC-2, CIT-1's two kinds of
session): every route ``get_resolver()`` knows is walked, so a new page cannot be forgotten.

- every route can be filled with a real object's id (``test_tenancy._fill``), else the walk fails
  naming the route;
- the role matrix of the pages: every staff page, every role: never a server error; a capability
  the view requires (``access.require``) and the role lacks is a 403, and a 403 is always such a
  refusal or one of the named gates of ``OTHER_GATES``; every page refuses some role, or is
  declared open to every staff member in ``OPEN_TO_STAFF`` with the reason; the menu
  (``core/navigation.py``) offers a page to exactly the roles the page lets in;
- a citizen's session gets 403 on every staff page, a staff session 403 on every citizen page;
- every export (a route whose view writes a file) and every search (a page with a ``q`` field),
  walked by another municipality's staff, holds none of the first municipality's names, in the
  file's own text (CSV, XLSX cells, PDF text).

One world for the module (built once, rolled back at the end) and each request in a savepoint
that is rolled back, so no request sees another's writes.
"""

from __future__ import annotations

import inspect
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import transaction
from django.urls import get_resolver, reverse

from velkomst.citizen.tests.sessions import sign_in_client
from velkomst.core import access
from velkomst.core.models import Role

from .test_tenancy import (
    HEALTH_MARKER,
    ROUNDTABLE_MARKER,
    SKIP_PREFIXES,
    _fill,
    routes_and_views,
    world_ids,
)

pytestmark = pytest.mark.django_db

CITIZEN_PREFIX = "borger/"
# Pages every signed-in staff member may open, whatever the role, and why.
OPEN_TO_STAFF: dict[str, str] = {
    "": "the start page: each role's own start page",
    "logout/": "signing out",
    "coordinations/": "the coordinated plans the user takes part in; all of them only for the "
    "plans' teams (health/selectors.can_see_coordination)",
}
# The refusals that are not one of a role's capabilities (``access.require``), by the reason the
# PermissionDenied gives: a 403 of any other reason fails the role matrix, naming it.
GATES: dict[str, str] = {
    "health data": "core/health_access.py: the health roles and those the municipality grants",
    "barriers": "health/: barriers to the plan, for the plans' teams (health.view or the plan)",
    "coordination": "health/: a coordinated plan, for the plans' teams",
    "journal notes": "core/fields.py: journal notes by role (need to know)",
    "consent": "consent/policy.py: who records which purpose of consent",
    "roundtable": "roundtables/: who sits at or follows up a round table",
    "person": "a person the user does not see (unit, assignment)",
    "household not seen": "a household the user does not see (unit, assignment)",
    "not a member of the household": "a person named for another household",
    "not the task's owner": "reception: a task of another role",
    "": "reception: a task the user may not work on (services.can_work_on)",
    "only the receiving unit answers a referral": "referrals: the receiving unit's staff",
    "another municipality's handover": "handover: only the receiving municipality answers it",
    "a municipality's page": "core/middleware.py: the national user on a municipality's page",
    "no municipality": "core/access.py: a user without a municipality",
}
SECRETS = ["Haddad", "Amal", "Omar", "Skovkvarteret", "Lindealle 9", "Vibeke Værtsen"]
SECRETS += ["Fjordbo Boligselskab", "Kirsten Naboklage", "Sprogcenter Fjernøen", HEALTH_MARKER]
SECRETS += ["Bornholms Bageri", ROUNDTABLE_MARKER, "Frivillige Frida Frederiksen"]
SECRETS += ["Tolk Tigrinya", "Introcafé i Klemensker"]
SEARCH_TERM = "Hadd"  # finds the Haddads (a search echoes the term, never a whole secret)
MUNICIPAL_ROLES = sorted(set(Role.values) - {Role.NATIONAL})


def routes() -> dict[str, Any]:
    """Every page route (the admin and the API have walkers of their own) -> its view."""
    return {r: view for r, view in routes_and_views() if not r.startswith(SKIP_PREFIXES)}


def is_public(route: str, view: Any) -> bool:
    """Opened without a staff sign-in: the exempt prefixes and the views marked so."""
    from velkomst.core.middleware import EXEMPT_PREFIXES

    marked = getattr(view, "login_required", True) is False  # login_not_required
    return ("/" + route).startswith(EXEMPT_PREFIXES) or marked


def staff_routes() -> list[str]:
    return sorted(r for r, view in routes().items() if not is_public(r, view))


def citizen_routes() -> list[str]:
    return sorted(r for r in routes() if r.startswith(CITIZEN_PREFIX))


def _source(view: Any) -> str:
    try:
        return inspect.getsource(inspect.unwrap(view))
    except (OSError, TypeError):
        return ""


EXPORT_FORMATS = ("csv", "xlsx", "pdf")


def export_routes() -> dict[str, tuple[str, ...]]:
    """Routes whose view writes a file -> the ``format`` values to ask for ("" for none): a file
    name in the route, ``<str:kind>``, a route ending in export(s)/, or a view that reads
    ``format``."""
    found = {}
    for route, view in routes().items():
        source = _source(view)
        reads_format = '"format"' in source
        named = re.search(r"\.(pdf|csv|xlsx|ics)$|export|<str:kind>", route)
        if reads_format:
            found[route] = tuple(f for f in EXPORT_FORMATS if f'"{f}"' in source) or ("",)
        elif named:
            found[route] = ("",)
    return found


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The conftest's two municipalities, staff and households, and ``world_ids``: one object of
    every kind a route takes an id of. Built once for the module and rolled back after it."""
    from conftest import ROLE_UNITS, _make_user, haddads
    from velkomst.core.services import municipality_create

    with django_db_blocker.unblock(), transaction.atomic():
        bornholm = municipality_create(code="400", name="Bornholm")
        aalborg = municipality_create(code="851", name="Aalborg")
        staff = {
            role: _make_user(bornholm, role, f"bh-{role}", kinds)
            for role, kinds in ROLE_UNITS.items()
        }
        household = haddads(staff["caseworker"])
        ids = world_ids(household, staff)
        outsiders = [
            _make_user(aalborg, role, f"ab-{role}", ROLE_UNITS[role]) for role in MUNICIPAL_ROLES
        ]
        yield SimpleNamespace(staff=staff, household=household, ids=ids, outsiders=outsiders)
        transaction.set_rollback(True)


@contextmanager
def rolled_back() -> Iterator[None]:
    """A request whose writes (read audit, a form's save, a sign-out) vanish after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class Recorder:
    """In a request: the capabilities ``access.require`` was asked for (and whether the user has
    them), and the reason of the PermissionDenied that made it a 403."""

    def __init__(self, monkeypatch: Any) -> None:
        from django.core.exceptions import PermissionDenied
        from django.core.handlers import exception

        self.calls: list[tuple[str, bool]] = []
        self.denied: list[str] = []
        require, respond = access.require, exception.response_for_exception

        def recorded_require(user: Any, capability: str) -> None:
            self.calls.append((capability, access.can(user, capability)))
            require(user, capability)

        def recorded_response(request: Any, exc: Exception) -> Any:
            if isinstance(exc, PermissionDenied):
                self.denied.append(str(exc))
            return respond(request, exc)

        monkeypatch.setattr(access, "require", recorded_require)
        monkeypatch.setattr(exception, "response_for_exception", recorded_response)

    @contextmanager
    def request(self, client: Any) -> Iterator[None]:
        """One request, rolled back; the client keeps its session (a sign-out included)."""
        from django.conf import settings

        self.calls, self.denied = [], []
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        with rolled_back():
            yield
        if cookie is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = cookie.value


# Pages that refuse a role's own capability in the walk's world, and why.
REFUSED_IN_CONTEXT = {
    "handovers/<int:pk>/accept/": "the walk's handover goes to a third municipality (Sønderborg)",
    "handovers/<int:pk>/return/": "the walk's handover goes to a third municipality (Sønderborg)",
}
NATIONAL_OPEN = {"", "logout/"}  # core/middleware.py NATIONAL_PAGES (the start page, sign-out)


def _fetch(client: Any, url: str, **params: Any) -> Any:
    """GET the page; a page that only takes a POST (405) is posted to, empty."""
    response = client.get(url, params)
    if response.status_code == 405:
        response = client.post(url, params)
    return response


def test_every_route_is_filled_with_an_object_or_fails_naming_it(world):
    """REQ: SEC-1, SEC-2: a route the walkers cannot fill with a real object fails here."""
    for route in routes():
        url = _fill(route, world.ids)  # asserts, naming the route
        assert get_resolver().resolve(url.split("?")[0]), route


@pytest.mark.parametrize("role", sorted(Role.values))
def test_every_page_answers_the_role_as_its_capabilities_say(role, world, client, monkeypatch):
    """REQ: SEC-2: every staff page × every role, generated from the URL configuration: never a
    server error; a capability the view requires and the role lacks is a 403; a 403 is a missing
    capability of the role or one of the named GATES; the menu never offers a refused page."""
    recorder = Recorder(monkeypatch)
    capabilities = set().union(*access.ROLE_CAPABILITIES.values())
    user = world.staff[role]
    client.force_login(user)
    statuses: dict[str, int] = {}
    problems = []
    for route in staff_routes():
        url = _fill(route, world.ids)
        with recorder.request(client):
            response = _fetch(client, url)
        status = statuses[route] = response.status_code
        refused = [cap for cap, ok in recorder.calls if not ok]
        reasons = recorder.denied
        where = f"{role} {url} ({route}): {status}"
        if status >= 500:
            problems.append(f"{where}: a server error")
        elif refused and status != 403:
            problems.append(f"{where}: requires {refused[0]}, which the role lacks")
        elif status == 403 and not reasons:
            problems.append(f"{where}: a 403 that is no PermissionDenied")
        elif status == 403 and reasons[-1] in capabilities:
            if reasons[-1] in access.capabilities(user) and route not in REFUSED_IN_CONTEXT:
                problems.append(f"{where}: refused {reasons[-1]}, which the role has")
        elif status == 403 and reasons[-1] not in GATES:
            problems.append(f"{where}: refused for {reasons[-1]!r}: add the gate to GATES")
        national_page = route in NATIONAL_OPEN or route.startswith("national/")
        if role == Role.NATIONAL and status != 403 and not national_page:
            problems.append(f"{where}: the national user on a municipality's page")
    assert problems == [], "\n".join(problems)
    # the menu (core/navigation.py) never offers the role a page that refuses it
    from velkomst.core.navigation import MENU

    for item in MENU:
        if item.url_name.startswith("admin:") or item.capability is None:
            continue
        if item.capability in access.capabilities(user):
            route = next(r for r in statuses if _fill(r, world.ids) == reverse(item.url_name))
            assert statuses[route] != 403, (item.url_name, role)


# The roles most pages refuse first (the guard below stops at the first refusal).
GUARD_ORDER = [
    Role.ADMINISTRATOR,
    Role.INTERPRETER_COORDINATOR,
    Role.VOLUNTEER_COORDINATOR,
    Role.HOUSING_OFFICER,
    Role.JOB_CONSULTANT,
    Role.FAMILY_CONSULTANT,
    Role.HEALTH_COORDINATOR,
    Role.MANAGER,
    Role.CASEWORKER,
]


def test_every_page_refuses_some_role_or_says_why_not(world, client):
    """REQ: SEC-2: a new page that checks no capability fails here, naming the route: every
    staff page refuses some role of the municipality (a 403; for an object's page also a 404:
    the object is not among those the role sees), or is declared in OPEN_TO_STAFF with why."""
    assert set(GUARD_ORDER) == set(MUNICIPAL_ROLES)
    ungated = []
    for route in staff_routes():
        if route in OPEN_TO_STAFF:
            continue
        url = _fill(route, world.ids)
        for role in GUARD_ORDER:
            client.force_login(world.staff[role])
            with rolled_back():
                status = _fetch(client, url).status_code
            if status == 403 or (status == 404 and "<" in route):
                break
        else:
            ungated.append(route)
    assert ungated == [], (
        "pages every role may open: require the capability of the page (core/access.py), or "
        f"declare it in OPEN_TO_STAFF with the reason: {ungated}"
    )
    assert set(OPEN_TO_STAFF) <= set(staff_routes()), "OPEN_TO_STAFF names a route that is gone"


def test_a_citizen_session_gets_no_staff_page(world, client):
    """REQ: SEC-2, CIT-1: every staff page (and every public one but the citizen's own) refuses
    a citizen's session before its view runs: 403, never the page."""
    amal = world.household.members.get(first_name="Amal")
    client = sign_in_client(client, amal)
    walked = 0
    for route in sorted(routes()):
        if route.startswith(CITIZEN_PREFIX) or route == "login/":
            continue  # the staff sign-in signs the citizen out first (citizen/tests/test_pages.py)
        url = _fill(route, world.ids)
        for method in ("get", "post"):
            with rolled_back():
                response = getattr(client, method)(url)
            assert response.status_code == 403, (method, url, response.status_code)
            walked += 1
    assert walked >= 2 * len(staff_routes())


# The citizen pages a staff session may still open, and why: the sign-in pages (signing in as a
# citizen ends the staff session). None of them shows a citizen's data to a staff session.
CITIZEN_SIGN_IN = ("borger/log-ind/", "borger/invitation/", "borger/mitid/")


def test_a_staff_session_gets_no_citizen_page(world, client):
    """REQ: SEC-2, CIT-1: every route under /borger/ refuses each staff role's session (403),
    or is a sign-in page, which shows no citizen's data."""
    for user in world.staff.values():
        client.force_login(user)
        for route in citizen_routes():
            url = _fill(route, world.ids)
            for method in ("get", "post"):
                with rolled_back():
                    response = getattr(client, method)(url)
                body = response.content.decode(errors="ignore")
                assert not any(s in body for s in SECRETS), (user.role, method, url)
                if not route.startswith(CITIZEN_SIGN_IN):
                    assert response.status_code == 403, (user.role, method, url)


def _text(response: Any) -> str:
    """A response's text as a reader sees it: a PDF's text, an XLSX's cells, else decoded."""
    from velkomst.core.pdf import pdf_text

    content = b"".join(response) if response.streaming else response.content
    media = response.get("Content-Type", "").split(";")[0]
    if content.startswith(b"%PDF"):
        return pdf_text(content)
    if content.startswith(b"PK"):  # an XLSX (a zip of XML parts): every part's text
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(
                archive.read(name).decode(errors="ignore")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    assert media.startswith(("text/", "application/json", "application/xml")) or not content, (
        f"an export of an unknown kind: {media}"
    )
    return content.decode("utf-8-sig", errors="ignore")


def test_exports_hold_nothing_of_another_municipality(world, client):
    """REQ: SEC-1: every export route (found in the URL configuration), in every format, asked
    for by each role of another municipality: a 403/404, or a file of their own municipality,
    whose text holds none of the first municipality's names."""
    exports = export_routes()
    assert len(exports) >= 15, sorted(exports)
    for outsider in world.outsiders:
        client.force_login(outsider)
        for route, formats in exports.items():
            url = _fill(route, world.ids)
            for kind in formats:
                with rolled_back():
                    response = client.get(url, {"format": kind} if kind else {})
                assert response.status_code < 500, (outsider.role, url, kind)
                text = _text(response)
                leaked = [s for s in SECRETS if s in text]
                assert not leaked, (outsider.role, url, kind, leaked)
                if "<int:" in route:
                    assert response.status_code in (403, 404, 405), (outsider.role, url, kind)


def test_the_export_walk_reads_the_files_it_checks(world, client):
    """The walk above is not blind: the first municipality's own export of the allocation meeting
    and the CV show its names, in XLSX and PDF."""
    ids = world.ids
    client.force_login(world.staff["housing_officer"])
    xlsx = client.get(
        f"/allocation-meetings/{ids['allocation_meeting']}/export/", {"format": "xlsx"}
    )
    assert "Haddad" in _text(xlsx)
    client.force_login(world.staff["caseworker"])
    assert "Amal" in _text(client.get(f"/persons/{ids['person']}/cv.pdf"))


def search_routes(client: Any, world: Any) -> list[str]:
    """The pages with a search field (an input named ``q``), as the manager of the first
    municipality sees them (every citizen of the municipality)."""
    found = []
    for route in staff_routes():
        if "<" in route:
            continue
        with rolled_back():
            response = client.get(_fill(route, world.ids))
        if response.status_code == 200 and re.search(rb'name="q"', response.content):
            found.append(route)
    return found


def test_searches_find_nothing_of_another_municipality(world, client):
    """REQ: SEC-1: every search page (found by its search field), searched by each role of
    another municipality for the first municipality's family name: none of its names."""
    searches = {}
    for role in (Role.MANAGER, Role.ADMINISTRATOR, Role.VOLUNTEER_COORDINATOR):
        client.force_login(world.staff[role])
        searches.update(dict.fromkeys(search_routes(client, world)))
    assert {"citizens/", "audit/"} <= set(searches), sorted(searches)
    client.force_login(world.staff[Role.MANAGER])
    with rolled_back():  # the search finds the Haddads at home
        assert "Haddad" in client.get("/citizens/", {"q": SEARCH_TERM}).content.decode()
    for outsider in world.outsiders:
        client.force_login(outsider)
        for route in searches:
            url = _fill(route, world.ids)
            with rolled_back():
                response = client.get(url, {"q": SEARCH_TERM, "search": SEARCH_TERM})
            assert response.status_code in (200, 403), (outsider.role, url)
            body = response.content.decode(errors="ignore")
            assert not [s for s in SECRETS if s in body], (outsider.role, url)
