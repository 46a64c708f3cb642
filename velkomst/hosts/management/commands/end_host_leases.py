"""End the placements of private hosts' leases that have ended (HOU-6): each placement ends on
its lease's last day, audited per member (channel ``system``). Idempotent; schedule it once a
day (cron, systemd timer) like ``send_deadline_digest``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from velkomst.hosts.services import leases_end_placements


class Command(BaseCommand):
    help = "End the placement of every lease with a private host whose end date has come."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to judge the leases on (YYYY-MM-DD); today")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        ended = leases_end_placements(day=day)
        self.stdout.write(f"{len(ended)} placement(s) ended with their lease")
