"""Template helpers for neighbour-problem reports: response times in words."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A response time in days, hours and minutes: "1 dag og 3 timer", "45 minutter"."""
    if value is None:
        return "–"
    minutes = max(int(value.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d dag", "%(n)d dage", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d time", "%(n)d timer", hours) % {"n": hours})
    if not days and (minutes or not hours):
        parts.append(ngettext("%(n)d minut", "%(n)d minutter", minutes) % {"n": minutes})
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s og %(second)s") % {"first": parts[0], "second": parts[1]}


@register.filter
def percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{round(value * 100)} %"
