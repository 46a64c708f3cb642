from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import access

# The main menu: (url name, label, capability the entry needs)
NAVIGATION = [
    ("home", _("Forside"), None),
    ("person-list", _("Mine borgere"), access.PERSON_VIEW),
    ("my-tasks", _("Mine opgaver"), access.TASK_COMPLETE),
    ("my-calendar", _("Min kalender"), access.PERSON_VIEW),
    ("worklist", _("Enhedens arbejdsliste"), access.PERSON_VIEW),
    ("placement-overview", _("Børn: dagtilbud og skole"), access.PERSON_VIEW),
    ("contact-list", _("Kontakter"), access.CONTACT_LOG),
    ("housing-dwelling-list", _("Boliger"), access.HOUSING_VIEW),
    ("hosts-host-list", _("Private værter"), access.HOUSING_VIEW),
    ("neighbours-report-list", _("Naboproblemer"), access.NEIGHBOUR_VIEW),
    ("associations-meeting-list", _("Boligforeninger og anvisning"), access.HOUSING_VIEW),
    ("household-create", _("Ny husstand"), access.HOUSEHOLD_CREATE),
    ("visitation-upload", _("Importér visitation"), access.HOUSEHOLD_CREATE),
    ("audit-search", _("Log og aktindsigt"), access.AUDIT_VIEW),
    ("security-events", _("Sikkerhedshændelser"), access.ADMIN_SITE),
    ("plan-template-list", _("Skabelon for modtageplan"), access.TEMPLATE_EDIT),
    ("admin:index", _("Administration"), access.ADMIN_SITE),
]


def velkomst(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"caps": frozenset(), "navigation": []}
    caps = access.capabilities(user)
    match = getattr(request, "resolver_match", None)
    here = match.view_name if match else ""
    navigation = [
        {"href": reverse(name), "label": label, "current": name == here}
        for name, label, capability in NAVIGATION
        if capability is None or capability in caps
    ]
    return {"caps": caps, "municipality": user.municipality, "navigation": navigation}
