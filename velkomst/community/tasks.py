"""Background tasks of events (django-tasks; ``manage.py db_worker`` runs them)."""

from __future__ import annotations

from datetime import date

from django_tasks import task

from . import services


@task()
def send_event_reminders(day: str | None = None) -> int:
    """Send the reminders for the events the day after ``day`` (ISO date; today), each once."""
    return services.send_reminders(day=date.fromisoformat(day) if day else None).sent
