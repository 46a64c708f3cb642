"""Reads of events and associations (CIV-4, CIV-5) and leisure participation (CHI-4), tenant-
scoped: events and associations by the user's municipality; a person's invitations, free
memberships and participation only for the persons the user may see
(``people.selectors.persons_visible_to``), and so are the counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.engines import continuity
from velkomst.housing.models import Area
from velkomst.people.models import Household, Person
from velkomst.people.selectors import persons_visible_to

from .models import (
    Activity,
    Association,
    AssociationContact,
    Event,
    EventAttendance,
    FreeMembership,
    Invitation,
    Participation,
)

ADULT_AGE = 18


def today() -> date:
    return timezone.localdate()


def _tenant(user: StaffUser) -> int:
    access.require(user, access.COMMUNITY_VIEW)
    return access.tenant_id(user)


def _one(qs: QuerySet[Any], pk: int) -> Any:
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _seen(user: StaffUser) -> Any:
    return persons_visible_to(user).values("pk")


def adult_born_before(day: date) -> date:
    """Persons born on or before this day are 18 or older on ``day``."""
    try:
        return day.replace(year=day.year - ADULT_AGE)
    except ValueError:  # 29 February
        return date(day.year - ADULT_AGE, 2, 28)


# --- events ------------------------------------------------------------------------------------


def events_for(user: StaffUser) -> QuerySet[Event]:
    return Event.objects.filter(municipality_id=_tenant(user))


def events_list(
    user: StaffUser, *, when: str = "", kind: str = "", missing: bool = False
) -> QuerySet[Event]:
    """Events with their numbers invited and attended; ``when``: "coming" or "past";
    ``missing``: held events with an invitee whose attendance is not recorded."""
    qs = events_for(user).select_related("area", "association")
    day = today()
    if when == "coming":
        qs = qs.filter(held_on__gte=day).order_by("held_on", "starts_at", "id")
    elif when == "past":
        qs = qs.filter(held_on__lt=day).order_by("-held_on", "-starts_at", "-id")
    else:
        qs = qs.order_by("-held_on", "-starts_at", "-id")
    if kind:
        qs = qs.filter(kind=kind)
    if missing:
        qs = qs.filter(
            held_on__lt=day,
            pk__in=Invitation.objects.filter(attendance=EventAttendance.UNKNOWN).values("event_id"),
        )
    return qs.annotate(
        invited=Count("invitations", distinct=True),
        attended=Count(
            "invitations", filter=Q(invitations__attendance=EventAttendance.ATTENDED), distinct=True
        ),
    )


def event_get(*, user: StaffUser, pk: int) -> Event:
    return _one(events_for(user).select_related("area", "association"), pk)


def invitations_of(*, user: StaffUser, event: Event) -> list[Invitation]:
    return list(
        Invitation.objects.filter(event=event, person__in=_seen(user))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "id")
    )


def invitations_for(user: StaffUser) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        municipality_id=_tenant(user), person__in=_seen(user)
    ).select_related("person", "event")


def invitation_get(*, user: StaffUser, pk: int) -> Invitation:
    return _one(invitations_for(user), pk)


PICK_ROWS = 30  # a picker's search shows at most this many persons and households


def persons_to_invite(user: StaffUser) -> QuerySet[Person]:
    return persons_visible_to(user).order_by("last_name", "first_name", "id")


def persons_found(user: StaffUser, query: str) -> list[Person]:
    """The persons a picker's search finds (by name, CPR or household; none without a word)."""
    from velkomst.people.selectors import person_list

    if not query.strip():
        return []
    return list(
        person_list(user=user, query=query).order_by("last_name", "first_name", "id")[:PICK_ROWS]
    )


def households_found(user: StaffUser, query: str) -> list[Household]:
    if not query.strip():
        return []
    return list(households_to_invite(user).filter(name__icontains=query.strip())[:PICK_ROWS])


def households_to_invite(user: StaffUser) -> QuerySet[Household]:
    return Household.objects.filter(
        pk__in=persons_visible_to(user).values("household_id")
    ).order_by("name", "id")


def areas_for(user: StaffUser) -> QuerySet[Area]:
    return Area.objects.filter(municipality_id=access.tenant_id(user)).order_by("name")


# --- associations ------------------------------------------------------------------------------


def associations_for(user: StaffUser) -> QuerySet[Association]:
    return Association.objects.filter(municipality_id=_tenant(user))


def associations_list(user: StaffUser) -> QuerySet[Association]:
    """Associations with their activities and the persons (seen by the user) active now."""
    day = today()
    active = Q(participations__person__in=_seen(user)) & Q(
        Q(participations__ended_on__isnull=True) | Q(participations__ended_on__gte=day)
    )
    return (
        associations_for(user)
        .select_related("area")
        .annotate(
            activity_count=Count("activities", distinct=True),
            active_count=Count("participations__person", filter=active, distinct=True),
        )
        .order_by("name", "id")
    )


