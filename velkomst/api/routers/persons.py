"""/api/persons: list (search), read, update. Persons are created with their household."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from velkomst.core import audit
from velkomst.core.models import AuditAction
from velkomst.people import selectors
from velkomst.reception import services as reception_services

from ..auth import reader
from ..pagination import LimitOffset
from ..schemas import PersonFilters, PersonOut, PersonPatchIn, PersonSummaryOut, errors
from . import CHANNEL

router = Router(tags=["persons"])


@router.get("", response={200: list[PersonSummaryOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_persons(request: HttpRequest, filters: Query[PersonFilters]) -> Any:
    """The citizens the caller may see; CPR numbers are masked (or null for roles that see none;
    such a role cannot search by CPR, and a masked role searches on the birth-date part only).
    The search is logged (SEC-3)."""
    user = reader(request)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="persons",
        channel=CHANNEL,
    )
    return selectors.person_list(
        user=user,
        query=filters.q,
        phase=filters.phase or "",
        nationality=filters.nationality or "",
        mine=filters.mine,
    )


@router.get("/{person_id}", response={200: PersonOut, **errors(401, 403, 404, 422)})
def get_person(request: HttpRequest, person_id: int) -> Any:
    """One person, the CPR number as the caller's role may see it; the view is logged (SEC-3)."""
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    audit.log(actor=user, action=AuditAction.VIEW, obj=person, person_id=person.pk, channel=CHANNEL)
    return person


@router.patch("/{person_id}", response={200: PersonOut, **errors(400, 401, 403, 404, 409, 422)})
def update_person(request: HttpRequest, person_id: int, payload: PersonPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    person = selectors.person_get(user=user, pk=person_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    # the reception plan's conditional tasks follow a changed birth date (REC-2)
    return reception_services.person_change(
        person=person,
        acting_user=user,
        expected_version=payload.version,
        channel=CHANNEL,
        **values,
    )
