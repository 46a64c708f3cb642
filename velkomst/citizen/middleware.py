"""Two kinds of session never share a page (CIT-1): the citizen pages (/borger/) refuse a staff
session, and every staff page refuses a citizen session, before the view runs; the staff sign-in
page signs a citizen out first. The staff pages
are in Danish and English only (``settings.STAFF_LANGUAGES``): a language of the citizen's
entrance chosen in the same browser shows the staff pages in Danish."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from .services import signed_out
from .session import current_person, is_citizen_session, sign_out
from .translations import offered

CITIZEN_PREFIX = "/borger/"
# open to both kinds (and to nobody signed in): static files and the language switch
SHARED_PREFIXES = ("/static/", "/i18n/")


def staff_language(code: str) -> str:
    """``code`` if the staff pages offer it, else the site's first language (Danish)."""
    return offered(code, settings.STAFF_LANGUAGES)


class CitizenSessionMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        # before the view and before the staff login check, which would send a citizen to the
        # staff sign-in page
        self._refuse_the_other_kind(request)
        if not request.path.startswith((CITIZEN_PREFIX, *SHARED_PREFIXES)):
            language = staff_language(translation.get_language() or "")
            if language != translation.get_language():
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

    def _refuse_the_other_kind(self, request: HttpRequest) -> None:
        if request.path.startswith(SHARED_PREFIXES):
            return
        user: Any = getattr(request, "user", None)
        staff = user is not None and user.is_authenticated
        if request.path.startswith(CITIZEN_PREFIX):
            if staff:
                raise PermissionDenied("a staff session on a citizen's page")
            return
        if is_citizen_session(request):
            if request.path == reverse("login"):
                # a staff member signing in on a browser a citizen used: the citizen is signed
                # out first (audited), so the two kinds never share the session
                person = current_person(request)
                if person is not None:
                    signed_out(person=person)
                sign_out(request)
                return
            raise PermissionDenied("a citizen's session on a staff page")
