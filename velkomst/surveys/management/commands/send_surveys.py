"""Send the survey of the refugees' own experience to each adult whose moment has come, and
count the invitations whose answer period has passed as unanswered (CIT-2). Idempotent; schedule
it once a day (cron, systemd timer) like ``send_deadline_digest``."""

from __future__ import annotations

from datetime import date

from velkomst.core.management.daily import DailyCommand
from velkomst.surveys.services import invitations_send


class Command(DailyCommand):
    help = "Send the surveys that are due and close those whose answer period has passed."
    date_help = "the day to send on (YYYY-MM-DD); today"

    def run_on(self, day: date | None) -> str:
        counts = invitations_send(day=day)
        return f"{counts['sent']} survey(s) sent, {counts['closed']} counted as unanswered"
