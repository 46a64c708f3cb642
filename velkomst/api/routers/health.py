"""/api/persons/{id}/health, /api/persons/{id}/barriers and /api/coordinations (HEA-1, HEA-2,
PRG-6). Health data only for those who may read it (``velkomst.health.policy``), every read
logged with the reason "Helbredsoplysninger"; barriers for the plan's team, a health or trauma
barrier masked to readers of no health data; coordinated plans for those who work with them.

Writes go through ``velkomst.health.services`` (which check the policy again and write the audit
rows): offers, assessments and referrals by those who record health data (``health.edit``), a
health or trauma barrier likewise and the other barriers by the plan's team too, coordinated
plans and their measures by the coordinator or those who edit plans or health data. Edits carry
the ``version`` read (409 when someone saved first). Consents are not written here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser, Unit
from velkomst.health import policy, selectors, services
from velkomst.health.models import (
    BarrierKind,
    ConsentPurpose,
    OfferAnswer,
    ReferralKind,
    ReferralStatus,
    WorkCapacity,
)

from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset
from ..schemas import Id, InputSchema, VersionedIn, _text, errors, not_sent
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
    withdrawn_at: datetime | None
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


# --- writes ------------------------------------------------------------------------------------

CREATE = errors(400, 401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)
Doctor = Annotated[str, _text(150)]
Text = Annotated[str, _text(2000, 0)]
Measure = Annotated[str, _text(500)]


class HealthOfferIn(InputSchema):
    """An offer of a health assessment; whether it is mandatory follows from the rule in force."""

    offered_on: date
    answer: OfferAnswer = OfferAnswer.PENDING
    answered_on: date | None = None


class HealthOfferAnswerIn(VersionedIn):
    answer: OfferAnswer
    answered_on: date | None = None


class HealthAssessmentIn(InputSchema):
    assessed_on: date
    doctor: Doctor
    work_capacity: WorkCapacity
    conclusion: Text = ""
    offer_id: Id | None = Field(None, description="the offer the assessment answers")


class HealthAssessmentPatchIn(VersionedIn):
    assessed_on: date = not_sent()
    doctor: Doctor = not_sent()
    work_capacity: WorkCapacity = not_sent()
    conclusion: Text = not_sent()


class HealthReferralIn(InputSchema):
    kind: ReferralKind
    referred_on: date
    status: ReferralStatus = ReferralStatus.REFERRED
    status_on: date | None = Field(None, description="default: the day referred")
    note: Text = ""


class HealthReferralPatchIn(VersionedIn):
    kind: ReferralKind = not_sent()
    referred_on: date = not_sent()
    status: ReferralStatus = not_sent()
    status_on: date = not_sent()
    note: Text = not_sent()


class BarrierIn(InputSchema):
    kind: BarrierKind
    measure: Measure
    responsible_id: Id
    follow_up_on: date
    description: Text = ""


class BarrierPatchIn(VersionedIn):
    kind: BarrierKind = not_sent()
    description: Text = not_sent()
    measure: Measure = not_sent()
    responsible_id: Id = not_sent()
    follow_up_on: date = not_sent()
    resolved_on: date | None = not_sent()


class CoordinationIn(InputSchema):
    """A coordinated plan for a household or for one person (one of the two)."""

    coordinator_id: Id
    started_on: date
    household_id: Id | None = None
    person_id: Id | None = None
    goal: Text = ""


class CoordinationPatchIn(VersionedIn):
    coordinator_id: Id = not_sent()
    started_on: date = not_sent()
    ended_on: date | None = not_sent()
    goal: Text = not_sent()


class CoordinatedMeasureIn(InputSchema):
    unit_id: Id
    measure: Measure
    responsible_id: Id | None = None
    from_on: date
    to_on: date | None = None
    follow_up_on: date | None = None


class CoordinatedMeasurePatchIn(VersionedIn):
    unit_id: Id = not_sent()
    measure: Measure = not_sent()
    responsible_id: Id | None = not_sent()
    from_on: date = not_sent()
    to_on: date | None = not_sent()
    follow_up_on: date | None = not_sent()


class MeasureVersionedOut(MeasureOut):
    version: int


class BarrierVersionedOut(BarrierOut):
    version: int


def _staff(user: Any, field: str, pk: int | None) -> StaffUser | None:
    if pk is None:
        return None
    found = StaffUser.objects.filter(
        municipality_id=access.tenant_id(user), is_active=True, pk=pk
    ).first()
    if found is None:
        raise InvalidField(field, _("Der er ingen medarbejder med dette id."))
    return found


def _unit(user: Any, pk: int) -> Unit:
    found = Unit.objects.filter(municipality_id=access.tenant_id(user), pk=pk).first()
    if found is None:
        raise InvalidField("unit_id", _("Der er ingen enhed med dette id."))
    return found


def _health_writer(request: HttpRequest, person_id: int) -> tuple[Any, Any]:
    """The caller and the person (404 unseen, 403 without the health data capabilities)."""
    user = reader(request)
    person = selectors.health_person_get(user=user, pk=person_id)
    policy.require_health_edit(user)
    return user, person


def _barrier_out(user: Any, barrier: Any) -> dict[str, Any]:
    (row,) = selectors.barrier_rows(user, [barrier])
    return {**_barrier(row), "version": barrier.version}


@router.post("/persons/{person_id}/health/offers", response={201: OfferOut, **CREATE})
def create_health_offer(request: HttpRequest, person_id: int, payload: HealthOfferIn) -> Any:
    """Offer a health assessment (HEA-1)."""
    user, person = _health_writer(request, person_id)
    with audit.via(CHANNEL):
        return Status(201, services.offer_create(actor=user, person=person, **payload.dict()))


@router.post("/health-offers/{health_offer_id}/answer", response={200: OfferOut, **WRITE})
def answer_health_offer(
    request: HttpRequest, health_offer_id: int, payload: HealthOfferAnswerIn
) -> Any:
    """The person's answer to the offer; an answer needs ``answered_on``."""
    user = reader(request)
    offer = selectors.offer_get(user=user, pk=health_offer_id)
    policy.require_health_edit(user)
    with audit.via(CHANNEL):
        return services.offer_answer(
            actor=user,
            offer=offer,
            expected_version=payload.version,
            answer=payload.answer,
            answered_on=payload.answered_on,
        )


