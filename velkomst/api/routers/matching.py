"""/api/matching: the ranked persons for an opening and openings for a person, and batch
matching runs (PRG-4). Reading needs ``company.view``, starting a run ``company.edit`` (checked
by the selectors and services, as on the pages); persons only if the caller sees them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from velkomst.core import audit
from velkomst.core.models import AuditAction
from velkomst.engines import matching as engine
from velkomst.matching import runs, selectors
from velkomst.matching.models import MatchingRun

from ..auth import reader
from ..matching_schemas import (
    MatchingRunOut,
    MatchingSuggestionOut,
    OpeningMatchOut,
    PersonMatchOut,
)
from ..pagination import LimitOffset, LoggedPage
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["matching"])

READ = errors(401, 403, 404, 422)


class LoggedList:
    """A computed list for ``paginate`` that hands the page it returns to ``log``."""

    def __init__(self, rows: list[Any], log: Callable[[list[Any]], None]) -> None:
        self.rows, self.log = rows, log

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, page: slice) -> list[Any]:
        rows = self.rows[page]
        self.log(rows)
        return rows


def _reason_data(match: engine.Match) -> list[dict[str, Any]]:
    return [engine.reason_data(r) for r in match.reasons]


@router.get("/matching/openings/{opening_id}/persons", response={200: list[PersonMatchOut], **READ})
@paginate(LimitOffset)
def rank_persons(request: HttpRequest, opening_id: int, show_all: bool = False) -> Any:
    """The persons the caller sees, ranked for the opening (eligible ones only unless
    ``show_all``), with the reasons in the caller's language; a view per person returned."""
    user = reader(request)
    opening = selectors.opening_get(user, opening_id)
    ranked = selectors.rank_for_opening(user, opening)
    rows = [
        {
            "person_id": r.match.seeker_id,
            "name": r.person.full_name if r.person else "",
            "score": r.match.score,
            "eligible": r.match.eligible,
            "reasons": r.reasons,
            "reason_data": _reason_data(r.match),
        }
        for r in ranked.rows
        if show_all or r.match.eligible
    ]

    def log(page: list[dict[str, Any]]) -> None:
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(opening, row["person_id"]) for row in page],
            reason="matching: persons for an opening",
            channel=CHANNEL,
        )

    return LoggedList(rows, log)


@router.get("/matching/persons/{person_id}/openings", response={200: list[OpeningMatchOut], **READ})
@paginate(LimitOffset)
def rank_openings(request: HttpRequest, person_id: int, show_all: bool = False) -> Any:
    """The open openings ranked for the person (eligible ones only unless ``show_all``)."""
    user = reader(request)
    person = selectors.person_get(user, person_id)
    ranked = selectors.rank_for_person(user, person)
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(person, person.pk)],
        reason="matching: openings for a person",
        channel=CHANNEL,
    )
    return [
        {
            "opening_id": r.match.opening_id,
            "title": r.opening.title if r.opening else "",
            "company": r.opening.company.name if r.opening else "",
            "score": r.match.score,
            "eligible": r.match.eligible,
            "reasons": r.reasons,
            "reason_data": _reason_data(r.match),
        }
        for r in ranked.rows
        if show_all or r.match.eligible
    ]


@router.get("/matching-runs", response={200: list[MatchingRunOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_matching_runs(request: HttpRequest) -> Any:
    """The municipality's batch matching runs, newest first (counts only, no persons named)."""
    return selectors.runs_for(reader(request)).order_by("-created_at", "-id")


@router.post("/matching-runs", response={202: MatchingRunOut, **errors(400, 401, 403, 422)})
def start_matching_run(request: HttpRequest) -> Any:
    """Queue a batch run over the open openings and the persons the caller sees; it works in
    the background: read its progress at /matching-runs/{matching_run_id}. No open opening is a 422."""
    user = reader(request)
    with audit.via(CHANNEL):
        run = runs.run_start(acting_user=user)
    return Status(202, MatchingRun.objects.get(pk=run.pk))


@router.get("/matching-runs/{matching_run_id}", response={200: MatchingRunOut, **READ})
def get_matching_run(request: HttpRequest, matching_run_id: int) -> Any:
    """The run's status, stage and progress; objective, bound and greedy figures when done."""
    return selectors.run_get(reader(request), matching_run_id)


@router.get(
    "/matching-runs/{matching_run_id}/suggestions",
    response={200: list[MatchingSuggestionOut], **READ},
)
@paginate(LimitOffset)
def list_matching_suggestions(request: HttpRequest, matching_run_id: int) -> Any:
    """The run's suggestions of persons the caller sees, with reasons in the caller's
    language; a view per person shown (SEC-3)."""
    user = reader(request)
    run = selectors.run_get(user, matching_run_id)

    def log(rows: list[Any]) -> None:
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(s, s.person_id) for s in rows],
            reason="matching run suggestions",
            channel=CHANNEL,
        )

    return LoggedPage(selectors.suggestions_of(user, run), log)
