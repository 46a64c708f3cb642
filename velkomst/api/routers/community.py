"""/api/community/...: events with invitations and attendance (CIV-4), associations
(foreninger) with activities and free memberships (CIV-5), and participation over time with its
continuity and gender balance (CIV-5, CHI-4).

Reading needs ``community.view``; events and associations are written by ``community.edit`` (the
volunteer coordinator), invitations by ``community.invite`` and participation by
``participation.edit`` (checked by the selectors and services, as on the pages). Every object is
found within the caller's municipality (else 404), a person only among those the caller may
see; every person shown is logged as a ``view`` (SEC-3).
"""

from datetime import date, datetime, time
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.community import selectors, services
from velkomst.community.models import (
    AssociationActivityKind,
    CommunityEventKind,
    EventAttendance,
    InvitationChannel,
)
from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.housing.models import Area

from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset, LoggedPage
from ..schemas import Filters, Id, InputSchema, VersionedIn, _text, errors, not_sent
from . import CHANNEL

router = Router(tags=["community"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
CREATE = errors(400, 401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)

Text200 = Annotated[str, _text(200)]
Optional200 = Annotated[str, _text(200, 0)]
Note = Annotated[str, _text(2000, 0)]


# --- schemas ---------------------------------------------------------------------------------


class CommunityEventOut(Schema):
    id: int
    kind: CommunityEventKind
    title: str
    held_on: date
    starts_at: str = Field(description="local time of day, HH:MM")
    ends_at: str | None = Field(description="local time of day, HH:MM")
    place: str
    organiser: str
    association_id: int | None
    capacity: int | None
    area_id: int | None
    description: str
    version: int

    @staticmethod
    def resolve_starts_at(obj: Any) -> str:
        return str(obj.starts_at.strftime("%H:%M"))

    @staticmethod
    def resolve_ends_at(obj: Any) -> str | None:
        return obj.ends_at.strftime("%H:%M") if obj.ends_at else None


class CommunityInvitationOut(Schema):
    id: int
    event_id: int
    person_id: int
    invited_on: date
    language: str = Field(description="the invitation's and reminder's language (ISO 639-1)")
    channel: InvitationChannel
    address: str
    attendance: EventAttendance
    reminder_sent_at: datetime | None
    version: int


class CommunityEventDetailOut(CommunityEventOut):
    invitations: list[CommunityInvitationOut]

    @staticmethod
    def resolve_invitations(obj: Any) -> list[Any]:
        return list(obj.invitations_shown)


class CommunityEventIn(InputSchema):
    kind: CommunityEventKind
    title: Text200
    held_on: date
    starts_at: time
    ends_at: time | None = None
    place: Text200
    organiser: Text200
    association_id: Id | None = None
    capacity: Annotated[int, Field(ge=1, le=100000)] | None = None
    area_id: Id | None = Field(None, description="a dialogue meeting's housing area")
    description: Note = ""


class CommunityEventPatchIn(VersionedIn):
    kind: CommunityEventKind = not_sent()
    title: Text200 = not_sent()
    held_on: date = not_sent()
    starts_at: time = not_sent()
    ends_at: time | None = not_sent()
    place: Text200 = not_sent()
    organiser: Text200 = not_sent()
    capacity: Annotated[int, Field(ge=1, le=100000)] | None = not_sent()
    description: Note = not_sent()


class CommunityEventFilters(Filters):
    when: Annotated[str, Field(pattern="^(coming|past)?$")] = Field(
        "", description="coming or past; empty: all"
    )
    kind: CommunityEventKind | None = None


class CommunityInviteIn(InputSchema):
    person_ids: list[Id] = Field(min_length=1, max_length=500)
    channel: InvitationChannel = InvitationChannel.LETTER
    address: Optional200 = Field("", description="phone or e-mail for the reminder (one person)")
    language: Annotated[str, Field(max_length=8)] = Field(
        "", description="ISO 639 code; empty: the person's own language where a text exists"
    )


class CommunityInvitationPatchIn(VersionedIn):
    attendance: EventAttendance = not_sent()
    channel: InvitationChannel = not_sent()
    address: Optional200 = not_sent()


class CommunityActivityOut(Schema):
    id: int
    name: str
    kind: AssociationActivityKind
    for_children: bool


class CommunityAssociationOut(Schema):
    id: int
    name: str
    contact_name: str
    contact_email: str
    contact_phone: str
    area_id: int | None
    note: str
    version: int


class CommunityAssociationDetailOut(CommunityAssociationOut):
    activities: list[CommunityActivityOut]

    @staticmethod
    def resolve_activities(obj: Any) -> list[Any]:
        return list(obj.activities.all())


class CommunityAssociationIn(InputSchema):
    name: Text200
    contact_name: Annotated[str, _text(150, 0)] = ""
    contact_email: Annotated[str, _text(254, 0)] = ""
    contact_phone: Annotated[str, _text(30, 0)] = ""
    area_id: Id | None = None
    note: Note = ""


class CommunityActivityIn(InputSchema):
    name: Annotated[str, _text(150)]
    kind: AssociationActivityKind
    for_children: bool = False


class CommunityMembershipIn(InputSchema):
    person_id: Id
    starts_on: date
    ends_on: date = Field(description="at most six months after starts_on (configurable)")
    volunteering: Annotated[str, _text(300)]


class CommunityMembershipOut(Schema):
    id: int
    association_id: int
    person_id: int
    starts_on: date
    ends_on: date
    volunteering: str
    version: int


class CommunityParticipationOut(Schema):
    id: int
    person_id: int
    association_id: int
    activity_id: int | None
    started_on: date
    ended_on: date | None
    note: str
    version: int


class CommunityParticipationIn(InputSchema):
    person_id: Id
    association_id: Id
    activity_id: Id | None = None
    started_on: date
    ended_on: date | None = None
    note: Annotated[str, _text(300, 0)] = ""


class CommunityParticipationPatchIn(VersionedIn):
    ended_on: date | None = not_sent()
    note: Annotated[str, _text(300, 0)] = not_sent()


class CommunityParticipationFilters(Filters):
    person_id: Id | None = None
    association_id: Id | None = None


class CommunityMilestoneOut(Schema):
    months: int
    due: int = Field(description="persons whose first start is at least this many months ago")
    kept: int = Field(description="of those, still active this many months after it")


class CommunityGroupOut(Schema):
    group: str = Field(description="girls, boys, women, men, other or total")
    persons: int
    active: int
    milestones: list[CommunityMilestoneOut]


# --- helpers ---------------------------------------------------------------------------------


def _found(qs: Any, field: str, pk: int | None, message: str) -> Any:
    if pk is None:
        return None
    found = qs.filter(pk=pk).first()
    if found is None:
        raise InvalidField(field, message)
    return found


def _area(user: Any, pk: int | None) -> Any:
    return _found(
        Area.objects.filter(municipality_id=access.tenant_id(user)),
        "area_id",
        pk,
        _("Der er intet område med dette id."),
    )


def _association(user: Any, pk: int | None, field: str = "association_id") -> Any:
    return _found(
        selectors.associations_for(user), field, pk, _("Der er ingen forening med dette id.")
    )


def _person(user: Any, pk: int, field: str = "person_id") -> Any:
    from velkomst.people.selectors import persons_visible_to

    return _found(
        persons_visible_to(user, few=True), field, pk, _("Der er ingen person med dette id.")
    )


def _log(user: Any, rows: list[Any]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(row, row.person_id) for row in rows],
        channel=CHANNEL,
    )


def _group(row: Any) -> dict[str, Any]:
    return {
        "group": row.group,
        "persons": row.persons,
        "active": row.active,
        "milestones": [
            {"months": months, "due": m.due, "kept": m.kept} for months, m in row.milestones.items()
        ],
    }


# --- events ----------------------------------------------------------------------------------


@router.get("/community/events", response={200: list[CommunityEventOut], **LIST})
@paginate(LimitOffset)
def list_community_events(request: HttpRequest, filters: Query[CommunityEventFilters]) -> Any:
    """Events (no citizens' data; an event's own route lists its invitations)."""
    return selectors.events_list(reader(request), when=filters.when, kind=filters.kind or "")


@router.post("/community/events", response={201: CommunityEventOut, **CREATE})
def create_community_event(request: HttpRequest, payload: CommunityEventIn) -> Any:
    user = reader(request)
    access.require(user, access.COMMUNITY_EDIT)
    values = payload.dict(exclude={"area_id", "association_id"})
    values["area"] = _area(user, payload.area_id)
    values["association"] = _association(user, payload.association_id)
    with audit.via(CHANNEL):
        return Status(201, services.event_create(actor=user, **values))


@router.get(
    "/community/events/{community_event_id}", response={200: CommunityEventDetailOut, **READ}
)
def get_community_event(request: HttpRequest, community_event_id: int) -> Any:
    """An event with its invitations and attendance; a view is logged per person shown."""
    user = reader(request)
    event = selectors.event_get(user=user, pk=community_event_id)
    invitations = selectors.invitations_of(user=user, event=event)
    _log(user, invitations)
    event.invitations_shown = invitations  # type: ignore[attr-defined]
    return event


@router.patch("/community/events/{community_event_id}", response={200: CommunityEventOut, **WRITE})
def update_community_event(
    request: HttpRequest, community_event_id: int, payload: CommunityEventPatchIn
) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    event = selectors.event_get(user=user, pk=community_event_id)
    access.require(user, access.COMMUNITY_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.event_update(
            actor=user, event=event, expected_version=payload.version, **values
        )


@router.post(
    "/community/events/{community_event_id}/invitations",
    response={201: list[CommunityInvitationOut], **CREATE},
)
def invite_to_community_event(
    request: HttpRequest, community_event_id: int, payload: CommunityInviteIn
) -> Any:
    """Invite chosen persons, all or none; each in their own language where a text exists."""
    user = reader(request)
    event = selectors.event_get(user=user, pk=community_event_id)
    access.require(user, access.COMMUNITY_INVITE)
    persons = [_person(user, pk, "person_ids") for pk in dict.fromkeys(payload.person_ids)]
    with audit.via(CHANNEL):
        return Status(
            201,
            services.invite(
                actor=user,
                event=event,
                persons=persons,
                channel=payload.channel,
                address=payload.address,
                language=payload.language,
            ),
        )


@router.patch(
    "/community/invitations/{community_invitation_id}",
    response={200: CommunityInvitationOut, **WRITE},
)
def update_community_invitation(
    request: HttpRequest, community_invitation_id: int, payload: CommunityInvitationPatchIn
) -> Any:
    """Record attendance (the organiser) or change how the person is reached."""
    user = reader(request)
    invitation = selectors.invitation_get(user=user, pk=community_invitation_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.invitation_update(
            actor=user, invitation=invitation, expected_version=payload.version, **values
        )


# --- associations ----------------------------------------------------------------------------


@router.get("/community/associations", response={200: list[CommunityAssociationOut], **LIST})
@paginate(LimitOffset)
def list_community_associations(request: HttpRequest) -> Any:
    """Associations (foreninger), by name (no citizens' data)."""
    return selectors.associations_for(reader(request)).order_by("name", "id")


@router.post("/community/associations", response={201: CommunityAssociationOut, **CREATE})
def create_community_association(request: HttpRequest, payload: CommunityAssociationIn) -> Any:
    user = reader(request)
    access.require(user, access.COMMUNITY_EDIT)
    values = payload.dict(exclude={"area_id"})
    values["area"] = _area(user, payload.area_id)
    with audit.via(CHANNEL):
        return Status(201, services.association_create(actor=user, **values))


@router.get(
    "/community/associations/{community_association_id}",
    response={200: CommunityAssociationDetailOut, **READ},
)
def get_community_association(request: HttpRequest, community_association_id: int) -> Any:
    return selectors.association_get(user=reader(request), pk=community_association_id)


@router.post(
    "/community/associations/{community_association_id}/activities",
    response={201: CommunityActivityOut, **CREATE},
)
def create_community_activity(
    request: HttpRequest, community_association_id: int, payload: CommunityActivityIn
) -> Any:
    user = reader(request)
    association = selectors.association_get(user=user, pk=community_association_id)
    with audit.via(CHANNEL):
        return Status(
            201,
            services.activity_create(actor=user, association=association, **payload.dict()),
        )


@router.post(
    "/community/associations/{community_association_id}/free-memberships",
    response={201: CommunityMembershipOut, **CREATE},
)
def create_free_membership(
    request: HttpRequest, community_association_id: int, payload: CommunityMembershipIn
) -> Any:
    """Free membership in return for volunteering; longer than six months is a 422 on
    ``ends_on``."""
    user = reader(request)
    association = selectors.association_get(user=user, pk=community_association_id)
    person = _person(user, payload.person_id)
    with audit.via(CHANNEL):
        return Status(
            201,
            services.free_membership_create(
                actor=user,
                association=association,
                person=person,
                **payload.dict(exclude={"person_id"}),
            ),
        )


# --- participation ---------------------------------------------------------------------------


@router.get("/community/participations", response={200: list[CommunityParticipationOut], **LIST})
@paginate(LimitOffset)
def list_participations(request: HttpRequest, filters: Query[CommunityParticipationFilters]) -> Any:
    """Participation in associations over time; a view is logged per person on the page."""
    user = reader(request)
    qs = selectors.participations_for(user).order_by("-started_on", "-id")
    if filters.person_id is not None:
        qs = qs.filter(person_id=filters.person_id)
    if filters.association_id is not None:
        qs = qs.filter(association_id=filters.association_id)
    return LoggedPage(qs, lambda rows: _log(user, rows))


@router.post("/community/participations", response={201: CommunityParticipationOut, **CREATE})
def create_participation(request: HttpRequest, payload: CommunityParticipationIn) -> Any:
    user = reader(request)
    access.require(user, access.PARTICIPATION_EDIT)
    person = _person(user, payload.person_id)
    association = _association(user, payload.association_id)
    activity = None
    if payload.activity_id is not None:
        activity = _found(
            association.activities.all(),
            "activity_id",
            payload.activity_id,
            _("Aktiviteten hører ikke til foreningen."),
        )
    with audit.via(CHANNEL):
        return Status(
            201,
            services.participation_create(
                actor=user,
                person=person,
                association=association,
                activity=activity,
                started_on=payload.started_on,
                ended_on=payload.ended_on,
                note=payload.note,
            ),
        )


@router.patch(
    "/community/participations/{community_participation_id}",
    response={200: CommunityParticipationOut, **WRITE},
)
def update_participation(
    request: HttpRequest, community_participation_id: int, payload: CommunityParticipationPatchIn
) -> Any:
    """End a participation (``ended_on``) or change its note."""
    user = reader(request)
    participation = selectors.participation_get(user=user, pk=community_participation_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.participation_update(
            actor=user, participation=participation, expected_version=payload.version, **values
        )


@router.get("/community/participation-counts", response={200: list[CommunityGroupOut], **READ})
def participation_counts(request: HttpRequest, association_id: int | None = None) -> Any:
    """Persons, active today and still active after 3 and 6 months, by girls, boys, women,
    men and others, and in total (no person named)."""
    user = reader(request)
    association = None
    if association_id is not None:
        association = selectors.association_get(user=user, pk=association_id)
    counts = selectors.participation_counts(user, association=association)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes={"association_id": [None, association_id]} if association_id else None,
        reason="Deltagelse i foreninger",
        channel=CHANNEL,
    )
    return [_group(row) for row in counts.groups] + [_group(counts.total)]
