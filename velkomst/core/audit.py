"""Writes the append-only audit log (SEC-3). Call inside the transaction of the change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import models

from . import moved
from .bulk import insert_rows
from .models import AuditAction, AuditEntry, StaffUser

# The channel of a write done by a service that does not take one (e.g. the housing services,
# called from the pages and the API): set around the call with ``via``.
_CHANNEL: ContextVar[str | None] = ContextVar("audit_channel", default=None)


@contextmanager
def via(channel: str) -> Iterator[None]:
    """Entries written inside are of ``channel`` where their writer gives none (the default
    "web"): the API wraps the services it calls in ``with audit.via("api"):``."""
    token = _CHANNEL.set(channel)
    try:
        yield
    finally:
        _CHANNEL.reset(token)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for each field whose value changed."""
    return {
        key: [_jsonable(old.get(key)), _jsonable(value)]
        for key, value in new.items()
        if _jsonable(old.get(key)) != _jsonable(value)
    }


def log(
    *,
    actor: StaffUser,
    action: AuditAction | str,
    obj: models.Model | None = None,
    person_id: int | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    channel: str = "web",
) -> AuditEntry:
    if str(action) == AuditAction.VIEW and obj is not None:
        _first_views(actor, [(obj, person_id)])  # a page's later views of the person add none
    fields = _entry_fields(actor, action, obj, person_id, changes, reason, channel)
    _refuse_moved(fields, [(obj, person_id)])
    return AuditEntry.objects.create(**fields)


def _refuse_moved(fields: dict[str, Any], objects: Iterable[tuple[Any, int | None]]) -> None:
    """A write about a household handed over to another municipality is refused (COO-5)."""
    moved.refuse(
        municipality_id=fields["municipality_id"],
        action=fields["action"],
        channel=fields["channel"],
        objects=objects,
    )


# The (actor, person) pairs whose ``view`` row this request has written: one row per person per
# page view (SEC-3), the first one logged, which names the page's main object. Set for each
# request by ``request_started`` (core/apps.py), None outside a request (commands, tests).
_viewed: ContextVar[set[tuple[Any, ...]] | None] = ContextVar("audit_viewed", default=None)


def start_request(**kwargs: Any) -> None:
    _viewed.set(set())


def end_request(**kwargs: Any) -> None:
    _viewed.set(None)


def _first_views(
    actor: StaffUser, objects: Iterable[tuple[models.Model, int | None]]
) -> list[tuple[models.Model, int | None]]:
    """The pairs whose person has no ``view`` row by ``actor`` in this request yet (in a call
    outside a request, within the call): a page that shows a person in several places, or
    several records of one person, logs the person once."""
    seen = _viewed.get()
    if seen is None:
        seen = set()
    kept = []
    for obj, person_id in objects:
        key = (
            (actor.pk, person_id) if person_id is not None else (actor.pk, obj._meta.label, obj.pk)
        )
        if key not in seen:
            seen.add(key)
            kept.append((obj, person_id))
    return kept


def log_many(
    *,
    actor: StaffUser,
    action: AuditAction | str,
    objects: Iterable[tuple[models.Model, int | None]],
    reason: str = "",
    channel: str = "web",
) -> None:
    """One entry per (object, person id): e.g. a household page shows each member. A ``view``
    is written once per person per request (``_first_views``)."""
    if str(action) == AuditAction.VIEW:
        objects = _first_views(actor, objects)
    rows = [
        (obj, person_id, _entry_fields(actor, action, obj, person_id, None, reason, channel))
        for obj, person_id in objects
    ]
    if rows:
        _refuse_moved(rows[0][2], [(obj, person_id) for obj, person_id, _ in rows])
    AuditEntry.objects.bulk_create([AuditEntry(**fields) for _obj, _person, fields in rows])


def log_read(
    *, actor: StaffUser, obj: models.Model, persons: Iterable[Any], channel: str = "web"
) -> None:
    """A response that shows these persons' data (a page, a form, also one shown again after a
    failed POST): one ``view`` row per person, about ``obj`` (SEC-3)."""
    log_many(
        actor=actor,
        action=AuditAction.VIEW,
        objects=[(obj, person.pk) for person in persons],
        channel=channel,
    )


AuditValues = dict[str, Any]


def entry(
    *,
    actor: StaffUser,
    action: AuditAction | str,
    obj: models.Model | None = None,
    person_id: int | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    channel: str = "web",
) -> AuditValues:
    """The values of the entry ``log`` would write: collect many and write them with
    ``log_bulk``."""
    return _entry_fields(actor, action, obj, person_id, changes, reason, channel)


def log_bulk(entries: Iterable[AuditValues]) -> None:
    """Write entries made with ``entry`` at once (bulk services), in the given order, at the
    same time. Rows of a write about a household handed over to another municipality are
    refused (COO-5), judged by their person."""
    rows = list(entries)
    about = [row for row in rows if row.get("person_id") is not None]
    if about:
        _refuse_moved(about[0], [(None, row["person_id"]) for row in about])
    insert_rows(AuditEntry, rows)


