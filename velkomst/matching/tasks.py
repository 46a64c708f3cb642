"""Background tasks of matching (django-tasks; ``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django_tasks import task

from . import runs


@task()
def execute_run(run_id: int) -> None:
    """Run the matching engine's batch fill for a queued run (PRG-4)."""
    runs.execute(run_id)
