"""/api/referrals, /api/concerns and /api/interface-descriptions: referrals between units
(COO-1), concerns about a child's welfare (CIV-3) and the interface descriptions in force
(COO-2). Reading needs ``referral.view`` and sees the referrals to and from the caller's units
(a manager: every unit's); sending, accepting, returning and closing need ``referral.send`` and,
to answer, membership of the receiving unit; recording a concern needs ``concern.record``. Every
write is audited; a read that names a citizen is logged."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, Municipality, StaffUser, Unit
from velkomst.people.selectors import persons_visible_to
from velkomst.referrals import interfaces, selectors, services
from velkomst.referrals.models import Referral, ReferralKind, ReferralStatus

from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset
from ..schemas import InputSchema, errors
from . import CHANNEL

router = Router(tags=["referrals"])

WRITE = errors(400, 401, 403, 404, 409, 422)


class UnitReferralOut(Schema):
    id: int
    kind: str = Field(description=f"one of {', '.join(ReferralKind.values)}")
    kind_label: str = Field(description="the kind in the reader's language")
    status: str = Field(description=f"one of {', '.join(ReferralStatus.values)}")
    status_label: str = Field(description="the status in the reader's language")
    from_unit_id: int | None
    from_staff_id: int | None
    to_unit_id: int
    person_id: int | None
    text: str
    shared: list[str] = Field(description="the consent purposes (share.*) shared when sent")
    deadline: date | None
    sent_at: datetime
    answer_due: date
    overdue: bool = Field(description="unanswered after its answer deadline")
    owner_id: int | None
    answered_at: datetime | None
    return_reason: str
    done_at: datetime | None
    result: str
    is_concern: bool
    child_description: str
    version: int

    @staticmethod
    def resolve_kind_label(obj: Referral) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_status_label(obj: Referral) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_overdue(obj: Referral) -> bool:
        return obj.is_overdue_on(timezone.localdate())


class UnitReferralIn(InputSchema):
    from_unit_id: int | None = Field(None, description="one of the caller's units (default: first)")
    to_unit_id: int
    person_id: int
    kind: str = Field(description=f"one of {', '.join(ReferralKind.values)}")
    text: str = Field(max_length=4000)
    shared: list[str] = Field(default_factory=list, description="consent purposes, share.*")
    deadline: date | None = None


class ReferralAcceptIn(InputSchema):
    version: int
    owner_id: int | None = Field(None, description="a staff member of the unit (default: caller)")


class ReferralReturnIn(InputSchema):
    version: int
    reason: str = Field(max_length=2000)


class ReferralDoneIn(InputSchema):
    version: int
    result: str = Field("", max_length=2000)


class ConcernIn(InputSchema):
    reporter_name: str = Field(max_length=120)
    reporter_contact: str = Field(max_length=200)
    person_id: int | None = None
    child_description: str = Field("", max_length=300)
    text: str = Field(max_length=4000)


class ReferralBoxFilters(Schema):
    unit_id: int | None = Field(None, description="default: the caller's first unit")
    show: str = Field("waiting", description="waiting, new, accepted, overdue, closed or all")


class InterfaceDescriptionOut(Schema):
    subject: str = Field(description="task, referral or activity")
    type: str
    type_label: str
    by: str = Field(description="the kind of unit that does it")
    by_label: str
    to: str | None = Field(description="the kind of unit it hands over to")
    to_label: str
    note: str


def _log(user: StaffUser, referrals: list[Referral]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(r, r.person_id) for r in referrals if r.person_id is not None],
        channel=CHANNEL,
    )


def _box(request: HttpRequest, filters: ReferralBoxFilters, *, incoming: bool) -> Any:
    user = reader(request)
    access.require(user, access.REFERRAL_VIEW)
    if filters.show not in selectors.SHOWS:
        raise InvalidField("show", _("Vælg en af listerne."))
    unit: Unit | None
    if filters.unit_id is not None:
        unit = selectors.unit_get(user=user, pk=filters.unit_id)
    else:
        unit = selectors.units_for(user).filter(staff=user).first()
    if unit is None:
        return Referral.objects.none()
    select = selectors.inbox if incoming else selectors.outbox
    return select(user=user, unit=unit, show=filters.show, today=timezone.localdate())


@router.get("/referrals/inbox", response={200: list[UnitReferralOut], **errors(401, 403, 404, 422)})
@paginate(LimitOffset)
def list_referral_inbox(request: HttpRequest, filters: Query[ReferralBoxFilters]) -> Any:
    """What waits for a unit (COO-1): unanswered first, the earliest answer deadline first."""
    return _box(request, filters, incoming=True)


@router.get(
    "/referrals/outbox", response={200: list[UnitReferralOut], **errors(401, 403, 404, 422)}
)
@paginate(LimitOffset)
def list_referral_outbox(request: HttpRequest, filters: Query[ReferralBoxFilters]) -> Any:
    """What a unit has sent, the newest first."""
    return _box(request, filters, incoming=False)


@router.post("/referrals", response={201: UnitReferralOut, **WRITE})
def create_referral(request: HttpRequest, payload: UnitReferralIn) -> Any:
    """Send a referral; each shared purpose is checked against the citizen's consent now
    (COO-4): one not covered refuses it (422 on ``shared``), nothing written."""
    user = reader(request)
    access.require(user, access.REFERRAL_SEND)
    mine = user.units.filter(municipality_id=access.tenant_id(user)).order_by("name")
    from_unit = (
        mine.filter(pk=payload.from_unit_id).first()
        if payload.from_unit_id is not None
        else mine.first()
    )
    if from_unit is None:
        raise InvalidField("from_unit_id", _("Du kan kun sende fra en enhed, du er med i."))
    to_unit = Unit.objects.filter(
        municipality_id=access.tenant_id(user), pk=payload.to_unit_id
    ).first()
    if to_unit is None:
        raise InvalidField("to_unit_id", _("Der er ingen enhed med dette id."))
    person = persons_visible_to(user, few=True).filter(pk=payload.person_id).first()
    if person is None:
        raise InvalidField("person_id", _("Der er ingen borger med dette id."))
    with audit.via(CHANNEL):
        referral = services.referral_send(
            actor=user,
            from_unit=from_unit,
            to_unit=to_unit,
            person=person,
            kind=payload.kind,
            text=payload.text,
            shared=payload.shared,
            deadline=payload.deadline,
        )
    return Status(201, referral)


@router.get(
    "/referrals/{unit_referral_id}", response={200: UnitReferralOut, **errors(401, 403, 404, 422)}
)
def get_referral(request: HttpRequest, unit_referral_id: int) -> Any:
    user = reader(request)
    access.require(user, access.REFERRAL_VIEW)
    referral = selectors.referral_get(user=user, pk=unit_referral_id)
    _log(user, [referral])
    return referral


@router.post("/referrals/{unit_referral_id}/accept", response={200: UnitReferralOut, **WRITE})
def accept_referral(request: HttpRequest, unit_referral_id: int, payload: ReferralAcceptIn) -> Any:
    """The receiving unit accepts: the referral gets an owner of that unit (COO-1)."""
    user = reader(request)
    access.require(user, access.REFERRAL_SEND)
    referral = selectors.referral_get(user=user, pk=unit_referral_id)
    owner = None
    if payload.owner_id is not None:
        owner = selectors.owner_choices(referral).filter(pk=payload.owner_id).first()
        if owner is None:
            raise InvalidField("owner_id", _("Den ansvarlige skal være medarbejder i enheden."))
    with audit.via(CHANNEL):
        services.referral_accept(
            actor=user, referral=referral, owner=owner, expected_version=payload.version
        )
    return selectors.referral_get(user=user, pk=unit_referral_id)


@router.post("/referrals/{unit_referral_id}/return", response={200: UnitReferralOut, **WRITE})
def return_referral(request: HttpRequest, unit_referral_id: int, payload: ReferralReturnIn) -> Any:
    """The receiving unit returns it to the sender with a reason (required)."""
    user = reader(request)
    access.require(user, access.REFERRAL_SEND)
    referral = selectors.referral_get(user=user, pk=unit_referral_id)
    with audit.via(CHANNEL):
        services.referral_return(
            actor=user, referral=referral, reason=payload.reason, expected_version=payload.version
        )
    return selectors.referral_get(user=user, pk=unit_referral_id)


@router.post("/referrals/{unit_referral_id}/done", response={200: UnitReferralOut, **WRITE})
def close_referral(request: HttpRequest, unit_referral_id: int, payload: ReferralDoneIn) -> Any:
    """The accepted referral's work is done."""
    user = reader(request)
    access.require(user, access.REFERRAL_SEND)
    referral = selectors.referral_get(user=user, pk=unit_referral_id)
    with audit.via(CHANNEL):
        services.referral_done(
            actor=user, referral=referral, result=payload.result, expected_version=payload.version
        )
    return selectors.referral_get(user=user, pk=unit_referral_id)


