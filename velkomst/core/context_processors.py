from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from . import access
from .navigation import menu_for


def velkomst(request: HttpRequest) -> dict[str, Any]:
    # the staff pages' language switch offers only these (the citizen's entrance has its own)
    staff_languages = settings.STAFF_LANGUAGES
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"caps": frozenset(), "navigation": [], "staff_languages": staff_languages}
    caps = access.capabilities(user)
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match else ""
    return {
        "caps": caps,
        "municipality": user.municipality,
        "navigation": menu_for(caps, here),
        "staff_languages": staff_languages,
    }
