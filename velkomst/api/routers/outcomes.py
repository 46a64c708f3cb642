"""/api/persons/{id}/outcomes and the outcome records (employment, education, benefit periods,
self-support), and /api/result-grants (PRG-7).

Reading a person's outcomes needs ``programme.view``, writing ``programme.edit``, the grants
``grants.view`` and a claim of one ``grants.claim`` (checked by the selectors and services, as on
the pages); every object is found within the caller's municipality and the persons the caller
sees (else 404).
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.outcomes import selectors, services
from velkomst.outcomes.views import evidence_text

from ..auth import reader
from ..errors import InvalidField
from ..outcomes_schemas import (
    BenefitIn,
    BenefitOut,
    BenefitPatchIn,
    EducationIn,
    EducationOut,
    EducationPatchIn,
    EmploymentIn,
    EmploymentOut,
    EmploymentPatchIn,
    GrantClaimFilters,
    GrantClaimIn,
    GrantClaimOut,
    GrantClaimPatchIn,
    GrantFilters,
    GrantOut,
    OutcomesOut,
    SelfSupportingIn,
    SelfSupportingOut,
)
from ..pagination import LimitOffset, LoggedPage
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["outcomes"])

READ = errors(401, 403, 404, 422)
CREATE = errors(400, 401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


def _grant(row: selectors.GrantRow) -> dict[str, Any]:
    grant = row.grant
    return {
        "person_id": grant.person_id,
        "person_name": row.person.full_name,
        "kind": grant.kind.value,
        "achieved_on": grant.achieved_on,
        "earned_on": grant.earned_on,
        "tier": grant.tier.value,
        "amount": grant.amount,
        "table_year": grant.table_year,
        "evidence": evidence_text(row),
        "status": row.status,
        "claim_id": row.claim.pk if row.claim else None,
    }


@router.get("/persons/{person_id}/outcomes", response={200: OutcomesOut, **READ})
def get_outcomes(request: HttpRequest, person_id: int) -> Any:
    """The person's outcomes over time and the result grants they have earned; a view (SEC-3)."""
    user = reader(request)
    person = selectors.person_for_outcomes(user=user, pk=person_id)
    outcomes = selectors.outcomes_of(person)
    audit.log_read(actor=user, obj=person, persons=[person], channel=CHANNEL)
    return {
        "person_id": person.pk,
        "employments": outcomes.employments,
        "educations": outcomes.educations,
        "benefit_periods": outcomes.benefits,
        "self_supporting": outcomes.self_supporting,
        "exams_passed": [{"exam": exam, "taken_on": day} for exam, day in outcomes.exams],
        "grants": [_grant(selectors.GrantRow(person, g, None)) for g in outcomes.grants],
    }


def _editable_person(request: HttpRequest, person_id: int) -> Any:
    user = reader(request)
    person = selectors.person_for_outcomes(user=user, pk=person_id)
    access.require(user, access.PROGRAMME_EDIT)
    return user, person


@router.post("/persons/{person_id}/employments", response={201: EmploymentOut, **CREATE})
def create_employment(request: HttpRequest, person_id: int, payload: EmploymentIn) -> Any:
    """Record an employment; 422 naming the field for dates out of order, a CVR failing its
    check or an overlap with another employment."""
    user, person = _editable_person(request, person_id)
    with audit.via(CHANNEL):
        return Status(
            201, services.employment_create(acting_user=user, person=person, **payload.dict())
        )


