"""Who reads and writes health data (HEA-1): special-category data (GDPR art. 9).

A role reads it when it has the health capability (``access.HEALTH_VIEW``: the health
coordinator) or when the municipality grants that role the reading of it explicitly in its
versioned configuration (``health_view_roles``). The answer is kept on the user object for the
request, so a page asks the configuration at most once. Here, a floor below the health and the
consent apps, so both ask the same rule (``velkomst.health.policy`` re-exports it).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from velkomst.core import access
from velkomst.core.config import config_value

# the reason written on every read of health data (core/audit_log.py KNOWN_REASONS)
HEALTH_READ_REASON = "Helbredsoplysninger"
HEALTH_BARRIER_TEXT = _("Der er en helbredsmæssig barriere")


def can_view_health(user: Any) -> bool:
    cached = getattr(user, "_velkomst_health_view", None)
    if cached is not None:
        return bool(cached)
    allowed = access.can(user, access.HEALTH_VIEW)
    if not allowed and access.can(user, access.PERSON_VIEW):
        granted = config_value(user.municipality, "health_view_roles") or []
        allowed = user.role in granted
    user._velkomst_health_view = allowed
    return allowed


def require_health_view(user: Any) -> None:
    if not can_view_health(user):
        raise PermissionDenied("health data")


def can_edit_health(user: Any) -> bool:
    return access.can(user, access.HEALTH_EDIT)


def require_health_edit(user: Any) -> None:
    access.require(user, access.HEALTH_EDIT)
