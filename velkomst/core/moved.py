"""A household handed over to another municipality is read-only in the sending one (COO-5).

Every write of a person's or household's data is audited in its own transaction (SEC-3), so the
audit writer is the one place every app's writes pass: ``refuse`` is called by ``core.audit`` for
each row of a create, change or delete made by a staff member through a page, the API or a
service (channels ``web`` and ``api``), and raises ``HandedOver`` ("Husstanden flyttede til
Aalborg den 7. december 2026 …") when the row is about a household whose handover was accepted,
or about one of its persons or anything of theirs. The service's transaction then rolls back, so
nothing is written; the pages show the message like any refusal, the API answers 409.

Which household a row is about: the ``person_id`` the service gives, else the record's first
foreign-key path to a person, household or case (found once per model). Jobs (channels
``system``, ``job``, ``import`` …) are not refused; the retention job and legal holds, which must
reach a moved household, run inside ``allowed()``. The handed-over households are read once per
request and municipality (nothing is read at all in a municipality that never handed one over,
beyond that one query).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext as _

WRITE_ACTIONS = frozenset({"create", "change", "delete"})
REFUSED_CHANNELS = frozenset({"web", "api"})
TARGETS = ("people.Household", "people.Person", "people.Case")

_allowed: ContextVar[bool] = ContextVar("moved_allowed", default=False)
# {municipality id: {household id: (receiving municipality's name, moving date)}}, per request
_cache: ContextVar[dict[int, dict[int, tuple[str, date]]] | None] = ContextVar(
    "moved_cache", default=None
)


class HandedOver(ValidationError):
    """A write about a household that moved to another municipality and was handed over."""

    def __init__(self, receiving: str, moving_date: date) -> None:
        from .templatetags.display import long_date

        self.receiving, self.moving_date = receiving, moving_date
        super().__init__(
            {
                NON_FIELD_ERRORS: [
                    _(
                        "Husstanden flyttede til %(name)s den %(day)s og er overdraget: sagen kan "
                        "kun læses, ikke ændres."
                    )
                    % {"name": receiving, "day": long_date(moving_date)}
                ]
            }
        )


@contextmanager
def allowed() -> Iterator[None]:
    """Writes inside may touch a handed-over household (the retention job, legal holds)."""
    token = _allowed.set(True)
    try:
        yield
    finally:
        _allowed.reset(token)


def start_request(**kwargs: Any) -> None:
    _cache.set({})


def end_request(**kwargs: Any) -> None:
    _cache.set(None)


def handed_over(municipality_id: int) -> dict[int, tuple[str, date]]:
    """{household id: (receiving municipality, moving date)} of the municipality's households
    whose handover was accepted."""
    cache_ = _cache.get()
    if cache_ is not None and municipality_id in cache_:
        return cache_[municipality_id]
    handover = apps.get_model("handover", "Handover")
    found = {
        household_id: (name, day)
        for household_id, name, day in handover.objects.filter(
            municipality_id=municipality_id, state="accepted"
        ).values_list("household_id", "receiving__name", "moving_date")
    }
    if cache_ is not None:
        cache_[municipality_id] = found
    return found


def forget(municipality_id: int) -> None:
    """After a handover is accepted within a request: read the households again."""
    cache_ = _cache.get()
    if cache_ is not None:
        cache_.pop(municipality_id, None)


@cache
def path_to_household(label: str) -> tuple[tuple[str, ...], str] | None:
    """(foreign keys to follow, the target's label) from a model to the nearest person,
    household or case; None for a model about none of them."""
    start = apps.get_model(label)
    queue: list[tuple[type[models.Model], tuple[str, ...]]] = [(start, ())]
    seen = {start}
    while queue:
        model, path = queue.pop(0)
        if model._meta.label in TARGETS:
            return path, model._meta.label
        if len(path) >= 4:
            continue
        for field in model._meta.fields:
            related = field.related_model
            if (
                isinstance(field, models.ForeignKey)
                and isinstance(related, type)
                and related not in seen
                and related._meta.app_label not in ("core", "auth")
            ):
                seen.add(related)
                queue.append((related, (*path, field.name)))
    return None


def _household_of(obj: models.Model) -> int | None:
    found = path_to_household(obj._meta.label)
    if found is None:
        return None
    path, target = found
    value: Any = obj
    for name in path:
        value = getattr(value, name, None)
        if value is None:
            return None
    if target == "people.Household":
        return int(value.pk)
    if target == "people.Person":
        return int(value.household_id)
    return int(value.person.household_id)


def refuse(
    *,
    municipality_id: int | None,
    action: str,
    channel: str,
    objects: Iterable[tuple[models.Model | None, int | None]],
) -> None:
    """Raise ``HandedOver`` if one of these (record, person id) rows of a write is about a
    household the municipality handed over."""
    if (
        municipality_id is None
        or str(action) not in WRITE_ACTIONS
        or channel not in REFUSED_CHANNELS
        or _allowed.get()
    ):
        return
    moved = handed_over(municipality_id)
    if not moved:
        return
    person_ids = set()
    households = set()
    for obj, person_id in objects:
        if person_id is not None:
            person_ids.add(person_id)
        elif obj is not None:
            households.add(_household_of(obj))
    if person_ids:
        person = apps.get_model("people", "Person")
        households |= set(
            person.objects.filter(pk__in=person_ids).values_list("household_id", flat=True)
        )
    for household_id in households:
        if household_id in moved:
            raise HandedOver(*moved[household_id])
