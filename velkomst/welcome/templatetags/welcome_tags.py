from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_text(texts: dict[str, Any], key: str) -> Any:
    """``texts|get_text:key``: a folder text by a key held in a variable."""
    return texts.get(key, "")
