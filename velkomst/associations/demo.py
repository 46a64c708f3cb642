"""Demo data for HOU-5: four housing associations with twelve months of move-outs and, when
households with a housing need are waiting, a drafted allocation meeting for next month."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from velkomst.core.models import Municipality, StaffUser

from . import distribution, selectors, services
from .models import AllocationMeeting, HousingAssociation

# (name, contact person, typical move-outs per month)
ASSOCIATIONS = [
    ("Fjordbo", "Hanne Vestergaard", 9),
    ("Boligselskabet Lyngen", "Karsten Holm", 6),
    ("Andelsbo Nord", "Mette Dahl", 4),
    ("Ungdomsboligerne Kilden", "Søren Lund", 2),
]


def install_demo(
    municipality: Municipality, officer: StaffUser, rng: random.Random
) -> list[HousingAssociation]:
    """Create the associations (skipping names that exist), their move-outs for the twelve
    months before this month and, if households need housing, next month's meeting draft."""
    assert officer.municipality_id == municipality.pk
    today = timezone.localdate()
    this_month = distribution.month_start(today)
    months = distribution.key_period(this_month, 12)
    existing = {a.name for a in selectors.associations_for(officer)}
    created = []
    for name, contact, typical in ASSOCIATIONS:
        if name in existing:
            continue
        slug = name.lower().split()[-1]
        association = services.association_create(
            acting_user=officer,
            name=name,
            contact_person=contact,
            email=f"udlejning@{slug}.example.dk",
            phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        )
        services.move_outs_save(
            acting_user=officer,
            association=association,
            entries=[
                services.MoveOutEntry(period=month, move_outs=max(0, typical + rng.randint(-3, 3)))
                for month in months
            ],
            channel="demo",
        )
        created.append(association)
    next_month = distribution.add_months(this_month, 1)
    waiting = selectors.unhoused_households(user=officer, month=next_month).exists()
    if (
        waiting
        and not AllocationMeeting.objects.filter(
            municipality=municipality, month=next_month
        ).exists()
    ):
        services.meeting_draft(
            acting_user=officer,
            month=next_month,
            meeting_date=next_month - timedelta(days=rng.randint(3, 8)),
            note="Demo: udkast til næste måneds anvisningsmøde",
        )
    return created


__all__ = ["ASSOCIATIONS", "install_demo"]
