"""What each record kind is in Velkomst's apps, which events and actions apply to it, and the
shipped preset (SEC-4). Imports no other app's models at import time."""

from __future__ import annotations

from dataclasses import dataclass

from .models import RecordKind, RetentionAction, RetentionEvent

# which kinds the job handles, and how, is the registry in ``kinds`` (each app registers its own)

# which events a kind's retention can be counted from
EVENTS: dict[str, tuple[str, ...]] = {
    kind: (RetentionEvent.CASE_CLOSED, RetentionEvent.MOVED_AWAY, RetentionEvent.CREATED)
    for kind in RecordKind.values
}
# the audit log's own retention runs from each entry's day
EVENTS[RecordKind.AUDIT_ENTRY] = (RetentionEvent.CREATED,)


@dataclass(frozen=True)
class RuleValues:
    kind: str
    months: int
    event: str
    action: str


# The shipped preset: every kind kept, nothing deleted or anonymised, until the municipality
# enters the rules of its journal plan
PRESET: dict[str, RuleValues] = {
    kind: RuleValues(kind, 0, RetentionEvent.CASE_CLOSED, RetentionAction.KEEP)
    for kind in RecordKind.values
}
PRESET[RecordKind.AUDIT_ENTRY] = RuleValues(
    RecordKind.AUDIT_ENTRY, 0, RetentionEvent.CREATED, RetentionAction.KEEP
)

MAX_MONTHS = 1200  # 100 years
