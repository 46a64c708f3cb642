from __future__ import annotations

from typing import Any

from django import template

from velkomst.core.formats import ui_language

from .. import occupations

register = template.Library()


@register.filter
def occupation(code: str | None) -> str:
    """The occupation's title in the page's language (Danish where installed, else English)."""
    return occupations.occupation_name(code, ui_language())


@register.filter
def occupation_coded(code: str | None) -> str:
    """The code with its title ("7115 Tømrere og snedkere"); the code alone where the list does
    not know it; "" for a trade not coded."""
    code = (code or "").strip()
    name = occupations.occupation_name(code, ui_language())
    return f"{code} {name}" if name and name != code else code


@register.filter
def trade_words(item: Any) -> str:
    """What a work item or trade of interest is called: the person's words, else the title of
    its code."""
    return item.title or occupations.occupation_name(item.occupation, ui_language())
