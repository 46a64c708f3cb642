"""End the placements of private hosts' leases that have ended (HOU-6): each placement ends on
its lease's last day, audited per member (channel ``system``). Idempotent; schedule it once a
day (cron, systemd timer) like ``send_deadline_digest``."""

from __future__ import annotations

from datetime import date

from velkomst.core.management.daily import DailyCommand
from velkomst.hosts.services import leases_end_placements


class Command(DailyCommand):
    help = "End the placement of every lease with a private host whose end date has come."
    date_help = "the day to judge the leases on (YYYY-MM-DD); today"

    def run_on(self, day: date | None) -> str:
        ended = leases_end_placements(day=day)
        return f"{len(ended)} placement(s) ended with their lease"
