"""The shape of a daily, idempotent command (cron, systemd timer): ``--date YYYY-MM-DD`` judges
as on that day (default today); ``run_on`` does the work and says what it did."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class DailyCommand(BaseCommand):
    date_help = "the day to judge on (YYYY-MM-DD); today"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help=self.date_help)

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        self.stdout.write(self.run_on(day))

    def run_on(self, day: date | None) -> str:
        raise NotImplementedError
