"""Demo data for referrals between units (COO-1) and concerns about a child's welfare (CIV-3),
deterministic from ``rng``, in every state: new (within the answer deadline), new and overdue,
accepted with an owner, returned with a reason, done, and a few concerns reported by volunteers.

About one adult in twelve past the takeover date is referred from the unit that does the work to
the unit the interface descriptions name for the referral's kind (COO-2). What a referral shares
follows the person's consent at the time (the consent demo runs first): a purpose is named only
where ``velkomst.consent.selectors.persons_consenting`` says the consent covers it for the
receiving unit. Rows are inserted in bulk (the demo loader and ``bench/generate.py`` at 20,000
persons call the same function); no disclosure rows are written for the demo's history.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from velkomst.core.config import config_in_force
from velkomst.core.models import Municipality, StaffUser, Unit, UnitKind
from velkomst.engines.calendar import add_working_days
from velkomst.people.models import Person

from . import interfaces
from .models import Referral, ReferralKind, ReferralStatus

BATCH = 1000
SHARE = 12  # one adult in this many is referred
CPH = ZoneInfo("Europe/Copenhagen")

ASKS = {
    ReferralKind.DANISH_EDUCATION: "Start på danskuddannelse; borgeren kan begynde med det samme.",
    ReferralKind.EMPLOYMENT: "Afklaring af jobmuligheder og virksomhedspraktik.",
    ReferralKind.HEALTH: "Helbredsvurdering: smerter i ryggen, svært ved at stå længe.",
    ReferralKind.FAMILY_SUPPORT: "Familien ønsker råd om forældrerollen og skole-hjem-samarbejdet.",
    ReferralKind.SCHOOL_DAYCARE: "Plads i skole eller dagtilbud for familiens børn.",
    ReferralKind.HOUSING: "Hjælp til at forstå lejekontrakten og varmeregningen.",
    ReferralKind.VOLUNTEER: "Ønsker kontakt til en forening (fodbold) og en mentor.",
    ReferralKind.OTHER: "Spørgsmål om pension fra hjemlandet.",
}
KINDS = [
    (ReferralKind.DANISH_EDUCATION, 20),
    (ReferralKind.EMPLOYMENT, 25),
    (ReferralKind.HEALTH, 15),
    (ReferralKind.FAMILY_SUPPORT, 10),
    (ReferralKind.SCHOOL_DAYCARE, 10),
    (ReferralKind.HOUSING, 8),
    (ReferralKind.VOLUNTEER, 8),
    (ReferralKind.OTHER, 4),
]
STATES = [("new", 20), ("overdue", 10), ("accepted", 35), ("returned", 10), ("done", 25)]
RETURN_REASONS = [
    "Hører under jobcentret; send den dertil.",
    "Borgeren er allerede i et forløb hos os.",
    "Mangler borgerens samtykke til at dele planen.",
]
RESULTS = ["Forløb aftalt med borgeren.", "Borgeren er startet.", "Afklaret ved samtale."]
CONCERNS = [
    ("Hanne Frivillig", "Pige på ca. 8 år", "Barnet virker bange for at gå hjem fra lektiecaféen."),
    ("Mads Mentor", "Dreng, 12 år", "Kommer ofte sulten og træt til fodboldtræning."),
    ("Amira Bydelsmor", "Søskende på 4 og 6 år", "Børnene er ofte alene hjemme om aftenen."),
]


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=CPH)


def _consenting(person_ids: list[int], units: list[Unit]) -> dict[tuple[str, int], set[int]]:
    """{(purpose, unit id): persons whose consent covers sharing it with the unit}."""
    try:
        from velkomst.consent.selectors import persons_consenting
    except ImportError:  # pragma: no cover - the consent app is installed with this one
        return {}
    purposes = ["share.contact", "share.plan", "share.household"]
    return {
        (purpose, unit.pk): set(persons_consenting(person_ids, purpose, unit=unit))
        for purpose in purposes
        for unit in units
    }


def install_demo(
    municipality: Municipality, by_role: dict[str, StaffUser], rng: random.Random, today: date
) -> Counter[str]:
    """Insert the municipality's referrals and concerns; the number of rows per table."""
    units = list(Unit.objects.filter(municipality=municipality).order_by("pk"))
    by_kind: dict[str, Unit] = {}
    for unit in units:
        by_kind.setdefault(unit.kind, unit)
    staff_of: dict[int, list[int]] = {}
    for unit_id, user_id in StaffUser.units.through.objects.filter(
        unit__municipality=municipality, staffuser__is_active=True
    ).values_list("unit_id", "staffuser_id"):
        staff_of.setdefault(unit_id, []).append(user_id)
    for ids in staff_of.values():
        ids.sort()
    described = interfaces.descriptions(municipality, today)
    values = config_in_force(municipality, today)
    answer_days = int(values["referral_answer_days"])
    concern_days = int(values["concern_answer_days"])
    adult_born = date(today.year - 18, today.month, min(today.day, 28))
    adults = list(
        Person.objects.filter(
            municipality=municipality, birth_date__lte=adult_born, case__takeover_date__lte=today
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = [pk for pk in adults if rng.randrange(SHARE) == 0]
    consenting = _consenting(chosen, units)
    referrals: list[Referral] = []
    counts: Counter[str] = Counter()
    for pk in chosen:
        kind = _pick(rng, KINDS)
        interface = described.get(f"referral:{kind}")
        to_unit = by_kind.get(interface.by if interface else "")
        from_unit = by_kind.get(UnitKind.INTEGRATION)
        if to_unit is None or from_unit is None or to_unit.pk == from_unit.pk:
            from_unit = by_kind.get(UnitKind.JOBCENTRE)
        if to_unit is None or from_unit is None or to_unit.pk == from_unit.pk:
            continue
        state = _pick(rng, STATES)
        sent_day = today - timedelta(
            days=rng.randint(0, 1) if state == "new" else rng.randint(8, 90)
        )
        answer_due = add_working_days(sent_day, answer_days)
        senders = staff_of.get(from_unit.pk, [])
        owners = staff_of.get(to_unit.pk, [])
        if state in ("accepted", "done") and not owners:
            state = "overdue"
        sent_at = _at(sent_day, rng.randint(8, 15))
        answered_at = (
            _at(min(today, answer_due), 10) if state in ("accepted", "done", "returned") else None
        )
        owner = owners[rng.randrange(len(owners))] if state in ("accepted", "done") else None
        status = {
            "new": ReferralStatus.NEW,
            "overdue": ReferralStatus.NEW,
            "accepted": ReferralStatus.ACCEPTED,
            "returned": ReferralStatus.RETURNED,
            "done": ReferralStatus.DONE,
        }[state]
        shared = [
            purpose
            for purpose in ("share.contact", "share.plan", "share.household")
            if pk in consenting.get((purpose, to_unit.pk), set()) and rng.random() < 0.7
        ]
        referrals.append(
            Referral(
                municipality=municipality,
                kind=kind,
                from_unit=from_unit,
                from_staff_id=senders[0] if senders else None,
                to_unit=to_unit,
                person_id=pk,
                text=ASKS[ReferralKind(kind)],
                shared=shared,
                deadline=sent_day + timedelta(days=rng.choice([14, 30, 45])),
                sent_at=sent_at,
                answer_due=answer_due,
                status=status,
                owner_id=owner,
                answered_at=answered_at,
                answered_by_id=owner if owner else (owners[0] if answered_at and owners else None),
                return_reason=rng.choice(RETURN_REASONS) if state == "returned" else "",
                done_at=_at(today, 9) if state == "done" else None,
                result=rng.choice(RESULTS) if state == "done" else "",
                created_at=sent_at,
                updated_at=answered_at or sent_at,
            )
        )
        counts[f"referral_{state}"] += 1
    children_unit = by_kind.get(UnitKind.CHILDREN_FAMILY)
    volunteers = by_kind.get(UnitKind.VOLUNTEER_CENTRE)
    if children_unit is not None:
        for n, (reporter, child, text) in enumerate(CONCERNS):
            sent_day = today - timedelta(days=n * 3)
            sent_at = _at(sent_day, 11)
            owners = staff_of.get(children_unit.pk, [])
            accepted = n > 0 and bool(owners)
            referrals.append(
                Referral(
                    municipality=municipality,
                    kind=ReferralKind.CHILD_CONCERN,
                    from_unit=volunteers if volunteers and volunteers != children_unit else None,
                    to_unit=children_unit,
                    text=text,
                    sent_at=sent_at,
                    answer_due=add_working_days(sent_day, concern_days),
                    status=ReferralStatus.ACCEPTED if accepted else ReferralStatus.NEW,
                    owner_id=owners[0] if accepted else None,
                    answered_by_id=owners[0] if accepted else None,
                    answered_at=_at(sent_day, 14) if accepted else None,
                    is_concern=True,
                    reporter_name=reporter,
                    reporter_contact="Frivilligcentret",
                    child_description=child,
                    created_at=sent_at,
                    updated_at=sent_at,
                )
            )
            counts["referral_concern"] += 1
    Referral.objects.bulk_create(referrals, batch_size=BATCH)
    counts["referrals"] = len(referrals)
    return counts
