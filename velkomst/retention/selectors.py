"""Reads of retention and erasure (SEC-4), scoped to the user's municipality. They show record
kinds, ids, rules and counts, never a citizen's data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.models import StaffUser

from . import erasure, kinds, rules
from .models import (
    LegalHold,
    RecordKind,
    RetentionAction,
    RetentionEvent,
    Rule,
    RuleSet,
    Run,
    RunItem,
)


@dataclass(frozen=True)
class RuleRow:
    kind: str
    kind_label: str
    months: int
    event: str
    event_label: str
    action: str
    action_label: str
    handled: bool  # the kind exists in Velkomst (else the rule waits for it)


@dataclass(frozen=True)
class State:
    current: RuleSet | None
    rows: list[RuleRow]
    deletes_nothing: bool  # the preset, or rules that keep everything
    versions: list[RuleSet]


def _row(kind: str, months: int, event: str, action: str) -> RuleRow:
    return RuleRow(
        kind=kind,
        kind_label=str(RecordKind(kind).label),
        months=months,
        event=event,
        event_label=str(RetentionEvent(event).label),
        action=action,
        action_label=str(RetentionAction(action).label),
        handled=kinds.handled(kind),
    )


def rules_state(user: StaffUser) -> State:
    access.require(user, access.RETENTION_MANAGE)
    municipality_id = access.tenant_id(user)
    current = erasure.rule_set_in_force(municipality_id, timezone.localdate())
    by_kind: dict[str, Any] = dict(rules.PRESET)
    if current is not None:
        by_kind.update({r.kind: r for r in current.rules.all()})
    rows = [_row(k, by_kind[k].months, by_kind[k].event, by_kind[k].action) for k in RecordKind]
    versions = list(
        RuleSet.objects.filter(municipality_id=municipality_id)
        .select_related("created_by")
        .order_by("-effective_from", "-id")
    )
    return State(
        current=current,
        rows=rows,
        deletes_nothing=all(r.action == RetentionAction.KEEP for r in rows),
        versions=versions,
    )


def rule_set_rows(rule_set: RuleSet) -> list[RuleRow]:
    return [_row(r.kind, r.months, r.event, r.action) for r in rule_set.rules.all()]


def current_rules(user: StaffUser) -> dict[str, Any]:
    """The rules in force by kind (the preset where none), to start a new version from."""
    state = rules_state(user)
    found = {r.kind: r for r in state.current.rules.all()} if state.current else {}
    return {kind: found.get(kind) or rules.PRESET[kind] for kind in RecordKind.values}


def holds(user: StaffUser) -> QuerySet[LegalHold]:
    access.require(user, access.RETENTION_MANAGE)
    return LegalHold.objects.filter(municipality_id=access.tenant_id(user)).select_related(
        "placed_by", "lifted_by"
    )


def hold_get(user: StaffUser, pk: int) -> LegalHold:
    found = holds(user).filter(pk=pk).first()
    if found is None:
        raise Http404("hold")
    return found


def runs(user: StaffUser) -> QuerySet[Run]:
    access.require(user, access.RETENTION_MANAGE)
    return Run.objects.filter(municipality_id=access.tenant_id(user)).select_related(
        "requested_by", "approved_by", "rule_set"
    )


def run_get(user: StaffUser, pk: int) -> Run:
    found = runs(user).filter(pk=pk).first()
    if found is None:
        raise Http404("run")
    return found


@dataclass(frozen=True)
class CountRow:
    kind_label: str
    rule: str
    action_label: str
    planned: int
    done: int


def counts(run: Run) -> list[CountRow]:
    """The run's counts per record kind, rule and action: planned at the dry run, and done (a
    delete that found the record still referenced is counted as anonymised)."""
    rule_text = {
        r.pk: f"{r.months} mdr. / {RetentionEvent(r.event).label}"
        for r in Rule.objects.filter(pk__in=_rule_ids(run))
    }
    keys = sorted(set(run.planned) | set(run.done))
    rows = []
    for key in keys:
        kind, rule_id, action = key.split(":")
        rows.append(
            CountRow(
                kind_label=str(RecordKind(kind).label),
                rule=rule_text.get(int(rule_id), rule_id),
                action_label=str(RetentionAction(action).label),
                planned=int(run.planned.get(key, 0)),
                done=int(run.done.get(key, 0)),
            )
        )
    return rows


def _rule_ids(run: Run) -> set[int]:
    return {int(key.split(":")[1]) for key in set(run.planned) | set(run.done)}


EXPORT_HEADER = ("Posttype", "Post-id", "Regel", "Handling", "Hændelsesdato", "Parti", "Udført")


def export_rows(run: Run) -> Iterator[list[Any]]:
    """The dry run's items for review (kind, id, rule, action, the event's day, batch, what was
    done): ids only, no citizen's data."""
    yield list(EXPORT_HEADER)
    for kind, record_id, rule_id, action, day, batch, outcome in (
        RunItem.objects.filter(run=run)
        .order_by("batch", "id")
        .values_list("kind", "record_id", "rule_id", "action", "event_date", "batch", "outcome")
        .iterator(chunk_size=5000)
    ):
        yield [
            str(RecordKind(kind).label),
            record_id,
            rule_id,
            str(RetentionAction(action).label),
            day,
            batch + 1,
            str(RetentionAction(outcome).label) if outcome else "",
        ]
