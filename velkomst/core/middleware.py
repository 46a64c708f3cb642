"""Every page needs a logged-in user, except login, the language switch, static files, the API
(which authenticates with tokens or the session by itself) and the calendar feeds (the secret
token in the address is the credential: calendar apps cannot log in), and the neighbour-problem
form of landlords and housing associations (/report/<token>/, where the token is the credential),
and the citizen's entrance (/borger/, with its own sign-in: velkomst/citizen)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .security import record_refusal

EXEMPT_PREFIXES = (
    "/api/",
    "/static/",
    "/i18n/",
    "/calendar/",
    "/report/",
    "/frivillig/",
    "/borger/",  # the citizen's entrance signs its citizens in by itself (velkomst/citizen)
)


class LoginRequiredMiddleware(DjangoLoginRequired):
    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> Any:
        if request.path.startswith(EXEMPT_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SecurityEventMiddleware:
    """Writes a security event for each refused request of a logged-in staff member (403, or a
    404 for an object id), pages and API alike: see ``core/security.py``."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        response = self.get_response(request)
        record_refusal(request, response)
        return response


# the pages the immigration service's national user may open: its own (national-*), the start
# page, and signing in and out; the API answers by itself (only /api/national/... lets it in)
NATIONAL_PAGES = frozenset({"home", "login", "logout"})
NATIONAL_PREFIXES = ("/api/", "/static/", "/i18n/")


class NationalScopeMiddleware:
    """The national user (NAT-1) is outside every municipality's tenancy: every page that is
    not a national page is refused (403) before its view runs, so no municipality page can show
    it anything, whatever that page's own checks are."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> Any:
        user: Any = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.role != "national":
            return None
        if request.path.startswith(NATIONAL_PREFIXES):
            return None
        match = request.resolver_match
        name = match.url_name if match else ""
        if name in NATIONAL_PAGES or (name or "").startswith("national-"):
            return None
        raise PermissionDenied("a municipality's page")


class HandedOverMiddleware:
    """A page whose view lets a refused write about a handed-over household through (COO-5,
    ``core.moved``) answers 409 with the message, never a server error; most views show it on
    their form like any refusal. The API answers 409 by itself (api/errors.py)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> Any:
        from django.shortcuts import render

        from .moved import HandedOver

        if not isinstance(exception, HandedOver):
            return None
        return render(
            request, "core/handed_over.html", {"message": exception.messages[0]}, status=409
        )
