"""The status report's background task (MI-3; django-tasks, ``manage.py db_worker`` runs it)."""

from __future__ import annotations

from django_tasks import task

from . import report


@task()
def generate_report(report_id: int) -> None:
    """Make the PDF and the XLSX of a queued status report, telling its progress."""
    report.generate(report_id)
