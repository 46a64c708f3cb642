"""Drop the rows of visitation files left awaiting review (data minimisation, SEC-4)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from velkomst.visitation.services import batches_purge_stale


class Command(BaseCommand):
    help = "Cancel visitation imports left awaiting review for more than --days days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        purged = batches_purge_stale(created_before=timezone.now() - timedelta(days=days))
        self.stdout.write(f"{purged} visitation import(s) purged")
