"""The nightly rebuild of the stored derived result grants (PRG-7, decision 108): every
municipality's ``DerivedGrant`` rows made current for the day, so the day's first visitor of the
grants page or the start page does not pay for it. Idempotent: a second run the same day finds
the table current. Schedule it once a day, just after midnight (cron, systemd timer)."""

from __future__ import annotations

from datetime import date

from velkomst.core.management.daily import DailyCommand
from velkomst.outcomes.derived import refresh_all


class Command(DailyCommand):
    help = "Rebuild every municipality's stored result grants (PRG-7) for the day."
    date_help = "the day to judge the grants earned on (YYYY-MM-DD); today"

    def run_on(self, day: date | None) -> str:
        count = refresh_all(day)
        return f"result grants current for {count} municipalit{'y' if count == 1 else 'ies'}"
