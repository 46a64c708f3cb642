"""/api/associations (with their move-out counts), /api/allocation-meetings and their lines
(HOU-5). Reading needs ``housing.view``, writing ``housing.edit`` (as on the pages); a meeting's
list names households, so each member shown is logged."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from velkomst.associations import selectors, services
from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.housing import selectors as housing_selectors

from .. import selectors as api_selectors
from ..auth import reader
from ..errors import InvalidField
from ..housing_schemas import (
    AssociationDetailOut,
    AssociationOut,
    LineMoveIn,
    LineOut,
    LineOutcomeIn,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPatchIn,
    MoveOutsIn,
)
from ..pagination import LimitOffset
from ..schemas import VersionedIn, errors
from . import CHANNEL

router = Router(tags=["associations"])

READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


@router.get("/associations", response={200: list[AssociationOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_associations(request: HttpRequest) -> Any:
    return selectors.associations_for(reader(request))


def _with_move_outs(association: Any) -> Any:
    association.move_outs_shown = list(api_selectors.move_outs_of(association))
    return association


@router.get("/associations/{association_id}", response={200: AssociationDetailOut, **READ})
def get_association(request: HttpRequest, association_id: int) -> Any:
    """An association with its move-outs per month, oldest first (the distribution key's basis)."""
    return _with_move_outs(selectors.association_get(user=reader(request), pk=association_id))


@router.put(
    "/associations/{association_id}/move-outs", response={200: AssociationDetailOut, **WRITE}
)
def save_move_outs(request: HttpRequest, association_id: int, payload: MoveOutsIn) -> Any:
    """Record the association's move-outs for some months, all or nothing (HOU-5): a month it
    had none of is created (``version`` 0), a known one changed if ``version`` is the one read
    (else 409); an error names the month (``YYYY-MM``). One audit row per month written."""
    user = reader(request)
    association = selectors.association_get(user=user, pk=association_id)
    entries = [
        services.MoveOutEntry(
            period=entry.period, move_outs=entry.move_outs, expected_version=entry.version
        )
        for entry in payload.entries
    ]
    with audit.via(CHANNEL):
        services.move_outs_save(acting_user=user, association=association, entries=entries)
    return _with_move_outs(association)


@router.get("/allocation-meetings", response={200: list[MeetingOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_allocation_meetings(request: HttpRequest) -> Any:
    return selectors.meetings_for(reader(request))


@router.post("/allocation-meetings", response={201: MeetingOut, **errors(400, 401, 403, 422)})
def create_allocation_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    """Draft the month's allocation meeting: the distribution key and the list of the month's
    unhoused households dealt out by it are computed (HOU-5); audited. Read the list at
    /allocation-meetings/{meeting_id}."""
    user = reader(request)
    with audit.via(CHANNEL):
        meeting = services.meeting_draft(
            acting_user=user,
            month=payload.month,
            meeting_date=payload.meeting_date,
            note=payload.note,
            key_months=payload.key_months,
        )
    return Status(201, meeting)


@router.get("/allocation-meetings/{meeting_id}", response={200: MeetingDetailOut, **READ})
def get_allocation_meeting(request: HttpRequest, meeting_id: int) -> Any:
    """The meeting with its list: each line's association (and the one the key gave), household
    and outcome; a view per member of each household (SEC-3)."""
    user = reader(request)
    meeting = selectors.meeting_get(user=user, pk=meeting_id)
    meeting.lines_shown = lines = list(api_selectors.lines_of(meeting))  # type: ignore[attr-defined]
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(line, m.pk) for line in lines for m in line.household.members.all()],
        reason="allocation meeting",
        channel=CHANNEL,
    )
    return meeting


@router.patch("/allocation-meetings/{meeting_id}", response={200: MeetingOut, **WRITE})
def update_allocation_meeting(
    request: HttpRequest, meeting_id: int, payload: MeetingPatchIn
) -> Any:
    """Change the meeting's date, note and status (draft → held, as on the page); ``version``
    must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    meeting = selectors.meeting_get(user=user, pk=meeting_id)
    with audit.via(CHANNEL):
        return services.meeting_update(
            acting_user=user,
            meeting=meeting,
            expected_version=payload.version,
            meeting_date=payload.meeting_date,
            status=payload.status,
            note=payload.note,
        )


@router.post("/allocation-lines/{line_id}/move", response={200: LineOut, **WRITE})
def move_allocation_line(request: HttpRequest, line_id: int, payload: LineMoveIn) -> Any:
    """Move the line's household to another association before the meeting (a deviation from
    the key, shown as such); audited per member."""
    user = reader(request)
    line = selectors.line_get(user=user, pk=line_id)
    access.require(user, access.HOUSING_EDIT)  # before the association is looked up
    association = selectors.associations_for(user).filter(pk=payload.association_id).first()
    if association is None:
        raise InvalidField("association_id", _("Der er ingen boligforening med dette id."))
    with audit.via(CHANNEL):
        return services.line_move(
            acting_user=user,
            line=line,
            association=association,
            expected_version=payload.version,
            note=payload.note,
        )


@router.post("/allocation-lines/{line_id}/outcome", response={200: LineOut, **WRITE})
def record_allocation_outcome(request: HttpRequest, line_id: int, payload: LineOutcomeIn) -> Any:
    """Record what came of the household's allocation; accepted with a dwelling and a move-in
    day places the household there (HOU-4); audited per member."""
    user = reader(request)
    line = selectors.line_get(user=user, pk=line_id)
    access.require(user, access.HOUSING_EDIT)  # before the dwelling is looked up
    dwelling = None
    if payload.dwelling_id is not None:
        dwelling = housing_selectors.dwellings_for(user).filter(pk=payload.dwelling_id).first()
        if dwelling is None:
            raise InvalidField("dwelling_id", _("Der er ingen bolig med dette id."))
    with audit.via(CHANNEL):
        return services.line_record_outcome(
            acting_user=user,
            line=line,
            outcome=payload.outcome,
            expected_version=payload.version,
            dwelling=dwelling,
            start_date=payload.start_date,
            note=payload.note,
        )


@router.post("/allocation-meetings/{meeting_id}/recompute", response={200: MeetingOut, **WRITE})
def recompute_allocation_meeting(
    request: HttpRequest, meeting_id: int, payload: VersionedIn
) -> Any:
    """Compute a draft meeting's key and list again (after move-outs were corrected or new
    households got a need); moves made by hand are undone; refused (422) once the meeting is
    held or an outcome is recorded. ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    meeting = selectors.meeting_get(user=user, pk=meeting_id)
    with audit.via(CHANNEL):
        return services.meeting_recompute(
            acting_user=user, meeting=meeting, expected_version=payload.version
        )
