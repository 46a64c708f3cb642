"""Test-only: a citizen's session without going through a sign-in page, made the way
``velkomst.citizen.session.sign_in`` makes it: a session store holding the person's id
and the sign-in method. For the test client (``sign_in_client``) and Playwright
(``session_cookie``)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings

from velkomst.citizen.session import METHOD_KEY, PERSON_KEY


def session_key(person: Any, method: str = "invitation") -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[PERSON_KEY] = person.pk
    store[METHOD_KEY] = method
    store.save()
    return str(store.session_key)


def sign_in_client(client: Any, person: Any) -> Any:
    client.logout()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key(person)
    return client


def session_cookie(person: Any, url: str) -> dict[str, Any]:
    """The cookie for Playwright's ``context.add_cookies``."""
    return {"name": settings.SESSION_COOKIE_NAME, "value": session_key(person), "url": url}
