"""/api/retention: retention and erasure (SEC-4), the administrator's (``retention.manage``).

The rules in force and their versions (a new version with its effective date), the legal holds
(place, lift), the runs (read with counts per record kind, rule and action; request a dry run;
approve one). Kinds, ids, rules and counts only: no citizen's data, so no read is logged."""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from velkomst.core import access, audit
from velkomst.retention import selectors, services
from velkomst.retention.models import (
    LegalHold,
    RecordKind,
    RetentionAction,
    RetentionEvent,
    Run,
    RunState,
)

from ..auth import acting_user
from ..pagination import LimitOffset
from ..schemas import Id, InputSchema, Reason, _text, errors

router = Router(tags=["retention"])

CHANNEL = "api"
LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 422)
CREATE = errors(400, 401, 403, 422)


class RetentionRuleOut(Schema):
    kind: RecordKind
    months: int
    event: RetentionEvent
    action: RetentionAction
    handled: bool = Field(description="false: the record kind is not in Velkomst yet")


class RetentionRulesOut(Schema):
    effective_from: date | None = Field(description="null: the preset (everything kept)")
    deletes_nothing: bool
    rules: list[RetentionRuleOut]


class RetentionRuleSetOut(Schema):
    id: int
    effective_from: date
    note: str
    created_at: datetime
    rules: list[RetentionRuleOut]


class RetentionRuleIn(InputSchema):
    kind: RecordKind
    months: Annotated[int, Field(ge=-100_000, le=100_000)] = Field(
        description="months of retention; never negative (422 naming <kind>-months)"
    )
    event: RetentionEvent
    action: RetentionAction


class RetentionRuleSetIn(InputSchema):
    effective_from: date
    note: Annotated[str, _text(200, 0)] = ""
    rules: list[RetentionRuleIn] = Field(description="one rule for each record kind")


class RetentionHoldOut(Schema):
    id: int
    person_id: int | None
    case_id: int | None
    reason: str
    placed_at: datetime
    placed_by: str
    lifted_at: datetime | None
    lifted_by: str | None
    lift_reason: str


class RetentionHoldIn(InputSchema):
    person_id: Id | None = None
    case_id: Id | None = None
    reason: Reason


class RetentionLiftIn(InputSchema):
    reason: Reason


class RetentionCountOut(Schema):
    kind: str
    rule: str
    action: str
    planned: int
    done: int


class RetentionRunOut(Schema):
    id: int
    as_of: date
    state: RunState
    rule_set_id: int | None
    requested_at: datetime
    approved_at: datetime | None
    approved_by: str | None
    finished_at: datetime | None
    progress_done: int
    progress_total: int
    batches_done: int
    counts: list[RetentionCountOut]


def _admin(request: HttpRequest) -> Any:
    user = acting_user(request)
    access.require(user, access.RETENTION_MANAGE)
    return user


def _rule(kind: str, months: int, event: str, action: str) -> dict[str, Any]:
    from velkomst.retention import kinds

    return {
        "kind": kind,
        "months": months,
        "event": event,
        "action": action,
        "handled": kinds.handled(kind),
    }


def _name(user: Any) -> str | None:
    return None if user is None else user.get_full_name() or user.username


def _hold(hold: LegalHold) -> dict[str, Any]:
    return {
        "id": hold.pk,
        "person_id": hold.person_id,
        "case_id": hold.case_id,
        "reason": hold.reason,
        "placed_at": hold.placed_at,
        "placed_by": _name(hold.placed_by),
        "lifted_at": hold.lifted_at,
        "lifted_by": _name(hold.lifted_by),
        "lift_reason": hold.lift_reason,
    }


def _run(run: Run) -> dict[str, Any]:
    return {
        "id": run.pk,
        "as_of": run.as_of,
        "state": run.state,
        "rule_set_id": run.rule_set_id,
        "requested_at": run.requested_at,
        "approved_at": run.approved_at,
        "approved_by": _name(run.approved_by),
        "finished_at": run.finished_at,
        "progress_done": run.progress_done,
        "progress_total": run.progress_total,
        "batches_done": run.batches_done,
        "counts": [
            {
                "kind": row.kind_label,
                "rule": row.rule,
                "action": row.action_label,
                "planned": row.planned,
                "done": row.done,
            }
            for row in selectors.counts(run)
        ],
    }


@router.get("/retention/rules", response={200: RetentionRulesOut, **LIST})
def rules_in_force(request: HttpRequest) -> dict[str, Any]:
    """The rules in force today (the preset keeps everything)."""
    state = selectors.rules_state(_admin(request))
    return {
        "effective_from": state.current.effective_from if state.current else None,
        "deletes_nothing": state.deletes_nothing,
        "rules": [_rule(r.kind, r.months, r.event, r.action) for r in state.rows],
    }


