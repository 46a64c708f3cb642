"""Open a case for each household member who has turned 18 during the programme (REC-6).

Idempotent: a member with a case is left alone, so a second run on the same day opens nothing.
Schedule it once a day (cron, systemd timer), like ``send_deadline_digest``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from velkomst.people.services import cases_open_coming_of_age


class Command(BaseCommand):
    help = "Open a case for every household member who has turned 18 during the programme."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to judge ages on (YYYY-MM-DD); today")

    def handle(self, *args: Any, **options: Any) -> None:
        day = None
        if options.get("date"):
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        cases = cases_open_coming_of_age(day=day)
        self.stdout.write(f"{len(cases)} case(s) opened")
