from __future__ import annotations

import csv
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, audit, selectors
from .models import AuditAction


def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if access.can(user, access.PERSON_VIEW):
        return redirect("person-list")
    if access.can(user, access.AUDIT_VIEW):
        return redirect("audit-search")
    return render(request, "core/home.html")


def audit_search(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, access.AUDIT_VIEW)
    query = request.GET.get("q", "")
    persons = selectors.audit_person_search(user=user, query=query)
    if query:
        audit.log(actor=user, action=AuditAction.SEARCH, reason=_("Aktindsigt: søgning"))
    return render(request, "core/audit_search.html", {"query": query, "persons": persons})


def audit_person(request: HttpRequest, pk: int) -> HttpResponse:
    """A citizen's audit log, for an access request; CSV with ?format=csv."""
    user: Any = request.user
    person = selectors.audit_person_get(user=user, pk=pk)
    entries = selectors.audit_entries_for_person(user=user, person=person)
    if request.GET.get("format") == "csv":
        audit.log(
            actor=user,
            action=AuditAction.EXPORT,
            obj=person,
            person_id=person.pk,
            reason=_("Aktindsigt: udtræk af log"),
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="log-{person.pk}-{stamp}.csv"'
        response.write("\ufeff")  # BOM so Danish Excel reads UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                _("Tidspunkt"),
                _("Medarbejder"),
                _("Handling"),
                _("Objekt"),
                _("Ændringer"),
                _("Begrundelse"),
                _("Kanal"),
            ]
        )
        for e in entries.iterator():
            writer.writerow(
                [
                    timezone.localtime(e.at).isoformat(timespec="seconds"),
                    e.actor_label,
                    e.get_action_display(),
                    f"{e.object_type} {e.object_id}".strip(),
                    e.changes or "",
                    e.reason,
                    e.channel,
                ]
            )
        return response
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_person.html", {"person": person, "page": page})
