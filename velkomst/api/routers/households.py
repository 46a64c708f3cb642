"""/api/households: list, read, create (with members), update."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from velkomst.core import audit
from velkomst.core.models import AuditAction, Role
from velkomst.people import selectors, services
from velkomst.reception import services as reception_services

from .. import selectors as api_selectors
from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset
from ..schemas import (
    HouseholdCreateIn,
    HouseholdFilters,
    HouseholdOut,
    HouseholdPatchIn,
    HouseholdSummaryOut,
    errors,
)
from . import CHANNEL

router = Router(tags=["households"])


@router.get("", response={200: list[HouseholdSummaryOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_households(request: HttpRequest, filters: Query[HouseholdFilters]) -> Any:
    """The households the caller may see, by name; the search is logged (SEC-3)."""
    user = reader(request)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="households",
        channel=CHANNEL,
    )
    return api_selectors.household_list(user=user, query=filters.q)


@router.get("/{household_id}", response={200: HouseholdOut, **errors(401, 403, 404, 422)})
def get_household(request: HttpRequest, household_id: int) -> Any:
    """One household with its members; a view of each member is logged (SEC-3)."""
    user = reader(request)
    household = selectors.household_get(user=user, pk=household_id)
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        channel=CHANNEL,
        objects=[(member, member.pk) for member in household.members.all()],
    )
    return household


@router.post("", response={201: HouseholdOut, **errors(400, 401, 403, 404, 422)})
def create_household(request: HttpRequest, payload: HouseholdCreateIn) -> Any:
    """Register a household and its members; every adult gets a case in the first phase."""
    user = reader(request)
    caseworker = None
    if payload.caseworker_id is not None:
        caseworker = (
            selectors.staff_in_municipality(user, roles=[Role.CASEWORKER])
            .filter(pk=payload.caseworker_id)
            .first()
        )
        if caseworker is None:
            raise InvalidField("caseworker_id", _("Der er ingen aktiv sagsbehandler med dette id."))
    data = payload.dict(exclude={"members", "caseworker_id"})
    household = services.household_create(
        acting_user=user,
        caseworker=caseworker,
        members=[
            services.MemberData(
                **member.dict(exclude={"languages"}),
                languages=[services.LanguageData(**lang.dict()) for lang in member.languages],
            )
            for member in payload.members
        ],
        channel=CHANNEL,
        **data,
    )
    return Status(201, selectors.household_get(user=user, pk=household.pk))


@router.patch(
    "/{household_id}", response={200: HouseholdOut, **errors(400, 401, 403, 404, 409, 422)}
)
def update_household(request: HttpRequest, household_id: int, payload: HouseholdPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    household = selectors.household_get(user=user, pk=household_id)
    # deadlines and conditional tasks follow changed arrival dates (REC-2, REC-4)
    return reception_services.household_change_dates(
        household=household,
        acting_user=user,
        expected_version=payload.version,
        channel=CHANNEL,
        **payload.dict(exclude_unset=True, exclude={"version"}),
    )
