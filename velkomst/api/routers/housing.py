"""/api/areas, /api/dwellings, a household's housing need and placements, placement runs and the
officer's decisions on their suggestions (HOU-1..HOU-4).

Reading needs ``housing.view``, writing ``housing.edit`` (checked by the selectors and services,
as on the pages); every object is found within the caller's municipality (else 404).
"""

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.housing import runs, selectors, services
from velkomst.housing.models import PlacementRun

from ..auth import reader
from ..errors import InvalidField
from ..housing_schemas import (
    AcceptIn,
    AreaIn,
    AreaOut,
    AreaPatchIn,
    DwellingFilters,
    DwellingIn,
    DwellingOut,
    DwellingPatchIn,
    HousingNeedIn,
    HousingNeedOut,
    PlacementEndIn,
    PlacementOut,
    RejectIn,
    RunOut,
    RunStartIn,
    SuggestionOut,
)
from ..pagination import LimitOffset, LoggedPage
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["housing"])

READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


@router.get("/areas", response={200: list[AreaOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_areas(request: HttpRequest) -> Any:
    """The municipality's areas (no citizens' data)."""
    return selectors.areas_for(reader(request))


@router.get("/areas/{area_id}", response={200: AreaOut, **READ})
def get_area(request: HttpRequest, area_id: int) -> Any:
    return selectors.area_get(user=reader(request), pk=area_id)


@router.post("/areas", response={201: AreaOut, **errors(400, 401, 403, 422)})
def create_area(request: HttpRequest, payload: AreaIn) -> Any:
    """Add an area (HOU-1); audited."""
    user = editor(request)
    with audit.via(CHANNEL):
        area = services.area_create(acting_user=user, **payload.dict())
    return Status(201, area)


@router.patch("/areas/{area_id}", response={200: AreaOut, **WRITE})
def update_area(request: HttpRequest, area_id: int, payload: AreaPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    area = selectors.area_get(user=user, pk=area_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.area_update(
            area=area, acting_user=user, expected_version=payload.version, **values
        )


@router.get("/dwellings", response={200: list[DwellingOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_dwellings(request: HttpRequest, filters: Query[DwellingFilters]) -> Any:
    """The dwelling register, by area, type and status (no citizens' data)."""
    user = reader(request)
    return selectors.dwellings_search(
        user=user,
        area=_area(user, "area_id", filters.area_id),
        type=filters.type or "",
        status=filters.status or "",
    )


@router.get("/dwellings/{dwelling_id}", response={200: DwellingOut, **READ})
def get_dwelling(request: HttpRequest, dwelling_id: int) -> Any:
    return selectors.dwelling_get(user=reader(request), pk=dwelling_id)


def editor(request: HttpRequest) -> Any:
    """The acting user, who must be allowed to change housing data (else 403 at once)."""
    user = reader(request)
    access.require(user, access.HOUSING_EDIT)
    return user


def _area(user: Any, field: str, area_id: int | None) -> Any:
    """The caller's municipality's area of that id (None stays None), else a 422 naming it."""
    if area_id is None:
        return None
    area = selectors.areas_for(user).filter(pk=area_id).first()
    if area is None:
        raise InvalidField(field, _("Der er intet område med dette id."))
    return area


@router.post("/dwellings", response={201: DwellingOut, **errors(400, 401, 403, 422)})
def create_dwelling(request: HttpRequest, payload: DwellingIn) -> Any:
    """Add a dwelling to the register (HOU-1); audited."""
    user = editor(request)
    values = payload.dict(exclude={"area_id"})
    values["area"] = _area(user, "area_id", payload.area_id)
    with audit.via(CHANNEL):
        dwelling = services.dwelling_create(acting_user=user, **values)
    return Status(201, dwelling)


@router.patch("/dwellings/{dwelling_id}", response={200: DwellingOut, **WRITE})
def update_dwelling(request: HttpRequest, dwelling_id: int, payload: DwellingPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    dwelling = selectors.dwelling_get(user=user, pk=dwelling_id)
    access.require(user, access.HOUSING_EDIT)  # before the area in the body is looked up
    values = payload.dict(exclude_unset=True, exclude={"version", "area_id"})
    if "area_id" in payload.model_fields_set:
        values["area"] = _area(user, "area_id", payload.area_id)
    with audit.via(CHANNEL):
        return services.dwelling_update(
            dwelling=dwelling, acting_user=user, expected_version=payload.version, **values
        )


@router.get("/households/{household_id}/housing-need", response={200: HousingNeedOut, **READ})
def get_housing_need(request: HttpRequest, household_id: int) -> Any:
    """The household's housing need (404 if none is recorded); a view per member (SEC-3)."""
    user = reader(request)
    household = selectors.household_for_housing(user=user, pk=household_id)
    need = selectors.need_for(household)
    if need is None:
        raise Http404
    audit.log_read(actor=user, obj=need, persons=household.members.all(), channel=CHANNEL)
    return need


@router.put("/households/{household_id}/housing-need", response={200: HousingNeedOut, **WRITE})
def save_housing_need(request: HttpRequest, household_id: int, payload: HousingNeedIn) -> Any:
    """Record or change the household's housing need (HOU-2): ``version`` 0 when it has none
    yet, else the version read (409 when someone saved first); audited per member."""
    user = reader(request)
    household = selectors.household_for_housing(user=user, pk=household_id)
    access.require(user, access.HOUSING_EDIT)  # before the areas in the body are looked up
    values = payload.dict(exclude={"version", "workplace_or_school_area_id", "wished_area_id"})
    data = services.NeedData(
        **values,
        workplace_or_school_area=_area(
            user, "workplace_or_school_area_id", payload.workplace_or_school_area_id
        ),
        wished_area=_area(user, "wished_area_id", payload.wished_area_id),
    )
    with audit.via(CHANNEL):
        return services.housing_need_save(
            household=household, acting_user=user, data=data, expected_version=payload.version
        )


@router.get(
    "/households/{household_id}/placements",
    response={200: list[PlacementOut], **READ},
)
def list_placements(request: HttpRequest, household_id: int) -> Any:
    """Where the household has lived, oldest first (HOU-4); a view per member (SEC-3)."""
    user = reader(request)
    household = selectors.household_for_housing(user=user, pk=household_id)
    audit.log_read(actor=user, obj=household, persons=household.members.all(), channel=CHANNEL)
    return selectors.placements_of(household)


@router.post("/households/{household_id}/placements/end", response={200: PlacementOut, **WRITE})
def end_placement(request: HttpRequest, household_id: int, payload: PlacementEndIn) -> Any:
    """The household moves out without a new dwelling registered (HOU-4); audited per member."""
    user = reader(request)
    household = selectors.household_for_housing(user=user, pk=household_id)
    with audit.via(CHANNEL):
        return services.placement_end(
            acting_user=user,
            household=household,
            end_date=payload.end_date,
            reason=payload.end_reason,
        )


@router.get("/placement-runs", response={200: list[RunOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_runs(request: HttpRequest) -> Any:
    """The municipality's placement runs, newest first (counts only, no households named)."""
    return runs.runs_for(reader(request)).order_by("-created_at", "-id")


@router.post("/placement-runs", response={202: RunOut, **errors(400, 401, 403, 422)})
def start_run(request: HttpRequest, payload: RunStartIn) -> Any:
    """Queue a run over waiting households (HOU-3); it works in the background: read its
    progress at /placement-runs/{run_id}. A household that does not wait is a 422."""
    user = reader(request)
    with audit.via(CHANNEL):
        run = runs.run_start(
            acting_user=user, household_ids=payload.household_ids, weights=payload.weights or None
        )
    return Status(202, PlacementRun.objects.get(pk=run.pk))


@router.get("/placement-runs/{run_id}", response={200: RunOut, **READ})
def get_run(request: HttpRequest, run_id: int) -> Any:
    """The run's status, stage and progress; the decisions' counts when done."""
    return runs.run_get(user=reader(request), pk=run_id)


@router.get(
    "/placement-runs/{run_id}/suggestions",
    response={200: list[SuggestionOut], **READ},
)
@paginate(LimitOffset)
def list_suggestions(request: HttpRequest, run_id: int) -> Any:
    """The run's suggestions with their reasons in the caller's language, placed first; a
    view per member of each household shown (SEC-3)."""
    user = reader(request)
    run = runs.run_get(user=user, pk=run_id)

    def log(rows: list[Any]) -> None:
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(s, m.pk) for s in rows for m in s.household.members.all()],
            reason="placement run suggestions",
            channel=CHANNEL,
        )

    return LoggedPage(runs.suggestions_of(run), log)


@router.post(
    "/placement-suggestions/{suggestion_id}/accept", response={200: SuggestionOut, **WRITE}
)
def accept_suggestion(request: HttpRequest, suggestion_id: int, payload: AcceptIn) -> Any:
    """Accept the suggested dwelling, or change to another free one (``dwelling_id``; breaking a
    hard rule needs ``note``): the household's placement starts (HOU-3)."""
    user = reader(request)
    suggestion = runs.suggestion_get(user=user, pk=suggestion_id)
    dwelling = None
    if payload.dwelling_id is not None:
        dwelling = (
            runs.free_dwellings(suggestion.run.municipality_id)
            .filter(pk=payload.dwelling_id)
            .first()
        )
        if dwelling is None:
            raise InvalidField("dwelling_id", _("Der er ingen ledig bolig med dette id."))
    with audit.via(CHANNEL):
        runs.accept(
            suggestion=suggestion,
            acting_user=user,
            expected_version=payload.version,
            start_date=payload.start_date,
            dwelling=dwelling,
            note=payload.note,
        )
    return runs.suggestion_get(user=user, pk=suggestion_id)


@router.post(
    "/placement-suggestions/{suggestion_id}/reject", response={200: SuggestionOut, **WRITE}
)
def reject_suggestion(request: HttpRequest, suggestion_id: int, payload: RejectIn) -> Any:
    """Reject the suggestion with a reason (HOU-3)."""
    user = reader(request)
    suggestion = runs.suggestion_get(user=user, pk=suggestion_id)
    with audit.via(CHANNEL):
        runs.reject(
            suggestion=suggestion,
            acting_user=user,
            expected_version=payload.version,
            note=payload.note,
        )
    return runs.suggestion_get(user=user, pk=suggestion_id)
