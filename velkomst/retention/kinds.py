"""The registry of record kinds the erasure job handles (SEC-4).

A kind is one of ``RecordKind``'s values, registered by the app whose records it is, from that
app's ``AppConfig.ready`` (the retention app registers the kinds of ``people``, ``housing``,
``neighbours`` and the audit log; ``surveys`` registers survey answers). A registration gives two
functions:

- ``due(municipality_id, rule, as_of, held)``: (record id, event day) of each record the rule makes
  due on ``as_of``, leaving out the records of held persons (``held``: their ids);
- ``erase(municipality_id, items, run)``: delete or anonymise the batch's items (each item's
  ``action``), in the batch's transaction; returns {record id: outcome} for the items whose
  outcome differs from their action (a delete blocked by another app's record, anonymised
  instead). A kind with files removes them with ``remove_files``, which deletes them from storage
  only once the batch has committed.

The job's dry run and batches work through the kinds in ``order`` (what refers to a person before
the person). This module imports no other app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction

if TYPE_CHECKING:
    from .models import Rule, Run, RunItem

Due = Callable[[int, "Rule", date, set[int]], Iterable[tuple[int, date]]]
Erase = Callable[[int, list["RunItem"], "Run"], dict[int, str]]


@dataclass(frozen=True)
class Kind:
    key: str  # a RecordKind value
    model: str  # the record's model label, for the audit rows ("people.Person")
    describes: str  # what the kind is in Velkomst, in words (for developers and the docs)
    due: Due
    erase: Erase
    order: int  # the run's order: lower first


_REGISTRY: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    """Register ``kind`` (once per key; a second registration of the same key is an error)."""
    from .models import RecordKind

    if kind.key not in RecordKind.values:
        raise ValueError(f"{kind.key!r} is not a RecordKind")
    found = _REGISTRY.get(kind.key)
    if found is not None and found != kind:
        raise ValueError(f"record kind {kind.key!r} is registered already ({found.model})")
    _REGISTRY[kind.key] = kind


def unregister(key: str) -> None:
    """For tests that register a kind of their own."""
    _REGISTRY.pop(key, None)


def get(key: str) -> Kind:
    """The registered kind ``key`` (LookupError if no app registered it)."""
    found = _REGISTRY.get(key)
    if found is None:
        raise LookupError(key)
    return found


def handled(key: str) -> bool:
    """Whether the job handles ``key`` today (a rule for an unhandled kind waits for its app)."""
    return key in _REGISTRY


def in_order() -> list[Kind]:
    return sorted(_REGISTRY.values(), key=lambda k: (k.order, k.key))


def remove_files(files: Iterable[Any]) -> int:
    """Delete each file (a ``FieldFile`` or a ``(storage, name)`` pair) from its storage once the
    current transaction commits: a batch that fails leaves its files with its records. Returns
    how many files were scheduled."""
    scheduled = 0
    for file in files:
        storage, name = (file.storage, file.name) if hasattr(file, "storage") else file
        if not name:
            continue
        transaction.on_commit(partial(storage.delete, name))
        scheduled += 1
    return scheduled
