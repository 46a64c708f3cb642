"""Two kinds of session never share a page (CIT-1): the citizen pages (/borger/) refuse a staff
session, and every staff page refuses a citizen session, before the view runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .session import is_citizen_session

CITIZEN_PREFIX = "/borger/"
# open to both kinds (and to nobody signed in): static files and the language switch
SHARED_PREFIXES = ("/static/", "/i18n/")


class CitizenSessionMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> Any:
        if request.path.startswith(SHARED_PREFIXES):
            return None
        user: Any = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated
        if request.path.startswith(CITIZEN_PREFIX):
            if staff:
                raise PermissionDenied("a staff session on a citizen's page")
            return None
        if is_citizen_session(request):
            raise PermissionDenied("a citizen's session on a staff page")
        return None
