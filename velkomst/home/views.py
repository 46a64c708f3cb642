"""The start page: each role lands on its own overview of what needs it (after login and at
``/``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors


def start(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    return render(request, "home/start.html", {"panels": selectors.panels_for(user)})
