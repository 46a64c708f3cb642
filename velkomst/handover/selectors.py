"""Reads of handover (COO-5), tenant-scoped: the sending municipality sees the handovers it sent,
the receiving one those sent to it. A receiving user reads only the handover's snapshot, never
the sending tenant's rows."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from velkomst.core import access, fields
from velkomst.core.health_access import can_view_health
from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.people.models import Household
from velkomst.people.selectors import household_get

from .models import Handover, State


def handovers_visible_to(user: StaffUser) -> QuerySet[Handover]:
    if not access.can(user, access.HANDOVER_VIEW):
        return Handover.objects.none()
    mid = access.tenant_id(user)
    return Handover.objects.filter(Q(municipality_id=mid) | Q(receiving_id=mid)).select_related(
        "municipality", "receiving"
    )


def handovers_incoming(user: StaffUser) -> QuerySet[Handover]:
    return handovers_visible_to(user).filter(receiving_id=access.tenant_id(user))


def handovers_outgoing(user: StaffUser) -> QuerySet[Handover]:
    return handovers_visible_to(user).filter(municipality_id=access.tenant_id(user))


def incoming_waiting(user: StaffUser) -> list[Handover]:
    """The start page's panel: incoming handovers waiting for an answer."""
    if not access.can(user, access.HANDOVER_RECEIVE):
        return []
    return list(handovers_incoming(user).filter(state=State.SENT)[:20])


def handover_get(*, user: StaffUser, pk: int) -> Handover:
    handover = handovers_visible_to(user).filter(pk=pk).first()
    if handover is None:
        raise Http404
    return handover


def is_sender(user: StaffUser, handover: Handover) -> bool:
    return handover.municipality_id == access.tenant_id(user)


def household_for_move(*, user: StaffUser, pk: int) -> Household:
    """The sending caseworker's household (404 if not theirs to see)."""
    access.require(user, access.HANDOVER_SEND)
    return household_get(user=user, pk=pk)


def household_handover(household: Household) -> Handover | None:
    """The household's handover in force (sent or accepted), for the "moved to X" mark."""
    return (
        Handover.objects.filter(household=household, state__in=[State.SENT, State.ACCEPTED])
        .select_related("receiving")
        .first()
    )


def received_handover(household: Household) -> Handover | None:
    """The handover a receiving household came from (its origin)."""
    return (
        Handover.objects.filter(received_household=household).select_related("municipality").first()
    )


def municipalities_for_receiving(user: StaffUser) -> QuerySet[Municipality]:
    return Municipality.objects.exclude(pk=access.tenant_id(user)).order_by("name")


def receiving_caseworkers(user: StaffUser) -> QuerySet[StaffUser]:
    return StaffUser.objects.filter(
        municipality_id=access.tenant_id(user), role=Role.CASEWORKER, is_active=True
    ).order_by("first_name", "last_name", "id")


def content_for(user: StaffUser, handover: Handover) -> dict[str, Any]:
    return visible_content(user, handover.content)


def visible_content(user: StaffUser, snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as the user may read it (the field policy, SEC-2): never the CPR numbers
    (they pass only into the receiving tenant's new persons), journal notes only to readers of
    notes, health data only to readers of health data."""
    content = deepcopy(snapshot)
    notes, health = fields.can_read_notes(user), can_view_health(user)
    for person in content.get("persons", []):
        person.pop("cpr", None)
        if not notes:
            person.pop("notes", None)
        if not health:
            person.pop("health", None)
    return content
