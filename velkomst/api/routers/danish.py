"""/api/language-centres, /api/danish-referrals (with modules and monthly attendance) and
/api/danish-exams: Danish education (PRG-2). Reading needs ``programme.view``, writing
``programme.edit`` (checked by the selectors and services, as on the pages); every object is
found within the caller's municipality and among the persons the caller may see (else 404).
Every response that shows a person's record logs a view of the person (SEC-3)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.danish import selectors, services

from ..auth import reader
from ..danish_schemas import (
    AttendanceIn,
    AttendanceOut,
    AttendancePatchIn,
    CentreIn,
    CentreOut,
    CentrePatchIn,
    ExamFilters,
    ExamIn,
    ExamOut,
    ExamPatchIn,
    ModuleIn,
    ModuleOut,
    ModulePatchIn,
    ReferralDetailOut,
    ReferralFilters,
    ReferralIn,
    ReferralOut,
    ReferralPatchIn,
)
from ..errors import InvalidField
from ..pagination import LimitOffset, LoggedPage
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["danish"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
CREATE = errors(400, 401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


def _editor(request: HttpRequest) -> Any:
    user = reader(request)
    access.require(user, access.PROGRAMME_EDIT)
    return user


def _centre(user: Any, centre_id: int) -> Any:
    centre = selectors.centres_for(user).filter(pk=centre_id).first()
    if centre is None:
        raise InvalidField("centre_id", _("Der er intet sprogcenter med dette id."))
    return centre


def _person(user: Any, person_id: int) -> Any:
    person = selectors.people_selectors.persons_visible_to(user, few=True).filter(pk=person_id)
    found = person.first()
    if found is None:
        raise InvalidField("person_id", _("Der er ingen person med dette id."))
    return found


def _log(user: Any, rows: list[Any]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(row, row.person_id) for row in rows],
        channel=CHANNEL,
    )


# --- language centres --------------------------------------------------------------------------


@router.get("/language-centres", response={200: list[CentreOut], **LIST})
@paginate(LimitOffset)
def list_language_centres(request: HttpRequest) -> Any:
    """The municipality's language centres (no citizens' data)."""
    return selectors.centres_for(reader(request)).order_by("name", "id")


@router.get("/language-centres/{centre_id}", response={200: CentreOut, **READ})
def get_language_centre(request: HttpRequest, centre_id: int) -> Any:
    return selectors.centre_get(user=reader(request), pk=centre_id)


@router.post("/language-centres", response={201: CentreOut, **errors(400, 401, 403, 422)})
def create_language_centre(request: HttpRequest, payload: CentreIn) -> Any:
    user = _editor(request)
    with audit.via(CHANNEL):
        centre = services.centre_create(acting_user=user, **payload.dict())
    return Status(201, centre)


@router.patch("/language-centres/{centre_id}", response={200: CentreOut, **WRITE})
def update_language_centre(request: HttpRequest, centre_id: int, payload: CentrePatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    centre = selectors.centre_get(user=user, pk=centre_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.centre_update(
            acting_user=user, centre=centre, expected_version=payload.version, **values
        )


# --- referrals ---------------------------------------------------------------------------------


@router.get("/danish-referrals", response={200: list[ReferralOut], **LIST})
@paginate(LimitOffset)
def list_danish_referrals(request: HttpRequest, filters: Query[ReferralFilters]) -> Any:
    """Referrals to Danish education of the persons the caller sees, newest first; a search row
    and a view per person shown (SEC-3)."""
    user = reader(request)
    qs = selectors.referrals_visible_to(user).order_by("-referred_on", "-id")
    if filters.person_id:
        qs = qs.filter(person_id=filters.person_id)
    if filters.centre_id:
        qs = qs.filter(centre_id=filters.centre_id)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="danish referrals",
        channel=CHANNEL,
    )
    return LoggedPage(qs, lambda rows: _log(user, rows))


def _referral(user: Any, referral_id: int) -> Any:
    return selectors.referral_get(user=user, pk=referral_id)


@router.get("/danish-referrals/{referral_id}", response={200: ReferralDetailOut, **READ})
def get_danish_referral(request: HttpRequest, referral_id: int) -> Any:
    """A referral with its modules and monthly attendance; a view of the person (SEC-3)."""
    user = reader(request)
    referral = _referral(user, referral_id)
    _log(user, [referral])
    return referral


@router.post("/danish-referrals", response={201: ReferralDetailOut, **CREATE})
def create_danish_referral(request: HttpRequest, payload: ReferralIn) -> Any:
    """Refer a person to Danish education (PRG-2); dates out of order, a second open referral
    or a centre of another municipality: 422 naming the field."""
    user = _editor(request)
    values = payload.dict(exclude={"person_id", "centre_id"})
    values["end_reason"] = values["end_reason"] or ""
    with audit.via(CHANNEL):
        referral = services.referral_create(
            acting_user=user,
            person=_person(user, payload.person_id),
            centre=_centre(user, payload.centre_id),
            **values,
        )
    return Status(201, referral)


@router.patch("/danish-referrals/{referral_id}", response={200: ReferralDetailOut, **WRITE})
def update_danish_referral(request: HttpRequest, referral_id: int, payload: ReferralPatchIn) -> Any:
    user = reader(request)
    referral = _referral(user, referral_id)
    access.require(user, access.PROGRAMME_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version", "centre_id"})
    if "centre_id" in payload.model_fields_set:
        values["centre"] = _centre(user, payload.centre_id)
    with audit.via(CHANNEL):
        return services.referral_update(
            acting_user=user, referral=referral, expected_version=payload.version, **values
        )


@router.post("/danish-referrals/{referral_id}/modules", response={201: ModuleOut, **CREATE})
def create_danish_module(request: HttpRequest, referral_id: int, payload: ModuleIn) -> Any:
    """Record a module of the referral's track: started, and its module test passed."""
    user = reader(request)
    referral = _referral(user, referral_id)
    with audit.via(CHANNEL):
        progress = services.module_create(acting_user=user, referral=referral, **payload.dict())
    return Status(201, progress)


