"""Reads of national distribution (NAT-1, NAT-2).

The national user's reads (``national.view``) are of national data: tables, plans, models, runs
and suggestions of anonymous households. A municipality reads only the placements made to it
(``municipality_placements``, tenant-scoped); it never reads a run or a suggestion.
``platform_history`` reads the platform's outcomes across municipalities for training, as
anonymous feature rows (no names, no ids leave it).
"""

from __future__ import annotations

import pickle
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.engines.national.data import Adult, PastAdult, Place
from velkomst.engines.national.model import EmploymentModel
from velkomst.engines.national.quota import MunicipalityFigures

from .models import (
    ArrivalBatch,
    AssignmentRun,
    DecisionState,
    NationalPlacement,
    QuotaPlan,
    ReferenceTable,
    Suggestion,
    TrainedModel,
)

PLACED = (DecisionState.ACCEPTED, DecisionState.CHANGED)


def _view(user: StaffUser) -> None:
    access.require(user, access.NATIONAL_VIEW)


def _get(qs: QuerySet[Any], pk: int, what: str) -> Any:
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404(what)
    return found


def tables(user: StaffUser) -> QuerySet[ReferenceTable]:
    _view(user)
    return ReferenceTable.objects.select_related("uploaded_by").annotate(
        municipalities=Count("rows")
    )


def table_get(user: StaffUser, pk: int) -> ReferenceTable:
    return _get(tables(user), pk, "table")  # type: ignore[no-any-return]


def plans(user: StaffUser) -> QuerySet[QuotaPlan]:
    _view(user)
    return QuotaPlan.objects.select_related("table", "computed_by")


def plan_get(user: StaffUser, pk: int) -> QuotaPlan:
    return _get(plans(user), pk, "plan")  # type: ignore[no-any-return]


def trained_models(user: StaffUser) -> QuerySet[TrainedModel]:
    _view(user)
    return TrainedModel.objects.select_related("table", "trained_by").defer("fitted")


def model_get(user: StaffUser, pk: int) -> TrainedModel:
    return _get(trained_models(user), pk, "model")  # type: ignore[no-any-return]


def batches(user: StaffUser) -> QuerySet[ArrivalBatch]:
    _view(user)
    return ArrivalBatch.objects.select_related("uploaded_by").defer("adults")


def batch_get(user: StaffUser, pk: int) -> ArrivalBatch:
    _view(user)
    return _get(ArrivalBatch.objects.all(), pk, "batch")  # type: ignore[no-any-return]


def runs(user: StaffUser) -> QuerySet[AssignmentRun]:
    _view(user)
    return AssignmentRun.objects.select_related(
        "batch", "plan__table", "model", "requested_by"
    ).defer("batch__adults", "model__fitted")


def run_get(user: StaffUser, pk: int) -> AssignmentRun:
    return _get(runs(user), pk, "run")  # type: ignore[no-any-return]


def suggestions(user: StaffUser, run: AssignmentRun) -> QuerySet[Suggestion]:
    _view(user)
    return run.suggestions.select_related("decided_by").order_by("household_id")


def suggestion_get(user: StaffUser, pk: int) -> Suggestion:
    _view(user)
    return _get(  # type: ignore[no-any-return]
        Suggestion.objects.select_related("run__plan", "run__batch", "decided_by"), pk, "suggestion"
    )


# --- figures for the engines ------------------------------------------------------------------


def places(table: ReferenceTable) -> list[Place]:
    return [
        Place(
            code=r.municipality_code,
            region=r.region,
            population=r.population,
            nonwestern_stock=r.nonwestern_stock,
            reunified_last_year=r.reunified_last_year,
            local_employment_rate=r.local_employment_rate,
            treatment_services=r.treatment_services,
            quota_households=r.quota_households,
            stock={k: int(v) for k, v in r.stock.items()},
        )
        for r in table.rows.order_by("municipality_code")
    ]


def quota_figures(table: ReferenceTable) -> list[MunicipalityFigures]:
    """§ 4's figures: the family-reunified living in the municipality are subtracted."""
    return [
        MunicipalityFigures(
            code=r.municipality_code,
            region=r.region,
            population=r.population,
            nonwestern=r.nonwestern_stock,
            reunified=r.reunified_living,
        )
        for r in table.rows.order_by("municipality_code")
    ]


