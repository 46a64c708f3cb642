"""/api/round-tables and /api/follow-ups: round-table meetings around a citizen or a household
(COO-3) with participants, the agenda, decisions, follow-up tasks and the record of minutes sent.

Reading needs ``roundtable.view`` and sees the round tables of households the caller sees (or
sits at, or owns a follow-up of); every read of one is logged per person it is about. Writing
needs ``roundtable.edit``, except that a follow-up's owner marks it done. Recording minutes sent
to an outside participant or a unit checks the citizen's consent at that moment (COO-4): without
it the answer is 422 naming the person, and nothing is recorded."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser, Unit
from velkomst.people.selectors import households_visible_to
from velkomst.reception.selectors import Today
from velkomst.roundtables import selectors, services
from velkomst.roundtables.models import (
    AgendaItem,
    FollowUp,
    Participant,
    ParticipantKind,
    RoundTable,
)

from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset
from ..schemas import Moment, errors
from . import CHANNEL

router = Router(tags=["round tables"])

WRITE = errors(400, 401, 403, 404, 409, 422)
LIST_REASON = "round tables"


class RoundTableOut(Schema):
    id: int
    household_id: int
    person_id: int | None = Field(description="the citizen; none: the whole household")
    appointment_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    status: str = Field(description="the appointment's status")
    version: int


class ParticipantOut(Schema):
    id: int
    kind: ParticipantKind
    user_id: int | None
    unit_id: int | None
    name: str = Field(description="the staff member's or the outside actor's name")
    organisation: str
    role: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.display_name)


class DecisionOut(Schema):
    id: int
    item_id: int
    text: str
    created_at: datetime


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    notes: str
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_decisions(obj: Any) -> list[Any]:
        return list(obj.decisions.all())


class FollowUpOut(Schema):
    id: int
    round_table_id: int
    decision_id: int | None
    text: str
    owner_id: int
    unit_id: int
    deadline: date
    done_on: date | None
    state: str = Field(description="upcoming, due_soon, overdue, met_on_time or met_late")
    version: int


class MinutesSentOut(Schema):
    id: int
    participant_id: int | None
    unit_id: int | None
    recipient: str
    purpose: str
    sent_at: datetime


class RoundTableDetailOut(RoundTableOut):
    participants: list[ParticipantOut]
    agenda: list[AgendaItemOut]
    follow_ups: list[FollowUpOut]
    minutes_sent: list[MinutesSentOut]


class RoundTableIn(Schema):
    household_id: int
    person_id: int | None = None
    title: str = Field(max_length=200)
    starts_at: Moment
    ends_at: Moment
    place: str = Field(max_length=200)
    interpreter_needed: bool = False
    language: str = Field("", max_length=3)


class ParticipantIn(Schema):
    user_id: int | None = Field(None, description="a staff member; none: an outside actor")
    unit_id: int | None = None
    name: str = Field("", max_length=150)
    organisation: str = Field("", max_length=150)
    role: str = Field("", max_length=150)


class AgendaItemIn(Schema):
    title: str = Field(max_length=200)
    notes: str = ""


class DecisionIn(Schema):
    item_id: int
    text: str


class FollowUpIn(Schema):
    text: str = Field(max_length=500)
    owner_id: int
    unit_id: int | None = Field(None, description="default: the owner's first unit")
    deadline: date
    decision_id: int | None = None


class FollowUpDoneIn(Schema):
    version: int


class MinutesSentIn(Schema):
    participant_id: int | None = Field(None, description="an outside participant")
    unit_id: int | None = Field(None, description="or a unit of the municipality")


def _today(user: StaffUser) -> Today:
    return Today.for_user(user)


def _follow_up(f: FollowUp, today: Today) -> dict[str, Any]:
    return {
        "id": f.pk,
        "round_table_id": f.round_table_id,
        "decision_id": f.decision_id,
        "text": f.text,
        "owner_id": f.owner_id,
        "unit_id": f.unit_id,
        "deadline": f.deadline,
        "done_on": f.done_on,
        "state": selectors.followup_state(f, today.day, today.due_soon_days),
        "version": f.version,
    }


def _detail(user: StaffUser, round_table: RoundTable) -> dict[str, Any]:
    """The round table with everything on it; the read is logged per person it is about."""
    today = _today(user)
    detail = selectors.detail(round_table, today.day, today.due_soon_days)
    audit.log_read(actor=user, obj=round_table, persons=detail.persons, channel=CHANNEL)
    appointment = round_table.appointment
    return {
        "id": round_table.pk,
        "household_id": round_table.household_id,
        "person_id": round_table.person_id,
        "appointment_id": appointment.pk,
        "title": round_table.title,
        "starts_at": appointment.starts_at,
        "ends_at": appointment.ends_at,
        "place": appointment.place,
        "status": appointment.status,
        "version": round_table.version,
        "participants": detail.participants,
        "agenda": detail.agenda,
        "follow_ups": [_follow_up(r.followup, today) for r in detail.followups],
        "minutes_sent": detail.minutes_sent,
    }


def _round_table(user: StaffUser, round_table_id: int) -> RoundTable:
    return selectors.round_table_get(user=user, pk=round_table_id)


def _staff(user: StaffUser, pk: int | None, field: str) -> StaffUser | None:
    if pk is None:
        return None
    found = StaffUser.objects.filter(municipality_id=access.tenant_id(user), pk=pk).first()
    if found is None:
        raise InvalidField(field, _("Medarbejderen findes ikke."))
    return found


def _unit(user: StaffUser, pk: int | None, field: str) -> Unit | None:
    if pk is None:
        return None
    found = Unit.objects.filter(municipality_id=access.tenant_id(user), pk=pk).first()
    if found is None:
        raise InvalidField(field, _("Enheden findes ikke."))
    return found


@router.get("/round-tables", response={200: list[RoundTableOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_round_tables(request: HttpRequest, household_id: int | None = None) -> Any:
    """The round tables the caller may see, the latest first (``household_id``: one
    household's). The search is logged."""
    user = reader(request)
    selectors.require_view(user)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes={"household_id": [None, household_id]} if household_id else None,
        reason=LIST_REASON,
        channel=CHANNEL,
    )
    qs = selectors.round_table_list(user)
    if household_id is not None:
        qs = qs.filter(household_id=household_id)
    return qs.annotate(
        starts_at=F("appointment__starts_at"),
        ends_at=F("appointment__ends_at"),
        place=F("appointment__place"),
        status=F("appointment__status"),
    ).order_by("-appointment__starts_at", "-id")


