"""The figure cache (MI-1, MI-2): compute, store and judge the freshness of cached figures.

A cached figure is *stale* when

- the municipality's data has been written since its data moment: every write of a citizen's
  data goes through the audit log (SEC-3) in the same transaction, so the latest ``create``,
  ``change`` or ``delete`` row of the municipality is the moment its data last changed (reads,
  searches and exports write rows too, and are left out); the index
  ``audit_municipality_action_at`` makes "is there a write after …" a few index look-ups at any
  size of log (docs/decisions.md); or
- its period had not ended when it was computed and the day has changed since (a state "on the
  last day of the period", ages and "arrived by" move with the calendar, not with writes).

A stale figure is served with ``stale=True`` (shown as "computed at …; being recomputed") and one
background recomputation is queued (``tasks.recompute_figure``); a figure not cached at all is
computed at once and stored. ``recompute_indicators`` (a scheduled command) recomputes every
stale figure of every municipality read within ``KEEP_WARM`` (30 days) and deletes those nobody
has read for ``FORGET_AFTER`` (90 days): the API can ask for any period, and neither the cache nor
its nightly work may grow with every period ever asked for.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from velkomst.core.models import Municipality
from velkomst.core.writes import latest_write, writes_since

from .library import Result, Scope, definition
from .models import IndicatorFigure

# a queued recomputation not done after this long is taken as lost and queued again
LOST_AFTER = timedelta(hours=1)
# the nightly recomputation keeps warm the figures read within this long; a figure not read
# for FORGET_AFTER is deleted (read again, it is computed afresh)
KEEP_WARM = timedelta(days=30)
FORGET_AFTER = timedelta(days=90)


def written_since(municipality_id: int, moment: datetime | None) -> bool:
    """Whether the municipality's data has been written after ``moment`` (one query)."""
    return writes_since(municipality_id, moment).exists()


def outdated_by_the_calendar(figure: IndicatorFigure, now: datetime | None = None) -> bool:
    """The figure's period was still running when it was computed, and the day has changed."""
    computed_on = timezone.localdate(figure.computed_at)
    return figure.end >= computed_on and timezone.localdate(now) > computed_on


def is_stale(figure: IndicatorFigure, *, latest: datetime | None | bool = False) -> bool:
    """Whether ``figure`` is no longer current. ``latest``: the municipality's latest write if
    the caller has it (many figures of one municipality), else it is asked for."""
    if outdated_by_the_calendar(figure):
        return True
    if latest is False:
        return written_since(figure.municipality_id, figure.data_moment)
    assert not isinstance(latest, bool)
    if latest is None:
        return False
    return figure.data_moment is None or latest > figure.data_moment


def result_data(result: Result) -> dict[str, Any]:
    """What the cache keeps of a result: the total and the groups, not the items."""
    return {
        "total": result.total.as_dict(),
        "groups": {
            breakdown: {group: figure.as_dict() for group, figure in groups.items()}
            for breakdown, groups in result.groups.items()
        },
    }


def scope_of(figure: IndicatorFigure) -> Scope:
    return Scope(figure.start, figure.end, figure.cohort, figure.months_since_arrival)


def compute(municipality: Municipality, key: str, scope: Scope) -> IndicatorFigure:
    """Compute the figure now and store it (replacing the cached one)."""
    moment = latest_write(municipality.pk)  # before reading: a write during the run is later
    computed_at = timezone.now()
    data = result_data(definition(key).compute(municipality, scope))
    values = {
        "start": scope.start,
        "end": scope.end,
        "cohort": scope.cohort,
        "months_since_arrival": scope.months_since_arrival,
        "result": data,
        "computed_at": computed_at,
        "data_moment": moment,
        "recompute_queued_at": None,
    }
    lookup: dict[str, Any] = {"municipality": municipality, "key": key, "scope_key": scope.key()}
    try:
        with transaction.atomic():
            # a new figure is computed because someone asked for it: read now; a recomputation
            # is not a read (else the nightly work would keep every figure ever asked for)
            figure, _ = IndicatorFigure.objects.update_or_create(
                **lookup, defaults=values, create_defaults={**values, "read_at": computed_at}
            )
    except IntegrityError:  # computed at the same time by another request: keep the newer
        figure = IndicatorFigure.objects.get(**lookup)
    return figure


def mark_read(figure: IndicatorFigure) -> None:
    """Note that the figure was served, at most once a day (no write on most reads)."""
    now = timezone.now()
    if figure.read_at is None or timezone.localdate(figure.read_at) < timezone.localdate(now):
        IndicatorFigure.objects.filter(pk=figure.pk).update(read_at=now)
        figure.read_at = now


def in_use(figure: IndicatorFigure, now: datetime | None = None) -> bool:
    """Read within ``KEEP_WARM``: worth recomputing before anyone asks."""
    return figure.read_at is not None and figure.read_at >= (now or timezone.now()) - KEEP_WARM


def forget_unread(now: datetime | None = None) -> int:
    """Delete the figures nobody has read for ``FORGET_AFTER``; how many."""
    cutoff = (now or timezone.now()) - FORGET_AFTER
    unread = IndicatorFigure.objects.filter(read_at__lt=cutoff) | IndicatorFigure.objects.filter(
        read_at__isnull=True, computed_at__lt=cutoff
    )
    return unread.delete()[0]


def recompute(figure_id: int) -> None:
    """Recompute a cached figure (the background task's body); gone: nothing to do."""
    figure = IndicatorFigure.objects.select_related("municipality").filter(pk=figure_id).first()
    if figure is None:
        return
    compute(figure.municipality, figure.key, scope_of(figure))
