"""Optimistic concurrency: a write succeeds only if the row still has the version the user saw."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.models import Case, F, Value, When
from django.utils import timezone

from .errors import ConcurrentEditError


def save_versioned(obj: Any, *, expected_version: int, fields: list[str]) -> None:
    """Write ``fields`` of ``obj`` if its stored version is ``expected_version``; bump the version.

    Raises ConcurrentEditError when another writer got there first (SEC-5).
    """
    model: type[models.Model] = type(obj)
    values = {name: getattr(obj, name) for name in fields}
    values["updated_at"] = obj.updated_at = timezone.now()
    updated = model._default_manager.filter(pk=obj.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise ConcurrentEditError(str(model._meta.verbose_name))
    obj.version = expected_version + 1


VERSIONED_ROWS_PER_UPDATE = 100  # rows per UPDATE in save_versioned_many (SQLite's limits)


def save_versioned_many(
    objs: Sequence[Any], *, expected_versions: Sequence[int], fields: list[str]
) -> list[Any]:
    """``save_versioned`` for many rows of one model in a few statements: each ``obj``'s
    ``fields`` (its own values, through ``CASE``) are written if its stored version is its
    ``expected_versions`` entry, and its version becomes that plus one; ``updated_at`` is now.

    Returns the objects whose stored version differed (nothing was written for them; the caller
    raises ConcurrentEditError and rolls back); an empty list when every row was written. One
    UPDATE per ``VERSIONED_ROWS_PER_UPDATE`` rows, one more SELECT only when a row was stale.
    """
    if not objs:
        return []
    model: type[models.Model] = type(objs[0])
    now = timezone.now()
    stale: list[Any] = []
    for start in range(0, len(objs), VERSIONED_ROWS_PER_UPDATE):
        chunk = objs[start : start + VERSIONED_ROWS_PER_UPDATE]
        expected = list(expected_versions[start : start + VERSIONED_ROWS_PER_UPDATE])
        pks = [obj.pk for obj in chunk]
        values: dict[str, Any] = {"updated_at": now}
        for name in fields:
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field)
            column = getattr(field, "attname", name)
            per_row = [getattr(obj, column) for obj in chunk]
            if all(value == per_row[0] for value in per_row):
                values[column] = per_row[0]
            else:
                values[column] = Case(
                    *(
                        When(pk=pk, then=Value(value, output_field=field))
                        for pk, value in zip(pks, per_row, strict=True)
                    ),
                    output_field=field,
                )
        next_versions = [version + 1 for version in expected]
        values["version"] = Case(
            *(
                When(pk=pk, then=Value(version))
                for pk, version in zip(pks, next_versions, strict=True)
            ),
            output_field=models.PositiveIntegerField(),
        )
        guard = Case(
            *(When(pk=pk, then=Value(version)) for pk, version in zip(pks, expected, strict=True)),
            output_field=models.PositiveIntegerField(),
        )
        updated = model._default_manager.filter(pk__in=pks, version=guard).update(**values)
        if updated != len(chunk):
            written = set(
                model._default_manager.filter(
                    pk__in=pks, version=values["version"], updated_at=now
                ).values_list("pk", flat=True)
            )
            stale.extend(obj for obj in chunk if obj.pk not in written)
            continue
        for obj, version in zip(chunk, next_versions, strict=True):
            obj.version = version
            obj.updated_at = now
    return stale
