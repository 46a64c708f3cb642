"""Reads of the audit log and the security events, scoped to the acting user's municipality."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from velkomst.people.models import Person

from . import access, fields
from .models import AuditEntry, SecurityEvent, StaffUser


def audit_person_search(*, user: StaffUser, query: str) -> QuerySet[Person]:
    """Find a citizen for an access request by CPR or name (own municipality only)."""
    access.require(user, access.AUDIT_VIEW)
    query = query.strip()
    if not query:
        return Person.objects.none()
    digits = query.replace("-", "")
    condition = Q()
    if digits.isdigit():
        prefix = fields.cpr_search_prefix(user, digits)
        if prefix is None:
            condition = Q(pk__in=[])
        elif prefix == digits and fields.level(user, fields.CPR) == fields.FULL:
            condition = Q(cpr=digits)
        else:  # a role that sees CPR numbers masked finds by the birth date part only (no oracle)
            condition = Q(cpr__startswith=prefix)
    for word in query.split():
        if not word.replace("-", "").isdigit():
            condition &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    return Person.objects.filter(condition, municipality_id=access.tenant_id(user)).select_related(
        "household"
    )[:50]


def audit_person_get(*, user: StaffUser, pk: int) -> Person:
    access.require(user, access.AUDIT_VIEW)
    person = Person.objects.filter(pk=pk, municipality_id=access.tenant_id(user)).first()
    if person is None:
        raise Http404
    return person


def audit_entries_for_person(*, user: StaffUser, person: Person) -> QuerySet[AuditEntry]:
    """Every logged read and change of one citizen's data (SEC-3 access request)."""
    access.require(user, access.AUDIT_VIEW)
    return AuditEntry.objects.filter(
        municipality_id=access.tenant_id(user), person_id=person.pk
    ).order_by("-at", "-id")


def security_events(
    *,
    user: StaffUser,
    date_from: date | None = None,
    date_to: date | None = None,
    actor: StaffUser | None = None,
) -> QuerySet[SecurityEvent]:
    """The refused requests of the administrator's own municipality's staff, newest first."""
    access.require(user, access.ADMIN_SITE)
    qs = SecurityEvent.objects.filter(municipality_id=access.tenant_id(user))
    if date_from is not None:
        qs = qs.filter(at__date__gte=date_from)
    if date_to is not None:
        qs = qs.filter(at__date__lte=date_to)
    if actor is not None:
        qs = qs.filter(actor_id=actor.pk)
    return qs.order_by("-at", "-id")


def security_event_actors(user: StaffUser) -> QuerySet[StaffUser]:
    """The municipality's staff, former members included, to filter the events by."""
    access.require(user, access.ADMIN_SITE)
    return StaffUser.objects.filter(municipality_id=access.tenant_id(user)).order_by(
        "first_name", "last_name", "username"
    )
