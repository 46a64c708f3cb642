"""Reads of the companies register (PRG-4), always scoped to the acting user's municipality;
another municipality's record is a 404. Proposals, invitations and meetings name persons: they
are limited to the persons the user may see (people.selectors.persons_visible_to)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from . import industries
from .models import (
    AgreementStep,
    Company,
    CompanyAgreement,
    CompanyAnswer,
    CompanyContact,
    EventInvitation,
    EventMeeting,
    MatchEvent,
    Opening,
    OpeningStatus,
    Proposal,
    ProposalResult,
)


def _tenant(user: StaffUser) -> int:
    access.require(user, access.COMPANY_VIEW)
    return access.tenant_id(user)


def _one(qs: QuerySet, pk: int):  # type: ignore[no-untyped-def,type-arg]
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- companies ---------------------------------------------------------------------------------


def companies_for(user: StaffUser) -> QuerySet[Company]:
    return Company.objects.filter(municipality_id=_tenant(user))


def companies_search(
    *, user: StaffUser, q: str = "", division: str = "", area_id: int | None = None
) -> QuerySet[Company]:
    """By name or CVR number (``q``), industry division (two digits) and area; with the count
    of open openings."""
    qs = companies_for(user).select_related("area")
    q = q.strip()
    if q:
        digits = q.replace(" ", "")
        qs = qs.filter(Q(name__icontains=q) | Q(cvr__startswith=digits))
    if division:
        qs = qs.filter(industry__startswith=industries.compact(division)[:2])
    if area_id:
        qs = qs.filter(area_id=area_id)
    return qs.annotate(
        open_openings=Count("openings", filter=Q(openings__status=OpeningStatus.OPEN))
    ).order_by("name", "id")


def company_get(*, user: StaffUser, pk: int) -> Company:
    return _one(companies_for(user).select_related("area"), pk)


def contacts_of(company: Company) -> QuerySet[CompanyContact]:
    return CompanyContact.objects.filter(company=company).order_by("name", "id")


def contacts_for(user: StaffUser) -> QuerySet[CompanyContact]:
    return CompanyContact.objects.filter(municipality_id=_tenant(user)).select_related("company")


def contact_get(*, user: StaffUser, pk: int) -> CompanyContact:
    return _one(contacts_for(user), pk)


def agreements_for(user: StaffUser) -> QuerySet[CompanyAgreement]:
    return (
        CompanyAgreement.objects.filter(municipality_id=_tenant(user))
        .select_related("company")
        .prefetch_related("steps")
    )


def agreements_of(company: Company) -> QuerySet[CompanyAgreement]:
    return CompanyAgreement.objects.filter(company=company).prefetch_related("steps")


def agreement_get(*, user: StaffUser, pk: int) -> CompanyAgreement:
    return _one(agreements_for(user), pk)


def step_get(*, user: StaffUser, pk: int) -> AgreementStep:
    step = (
        AgreementStep.objects.filter(agreement__municipality_id=_tenant(user), pk=pk)
        .select_related("agreement", "agreement__company")
        .first()
    )
    if step is None:
        raise Http404
    return step


# --- openings ----------------------------------------------------------------------------------


def openings_for(user: StaffUser) -> QuerySet[Opening]:
    return Opening.objects.filter(municipality_id=_tenant(user))


def openings_search(
    *,
    user: StaffUser,
    status: str = OpeningStatus.OPEN,
    kind: str = "",
    area_id: int | None = None,
    company_id: int | None = None,
) -> QuerySet[Opening]:
    """The job consultant's opening list: with the company and area, and the proposals counted
    (pending answers, started) in the same query."""
    qs = openings_for(user).select_related("company", "area")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if area_id:
        qs = qs.filter(area_id=area_id)
    if company_id:
        qs = qs.filter(company_id=company_id)
    return qs.annotate(
        proposals_pending=Count(
            "proposals", filter=Q(proposals__company_answer=CompanyAnswer.PENDING)
        ),
        proposals_started=Count("proposals", filter=Q(proposals__result=ProposalResult.STARTED)),
    ).order_by("start_on", "id")


def opening_get(*, user: StaffUser, pk: int) -> Opening:
    return _one(openings_for(user).select_related("company", "area"), pk)


def started_count(opening: Opening) -> int:
    return opening.proposals.filter(result=ProposalResult.STARTED).count()


# --- proposals ---------------------------------------------------------------------------------


def proposals_for(user: StaffUser) -> QuerySet[Proposal]:
    """Proposals of the persons the user may see."""
    return Proposal.objects.filter(
        municipality_id=_tenant(user),
        person__in=persons_visible_to(user).values("pk"),
    )


def proposals_search(
    *, user: StaffUser, answer: str = "", result: str | None = None, opening_id: int | None = None
) -> QuerySet[Proposal]:
    qs = proposals_for(user).select_related("person", "opening", "opening__company", "proposed_by")
    if answer:
        qs = qs.filter(company_answer=answer)
    if result is not None:
        qs = qs.filter(result=result)
    if opening_id:
        qs = qs.filter(opening_id=opening_id)
    return qs.order_by("-proposed_on", "-id")


def proposal_get(*, user: StaffUser, pk: int) -> Proposal:
    return _one(
        proposals_for(user).select_related("person", "opening", "opening__company", "proposed_by"),
        pk,
    )


def proposals_of(*, user: StaffUser, opening: Opening) -> list[Proposal]:
    return list(proposals_search(user=user, opening_id=opening.pk))


def proposals_of_company(*, user: StaffUser, company: Company) -> list[Proposal]:
    return list(
        proposals_for(user)
        .filter(opening__company=company)
        .select_related("person", "opening")
        .order_by("-proposed_on", "-id")[:50]
    )


def person_get(*, user: StaffUser, pk: int) -> Person:
    person = persons_visible_to(user, few=True).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def persons_to_propose(user: StaffUser) -> QuerySet[Person]:
    """Adults the user may see, for the propose and invite forms' choice of person."""
    today = timezone.localdate()
    adult = date(today.year - 18, today.month, min(today.day, 28))
    return (
        persons_visible_to(user)
        .filter(birth_date__lte=adult)
        .order_by("last_name", "first_name", "id")
    )


