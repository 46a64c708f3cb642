"""What each record kind is in Velkomst's apps, which events and actions apply to it, and the
shipped preset (SEC-4). Imports no other app's models at import time."""

from __future__ import annotations

from dataclasses import dataclass

from .models import RecordKind, RetentionAction, RetentionEvent

# the kinds the job handles today, with the models they are; the others can be given rules that
# take effect once the record kind exists in Velkomst
HANDLED: dict[str, str] = {
    RecordKind.PERSON: "people.Person (with the household's name and address)",
    RecordKind.CASE: "people.Case (phase transitions, assignments, journal notes)",
    RecordKind.JOURNAL_NOTE: "people.JournalNote",
    RecordKind.AUDIT_ENTRY: "core.AuditEntry",
    RecordKind.HOUSING_HISTORY: "housing.Placement",
    RecordKind.PUBLIC_REPORT: "neighbours.NeighbourReport (with its events)",
}
NOT_YET: frozenset[str] = frozenset({RecordKind.DOCUMENT, RecordKind.SURVEY_ANSWER})

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

# the order a run works in: what refers to a person before the person
ORDER: tuple[str, ...] = (
    RecordKind.JOURNAL_NOTE,
    RecordKind.PUBLIC_REPORT,
    RecordKind.HOUSING_HISTORY,
    RecordKind.CASE,
    RecordKind.PERSON,
    RecordKind.AUDIT_ENTRY,
)

MAX_MONTHS = 1200  # 100 years
