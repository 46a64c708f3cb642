"""/api/associations (with their move-out counts) and /api/allocation-meetings (HOU-5). Reading
needs ``housing.view``; a meeting's list names households, so each member shown is logged."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from velkomst.associations import selectors
from velkomst.core import audit
from velkomst.core.models import AuditAction

from .. import selectors as api_selectors
from ..auth import reader
from ..housing_schemas import AssociationDetailOut, AssociationOut, MeetingDetailOut, MeetingOut
from ..pagination import LimitOffset
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["associations"])

READ = errors(401, 403, 404, 422)


@router.get("/associations", response={200: list[AssociationOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_associations(request: HttpRequest) -> Any:
    return selectors.associations_for(reader(request))


@router.get("/associations/{association_id}", response={200: AssociationDetailOut, **READ})
def get_association(request: HttpRequest, association_id: int) -> Any:
    """An association with its move-outs per month, oldest first (the distribution key's basis)."""
    association = selectors.association_get(user=reader(request), pk=association_id)
    association.move_outs_shown = list(api_selectors.move_outs_of(association))  # type: ignore[attr-defined]
    return association


@router.get("/allocation-meetings", response={200: list[MeetingOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_allocation_meetings(request: HttpRequest) -> Any:
    return selectors.meetings_for(reader(request))


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
