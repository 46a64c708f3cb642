"""The daily erasure job (SEC-4): cron or a systemd timer runs ``manage.py retention_run`` once a
day. For each municipality it queues the task that goes on with an approved run a crash stopped,
or else a dry run of the rules in force (none while the municipality keeps everything), which
an administrator reviews and approves on the page "Opbevaring og sletning"."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from velkomst.core.models import Municipality
from velkomst.retention import erasure, services
from velkomst.retention.models import RetentionAction
from velkomst.retention.tasks import execute_run, plan_run


class Command(BaseCommand):
    help = "Queue the retention job: resume an approved run, or write today's dry run."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--municipality", help="only this municipality (its code)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        municipalities = Municipality.objects.order_by("code")
        if options.get("municipality"):
            municipalities = municipalities.filter(code=options["municipality"])
        for municipality in municipalities:
            resumed = erasure.resumable_runs(municipality.pk)
            for run_id in resumed:
                execute_run.enqueue(run_id)
                self.stdout.write(f"{municipality.code}: run {run_id} resumed")
            if resumed:
                continue
            unplanned = erasure.unplanned_runs(municipality.pk)
            for run_id in unplanned:
                plan_run.enqueue(run_id)
                self.stdout.write(f"{municipality.code}: dry run {run_id} queued again")
            if unplanned:
                continue
            rule_set = erasure.rule_set_in_force(municipality.pk, today)
            if rule_set is None or not rule_set.rules.exclude(action=RetentionAction.KEEP).exists():
                self.stdout.write(f"{municipality.code}: nothing to erase (everything is kept)")
                continue
            run = services.request_dry_run(
                acting_user=None, municipality_id=municipality.pk, as_of=today
            )
            self.stdout.write(f"{municipality.code}: dry run {run.pk} ({run.get_state_display()})")