@router.post(
    "/round-tables", response={201: RoundTableDetailOut, **errors(400, 401, 403, 404, 422)}
)
def create_round_table(request: HttpRequest, payload: RoundTableIn) -> Any:
    """Book a round table: an appointment of the kind round table with the caller taking part."""
    user = reader(request)
    access.require(user, access.ROUNDTABLE_EDIT)
    household = households_visible_to(user).filter(pk=payload.household_id).first()
    if household is None:
        raise InvalidField("household_id", _("Husstanden findes ikke."))
    person = None
    if payload.person_id is not None:
        person = household.members.filter(pk=payload.person_id).first()
        if person is None:
            raise InvalidField("person_id", _("Borgeren hører ikke til husstanden."))
    if timezone.is_naive(payload.starts_at) or timezone.is_naive(payload.ends_at):
        raise InvalidField("starts_at", _("Angiv tidspunkter med tidszone."))
    with audit.via(CHANNEL):
        round_table = services.round_table_create(
            actor=user,
            household=household,
            person=person,
            **payload.dict(exclude={"household_id", "person_id"}),
        )
    return Status(201, _detail(user, _round_table(user, round_table.pk)))


@router.get(
    "/round-tables/{round_table_id}",
    response={200: RoundTableDetailOut, **errors(401, 403, 404, 422)},
)
def get_round_table(request: HttpRequest, round_table_id: int) -> Any:
    user = reader(request)
    return _detail(user, _round_table(user, round_table_id))


@router.post(
    "/round-tables/{round_table_id}/participants",
    response={201: ParticipantOut, **errors(400, 401, 403, 404, 422)},
)
def add_round_table_participant(
    request: HttpRequest, round_table_id: int, payload: ParticipantIn
) -> Any:
    """A staff member (``user_id``, in ``unit_id``) or an outside actor (name, organisation,
    role)."""
    user = reader(request)
    round_table = _round_table(user, round_table_id)
    access.require(user, access.ROUNDTABLE_EDIT)
    with audit.via(CHANNEL):
        participant = services.participant_add(
            actor=user,
            round_table=round_table,
            user=_staff(user, payload.user_id, "user_id"),
            unit=_unit(user, payload.unit_id, "unit_id"),
            name=payload.name,
            organisation=payload.organisation,
            role=payload.role,
        )
    return Status(201, Participant.objects.select_related("user").get(pk=participant.pk))


