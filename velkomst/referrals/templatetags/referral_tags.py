"""``{% task_interface task %}``: "Udføres af … · overdrages til …" for a reception plan task
(COO-2), from the municipality's interface descriptions in force, read once per request."""

from __future__ import annotations

from typing import Any

from django import template

from velkomst.referrals import interfaces

register = template.Library()

_CACHE = "_referral_interfaces"


def _descriptions(context: Any, municipality_id: int) -> dict[str, interfaces.Interface]:
    request = context.get("request")
    holder = request if request is not None else context.render_context
    cache: dict[int, dict[str, interfaces.Interface]] = getattr(holder, _CACHE, None) or {}
    if municipality_id not in cache:
        from velkomst.core.models import Municipality

        cache[municipality_id] = interfaces.descriptions(
            Municipality.objects.get(pk=municipality_id)
        )
        setattr(holder, _CACHE, cache)
    return cache[municipality_id]


@register.simple_tag(takes_context=True)
def task_interface(context: Any, task: Any) -> str:
    """The line for ``task`` (a PlanTask), "" when no description covers its type."""
    category = getattr(task, "category", "")
    if not category:
        return ""
    found = interfaces.for_task(_descriptions(context, task.municipality_id), category)
    return found.line if found is not None else ""
