from __future__ import annotations

from django import template

from velkomst.core.formats import ui_language

from .. import occupations

register = template.Library()


@register.filter
def occupation(code: str | None) -> str:
    """The occupation's title in the page's language (Danish where installed, else English)."""
    return occupations.occupation_name(code, ui_language())
