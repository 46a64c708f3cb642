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
    """The code with its title ("7115 Tømrere og snedkere"), in the page's language."""
    return occupations.coded(code, ui_language())


@register.filter
def trade_words(item: Any) -> str:
    """What a work item or trade of interest is called, in the page's language."""
    return occupations.trade_words(item, ui_language())
