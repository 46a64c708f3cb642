"""The erasure job's background tasks (SEC-4; django-tasks, ``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from . import erasure
from .models import Run, RunState


@task()
def plan_run(run_id: int) -> None:
    """The dry run: write what the run would do, for an administrator to review."""
    try:
        erasure.plan(run_id)
    except Exception as error:
        Run.objects.filter(pk=run_id).update(
            state=RunState.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise


@task()
def execute_run(run_id: int) -> None:
    """Do an approved run in batches; a failure leaves the committed batches done and the run
    failed, and the next run (the daily command) goes on from the first batch not done."""
    try:
        erasure.execute(run_id)
    except Exception as error:
        Run.objects.filter(pk=run_id).update(state=RunState.FAILED, error=repr(error)[:2000])
        raise
