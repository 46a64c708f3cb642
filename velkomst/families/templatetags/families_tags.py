"""Template helpers for children's placements: state labels and badges, and the summary that the
household page includes."""

from __future__ import annotations

from typing import Any

from django import template

from velkomst.people.models import Household

from .. import selectors
from ..models import PlacementStateChoices
from ..states import PlacementState

register = template.Library()

BADGES = {
    PlacementState.AWAITING_ARRIVAL: "badge-info",
    PlacementState.DUE: "badge-warning",
    PlacementState.OVERDUE: "badge-error",
    PlacementState.STARTED_ON_TIME: "badge-success",
    PlacementState.STARTED_LATE: "badge-warning",
}


@register.filter
def start_moved(row: selectors.ChildRow) -> str:
    """Why the child's start deadline is not the day counted (as the plan's task says it)."""
    from velkomst.reception.templatetags.reception_tags import moved_text

    due = row.due
    if due is None or due.moved_because is None:
        return ""
    return moved_text(due.counted, due.date, due.moved_because)


@register.filter
def placement_badge(state: str) -> str:
    return BADGES.get(PlacementState(state), "") if state else ""


@register.filter
def placement_state_label(state: str) -> str:
    return str(PlacementStateChoices(state).label) if state else ""


@register.simple_tag
def household_children(household: Household, members: Any = None) -> list[selectors.ChildRow]:
    """The household's children with their placements (``members``: the page's member list,
    already fetched through the scoped selector, so no extra query is made for them)."""
    return selectors.household_children(
        household=household, members=list(members) if members is not None else None
    )
