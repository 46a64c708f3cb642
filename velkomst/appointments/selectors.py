"""Reads of appointments and contacts, always scoped to the acting user's municipality.

Another municipality's object is a 404 (Http404), never a 403.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.models import StaffUser
from velkomst.people.models import Household, Person, PersonLanguage
from velkomst.people.selectors import households_visible_to
from velkomst.reception.models import PlanTask

from .models import (
    Appointment,
    AppointmentStatus,
    CalendarFeedToken,
    ContactKind,
    ContactLog,
    ContactTopic,
)

# the personal feed reaches this far back and ahead (older meetings drop out of the calendar)
FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 400


def _with_relations(qs: QuerySet[Appointment]) -> QuerySet[Appointment]:
    return qs.select_related("household", "plan_task").prefetch_related(
        "persons", Prefetch("staff", queryset=StaffUser.objects.order_by("first_name", "id"))
    )


def appointments_visible_to(user: StaffUser) -> QuerySet[Appointment]:
    """Appointments with households the user may see, and those the user takes part in."""
    if not access.can(user, access.PERSON_VIEW):
        return Appointment.objects.none()
    tenant = access.tenant_id(user)
    participates = Appointment.staff.through.objects.filter(
        appointment_id=OuterRef("pk"), staffuser_id=user.pk
    )
    return Appointment.objects.filter(municipality_id=tenant).filter(
        Q(household__in=households_visible_to(user)) | Exists(participates)
    )


def appointment_get(*, user: StaffUser, pk: int) -> Appointment:
    appointment = _with_relations(appointments_visible_to(user)).filter(pk=pk).first()
    if appointment is None:
        raise Http404
    return appointment


def household_appointments(*, user: StaffUser, household: Household) -> QuerySet[Appointment]:
    """A household's appointments, newest first (``household`` came from a scoped selector)."""
    return _with_relations(
        appointments_visible_to(user).filter(household=household).order_by("-starts_at", "-id")
    )


def my_upcoming_appointments(
    *, user: StaffUser, now: datetime | None = None, today_only: bool = False
) -> QuerySet[Appointment]:
    """'Min kalender': the user's own appointments that have not ended, soonest first; with
    ``today_only``, those that start before the end of today (the start page's "meetings
    today")."""
    now = now or timezone.now()
    qs = Appointment.objects.filter(
        municipality_id=access.tenant_id(user),
        staff=user,
        ends_at__gte=now,
    ).exclude(status=AppointmentStatus.CANCELLED)
    if today_only:
        tomorrow = timezone.localtime(now).date() + timedelta(days=1)
        end_of_today = datetime.combine(tomorrow, time.min, tzinfo=timezone.get_current_timezone())
        qs = qs.filter(starts_at__lt=end_of_today)
    return _with_relations(qs).order_by("starts_at", "id")


def feed_user(token: str) -> StaffUser | None:
    """The active staff member whose calendar-feed token this is, or None."""
    if not token or len(token) > 100:
        return None
    digest = hashlib.sha256(token.encode()).hexdigest()
    feed = (
        CalendarFeedToken.objects.select_related("user")
        .filter(
            token_hash=digest,
            user__is_active=True,
            user__municipality__isnull=False,
        )
        .first()
    )
    return feed.user if feed is not None else None


def feed_appointments(*, user: StaffUser, now: datetime | None = None) -> QuerySet[Appointment]:
    """The appointments in a staff member's personal feed: only those they take part in, in
    their own municipality, cancelled ones included (so calendars remove them)."""
    now = now or timezone.now()
    return (
        Appointment.objects.filter(
            municipality_id=access.tenant_id(user),
            staff=user,
            starts_at__gte=now - timedelta(days=FEED_PAST_DAYS),
            starts_at__lte=now + timedelta(days=FEED_FUTURE_DAYS),
        )
        .select_related("household")
        .order_by("starts_at", "id")
    )


def feed_token_for(user: StaffUser) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(user=user).first()


def household_open_tasks(household: Household) -> QuerySet[PlanTask]:
    """The household's open reception-plan tasks an appointment can be linked to."""
    return (
        PlanTask.objects.filter(
            municipality_id=household.municipality_id,
            plan__household=household,
            done_at__isnull=True,
            removed_at__isnull=True,
            not_relevant_reason="",
        )
        .select_related("person")
        .order_by("due_date", "order", "id")
    )


def default_interpreter_language(household: Household, persons: list[Person] | None = None) -> str:
    """The language most of the (given, else all) household members need an interpreter for."""
    qs = PersonLanguage.objects.filter(person__household=household, interpreter_needed=True)
    if persons:
        qs = qs.filter(person__in=persons)
    counts = Counter(qs.values_list("language", flat=True))
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def staff_choices(user: StaffUser) -> QuerySet[StaffUser]:
    """Colleagues who can take part in a meeting with citizens (roles that see citizens)."""
    roles = [role for role, caps in access.ROLE_CAPABILITIES.items() if access.PERSON_VIEW in caps]
    return StaffUser.objects.filter(
        municipality_id=access.tenant_id(user), is_active=True, role__in=roles
    ).order_by("first_name", "last_name", "id")


# --- contacts (REC-8) --------------------------------------------------------------------------


def contacts_visible_to(user: StaffUser) -> QuerySet[ContactLog]:
    if not (access.can(user, access.CONTACT_LOG) or access.can(user, access.CONTACT_REPORT)):
        return ContactLog.objects.none()
    return ContactLog.objects.filter(municipality_id=access.tenant_id(user))


def contact_list(
    *, user: StaffUser, date_from: date | None = None, date_to: date | None = None, kind: str = ""
) -> QuerySet[ContactLog]:
    qs = contacts_visible_to(user)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("household", "created_by")
        .prefetch_related("staff")
        .annotate(n_persons=Count("persons", distinct=True))
        .order_by("-date", "-id")
    )


@dataclass(frozen=True)
class ContactCount:
    month: date
    kind: str
    topic: str
    contacts: int
    attendees: int

    @property
    def kind_label(self) -> str:
        return str(ContactKind(self.kind).label)

    @property
    def topic_label(self) -> str:
        return str(ContactTopic(self.topic).label)


def contact_counts(
    *, user: StaffUser, date_from: date, date_to: date, kind: str = ""
) -> list[ContactCount]:
    """Contacts and attendees per month, kind and topic in a period (REC-8).

    Attendees are the registered persons plus those who came without being registered.
    """
    access.require(user, access.CONTACT_REPORT)
    base = ContactLog.objects.filter(
        municipality_id=access.tenant_id(user), date__gte=date_from, date__lte=date_to
    )
    if kind:
        base = base.filter(kind=kind)
    rows = (
        base.annotate(month=TruncMonth("date"), n_persons=Count("persons"))
        .values("id", "month", "kind", "topic", "anonymous_count", "n_persons")
        .order_by()
    )
    totals: dict[tuple[date, str, str], list[int]] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime):  # some backends truncate a date to a datetime
            month = month.date()
        key = (month, row["kind"], row["topic"])
        entry = totals.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += row["n_persons"] + row["anonymous_count"]
    return [
        ContactCount(month=m, kind=k, topic=t, contacts=c, attendees=a)
        for (m, k, t), (c, a) in sorted(totals.items())
    ]
