"""Deadlines of other apps on the caseworker's worklist ("Mine opgaver") and in the daily
digest, beside the reception plan's tasks.

An app registers a source from its ``AppConfig.ready``: a function (user, day, due_soon_days) ->
rows of the user's open deadlines that are due soon or overdue. The reception app shows and
mails them without importing the app (the programme app's contract, follow-up meetings and
under-30 flags are the first source), so no import cycle arises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Row:
    key: str  # stable per deadline and person, e.g. "programme:contract:17"
    due: date
    state: str  # engines.deadlines.DeadlineState
    title: str  # in the reader's language
    person_id: int
    person_name: str
    href: str  # the page where the deadline is met


Source = Callable[[Any, date, int], list[Row]]
_SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def rows_for(user: Any, day: date, due_soon_days: int) -> list[Row]:
    """Every registered source's rows for ``user``, the earliest due first."""
    rows = [row for source in _SOURCES for row in source(user, day, due_soon_days)]
    return sorted(rows, key=lambda r: (r.due, r.person_name, r.key))


def rows_in(rows: list[Row], *, state: str = "", category: str = "") -> list[Row]:
    """The rows "Mine opgaver" shows under its filters: every row (each open: due soon or
    overdue) when no state is chosen, else those in the chosen state; none under a task type of
    the reception plan, which these deadlines are not."""
    if category:
        return []
    return [r for r in rows if not state or r.state == state]
