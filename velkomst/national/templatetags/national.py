"""Filters of the national pages: shares and figures of the quota formula with the decimals it
needs (in the UI's number format), a suggestion's reasons and binding rule by their labels in
the reader's language (NAT-1)."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from django import template

from velkomst.core.formats import ui_language
from velkomst.national import labels

register = template.Library()


@register.filter
def decimals(value: Any, places: int = 2) -> str:
    """A figure with ``places`` decimals: 12,35 (da), 12.35 (en); "–" for none."""
    if value is None or value == "":
        return "–"
    pattern = "#,##0." + "0" * int(places) if int(places) else "#,##0"
    return format_decimal(float(value), format=pattern, locale=ui_language())


@register.filter
def percent(value: Any, places: int = 1) -> str:
    """A share 0..1 as a percentage: 0,1234 → "12,3 %"."""
    if value is None or value == "":
        return "–"
    return f"{decimals(float(value) * 100, places)} %"


@register.filter
def reason(value: dict[str, Any]) -> str:
    return labels.reason_text(value)


@register.filter
def rule(value: str) -> str:
    return labels.rule_label(value)


@register.filter
def item(value: dict[str, Any], key: str) -> Any:
    """``{{ row.stock|item:group }}``: a value of a stored dict (0 when absent)."""
    return value.get(key, 0) if isinstance(value, dict) else 0


@register.filter
def card_text(value: str) -> str:
    """A text of a model card (features, method, hold-out, limits) in the reader's language."""
    return labels.card_text(str(value))
