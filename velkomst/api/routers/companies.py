"""/api/companies, /api/openings, /api/job-proposals and /api/job-events: the job consultant's
register (PRG-4).

Reading needs ``company.view``, writing ``company.edit`` (checked by the selectors and services,
as on the pages); every object is found within the caller's municipality (else 404), and a
person only among those the caller may see. Proposals and events show persons: each read logs a
``view`` per person shown, a list one per person on the page (SEC-3).
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from velkomst.companies import selectors, services
from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.housing.models import Area

from ..auth import reader
from ..company_schemas import (
    AgreementIn,
    AgreementOut,
    AgreementPatchIn,
    AnswerIn,
    CompanyFilters,
    CompanyIn,
    CompanyOut,
    CompanyPatchIn,
    ContactIn,
    ContactOut,
    ContactPatchIn,
    EventDetailOut,
    EventIn,
    EventMeetingIn,
    EventMeetingOut,
    EventOut,
    InvitationIn,
    InvitationOut,
    OpeningFilters,
    OpeningIn,
    OpeningOut,
    OpeningPatchIn,
    ProposalFilters,
    ProposalIn,
    ProposalOut,
    ResultIn,
)
from ..errors import InvalidField
from ..pagination import LimitOffset, LoggedPage
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["companies"])

LIST = errors(401, 403, 422)
READ = errors(401, 403, 404, 422)
CREATE = errors(400, 401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)


def _editor(request: HttpRequest) -> Any:
    user = reader(request)
    access.require(user, access.COMPANY_EDIT)
    return user


def _area(user: Any, area_id: int | None) -> Any:
    if area_id is None:
        return None
    area = Area.objects.filter(municipality_id=access.tenant_id(user), pk=area_id).first()
    if area is None:
        raise InvalidField("area_id", _("Der er intet område med dette id."))
    return area


def _found(qs: Any, field: str, pk: int, message: str) -> Any:
    found = qs.filter(pk=pk).first()
    if found is None:
        raise InvalidField(field, message)
    return found


def _company(user: Any, pk: int) -> Any:
    return _found(
        selectors.companies_for(user), "company_id", pk, _("Der er ingen virksomhed med dette id.")
    )


def _person(user: Any, pk: int) -> Any:
    from velkomst.people.selectors import persons_visible_to

    return _found(
        persons_visible_to(user, few=True), "person_id", pk, _("Der er ingen person med dette id.")
    )


def _log(user: Any, rows: list[Any]) -> None:
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(row, row.person_id) for row in rows],
        channel=CHANNEL,
    )


# --- companies ---------------------------------------------------------------------------------


@router.get("/companies", response={200: list[CompanyOut], **LIST})
@paginate(LimitOffset)
def list_companies(request: HttpRequest, filters: Query[CompanyFilters]) -> Any:
    """The municipality's companies, by name or CVR number (no citizens' data)."""
    return selectors.companies_search(user=reader(request), q=filters.q)


@router.post("/companies", response={201: CompanyOut, **CREATE})
def create_company(request: HttpRequest, payload: CompanyIn) -> Any:
    """A company; its CVR number must pass the modulus-11 check, its industry be a DB07 code."""
    user = _editor(request)
    values = payload.dict(exclude={"area_id"})
    values["area"] = _area(user, payload.area_id)
    with audit.via(CHANNEL):
        return Status(201, services.company_create(actor=user, **values))


@router.get("/companies/{company_id}", response={200: CompanyOut, **READ})
def get_company(request: HttpRequest, company_id: int) -> Any:
    return selectors.company_get(user=reader(request), pk=company_id)


@router.patch("/companies/{company_id}", response={200: CompanyOut, **WRITE})
def update_company(request: HttpRequest, company_id: int, payload: CompanyPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    company = selectors.company_get(user=user, pk=company_id)
    access.require(user, access.COMPANY_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version", "area_id"})
    if "area_id" in payload.model_fields_set:
        values["area"] = _area(user, payload.area_id)
    with audit.via(CHANNEL):
        return services.company_update(
            actor=user, company=company, expected_version=payload.version, **values
        )


@router.get("/companies/{company_id}/contacts", response={200: list[ContactOut], **READ})
def list_contacts(request: HttpRequest, company_id: int) -> Any:
    company = selectors.company_get(user=reader(request), pk=company_id)
    return list(selectors.contacts_of(company))


@router.post("/companies/{company_id}/contacts", response={201: ContactOut, **CREATE})
def create_contact(request: HttpRequest, company_id: int, payload: ContactIn) -> Any:
    user = reader(request)
    company = selectors.company_get(user=user, pk=company_id)
    access.require(user, access.COMPANY_EDIT)
    with audit.via(CHANNEL):
        return Status(201, services.contact_create(actor=user, company=company, **payload.dict()))


@router.get("/companies/{company_id}/agreements", response={200: list[AgreementOut], **READ})
def list_agreements(request: HttpRequest, company_id: int) -> Any:
    company = selectors.company_get(user=reader(request), pk=company_id)
    return list(selectors.agreements_of(company))


@router.post("/companies/{company_id}/agreements", response={201: AgreementOut, **CREATE})
def create_agreement(request: HttpRequest, company_id: int, payload: AgreementIn) -> Any:
    """An agreement; a branchepakke's progression steps in order (``steps``)."""
    user = reader(request)
    company = selectors.company_get(user=user, pk=company_id)
    access.require(user, access.COMPANY_EDIT)
    with audit.via(CHANNEL):
        return Status(201, services.agreement_create(actor=user, company=company, **payload.dict()))


