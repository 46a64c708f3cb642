"""Reads of interpreting (INT-1), always scoped to the acting user's municipality and to the
appointments the user may see (``velkomst.appointments.selectors.appointments_visible_to``).

Another municipality's object is a 404, never a 403. Lists run a fixed number of queries,
whatever the number of bookings (the day list, the missing bookings, the month's video share).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from velkomst.appointments.models import Appointment, AppointmentStatus
from velkomst.appointments.selectors import appointments_visible_to
from velkomst.core import access, config
from velkomst.core.models import Municipality, StaffUser
from velkomst.people.models import Person, PersonLanguage

from .models import ACTIVE, Booking, BookingStatus, Interpreter, Mode


def _can_view(user: StaffUser) -> bool:
    return access.can(user, access.INTERPRETING_VIEW)


# --- interpreters ------------------------------------------------------------------------------


def interpreters_of(user: StaffUser, *, active_only: bool = False) -> QuerySet[Interpreter]:
    """The municipality's interpreters and agencies (a register of suppliers, no citizen data)."""
    if not _can_view(user):
        return Interpreter.objects.none()
    qs = Interpreter.objects.filter(municipality_id=access.tenant_id(user))
    return qs.filter(active=True) if active_only else qs


def interpreter_get(*, user: StaffUser, pk: int) -> Interpreter:
    interpreter = interpreters_of(user).filter(pk=pk).first()
    if interpreter is None:
        raise Http404
    return interpreter


def interpreters_for(user: StaffUser, *, language: str = "", mode: str = "") -> list[Interpreter]:
    """The active interpreters who cover ``language`` and ``mode`` (either may be empty)."""
    return [
        i
        for i in interpreters_of(user, active_only=True)
        if (not language or language in i.languages) and (not mode or mode in i.modes)
    ]


# --- bookings ----------------------------------------------------------------------------------


def register_languages(user: StaffUser) -> list[str]:
    """The languages the municipality's interpreters cover (the day list's language filter)."""
    return sorted(
        {code for row in interpreters_of(user).values_list("languages", flat=True) for code in row}
    )


def bookings_visible_to(user: StaffUser) -> QuerySet[Booking]:
    """Bookings on the appointments the user may see."""
    if not _can_view(user):
        return Booking.objects.none()
    return Booking.objects.filter(
        municipality_id=access.tenant_id(user),
        appointment__in=appointments_visible_to(user).values("pk"),
    )


def _with_relations(qs: QuerySet[Booking]) -> QuerySet[Booking]:
    return qs.select_related("interpreter", "appointment", "appointment__household")


def booking_get(*, user: StaffUser, pk: int) -> Booking:
    booking = _with_relations(bookings_visible_to(user)).filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def appointment_for_booking(*, user: StaffUser, pk: int) -> Appointment:
    """An appointment the user may see and book an interpreter for (else 404)."""
    if not _can_view(user):
        raise Http404
    appointment = (
        appointments_visible_to(user)
        .select_related("household")
        .prefetch_related("persons")
        .filter(pk=pk)
        .first()
    )
    if appointment is None:
        raise Http404
    return appointment


def appointment_bookings(appointment: Appointment) -> QuerySet[Booking]:
    """An appointment's bookings (``appointment`` came from a scoped selector)."""
    return _with_relations(
        Booking.objects.filter(municipality_id=appointment.municipality_id, appointment=appointment)
    ).order_by("starts_at", "id")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The start of ``day`` and of the next day, in Copenhagen time."""
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(day, time.min, tzinfo=tz),
        datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz),
    )


def bookings_search(
    *,
    user: StaffUser,
    day: date | None = None,
    language: str = "",
    mode: str = "",
    status: str = "",
    interpreter_id: int | None = None,
) -> QuerySet[Booking]:
    """The bookings (of ``day``), filtered; the soonest first."""
    qs = bookings_visible_to(user)
    if day is not None:
        start, end = day_bounds(day)
        qs = qs.filter(starts_at__gte=start, starts_at__lt=end)
    if language:
        qs = qs.filter(language=language)
    if mode:
        qs = qs.filter(mode=mode)
    if status:
        qs = qs.filter(status=status)
    if interpreter_id is not None:
        qs = qs.filter(interpreter_id=interpreter_id)
    return _with_relations(qs).order_by("starts_at", "id")


# --- who needs an interpreter ------------------------------------------------------------------


def _needing_languages(appointment_ref: str = "pk") -> tuple[Q, Subquery]:
    """The condition that an appointment needs an interpreter, and the language needed: the
    appointment says so, or one of its listed persons (none listed: one of its household's
    members) needs an interpreter in a language."""
    listed = Appointment.persons.through.objects.filter(appointment_id=OuterRef(appointment_ref))
    of_listed = PersonLanguage.objects.filter(
        interpreter_needed=True, person__appointments=OuterRef(appointment_ref)
    )
    of_household = PersonLanguage.objects.filter(
        interpreter_needed=True, person__household_id=OuterRef("household_id")
    )
    needs = (
        Q(interpreter_needed=True) | Exists(of_listed) | (~Exists(listed) & Exists(of_household))
    )
    language = Subquery(
        PersonLanguage.objects.filter(
            Q(person__appointments=OuterRef(appointment_ref))
            | Q(person__household_id=OuterRef("household_id")),
            interpreter_needed=True,
        )
        .order_by("language")
        .values("language")[:1]
    )
    return needs, language


def missing_bookings(
    *, user: StaffUser, start: datetime, end: datetime | None = None
) -> QuerySet[Appointment]:
    """Planned appointments from ``start`` (to ``end``) with a person who needs an interpreter
    and no interpreter booked (no booking requested, confirmed or held); ``needed_language``
    is the appointment's language, else the language a member needs."""
    if not _can_view(user):
        return Appointment.objects.none()
    needs, language = _needing_languages()
    booked = Booking.objects.filter(appointment_id=OuterRef("pk"), status__in=ACTIVE)
    qs = appointments_visible_to(user).filter(
        status=AppointmentStatus.PLANNED, starts_at__gte=start
    )
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    return (
        qs.filter(needs)
        .filter(~Exists(booked))
        .annotate(member_language=language)
        .select_related("household")
        .order_by("starts_at", "id")
    )


