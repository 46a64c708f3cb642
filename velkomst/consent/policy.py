"""Who reads and records which consents (COO-4).

Consents are part of the case: every role that sees the person sees them, except consents to
share health results, which only roles that read health data see and only the health roles
record. The other purposes are recorded by the roles that work with the citizen
(``access.CONSENT_EDIT``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from velkomst.core import access
from velkomst.core.health_access import can_edit_health, can_view_health

from .models import HEALTH_PURPOSES, Purpose


def can_view(user: Any, purpose: str) -> bool:
    if purpose in HEALTH_PURPOSES:
        return can_view_health(user)
    return access.can(user, access.PERSON_VIEW)


def can_record(user: Any, purpose: str) -> bool:
    if purpose in HEALTH_PURPOSES:
        return can_edit_health(user)
    return access.can(user, access.CONSENT_EDIT)


def require_record(user: Any, purpose: str) -> None:
    if not can_record(user, purpose):
        raise PermissionDenied("consent")


def purposes_viewable(user: Any) -> list[str]:
    return [p for p in Purpose.values if can_view(user, p)]


def purposes_recordable(user: Any) -> list[tuple[str, Any]]:
    return [(p.value, p.label) for p in Purpose if can_record(user, p.value)]


def can_record_any(user: Any) -> bool:
    return any(can_record(user, p) for p in Purpose.values)
