"""The reminder the day before an event (CIV-4): one SMS or e-mail per invitation to tomorrow's
events through the notification backend (``VELKOMST_NOTIFICATION_BACKEND``). Each sent reminder
is recorded on the invitation, so a second run on the same day sends nothing new. Schedule it
once a day (cron, systemd timer) or enqueue ``velkomst.community.tasks.send_event_reminders``."""

from __future__ import annotations

from datetime import date

from velkomst.community.services import send_reminders
from velkomst.core.management.daily import DailyCommand


class Command(DailyCommand):
    help = "Send the reminders for tomorrow's events (once per invitation)."
    date_help = "the day the reminders are sent on (YYYY-MM-DD); today"

    def run_on(self, day: date | None) -> str:
        result = send_reminders(day=day)
        return (
            f"{result.sent} reminder(s) sent, {result.skipped} invitation(s) without SMS or e-mail"
        )
