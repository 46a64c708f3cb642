"""Reads of round tables (COO-3), tenant-scoped: a round table is seen by those who see its
household (``people.selectors.persons_visible_to``) and by those who take part in it or own one
of its follow-up tasks (the units around the table), always within the user's municipality and
behind ``access.ROUNDTABLE_VIEW``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from velkomst.core import access
from velkomst.core.models import StaffUser, Unit
from velkomst.engines.deadlines import DeadlineState, deadline_state
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from .models import AgendaItem, Decision, FollowUp, MinutesSent, Participant, RoundTable

LIST_ROWS = 100


def require_view(user: StaffUser) -> None:
    access.require(user, access.ROUNDTABLE_VIEW)


def can_edit(user: StaffUser) -> bool:
    return access.can(user, access.ROUNDTABLE_EDIT)


def round_tables_visible_to(user: StaffUser) -> QuerySet[RoundTable]:
    """The round tables of households the user sees, or that the user sits at or follows up."""
    if not access.can(user, access.ROUNDTABLE_VIEW):
        return RoundTable.objects.none()
    seen = persons_visible_to(user).filter(household_id=OuterRef("household_id"))
    takes_part = Participant.objects.filter(round_table=OuterRef("pk"), user=user)
    owns = FollowUp.objects.filter(round_table=OuterRef("pk"), owner=user)
    return RoundTable.objects.filter(municipality_id=access.tenant_id(user)).filter(
        Exists(seen) | Exists(takes_part) | Exists(owns)
    )


def round_table_get(*, user: StaffUser, pk: int) -> RoundTable:
    require_view(user)
    found = (
        round_tables_visible_to(user)
        .select_related("appointment", "household", "person")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def concerned_persons(round_table: RoundTable) -> list[Person]:
    """The persons a round table is about: its citizen, else every household member."""
    if round_table.person_id is not None:
        return [round_table.person]  # type: ignore[list-item]
    return list(Person.objects.filter(household_id=round_table.household_id).order_by("pk"))


def concerned_person_ids(round_table: RoundTable) -> list[int]:
    if round_table.person_id is not None:
        return [round_table.person_id]
    return list(
        Person.objects.filter(household_id=round_table.household_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class FollowUpRow:
    followup: FollowUp
    state: str  # engines.deadlines.DeadlineState

    @property
    def done(self) -> bool:
        return self.followup.done_on is not None


def followup_state(followup: FollowUp, day: date, due_soon_days: int) -> str:
    return str(
        deadline_state(
            due=followup.deadline, today=day, done_on=followup.done_on, due_soon_days=due_soon_days
        )
    )


@dataclass
class RoundTableDetail:
    round_table: RoundTable
    persons: list[Person]
    participants: list[Participant]
    agenda: list[AgendaItem]
    followups: list[FollowUpRow]
    minutes_sent: list[MinutesSent]

    @property
    def outside(self) -> list[Participant]:
        return [p for p in self.participants if p.user_id is None]

    @property
    def decisions(self) -> list[Decision]:
        return [d for item in self.agenda for d in item.decisions.all()]


def detail(round_table: RoundTable, day: date, due_soon_days: int) -> RoundTableDetail:
    """Everything on the round table's page and minutes: a fixed number of queries."""
    participants = list(
        Participant.objects.filter(round_table=round_table).select_related("user", "unit")
    )
    agenda = list(
        AgendaItem.objects.filter(round_table=round_table).prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("created_at", "id"))
        )
    )
    followups = [
        FollowUpRow(f, followup_state(f, day, due_soon_days))
        for f in FollowUp.objects.filter(round_table=round_table).select_related(
            "owner", "unit", "decision", "done_by"
        )
    ]
    sent = list(
        MinutesSent.objects.filter(round_table=round_table).select_related("sent_by", "unit")
    )
    return RoundTableDetail(
        round_table=round_table,
        persons=concerned_persons(round_table),
        participants=participants,
        agenda=agenda,
        followups=followups,
        minutes_sent=sent,
    )


def round_tables_of_household(user: StaffUser, household_id: int) -> QuerySet[RoundTable]:
    return (
        round_tables_visible_to(user)
        .filter(household_id=household_id)
        .select_related("appointment", "person")
        .order_by("-appointment__starts_at", "-id")
    )


def round_tables_of_person(user: StaffUser, person: Person) -> QuerySet[RoundTable]:
    return round_tables_of_household(user, person.household_id).filter(
        Q(person__isnull=True) | Q(person=person)
    )


def round_table_list(user: StaffUser) -> QuerySet[RoundTable]:
    require_view(user)
    return round_tables_visible_to(user).select_related("appointment", "household", "person")


# --- follow-up tasks on the owner's worklist ---------------------------------------------------


def open_followups_of(user: StaffUser) -> QuerySet[FollowUp]:
    """The user's own open follow-up tasks, the earliest deadline first."""
    if user.municipality_id is None:
        return FollowUp.objects.none()
    return (
        FollowUp.objects.filter(
            municipality_id=user.municipality_id, owner=user, done_on__isnull=True
        )
        .select_related("round_table", "round_table__household", "round_table__person", "unit")
        .order_by("deadline", "id")
    )


def followups_due(user: StaffUser, day: date, due_soon_days: int) -> QuerySet[FollowUp]:
    """The user's open follow-ups that are due soon or overdue (the worklist's rows), each with
    the id and name of a person to show it beside (the citizen, else the household's first
    member)."""
    first = Person.objects.filter(household_id=OuterRef("round_table__household_id")).order_by("pk")
    return (
        open_followups_of(user)
        .filter(deadline__lte=day + timedelta(days=due_soon_days))
        .annotate(
            first_member_id=Subquery(first.values("pk")[:1]),
            first_member_first=Subquery(first.values("first_name")[:1]),
            first_member_last=Subquery(first.values("last_name")[:1]),
        )
    )


def followup_counts(user: StaffUser, day: date, due_soon_days: int) -> dict[str, int]:
    """The user's open follow-ups: all, due soon, overdue (the start page's panel)."""
    rows = list(open_followups_of(user).values_list("deadline", flat=True))
    states = [deadline_state(due=d, today=day, due_soon_days=due_soon_days) for d in rows]
    return {
        "open": len(rows),
        "due_soon": sum(1 for s in states if s == DeadlineState.DUE_SOON),
        "overdue": sum(1 for s in states if s == DeadlineState.OVERDUE),
    }


def followup_get(*, user: StaffUser, pk: int) -> FollowUp:
    require_view(user)
    found = (
        FollowUp.objects.filter(round_table__in=round_tables_visible_to(user), pk=pk)
        .select_related("round_table", "owner")
        .first()
    )
    if found is None:
        raise Http404
    return found


def staff_choices(user: StaffUser) -> QuerySet[StaffUser]:
    """Staff members of the municipality who work with citizens."""
    roles = [role for role, caps in access.ROLE_CAPABILITIES.items() if access.PERSON_VIEW in caps]
    return StaffUser.objects.filter(
        municipality_id=access.tenant_id(user), is_active=True, role__in=roles
    ).order_by("first_name", "last_name", "username")


def units_for(user: StaffUser) -> QuerySet[Unit]:
    return Unit.objects.filter(municipality_id=access.tenant_id(user)).order_by("name")


def denied() -> Exception:
    return PermissionDenied("roundtable")
