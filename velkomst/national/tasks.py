"""The assignment run's background task (NAT-1; django-tasks, ``manage.py db_worker`` runs it)."""

from __future__ import annotations

from django_tasks import task

from . import runs


@task()
def assignment_run(run_id: int) -> None:
    """Assign a queued run's households, telling its progress."""
    runs.execute(run_id)
