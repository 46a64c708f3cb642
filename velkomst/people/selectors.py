"""Reads of households, persons and cases, always scoped to the acting user's municipality.

Another municipality's object is a 404 (Http404), never a 403: its existence is not disclosed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from velkomst.core import access, fields
from velkomst.core.models import StaffUser

from . import search
from .models import AssignmentKind, Case, CaseAssignment, Household, JournalNote, Person


def _visible(user: StaffUser, household: str) -> Q:
    """Who sees which household, as a condition on the household id field ``household``: the
    households of the user's units, or with a case whose caseworker is the user or with the user
    as a current contact person (or any open assignment).

    For lists: three uncorrelated ``IN`` subqueries over indexed columns, each computed once per
    query (a hashed subplan on PostgreSQL, an ephemeral index on SQLite) instead of an
    ``EXISTS`` per row; a person's ``household_id`` is tested directly (index-only with the
    (municipality, household) index), without a join to the household."""
    units = StaffUser.units.through.objects.filter(staffuser_id=user.pk).values("unit_id")
    of_units = Household.units.through.objects.filter(unit_id__in=units).values("household_id")
    as_caseworker = Case.objects.filter(
        municipality_id=access.tenant_id(user), caseworker_id=user.pk
    ).values("person__household_id")
    as_assigned = CaseAssignment.objects.filter(staff_id=user.pk, ended_at__isnull=True).values(
        "case__person__household_id"
    )
    return (
        Q(**{f"{household}__in": of_units})
        | Q(**{f"{household}__in": as_caseworker})
        | Q(**{f"{household}__in": as_assigned})
    )


def _visible_few(user: StaffUser, household: str) -> Q:
    """The same condition for a query that selects few rows (one object by its id, a search
    answered from its index): ``EXISTS`` probes of the indexes for those households only,
    instead of building the lists of every visible household."""
    ref = OuterRef(household)
    units = StaffUser.units.through.objects.filter(staffuser_id=user.pk).values("unit_id")
    of_units = Household.units.through.objects.filter(household_id=ref, unit_id__in=units)
    as_caseworker = Case.objects.filter(person__household_id=ref, caseworker_id=user.pk)
    as_assigned = CaseAssignment.objects.filter(
        case__person__household_id=ref, staff_id=user.pk, ended_at__isnull=True
    )
    return Q(Exists(of_units)) | Q(Exists(as_caseworker)) | Q(Exists(as_assigned))


def households_visible_to(user: StaffUser, *, few: bool = False) -> QuerySet[Household]:
    """The households a user may see: all of the municipality's for roles with that need, else
    those their units work with, or where they are a member's caseworker or contact person.
    ``few``: the query selects few rows, e.g. one by its id (EXISTS probes, no lists)."""
    if not access.can(user, access.PERSON_VIEW):
        return Household.objects.none()
    qs = Household.objects.filter(municipality_id=access.tenant_id(user))
    if access.can(user, access.SEE_ALL_CITIZENS):
        return qs
    return qs.filter((_visible_few if few else _visible)(user, "pk"))


def persons_visible_to(user: StaffUser, *, few: bool = False) -> QuerySet[Person]:
    """The persons of the households ``households_visible_to`` gives, tested on the person's
    own ``household_id`` (no subquery through the household table)."""
    if not access.can(user, access.PERSON_VIEW):
        return Person.objects.none()
    qs = Person.objects.filter(municipality_id=access.tenant_id(user))
    if access.can(user, access.SEE_ALL_CITIZENS):
        return qs
    return qs.filter((_visible_few if few else _visible)(user, "household_id"))


def _name_contains(word: str) -> Q:
    """Persons whose folded names contain ``word``, from a trigram index: pg_trgm's GIN index on
    PostgreSQL answers the LIKE itself; on SQLite the FTS5 trigram table (migration 0005) does,
    for words of three letters or more (shorter ones scan the column)."""
    plain = not set(word) & set("%_\\")  # no LIKE wildcard to escape (the index takes none)
    if connection.vendor == "sqlite" and len(word) >= 3 and plain:
        return Q(
            pk__in=RawSQL(
                "SELECT rowid FROM people_person_search WHERE search_name LIKE %s",
                [f"%{word}%"],
            )
        )
    return Q(search_name__contains=word)


def own_cases(user: StaffUser) -> QuerySet[Case]:
    """The cases a user holds: as the fixed caseworker or a current contact person (REC-5). A
    user's own citizens and own tasks are these cases' (REC-4)."""
    assigned = CaseAssignment.objects.filter(staff=user, ended_at__isnull=True).values("case_id")
    return Case.objects.filter(municipality_id=access.tenant_id(user)).filter(
        Q(caseworker=user) | Q(pk__in=assigned)  # uncorrelated: no subquery per row (SEC-2)
    )


def _cpr_prefix(prefix: str) -> Q:
    """CPR numbers starting with ``prefix`` (digits) as a range on the indexed column, which
    both databases answer from the (municipality, cpr) index, unlike LIKE 'x%' under a
    case-insensitive LIKE (SQLite) or a non-C collation (PostgreSQL)."""
    condition = Q(cpr__gte=prefix)
    if prefix.strip("9"):
        condition &= Q(cpr__lt=str(int(prefix) + 1).zfill(len(prefix)))
    return condition


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
    query = query.strip()
    # a search selects few rows from its index: probe those, rather than list every visible one
    qs = persons_visible_to(user, few=bool(query)).select_related(
        "household", "case", "case__caseworker"
    )
    if query:
        digits = query.replace("-", "").replace(" ", "")
        prefix = fields.cpr_search_prefix(user, digits) if digits.isdigit() else None
        if prefix:  # a role that sees CPR numbers masked searches on the birth date part only
            # digits are a CPR number, not a name: the (municipality, cpr) index answers
            condition = _cpr_prefix(prefix)
        else:
            condition = Q()
            for word in query.split():  # the names and the household's name, folded
                condition &= _name_contains(search.fold(word))
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
        if arriving is not None or query:
            # few rows: probe each one's case. An id list here would give SQLite two lists to
            # search the person index by (arriving households x own persons: 10 s at 50,000)
            qs = qs.filter(Exists(own_cases(user).filter(person_id=OuterRef("pk"))))
        else:
            qs = qs.filter(pk__in=own_cases(user).values("person_id"))
    return qs.order_by("last_name", "first_name", "id")


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator that counts at most ``cap`` rows: a list of 50,000 visible persons is not
    counted to the last one on every page view (the count was most of the caseworker's SQL at
    50,000 persons, docs/performance.md). The count reads ``cap + 1`` ids without sorting them
    and stops; ``capped`` says there are more, and the pages end at the cap (search or filter to
    reach the rest)."""

    def __init__(self, object_list: Any, per_page: int, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self) -> int:
        found = self.object_list.order_by()[: self.cap + 1].count()  # type: ignore[attr-defined]
        self.capped = found > self.cap
        return min(found, self.cap)


def person_page(persons: QuerySet[Person], number: str | int | None, size: int) -> Page[Person]:
    """One page of a person list (``person_list``): the count (at most
    ``VELKOMST_LIST_COUNT_CAP``), the sort and the offset read ids only, from the indexes; then
    the page's rows with their household, case and caseworker are fetched by id, without testing
    visibility again (one query more, but no join for the rows skipped on the way to page 50)."""
    paginator = CappedPaginator(
        persons.values_list("pk", flat=True), size, cap=settings.VELKOMST_LIST_COUNT_CAP
    )
    id_page = paginator.get_page(number)
    ids = list(id_page.object_list)
    rows = Person.objects.filter(pk__in=ids).select_related("household", "case", "case__caseworker")
    by_id = {person.pk: person for person in rows}  # visible: the ids came from ``persons``
    return Page([by_id[pk] for pk in ids], id_page.number, id_page.paginator)  # type: ignore[arg-type]


def person_get(*, user: StaffUser, pk: int) -> Person:
    person = (
        persons_visible_to(user, few=True)
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
        households_visible_to(user, few=True)
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
        Case.objects.filter(person__in=persons_visible_to(user, few=True), pk=pk)
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
