"""The citizen pages' gate (CIT-1): a view under /borger/ that shows a citizen's own data is
wrapped in ``citizen_required``; it finds the signed-in person and hands it to the view."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .session import current_person

SIGN_IN_URL_NAME = "citizen-sign-in"


def citizen_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Calls ``view(request, person, ...)`` for a signed-in citizen; anybody else is sent to the
    citizen's sign-in page (a staff session never gets here: CitizenSessionMiddleware)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person = current_person(request)
        if person is None:
            return redirect(SIGN_IN_URL_NAME)
        return view(request, person, *args, **kwargs)

    return wrapper
