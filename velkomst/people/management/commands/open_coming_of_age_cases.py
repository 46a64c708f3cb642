"""Open a case for each household member who has turned 18 during the programme (REC-6).

Idempotent: a member with a case is left alone, so a second run on the same day opens nothing.
Schedule it once a day (cron, systemd timer), like ``send_deadline_digest``."""

from __future__ import annotations

from datetime import date

from velkomst.core.management.daily import DailyCommand
from velkomst.people.services import cases_open_coming_of_age


class Command(DailyCommand):
    help = "Open a case for every household member who has turned 18 during the programme."
    date_help = "the day to judge ages on (YYYY-MM-DD); today"

    def run_on(self, day: date | None) -> str:
        cases = cases_open_coming_of_age(day=day)
        return f"{len(cases)} case(s) opened"
