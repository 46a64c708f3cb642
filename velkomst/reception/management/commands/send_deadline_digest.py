"""The daily deadline digest (REC-4): one email per staff member whose role and unit own tasks
that are due soon or overdue; each task sent is recorded, so a second run on the same day sends
nothing new. Schedule it once a day (cron, systemd timer)."""

from __future__ import annotations

from datetime import date

from velkomst.core.management.daily import DailyCommand
from velkomst.reception.digest import send_digest


class Command(DailyCommand):
    help = "Send each task owner one email with their due-soon and overdue reception-plan tasks."
    date_help = "the day to judge deadlines on (YYYY-MM-DD); today"

    def run_on(self, day: date | None) -> str:
        result = send_digest(day=day)
        return f"{result.emails} e-mail(s) sent, {result.notifications} task notification(s)"
