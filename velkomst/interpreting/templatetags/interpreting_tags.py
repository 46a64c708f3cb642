"""The missing-interpreter warning on lists of appointments (INT-1): which of the appointments
shown lack an interpreter, in one query for the whole list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from velkomst.interpreting import selectors

register = template.Library()


@register.simple_tag
def missing_interpreters(appointments: Iterable[Any]) -> set[int]:
    """The ids of the planned appointments among ``appointments`` (already scoped by the view)
    with a person who needs an interpreter and no interpreter booked."""
    return selectors.missing_among([a.pk for a in appointments])
