"""Template filters asking the need-to-know policy (core/fields.py) what a role may see."""

from __future__ import annotations

from typing import Any

from django import template

from velkomst.core import fields

register = template.Library()


@register.filter
def cpr_for(person: Any, user: Any) -> str | None:
    """``{{ person|cpr_for:user }}``: the full number, DDMMYY-XXXX, "" (none yet) or None."""
    return fields.show_cpr(user, person.cpr)


@register.filter
def listed_cpr_for(person: Any, user: Any) -> str | None:
    """As ``cpr_for``, but lists show the number masked at most."""
    return fields.show_cpr(user, person.cpr, cap=fields.MASKED)
