"""Demo data for round tables (COO-3), deterministic from ``rng``: about one household in
fifteen that has arrived by the reference date has had (or will soon have) a round table about a
member or the whole household, booked by the caseworker with the family consultant or the job
consultant and an outside actor (the school, the GP, a volunteer association), two or three
agenda items with decisions, and one to three follow-up tasks whose deadlines fall around the
reference date (some done, some overdue, some due soon). Rows are inserted in bulk without audit
rows, like the other large demo rows (the demo loader and ``bench/generate.py`` call it)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from velkomst.appointments.models import Appointment, AppointmentKind, AppointmentStatus
from velkomst.core.models import Municipality, Role, StaffUser, Unit
from velkomst.people.models import Household

from .models import (
    AgendaItem,
    Decision,
    FollowUp,
    Participant,
    ParticipantKind,
    RoundTable,
)

BATCH = 1000
SHARE = 1 / 15
OUTSIDE = [
    ("Hanne Skov", "Vestre Skole", "Klasselærer"),
    ("Dr. Ibrahim", "Lægehuset Torvet", "Egen læge"),
    ("Mette Dahl", "Dansk Flygtningehjælp Frivillig", "Frivillig mentor"),
    ("Lars Kofoed", "Børnehaven Solsikken", "Pædagog"),
]
TOPICS = [
    ("Skolestart og trivsel", ["Skole og klasse", "Fritid", "Tolk til forældremøder"]),
    ("Familiens netværk", ["Netværk", "Forældrekursus", "Økonomi"]),
    ("Vej mod job og helbred", ["Helbred", "Praktik", "Børnepasning"]),
]
DECISIONS = [
    "Der bookes tolk til næste forældremøde.",
    "Familien tilbydes et forældrekursus i efteråret.",
    "Der søges en netværksfamilie gennem frivilligcentret.",
    "Borgeren starter i virksomhedspraktik, når børnepasningen er på plads.",
    "Skolen melder tilbage om trivsel om en måned.",
]
TASKS = [
    "Book tolk til forældremødet",
    "Henvis til forældrekursus",
    "Kontakt frivilligcentret om netværksfamilie",
    "Find praktikplads",
    "Følg op med skolen om trivsel",
    "Søg om plads i dagtilbud",
]


def install_demo(
    municipality: Municipality,
    by_role: dict[str, StaffUser],
    rng: random.Random,
    today: date,
) -> Counter[str]:
    counts: Counter[str] = Counter()
    booker = by_role.get(Role.CASEWORKER)
    if booker is None:
        return counts
    others = [
        by_role[r] for r in (Role.FAMILY_CONSULTANT, Role.JOB_CONSULTANT) if r in by_role
    ] or [booker]
    units = {u.kind: u for u in Unit.objects.filter(municipality=municipality)}
    unit_of = {
        user.pk: next(iter(user.units.all()), None) or next(iter(units.values()))
        for user in [booker, *others]
    }
    households = list(
        Household.objects.filter(municipality=municipality, arrival_date__lte=today)
        .prefetch_related("members")
        .order_by("pk")
    )
    chosen = [h for h in households if rng.random() < SHARE and h.members.all()]
    zone = timezone.get_default_timezone()
    appointments, plans = [], []
    for household in chosen:
        day = today + timedelta(days=rng.randint(-60, 14))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        starts = timezone.make_aware(datetime.combine(day, time(rng.choice([9, 10, 13]))), zone)
        members = list(household.members.all())
        person = rng.choice(members) if rng.random() < 0.6 else None
        title, topics = rng.choice(TOPICS)
        appointments.append(
            Appointment(
                municipality=municipality,
                household=household,
                kind=AppointmentKind.ROUND_TABLE,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=90),
                place="Rådhuset, mødelokale 2",
                status=AppointmentStatus.HELD if day < today else AppointmentStatus.PLANNED,
                notes=title,
                created_by=booker,
            )
        )
        plans.append((household, person, title, topics, day, rng.choice(others)))
    appointments = Appointment.objects.bulk_create(appointments, batch_size=BATCH)
    staff_links = []
    through = Appointment.staff.through
    for appointment, (_h, _p, _t, _i, _d, other) in zip(appointments, plans, strict=True):
        staff_links.append(through(appointment_id=appointment.pk, staffuser_id=booker.pk))
        if other.pk != booker.pk:
            staff_links.append(through(appointment_id=appointment.pk, staffuser_id=other.pk))
    through.objects.bulk_create(staff_links, batch_size=BATCH)
    tables = RoundTable.objects.bulk_create(
        [
            RoundTable(
                municipality=municipality,
                appointment=appointment,
                household=household,
                person=person,
                title=title,
                created_by=booker,
            )
            for appointment, (household, person, title, _i, _d, _o) in zip(
                appointments, plans, strict=True
            )
        ],
        batch_size=BATCH,
    )
    participants: list[Participant] = []
    items: list[AgendaItem] = []
    for table, (_h, _p, _t, topics, _d, other) in zip(tables, plans, strict=True):
        participants.append(
            Participant(
                round_table=table,
                kind=ParticipantKind.STAFF,
                user=booker,
                unit=unit_of[booker.pk],
            )
        )
        if other.pk != booker.pk:
            participants.append(
                Participant(
                    round_table=table,
                    kind=ParticipantKind.STAFF,
                    user=other,
                    unit=unit_of[other.pk],
                )
            )
        name, organisation, role = rng.choice(OUTSIDE)
        participants.append(
            Participant(
                round_table=table,
                kind=ParticipantKind.OUTSIDE,
                name=name,
                organisation=organisation,
                role=role,
            )
        )
        for position, topic in enumerate(topics[: rng.randint(2, 3)], start=1):
            items.append(AgendaItem(round_table=table, position=position, title=topic))
    Participant.objects.bulk_create(participants, batch_size=BATCH)
    items = AgendaItem.objects.bulk_create(items, batch_size=BATCH)
    decisions = Decision.objects.bulk_create(
        [Decision(item=item, text=rng.choice(DECISIONS)) for item in items if rng.random() < 0.7],
        batch_size=BATCH,
    )
    by_table: dict[int, list[Decision]] = {}
    item_table = {item.pk: item.round_table_id for item in items}
    for decision in decisions:
        by_table.setdefault(item_table[decision.item_id], []).append(decision)
    followups = []
    for table, (_h, _p, _t, _i, day, other) in zip(tables, plans, strict=True):
        for _ in range(rng.randint(1, 3)):
            owner = rng.choice([booker, other])
            deadline = day + timedelta(days=rng.randint(7, 45))
            done = deadline < today and rng.random() < 0.6
            followups.append(
                FollowUp(
                    municipality=municipality,
                    round_table=table,
                    decision=rng.choice(by_table[table.pk]) if by_table.get(table.pk) else None,
                    text=rng.choice(TASKS),
                    owner=owner,
                    unit=unit_of[owner.pk],
                    deadline=deadline,
                    done_on=deadline - timedelta(days=rng.randint(0, 5)) if done else None,
                    done_by=owner if done else None,
                )
            )
    FollowUp.objects.bulk_create(followups, batch_size=BATCH)
    counts["round_table_minutes_sent"] = _minutes_to_school(tables, booker, units, today)
    counts["round_tables"] = len(tables)
    counts["round_table_participants"] = len(participants)
    counts["round_table_agenda_items"] = len(items)
    counts["round_table_decisions"] = len(decisions)
    counts["round_table_follow_ups"] = len(followups)
    return counts


def _minutes_to_school(
    tables: list[RoundTable], booker: StaffUser, units: dict[str, Unit], today: date
) -> int:
    """The minutes of held round tables about a child sent to the school, where every adult of
    the household consents to share the children's data with it (``consent.demo`` runs first);
    through the real share, so each disclosure is recorded. Returns the number sent."""
    from velkomst.consent.selectors import persons_consenting
    from velkomst.people.models import Person

    from . import services

    school = units.get("school")
    if school is None:
        return 0
    born_by = date(today.year - 18, today.month, min(today.day, 28))
    about_children = [
        t
        for t in tables
        if t.person is not None
        and t.person.birth_date > born_by
        and t.appointment.starts_at.date() < today
    ]
    adults: dict[int, list[int]] = {}
    for pk, household_id in Person.objects.filter(
        household_id__in=[t.household_id for t in about_children], birth_date__lte=born_by
    ).values_list("pk", "household_id"):
        adults.setdefault(household_id, []).append(pk)
    every = [pk for ids in adults.values() for pk in ids]
    consenting = persons_consenting(every, "share.children", school)
    sent = 0
    for table in about_children:
        parents = adults.get(table.household_id, [])
        if parents and set(parents) <= consenting:
            services.minutes_send(actor=booker, round_table=table, unit=school, channel="demo")
            sent += 1
    return sent
