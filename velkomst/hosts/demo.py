"""Demo data for HOU-6: three private hosts with offers, some households' wishes for private
lodging, and one meeting whose decisions and outcome are recorded (the household said no, so the
offer is still open). Not wired into velkomst.demodata here; the loader calls ``install_demo``."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, time, timedelta

from django.utils import timezone

from velkomst.core.models import Municipality, StaffUser
from velkomst.housing.models import Area
from velkomst.people.models import Household

from . import selectors, services
from .models import Host, HostOffer, Meeting

# (name, street, offer kind, rooms, m², rent, utilities, max persons, types, languages, pets)
HOSTS = [
    (
        "Karen og Poul Vestergaard",
        "Bregnerødvej 12",
        "flat",
        2,
        55,
        4200,
        500,
        4,
        ["single", "couple", "family"],
        ["da", "en"],
        True,
    ),
    ("Lise Mortensen", "Kirkevej 4", "room", 1, 16, 2800, 300, 1, ["single"], ["da", "ar"], False),
    (
        "Ahmad og Sara Rahimi",
        "Stavnsholtvej 30",
        "flat",
        3,
        80,
        5600,
        700,
        5,
        ["family"],
        ["da", "fa", "prs"],
        False,
    ),
]

DESCRIPTIONS = {
    "flat": "Selvstændig lejlighed i værtens hus med eget køkken og bad",
    "room": "Møbleret værelse med adgang til køkken og bad",
}


def install_demo(
    municipality: Municipality,
    officer: StaffUser,
    households: Sequence[Household],
    areas: Sequence[Area],
    rng: random.Random,
) -> list[Host]:
    """Create the hosts and offers (skipping hosts whose name exists), mark a few households as
    wishing private lodging, and record one meeting between an offer and a candidate household."""
    assert officer.municipality_id == municipality.pk
    today = timezone.localdate()
    existing = set(selectors.hosts_for(officer).values_list("name", flat=True))
    created: list[Host] = []
    offers: list[HostOffer] = []
    for name, street, kind, rooms, size, rent, utilities, persons, types, langs, pets in HOSTS:
        if name in existing:
            continue
        area = rng.choice(list(areas)) if areas else None
        host = services.host_create(
            acting_user=officer,
            name=name,
            phone=f"{rng.randint(20, 99)}{rng.randint(100000, 999999)}",
            email="",
            address=f"{street}, {municipality.name}",
            area=area,
            note="",
        )
        created.append(host)
        offers.append(
            services.offer_create(
                acting_user=officer,
                host=host,
                kind=kind,
                description=DESCRIPTIONS[kind],
                rooms=rooms,
                size_m2=size,
                rent=rent,
                utilities=utilities,
                available_from=today - timedelta(days=rng.randint(0, 30)),
                available_until=None,
                step_free=rng.random() < 0.3,
                max_persons=persons,
                household_types=types,
                languages=langs,
                pets_ok=pets,
                smoking_ok=False,
            )
        )
    waiting = list(selectors.candidate_households(officer))
    for household in rng.sample(waiting, k=min(3, len(waiting))):
        if selectors.profile_for(household) is None:
            services.lodging_profile_save(
                household=household,
                acting_user=officer,
                data=services.ProfileData(wants_private_lodging=True),
                expected_version=0,
            )
    for offer in offers:
        ranked = selectors.candidates(user=officer, offer=offer, today=today)
        if not ranked.result.candidates:
            continue
        household = ranked.households[ranked.result.candidates[0].household_id]
        meeting = services.meeting_propose(
            acting_user=officer,
            offer=offer,
            household=household,
            meeting_at=timezone.make_aware(
                datetime.combine(today - timedelta(days=rng.randint(2, 6)), time(14, 0))
            ),
            place="Hos værten",
            today=today,
        )
        _record_no(meeting, officer)
        break
    return created


def _record_no(meeting: Meeting, officer: StaffUser) -> None:
    services.meeting_decide(
        meeting=meeting,
        acting_user=officer,
        expected_version=meeting.version,
        host_decision="yes",
        household_decision="no",
        note="Husstanden vil hellere bo tættere på børnenes skole.",
    )
