"""Background tasks of the housing app (django-tasks; ``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django_tasks import task

from . import runs


@task()
def execute_run(run_id: int) -> None:
    """Run the placement engine for a queued placement run (HOU-3)."""
    runs.execute(run_id)


@task()
def decide_all_run(run_id: int) -> None:
    """Accept or reject every pending suggestion of a run, all or nothing (HOU-3)."""
    runs.execute_bulk(run_id)