@router.post(
    "/round-tables/{round_table_id}/agenda",
    response={201: AgendaItemOut, **errors(400, 401, 403, 404, 422)},
)
def add_round_table_agenda_item(
    request: HttpRequest, round_table_id: int, payload: AgendaItemIn
) -> Any:
    """The next item of the agenda."""
    user = reader(request)
    round_table = _round_table(user, round_table_id)
    access.require(user, access.ROUNDTABLE_EDIT)
    with audit.via(CHANNEL):
        item = services.agenda_item_add(actor=user, round_table=round_table, **payload.dict())
    return Status(201, item)


@router.post(
    "/round-tables/{round_table_id}/decisions",
    response={201: DecisionOut, **errors(400, 401, 403, 404, 422)},
)
def add_round_table_decision(request: HttpRequest, round_table_id: int, payload: DecisionIn) -> Any:
    """A decision on one of the agenda's items."""
    user = reader(request)
    round_table = _round_table(user, round_table_id)
    access.require(user, access.ROUNDTABLE_EDIT)
    item = AgendaItem.objects.filter(round_table=round_table, pk=payload.item_id).first()
    if item is None:
        raise InvalidField("item_id", _("Punktet findes ikke på dagsordenen."))
    with audit.via(CHANNEL):
        decision = services.decision_add(actor=user, item=item, text=payload.text)
    return Status(201, decision)


@router.post(
    "/round-tables/{round_table_id}/follow-ups",
    response={201: FollowUpOut, **errors(400, 401, 403, 404, 422)},
)
def add_round_table_follow_up(
    request: HttpRequest, round_table_id: int, payload: FollowUpIn
) -> Any:
    """A follow-up task for a staff member: on the owner's worklist when due soon."""
    user = reader(request)
    round_table = _round_table(user, round_table_id)
    access.require(user, access.ROUNDTABLE_EDIT)
    decision = None
    if payload.decision_id is not None:
        from velkomst.roundtables.models import Decision

        decision = Decision.objects.filter(
            item__round_table=round_table, pk=payload.decision_id
        ).first()
        if decision is None:
            raise InvalidField("decision_id", _("Beslutningen hører ikke til dette møde."))
    with audit.via(CHANNEL):
        followup = services.followup_add(
            actor=user,
            round_table=round_table,
            text=payload.text,
            owner=_staff(user, payload.owner_id, "owner_id"),
            unit=_unit(user, payload.unit_id, "unit_id"),
            deadline=payload.deadline,
            decision=decision,
        )
    return Status(201, _follow_up(followup, _today(user)))


@router.get("/follow-ups", response={200: list[FollowUpOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_my_follow_ups(request: HttpRequest) -> Any:
    """The caller's own open follow-up tasks, the earliest deadline first."""
    user = reader(request)
    selectors.require_view(user)
    today = _today(user)
    audit.log(actor=user, action=AuditAction.SEARCH, reason=LIST_REASON, channel=CHANNEL)
    return [_follow_up(f, today) for f in selectors.open_followups_of(user)]


@router.post("/follow-ups/{follow_up_id}/done", response={200: FollowUpOut, **WRITE})
def mark_follow_up_done(request: HttpRequest, follow_up_id: int, payload: FollowUpDoneIn) -> Any:
    """Mark a follow-up done today: its owner, or one who holds round tables."""
    user = reader(request)
    followup = selectors.followup_get(user=user, pk=follow_up_id)
    if followup.owner_id != user.pk and not selectors.can_edit(user):
        raise PermissionDenied("roundtable")
    with audit.via(CHANNEL):
        services.followup_done(actor=user, followup=followup, expected_version=payload.version)
    return _follow_up(followup, _today(user))


@router.post(
    "/round-tables/{round_table_id}/minutes-sent",
    response={201: MinutesSentOut, **errors(400, 401, 403, 404, 422)},
)
def record_minutes_sent(request: HttpRequest, round_table_id: int, payload: MinutesSentIn) -> Any:
    """Record that the minutes were sent to an outside participant or a unit; refused (422,
    field ``consent``) when the citizen's consent does not cover the share at this moment."""
    user = reader(request)
    round_table = _round_table(user, round_table_id)
    access.require(user, access.ROUNDTABLE_EDIT)
    participant = None
    if payload.participant_id is not None:
        participant = Participant.objects.filter(
            round_table=round_table, pk=payload.participant_id, user__isnull=True
        ).first()
        if participant is None:
            raise InvalidField("participant_id", _("Vælg en ekstern deltager i mødet."))
    with audit.via(CHANNEL):
        sent = services.minutes_send(
            actor=user,
            round_table=round_table,
            participant=participant,
            unit=_unit(user, payload.unit_id, "unit_id"),
        )
    return Status(201, sent)