def placed_by_municipality(plan: QuotaPlan) -> dict[str, int]:
    """Households placed under the plan so far (accepted or changed suggestions of its runs)."""
    rows = (
        Suggestion.objects.filter(run__plan=plan, decision__in=PLACED)
        .values("decided_municipality_code")
        .annotate(n=Count("pk"))
    )
    return {r["decided_municipality_code"]: int(r["n"]) for r in rows}


def quota_left(plan: QuotaPlan) -> dict[str, int]:
    placed = placed_by_municipality(plan)
    return {code: int(q) - placed.get(code, 0) for code, q in plan.quota.items()}


def pending_count(user: StaffUser) -> int:
    """Suggestions of finished runs that await a decision."""
    _view(user)
    return Suggestion.objects.filter(decision=DecisionState.PENDING).count()


def decision_counts(run: AssignmentRun) -> dict[str, int]:
    rows = run.suggestions.values("decision").annotate(n=Count("pk"))
    counts = {state: 0 for state in DecisionState.values}
    counts.update({r["decision"]: int(r["n"]) for r in rows})
    return counts


# --- training on the platform's own outcomes --------------------------------------------------

# ISCED levels (competences.EducationLevel) to the model's four levels
_EDUCATION = {"0": 0, "1": 0, "2": 0, "3": 1, "4": 2, "5": 2, "6": 3, "7": 3, "8": 3}
ADULT_RELATIONS = ("head", "spouse")


def platform_history(codes: set[str], today: date | None = None) -> list[PastAdult]:
    """Every adult of the platform's municipalities (head or spouse, 18 or older at
    visitation) whose three years since visitation have passed, as anonymous feature rows with
    the outcome: ordinary work (an employment without subsidy) begun within 3 years."""
    from velkomst.competences.models import EducationRecord, WorkExperience
    from velkomst.outcomes.models import Employment
    from velkomst.people.models import Person

    today = today or timezone.localdate()
    cutoff = today - timedelta(days=3 * 365)
    persons = (
        Person.objects.filter(
            relation__in=ADULT_RELATIONS,
            case__visitation_date__lte=cutoff,
            municipality__code__in=codes,
        )
        .annotate(
            prior=Exists(WorkExperience.objects.filter(person=OuterRef("pk"))),
            members=Count("household__members", distinct=True),
        )
        .values(
            "pk",
            "household_id",
            "nationality",
            "sex",
            "birth_date",
            "municipality__code",
            "case__visitation_date",
            "prior",
            "members",
        )
    )
    rows = list(persons)
    ids = [r["pk"] for r in rows]
    education: dict[int, int] = {}
    for pid, level in EducationRecord.objects.filter(person_id__in=ids).values_list(
        "person_id", "level"
    ):
        education[pid] = max(education.get(pid, 0), _EDUCATION.get(level, 0))
    employed: dict[int, date] = {}
    for pid, start in Employment.objects.filter(
        person_id__in=ids, subsidy__in=("", "none")
    ).values_list("person_id", "start_date"):
        if pid not in employed or start < employed[pid]:
            employed[pid] = start
    out = []
    for r in rows:
        visited: date = r["case__visitation_date"]
        born: date = r["birth_date"]
        age = visited.year - born.year - ((visited.month, visited.day) < (born.month, born.day))
        if age < 18:
            continue
        first = employed.get(r["pk"])
        out.append(
            PastAdult(
                adult=Adult(
                    household_id=f"h{r['household_id']}",
                    nationality=r["nationality"] or "other",
                    male=r["sex"] == "M",
                    education_level=education.get(r["pk"], 0),
                    age=float(age),
                    prior_work=bool(r["prior"]),
                    household_size=max(1, int(r["members"] or 1)),
                ),
                municipality=r["municipality__code"],
                employed_3y=first is not None
                and visited <= first <= visited + timedelta(days=3 * 365),
                cohort=visited.year,
            )
        )
    return out


# --- the municipality's side ------------------------------------------------------------------


def municipality_placements(user: StaffUser) -> QuerySet[NationalPlacement]:
    """The households the immigration service has placed in the user's municipality (those who
    may create households see them: they import the visitation)."""
    access.require(user, access.HOUSEHOLD_CREATE)
    return NationalPlacement.objects.filter(municipality_id=access.tenant_id(user)).filter(
        ~Q(household_reference="")
    )


def load_model(trained: TrainedModel) -> EmploymentModel:
    """The fitted model (a pickle this app wrote itself; docs/decisions.md)."""
    model = pickle.loads(bytes(trained.fitted))  # noqa: S301 - written by this app only (services)
    if not isinstance(model, EmploymentModel):
        raise PermissionDenied("not an employment model")
    return model