@router.patch("/danish-modules/{module_id}", response={200: ModuleOut, **WRITE})
def update_danish_module(request: HttpRequest, module_id: int, payload: ModulePatchIn) -> Any:
    user = reader(request)
    progress = selectors.module_get(user=user, pk=module_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.module_update(
            acting_user=user, progress=progress, expected_version=payload.version, **values
        )


@router.post("/danish-referrals/{referral_id}/attendance", response={201: AttendanceOut, **CREATE})
def create_danish_attendance(request: HttpRequest, referral_id: int, payload: AttendanceIn) -> Any:
    """Record a month's hours offered and attended (attended at most offered)."""
    user = reader(request)
    referral = _referral(user, referral_id)
    with audit.via(CHANNEL):
        row = services.attendance_create(acting_user=user, referral=referral, **payload.dict())
    return Status(201, row)


@router.patch("/danish-attendance/{attendance_id}", response={200: AttendanceOut, **WRITE})
def update_danish_attendance(
    request: HttpRequest, attendance_id: int, payload: AttendancePatchIn
) -> Any:
    user = reader(request)
    row = selectors.attendance_get(user=user, pk=attendance_id)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.attendance_update(
            acting_user=user, row=row, expected_version=payload.version, **values
        )


# --- exams -------------------------------------------------------------------------------------


@router.get("/danish-exams", response={200: list[ExamOut], **LIST})
@paginate(LimitOffset)
def list_danish_exams(request: HttpRequest, filters: Query[ExamFilters]) -> Any:
    """Danish exams of the persons the caller sees, newest first; a search row and a view per
    person shown (SEC-3)."""
    user = reader(request)
    qs = selectors.exams_visible_to(user).order_by("-taken_on", "-id")
    if filters.person_id:
        qs = qs.filter(person_id=filters.person_id)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="danish exams",
        channel=CHANNEL,
    )
    return LoggedPage(qs, lambda rows: _log(user, rows))


@router.get("/danish-exams/{exam_id}", response={200: ExamOut, **READ})
def get_danish_exam(request: HttpRequest, exam_id: int) -> Any:
    user = reader(request)
    row = selectors.exam_get(user=user, pk=exam_id)
    _log(user, [row])
    return row


def _exam_referral(user: Any, referral_id: int | None) -> Any:
    if referral_id is None:
        return None
    found = selectors.referrals_visible_to(user, few=True).filter(pk=referral_id).first()
    if found is None:
        raise InvalidField("referral_id", _("Der er ingen henvisning med dette id."))
    return found


@router.post("/danish-exams", response={201: ExamOut, **CREATE})
def create_danish_exam(request: HttpRequest, payload: ExamIn) -> Any:
    """Record an exam; one sat before the module that leads to it was passed (when the track's
    modules are recorded) is a 422 naming ``exam``."""
    user = _editor(request)
    values = payload.dict(exclude={"person_id", "referral_id"})
    values["grade"] = values["grade"] or ""
    with audit.via(CHANNEL):
        row = services.exam_create(
            acting_user=user,
            person=_person(user, payload.person_id),
            referral=_exam_referral(user, payload.referral_id),
            **values,
        )
    return Status(201, row)


@router.patch("/danish-exams/{exam_id}", response={200: ExamOut, **WRITE})
def update_danish_exam(request: HttpRequest, exam_id: int, payload: ExamPatchIn) -> Any:
    user = reader(request)
    row = selectors.exam_get(user=user, pk=exam_id)
    access.require(user, access.PROGRAMME_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version", "referral_id"})
    if "referral_id" in payload.model_fields_set:
        values["referral"] = _exam_referral(user, payload.referral_id)
    with audit.via(CHANNEL):
        return services.exam_update(
            acting_user=user, row=row, expected_version=payload.version, **values
        )
