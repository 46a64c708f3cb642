"""Demo data for the integration programme (PRG-1, PRG-5, PRG-8): every adult with a case whose
takeover date has passed gets a contract (most signed by both within the month, a few refused or
still open), a plan (education-directed under 30, a few rehabilitation-directed), goals,
activities consistent with the rules (Danish education from the start; internships of 13 weeks,
then wage subsidy, IGU or an ordinary job with mentor support, mostly on time and with short
gaps, some late or with long gaps so the flags show), and support measures, all aged by the
takeover date. Bulk-inserted (the benchmark generator inserts the same at 20,000 persons); the
random generator is the caller's, so adding this keeps the other demo parts."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.engines.calendar import add_months
from velkomst.engines.deadlines import age_on
from velkomst.engines.programme import YOUNG_AGE, contract_due
from velkomst.people.models import Person, Phase

from .models import (
    Activity,
    ActivityKind,
    Category,
    Direction,
    GoalKind,
    IntegrationContract,
    IntegrationPlan,
    PlanGoal,
    ProviderKind,
    SupportKind,
    SupportMeasure,
)

BATCH = 2000
COMPANIES = [
    "Netto",
    "Føtex",
    "Danish Crown",
    "Plejecenter Solhaven",
    "Vognmand Jensen",
    "Hotel Strand",
    "Kommunens materielgård",
    "Bageriet Kornet",
    "Rengøring Nord",
    "Tømrerfirma Hansen",
]
TRADES = [
    ("5120", "Kok"),
    ("5322", "Social- og sundhedshjælper"),
    ("7115", "Tømrer"),
    ("8322", "Chauffør"),
    ("9112", "Rengøringsassistent"),
    ("7512", "Bager"),
    ("9329", "Lagerarbejder"),
]
EDUCATIONS = ["Social- og sundhedsassistent", "Tømrer (EUD)", "Ernæringsassistent", "HF"]

# MI-4: what the municipality pays a week, whole kroner, by activity kind. Round figures of the
# order municipalities pay (jobcentres' weekly rates for purchased courses, the language centre's
# module price spread over the weeks, the wage subsidy to a private employer for about 20 hours,
# a mentor's few hours at an hourly rate); not quotes of any municipality's contracts. None: no
# cost to the municipality (an internship at a company; IGU, whose bonus the state pays; VUC,
# which the state finances).
WEEKLY_PRICE: dict[str, int | None] = {
    ActivityKind.INTERNSHIP: None,
    ActivityKind.LANGUAGE_INTERNSHIP: None,
    ActivityKind.WAGE_SUBSIDY: 2000,
    ActivityKind.IGU: None,
    ActivityKind.JOB_WITH_MENTOR: 1000,
    ActivityKind.PREPARATORY: None,
    ActivityKind.DANISH_EDUCATION: 800,
    ActivityKind.REHABILITATION: 2500,
    ActivityKind.ENTREPRENEURSHIP_COURSE: 1500,
    ActivityKind.ENTREPRENEURSHIP_ADVICE: 1500,
}
# a month, whole kroner: a local bus card of two or three zones, childcare during course hours,
# a mentor's few hours a month (round figures of the same kind)
MONTHLY_PRICE: dict[str, int] = {
    SupportKind.BUS_CARD: 400,
    SupportKind.CHILDCARE: 3000,
    SupportKind.MENTOR: 2000,
}


def _enterprise_kind(rng: random.Random, n: int) -> str:
    if n == 0:
        return rng.choice([ActivityKind.INTERNSHIP] * 3 + [ActivityKind.LANGUAGE_INTERNSHIP])
    return rng.choice(
        [
            ActivityKind.INTERNSHIP,
            ActivityKind.WAGE_SUBSIDY,
            ActivityKind.WAGE_SUBSIDY,
            ActivityKind.IGU,
            ActivityKind.JOB_WITH_MENTOR,
        ]
    )


def _activities(
    rng: random.Random, direction: str, takeover: date, reference: date
) -> list[tuple[str, str, date, date | None, Decimal, str, str]]:
    """(category, kind, start, end, hours, provider kind, provider) for one plan: at most 37
    hours a week at any time (Danish 15, enterprise up to 22, education 20)."""
    rows: list[tuple[str, str, date, date | None, Decimal, str, str]] = []
    danish_start = takeover + timedelta(days=rng.randint(7, 35))
    if danish_start <= reference:
        rows.append(
            (
                Category.DANISH,
                ActivityKind.DANISH_EDUCATION,
                danish_start,
                None,
                Decimal(15),
                ProviderKind.LANGUAGE_CENTRE,
                "Sprogcentret",
            )
        )
    if direction == Direction.REHABILITATION:
        start = takeover + timedelta(days=rng.randint(14, 60))
        if start <= reference:
            rows.append(
                (
                    Category.OTHER,
                    ActivityKind.REHABILITATION,
                    start,
                    None,
                    Decimal(10),
                    ProviderKind.OTHER,
                    "Rehabiliteringsteamet",
                )
            )
        return rows
    if direction == Direction.EDUCATION:
        start = takeover + timedelta(days=rng.randint(14, 70))
        if start <= reference:
            rows.append(
                (
                    Category.EDUCATION,
                    ActivityKind.PREPARATORY,
                    start,
                    add_months(start, 12),
                    Decimal(20),
                    ProviderKind.SCHOOL,
                    "VUC",
                )
            )
        return rows
    # job-directed: mostly the first within 4 weeks, some late; 13-week placements, short gaps
    late = rng.random() < 0.2
    start = takeover + timedelta(days=rng.randint(35, 80) if late else rng.randint(5, 27))
    n = 0
    while start <= reference and n < 8:
        kind = _enterprise_kind(rng, n)
        weeks = 13 if kind in (ActivityKind.INTERNSHIP, ActivityKind.LANGUAGE_INTERNSHIP) else 26
        end = start + timedelta(weeks=weeks) - timedelta(days=1)
        hours = Decimal(rng.choice([15, 18, 20, 22]))
        company = rng.choice(COMPANIES)
        rows.append((Category.ENTERPRISE, kind, start, end, hours, ProviderKind.COMPANY, company))
        gap_weeks = rng.choice([0, 0, 1, 2, 3, 4, 9]) if rng.random() < 0.9 else 10
        start = end + timedelta(days=1 + 7 * gap_weeks)
        n += 1
    if rng.random() < 0.08:  # an entrepreneurship course (PRG-8) for a few
        course = takeover + timedelta(weeks=rng.randint(8, 30))
        if course <= reference:
            rows.append(
                (
                    Category.OTHER,
                    rng.choice(
                        [ActivityKind.ENTREPRENEURSHIP_COURSE, ActivityKind.ENTREPRENEURSHIP_ADVICE]
                    ),
                    course,
                    course + timedelta(weeks=6),
                    Decimal(2),
                    ProviderKind.OTHER,
                    "Iværksætterhuset",
                )
            )
    return rows


@transaction.atomic
def install_demo(
    municipality: Municipality, rng: random.Random, reference_date: date
) -> Counter[str]:
    """The programme of every adult in the municipality whose takeover date has passed."""
    counts: Counter[str] = Counter()
    staff = (
        StaffUser.objects.filter(municipality=municipality, role=Role.CASEWORKER)
        .order_by("pk")
        .first()
    )
    adults = [
        p
        for p in Person.objects.filter(
            municipality=municipality,
            case__isnull=False,
            case__takeover_date__lte=reference_date,
        )
        .exclude(case__phase=Phase.PRE_ARRIVAL)
        .select_related("case")
        .order_by("pk")
        if age_on(p.birth_date, p.case.takeover_date) >= 18
    ]
    plans: list[IntegrationPlan] = []
    contracts: list[IntegrationContract] = []
    directions: dict[int, str] = {}
    direction: str
    for p in adults:
        takeover = p.case.takeover_date
        age = age_on(p.birth_date, takeover)
        if age < YOUNG_AGE:
            direction = Direction.EDUCATION if rng.random() < 0.85 else Direction.JOB
        else:
            direction = Direction.REHABILITATION if rng.random() < 0.08 else Direction.JOB
        directions[p.pk] = direction
        plans.append(
            IntegrationPlan(
                municipality=municipality,
                person=p,
                direction=direction,
                direction_reason="" if direction != Direction.REHABILITATION else "Helbred",
            )
        )
        due = contract_due(takeover)
        contract = IntegrationContract(municipality=municipality, person=p, due_date=due)
        draw = rng.random()
        signed = takeover + timedelta(days=rng.randint(3, 28))
        if draw < 0.04 and signed <= reference_date:
            contract.refused_on = signed
            contract.refusal_reason = "Ønsker ikke at underskrive før samtale med advokat"
        elif draw < 0.93 and signed <= reference_date:
            contract.signed_on = signed
            contract.signed_by_municipality_on = signed
            contract.signed_by_staff = staff
        contracts.append(contract)
    IntegrationPlan.objects.bulk_create(plans, batch_size=BATCH)
    IntegrationContract.objects.bulk_create(contracts, batch_size=BATCH)
    goals: list[PlanGoal] = []
    activities: list[Activity] = []
    supports: list[SupportMeasure] = []
    for plan, p in zip(plans, adults, strict=True):
        takeover = p.case.takeover_date
        chosen = directions[p.pk]
        code, trade = rng.choice(TRADES)
        if chosen == Direction.EDUCATION:
            if rng.random() < 0.8:  # the rest are flagged (PRG-5)
                goals.append(
                    PlanGoal(
                        municipality=municipality,
                        plan=plan,
                        kind=GoalKind.EDUCATION,
                        education=rng.choice(EDUCATIONS),
                        target_date=add_months(takeover, 30),
                    )
                )
        elif chosen == Direction.JOB:
            goals.append(
                PlanGoal(
                    municipality=municipality,
                    plan=plan,
                    kind=GoalKind.JOB,
                    trade_code=code,
                    trade_label=trade,
                    target_date=add_months(takeover, 12),
                )
            )
        goals.append(
            PlanGoal(
                municipality=municipality,
                plan=plan,
                kind=GoalKind.DANISH,
                danish_level=rng.choice(["A2", "B1", "B1", "B2"]),
                target_date=add_months(takeover, 24),
            )
        )
        for category, kind, start, end, hours, provider_kind, provider in _activities(
            rng, chosen, takeover, reference_date
        ):
            activities.append(
                Activity(
                    municipality=municipality,
                    plan=plan,
                    category=category,
                    kind=kind,
                    start=start,
                    end=end,
                    hours_per_week=hours,
                    provider_kind=provider_kind,
                    provider_name=provider,
                    price_per_week=WEEKLY_PRICE.get(kind),
                )
            )
        if rng.random() < 0.6:
            supports.append(
                SupportMeasure(
                    municipality=municipality,
                    plan=plan,
                    kind=SupportKind.BUS_CARD,
                    starts_on=takeover + timedelta(days=7),
                    ends_on=add_months(takeover, 12),
                    price_per_month=MONTHLY_PRICE[SupportKind.BUS_CARD],
                )
            )
        if rng.random() < 0.15:
            support_kind = rng.choice([SupportKind.CHILDCARE, SupportKind.MENTOR])
            supports.append(
                SupportMeasure(
                    municipality=municipality,
                    plan=plan,
                    kind=support_kind,
                    starts_on=takeover + timedelta(days=14),
                    price_per_month=MONTHLY_PRICE[support_kind],
                )
            )
    PlanGoal.objects.bulk_create(goals, batch_size=BATCH)
    Activity.objects.bulk_create(activities, batch_size=BATCH)
    SupportMeasure.objects.bulk_create(supports, batch_size=BATCH)
    counts.update(
        integration_plans=len(plans),
        integration_contracts=len(contracts),
        plan_goals=len(goals),
        activities=len(activities),
        support_measures=len(supports),
    )
    return counts
