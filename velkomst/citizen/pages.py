"""Every page of the citizen's entrance is rendered with the entrance's shared context: its
languages, its sections (the menu, across the apps that add citizen pages), and whether the
page's language has texts no translator has checked (CIT-1)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy

from . import translations
from .session import current_person

# the sections of the entrance, in the order of its menu: (url name, label)
SECTIONS = [
    ("citizen-home", gettext_lazy("Forside")),
    ("citizen-plan", gettext_lazy("Min plan")),
    ("citizen-appointments", gettext_lazy("Aftaler")),
    ("citizen-tasks", gettext_lazy("Mine opgaver")),
    ("citizen-documents", gettext_lazy("Breve og dokumenter")),
    ("citizen-contacts", gettext_lazy("Kontaktpersoner")),
    ("citizen-questions", gettext_lazy("Spørgsmål")),
    ("citizen-surveys", gettext_lazy("Spørgeskemaer")),
]


def render_citizen(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """A citizen page with the entrance's shared context: the languages, the sections, and
    whether the page's language has texts no translator has checked."""
    match = request.resolver_match
    here = match.url_name if match else ""
    context = {
        "citizen_languages": settings.CITIZEN_LANGUAGES,
        "sections": [(name, str(label), name == here) for name, label in SECTIONS],
        "unreviewed": translations.has_unreviewed(translation.get_language() or ""),
        "oidc_enabled": bool(settings.VELKOMST_OIDC_ISSUER),
        "person": current_person(request),
        **context,
    }
    return render(request, template, context, status=status)