@router.post("/concerns", response={201: UnitReferralOut, **errors(400, 401, 403, 422)})
def create_concern(request: HttpRequest, payload: ConcernIn) -> Any:
    """A concern about a child's welfare (CIV-3): a referral to the children and family unit,
    answered within ``concern_answer_days`` working days. Audited; no consent is checked (the
    concern reaches the municipality, nothing is shared outward)."""
    user = reader(request)
    access.require(user, access.CONCERN_RECORD)
    person = None
    if payload.person_id is not None:
        person = persons_visible_to(user, few=True).filter(pk=payload.person_id).first()
        if person is None:
            raise InvalidField("person_id", _("Der er ingen borger med dette id."))
    with audit.via(CHANNEL):
        referral = services.concern_report(
            municipality=Municipality.objects.get(pk=access.tenant_id(user)),
            reporter_name=payload.reporter_name,
            reporter_contact=payload.reporter_contact,
            person=person,
            child_description=payload.child_description,
            text=payload.text,
            actor=user,
        )
    return Status(201, referral)


@router.get(
    "/interface-descriptions",
    response={200: list[InterfaceDescriptionOut], **errors(401, 403, 422)},
)
def list_interface_descriptions(request: HttpRequest) -> Any:
    """The municipality's interface descriptions in force (COO-2): for each task type, referral
    kind and activity type, which unit kind does it and to which it hands over."""
    user = reader(request)
    access.require(user, access.REFERRAL_VIEW)
    described = interfaces.descriptions(Municipality.objects.get(pk=access.tenant_id(user)))
    return [
        {
            "subject": i.subject,
            "type": i.type,
            "type_label": i.type_label,
            "by": i.by,
            "by_label": i.by_label,
            "to": i.to or None,
            "to_label": i.to_label,
            "note": i.note,
        }
        for i in sorted(described.values(), key=lambda i: i.key)
    ]
