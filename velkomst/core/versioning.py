"""Optimistic concurrency: a write succeeds only if the row still has the version the user saw."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
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
