"""Reads of the indicator library and its cached figures (MI-1, MI-2), always of the acting
user's municipality and for roles with ``insight.view`` (else PermissionDenied).

``figure`` serves a cached figure with the moment it was computed and whether it is stale (then a
background recomputation is queued, once); with nothing cached it computes the figure now and
stores it. Figures are aggregates: no citizen is named, so no view is logged (the drill-down to
the persons behind a number has its own check and audit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import Http404

from velkomst.core import access
from velkomst.core.models import Municipality, StaffUser

from . import figures, tasks
from .library import Definition, Scope, all_definitions, definition
from .models import IndicatorFigure


@dataclass(frozen=True)
class CachedFigure:
    """A figure as served: ``total`` and ``groups`` as ``Figure.as_dict()`` (unsuppressed: apply
    ``velkomst.indicators.suppression.shown`` before it leaves the integration team)."""

    definition: Definition
    scope: Scope
    total: dict[str, Any]
    groups: dict[str, dict[str, dict[str, Any]]]
    computed_at: datetime
    data_moment: datetime | None
    stale: bool


def indicators_for(user: StaffUser) -> list[Definition]:
    """The library's indicators, by key."""
    access.require(user, access.INSIGHT_VIEW)
    access.tenant_id(user)
    return sorted(all_definitions(), key=lambda d: d.key)


def definition_get(user: StaffUser, key: str) -> Definition:
    access.require(user, access.INSIGHT_VIEW)
    try:
        return definition(key)
    except KeyError:
        raise Http404(key) from None


def figure(user: StaffUser, key: str, scope: Scope) -> CachedFigure:
    """The figure of ``key`` in ``scope`` for the user's municipality: from the cache (stale or
    not, said so), else computed now. Unknown key: 404."""
    found = definition_get(user, key)
    municipality_id = access.tenant_id(user)
    cached = IndicatorFigure.objects.filter(
        municipality_id=municipality_id, key=key, scope_key=scope.key()
    ).first()
    stale = False
    if cached is None:
        municipality = Municipality.objects.get(pk=municipality_id)
        cached = figures.compute(municipality, key, scope)
    else:
        figures.mark_read(cached)
        if figures.is_stale(cached):
            stale = True
            tasks.request_recompute(cached)
    return CachedFigure(
        definition=found,
        scope=scope,
        total=cached.result.get("total", {}),
        groups=cached.result.get("groups", {}),
        computed_at=cached.computed_at,
        data_moment=cached.data_moment,
        stale=stale,
    )
