"""Template helpers of Danish education: the person page's card, terms and months in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django import template
from django.utils import timezone

from velkomst.core.formats import format_date, format_number
from velkomst.people.models import Person

from .. import selectors
from ..models import MonthlyAttendance, term_label

register = template.Library()


@register.simple_tag(takes_context=True)
def person_danish(context: Any, person: Person) -> selectors.DanishSummary | None:
    """The person page's card: level, state and next deadline (None without programme.view)."""
    user = context["request"].user
    return selectors.person_card(user=user, person=person, today=timezone.localdate())


@register.filter
def term(value: str) -> str:
    return term_label(value) if value else "–"


@register.filter
def month_name(value: date | None) -> str:
    return format_date(value, "month") if value else ""


@register.filter
def attendance_share(row: MonthlyAttendance) -> str:
    """Hours attended as a share of hours offered, in per cent ("–" when none offered)."""
    offered = Decimal(row.hours_offered)
    if not offered:
        return "–"
    return f"{format_number(round(Decimal(row.hours_attended) * 100 / offered))} %"


@register.filter
def without_page(query: str) -> str:
    """A query string without its page number (the pagination adds its own)."""
    return urlencode([(k, v) for k, v in parse_qsl(query) if k != "page"])
