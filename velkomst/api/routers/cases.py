"""/api/cases: list, read, change phase, assign caseworker, journal notes (never edited)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from velkomst.core import audit, fields
from velkomst.core.models import AuditAction, Role
from velkomst.people import selectors, services

from .. import selectors as api_selectors
from ..auth import reader
from ..errors import InvalidField
from ..pagination import LimitOffset
from ..schemas import (
    CaseFilters,
    CaseOut,
    CaseworkerIn,
    NoteIn,
    NoteOut,
    PhaseChangeIn,
    errors,
)
from . import CHANNEL

router = Router(tags=["cases"])


@router.get("", response={200: list[CaseOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    """The cases the caller may see; the search is logged (SEC-3)."""
    user = reader(request)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="cases",
        channel=CHANNEL,
    )
    return api_selectors.case_list(
        user=user,
        phase=filters.phase or "",
        caseworker_id=filters.caseworker_id,
        mine=filters.mine,
    )


@router.get("/{case_id}", response={200: CaseOut, **errors(401, 403, 404, 422)})
def get_case(request: HttpRequest, case_id: int) -> Any:
    user = reader(request)
    case = selectors.case_get(user=user, pk=case_id)
    audit.log(
        actor=user, action=AuditAction.VIEW, obj=case, person_id=case.person_id, channel=CHANNEL
    )
    return case


@router.post("/{case_id}/phase", response={200: CaseOut, **errors(400, 401, 403, 404, 409, 422)})
def change_phase(request: HttpRequest, case_id: int, payload: PhaseChangeIn) -> Any:
    """Move the case along the pipeline; an illegal step is a 409 naming both phases."""
    user = reader(request)
    case = selectors.case_get(user=user, pk=case_id)
    return services.case_change_phase(
        case=case,
        to=payload.to,
        acting_user=user,
        reason=payload.reason,
        expected_version=payload.version,
        effective_date=payload.effective_date,
        end_reason=payload.end_reason or "",
        channel=CHANNEL,
    )


@router.post(
    "/{case_id}/caseworker", response={200: CaseOut, **errors(400, 401, 403, 404, 409, 422)}
)
def assign_caseworker(request: HttpRequest, case_id: int, payload: CaseworkerIn) -> Any:
    """Set the case's one fixed caseworker (REC-5), with the reason for the change."""
    user = reader(request)
    case = selectors.case_get(user=user, pk=case_id)
    caseworker = (
        selectors.staff_in_municipality(user, roles=[Role.CASEWORKER])
        .filter(pk=payload.caseworker_id)
        .first()
    )
    if caseworker is None:
        raise InvalidField("caseworker_id", _("Der er ingen aktiv sagsbehandler med dette id."))
    return services.case_assign_caseworker(
        case=case,
        caseworker=caseworker,
        acting_user=user,
        reason=payload.reason,
        expected_version=payload.version,
        channel=CHANNEL,
    )


@router.get("/{case_id}/notes", response={200: list[NoteOut], **errors(401, 403, 404, 422)})
@paginate(LimitOffset)
def list_notes(request: HttpRequest, case_id: int) -> Any:
    """The case's journal notes, newest first; the read is logged (SEC-3). Roles without the
    need to read journal notes (core/fields.py) get 403."""
    user = reader(request)
    fields.require_notes(user)
    case = selectors.case_get(user=user, pk=case_id)
    audit.log(
        actor=user,
        action=AuditAction.VIEW,
        obj=case,
        person_id=case.person_id,
        reason="journal notes",
        channel=CHANNEL,
    )
    return selectors.case_notes(case)


@router.post("/{case_id}/notes", response={201: NoteOut, **errors(400, 401, 403, 404, 422)})
def add_note(request: HttpRequest, case_id: int, payload: NoteIn) -> Any:
    """Add a journal note. Notes are never edited: a correction is a new note (corrects_id)."""
    user = reader(request)
    case = selectors.case_get(user=user, pk=case_id)
    corrects = None
    if payload.corrects_id is not None:
        corrects = selectors.case_notes(case).filter(pk=payload.corrects_id).first()
        if corrects is None:
            raise InvalidField("corrects_id", _("Der er intet notat med dette id på sagen."))
    note = services.note_add(
        case=case,
        acting_user=user,
        text=payload.text,
        corrects=corrects,
        internal=payload.internal,
        channel=CHANNEL,
    )
    return Status(201, note)