@router.patch("/employments/{employment_id}", response={200: EmploymentOut, **WRITE})
def update_employment(request: HttpRequest, employment_id: int, payload: EmploymentPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    employment = selectors.employment_get(user=user, pk=employment_id)
    access.require(user, access.PROGRAMME_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.employment_update(
            acting_user=user, employment=employment, expected_version=payload.version, **values
        )


@router.post("/persons/{person_id}/educations", response={201: EducationOut, **CREATE})
def create_education(request: HttpRequest, person_id: int, payload: EducationIn) -> Any:
    user, person = _editable_person(request, person_id)
    with audit.via(CHANNEL):
        return Status(
            201, services.education_create(acting_user=user, person=person, **payload.dict())
        )


@router.patch("/education-outcomes/{education_id}", response={200: EducationOut, **WRITE})
def update_education(request: HttpRequest, education_id: int, payload: EducationPatchIn) -> Any:
    user = reader(request)
    education = selectors.education_get(user=user, pk=education_id)
    access.require(user, access.PROGRAMME_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.education_update(
            acting_user=user, education=education, expected_version=payload.version, **values
        )


@router.post("/persons/{person_id}/benefit-periods", response={201: BenefitOut, **CREATE})
def create_benefit_period(request: HttpRequest, person_id: int, payload: BenefitIn) -> Any:
    user, person = _editable_person(request, person_id)
    with audit.via(CHANNEL):
        return Status(
            201, services.benefit_create(acting_user=user, person=person, **payload.dict())
        )


@router.patch("/benefit-periods/{period_id}", response={200: BenefitOut, **WRITE})
def update_benefit_period(request: HttpRequest, period_id: int, payload: BenefitPatchIn) -> Any:
    user = reader(request)
    period = selectors.benefit_get(user=user, pk=period_id)
    access.require(user, access.PROGRAMME_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.benefit_update(
            acting_user=user, period=period, expected_version=payload.version, **values
        )


@router.put("/persons/{person_id}/self-supporting", response={200: SelfSupportingOut, **WRITE})
def save_self_supporting(request: HttpRequest, person_id: int, payload: SelfSupportingIn) -> Any:
    """Record or change the day the person is self-supporting from: ``version`` 0 when none is
    recorded yet, else the version read (409 when someone saved first)."""
    user, person = _editable_person(request, person_id)
    with audit.via(CHANNEL):
        return services.self_supporting_save(
            acting_user=user,
            person=person,
            expected_version=payload.version,
            from_date=payload.from_date,
            source=payload.source,
        )


@router.get("/result-grants", response={200: list[GrantOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_result_grants(request: HttpRequest, filters: Query[GrantFilters]) -> Any:
    """The result grants the municipality can claim (derived, never typed), newest first, by
    year earned and kind; a search in the audit log."""
    user = reader(request)
    grants = selectors.grants_for_user(user=user).filtered(
        year=filters.year, kind=filters.kind or "", status=filters.status or ""
    )
    audit.log(actor=user, action=AuditAction.SEARCH, reason="result grants", channel=CHANNEL)
    return _GrantPage(grants)


class _GrantPage:
    """The grants for ``paginate``: counted and sliced in SQL, only the page turned into rows."""

    def __init__(self, grants: selectors.GrantList) -> None:
        self.grants = grants

    def __len__(self) -> int:
        return self.grants.count

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        shown = self.grants.grants.select_related("person")[page]
        return [_grant(row) for row in self.grants.rows_of(shown)]


# --- claims of result grants (PRG-7) -------------------------------------------------------------


def _claim_log(user: Any, rows: list[Any]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(row, row.person_id) for row in rows],
        channel=CHANNEL,
    )


@router.get("/result-grant-claims", response={200: list[GrantClaimOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_grant_claims(request: HttpRequest, filters: Query[GrantClaimFilters]) -> Any:
    """The municipality's claims for the persons the caller sees, newest earned first; a view
    is logged per person shown."""
    user = reader(request)
    qs = selectors.claims_for(user)
    if filters.paid is not None:
        qs = qs.filter(paid_on__isnull=not filters.paid)
    return LoggedPage(qs.order_by("-earned_on", "id"), lambda rows: _claim_log(user, rows))


@router.post("/result-grant-claims", response={201: GrantClaimOut, **CREATE})
def create_grant_claim(request: HttpRequest, payload: GrantClaimIn) -> Any:
    """Mark a derived grant claimed; a grant that is not derived, or one claimed before, is a
    422 naming ``earned_on`` with the reason."""
    from velkomst.people.selectors import persons_visible_to

    user = reader(request)
    access.require(user, access.GRANTS_CLAIM)
    person = persons_visible_to(user, few=True).filter(pk=payload.person_id).first()
    if person is None:
        raise InvalidField("person_id", _("Der er ingen person med dette id."))
    with audit.via(CHANNEL):
        claim = services.claim_create(
            actor=user, person=person, **payload.dict(exclude={"person_id"})
        )
    return Status(201, claim)


@router.get("/result-grant-claims/{claim_id}", response={200: GrantClaimOut, **READ})
def get_grant_claim(request: HttpRequest, claim_id: int) -> Any:
    user = reader(request)
    claim = selectors.claim_get(user=user, pk=claim_id)
    _claim_log(user, [claim])
    return claim


@router.patch("/result-grant-claims/{claim_id}", response={200: GrantClaimOut, **WRITE})
def update_grant_claim(request: HttpRequest, claim_id: int, payload: GrantClaimPatchIn) -> Any:
    """Correct the claim or record the day paid (``paid_on``); ``version`` must be the one read,
    else 409 (SEC-5)."""
    user = reader(request)
    claim = selectors.claim_get(user=user, pk=claim_id)
    access.require(user, access.GRANTS_CLAIM)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.claim_update(
            actor=user, claim=claim, expected_version=payload.version, **values
        )
