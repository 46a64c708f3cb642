"""Background tasks of the visitation import (django-tasks; ``manage.py db_worker`` runs them)."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def confirm_batch(batch_id: int) -> None:
    """Import a confirmed visitation file, all or nothing (REC-1)."""
    services.batch_execute(batch_id)