@router.post("/persons/{person_id}/health/assessments", response={201: AssessmentOut, **CREATE})
def create_health_assessment(
    request: HttpRequest, person_id: int, payload: HealthAssessmentIn
) -> Any:
    """Record an assessment; a reduced or no work capacity makes the person's integration plan
    rehabilitation-directed (PRG-6)."""
    user, person = _health_writer(request, person_id)
    offer = None
    if payload.offer_id is not None:
        offer = selectors.person_offer(user=user, person=person, pk=payload.offer_id)
        if offer is None:
            raise InvalidField("offer_id", _("Personen har intet tilbud med dette id."))
    with audit.via(CHANNEL):
        assessment = services.assessment_record(
            actor=user, person=person, offer=offer, **payload.dict(exclude={"offer_id"})
        )
    return Status(201, assessment)


@router.patch("/health-assessments/{assessment_id}", response={200: AssessmentOut, **WRITE})
def update_health_assessment(
    request: HttpRequest, assessment_id: int, payload: HealthAssessmentPatchIn
) -> Any:
    user = reader(request)
    assessment = selectors.assessment_get(user=user, pk=assessment_id)
    policy.require_health_edit(user)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.assessment_update(
            actor=user, assessment=assessment, expected_version=payload.version, **values
        )


@router.post("/persons/{person_id}/health/referrals", response={201: HealthReferralOut, **CREATE})
def create_health_referral(request: HttpRequest, person_id: int, payload: HealthReferralIn) -> Any:
    """Refer the person (GP, trauma treatment, PTSD support, physiotherapy, other)."""
    user, person = _health_writer(request, person_id)
    with audit.via(CHANNEL):
        referral = services.referral_create(actor=user, person=person, **payload.dict())
    return Status(201, referral)


@router.patch("/health-referrals/{health_referral_id}", response={200: HealthReferralOut, **WRITE})
def update_health_referral(
    request: HttpRequest, health_referral_id: int, payload: HealthReferralPatchIn
) -> Any:
    user = reader(request)
    referral = selectors.referral_get(user=user, pk=health_referral_id)
    policy.require_health_edit(user)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.referral_update(
            actor=user, referral=referral, expected_version=payload.version, **values
        )


@router.post("/persons/{person_id}/barriers", response={201: BarrierVersionedOut, **CREATE})
def create_barrier(request: HttpRequest, person_id: int, payload: BarrierIn) -> Any:
    """A barrier to work with its measure, responsible and follow-up (PRG-6); a health or trauma
    barrier only by those who record health data."""
    user = reader(request)
    person = selectors.barriers_person_get(user=user, pk=person_id)
    responsible = _staff(user, "responsible_id", payload.responsible_id)
    with audit.via(CHANNEL):
        barrier = services.barrier_create(
            actor=user,
            person=person,
            responsible=responsible,  # type: ignore[arg-type]
            **payload.dict(exclude={"responsible_id"}),
        )
    return Status(201, _barrier_out(user, barrier))


