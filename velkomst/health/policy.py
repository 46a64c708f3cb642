"""Who reads health data (HEA-1): the one place the health pages, the API and the barriers ask.

Health data is special-category (GDPR art. 9). A role reads it when it has the health capability
(``access.HEALTH_VIEW``: the health coordinator) or when the municipality grants that role the
reading of it explicitly in its versioned configuration (``health_view_roles``). The answer is
kept on the user object for the request, so a page asks the configuration at most once.
"""

from __future__ import annotations

from typing import Any

from velkomst.core import access
from velkomst.core.health_access import (
    HEALTH_BARRIER_TEXT,
    HEALTH_READ_REASON,
    can_edit_health,
    can_view_health,
    require_health_edit,
    require_health_view,
)

__all__ = [
    "HEALTH_BARRIER_TEXT",
    "HEALTH_READ_REASON",
    "can_edit_health",
    "can_edit_barriers",
    "can_see_barriers",
    "can_view_health",
    "require_health_edit",
    "require_health_view",
]


def can_see_barriers(user: Any) -> bool:
    """Barriers are the plan team's (PRG-6): programme roles and those who read health data."""
    return access.can(user, access.PROGRAMME_VIEW) or can_view_health(user)


def can_edit_barriers(user: Any) -> bool:
    return access.can(user, access.PROGRAMME_EDIT) or can_edit_health(user)
