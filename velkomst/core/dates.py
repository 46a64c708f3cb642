"""Dates no case can have (SEC-5): refused in the services, so pages and the API both get it.

Each check names the field, so a form shows the message on that field and the API answers 422
naming it (``ValidationError`` with a dict of field -> message).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

EARLIEST = date(1900, 1, 1)
# a date that records the past may be tomorrow (clocks and time zones), not later
FUTURE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class DateCheck:
    """One date to check: ``field`` and ``value``; ``past``: it records something that has
    happened; ``not_before``: another date it cannot precede, with the message saying which."""

    field: str
    value: date | None
    past: bool = False
    not_before: date | None = None
    not_before_message: str = ""


def date_errors(*checks: DateCheck) -> dict[str, str]:
    """The message per field of every date that is impossible; empty if all are possible."""
    latest = timezone.localdate() + FUTURE_SLACK
    errors: dict[str, str] = {}
    for check in checks:
        value = check.value
        if value is None or check.field in errors:
            continue
        if value < EARLIEST:
            errors[check.field] = _("Datoen kan ikke ligge før 1900.")
        elif check.past and value > latest:
            errors[check.field] = _("Datoen kan ikke ligge mere end en dag ude i fremtiden.")
        elif check.not_before is not None and value < check.not_before:
            errors[check.field] = check.not_before_message
    return errors


def refuse_impossible_dates(*checks: DateCheck) -> None:
    """Raise a ValidationError naming each field whose date no case can have."""
    errors = date_errors(*checks)
    if errors:
        raise ValidationError(errors)
