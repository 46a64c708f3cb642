"""Demo data for the resource bank (CIV-1, CIV-3, CIV-6), deterministic from ``rng``.

About 40 volunteers in a demo municipality (``count``; the pages benchmark asks for 2,000):
private persons, members of associations and settled refugees linked to their person record,
most approved, some waiting for the coordinator's decision, a few declined or inactive; each
offers one to three things (mentor, network family, language café ...) on some weekdays. Most
approved volunteers with an offer for children or families have a child certificate and a
signed duty of confidentiality; some of those certificates have expired (the coordinator's
worklist shows them). The refugees have recorded hours and some a diploma. Rows are inserted in
bulk (the demo loader and ``bench/generate.py`` call the same function).
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.housing.models import Area
from velkomst.people.models import Person

from .models import (
    CHILD_AUDIENCES,
    Audience,
    Diploma,
    Offer,
    OfferKind,
    RegisteredVia,
    Volunteer,
    VolunteerHours,
    VolunteerKind,
    VolunteerStatus,
)

BATCH = 1000
FIRST = [
    "Anne",
    "Bent",
    "Camilla",
    "Dorte",
    "Erik",
    "Frederik",
    "Gitte",
    "Hanne",
    "Ib",
    "Jonas",
    "Karen",
    "Lars",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Signe",
    "Tove",
    "Ulla",
]
LAST = [
    "Hansen",
    "Jensen",
    "Nielsen",
    "Pedersen",
    "Andersen",
    "Kofoed",
    "Mortensen",
    "Holm",
    "Larsen",
    "Sørensen",
    "Christensen",
    "Thomsen",
]
ASSOCIATIONS = [
    "Røde Kors",
    "Dansk Flygtningehjælp Frivillige",
    "Venligboerne",
    "DGI",
    "Boldklubben",
    "Lektiecaféen",
    "Menighedsrådet",
]
OTHER_LANGUAGES = ["en", "de", "ar", "uk", "fa", "so", "ti", "ps"]
KINDS: list[tuple[str, int]] = [
    (VolunteerKind.PRIVATE, 60),
    (VolunteerKind.ASSOCIATION, 25),
    (VolunteerKind.REFUGEE, 15),
]
STATUSES: list[tuple[str, int]] = [
    (VolunteerStatus.APPROVED, 70),
    (VolunteerStatus.PENDING, 18),
    (VolunteerStatus.DECLINED, 5),
    (VolunteerStatus.INACTIVE, 7),
]
AUDIENCES: dict[str, list[str]] = {
    OfferKind.MENTOR: [Audience.ADULTS],
    OfferKind.NETWORK_FAMILY: [Audience.FAMILIES],
    OfferKind.LANGUAGE_CAFE: [Audience.ADULTS],
    OfferKind.HOMEWORK_HELP: [Audience.CHILDREN],
    OfferKind.SPORTS: [Audience.CHILDREN, Audience.ADULTS],
    OfferKind.CITY_GUIDE: [Audience.ADULTS, Audience.FAMILIES],
    OfferKind.TRANSPORT: [Audience.ADULTS, Audience.FAMILIES],
    OfferKind.PRACTICAL_HELP: [Audience.ADULTS, Audience.FAMILIES],
}
REFUGEE_KINDS: list[str] = [OfferKind.CITY_GUIDE, OfferKind.MENTOR, OfferKind.SPORTS]


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return str(rng.choices(values, weights=weights)[0])


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def install_demo(
    municipality: Municipality,
    by_role: dict[str, StaffUser],
    rng: random.Random,
    today: date,
    *,
    count: int = 40,
) -> Counter[str]:
    """Insert ``count`` volunteers with their offers, hours and diplomas; rows per table."""
    counts: Counter[str] = Counter()
    coordinator = by_role.get(Role.VOLUNTEER_COORDINATOR)
    if coordinator is None or count <= 0:
        return counts
    areas = list(Area.objects.filter(municipality=municipality).order_by("pk"))
    adult_born = date(today.year - 20, today.month, min(today.day, 28))
    refugees = list(
        Person.objects.filter(
            municipality=municipality,
            birth_date__lte=adult_born,
            case__takeover_date__lte=today - timedelta(days=365),
        )
        .order_by("pk")
        .values_list("pk", "first_name", "last_name")
    )
    rng.shuffle(refugees)
    volunteers: list[Volunteer] = []
    for n in range(count):
        kind = _pick(rng, KINDS)
        person = refugees.pop() if kind == VolunteerKind.REFUGEE and refugees else None
        if kind == VolunteerKind.REFUGEE and person is None:
            kind = VolunteerKind.PRIVATE
        status = _pick(rng, STATUSES)
        created = today - timedelta(days=rng.randint(3, 700))
        if status == VolunteerStatus.PENDING:
            created = today - timedelta(days=rng.randint(0, 20))
        name = f"{person[1]} {person[2]}" if person else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        languages = ["da"] + rng.sample(OTHER_LANGUAGES, rng.choice([0, 1, 1, 2]))
        if person is not None:
            languages = sorted({"da", "ar" if rng.random() < 0.5 else "ti", "en"})
        decided = status != VolunteerStatus.PENDING
        volunteers.append(
            Volunteer(
                municipality=municipality,
                kind=kind,
                person_id=person[0] if person else None,
                association_name=rng.choice(ASSOCIATIONS)
                if kind == VolunteerKind.ASSOCIATION
                else "",
                name=name,
                phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
                email=f"frivillig{n + 1}@example.dk",
                languages=sorted(set(languages)),
                area=rng.choice(areas) if areas and rng.random() < 0.7 else None,
                status=status,
                decision_reason="Ikke muligt at få børneattest."
                if status == VolunteerStatus.DECLINED
                else ("Holder pause." if status == VolunteerStatus.INACTIVE else ""),
                decided_at=_at(created + timedelta(days=3)) if decided else None,
                decided_by=coordinator if decided else None,
                registered_via=RegisteredVia.PUBLIC if rng.random() < 0.7 else RegisteredVia.STAFF,
                consent_at=_at(created),
                token=secrets.token_urlsafe(32),
                created_at=_at(created),
                updated_at=_at(created),
            )
        )
    volunteers = Volunteer.objects.bulk_create(volunteers, batch_size=BATCH)
    offers: list[Offer] = []
    for v in volunteers:
        kinds: list[str]
        if v.kind == VolunteerKind.REFUGEE:
            kinds = rng.sample(REFUGEE_KINDS, rng.randint(1, 2))
        else:
            kinds = rng.sample(list(OfferKind.values), rng.choice([1, 1, 2, 3]))
        for kind in kinds:
            start = rng.choice([9, 10, 14, 16, 17, 18])
            offers.append(
                Offer(
                    municipality=municipality,
                    volunteer=v,
                    kind=kind,
                    area=v.area,
                    weekdays=sorted(rng.sample(range(7), rng.randint(1, 3))),
                    time_from=time(start, 0),
                    time_to=time(start + 2, 0),
                    languages=list(v.languages),
                    capacity=rng.choice([1, 1, 2, 3, 5]),
                    audience=sorted(AUDIENCES[kind]),
                    active=v.status != VolunteerStatus.INACTIVE,
                    created_at=v.created_at,
                    updated_at=v.created_at,
                )
            )
    Offer.objects.bulk_create(offers, batch_size=BATCH)
    # child certificates: most approved volunteers with a child-facing offer; some expired
    child_facing = {o.volunteer_id for o in offers if CHILD_AUDIENCES.intersection(o.audience)}
    certified: list[Volunteer] = []
    for v in volunteers:
        if v.status != VolunteerStatus.APPROVED or v.pk not in child_facing:
            continue
        if rng.random() < 0.1:
            continue  # still waiting for the certificate
        expired = rng.random() < 0.2
        received = today - timedelta(
            days=rng.randint(740, 900) if expired else rng.randint(20, 600)
        )
        v.child_certificate_received_on = received
        v.child_certificate_expires_on = received + timedelta(days=730)
        v.confidentiality_signed_on = received
        certified.append(v)
    Volunteer.objects.bulk_update(
        certified,
        [
            "child_certificate_received_on",
            "child_certificate_expires_on",
            "confidentiality_signed_on",
        ],
        batch_size=BATCH,
    )
    # hours and diplomas of the refugees who volunteer (CIV-6)
    hours: list[VolunteerHours] = []
    diplomas: list[Diploma] = []
    for v in volunteers:
        if v.kind != VolunteerKind.REFUGEE or v.status == VolunteerStatus.PENDING:
            continue
        total = Decimal(0)
        first = last = None
        for months_back in range(rng.randint(2, 6), 0, -1):
            month = date(today.year, today.month, 1) - timedelta(days=30 * months_back)
            month = month.replace(day=1)
            end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            amount = Decimal(rng.choice([4, 6, 8, 10, 12]))
            hours.append(
                VolunteerHours(
                    municipality=municipality,
                    volunteer=v,
                    period_start=month,
                    period_end=end,
                    hours=amount,
                    activity=rng.choice(["Byguide", "Mentor", "Fodboldtræner"]),
                    recorded_by=coordinator,
                )
            )
            total += amount
            first = first or month
            last = end
        if first and last and rng.random() < 0.6:
            diplomas.append(
                Diploma(
                    municipality=municipality,
                    volunteer=v,
                    period_start=first,
                    period_end=last,
                    hours=total,
                    activities="Byguide, mentor",
                    issued_on=min(today, last + timedelta(days=5)),
                    issued_by=coordinator,
                )
            )
    VolunteerHours.objects.bulk_create(hours, batch_size=BATCH)
    Diploma.objects.bulk_create(diplomas, batch_size=BATCH)
    counts.update(
        volunteers=len(volunteers),
        volunteer_offers=len(offers),
        volunteer_certificates=len(certified),
        volunteer_hours=len(hours),
        volunteer_diplomas=len(diplomas),
    )
    return counts
