"""A citizen's session (CIT-1): it holds the person's id and how they signed in, never a staff
user. Signing in as a citizen ends a staff session in the same browser and the other way round
(``CitizenSessionMiddleware`` refuses the pages of the other kind)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest

PERSON_KEY = "citizen_person_id"
METHOD_KEY = "citizen_sign_in_method"


def sign_in(request: HttpRequest, *, person: Any, method: str) -> None:
    """Start a citizen session for ``person`` (a new session key: no fixation)."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        logout(request)  # flushes the staff session
    request.session.cycle_key()
    request.session[PERSON_KEY] = person.pk
    request.session[METHOD_KEY] = method
    if hasattr(request, "_citizen_cache"):
        del request._citizen_cache


def sign_out(request: HttpRequest) -> None:
    request.session.flush()


def is_citizen_session(request: HttpRequest) -> bool:
    return PERSON_KEY in request.session


def current_person(request: HttpRequest) -> Any:
    """The signed-in citizen's ``Person`` (with household and municipality), or None."""
    if not hasattr(request, "_citizen_cache"):
        from velkomst.people.models import Person

        person_id = request.session.get(PERSON_KEY)
        request._citizen_cache = (  # type: ignore[attr-defined]
            Person.objects.select_related("household", "municipality").filter(pk=person_id).first()
            if person_id
            else None
        )
    return request._citizen_cache  # type: ignore[attr-defined]
