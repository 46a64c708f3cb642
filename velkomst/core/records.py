"""The common writes of a register's record: create it, or change some of its fields under
optimistic concurrency (SEC-5), each with its audit row (SEC-3). Call inside the service's
transaction, after its access check."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.db import models

from . import audit
from .models import AuditAction, StaffUser
from .versioning import save_versioned

M = TypeVar("M", bound=models.Model)


def snapshot(obj: Any, names: Sequence[str]) -> dict[str, Any]:
    """The values of ``names`` on ``obj``, for ``audit.diff``."""
    return {name: getattr(obj, name) for name in names}


def check_names(names: Iterable[str], allowed: Sequence[str]) -> None:
    """TypeError for the first name a service does not take."""
    for name in names:
        if name not in allowed:
            raise TypeError(name)


def log_for_members(
    acting_user: StaffUser,
    action: str,
    obj: models.Model,
    household: Any,
    changes: dict[str, Any],
    channel: str = "web",
) -> None:
    """A household's record (its need, home, wishes, meetings) is its members' data: one audit
    row per member of ``household`` (SEC-3)."""
    audit.log_bulk(
        audit.entry(
            actor=acting_user,
            action=action,
            obj=obj,
            person_id=pk,
            changes=changes,
            channel=channel,
        )
        for pk in household.members.values_list("pk", flat=True)
    )


def create_audited(
    obj: M,
    *,
    acting_user: StaffUser,
    fields: Sequence[str],
    validate: Callable[[M], None],
) -> M:
    """Validate and save the new ``obj``; audit CREATE with ``fields``' values."""
    validate(obj)
    obj.save()
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=obj,
        changes=audit.diff({}, snapshot(obj, fields)),
    )
    return obj


def _apply_changes(
    obj: models.Model, values: Mapping[str, Any], fields: Sequence[str]
) -> dict[str, Any] | None:
    """Set ``values`` (each one of ``fields``, else TypeError) on ``obj`` and give the values of
    ``fields`` before; None, and ``obj`` untouched, when no value differs."""
    check_names(values, fields)
    before = snapshot(obj, fields)
    if not audit.diff(before, dict(values)):
        return None
    for name, value in values.items():
        setattr(obj, name, value)
    return before


def update_audited(
    obj: M,
    *,
    acting_user: StaffUser,
    expected_version: int,
    values: Mapping[str, Any],
    fields: Sequence[str],
    validate: Callable[[M], None] | None = None,
) -> M:
    """Set ``values`` (each one of ``fields``, else TypeError), validate, save them if the stored
    version is ``expected_version`` (else ConcurrentEditError) and audit CHANGE with what changed
    among ``fields``. An edit that changes nothing returns ``obj`` as it was: no audit row, and
    the version stays, so a colleague's edit is not refused for nothing (SEC-5)."""
    before = _apply_changes(obj, values, fields)
    if before is None:
        return obj
    if validate is not None:
        validate(obj)
    save_versioned(obj, expected_version=expected_version, fields=list(values))
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=obj,
        changes=audit.diff(before, snapshot(obj, fields)),
    )
    return obj


def update_for_members(
    obj: M,
    *,
    acting_user: StaffUser,
    household: Any,
    expected_version: int,
    values: Mapping[str, Any],
    fields: Sequence[str],
) -> M:
    """``update_audited`` for a household's record (its need, its wishes): the CHANGE is logged
    once per member of ``household``. An edit that changes nothing writes nothing."""
    before = _apply_changes(obj, values, fields)
    if before is None:
        return obj
    save_versioned(obj, expected_version=expected_version, fields=list(values))
    log_for_members(
        acting_user, AuditAction.CHANGE, obj, household, audit.diff(before, snapshot(obj, fields))
    )
    return obj