@router.patch("/company-contacts/{contact_id}", response={200: ContactOut, **WRITE})
def update_contact(request: HttpRequest, contact_id: int, payload: ContactPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    contact = selectors.contact_get(user=user, pk=contact_id)
    access.require(user, access.COMPANY_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.contact_update(
            actor=user, contact=contact, expected_version=payload.version, **values
        )


@router.patch("/company-agreements/{agreement_id}", response={200: AgreementOut, **WRITE})
def update_agreement(request: HttpRequest, agreement_id: int, payload: AgreementPatchIn) -> Any:
    """Change the fields sent (not the steps); ``version`` must be the one read, else 409."""
    user = reader(request)
    agreement = selectors.agreement_get(user=user, pk=agreement_id)
    access.require(user, access.COMPANY_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.agreement_update(
            actor=user, agreement=agreement, expected_version=payload.version, **values
        )


# --- openings ----------------------------------------------------------------------------------


@router.get("/openings", response={200: list[OpeningOut], **LIST})
@paginate(LimitOffset)
def list_openings(request: HttpRequest, filters: Query[OpeningFilters]) -> Any:
    """Openings by status, kind and company (no citizens' data)."""
    return selectors.openings_search(
        user=reader(request),
        status=filters.status or "",
        kind=filters.kind or "",
        company_id=filters.company_id,
    )


@router.post("/openings", response={201: OpeningOut, **CREATE})
def create_opening(request: HttpRequest, payload: OpeningIn) -> Any:
    user = _editor(request)
    company = _company(user, payload.company_id)
    values = payload.dict(exclude={"company_id", "area_id"})
    values["area"] = _area(user, payload.area_id)
    with audit.via(CHANNEL):
        return Status(201, services.opening_create(actor=user, company=company, **values))


@router.get("/openings/{opening_id}", response={200: OpeningOut, **READ})
def get_opening(request: HttpRequest, opening_id: int) -> Any:
    return selectors.opening_get(user=reader(request), pk=opening_id)


@router.patch("/openings/{opening_id}", response={200: OpeningOut, **WRITE})
def update_opening(request: HttpRequest, opening_id: int, payload: OpeningPatchIn) -> Any:
    """Change the fields sent; ``version`` must be the one read, else 409 (SEC-5)."""
    user = reader(request)
    opening = selectors.opening_get(user=user, pk=opening_id)
    access.require(user, access.COMPANY_EDIT)
    values = payload.dict(exclude_unset=True, exclude={"version", "area_id"})
    if "area_id" in payload.model_fields_set:
        values["area"] = _area(user, payload.area_id)
    if values.get("skills", []) is None:
        values.pop("skills")
    with audit.via(CHANNEL):
        return services.opening_update(
            actor=user, opening=opening, expected_version=payload.version, **values
        )


# --- proposals ---------------------------------------------------------------------------------


@router.get("/job-proposals", response={200: list[ProposalOut], **LIST})
@paginate(LimitOffset)
def list_proposals(request: HttpRequest, filters: Query[ProposalFilters]) -> Any:
    """Proposals of the persons the caller may see; a view is logged per person shown."""
    user = reader(request)
    qs = selectors.proposals_search(
        user=user, answer=filters.company_answer or "", opening_id=filters.opening_id
    )
    return LoggedPage(qs, lambda rows: _log(user, rows))


@router.post("/job-proposals", response={201: ProposalOut, **CREATE})
def create_proposal(request: HttpRequest, payload: ProposalIn) -> Any:
    """Propose a person to an open opening."""
    user = _editor(request)
    opening = _found(
        selectors.openings_for(user),
        "opening_id",
        payload.opening_id,
        _("Der er intet opslag med dette id."),
    )
    person = _person(user, payload.person_id)
    with audit.via(CHANNEL):
        proposal = services.proposal_create(
            actor=user, opening=opening, person=person, proposed_on=payload.proposed_on
        )
    return Status(201, proposal)


@router.get("/job-proposals/{proposal_id}", response={200: ProposalOut, **READ})
def get_proposal(request: HttpRequest, proposal_id: int) -> Any:
    user = reader(request)
    proposal = selectors.proposal_get(user=user, pk=proposal_id)
    _log(user, [proposal])
    return proposal


@router.post("/job-proposals/{proposal_id}/answer", response={200: ProposalOut, **WRITE})
def answer_proposal(request: HttpRequest, proposal_id: int, payload: AnswerIn) -> Any:
    """The company's answer (a declined proposal needs ``answer_reason``)."""
    user = reader(request)
    proposal = selectors.proposal_get(user=user, pk=proposal_id)
    access.require(user, access.COMPANY_EDIT)
    with audit.via(CHANNEL):
        return services.proposal_answer(
            actor=user,
            proposal=proposal,
            expected_version=payload.version,
            **payload.dict(exclude={"version"}),
        )


@router.post("/job-proposals/{proposal_id}/result", response={200: ProposalOut, **WRITE})
def record_result(request: HttpRequest, proposal_id: int, payload: ResultIn) -> Any:
    """Started (an accepted proposal with a place left: the activity goes on the person's
    integration plan) or not started (with ``result_reason``)."""
    user = reader(request)
    proposal = selectors.proposal_get(user=user, pk=proposal_id)
    access.require(user, access.COMPANY_EDIT)
    with audit.via(CHANNEL):
        return services.proposal_result(
            actor=user,
            proposal=proposal,
            expected_version=payload.version,
            **payload.dict(exclude={"version"}),
        )


# --- events ------------------------------------------------------------------------------------


@router.get("/job-events", response={200: list[EventOut], **LIST})
@paginate(LimitOffset)
def list_events(request: HttpRequest) -> Any:
    """Speed-dating events (no citizens' data; an event's page lists its invitations)."""
    return selectors.events_for(reader(request)).prefetch_related("companies")


@router.post("/job-events", response={201: EventOut, **CREATE})
def create_event(request: HttpRequest, payload: EventIn) -> Any:
    user = _editor(request)
    companies = [_company(user, pk) for pk in payload.company_ids]
    with audit.via(CHANNEL):
        event = services.event_create(
            actor=user,
            companies=companies,
            **payload.dict(exclude={"company_ids"}),
        )
    return Status(201, event)


@router.get("/job-events/{job_event_id}", response={200: EventDetailOut, **READ})
def get_event(request: HttpRequest, job_event_id: int) -> Any:
    """An event with its invitations and meetings; a view is logged per person shown."""
    user = reader(request)
    event = selectors.event_get(user=user, pk=job_event_id)
    invitations = selectors.invitations_of(user=user, event=event)
    meetings = selectors.meetings_of(user=user, event=event)
    _log(user, [*invitations, *meetings])
    event.invitations_shown = invitations  # type: ignore[attr-defined]
    event.meetings_shown = meetings  # type: ignore[attr-defined]
    return event


@router.post("/job-events/{job_event_id}/invitations", response={201: InvitationOut, **CREATE})
def invite(request: HttpRequest, job_event_id: int, payload: InvitationIn) -> Any:
    """Invite a person; the letter is in their language where a text exists, else Danish."""
    user = reader(request)
    event = selectors.event_get(user=user, pk=job_event_id)
    access.require(user, access.COMPANY_EDIT)
    person = _person(user, payload.person_id)
    with audit.via(CHANNEL):
        invitation = services.invitation_create(
            actor=user,
            event=event,
            person=person,
            invited_on=payload.invited_on,
            letter_language=payload.letter_language,
        )
    return Status(201, invitation)


@router.post("/job-events/{job_event_id}/meetings", response={201: EventMeetingOut, **CREATE})
def record_meeting(request: HttpRequest, job_event_id: int, payload: EventMeetingIn) -> Any:
    """A meeting at the event between an invited person and one of its companies."""
    user = reader(request)
    event = selectors.event_get(user=user, pk=job_event_id)
    access.require(user, access.COMPANY_EDIT)
    person = _person(user, payload.person_id)
    company = _company(user, payload.company_id)
    with audit.via(CHANNEL):
        meeting = services.meeting_create(
            actor=user,
            event=event,
            person=person,
            company=company,
            outcome=payload.outcome,
            note=payload.note,
        )
    return Status(201, meeting)
