"""Demo data for interpreting (INT-1), deterministic from ``rng``.

The municipality's interpreters (freelancers for the common languages, Tigrinya, Dari and
Somali included, and two agencies covering many by phone and video), and meetings with the
households where a member needs an interpreter: about a third of those households have one or
two meetings in the weeks around the reference date. Most meetings have an interpreter booked
(about half of the minutes by video, KL's target), a few bookings are only requested, and about
one meeting in eight has no interpreter booked, so the warning, the worklist and the day list
show some. Rows are inserted in bulk (the demo loader and ``bench/generate.py`` at 20,000 persons
call the same function); a booking never overlaps the same interpreter's other booking.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from velkomst.appointments.models import Appointment, AppointmentKind, AppointmentStatus
from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.people.models import PersonLanguage

from .models import Booking, BookingStatus, Interpreter, InterpreterKind, Mode, PriceBasis
from .services import computed_cost

BATCH = 1000
SHARE_OF_HOUSEHOLDS = 0.35  # households needing an interpreter that have meetings
MISSING_SHARE = 0.12  # planned meetings with no interpreter booked
REQUESTED_SHARE = 0.1  # of the planned meetings' bookings, only requested
VIDEO_SHARE = 0.45
PHONE_SHARE = 0.15
DAYS_BEFORE, DAYS_AFTER = 30, 30

# (name, kind, languages, modes, price basis, price)
INTERPRETERS: list[tuple[str, str, list[str], list[str], str, str]] = [
    ("Amira Haddad", "freelance", ["ar"], ["on_site", "phone", "video"], "hourly", "420"),
    ("Yusuf Karimi", "freelance", ["fa", "prs", "ps"], ["on_site", "video"], "hourly", "450"),
    ("Selam Tesfay", "freelance", ["ti", "am"], ["on_site", "phone", "video"], "hourly", "480"),
    ("Hodan Warsame", "freelance", ["so"], ["on_site", "phone"], "hourly", "440"),
    ("Olena Kovalenko", "freelance", ["uk", "ru"], ["on_site", "video"], "hourly", "400"),
    ("Rojin Amed", "freelance", ["ku", "ckb", "ar"], ["on_site", "video"], "hourly", "430"),
    ("Nour Saleh", "freelance", ["ar"], ["video", "phone"], "hourly", "380"),
    (
        "Tolkebureauet Nord",
        "agency",
        ["ar", "fa", "prs", "ti", "so", "uk", "ru", "ku", "ckb", "ps", "am", "en", "fr"],
        ["phone", "video"],
        "fixed",
        "650",
    ),
    (
        "Sprog & Tolk ApS",
        "agency",
        ["ar", "fa", "prs", "ti", "so", "uk", "tr", "ur", "en", "fr"],
        ["on_site", "phone", "video"],
        "fixed",
        "900",
    ),
]
KINDS = [
    AppointmentKind.FOLLOW_UP,
    AppointmentKind.WELCOME_MEETING,
    AppointmentKind.JOB_INTERVIEW,
    AppointmentKind.HOUSING_VISIT,
    AppointmentKind.ROUND_TABLE,
]
PLACES = ["Rådhuset, mødelokale 2", "Jobcentret", "Borgerservice", "Hjemme hos familien"]


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def install_demo(
    municipality: Municipality,
    by_role: dict[str, StaffUser],
    rng: random.Random,
    today: date,
) -> Counter[str]:
    """Insert the municipality's interpreters, meetings and bookings; rows per table."""
    counts: Counter[str] = Counter()
    caseworker = by_role.get(Role.CASEWORKER)
    if caseworker is None:
        return counts
    coordinator = by_role.get(Role.INTERPRETER_COORDINATOR, caseworker)
    interpreters = Interpreter.objects.bulk_create(
        Interpreter(
            municipality=municipality,
            name=name,
            kind=kind,
            languages=languages,
            modes=modes,
            phone=f"+45 70 {20 + i:02d} {30 + i:02d} {40 + i:02d}",
            email=f"booking{i}@tolk.example.dk",
            price_basis=basis,
            price=Decimal(price),
        )
        for i, (name, kind, languages, modes, basis, price) in enumerate(INTERPRETERS)
    )
    counts["interpreters"] = len(interpreters)
    assert all(i.kind in InterpreterKind.values for i in interpreters)
    assert all(i.price_basis in PriceBasis.values for i in interpreters)

    # the language each household needs (the first member's, by the stored order)
    needs: dict[int, str] = {}
    for household_id, language in (
        PersonLanguage.objects.filter(person__municipality=municipality, interpreter_needed=True)
        .order_by("person__household_id", "person_id", "id")
        .values_list("person__household_id", "language")
    ):
        needs.setdefault(household_id, language)

    appointments: list[Appointment] = []
    for household_id, language in needs.items():
        if rng.random() >= SHARE_OF_HOUSEHOLDS:
            continue
        for _n in range(rng.choice((1, 1, 2))):
            day = today + timedelta(days=rng.randint(-DAYS_BEFORE, DAYS_AFTER))
            if day.weekday() >= 5:
                day -= timedelta(days=day.weekday() - 4)
            start = _at(day, rng.randint(8, 14), rng.choice((0, 15, 30, 45)))
            past = day < today
            appointments.append(
                Appointment(
                    municipality=municipality,
                    household_id=household_id,
                    kind=rng.choice(KINDS),
                    starts_at=start,
                    ends_at=start + timedelta(minutes=rng.choice((45, 60, 60, 90))),
                    place=rng.choice(PLACES),
                    interpreter_needed=True,
                    language=language,
                    status=AppointmentStatus.HELD if past else AppointmentStatus.PLANNED,
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    created_by=caseworker,
                )
            )
    appointments = Appointment.objects.bulk_create(appointments, batch_size=BATCH)
    counts["appointments"] = len(appointments)
    Appointment.staff.through.objects.bulk_create(
        (
            Appointment.staff.through(appointment_id=a.pk, staffuser_id=caseworker.pk)
            for a in appointments
        ),
        batch_size=BATCH,
    )

    busy: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    bookings: list[Booking] = []
    for a in sorted(appointments, key=lambda a: (a.starts_at, a.pk)):
        planned = a.status == AppointmentStatus.PLANNED
        if planned and rng.random() < MISSING_SHARE:
            continue  # the warning's meetings: nobody booked
        roll = rng.random()
        mode = (
            Mode.VIDEO
            if roll < VIDEO_SHARE
            else Mode.PHONE
            if roll < VIDEO_SHARE + PHONE_SHARE
            else Mode.ON_SITE
        )
        minutes = int((a.ends_at - a.starts_at) / timedelta(minutes=1))
        requested = planned and rng.random() < REQUESTED_SHARE
        chosen = None
        if not requested:
            candidates = [
                i
                for i in interpreters
                if a.language in i.languages
                and mode in i.modes
                and not any(s < a.ends_at and a.starts_at < e for s, e in busy[i.pk])
            ]
            if candidates:
                chosen = rng.choice(candidates)
                busy[chosen.pk].append((a.starts_at, a.ends_at))
        status = (
            BookingStatus.REQUESTED
            if chosen is None
            else BookingStatus.CONFIRMED
            if planned
            else BookingStatus.HELD
        )
        bookings.append(
            Booking(
                municipality=municipality,
                appointment=a,
                interpreter=chosen,
                language=a.language,
                mode=mode,
                starts_at=a.starts_at,
                duration_minutes=minutes,
                ends_at=a.ends_at,
                cost=computed_cost(chosen, minutes),
                status=status,
                requested_by=coordinator if chosen is not None else caseworker,
            )
        )
    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    counts["interpreter_bookings"] = len(bookings)
    return counts
