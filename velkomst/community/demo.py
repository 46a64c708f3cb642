"""Demo data for events and associations (CIV-4, CIV-5) and children's leisure (CHI-4),
deterministic from ``rng``.

Associations (foreninger) with activities; events of every kind, held and coming, with
invitations in the persons' languages (some by SMS or e-mail, the held ones reminded and their
attendance recorded); free memberships in return for volunteering (up to six months); and
participation over time for adults and children, some of it ended, so continuity and the
balance between girls and boys, women and men show. Rows are inserted in bulk (the demo loader
and ``bench/generate.py`` at 20,000 persons call the same function); the volunteer centre is
linked to the households it works with, so the volunteer coordinator sees them.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from velkomst.core.models import Municipality, StaffUser, Unit, UnitKind
from velkomst.engines.calendar import add_months
from velkomst.housing.models import Area
from velkomst.people.models import Household, Person, PersonLanguage

from . import texts
from .models import (
    Activity,
    Association,
    AssociationActivityKind,
    CommunityEventKind,
    Event,
    EventAttendance,
    FreeMembership,
    Invitation,
    InvitationChannel,
    Participation,
)

BATCH = 1000
ASSOCIATIONS = [
    ("Boldklub", [("Pigefodbold U12", "sport", True), ("Herrefodbold", "sport", False)]),
    (
        "Gymnastikforening",
        [("Springgymnastik", "sport", True), ("Motion for kvinder", "sport", False)],
    ),
    ("Spejderne", [("Ulveunger", "scouts", True), ("Tropsspejdere", "scouts", True)]),
    ("Skakklub", [("Skak for alle", "club", False)]),
    ("Musikskolens venner", [("Børnekor", "music", True), ("Sammenspil", "music", False)]),
    ("Ungdomsklub", [("Fredagsklub", "club", True)]),
    ("Kunstforening", [("Tegning og maling", "culture", False)]),
    ("Svømmeklub", [("Svømning for piger", "sport", True), ("Crawl for voksne", "sport", False)]),
]
CONTACTS = ["Jens Holm", "Mette Kofoed", "Lars Ipsen", "Hanne Munch", "Søren Dam", "Birgit Lund"]
EVENT_TITLES = {
    CommunityEventKind.INTRO_CAFE: "Introcafé",
    CommunityEventKind.LANGUAGE_CAFE: "Sprogcafé",
    CommunityEventKind.SPEED_DATING: "Speed-dating med lokale",
    CommunityEventKind.DIALOGUE: "Dialogmøde",
    CommunityEventKind.ASSOCIATION_DAY: "Foreningsdag",
}
PLACES = ["Biblioteket", "Medborgerhuset", "Frivilligcenteret", "Idrætshallen", "Forsamlingshuset"]
VOLUNTEERING = ["Hjælper ved stævner", "Træner for de yngste", "Passer klubhuset", "Kagebagning"]
ATTENDANCE = [
    (EventAttendance.ATTENDED, 60),
    (EventAttendance.ABSENT, 25),
    (EventAttendance.CANCELLED, 5),
    (EventAttendance.UNKNOWN, 10),
]


def _weighted(rng: random.Random, table: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _adult_on(born: date, day: date) -> bool:
    return born <= date(day.year - 18, day.month, min(day.day, 28))


def install_demo(
    municipality: Municipality,
    coordinator: StaffUser,
    areas: list[Area],
    rng: random.Random,
    today: date,
) -> dict[str, int]:
    """Associations, events with invitations and attendance, free memberships and participation
    for the municipality; returns the counts made."""
    town = municipality.name
    persons = list(
        Person.objects.filter(municipality=municipality)
        .order_by("pk")
        .values_list("pk", "household_id", "birth_date", "sex")
    )
    if not persons:
        return {}
    spoken: dict[int, str] = {}
    for person_id, language in (
        PersonLanguage.objects.filter(person__municipality=municipality)
        .order_by("person_id", "proficiency", "pk")
        .values_list("person_id", "language")
    ):
        if person_id not in spoken and texts.has_text(language):
            spoken[person_id] = texts._code(language)

    associations = Association.objects.bulk_create(
        [
            Association(
                municipality=municipality,
                name=f"{town} {name}",
                contact_name=rng.choice(CONTACTS),
                contact_email=f"kontakt{i}@forening.example",
                contact_phone=f"56{rng.randint(100000, 999999)}",
                area=rng.choice(areas) if areas else None,
            )
            for i, (name, _activities) in enumerate(ASSOCIATIONS)
        ]
    )
    activities = Activity.objects.bulk_create(
        [
            Activity(
                municipality=municipality,
                association=association,
                name=name,
                kind=AssociationActivityKind(kind),
                for_children=children,
            )
            for association, (_name, rows) in zip(associations, ASSOCIATIONS, strict=True)
            for name, kind, children in rows
        ]
    )
    by_association: dict[int, list[Activity]] = {}
    for activity in activities:
        by_association.setdefault(activity.association_id, []).append(activity)

    # events: held in the last six months and coming in the next three, about one per 400
    # persons (at least twelve), every kind; association days twice a year
    n_events = max(12, len(persons) // 400)
    kinds = list(CommunityEventKind)
    events = []
    for i in range(n_events):
        kind = kinds[i % len(kinds)]
        offset = rng.randint(-180, 90) if i >= 2 else (-30 if i == 0 else 1)
        held = today + timedelta(days=offset)
        association = (
            rng.choice(associations) if kind == CommunityEventKind.ASSOCIATION_DAY else None
        )
        events.append(
            Event(
                municipality=municipality,
                kind=kind,
                title=f"{EVENT_TITLES[kind]} i {town}",
                held_on=held,
                starts_at=time(rng.choice([10, 14, 16, 19]), 0),
                ends_at=None,
                place=f"{rng.choice(PLACES)}, {town}",
                organiser="Frivilligcenteret" if association is None else association.name,
                capacity=rng.choice([None, 30, 40, 60]),
                area=rng.choice(areas) if areas and kind == CommunityEventKind.DIALOGUE else None,
                created_by=coordinator,
            )
        )
    events = Event.objects.bulk_create(events)
    invitations = []
    invited_households: set[int] = set()
    adults = [p for p in persons if _adult_on(p[2], today)]
    # an association's event invites only those whose consent covers contact by an association
    from velkomst.consent.models import Purpose
    from velkomst.consent.selectors import persons_consenting

    consenting = persons_consenting([p[0] for p in adults], Purpose.CONTACT_ASSOCIATION)
    for event in events:
        pool = adults if event.association_id is None else [p for p in adults if p[0] in consenting]
        size = min(event.capacity or 25, 25, len(pool))
        past = event.held_on < today
        for pk, household_id, _born, _sex in rng.sample(pool, rng.randint(size // 2, size)):
            channel = _weighted(
                rng,
                [
                    (InvitationChannel.SMS, 50),
                    (InvitationChannel.LETTER, 35),
                    (InvitationChannel.EMAIL, 15),
                ],
            )
            address = {
                InvitationChannel.SMS: f"+45 2{rng.randint(1000000, 9999999)}",
                InvitationChannel.EMAIL: f"borger{pk}@example.dk",
            }.get(channel, "")
            reminded = None
            if past and channel != InvitationChannel.LETTER:
                reminded = timezone.make_aware(
                    datetime.combine(event.held_on - timedelta(days=1), time(9, 0))
                )
            invitations.append(
                Invitation(
                    municipality=municipality,
                    event=event,
                    person_id=pk,
                    invited_on=event.held_on - timedelta(days=rng.randint(7, 21)),
                    language=spoken.get(pk, texts.DANISH),
                    channel=channel,
                    address=address,
                    attendance=_weighted(rng, ATTENDANCE) if past else EventAttendance.UNKNOWN,
                    reminder_sent_at=reminded,
                    invited_by=coordinator,
                )
            )
            invited_households.add(household_id)
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)

    # participation: about one child in five and one adult in ten, started within 18 months,
    # a third ended after one to eight months; free membership for some volunteering adults
    participations = []
    memberships = []
    for pk, household_id, born, _sex in persons:
        adult = _adult_on(born, today)
        if rng.random() >= (0.1 if adult else 0.2):
            continue
        started = today - timedelta(days=rng.randint(20, 540))
        if not adult and _adult_on(born, started):
            continue
        association = rng.choice(associations)
        choices = [a for a in by_association[association.pk] if a.for_children != adult]
        ended = None
        if rng.random() < 0.35:
            ended = min(add_months(started, rng.randint(1, 8)), today)
        participations.append(
            Participation(
                municipality=municipality,
                person_id=pk,
                association=association,
                activity=rng.choice(choices) if choices else None,
                started_on=started,
                ended_on=ended,
            )
        )
        invited_households.add(household_id)
        if adult and rng.random() < 0.3:
            starts = started
            memberships.append(
                FreeMembership(
                    municipality=municipality,
                    association=association,
                    person_id=pk,
                    starts_on=starts,
                    ends_on=add_months(starts, rng.randint(2, 6)) - timedelta(days=1),
                    volunteering=rng.choice(VOLUNTEERING),
                )
            )
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    FreeMembership.objects.bulk_create(memberships, batch_size=BATCH)

    centre = Unit.objects.filter(municipality=municipality, kind=UnitKind.VOLUNTEER_CENTRE).first()
    if centre is not None:  # the volunteer centre works with these households
        Link = Household.units.through
        existing = set(
            Link.objects.filter(unit_id=centre.pk, household_id__in=invited_households).values_list(
                "household_id", flat=True
            )
        )
        Link.objects.bulk_create(
            [
                Link(household_id=h, unit_id=centre.pk)
                for h in sorted(invited_households - existing)
            ],
            batch_size=BATCH,
        )
    return {
        "associations": len(associations),
        "events": len(events),
        "invitations": len(invitations),
        "participations": len(participations),
        "free_memberships": len(memberships),
    }
