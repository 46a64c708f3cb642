"""The page "Økonomi" (MI-4): a year's costs against its results, compared with the year before
(economy.py). The year is chosen with a plain GET form (no JavaScript)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import economy


def chosen_year(request: HttpRequest) -> int | None:
    """The year asked for (``?year=2025``); None when absent or not a year."""
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


@require_GET
def economy_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    page = economy.economy(user, year=chosen_year(request))
    return render(request, "insight/economy.html", {"page": page})
