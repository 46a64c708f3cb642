"""Reads for visitation imports, always scoped to the acting user's municipality.

Another municipality's batch is a 404, never a 403: its existence is not disclosed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from .models import ImportBatch
from .validation import ExistingPerson

# Up to this many birth dates and CPR numbers are looked up with IN (...); above it one query
# reads the municipality's persons' (name, birth date, CPR) instead. Either way: one query.
MAX_IN_LOOKUP = 2000


def batches_for(user: StaffUser) -> QuerySet[ImportBatch]:
    access.require(user, access.HOUSEHOLD_CREATE)
    return ImportBatch.objects.filter(municipality_id=access.tenant_id(user))


def batch_list(*, user: StaffUser, limit: int = 20) -> list[ImportBatch]:
    return list(
        batches_for(user)
        .select_related("created_by")
        .defer("rows", "problems", "duplicates")
        .order_by("-created_at", "-id")[:limit]
    )


def batch_get(*, user: StaffUser, pk: int) -> ImportBatch:
    batch = batches_for(user).select_related("created_by", "decided_by").filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def batches_with_same_file(*, batch: ImportBatch) -> list[ImportBatch]:
    """Earlier imports of the very same file (same SHA-256) in the municipality."""
    return list(
        ImportBatch.objects.filter(
            municipality_id=batch.municipality_id, sha256=batch.sha256, status="imported"
        )
        .exclude(pk=batch.pk)
        .select_related("decided_by")
        .defer("rows", "problems", "duplicates")
    )


def existing_persons(
    *, municipality_id: int, birth_dates: Iterable[date], cprs: Iterable[str]
) -> list[ExistingPerson]:
    """The municipality's persons who could be a duplicate of a row: same birth date or CPR.

    One query whatever the file's size (REC-1: duplicates are looked up in bulk, not per row).
    """
    dates, numbers = set(birth_dates), {c for c in cprs if c}
    qs = Person.objects.filter(municipality_id=municipality_id)
    if len(dates) + len(numbers) <= MAX_IN_LOOKUP:
        qs = qs.filter(Q(birth_date__in=dates) | Q(cpr__in=numbers))
    rows = qs.values_list(
        "id", "first_name", "last_name", "birth_date", "cpr", "household_id", "household__name"
    )
    return [
        ExistingPerson(*row)
        for row in rows.iterator(chunk_size=5000)
        if row[3] in dates or (row[4] and row[4] in numbers)
    ]


def visible_person_ids(*, user: StaffUser, person_ids: Iterable[int]) -> set[int]:
    """Of these persons, the ones this user may open (for links on the review page)."""
    ids = list(set(person_ids))
    if not ids or not access.can(user, access.PERSON_VIEW):
        return set()
    return set(persons_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
