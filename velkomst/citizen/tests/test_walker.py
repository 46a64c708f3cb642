"""Every route of the citizen's entrance, walked (CIT-1, SEC-1): a staff session is refused on
each (403), and a citizen of another household who asks for this household's objects by id gets
a 404 and never sees this household's data. Generated from the URL configuration, so a new
/borger/ route cannot be forgotten.

REQ: CIT-1
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver

from velkomst.appointments.models import Appointment
from velkomst.reception.models import PlanTask

pytestmark = pytest.mark.django_db

# the pages anybody may open: signing in, an invitation's link (by its token), signing out
# the ways in (and out): no citizen's data; the MitID routes are walked in citizen/tests/oidc
OPEN_ROUTES = {
    "borger/log-ind/",
    "borger/log-ud/",
    "borger/invitation/<str:token>/",
    "borger/mitid/",
    "borger/mitid/callback/",
}


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("borger/"):
            yield route


def _fill(route, ids):
    kind = route.split("/")[1]
    value = {"aftaler": ids["appointment"], "opgaver": ids["task"]}.get(kind, 0)
    route = route.replace("<str:token>", "x")
    return "/" + re.sub(r"<int:\w+>", str(value), route)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_every_citizen_route_refuses_staff_and_other_citizens(
    client, planned, person, neighbour_household, staff, citizen_client
):
    # REQ: CIT-1
    routes = list(_routes())
    assert len(routes) >= 10
    ids = {
        "appointment": Appointment.objects.get(household=planned).pk,
        "task": PlanTask.objects.filter(plan__household=planned).order_by("id")[0].pk,
    }
    for role in ("caseworker", "manager", "administrator"):
        client.force_login(staff[role])
        for route in routes:
            for method in ("get", "post"):
                response = getattr(client, method)(_fill(route, ids))
                assert response.status_code == 403, (role, method, route)
    client.logout()
    outsider = neighbour_household.members.get()
    secrets = ["Amal", "Omar", "Lina", "Haddad"]
    citizen = citizen_client(outsider)
    for route in routes:
        if route in OPEN_ROUTES:
            continue
        response = citizen.get(_fill(route, ids))
        if response.status_code == 405:  # a POST-only route (declining a survey)
            response = citizen.post(_fill(route, ids))
        body = response.content.decode(errors="ignore")
        if "<int:" in route:
            assert response.status_code == 404, route
        else:
            assert response.status_code == 200, route
        assert not any(s in body for s in secrets), route
