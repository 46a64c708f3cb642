"""Demo data for matching volunteers and households (CIV-2, CIV-3), deterministic from ``rng``.

About a third of the households have wishes recorded (offer kinds, interests, weekdays) and are
worked with by the volunteer centre, so the volunteer coordinator sees them. The engine suggests
offers to those whose adults' consent covers contact by a volunteer (the consent demo runs first;
a household of the chosen without any is given its consent here, so matches exist), and a first
proposal (``engines.volunteer_matching.allocate``: capacity and the child rule kept) becomes
matches in every state: proposed, accepted (some with the first meeting overdue), declined with a
reason, first meeting held (some with the follow-up due), ongoing and ended with a reason.
Without approved volunteers (the resource bank's demo not run) a few are added here. Rows are
inserted in bulk: the demo loader and ``bench/generate.py`` call the same function.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from datetime import date, timedelta

from velkomst.core.models import Municipality, Role, StaffUser, Unit, UnitKind
from velkomst.engines import volunteer_matching as engine
from velkomst.people.models import Household, Person
from velkomst.volunteers.models import Offer, OfferKind, Volunteer, VolunteerStatus

from . import inputs
from .models import Match, MatchEndReason, MatchSide, MatchState, Wish

BATCH = 1000
INTERESTS = ["fodbold", "madlavning", "musik", "cykling", "natur", "lektier", "strik", "skak"]
DEMO_VOLUNTEERS = [  # name, languages, kind, audience, certificate
    ("Birgit Kofoed", ["da", "en"], OfferKind.NETWORK_FAMILY, ["families"], True),
    ("Jens Ipsen", ["da", "ar"], OfferKind.MENTOR, ["adults"], False),
    ("Sara Holm", ["da", "en"], OfferKind.HOMEWORK_HELP, ["children", "families"], True),
    ("Mohammad Alsaleh", ["ar", "da"], OfferKind.CITY_GUIDE, ["adults", "families"], True),
    ("Lise Dam", ["da"], OfferKind.LANGUAGE_CAFE, ["adults"], False),
    ("Peter Munk", ["da", "en"], OfferKind.SPORTS, ["adults", "families", "children"], True),
    ("Hanne Lund", ["da", "uk"], OfferKind.PRACTICAL_HELP, ["adults", "families"], True),
    ("Ole Bech", ["da"], OfferKind.TRANSPORT, ["adults"], False),
]
STATES = [
    MatchState.PROPOSED,
    MatchState.ACCEPTED,
    MatchState.DECLINED,
    MatchState.MET,
    MatchState.ONGOING,
    MatchState.ENDED,
]
DECLINES = [
    (MatchSide.HOUSEHOLD, "Familien har ikke tid lige nu."),
    (MatchSide.VOLUNTEER, "Den frivillige kan kun om aftenen."),
]
ENDS = [
    MatchEndReason.COMPLETED,
    MatchEndReason.HOUSEHOLD_STOPPED,
    MatchEndReason.MOVED,
    MatchEndReason.NO_CONTACT,
]


def _demo_volunteers(municipality: Municipality, rng: random.Random, today: date) -> None:
    for name, langs, kind, audience, certificate in DEMO_VOLUNTEERS:
        volunteer = Volunteer.objects.create(
            municipality=municipality,
            kind="private",
            name=name,
            languages=langs,
            status=VolunteerStatus.APPROVED,
            token=secrets.token_urlsafe(24),
            child_certificate_received_on=today - timedelta(days=90) if certificate else None,
            child_certificate_expires_on=today + timedelta(days=600) if certificate else None,
            confidentiality_signed_on=today - timedelta(days=90) if certificate else None,
        )
        Offer.objects.create(
            municipality=municipality,
            volunteer=volunteer,
            kind=kind,
            languages=langs,
            audience=audience,
            weekdays=sorted(rng.sample(range(7), 3)),
            capacity=rng.randint(2, 4),
            description=" ".join(rng.sample(INTERESTS, 2)),
        )


def install_demo(
    municipality: Municipality,
    by_role: dict[str, StaffUser],
    rng: random.Random,
    today: date,
    *,
    share: float = 0.33,
    consent_share: float = 0.67,
) -> Counter[str]:
    """Insert the municipality's wishes and matches; the number of rows per table. ``share``:
    the households with wishes; ``consent_share``: of those without consent, the share given
    one here."""
    counts: Counter[str] = Counter()
    coordinator = by_role.get(Role.VOLUNTEER_COORDINATOR)
    if coordinator is None:
        return counts
    from velkomst.consent.models import Consent

    approved = Volunteer.objects.filter(municipality=municipality, status=VolunteerStatus.APPROVED)
    volunteers_rng = random.Random(rng.random())  # drawn always: the rest does not depend on it
    if not Offer.objects.filter(volunteer__in=approved, active=True).exists():
        _demo_volunteers(municipality, volunteers_rng, today)
    households = list(
        Household.objects.filter(municipality=municipality)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = [pk for pk in households if rng.random() < share]
    unit = Unit.objects.filter(municipality=municipality, kind=UnitKind.VOLUNTEER_CENTRE).first()
    if unit is not None:
        through = Household.units.through
        known = set(
            through.objects.filter(unit_id=unit.pk, household_id__in=chosen).values_list(
                "household_id", flat=True
            )
        )
        through.objects.bulk_create(
            [through(household_id=pk, unit_id=unit.pk) for pk in chosen if pk not in known],
            batch_size=BATCH,
        )
    kinds = list(OfferKind.values)
    wishes = [
        Wish(
            municipality=municipality,
            household_id=pk,
            kinds=rng.sample(kinds, rng.randint(1, 3)),
            interests=sorted(rng.sample(INTERESTS, rng.randint(0, 3))),
            weekdays=sorted(rng.sample(range(7), rng.randint(2, 5))),
            recorded_by=coordinator,
        )
        for pk in chosen
    ]
    Wish.objects.bulk_create(wishes, batch_size=BATCH)
    counts["wishes"] = len(wishes)
    # consent: the chosen households' adults without one get it (two in three households)
    members: dict[int, list[Person]] = {}
    for p in Person.objects.filter(household_id__in=chosen).only(
        "id", "household_id", "birth_date"
    ):
        members.setdefault(p.household_id, []).append(p)
    subjects = [p for pk in chosen for p in inputs.consent_subjects(members.get(pk, []), today)]
    have = inputs.consenting_persons([p.pk for p in subjects])
    given = []
    for pk in chosen:
        people = inputs.consent_subjects(members.get(pk, []), today)
        if all(p.pk in have for p in people) or rng.random() >= consent_share:
            continue
        given += [
            Consent(
                municipality=municipality,
                person_id=p.pk,
                purpose=inputs.CONTACT_VOLUNTEER,
                given_on=today - timedelta(days=rng.randint(10, 200)),
                method="signed",
                recorded_by=coordinator,
            )
            for p in people
            if p.pk not in have
        ]
    Consent.objects.bulk_create(given, batch_size=BATCH)
    counts["consents"] = len(given)
    # the engine's first proposal, as matches in every state
    entries = inputs.households(chosen, today)
    rows = inputs.offer_rows(municipality.pk)
    pairs = engine.allocate(
        entries,
        inputs.offers(rows, today),
        inputs.travel(municipality.pk),
        inputs.weights(municipality, today),
    )
    matches = []
    seen: set[int] = set()
    for i, pair in enumerate(p for p in pairs if p.household_id not in seen):
        seen.add(pair.household_id)
        state = STATES[i % len(STATES)]
        proposed = today - timedelta(days=rng.randint(3, 20) + 25 * STATES.index(state))
        accepted = proposed + timedelta(days=rng.randint(2, 7))
        met = accepted + timedelta(days=rng.randint(5, 20))
        match = Match(
            municipality=municipality,
            offer_id=pair.offer_id,
            household_id=pair.household_id,
            state=state,
            score=pair.score,
            reasons=[engine.reason_data(r) for r in pair.reasons],
            proposed_on=proposed,
            proposed_by=coordinator,
        )
        if state == MatchState.DECLINED:
            side, reason = DECLINES[i % len(DECLINES)]
            match.declined_on, match.declined_by, match.decline_reason = accepted, side, reason
        if state in (MatchState.ACCEPTED, MatchState.MET, MatchState.ONGOING, MatchState.ENDED):
            match.household_accepted_on = match.volunteer_accepted_on = accepted
            match.accepted_on = accepted
        if state in (MatchState.MET, MatchState.ONGOING, MatchState.ENDED):
            match.first_meeting_on = min(met, today)
        if state in (MatchState.ONGOING, MatchState.ENDED):
            match.followed_up_on = min(met + timedelta(weeks=6), today)
        if state == MatchState.ENDED:
            match.ended_on = min(met + timedelta(weeks=10), today)
            match.end_reason = ENDS[i % len(ENDS)]
        matches.append(match)
    Match.objects.bulk_create(matches, batch_size=BATCH)
    counts["matches"] = len(matches)
    return counts