@router.get("/retention/rule-sets", response={200: list[RetentionRuleSetOut], **LIST})
@paginate(LimitOffset)
def rule_sets(request: HttpRequest) -> list[dict[str, Any]]:
    """Every version of the rules, newest effective date first."""
    state = selectors.rules_state(_admin(request))
    return [
        {
            "id": v.pk,
            "effective_from": v.effective_from,
            "note": v.note,
            "created_at": v.created_at,
            "rules": [_rule(r.kind, r.months, r.event, r.action) for r in v.rules.all()],
        }
        for v in state.versions
    ]


@router.post("/retention/rule-sets", response={201: RetentionRuleSetOut, **CREATE})
def rule_set_create(request: HttpRequest, payload: RetentionRuleSetIn) -> Any:
    """A new version of the rules from ``effective_from``: one rule per record kind."""
    user = _admin(request)
    with audit.via(CHANNEL):
        version = services.rule_set_create(
            acting_user=user,
            effective_from=payload.effective_from,
            note=payload.note,
            values={
                r.kind: {"months": r.months, "event": r.event, "action": r.action}
                for r in payload.rules
            },
        )
    return Status(
        201,
        {
            "id": version.pk,
            "effective_from": version.effective_from,
            "note": version.note,
            "created_at": version.created_at,
            "rules": [_rule(r.kind, r.months, r.event, r.action) for r in version.rules.all()],
        },
    )


@router.get("/retention/holds", response={200: list[RetentionHoldOut], **LIST})
@paginate(LimitOffset)
def holds(request: HttpRequest) -> list[dict[str, Any]]:
    return [_hold(h) for h in selectors.holds(_admin(request))]


@router.post("/retention/holds", response={201: RetentionHoldOut, **CREATE})
def hold_place(request: HttpRequest, payload: RetentionHoldIn) -> Any:
    """A legal hold on a person or a case (one of them): nothing of it is erased meanwhile."""
    user = _admin(request)
    with audit.via(CHANNEL):
        hold = services.hold_place(
            acting_user=user,
            person_id=payload.person_id,
            case_id=payload.case_id,
            reason=payload.reason,
        )
    return Status(201, _hold(selectors.hold_get(user, hold.pk)))


@router.post("/retention/holds/{legal_hold_id}/lift", response={200: RetentionHoldOut, **WRITE})
def hold_lift(request: HttpRequest, legal_hold_id: Id, payload: RetentionLiftIn) -> dict[str, Any]:
    user = _admin(request)
    selectors.hold_get(user, legal_hold_id)
    with audit.via(CHANNEL):
        services.hold_lift(acting_user=user, hold_id=legal_hold_id, reason=payload.reason)
    return _hold(selectors.hold_get(user, legal_hold_id))


@router.get("/retention/runs", response={200: list[RetentionRunOut], **LIST})
@paginate(LimitOffset)
def runs(request: HttpRequest) -> list[dict[str, Any]]:
    """The runs, newest first, with their counts per record kind, rule and action."""
    return [_run(r) for r in selectors.runs(_admin(request))]


@router.post("/retention/runs", response={201: RetentionRunOut, **CREATE})
def run_create(request: HttpRequest) -> Any:
    """Request a dry run (or get the run still open): what the rules in force make due today."""
    user = _admin(request)
    with audit.via(CHANNEL):
        run = services.request_dry_run(acting_user=user, municipality_id=access.tenant_id(user))
    return Status(201, _run(selectors.run_get(user, run.pk)))


@router.get("/retention/runs/{retention_run_id}", response={200: RetentionRunOut, **READ})
def run_read(request: HttpRequest, retention_run_id: Id) -> dict[str, Any]:
    return _run(selectors.run_get(_admin(request), retention_run_id))


@router.post("/retention/runs/{retention_run_id}/approve", response={200: RetentionRunOut, **WRITE})
def run_approve(request: HttpRequest, retention_run_id: Id) -> dict[str, Any]:
    """Approve a dry run waiting for approval (422 otherwise): it is done in batches."""
    user = _admin(request)
    selectors.run_get(user, retention_run_id)
    try:
        with audit.via(CHANNEL):
            services.approve(acting_user=user, run_id=retention_run_id)
    except Run.DoesNotExist as missing:
        raise HttpError(404, "Not found.") from missing
    return _run(selectors.run_get(user, retention_run_id))
