"""The page "Steder" (MI-5): households per housing area and the platform's children per daycare
and school against the municipality's spread rules, today (places.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import places


@require_GET
def places_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(request, "insight/places.html", {"page": places.places(user)})
