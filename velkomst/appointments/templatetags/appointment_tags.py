"""Template helpers for appointments: status badges, checkbox lists, and the upcoming meetings
shown on the household and person pages."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.db.models import Q
from django.utils import timezone

from velkomst.people.models import Household, Person

from .. import selectors
from ..models import Appointment, AppointmentStatus

register = template.Library()

BADGES = {
    AppointmentStatus.PLANNED: "badge-info",
    AppointmentStatus.HELD: "badge-success",
    AppointmentStatus.NO_SHOW: "badge-warning",
    AppointmentStatus.CANCELLED: "",
}
UPCOMING_SHOWN = 5


@register.filter
def status_badge(status: str) -> str:
    return BADGES.get(AppointmentStatus(status), "") if status else ""


@register.filter
def is_checkbox_list(field: Any) -> bool:
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple)


def _upcoming(context: Any, household: Household) -> Any:
    user = context["request"].user
    return (
        selectors.household_appointments(user=user, household=household)
        .filter(ends_at__gte=timezone.now())
        .exclude(status=AppointmentStatus.CANCELLED)
        .order_by("starts_at", "id")
    )


@register.simple_tag(takes_context=True)
def household_upcoming_appointments(context: Any, household: Household) -> list[Appointment]:
    return list(_upcoming(context, household)[:UPCOMING_SHOWN])


@register.simple_tag(takes_context=True)
def person_upcoming_appointments(context: Any, person: Person) -> list[Appointment]:
    """The person's household's coming meetings that concern them (listed, or the whole
    household)."""
    qs = _upcoming(context, person.household).filter(Q(persons=person) | Q(persons__isnull=True))
    return list(qs.distinct()[:UPCOMING_SHOWN])
