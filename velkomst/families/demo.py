"""Demo data for the family plan (CHI-1): one or two family consultant's measures for most
households with children, for a child or the whole family. Bulk-written without audit rows,
like the other large demo rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

from velkomst.people.models import Household

from .models import ChildPlacement, FamilyMeasure, Institution, MeasureKind, PlacementKind

CHILD_MEASURES = [
    ("Sprogstimulering i dagtilbuddet", "Dagtilbuddets pædagog", MeasureKind.PREVENTIVE),
    ("Lektiecafé to gange om ugen", "Skolens lektiecafé", MeasureKind.NETWORK),
    ("Samtale med PPR om skolestart", "PPR", MeasureKind.OTHER),
    ("Fritidsaktivitet: fodbold i den lokale klub", "Frivilligcentret", MeasureKind.NETWORK),
]
FAMILY_MEASURES = [  # CHI-3: the family consultants' preventive support, courses and networks
    (
        "Forældreforløb om det danske skolesystem",
        "Familiekonsulenten",
        MeasureKind.PARENTING_COURSE,
    ),
    ("Familiesamtaler med tolk hver måned", "Familiekonsulenten", MeasureKind.PREVENTIVE),
    ("Hjælp til forældreintra og skolekommunikation", "Integrationsteamet", MeasureKind.OTHER),
    ("Netværksfamilie fra den lokale forening", "Familiekonsulenten", MeasureKind.NETWORK),
]


def install_demo(municipality_id: int, rng: random.Random, reference_date: date) -> int:
    """Measures for about two in three households with a child; returns the number written."""
    adult_born = reference_date.replace(year=reference_date.year - 18)
    rows: list[FamilyMeasure] = []
    households = (
        Household.objects.filter(municipality_id=municipality_id, arrival_date__isnull=False)
        .prefetch_related("members")
        .order_by("pk")
    )
    for household in households:
        children = [m for m in household.members.all() if m.birth_date > adult_born]
        if not children or rng.random() < 0.33:
            continue
        arrival = household.arrival_date
        assert arrival is not None  # filtered above
        start = arrival + timedelta(days=rng.randint(7, 40))
        child = rng.choice(children)
        text, responsible, kind = rng.choice(CHILD_MEASURES)
        rows.append(
            FamilyMeasure(
                municipality_id=municipality_id,
                household=household,
                child=child,
                kind=kind,
                measure=text,
                responsible=responsible,
                starts_on=start,
                ends_on=start + timedelta(days=180),
                follow_up_on=start + timedelta(days=60),
            )
        )
        if rng.random() < 0.5:
            text, responsible, kind = rng.choice(FAMILY_MEASURES)
            rows.append(
                FamilyMeasure(
                    municipality_id=municipality_id,
                    household=household,
                    kind=kind,
                    measure=text,
                    responsible=responsible,
                    starts_on=start,
                    follow_up_on=start + timedelta(days=90),
                )
            )
    FamilyMeasure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# MI-5: the municipality's daycares and schools with their own figures (all children, other
# children with non-Western background), round numbers of the order of a Danish town's
INSTITUTIONS = [
    ("Børnehuset Mælkebøtten", PlacementKind.DAYCARE, 60, 6),
    ("Børnehaven Solstrålen", PlacementKind.DAYCARE, 45, 11),
    ("Vuggestuen Spiren", PlacementKind.DAYCARE, 30, 2),
    ("Nordskolen", PlacementKind.SCHOOL, 420, 50),
    ("Midtbyens Skole", PlacementKind.SCHOOL, 560, 130),
    ("Søndermarkskolen", PlacementKind.SCHOOL, 310, 25),
]


def install_places(municipality_id: int, rng: random.Random, reference_date: date) -> int:
    """The municipality's institutions, and the children's places (written at registration) of
    arrived households given an institution of their kind, a planned start three days after the
    arrival and, when that day has come, an actual start up to a week later. Bulk-written without
    audit rows. Returns the places started."""
    institutions = {
        kind: [
            Institution.objects.get_or_create(
                municipality_id=municipality_id,
                name=name,
                defaults={
                    "kind": kind,
                    "children_total": total,
                    "other_non_western_children": other,
                },
            )[0]
            for name, of_kind, total, other in INSTITUTIONS
            if of_kind == kind
        ]
        for kind in (PlacementKind.DAYCARE, PlacementKind.SCHOOL)
    }
    places = list(
        ChildPlacement.objects.filter(
            municipality_id=municipality_id,
            kind__in=list(institutions),
            institution__isnull=True,
            person__household__arrival_date__isnull=False,
        )
        .select_related("person__household")
        .order_by("pk")
    )
    started = 0
    for place in places:
        place.institution = rng.choice(institutions[PlacementKind(place.kind)])
        arrival = place.person.household.arrival_date
        assert arrival is not None  # filtered above
        place.planned_start_date = arrival + timedelta(days=3)
        start = place.planned_start_date + timedelta(days=rng.randint(0, 7))
        if start <= reference_date:
            place.actual_start_date = start
            started += 1
    ChildPlacement.objects.bulk_update(
        places, ["institution", "planned_start_date", "actual_start_date"], batch_size=2000
    )
    return started
