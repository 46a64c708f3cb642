"""Recompute every stale cached indicator figure of every municipality that is in use (read in
the last 30 days) (MI-1, MI-2): a figure whose municipality's data was written after it was
computed, or whose period was still running when it was computed (``velkomst.indicators.figures``);
figures nobody has read for 90 days are deleted (asked for again, they are computed afresh). Schedule it (cron, systemd timer), e.g.
every night and every hour in working hours, so the dashboards meet fresh figures; ``--all``
recomputes every cached figure (after a bulk load that bypassed the services and so the audit
log, or after a definition changed). A figure whose indicator left the library is deleted."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from velkomst.indicators import figures
from velkomst.indicators.library import REGISTRY, all_definitions
from velkomst.indicators.models import IndicatorFigure


class Command(BaseCommand):
    help = "Recompute the stale cached indicator figures in use; forget those long unread."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="recompute every cached figure, stale or not"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        all_definitions()  # load the library
        gone = IndicatorFigure.objects.exclude(key__in=list(REGISTRY)).delete()[0]
        forgotten = figures.forget_unread()
        recomputed = 0
        latest: dict[int, Any] = {}
        cached = IndicatorFigure.objects.select_related("municipality").order_by(
            "municipality_id", "key", "scope_key"
        )
        for figure in cached.iterator():
            if figure.municipality_id not in latest:
                latest[figure.municipality_id] = figures.latest_write(figure.municipality_id)
            stale = figures.is_stale(figure, latest=latest[figure.municipality_id])
            if options["all"] or (stale and figures.in_use(figure)):
                figures.compute(figure.municipality, figure.key, figures.scope_of(figure))
                recomputed += 1
        self.stdout.write(
            f"{recomputed} figure(s) recomputed, {gone} of removed indicators and "
            f"{forgotten} unread for {figures.FORGET_AFTER.days} days deleted"
        )
