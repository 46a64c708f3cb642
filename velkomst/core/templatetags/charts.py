"""``{% chart rendered %}``: a chart from engines/charts.py as its SVG followed by the accessible
table of the same numbers (templates/includes/chart.html) (MI-2)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from velkomst.engines.charts import Rendered

register = template.Library()


@register.inclusion_tag("includes/chart.html")
def chart(rendered: Rendered, table_id: str = "") -> dict[str, Any]:
    """The SVG (markup the engine made, every text in it escaped) and its table."""
    return {
        # the engine escapes every text it puts into the SVG (engines/charts.py ``esc``)
        "svg": mark_safe(rendered.svg),
        "table": rendered.table,
        "notes": rendered.notes,
        "table_id": table_id,
    }
