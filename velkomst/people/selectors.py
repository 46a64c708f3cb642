"""Reads of households, persons and cases, always scoped to the acting user's municipality.

Another municipality's object is a 404 (Http404), never a 403: its existence is not disclosed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access, fields
from velkomst.core.models import StaffUser

from .models import AssignmentKind, Case, CaseAssignment, Household, JournalNote, Person


def households_visible_to(user: StaffUser) -> QuerySet[Household]:
    """The households a user may see: all of the municipality's for roles with that need, else
    those their units work with, or where they are a member's caseworker or contact person."""
    if not access.can(user, access.PERSON_VIEW):
        return Household.objects.none()
    qs = Household.objects.filter(municipality_id=access.tenant_id(user))
    if access.can(user, access.SEE_ALL_CITIZENS):
        return qs
    own_unit = Household.units.through.objects.filter(
        household_id=OuterRef("pk"), unit__in=user.units.all()
    )
    own_case = Case.objects.filter(person__household_id=OuterRef("pk")).filter(
        Q(caseworker=user)
        | Exists(
            CaseAssignment.objects.filter(case_id=OuterRef("pk"), staff=user, ended_at__isnull=True)
        )
    )
    return qs.filter(Exists(own_unit) | Exists(own_case))


def own_cases(user: StaffUser) -> QuerySet[Case]:
    """The cases a user holds: as the fixed caseworker or a current contact person (REC-5). A
    user's own citizens and own tasks are these cases' (REC-4)."""
    return Case.objects.filter(municipality_id=access.tenant_id(user)).filter(
        Q(caseworker=user)
        | Exists(
            CaseAssignment.objects.filter(case_id=OuterRef("pk"), staff=user, ended_at__isnull=True)
        )
    )


def persons_visible_to(user: StaffUser) -> QuerySet[Person]:
    return Person.objects.filter(
        municipality_id=access.tenant_id(user), household__in=households_visible_to(user)
    )


def person_list(
    *,
    user: StaffUser,
    query: str = "",
    phase: str = "",
    nationality: str = "",
    mine: bool = False,
    arriving: int | None = None,
) -> QuerySet[Person]:
    """The 'my citizens' list: search by name, CPR or household; filter by phase, nationality
    and households expected to arrive within ``arriving`` days from today (not yet arrived)."""
    qs = persons_visible_to(user).select_related("household", "case", "case__caseworker")
    query = query.strip()
    if query:
        digits = query.replace("-", "")
        condition = Q()
        for word in query.split():
            condition &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(household__name__icontains=word)
            )
        prefix = fields.cpr_search_prefix(user, digits) if digits.isdigit() else None
        if prefix:  # a role that sees CPR numbers masked searches on the birth date part only
            condition |= Q(cpr__startswith=prefix)
        qs = qs.filter(condition)
    if phase:
        qs = qs.filter(case__phase=phase)
    if nationality:
        qs = qs.filter(nationality=nationality.upper())
    if arriving is not None:
        today = timezone.localdate()
        soon = Household.objects.filter(  # few households: the person index does the rest
            municipality_id=access.tenant_id(user),
            arrival_date__isnull=True,
            expected_arrival_date__gte=today,
            expected_arrival_date__lte=today + timedelta(days=arriving),
        )
        qs = qs.filter(household__in=soon)
    if mine:
        qs = qs.filter(Exists(own_cases(user).filter(person_id=OuterRef("pk"))))
    return qs.order_by("last_name", "first_name", "id")


def person_get(*, user: StaffUser, pk: int) -> Person:
    person = (
        persons_visible_to(user)
        .select_related("household", "case", "case__caseworker")
        .prefetch_related("languages")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def household_get(*, user: StaffUser, pk: int) -> Household:
    household = (
        households_visible_to(user)
        .prefetch_related(
            "units",
            Prefetch(
                "members",
                queryset=Person.objects.select_related("case", "case__caseworker").prefetch_related(
                    "languages"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if household is None:
        raise Http404
    return household


def case_get(*, user: StaffUser, pk: int) -> Case:
    case = (
        Case.objects.filter(person__in=persons_visible_to(user), pk=pk)
        .select_related("person", "caseworker")
        .first()
    )
    if case is None:
        raise Http404
    return case


def case_contact_persons(case: Case) -> list[CaseAssignment]:
    return list(
        case.assignments.filter(kind=AssignmentKind.CONTACT, ended_at__isnull=True).select_related(
            "staff"
        )
    )


def case_assignment_history(case: Case) -> QuerySet[CaseAssignment]:
    return case.assignments.select_related("staff", "actor").order_by("-started_at", "-id")


def case_phase_history(case: Case) -> QuerySet:
    return case.transitions.select_related("actor").order_by("-recorded_at", "-id")


def case_notes(case: Case) -> QuerySet[JournalNote]:
    return case.notes.select_related("author", "corrects").prefetch_related("corrections")


def contact_person_choices(user: StaffUser) -> QuerySet[StaffUser]:
    """The staff a case's contact person may be chosen from: roles that work with citizens."""
    return staff_in_municipality(user, roles=access.CONTACT_PERSON_ROLES)


def staff_in_municipality(
    user: StaffUser, *, roles: Iterable[str] | None = None
) -> QuerySet[StaffUser]:
    qs = StaffUser.objects.filter(municipality_id=access.tenant_id(user), is_active=True)
    if roles:
        qs = qs.filter(role__in=roles)
    return qs.order_by("first_name", "last_name")
