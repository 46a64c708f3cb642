"""Demo data for the family plan (CHI-1): one or two family consultant's measures for most
households with children, for a child or the whole family. Bulk-written without audit rows,
like the other large demo rows."""

from __future__ import annotations

import random
from datetime import date, timedelta

from velkomst.people.models import Household

from .models import FamilyMeasure

CHILD_MEASURES = [
    ("Sprogstimulering i dagtilbuddet", "Dagtilbuddets pædagog"),
    ("Lektiecafé to gange om ugen", "Skolens lektiecafé"),
    ("Samtale med PPR om skolestart", "PPR"),
    ("Fritidsaktivitet: fodbold i den lokale klub", "Frivilligcentret"),
]
FAMILY_MEASURES = [
    ("Forældreforløb om det danske skolesystem", "Familiekonsulenten"),
    ("Familiesamtaler med tolk hver måned", "Familiekonsulenten"),
    ("Hjælp til forældreintra og skolekommunikation", "Integrationsteamet"),
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
        text, responsible = rng.choice(CHILD_MEASURES)
        rows.append(
            FamilyMeasure(
                municipality_id=municipality_id,
                household=household,
                child=child,
                measure=text,
                responsible=responsible,
                starts_on=start,
                ends_on=start + timedelta(days=180),
                follow_up_on=start + timedelta(days=60),
            )
        )
        if rng.random() < 0.5:
            text, responsible = rng.choice(FAMILY_MEASURES)
            rows.append(
                FamilyMeasure(
                    municipality_id=municipality_id,
                    household=household,
                    measure=text,
                    responsible=responsible,
                    starts_on=start,
                    follow_up_on=start + timedelta(days=90),
                )
            )
    FamilyMeasure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