@router.patch("/barriers/{barrier_id}", response={200: BarrierVersionedOut, **WRITE})
def update_barrier(request: HttpRequest, barrier_id: int, payload: BarrierPatchIn) -> Any:
    user = reader(request)
    barrier = selectors.barrier_get(user=user, pk=barrier_id)
    values = payload.dict(exclude_unset=True, exclude={"version", "responsible_id"})
    if "responsible_id" in payload.model_fields_set:
        values["responsible"] = _staff(user, "responsible_id", payload.responsible_id)
    with audit.via(CHANNEL):
        barrier = services.barrier_update(
            actor=user, barrier=barrier, expected_version=payload.version, **values
        )
    return _barrier_out(user, barrier)


@router.post("/coordinations", response={201: CoordinationOut, **CREATE})
def create_coordination(request: HttpRequest, payload: CoordinationIn) -> Any:
    """A coordinated plan with one coordinator across units (HEA-2), for a household or a
    person the caller sees."""
    from velkomst.people.selectors import persons_visible_to

    user = reader(request)
    if not selectors.can_see_coordination(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("coordination")
    household = person = None
    if payload.household_id is not None:
        member = (
            persons_visible_to(user, few=True)
            .filter(household_id=payload.household_id)
            .select_related("household")
            .first()
        )
        if member is None:
            raise InvalidField("household_id", _("Der er ingen husstand med dette id."))
        household = member.household
    if payload.person_id is not None:
        person = persons_visible_to(user, few=True).filter(pk=payload.person_id).first()
        if person is None:
            raise InvalidField("person_id", _("Der er ingen person med dette id."))
    if (household is None) == (person is None):
        raise InvalidField("household_id", _("Vælg enten en husstand eller en person."))
    coordinator = _staff(user, "coordinator_id", payload.coordinator_id)
    with audit.via(CHANNEL):
        coordination = services.coordination_create(
            actor=user,
            coordinator=coordinator,  # type: ignore[arg-type]
            started_on=payload.started_on,
            household=household,
            person=person,
            goal=payload.goal,
        )
    return Status(201, coordination)


@router.patch("/coordinations/{coordination_id}", response={200: CoordinationOut, **WRITE})
def update_coordination(
    request: HttpRequest, coordination_id: int, payload: CoordinationPatchIn
) -> Any:
    """Change the plan (``ended_on`` ends it); ``version`` must be the one read, else 409."""
    user = reader(request)
    coordination = selectors.coordination_get(user=user, pk=coordination_id)
    values = payload.dict(exclude_unset=True, exclude={"version", "coordinator_id"})
    if "coordinator_id" in payload.model_fields_set:
        values["coordinator"] = _staff(user, "coordinator_id", payload.coordinator_id)
    with audit.via(CHANNEL):
        return services.coordination_update(
            actor=user, coordination=coordination, expected_version=payload.version, **values
        )


@router.post(
    "/coordinations/{coordination_id}/measures",
    response={201: MeasureVersionedOut, **CREATE},
)
def create_coordinated_measure(
    request: HttpRequest, coordination_id: int, payload: CoordinatedMeasureIn
) -> Any:
    """A unit's measure in the shared plan."""
    user = reader(request)
    coordination = selectors.coordination_get(user=user, pk=coordination_id)
    values = payload.dict(exclude={"unit_id", "responsible_id"})
    values["unit"] = _unit(user, payload.unit_id)
    values["responsible"] = _staff(user, "responsible_id", payload.responsible_id)
    with audit.via(CHANNEL):
        measure = services.measure_add(actor=user, coordination=coordination, **values)
    return Status(201, measure)


@router.patch("/coordinated-measures/{measure_id}", response={200: MeasureVersionedOut, **WRITE})
def update_coordinated_measure(
    request: HttpRequest, measure_id: int, payload: CoordinatedMeasurePatchIn
) -> Any:
    user = reader(request)
    measure = selectors.measure_get(user=user, pk=measure_id)
    values = payload.dict(exclude_unset=True, exclude={"version", "unit_id", "responsible_id"})
    if "unit_id" in payload.model_fields_set:
        values["unit"] = _unit(user, payload.unit_id)
    if "responsible_id" in payload.model_fields_set:
        values["responsible"] = _staff(user, "responsible_id", payload.responsible_id)
    with audit.via(CHANNEL):
        return services.measure_update(
            actor=user, measure=measure, expected_version=payload.version, values=values
        )