# --- events ------------------------------------------------------------------------------------


def events_for(user: StaffUser) -> QuerySet[MatchEvent]:
    return MatchEvent.objects.filter(municipality_id=_tenant(user))


def events_list(user: StaffUser) -> QuerySet[MatchEvent]:
    return events_for(user).annotate(
        invited=Count("invitations", distinct=True),
        company_count=Count("companies", distinct=True),
    )


def event_get(*, user: StaffUser, pk: int) -> MatchEvent:
    return _one(events_for(user).prefetch_related("companies"), pk)


def invitations_of(*, user: StaffUser, event: MatchEvent) -> list[EventInvitation]:
    return list(
        EventInvitation.objects.filter(
            event=event, person__in=persons_visible_to(user).values("pk")
        )
        .select_related("person")
        .prefetch_related("person__languages")
        .order_by("person__last_name", "person__first_name", "id")
    )


def invitations_for(user: StaffUser) -> QuerySet[EventInvitation]:
    return EventInvitation.objects.filter(
        municipality_id=_tenant(user),
        person__in=persons_visible_to(user).values("pk"),
    ).select_related("person", "event")


def invitation_get(*, user: StaffUser, pk: int) -> EventInvitation:
    return _one(invitations_for(user), pk)


def meetings_of(*, user: StaffUser, event: MatchEvent) -> list[EventMeeting]:
    return list(
        EventMeeting.objects.filter(event=event, person__in=persons_visible_to(user).values("pk"))
        .select_related("person", "company")
        .order_by("id")
    )


def meetings_for(user: StaffUser) -> QuerySet[EventMeeting]:
    return EventMeeting.objects.filter(
        municipality_id=_tenant(user),
        person__in=persons_visible_to(user).values("pk"),
    ).select_related("person", "company", "event")


def meeting_get(*, user: StaffUser, pk: int) -> EventMeeting:
    return _one(meetings_for(user), pk)


# --- start page --------------------------------------------------------------------------------


def start_page_counts(user: StaffUser) -> dict[str, int]:
    """The job consultant's panel: open openings, proposals awaiting an answer, events coming."""
    today = timezone.localdate()
    return {
        "open_openings": openings_for(user).filter(status=OpeningStatus.OPEN).count(),
        "awaiting_answer": proposals_for(user).filter(company_answer=CompanyAnswer.PENDING).count(),
        "events_coming": events_for(user).filter(held_on__gte=today).count(),
    }
