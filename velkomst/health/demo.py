"""Demo data for health and barriers (HEA-1, HEA-2, PRG-6), deterministic from ``rng``.

Every adult taken over by the municipality by the reference date is offered a health assessment
within the rule's months (mandatory for quota refugees under the current rule); most answer, most
who accept are assessed (mostly able to work, some with consideration, a few reduced or not now);
some are referred to treatment; some give consent to share the work-capacity conclusion with the
job centre; about four in ten have a barrier to work with a measure; a few families with trauma
get a coordinated plan with the health, school and job-centre units' measures. Rows are inserted
in bulk (the demo loader and ``bench/generate.py`` at 20,000 persons call the same function) and
the health unit is linked to the households it works with, so the health coordinator sees them.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from velkomst.consent.models import Consent
from velkomst.core.config import config_in_force
from velkomst.core.models import Municipality, Role, StaffUser, Unit, UnitKind
from velkomst.people.models import Household, Person

from .models import (
    Barrier,
    BarrierKind,
    CareCoordination,
    ConsentPurpose,
    CoordinatedMeasure,
    HealthAssessment,
    HealthAssessmentOffer,
    HealthReferral,
    OfferAnswer,
    ReferralKind,
    ReferralStatus,
    WorkCapacity,
)

BATCH = 1000
DOCTORS = ["Dr. Hansen", "Dr. Ibrahim", "Dr. Nielsen", "Dr. Sørensen", "Dr. Yilmaz"]
CAPACITY = [
    (WorkCapacity.ORDINARY, 55),
    (WorkCapacity.WITH_CONSIDERATION, 25),
    (WorkCapacity.REDUCED, 12),
    (WorkCapacity.NOT_NOW, 8),
]
CONCLUSIONS = {
    WorkCapacity.ORDINARY: "Ingen helbredsmæssige forhold, der hindrer arbejde.",
    WorkCapacity.WITH_CONSIDERATION: "Kan arbejde; undgå tunge løft de næste måneder.",
    WorkCapacity.REDUCED: "Smerter og søvnproblemer; behov for genoptræning og samtaleforløb.",
    WorkCapacity.NOT_NOW: "Svære traumesymptomer; behandling før beskæftigelsesrettet indsats.",
}
BARRIERS = [
    (BarrierKind.LITERACY, "Alfabetiseringsforløb på sprogcentret", 25),
    (BarrierKind.CHILDCARE, "Plads i dagtilbud i kursustiden", 20),
    (BarrierKind.TRANSPORT, "Buskort til praktikstedet", 15),
    (BarrierKind.SOCIETAL, "Kursus i samfundsforståelse", 10),
    (BarrierKind.HEALTH, "Genoptræning hos fysioterapeut", 15),
    (BarrierKind.TRAUMA, "Samtaleforløb hos psykolog", 10),
    (BarrierKind.OTHER, "Mentor de første måneder", 5),
]
MEASURES = [
    (UnitKind.HEALTH, "Traumebehandling og opfølgning hos egen læge"),
    (UnitKind.SCHOOL, "Støttetimer og samtaler med skolens AKT-lærer"),
    (UnitKind.JOBCENTRE, "Mentor og rehabiliterende forløb"),
    (UnitKind.CHILDREN_FAMILY, "Familiebehandling hver anden uge"),
]


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def install_demo(
    municipality: Municipality,
    by_role: dict[str, StaffUser],
    rng: random.Random,
    today: date,
) -> Counter[str]:
    """Insert the municipality's health and barrier rows; the number of rows per table."""
    coordinator = by_role[Role.HEALTH_COORDINATOR]
    caseworker = by_role[Role.CASEWORKER]
    config = config_in_force(municipality, today)
    mandatory_bases = set(config["health_assessment_mandatory_bases"] or [])
    units = {u.kind: u for u in Unit.objects.filter(municipality=municipality)}
    adult_born = date(today.year - 18, today.month, min(today.day, 28))
    adults = list(
        Person.objects.filter(
            municipality=municipality,
            birth_date__lte=adult_born,
            case__takeover_date__lte=today,
        )
        .order_by("pk")
        .values_list("pk", "household_id", "residence_basis", "case__takeover_date")
    )
    counts: Counter[str] = Counter()
    offers: list[HealthAssessmentOffer] = []
    for pk, _household, basis, takeover in adults:
        if rng.random() < 0.1:
            continue  # not offered yet
        offered = min(today, takeover + timedelta(days=rng.randint(7, 150)))
        answer = _pick(rng, [(OfferAnswer.ACCEPTED, 70), (OfferAnswer.DECLINED, 15), ("", 15)])
        answered = min(today, offered + timedelta(days=rng.randint(3, 30))) if answer else None
        offers.append(
            HealthAssessmentOffer(
                municipality=municipality,
                person_id=pk,
                offered_on=offered,
                mandatory=basis in mandatory_bases,
                answer=answer or OfferAnswer.PENDING,
                answered_on=answered,
                recorded_by=coordinator,
            )
        )
    offers = HealthAssessmentOffer.objects.bulk_create(offers, batch_size=BATCH)
    counts["health_offers"] = len(offers)
    assessments: list[HealthAssessment] = []
    for offer in offers:
        if offer.answer != OfferAnswer.ACCEPTED or rng.random() < 0.2:
            continue
        assert offer.answered_on is not None
        capacity = _pick(rng, CAPACITY)
        assessments.append(
            HealthAssessment(
                municipality=municipality,
                person_id=offer.person_id,
                offer=offer,
                assessed_on=min(today, offer.answered_on + timedelta(days=rng.randint(5, 40))),
                doctor=rng.choice(DOCTORS),
                work_capacity=capacity,
                conclusion=CONCLUSIONS[WorkCapacity(capacity)],
                recorded_by=coordinator,
            )
        )
    HealthAssessment.objects.bulk_create(assessments, batch_size=BATCH)
    counts["health_assessments"] = len(assessments)
    referrals: list[HealthReferral] = []
    consents: list[Consent] = []
    for assessment in assessments:
        if assessment.work_capacity != WorkCapacity.ORDINARY and rng.random() < 0.7:
            kind = _pick(
                rng,
                [
                    (ReferralKind.TRAUMA, 30),
                    (ReferralKind.PTSD, 20),
                    (ReferralKind.GP, 30),
                    (ReferralKind.PHYSIOTHERAPY, 20),
                ],
            )
            status = _pick(
                rng,
                [
                    (ReferralStatus.REFERRED, 20),
                    (ReferralStatus.WAITING, 25),
                    (ReferralStatus.STARTED, 30),
                    (ReferralStatus.COMPLETED, 20),
                    (ReferralStatus.DECLINED, 5),
                ],
            )
            referred = assessment.assessed_on
            referrals.append(
                HealthReferral(
                    municipality=municipality,
                    person_id=assessment.person_id,
                    kind=kind,
                    referred_on=referred,
                    status=status,
                    status_on=min(today, referred + timedelta(days=rng.randint(0, 60))),
                )
            )
        if rng.random() < 0.5:
            consents.append(
                Consent(
                    municipality=municipality,
                    person_id=assessment.person_id,
                    purpose=ConsentPurpose.WORK_CAPACITY,
                    given_on=assessment.assessed_on,
                    recorded_by=coordinator,
                )
            )
    HealthReferral.objects.bulk_create(referrals, batch_size=BATCH)
    consents = Consent.objects.bulk_create(consents, batch_size=BATCH)
    if UnitKind.JOBCENTRE in units:
        Through = Consent.units.through
        Through.objects.bulk_create(
            [Through(consent_id=c.pk, unit_id=units[UnitKind.JOBCENTRE].pk) for c in consents],
            batch_size=BATCH,
        )
    counts["health_referrals"] = len(referrals)
    counts["health_consents"] = len(consents)

    barriers: list[Barrier] = []
    trauma_households: list[int] = []
    for pk, household, _basis, takeover in adults:
        if rng.random() >= 0.4:
            continue
        kind, measure, _w = rng.choices(BARRIERS, weights=[w for *_x, w in BARRIERS])[0]
        health = kind in (BarrierKind.HEALTH, BarrierKind.TRAUMA)
        follow_up = takeover + timedelta(days=rng.randint(30, 400))
        barriers.append(
            Barrier(
                municipality=municipality,
                person_id=pk,
                kind=kind,
                description="" if not health else "Oplyst ved helbredsvurderingen",
                measure=measure,
                responsible=coordinator if health else caseworker,
                follow_up_on=follow_up,
                resolved_on=follow_up if follow_up < today and rng.random() < 0.5 else None,
            )
        )
        if kind == BarrierKind.TRAUMA:
            trauma_households.append(household)
    Barrier.objects.bulk_create(barriers, batch_size=BATCH)
    counts["barriers"] = len(barriers)

    coordinations: list[CareCoordination] = []
    for household in sorted(set(trauma_households)):
        if rng.random() < 0.5:
            coordinations.append(
                CareCoordination(
                    municipality=municipality,
                    household_id=household,
                    coordinator=coordinator,
                    started_on=today - timedelta(days=rng.randint(10, 300)),
                    goal="Familien kommer i behandling, børnene trives, og de voksne kommer "
                    "tættere på arbejde",
                )
            )
    coordinations = CareCoordination.objects.bulk_create(coordinations, batch_size=BATCH)
    measures = [
        CoordinatedMeasure(
            municipality=municipality,
            coordination=c,
            unit=units[kind],
            measure=text,
            from_on=c.started_on + timedelta(days=rng.randint(0, 30)),
            follow_up_on=c.started_on + timedelta(days=rng.randint(40, 120)),
        )
        for c in coordinations
        for kind, text in rng.sample(MEASURES, 3)
        if kind in units
    ]
    CoordinatedMeasure.objects.bulk_create(measures, batch_size=BATCH)
    counts["care_coordinations"] = len(coordinations)
    counts["coordinated_measures"] = len(measures)

    if UnitKind.HEALTH in units:  # the health unit works with these households
        with_health = set(
            Person.objects.filter(
                pk__in=[o.person_id for o in offers] + [b.person_id for b in barriers]
            ).values_list("household_id", flat=True)
        )
        Link = Household.units.through
        existing = set(
            Link.objects.filter(
                unit_id=units[UnitKind.HEALTH].pk, household_id__in=with_health
            ).values_list("household_id", flat=True)
        )
        Link.objects.bulk_create(
            [
                Link(household_id=h, unit_id=units[UnitKind.HEALTH].pk)
                for h in sorted(with_health - existing)
            ],
            batch_size=BATCH,
        )
    return counts
