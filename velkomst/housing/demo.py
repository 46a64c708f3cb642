"""Demo housing for a municipality, written through the housing services as its housing officer:
areas with travel minutes between them, a register of dwellings, every household's housing need, placements (earlier arrivals
live permanently, some moved there from temporary housing, recent arrivals live temporarily) and
one finished placement run whose suggestions wait for the officer's decisions.

Deterministic for a given random generator; dates are counted from the demo's reference day.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from velkomst.core.models import Municipality, StaffUser
from velkomst.people.models import Household

from . import runs, selectors, services, travel
from .models import Area, Dwelling, DwellingType, LandlordKind, PlacementRun

AREAS = {
    "400": ["Rønne Nord", "Rønne Syd", "Nexø", "Aakirkeby", "Hasle", "Allinge", "Svaneke"],
    "540": ["Sønderborg By", "Nordborg", "Augustenborg", "Gråsten", "Broager", "Nybøl", "Guderup"],
    "440": ["Kerteminde By", "Munkebo", "Langeskov", "Dalby", "Måle", "Revninge", "Kølstrup"],
    "851": [
        "Aalborg Centrum",
        "Vejgaard",
        "Nørresundby",
        "Hasseris",
        "Gug",
        "Svenstrup",
        "Storvorde",
    ],
}
ASSOCIATIONS = ["Boligselskabet Nord", "Fællesbo", "Andelsboligforeningen Hjem", "Lejerbo Syd"]
STREETS = ["Storegade", "Skolevej", "Kirkevej", "Engvej", "Parkvej", "Møllevej", "Havnegade"]
ROOM_RENT = {1: 3200, 2: 4600, 3: 5900, 4: 7100, 5: 8300}
# (dwelling type, landlord kind, share of the free register)
KINDS = [
    (DwellingType.PERMANENT, LandlordKind.HOUSING_ASSOCIATION, 50),
    (DwellingType.PERMANENT, LandlordKind.PRIVATE, 10),
    (DwellingType.TEMPORARY, LandlordKind.MUNICIPALITY, 20),
    (DwellingType.YOUTH, LandlordKind.HOUSING_ASSOCIATION, 10),
    (DwellingType.SHARED, LandlordKind.MUNICIPALITY, 5),
    (DwellingType.CONVERTED, LandlordKind.MUNICIPALITY, 5),
]


def install_demo(
    municipality: Municipality,
    officer: StaffUser,
    rng: random.Random,
    today: date,
    free_dwellings: int = 45,
) -> PlacementRun | None:
    """Write the municipality's demo housing; return the finished placement run."""
    areas = _areas(municipality, officer)
    _travel(officer, rng, areas)
    households = list(
        Household.objects.filter(municipality=municipality)
        .prefetch_related("members")
        .order_by("pk")
    )
    places = [a for a in areas if not a.vulnerable]
    for household in households:
        _need(household, officer, rng, today, rng.choice(places) if rng.random() < 0.2 else None)
    for household in households:
        arrival = household.arrival_date
        if arrival is not None and arrival <= today:
            _house(household, officer, rng, areas, arrival, today)
    _dwellings(officer, rng, areas, today, free_dwellings)
    # those not yet housed and those in temporary housing
    waiting = list(runs.waiting_households(officer).values_list("pk", flat=True))
    if not waiting:
        return None
    run = runs.run_start(acting_user=officer, household_ids=waiting)
    runs.execute(run.pk)  # at once, so the demo opens on a finished run (a worker would skip it)
    run.refresh_from_db()
    return run


def _areas(municipality: Municipality, officer: StaffUser) -> list[Area]:
    names = AREAS.get(municipality.code, [f"{municipality.name} {n}" for n in range(1, 8)])
    areas = []
    for i, name in enumerate(names):
        areas.append(
            services.area_create(
                acting_user=officer,
                name=name,
                kind="town" if i % 3 else "district",
                youth_environment=i in (0, 2),
                vulnerable=False,
                schools=f"{name} Skole",
                daycares=f"Børnehuset {name}",
                existing_refugee_households=(3 * i + 2) % 9,
                max_refugee_households=10 if i == 0 else None,
                max_share_percent=4 if i == 1 else None,
                households_total=150 + 40 * i if i == 1 else None,
            )
        )
    areas.append(
        services.area_create(
            acting_user=officer,
            name="Parkbyen (udsat boligområde)",
            kind="district",
            vulnerable=True,
            note="På listen over udsatte boligområder: ingen boligplacering.",
        )
    )
    return areas


