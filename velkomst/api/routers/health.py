"""/api/persons/{id}/health, /api/persons/{id}/barriers and /api/coordinations (HEA-1, HEA-2,
PRG-6). Health data only for those who may read it (``velkomst.health.policy``), every read
logged with the reason "Helbredsoplysninger"; barriers for the plan's team, a health or trauma
barrier masked to readers of no health data; coordinated plans for those who work with them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from velkomst.core import audit
from velkomst.core.models import AuditAction
from velkomst.health import selectors
from velkomst.health.models import (
    BarrierKind,
    ConsentPurpose,
    OfferAnswer,
    ReferralKind,
    ReferralStatus,
    WorkCapacity,
)

from ..auth import reader
from ..pagination import LimitOffset
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["health"])


class OfferOut(Schema):
    id: int
    offered_on: date
    mandatory: bool
    answer: OfferAnswer
    answered_on: date | None
    version: int


class AssessmentOut(Schema):
    id: int
    assessed_on: date
    doctor: str
    work_capacity: WorkCapacity
    conclusion: str
    version: int


class HealthReferralOut(Schema):
    id: int
    kind: ReferralKind
    referred_on: date
    status: ReferralStatus
    status_on: date
    note: str
    version: int


class ConsentOut(Schema):
    id: int
    purpose: ConsentPurpose
    unit_ids: list[int]
    given_on: date
    withdrawn_on: date | None
    version: int

    @staticmethod
    def resolve_unit_ids(obj: Any) -> list[int]:
        return [unit.pk for unit in obj.units.all()]


class ShareOut(Schema):
    id: int
    purpose: ConsentPurpose
    unit_id: int
    consent_id: int
    shared_at: datetime


class HealthOut(Schema):
    person_id: int
    offers: list[OfferOut]
    assessments: list[AssessmentOut]
    referrals: list[HealthReferralOut]
    consents: list[ConsentOut]
    shares: list[ShareOut]

    @staticmethod
    def resolve_person_id(obj: Any) -> int:
        return int(obj.person.pk)


class BarrierOut(Schema):
    id: int
    health: bool = Field(description="a health or trauma barrier")
    kind: BarrierKind | None = Field(
        description="none for a health barrier to a reader of no health data"
    )
    label: str = Field(
        description="the barrier in words; 'Der er en helbredsmæssig barriere' masked"
    )
    description: str
    measure: str
    responsible_id: int
    follow_up_on: date
    resolved_on: date | None


class MeasureOut(Schema):
    id: int
    unit_id: int
    measure: str
    responsible_id: int | None
    from_on: date
    to_on: date | None
    follow_up_on: date | None


class CoordinationOut(Schema):
    id: int
    household_id: int | None
    person_id: int | None
    coordinator_id: int
    started_on: date
    ended_on: date | None
    goal: str
    version: int


class CoordinationDetailOut(CoordinationOut):
    measures: list[MeasureOut]


def _barrier(row: selectors.BarrierRow) -> dict[str, Any]:
    b = row.barrier
    return {
        "id": b.pk,
        "health": b.is_health,
        "kind": None if row.masked else b.kind,
        "label": row.label,
        "description": row.description,
        "measure": b.measure,
        "responsible_id": b.responsible_id,
        "follow_up_on": b.follow_up_on,
        "resolved_on": b.resolved_on,
    }


@router.get("/persons/{person_id}/health", response={200: HealthOut, **errors(401, 403, 404, 422)})
def get_person_health(request: HttpRequest, person_id: int) -> Any:
    """The person's health data (health readers only); the read is logged."""
    user = reader(request)
    person = selectors.health_person_get(user=user, pk=person_id)
    return selectors.health_record(user=user, person=person, channel=CHANNEL)


@router.get(
    "/persons/{person_id}/barriers",
    response={200: list[BarrierOut], **errors(401, 403, 404, 422)},
)
def list_person_barriers(request: HttpRequest, person_id: int) -> Any:
    """The person's barriers to work (PRG-6), masked for readers of no health data."""
    user = reader(request)
    person = selectors.barriers_person_get(user=user, pk=person_id)
    return [
        _barrier(row) for row in selectors.barriers_for(user=user, person=person, channel=CHANNEL)
    ]


@router.get("/coordinations", response={200: list[CoordinationOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_coordinations(request: HttpRequest, mine: bool = False) -> Any:
    """Coordinated plans (HEA-2) the caller works with; ``mine``: those the caller coordinates.
    The search is logged."""
    user = reader(request)
    if not selectors.can_see_coordination(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("coordination")
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes={"mine": [None, mine]} if mine else None,
        reason="Koordinerede indsatser",
        channel=CHANNEL,
    )
    qs = selectors.coordinations_of(user) if mine else selectors.coordinations_visible_to(user)
    return qs.order_by("-started_on", "-id")


@router.get(
    "/coordinations/{coordination_id}",
    response={200: CoordinationDetailOut, **errors(401, 403, 404, 422)},
)
def get_coordination(request: HttpRequest, coordination_id: int) -> Any:
    user = reader(request)
    coordination = selectors.coordination_get(user=user, pk=coordination_id)
    audit.log_read(
        actor=user,
        obj=coordination,
        persons=selectors.coordination_members(coordination),
        channel=CHANNEL,
    )
    coordination.measures_shown = selectors.measures_of(coordination)  # type: ignore[attr-defined]
    return {
        **{
            name: getattr(coordination, name)
            for name in (
                "id",
                "household_id",
                "person_id",
                "coordinator_id",
                "started_on",
                "ended_on",
                "goal",
                "version",
            )
        },
        "measures": coordination.measures_shown,  # type: ignore[attr-defined]
    }
