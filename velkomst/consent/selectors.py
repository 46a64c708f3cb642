"""Reads of consent (COO-4): "may X be shared with Y for Z now?" and the person's consents.

``covering`` and ``persons_consenting`` answer for the moment ``at`` (default: now): a consent
covers when it was given on or before that day, has not expired (``valid_until``) and was not
withdrawn at or before that moment; a purpose that names units covers only the units it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.models import StaffUser, Unit
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from . import policy
from .models import Consent, Disclosure, names_units


def _in_force(at: datetime) -> Q:
    day = timezone.localdate(at)
    return (
        Q(given_on__lte=day)
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        & (Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at))
    )


def _covering_qs(purpose: str, unit: Unit | None, at: datetime | None) -> QuerySet[Consent]:
    qs = Consent.objects.filter(_in_force(at or timezone.now()), purpose=purpose)
    if names_units(purpose):
        if unit is None:
            return qs.none()  # a share between units names the receiving unit
        qs = qs.filter(units=unit)
    return qs


def covering(
    person: Person, purpose: str, unit: Unit | None = None, at: datetime | None = None
) -> Consent | None:
    """The person's consent in force at ``at`` that lets ``purpose`` go to ``unit`` (for the
    contact purposes: to volunteers or associations), or None."""
    return (
        _covering_qs(purpose, unit, at)
        .filter(person_id=person.pk)
        .order_by("-given_on", "-id")
        .first()
    )


def persons_consenting(
    person_ids: Iterable[int], purpose: str, unit: Unit | None = None, at: datetime | None = None
) -> set[int]:
    """Which of ``person_ids`` have a consent in force at ``at`` for ``purpose`` (one query)."""
    ids = list(person_ids)
    if not ids:
        return set()
    return set(
        _covering_qs(purpose, unit, at)
        .filter(person_id__in=ids)
        .values_list("person_id", flat=True)
        .distinct()
    )


def consents_for(*, user: StaffUser, person: Person) -> list[Consent]:
    """The person's consents the user may see (health ones only for health readers)."""
    return list(
        Consent.objects.filter(
            municipality_id=access.tenant_id(user),
            person=person,
            purpose__in=policy.purposes_viewable(user),
        )
        .select_related("recorded_by", "withdrawn_by")
        .prefetch_related("units")
    )


def disclosures_for(*, user: StaffUser, person: Person) -> list[Disclosure]:
    return list(
        Disclosure.objects.filter(
            municipality_id=access.tenant_id(user),
            person=person,
            purpose__in=policy.purposes_viewable(user),
        ).select_related("unit", "shared_by")[:200]
    )


def consent_get(*, user: StaffUser, pk: int) -> Consent:
    found: Any = (
        Consent.objects.filter(
            municipality_id=access.tenant_id(user),
            person__in=persons_visible_to(user),
            purpose__in=policy.purposes_viewable(user),
            pk=pk,
        )
        .select_related("person")
        .first()
    )
    if found is None:
        raise Http404
    return found


def units_for(user: StaffUser) -> QuerySet[Unit]:
    return Unit.objects.filter(municipality_id=access.tenant_id(user)).order_by("name")