def actor_label(actor: StaffUser) -> str:
    """Who acted, in words that outlive the user: "Name (username)"."""
    return f"{actor.get_full_name() or actor.username} ({actor.username})"[:160]


def log_to_municipality(
    *,
    municipality_id: int,
    actor: StaffUser,
    action: AuditAction | str,
    obj: models.Model,
    person_id: int | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """An entry in ``municipality_id``'s log by an actor who is not its staff: the immigration
    service's national user placing a household there (NAT-1), or the other municipality of a
    handover sending, accepting or returning it (COO-5)."""
    return AuditEntry.objects.create(
        **_entry_fields(actor, action, obj, person_id, changes, reason, "web", municipality_id)
    )


def _entry_fields(
    actor: StaffUser,
    action: AuditAction | str,
    obj: models.Model | None,
    person_id: int | None,
    changes: dict[str, Any] | None,
    reason: str,
    channel: str,
    municipality_id: int | None = None,
) -> dict[str, Any]:
    if municipality_id is None:
        assert actor.municipality_id is not None, "only a municipality's staff touch its data"
        municipality_id = actor.municipality_id
    return {
        "municipality_id": municipality_id,
        "actor_id": actor.pk,
        "actor_label": actor_label(actor),
        "person_id": person_id,
        "action": str(action),
        "object_type": obj._meta.label if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "changes": {k: [_jsonable(v) for v in pair] for k, pair in (changes or {}).items()},
        "reason": reason[:300],
        "channel": _CHANNEL.get() or channel if channel == "web" else channel,
    }


# --- rows in bulk -----------------------------------------------------------------------------
# The audit log's bulk writer (log_bulk), also used by bulk services for other rows written in
# large numbers whose ids they do not need (a visitation file's plan tasks).


# --- erasure (SEC-4): the one narrow way the audit log is ever changed -------------------------
# The log stays append-only for everything else: the model and its queryset refuse update and
# delete, and on PostgreSQL a trigger refuses them as well, except inside ``_erasure`` (a
# transaction-local setting the trigger reads; retention migration 0002), and then an UPDATE may
# change only the entry's ``changes``, ``reason`` and ``actor_label``. Only the retention job
# calls these two functions.

ERASURE_SETTING = "velkomst.audit_erasure"


@contextmanager
def _erasure() -> Iterator[None]:
    from django.db import connection, transaction

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit erasure runs inside the retention job's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [ERASURE_SETTING])
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', true)", [ERASURE_SETTING])


def _replace(value: Any, secrets: list[str], pseudonym: str) -> Any:
    if isinstance(value, str):
        for secret in secrets:
            if secret and secret in value:
                value = value.replace(secret, pseudonym)
        return value
    if isinstance(value, list):
        return [_replace(v, secrets, pseudonym) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, secrets, pseudonym) for k, v in value.items()}
    return value


def pseudonymise_person(
    *, municipality_id: int, person_id: int, secrets: Iterable[str], pseudonym: str
) -> int:
    """Replace ``secrets`` (the erased person's names, CPR number, address) by ``pseudonym`` in
    the text and changes of the municipality's entries about the person; the entries stay, with
    who did what and when. Returns how many entries changed."""
    words = sorted({s for s in secrets if s and len(s) > 1}, key=len, reverse=True)
    # the base queryset: AppendOnlyQuerySet refuses update
    plain: models.QuerySet[AuditEntry] = models.QuerySet(AuditEntry)
    changed = 0
    with _erasure():
        for pk, changes, reason in plain.filter(
            municipality_id=municipality_id, person_id=person_id
        ).values_list("pk", "changes", "reason"):
            new_changes = _replace(changes, words, pseudonym)
            new_reason = _replace(reason, words, pseudonym)
            if new_changes != changes or new_reason != reason:
                plain.filter(pk=pk).update(changes=new_changes, reason=new_reason[:300])
                changed += 1
    return changed


def expire_entries(*, municipality_id: int, ids: Iterable[int]) -> int:
    """Delete the municipality's entries ``ids`` whose own retention has ended (the retention
    job's rule for audit entries)."""
    plain: models.QuerySet[AuditEntry] = models.QuerySet(AuditEntry)
    with _erasure():
        deleted, _ = plain.filter(municipality_id=municipality_id, pk__in=list(ids)).delete()
    return deleted


def log_citizen(
    *,
    person: Any,
    action: AuditAction | str,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """A citizen's own read or write in the citizen's entrance (CIT-1): the person is the actor
    (no staff user), the channel "citizen"."""
    return AuditEntry.objects.create(
        municipality_id=person.municipality_id,
        actor_id=None,
        actor_label=citizen_label(person),
        person_id=person.pk,
        action=str(action),
        object_type=(obj._meta.label if obj is not None else "people.Person")[:60],
        object_id=str(obj.pk if obj is not None else person.pk),
        changes=changes or {},
        reason=reason,
        channel="citizen",
    )


def citizen_label(person: Any) -> str:
    """The actor of a citizen's own entry, in words that outlive the record."""
    return f"Borger: {person.first_name} {person.last_name}".strip()[:160]
