"""The welcome folder per household (REC-7): an HTML preview and the PDF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from velkomst.core import access
from velkomst.people import selectors as people_selectors

from . import selectors, services
from .pdf import folder_pdf_response


def _folder(request: HttpRequest, pk: int) -> selectors.Folder:
    user: Any = request.user
    access.require(user, access.PERSON_VIEW)
    household = people_selectors.household_get(user=user, pk=pk)
    return selectors.welcome_folder(
        user=user, household=household, requested_language=request.GET.get("lang", "")
    )


@require_GET
def welcome_preview(request: HttpRequest, pk: int) -> HttpResponse:
    folder = _folder(request, pk)
    services.folder_viewed(
        household=folder.household,
        members=folder.members,
        acting_user=request.user,  # type: ignore[arg-type]
        language=folder.language,
    )
    body = render_to_string("welcome/_folder.html", {"folder": folder})
    household = folder.household
    return render(
        request,
        "welcome/preview.html",
        {
            "folder": folder,
            "folder_html": body,
            "household": household,
            "crumbs": [(household.name, reverse("household-detail", args=[household.pk]))],
        },
    )


@require_GET
def welcome_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    folder = _folder(request, pk)
    response = folder_pdf_response(
        folder, f"velkomstmappe-{folder.household.pk}-{folder.language}.pdf"
    )
    services.folder_exported(
        household=folder.household,
        members=folder.members,
        acting_user=request.user,  # type: ignore[arg-type]
        language=folder.language,
    )
    return response