def _travel(officer: StaffUser, rng: random.Random, areas: list[Area]) -> None:
    """Travel minutes between the areas: 5-12 within one, 10-55 between two."""
    places = [a for a in areas if not a.vulnerable]
    minutes: dict[tuple[int, int], int | None] = {}
    for i, a in enumerate(places):
        for b in places[i:]:
            low, high = (5, 12) if a.pk == b.pk else (10, 55)
            minutes[travel.pair(a.pk, b.pk)] = rng.randrange(low, high)
    travel.travel_save(acting_user=officer, minutes=minutes)


def _need(
    household: Household,
    officer: StaffUser,
    rng: random.Random,
    today: date,
    workplace: Area | None,
) -> None:
    members = list(household.members.all())
    counts = selectors.composition(household, members)
    income = 7000 * max(1, counts["adults"]) + 2500 * counts["children"] + rng.randrange(0, 3000)
    services.housing_need_save(
        household=household,
        acting_user=officer,
        data=services.NeedData(
            expected_monthly_income=income,
            step_free_needed=rng.random() < 0.05,
            workplace_or_school_area=workplace,
            wished_area=workplace if workplace is not None and rng.random() < 0.5 else None,
            student_youth_environment=counts["children"] == 0
            and counts["adults"] == 1
            and rng.random() < 0.4,
            needed_by=household.arrival_date
            or household.expected_arrival_date
            or today + timedelta(days=30),
        ),
    )


def _dwelling(
    officer: StaffUser,
    rng: random.Random,
    area: Area,
    type_: str,
    landlord: str,
    rooms: int,
    available_from: date,
) -> Dwelling:
    name = rng.choice(ASSOCIATIONS) if landlord == LandlordKind.HOUSING_ASSOCIATION else ""
    return services.dwelling_create(
        acting_user=officer,
        address=f"{rng.choice(STREETS)} {rng.randrange(1, 120)}, {area.name}",
        area=area,
        type=type_,
        rooms=rooms,
        size_m2=22 + 21 * rooms + rng.randrange(0, 12),
        rent=ROOM_RENT[min(rooms, 5)] + rng.randrange(-400, 400, 50),
        utilities=400 + 150 * rooms,
        landlord_kind=landlord,
        landlord_name=name or ("Kommunen" if landlord == LandlordKind.MUNICIPALITY else ""),
        available_from=available_from,
        step_free=rng.random() < 0.25,
        minutes_to_school=rng.randrange(3, 25),
        minutes_to_daycare=rng.randrange(2, 20),
        minutes_to_transport=rng.randrange(1, 15),
        minutes_to_shops=rng.randrange(2, 20),
    )


def _house(
    household: Household,
    officer: StaffUser,
    rng: random.Random,
    areas: list[Area],
    arrival: date,
    today: date,
) -> None:
    """A dwelling for an arrived household: recent arrivals live temporarily; earlier ones
    permanently, a third of them after some months in temporary housing."""
    need = household.housing_need
    places = [a for a in areas if not a.vulnerable]
    area = rng.choice(places)
    months_here = (today - arrival).days // 30
    if months_here < 3 or (months_here >= 6 and rng.random() < 0.33):
        room = _dwelling(officer, rng, area, DwellingType.TEMPORARY, "municipality", 1, arrival)
        services.placement_start(
            acting_user=officer, household=household, dwelling=room, start_date=arrival
        )
        if months_here < 3:
            return
        arrival = min(arrival + timedelta(days=60 + rng.randrange(0, 120)), today)
        area = rng.choice(places)
    home = _dwelling(
        officer,
        rng,
        area,
        DwellingType.PERMANENT,
        LandlordKind.HOUSING_ASSOCIATION,
        max(1, need.rooms_needed),
        arrival,
    )
    services.placement_start(
        acting_user=officer, household=household, dwelling=home, start_date=arrival
    )


def _dwellings(
    officer: StaffUser, rng: random.Random, areas: list[Area], today: date, count: int
) -> None:
    """The free register: mostly permanent association flats, some temporary housing."""
    weights = [share for _type, _landlord, share in KINDS]
    for _ in range(count):
        type_, landlord, _share = rng.choices(KINDS, weights=weights)[0]
        rooms = 1 if type_ in (DwellingType.YOUTH, DwellingType.SHARED) else rng.randrange(1, 5)
        _dwelling(
            officer,
            rng,
            rng.choice(areas),
            type_,
            landlord,
            rooms,
            today + timedelta(days=rng.randrange(-30, 90)),
        )
