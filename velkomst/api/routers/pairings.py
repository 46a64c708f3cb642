"""/api/volunteer-matches and /api/households/{id}/volunteer-suggestions: matching volunteers'
offers and households (CIV-2, CIV-3). Reading needs ``pairing.view``, proposing and every step
``pairing.edit``; households through the caller's visibility, so another municipality's household
or match is a 404. Suggestions are computed at the moment asked, only for a household whose
consent covers contact by a volunteer; a proposal re-checks consent and the child rule and is
refused (422, naming ``consent`` or ``offer``) when they say no. Every read and write is audited
per household member."""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.engines import volunteer_matching as engine
from velkomst.pairings import selectors, services
from velkomst.pairings.models import Match, MatchEndReason, MatchSide, MatchState
from velkomst.pairings.views import reasons_in_words
from velkomst.volunteers.models import Offer

from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset
from ..schemas import errors
from . import CHANNEL
from .volunteers import VolunteerOfferKind

router = Router(tags=["volunteer matching"])

WRITE = errors(400, 401, 403, 404, 409, 422)


class PairingReasonOut(Schema):
    code: str = Field(description="the reason's code (engines/volunteer_matching.TEXTS)")
    params: dict[str, Any]
    points: float
    text: str = Field(description="the reason in words, in the request's language")


class PairingSuggestionOut(Schema):
    offer_id: int
    volunteer_id: int
    volunteer_name: str
    kind: VolunteerOfferKind
    score: float
    reasons: list[PairingReasonOut]


class PairingSuggestionsOut(Schema):
    household_id: int
    consent: bool = Field(description="the household's consent covers contact by a volunteer now")
    suggestions: list[PairingSuggestionOut]


class PairingMatchOut(Schema):
    id: int
    household_id: int
    offer_id: int
    volunteer_id: int
    kind: VolunteerOfferKind
    state: MatchState
    score: float
    proposed_on: date
    household_accepted_on: date | None
    volunteer_accepted_on: date | None
    accepted_on: date | None
    declined_on: date | None
    declined_by: MatchSide | Literal[""]
    decline_reason: str
    first_meeting_on: date | None
    followed_up_on: date | None
    ended_on: date | None
    end_reason: MatchEndReason | Literal[""]
    end_note: str
    version: int

    @staticmethod
    def resolve_volunteer_id(obj: Any) -> int:
        return int(obj.offer.volunteer_id)

    @staticmethod
    def resolve_kind(obj: Any) -> str:
        return str(obj.offer.kind)


class PairingMatchFilters(Schema):
    state: MatchState | Literal["active", ""] = ""


class PairingProposeIn(Schema):
    household_id: int
    offer_id: int


class PairingStepIn(Schema):
    action: Literal["accept", "decline", "first_meeting", "follow_up", "end"]
    version: int
    side: MatchSide | None = None
    reason: str = Field("", max_length=2000, description="why declined (decline)")
    held_on: date | None = Field(None, description="the first meeting's day (first_meeting)")
    end_reason: MatchEndReason | None = None
    note: str = Field("", max_length=2000)


def _reasons(reasons: tuple[engine.Reason, ...]) -> list[dict[str, Any]]:
    texts = reasons_in_words(list(reasons))
    return [{**engine.reason_data(r), "text": text} for r, text in zip(reasons, texts, strict=True)]


@router.get(
    "/households/{household_id}/volunteer-suggestions",
    response={200: PairingSuggestionsOut, **errors(401, 403, 404, 422)},
)
def list_volunteer_suggestions(request: HttpRequest, household_id: int, limit: int = 10) -> Any:
    """The household's best offers now, with their reasons (none without consent)."""
    user = reader(request)
    household = selectors.household_get(user=user, pk=household_id)
    with audit.via(CHANNEL):
        found = selectors.suggestions(user=user, household=household, limit=max(1, min(limit, 50)))
    return {
        "household_id": household.pk,
        "consent": found.household.consent,
        "suggestions": [
            {
                "offer_id": row.offer.pk,
                "volunteer_id": row.offer.volunteer_id,
                "volunteer_name": row.offer.volunteer.name,
                "kind": row.offer.kind,
                "score": row.suggestion.score,
                "reasons": _reasons(row.suggestion.reasons),
            }
            for row in found.rows
        ],
    }


@router.get("/volunteer-matches", response={200: list[PairingMatchOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_volunteer_matches(request: HttpRequest, filters: Query[PairingMatchFilters]) -> Any:
    """The matches of the households the caller sees (``state``: one state, or ``active``)."""
    user = reader(request)
    access.require(user, access.PAIRING_VIEW)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes={"state": [None, filters.state]} if filters.state else None,
        reason="Frivilligmatch",
        channel=CHANNEL,
    )
    return selectors.match_list(user=user, state=filters.state)


def _read(user: Any, match: Match) -> Match:
    audit.log_read(actor=user, obj=match, persons=match.household.members.all(), channel=CHANNEL)
    return match


@router.get(
    "/volunteer-matches/{match_id}", response={200: PairingMatchOut, **errors(401, 403, 404, 422)}
)
def get_volunteer_match(request: HttpRequest, match_id: int) -> Any:
    user = reader(request)
    return _read(user, selectors.match_get(user=user, pk=match_id))


@router.post("/volunteer-matches", response={201: PairingMatchOut, **WRITE})
def create_volunteer_match(request: HttpRequest, payload: PairingProposeIn) -> Any:
    """Propose the offer to the household: consent and the child rule are checked now."""
    user = reader(request)
    access.require(user, access.PAIRING_EDIT)
    household = selectors.household_get(user=user, pk=payload.household_id)
    offer = (
        Offer.objects.filter(municipality_id=access.tenant_id(user), pk=payload.offer_id)
        .select_related("volunteer")
        .first()
    )
    if offer is None:
        raise InvalidField("offer_id", _("Tilbuddet findes ikke."))
    with audit.via(CHANNEL):
        match = services.match_propose(actor=user, household=household, offer=offer)
    return Status(201, selectors.match_get(user=user, pk=match.pk))


@router.post("/volunteer-matches/{match_id}/steps", response={200: PairingMatchOut, **WRITE})
def step_volunteer_match(request: HttpRequest, match_id: int, payload: PairingStepIn) -> Any:
    """Move the match on: ``accept`` or ``decline`` (with ``side``; a decline with ``reason``),
    ``first_meeting`` (``held_on``), ``follow_up`` (ongoing) or ``end`` (``end_reason``)."""
    user = reader(request)
    match = selectors.match_get(user=user, pk=match_id)
    access.require(user, access.PAIRING_EDIT)
    version = payload.version
    with audit.via(CHANNEL):
        if payload.action in ("accept", "decline") and payload.side is None:
            raise InvalidField("side", _("Vælg hvem der svarer."))
        if payload.action == "accept":
            services.match_accept(
                actor=user, match=match, side=str(payload.side), expected_version=version
            )
        elif payload.action == "decline":
            services.match_decline(
                actor=user,
                match=match,
                side=str(payload.side),
                reason=payload.reason,
                expected_version=version,
            )
        elif payload.action == "first_meeting":
            if payload.held_on is None:
                raise InvalidField("held_on", _("Angiv datoen for det første møde."))
            services.match_first_meeting(
                actor=user, match=match, held_on=payload.held_on, expected_version=version
            )
        elif payload.action == "follow_up":
            services.match_follow_up(actor=user, match=match, expected_version=version)
        else:
            services.match_end(
                actor=user,
                match=match,
                reason=str(payload.end_reason or ""),
                note=payload.note,
                expected_version=version,
            )
    return selectors.match_get(user=user, pk=match_id)
