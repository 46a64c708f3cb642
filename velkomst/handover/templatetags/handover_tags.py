"""Show a handover's snapshot by label (its stored codes are never shown), and the household
page's handover mark (COO-5)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from velkomst.core import formats
from velkomst.core.models import Role, UnitKind
from velkomst.danish.models import ReferralEndReason, Track
from velkomst.health.models import WorkCapacity
from velkomst.people.levels import CefrLevel
from velkomst.people.models import Phase, Proficiency, Relation, ResidenceBasis, Sex
from velkomst.programme.models import ActivityKind, Category, Direction, GoalKind, ProviderKind

from .. import selectors
from ..models import RecordKind

register = template.Library()

CHOICES: dict[str, Any] = {
    "phase": Phase,
    "relation": Relation,
    "residence_basis": ResidenceBasis,
    "sex": Sex,
    "proficiency": Proficiency,
    "direction": Direction,
    "goal_kind": GoalKind,
    "category": Category,
    "activity_kind": ActivityKind,
    "provider_kind": ProviderKind,
    "track": Track,
    "danish_end": ReferralEndReason,
    "work_capacity": WorkCapacity,
    "role": Role,
    "unit_kind": UnitKind,
    "level": CefrLevel,
    "record_kind": RecordKind,
}


@register.filter
def hlabel(value: Any, kind: str) -> str:
    """The label of a stored code of ``kind`` ("" for none, the code itself if unknown)."""
    if value in (None, ""):
        return ""
    if kind == "country":
        return formats.country(value)
    if kind == "language":
        return formats.language(value)
    choices = CHOICES[kind]
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


@register.filter
def isodate(value: str | None) -> str:
    """A snapshot's ISO date in the UI's long form."""
    if not value:
        return ""
    return formats.format_date(date.fromisoformat(str(value)[:10]), "long")


@register.simple_tag
def household_handover(household: Any) -> dict[str, Any]:
    """The household's handover (sent or accepted, the "moved to X" mark) and the one it came
    from (its origin)."""
    return {
        "out": selectors.household_handover(household),
        "came": selectors.received_handover(household),
    }