def needs_interpreter(appointment: Appointment) -> bool:
    needs, _language = _needing_languages()
    return Appointment.objects.filter(pk=appointment.pk).filter(needs).exists()


def lacks_interpreter(appointment: Appointment) -> bool:
    """The appointment's warning: it is planned, a person needs an interpreter, none booked."""
    if appointment.status != AppointmentStatus.PLANNED:
        return False
    if Booking.objects.filter(appointment=appointment, status__in=ACTIVE).exists():
        return False
    return needs_interpreter(appointment)


def missing_among(appointment_ids: list[int]) -> set[int]:
    """Which of these appointments (already scoped by the caller) lack an interpreter: one
    query, for a list of appointments."""
    if not appointment_ids:
        return set()
    needs, _language = _needing_languages()
    booked = Booking.objects.filter(appointment_id=OuterRef("pk"), status__in=ACTIVE)
    return set(
        Appointment.objects.filter(pk__in=appointment_ids, status=AppointmentStatus.PLANNED)
        .filter(needs)
        .filter(~Exists(booked))
        .values_list("pk", flat=True)
    )


def suggested_language(appointment: Appointment) -> str:
    """The language to book: the appointment's, else the one its persons need."""
    if appointment.language:
        return appointment.language
    needs, language = _needing_languages()
    row = (
        Appointment.objects.filter(pk=appointment.pk)
        .annotate(member_language=language)
        .values_list("member_language", flat=True)
        .first()
    )
    return row or ""


# --- the month's video share -------------------------------------------------------------------


@dataclass(frozen=True)
class VideoShare:
    year: int
    month: int
    bookings: int
    minutes: int
    video_bookings: int
    video_minutes: int
    target: float  # 0..1 (config ``interpreting_video_share_target``)

    @property
    def share_by_count(self) -> float | None:
        return self.video_bookings / self.bookings if self.bookings else None

    @property
    def share_by_minutes(self) -> float | None:
        return self.video_minutes / self.minutes if self.minutes else None

    @property
    def target_met(self) -> bool | None:
        share = self.share_by_minutes
        return None if share is None else share >= self.target

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    following = date(year + month // 12, month % 12 + 1, 1)
    return (
        datetime.combine(date(year, month, 1), time.min, tzinfo=tz),
        datetime.combine(following, time.min, tzinfo=tz),
    )


def video_share(*, user: StaffUser, year: int, month: int) -> VideoShare:
    """The month's interpreting (bookings not cancelled that start in the month, Copenhagen
    time) and how much of it was by video, against the target in force on the month's first
    day. A count over the whole municipality: no citizen's data, so no read is logged."""
    if not _can_view(user):
        raise Http404
    start, end = month_bounds(year, month)
    video = Q(mode=Mode.VIDEO)
    totals = (
        Booking.objects.filter(
            municipality_id=access.tenant_id(user), starts_at__gte=start, starts_at__lt=end
        )
        .exclude(status=BookingStatus.CANCELLED)
        .aggregate(
            bookings=Count("pk"),
            minutes=Sum("duration_minutes"),
            video_bookings=Count("pk", filter=video),
            video_minutes=Sum("duration_minutes", filter=video),
        )
    )
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    target = config.config_value(municipality, "interpreting_video_share_target", on=start.date())
    return VideoShare(
        year=year,
        month=month,
        bookings=totals["bookings"] or 0,
        minutes=totals["minutes"] or 0,
        video_bookings=totals["video_bookings"] or 0,
        video_minutes=totals["video_minutes"] or 0,
        target=float(Decimal(str(target))),
    )


def members_of(household_ids: set[int]) -> dict[int, list[int]]:
    """{household id: its members' ids}, in one query (to log the read of what is shown)."""
    members: dict[int, list[int]] = {}
    for pk, household_id in Person.objects.filter(household_id__in=household_ids).values_list(
        "pk", "household_id"
    ):
        members.setdefault(household_id, []).append(pk)
    return members
