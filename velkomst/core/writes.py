"""When a municipality's data was last written, read from the audit log (SEC-3).

Every write of a citizen's data goes through the audit log in the same transaction, so the
latest ``create``, ``change`` or ``delete`` row of a municipality is the moment its data last
changed (reads, searches and exports write rows too, and are left out). The index
``audit_municipality_action_at`` makes both reads a few index look-ups at any size of log. The
caches that derive data from a municipality's records (the indicator figures, the result
grants' table) judge their freshness by these two.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from .models import AuditAction, AuditEntry

WRITE_ACTIONS = (AuditAction.CREATE, AuditAction.CHANGE, AuditAction.DELETE)


def latest_write(municipality_id: int) -> datetime | None:
    """The moment the municipality's data was last written (None: never). One index look-up per
    write action, whatever the size of the log."""
    moments = [
        AuditEntry.objects.filter(municipality_id=municipality_id, action=action)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
        for action in WRITE_ACTIONS
    ]
    return max((m for m in moments if m is not None), default=None)


def writes_since(municipality_id: int, moment: datetime | None) -> QuerySet[AuditEntry]:
    """The municipality's write rows after ``moment`` (every one when None)."""
    writes = AuditEntry.objects.filter(municipality_id=municipality_id, action__in=WRITE_ACTIONS)
    return writes.filter(at__gt=moment) if moment is not None else writes
