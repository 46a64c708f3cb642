"""The daily deadline digest (REC-4): one email per staff member whose role and unit own tasks
that are due soon or overdue; each task sent is recorded, so a second run on the same day sends
nothing new. Schedule it once a day (cron, systemd timer)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from velkomst.reception.digest import send_digest


class Command(BaseCommand):
    help = "Send each task owner one email with their due-soon and overdue reception-plan tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to judge deadlines on (YYYY-MM-DD); today")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        result = send_digest(day=day)
        self.stdout.write(
            f"{result.emails} e-mail(s) sent, {result.notifications} task notification(s)"
        )