def association_get(*, user: StaffUser, pk: int) -> Association:
    return _one(associations_for(user).select_related("area"), pk)


def activities_of(association: Association) -> list[Activity]:
    return list(Activity.objects.filter(association=association).order_by("name", "id"))


def memberships_of(*, user: StaffUser, association: Association) -> list[FreeMembership]:
    return list(
        FreeMembership.objects.filter(association=association, person__in=_seen(user))
        .select_related("person")
        .order_by("-starts_on", "-id")
    )


SHOWN_ROWS = 100  # an association's page lists at most this many participants (active first)


def participations_of(*, user: StaffUser, association: Association) -> list[Participation]:
    """The association's participants the user sees, active first, at most ``SHOWN_ROWS``."""
    return list(
        Participation.objects.filter(association=association, person__in=_seen(user))
        .select_related("person", "activity")
        .order_by(F("ended_on").desc(nulls_first=True), "-started_on", "-id")[:SHOWN_ROWS]
    )


def contacts_of(*, user: StaffUser, association: Association) -> list[AssociationContact]:
    return list(
        AssociationContact.objects.filter(association=association, person__in=_seen(user))
        .select_related("person", "by")
        .order_by("-contacted_at", "-id")
    )


def participations_for(user: StaffUser) -> QuerySet[Participation]:
    return Participation.objects.filter(
        municipality_id=_tenant(user), person__in=_seen(user)
    ).select_related("person", "association", "activity")


def participation_get(*, user: StaffUser, pk: int) -> Participation:
    return _one(participations_for(user), pk)


def memberships_for(user: StaffUser) -> QuerySet[FreeMembership]:
    return FreeMembership.objects.filter(
        municipality_id=_tenant(user), person__in=_seen(user)
    ).select_related("person", "association")


# --- continuity and balance (CIV-5, CHI-4) -----------------------------------------------------


def spells(qs: QuerySet[Participation]) -> list[continuity.Spell]:
    """The participations as the engine's spells; a person is a child when under 18 at their
    first start (one query)."""
    rows = list(
        qs.values_list("person_id", "person__sex", "person__birth_date", "started_on", "ended_on")
    )
    first: dict[int, date] = {}
    for person_id, _sex, _born, started, _ended in rows:
        if person_id not in first or started < first[person_id]:
            first[person_id] = started
    return [
        continuity.Spell(
            person_id=person_id,
            sex=sex,
            child=born > adult_born_before(first[person_id]),
            started_on=started,
            ended_on=ended,
        )
        for person_id, sex, born, started, ended in rows
    ]


@dataclass(frozen=True)
class Counts:
    groups: list[continuity.GroupCount]
    total: continuity.GroupCount


def participation_counts(
    user: StaffUser, *, association: Association | None = None, day: date | None = None
) -> Counts:
    """Persons, active today, and continuity after 3 and 6 months by girls, boys, women, men
    and others, over the participation of the persons the user sees."""
    qs = participations_for(user)
    if association is not None:
        qs = qs.filter(association=association)
    counted = continuity.count(spells(qs), day or today())
    total = continuity.GroupCount("total")
    for row in counted.values():
        total.persons += row.persons
        total.active += row.active
        for months, milestone in row.milestones.items():
            total.milestones[months].due += milestone.due
            total.milestones[months].kept += milestone.kept
    return Counts(groups=list(counted.values()), total=total)


@dataclass(frozen=True)
class LeisureRow:
    participation: Participation
    after_3: bool | None  # None: three months have not passed yet
    after_6: bool | None


def leisure_of(
    *, user: StaffUser, household: Household, day: date | None = None
) -> list[LeisureRow]:
    """The leisure of the household's children and young people (CHI-4): each participation with
    its continuity after 3 and 6 months."""
    day = day or today()
    qs = participations_for(user).filter(person__household=household)
    rows = []
    for p in qs.order_by("person__birth_date", "-started_on", "id"):
        if p.person.birth_date <= adult_born_before(p.started_on):
            continue  # an adult when they started
        spell = continuity.Spell(p.person_id, p.person.sex, True, p.started_on, p.ended_on)
        rows.append(
            LeisureRow(
                participation=p,
                after_3=continuity.still_active([spell], 3, day),
                after_6=continuity.still_active([spell], 6, day),
            )
        )
    return rows


def children_of(*, user: StaffUser, household: Household) -> QuerySet[Person]:
    return (
        persons_visible_to(user)
        .filter(household=household, birth_date__gt=adult_born_before(today()))
        .order_by("birth_date", "id")
    )


# --- start page --------------------------------------------------------------------------------


def start_page_counts(user: StaffUser) -> dict[str, int]:
    """The volunteer coordinator's panel: events coming, and held events whose attendance is
    not recorded for everyone (each the count of the event list its link shows)."""
    return {
        "events_coming": events_list(user, when="coming").count(),
        "attendance_missing": events_list(user, missing=True).count(),
    }
