"""/api/national/...: national distribution (NAT-1, NAT-2) for the immigration service's
national user only (``national.view``; the decision ``national.manage``). Reference tables, quota
plans with every step, trained models with their cards, assignment runs, their suggestions and
the case officer's decision on one. Every municipality's staff get 403 here, as the national
user does on every municipality route. No citizen's data: households are anonymous references."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from velkomst.core import access
from velkomst.national import selectors, services

from ..auth import acting_user
from ..pagination import LimitOffset
from ..schemas import Id, InputSchema, Reason, errors

router = Router(tags=["national distribution"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


def _viewer(request: HttpRequest) -> Any:
    user = acting_user(request)
    access.require(user, access.NATIONAL_VIEW)
    return user


class NationalTableOut(Schema):
    id: int
    year: int
    label: str
    is_demo: bool = Field(description="synthetic demo figures, not real municipalities'")
    groups: list[str]
    uploaded_at: datetime
    municipalities: int


class NationalRowOut(Schema):
    municipality_code: str
    region: str
    population: int
    nonwestern_stock: int
    reunified_last_year: int
    reunified_living: int
    local_employment_rate: float
    treatment_services: bool
    quota_households: int
    stock: dict[str, int]


class NationalTableDetailOut(NationalTableOut):
    rows: list[NationalRowOut]


class QuotaPlanOut(Schema):
    id: int
    table_id: int
    is_demo: bool
    landstal: int
    reunified_total: int
    quota: dict[str, int]
    computed_at: datetime
    version: int


class QuotaPlanDetailOut(QuotaPlanOut):
    steps: dict[str, Any] = Field(
        description="every step of § 4 per municipality: population_share, nonwestern_share, "
        "share, multiplied, after_reunified, rounds (negatives to 0 and reallocation), exact, "
        "quota, rounded_up"
    )
    agreements: list[dict[str, Any]]
    revisions: list[dict[str, Any]]


class NationalModelOut(Schema):
    id: int
    source: str
    source_name: str
    table_id: int
    is_demo: bool
    trained_at: datetime
    card: dict[str, Any] = Field(
        description="the model card: data period, features, metrics (AUC, Brier, reliability, "
        "calibration by sex, age band and group) and known limits"
    )


class AssignmentRunOut(Schema):
    id: int
    batch_id: int
    plan_id: int
    model_id: int = Field(description="the trained model the run used")
    mode: str
    week: int | None
    state: str
    progress_done: int
    progress_total: int
    requested_at: datetime
    finished_at: datetime | None
    summary: dict[str, Any]
    error: str


class NationalAlternativeOut(Schema):
    municipality: str
    chance: float
    why_not: str


class NationalSuggestionOut(Schema):
    id: int
    run_id: int
    household_id: str
    adults: int
    household_size: int
    arrival_week: int
    municipality_code: str
    chance: float
    alternatives: list[NationalAlternativeOut]
    reasons: list[dict[str, Any]]
    bound: str = Field(description='the binding rule ("" when the best municipality was had)')
    decision: str
    decided_municipality_code: str
    decision_reason: str
    decided_at: datetime | None
    version: int


class NationalDecisionIn(InputSchema):
    decision: Literal["accepted", "changed", "rejected"]
    version: Id
    municipality_code: str = Field("", max_length=8)
    reason: Reason = ""


def _table(t: Any) -> dict[str, Any]:
    return {
        "id": t.pk,
        "year": t.year,
        "label": t.label,
        "is_demo": t.is_demo,
        "groups": t.groups,
        "uploaded_at": t.uploaded_at,
        "municipalities": getattr(t, "municipalities", None) or t.rows.count(),
    }


def _plan(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "table_id": p.table_id,
        "is_demo": p.table.is_demo,
        "landstal": p.landstal,
        "reunified_total": p.reunified_total,
        "quota": p.quota,
        "computed_at": p.computed_at,
        "version": p.version,
        "steps": p.steps,
        "agreements": p.agreements,
        "revisions": p.revisions,
    }


def _model(m: Any) -> dict[str, Any]:
    return {
        "id": m.pk,
        "source": m.source,
        "source_name": m.source_name,
        "table_id": m.table_id,
        "is_demo": m.is_demo,
        "trained_at": m.trained_at,
        "card": m.card,
    }


def _run(r: Any) -> dict[str, Any]:
    return {
        "id": r.pk,
        "batch_id": r.batch_id,
        "plan_id": r.plan_id,
        "model_id": r.model_id,
        "mode": r.mode,
        "week": r.week,
        "state": r.state,
        "progress_done": r.progress_done,
        "progress_total": r.progress_total,
        "requested_at": r.requested_at,
        "finished_at": r.finished_at,
        "summary": r.summary,
        "error": r.error,
    }


def _suggestion(s: Any) -> dict[str, Any]:
    return {
        "id": s.pk,
        "run_id": s.run_id,
        **{
            name: getattr(s, name)
            for name in (
                "household_id",
                "adults",
                "household_size",
                "arrival_week",
                "municipality_code",
                "chance",
                "alternatives",
                "reasons",
                "bound",
                "decision",
                "decided_municipality_code",
                "decision_reason",
                "decided_at",
                "version",
            )
        },
    }


@router.get("/national/tables", response={200: list[NationalTableOut], **LIST})
@paginate(LimitOffset)
def list_national_tables(request: HttpRequest) -> list[dict[str, Any]]:
    """The reference tables, newest year first."""
    return [_table(t) for t in selectors.tables(_viewer(request))]


@router.get("/national/tables/{national_table_id}", response={200: NationalTableDetailOut, **READ})
def get_national_table(request: HttpRequest, national_table_id: Id) -> dict[str, Any]:
    table = selectors.table_get(_viewer(request), national_table_id)
    return {**_table(table), "rows": list(table.rows.all())}


@router.get("/national/quota-plans", response={200: list[QuotaPlanOut], **LIST})
@paginate(LimitOffset)
def list_quota_plans(request: HttpRequest) -> list[dict[str, Any]]:
    return [_plan(p) for p in selectors.plans(_viewer(request))]


@router.get("/national/quota-plans/{quota_plan_id}", response={200: QuotaPlanDetailOut, **READ})
def get_quota_plan(request: HttpRequest, quota_plan_id: Id) -> dict[str, Any]:
    return _plan(selectors.plan_get(_viewer(request), quota_plan_id))


@router.get("/national/models", response={200: list[NationalModelOut], **LIST})
@paginate(LimitOffset)
def list_national_models(request: HttpRequest) -> Any:
    return [_model(m) for m in selectors.trained_models(_viewer(request))]


@router.get("/national/models/{national_model_id}", response={200: NationalModelOut, **READ})
def get_national_model(request: HttpRequest, national_model_id: Id) -> Any:
    return _model(selectors.model_get(_viewer(request), national_model_id))


@router.get("/national/runs", response={200: list[AssignmentRunOut], **LIST})
@paginate(LimitOffset)
def list_assignment_runs(request: HttpRequest) -> Any:
    return [_run(r) for r in selectors.runs(_viewer(request))]


@router.get("/national/runs/{national_run_id}", response={200: AssignmentRunOut, **READ})
def get_assignment_run(request: HttpRequest, national_run_id: Id) -> Any:
    return _run(selectors.run_get(_viewer(request), national_run_id))


@router.get(
    "/national/runs/{national_run_id}/suggestions",
    response={200: list[NationalSuggestionOut], **READ},
)
@paginate(LimitOffset)
def list_run_suggestions(request: HttpRequest, national_run_id: Id) -> Any:
    user = _viewer(request)
    return [
        _suggestion(x)
        for x in selectors.suggestions(user, selectors.run_get(user, national_run_id))
    ]


@router.post(
    "/national/suggestions/{national_suggestion_id}/decision",
    response={200: NationalSuggestionOut, **WRITE},
)
def decide_suggestion(
    request: HttpRequest, national_suggestion_id: Id, payload: NationalDecisionIn
) -> Any:
    """Accept, change (a reason and a municipality with quota left) or reject a suggestion;
    ``version`` must be the one read, else 409."""
    user = _viewer(request)
    access.require(user, access.NATIONAL_MANAGE)
    suggestion = selectors.suggestion_get(user, national_suggestion_id)
    return _suggestion(
        services.suggestion_decide(
            acting_user=user,
            suggestion=suggestion,
            decision=payload.decision,
            expected_version=payload.version,
            municipality_code=payload.municipality_code,
            reason=payload.reason,
        )
    )
