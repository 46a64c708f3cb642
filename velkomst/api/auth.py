"""Who is calling: a staff member's API token (``Authorization: Bearer <key>``) or, for the
app's own pages, the logged-in Django session with its CSRF token."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from velkomst.core import access
from velkomst.core.models import StaffUser

from .services import api_token_authenticate


class TokenAuth(HttpBearer):
    """Bearer token. A token that is given but wrong, revoked or whose user is inactive is a 401
    at once: it never falls back to the session."""

    def authenticate(self, request: HttpRequest, token: str) -> StaffUser:
        user = api_token_authenticate(key=token.strip())
        if user is None:
            raise AuthenticationError()
        return user


class StaffSessionAuth(APIKeyCookie):
    """The Django session of a logged-in, active staff member.

    Unlike ninja's SessionAuth the CSRF check runs only once a session user is found, so a caller
    without any credentials gets 401 rather than a CSRF 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False):
            if check_csrf(request) is not None:
                raise HttpError(403, "CSRF check failed: send the X-CSRFToken header.")
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        return None  # __call__ does the work


def acting_user(request: HttpRequest) -> StaffUser:
    return cast(StaffUser, request.auth)  # type: ignore[attr-defined]


def reader(request: HttpRequest) -> StaffUser:
    """The acting user, who must be allowed to see citizens' data at all (SEC-2).

    Every route of this API reads or returns citizens' data, so every route starts here; which
    citizens the user sees is then up to the selectors.
    """
    user = acting_user(request)
    access.require(user, access.PERSON_VIEW)
    return user
