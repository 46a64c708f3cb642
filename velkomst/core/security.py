"""Security events (SEC-1, SEC-3): every refused request of a logged-in staff member.

A 403 (the role may not) and a 404 for an object id (another municipality's object is a 404 by
design, indistinguishable from a missing one) write one append-only ``SecurityEvent``: who, when,
the actor's municipality, the route (URL name, path, URL kwargs), the method, the status and the
channel, and never any data of the object. Anonymous requests write nothing: pages redirect them
to the login and the API answers 401, so nobody without an account can fill the table; a logged-in
member's every refusal is kept, because a probe across tenants is exactly what the log is for.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve

from .audit import actor_label
from .models import RequestChannel, SecurityEvent, StaffUser

LOGGED_STATUSES = (403, 404)
# URL kwargs that are credentials, not ids: kept out of the log.
SECRET_KWARGS = ("token",)


def _actor(request: HttpRequest) -> StaffUser | None:
    """The logged-in member, or the API token's member (django-ninja sets ``request.auth``)."""
    user = getattr(request, "user", None)
    if isinstance(user, StaffUser) and user.is_authenticated:
        return user
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, StaffUser) else None


def _params(kwargs: dict[str, Any]) -> dict[str, str]:
    return {
        name: "…" if any(s in name for s in SECRET_KWARGS) else str(value)[:40]
        for name, value in kwargs.items()
    }


def _resolve(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None


def record_refusal(request: HttpRequest, response: HttpResponse) -> SecurityEvent | None:
    """The event for a refused request, if it is one to keep (see the module's text)."""
    if response.status_code not in LOGGED_STATUSES:
        return None
    actor = _actor(request)
    if actor is None:
        return None
    # a refusal before the URL was resolved (the citizen's middleware refuses a staff session
    # on a citizen's page before any view) is named by resolving its path here
    match = request.resolver_match or _resolve(request.path_info)
    kwargs = dict(match.kwargs) if match is not None else {}
    if response.status_code == 404 and not kwargs:
        return None  # not an object id: a mistyped address, not a probe of an object
    return SecurityEvent.objects.create(
        municipality_id=actor.municipality_id,
        actor_id=actor.pk,
        actor_label=actor_label(actor),
        status=response.status_code,
        method=(request.method or "")[:10],
        route=(match.view_name if match is not None else "")[:100],
        path=request.path[:300],
        params=_params(kwargs),
        channel=RequestChannel.API if request.path.startswith("/api/") else RequestChannel.WEB,
    )
