"""Demo outcomes (PRG-7): employment, education, benefit periods and self-support for the demo's
adults, whose employment rates by years since the takeover follow the Danish baselines
(domain-facts.md, "Outcomes and indicators": about 17 / 22 / 29 % in ordinary employment after
1 / 2 / 3 years, men well above women: 57 % against 19 % in 2018, a ratio of 3 to 1).

How: each adult gets a latent rank ``u`` in [0, 1) and finds ordinary work at the time ``t`` the
baseline curve of their sex reaches ``u`` (never, if it does not by the demo's "today"), and keeps
working from then (some change employer without a break, some are part-time). The ranks are
spread evenly within each sex, in the order of the takeover dates (a Kronecker sequence, whose
every run of consecutive values is spread evenly too), so the share employed N years after the
takeover is close to the curve even for the few who arrived N years ago. The curve of each sex
is scaled so that the mix of men and women gives the baseline overall.

``plan_outcomes`` is plain planning (deterministic for its random generator); ``install_demo``
writes the plan through the services (audited, as the demo loader does), ``bulk_install`` with
``bulk_create`` for the benchmarks' 20,000 persons (no audit rows, like bench/generate.py).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from velkomst.core import audit
from velkomst.core.cvr import random_cvr as demo_cvr
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines.calendar import add_months

# (years since the takeover, share in ordinary employment): the 2011 cohort's 17 / 22 / 29 %
# after 1 / 2 / 3 years, linear between, rising on to years 4 and 5
BASELINE: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (0.5, 0.08),
    (1.0, 0.17),
    (2.0, 0.22),
    (3.0, 0.29),
    (5.0, 0.38),
)
MEN_TO_WOMEN = 3.0  # 57 % against 19 % (2018)
MAX_SHARE = 0.95
GOLDEN = (math.sqrt(5) - 1) / 2

EMPLOYERS = (
    "Netto",
    "Føtex",
    "Danish Crown",
    "ISS Facility Services",
    "Arla Foods",
    "Plejecentret Solhaven",
    "Bornholms Bryghus",
    "Danfoss",
    "Sønderborg Rengøring",
    "Aalborg Havn",
    "Hotel Nyborg Strand",
    "Kerteminde Maritime Haven",
    "DSV",
    "Lidl",
    "Coop 365",
    "Vestas",
    "Restaurant Ved Havnen",
    "Region Hovedstadens Køkken",
)
EDUCATIONS = (
    ("HF", "VUC"),
    ("Social- og sundhedshjælper", "SOSU-skolen"),
    ("Erhvervsuddannelse: tømrer", "Tekniske Skole"),
    ("Erhvervsuddannelse: kok", "Hotel- og Restaurantskolen"),
    ("Pædagogisk assistent", "SOSU-skolen"),
)


@dataclass(frozen=True)
class Adult:
    person_id: int
    sex: str  # "M", "F" (or "X")
    takeover: date
    age_at_takeover: int


@dataclass(frozen=True)
class EmploymentPlan:
    person_id: int
    employer_name: str
    cvr: str
    start_date: date
    end_date: date | None
    hours_per_week: Decimal
    subsidy: str = "none"


@dataclass(frozen=True)
class EducationPlan:
    person_id: int
    institution: str
    programme: str
    qualifying: bool
    started_on: date


@dataclass(frozen=True)
class BenefitPlan:
    person_id: int
    benefit: str
    from_date: date
    to_date: date | None


@dataclass(frozen=True)
class SelfSupportingPlan:
    person_id: int
    from_date: date
    source: str


@dataclass
class OutcomesPlan:
    employments: list[EmploymentPlan] = field(default_factory=list)
    educations: list[EducationPlan] = field(default_factory=list)
    benefits: list[BenefitPlan] = field(default_factory=list)
    self_supporting: list[SelfSupportingPlan] = field(default_factory=list)


def baseline(years: float) -> float:
    """The overall share in ordinary employment ``years`` after the takeover."""
    points = BASELINE
    if years <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if years <= x1:
            return y0 + (y1 - y0) * (years - x0) / (x1 - x0)
    return points[-1][1]


def _years_when(share: float, factor: float) -> float | None:
    """The years after the takeover when ``factor`` × the baseline first reaches ``share``."""
    points = BASELINE
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        lo, hi = min(y0 * factor, MAX_SHARE), min(y1 * factor, MAX_SHARE)
        if lo <= share < hi:
            return x0 + (x1 - x0) * (share - lo) / (hi - lo)
    return None


def sex_factors(adults: Sequence[Adult]) -> dict[str, float]:
    """The factor on the baseline for men and for women: 3 to 1, and the mix gives 1."""
    men = sum(1 for a in adults if a.sex == "M")
    others = len(adults) - men
    if not adults:
        return {"M": 1.0, "F": 1.0}
    women_factor = len(adults) / (men * MEN_TO_WOMEN + others)
    return {"M": women_factor * MEN_TO_WOMEN, "F": women_factor}


def employed_on(plan: OutcomesPlan, person_id: int, day: date) -> bool:
    return any(
        e.person_id == person_id
        and e.subsidy == "none"
        and e.start_date <= day
        and (e.end_date is None or day <= e.end_date)
        for e in plan.employments
    )


def employment_rate(
    adults: Sequence[Adult],
    employments: Iterable[EmploymentPlan],
    *,
    years: int,
    reference_date: date,
    sex: str | None = None,
) -> tuple[float, int]:
    """The share of adults in ordinary employment ``years`` after their takeover, among those
    whose takeover is at least that long ago (and of ``sex`` when given); and their number."""
    jobs: dict[int, list[EmploymentPlan]] = {}
    for employment in employments:
        if employment.subsidy == "none":
            jobs.setdefault(employment.person_id, []).append(employment)
    cohort = [
        a
        for a in adults
        if add_months(a.takeover, 12 * years) <= reference_date and (sex is None or a.sex == sex)
    ]
    if not cohort:
        return 0.0, 0
    employed = 0
    for adult in cohort:
        day = add_months(adult.takeover, 12 * years)
        if any(
            e.start_date <= day and (e.end_date is None or day <= e.end_date)
            for e in jobs.get(adult.person_id, [])
        ):
            employed += 1
    return employed / len(cohort), len(cohort)


def plan_outcomes(
    adults: Sequence[Adult], *, reference_date: date, rng: random.Random
) -> OutcomesPlan:
    """The outcomes of ``adults`` up to ``reference_date`` (see the module's text)."""
    plan = OutcomesPlan()
    employers = [(name, demo_cvr(rng)) for name in EMPLOYERS]
    factors = sex_factors(adults)
    offsets = {"M": rng.random(), "F": rng.random(), "X": rng.random()}
    counters = {"M": 0, "F": 0, "X": 0}
    for adult in sorted(adults, key=lambda a: (a.takeover, a.person_id)):
        if adult.takeover > reference_date:
            continue
        sex = adult.sex if adult.sex in counters else "X"
        u = (offsets[sex] + counters[sex] * GOLDEN) % 1.0
        counters[sex] += 1
        factor = factors.get(sex, 1.0)
        years = _years_when(u, factor)
        start = (
            adult.takeover + timedelta(days=max(1, round(years * 365.25)))
            if years is not None
            else None
        )
        if start is not None and start > reference_date:
            start = None
        _plan_person(plan, adult, start, reference_date, employers, rng)
    return plan


def _plan_person(
    plan: OutcomesPlan,
    adult: Adult,
    start: date | None,
    reference_date: date,
    employers: list[tuple[str, str]],
    rng: random.Random,
) -> None:
    pid = adult.person_id
    if start is None:
        # not (yet) in ordinary work: some young adults start an education, a few had a wage
        # subsidy job; the self-support benefit runs on
        education_start = add_months(adult.takeover, rng.randint(12, 20))
        if adult.age_at_takeover < 30 and rng.random() < 0.3 and education_start < reference_date:
            programme, institution = rng.choice(EDUCATIONS)
            plan.educations.append(
                EducationPlan(pid, institution, programme, True, education_start)
            )
            plan.benefits.append(
                BenefitPlan(pid, "selvforsoergelse", adult.takeover, education_start - _DAY)
            )
            plan.benefits.append(BenefitPlan(pid, "su", education_start, None))
            return
        subsidy_start = add_months(adult.takeover, rng.randint(6, 14))
        subsidy_end = add_months(subsidy_start, 4) - _DAY
        if rng.random() < 0.15 and subsidy_end < reference_date:
            name, cvr = rng.choice(employers)
            plan.employments.append(
                EmploymentPlan(
                    pid, name, cvr, subsidy_start, subsidy_end, Decimal(30), "loentilskud"
                )
            )
        plan.benefits.append(BenefitPlan(pid, "selvforsoergelse", adult.takeover, None))
        return
    hours = Decimal(37) if rng.random() < 0.7 else Decimal(rng.randint(15, 30))
    name, cvr = rng.choice(employers)
    switch = add_months(start, rng.randint(8, 14))
    if rng.random() < 0.25 and switch < reference_date:
        plan.employments.append(EmploymentPlan(pid, name, cvr, start, switch - _DAY, hours))
        name, cvr = rng.choice(employers)
        plan.employments.append(EmploymentPlan(pid, name, cvr, switch, None, hours))
    else:
        plan.employments.append(EmploymentPlan(pid, name, cvr, start, None, hours))
    plan.benefits.append(BenefitPlan(pid, "selvforsoergelse", adult.takeover, start - _DAY))
    if hours >= 30:
        plan.benefits.append(BenefitPlan(pid, "own_income", start, None))
        plan.self_supporting.append(SelfSupportingPlan(pid, start, "work"))
    else:  # part-time: the benefit tops up the wage
        plan.benefits.append(BenefitPlan(pid, "selvforsoergelse", start, None))


_DAY = timedelta(days=1)


def adults_of(municipality: Municipality, reference_date: date) -> list[Adult]:
    """The municipality's persons with a case taken over by ``reference_date``."""
    from velkomst.people.models import Case

    adults = []
    for case in (
        Case.objects.filter(municipality=municipality, takeover_date__lte=reference_date)
        .select_related("person")
        .order_by("takeover_date", "person_id")
    ):
        person = case.person
        adults.append(
            Adult(person.pk, person.sex, case.takeover_date, person.age_on(case.takeover_date))
        )
    return adults


def _merge_benefits(plan: OutcomesPlan) -> None:
    """A part-timer's benefit runs on from the takeover: one period, not two touching ones."""
    merged: list[BenefitPlan] = []
    for benefit in plan.benefits:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.person_id == benefit.person_id
            and last.benefit == benefit.benefit
            and last.to_date is not None
            and last.to_date + _DAY == benefit.from_date
        ):
            merged[-1] = BenefitPlan(last.person_id, last.benefit, last.from_date, benefit.to_date)
        else:
            merged.append(benefit)
    plan.benefits = merged


def install_demo(
    municipality: Municipality,
    caseworker: StaffUser,
    rng: random.Random,
    reference_date: date,
) -> OutcomesPlan:
    """Plan and record the outcomes through the services (each write audited, channel demo)."""
    from velkomst.people.models import Person

    from . import services

    adults = adults_of(municipality, reference_date)
    plan = plan_outcomes(adults, reference_date=reference_date, rng=rng)
    _merge_benefits(plan)
    persons = Person.objects.in_bulk([a.person_id for a in adults])
    with audit.via("demo"):
        for job in plan.employments:
            services.employment_create(
                acting_user=caseworker,
                person=persons[job.person_id],
                employer_name=job.employer_name,
                cvr=job.cvr,
                start_date=job.start_date,
                end_date=job.end_date,
                hours_per_week=job.hours_per_week,
                subsidy=job.subsidy,
            )
        for education in plan.educations:
            services.education_create(
                acting_user=caseworker,
                person=persons[education.person_id],
                institution=education.institution,
                programme=education.programme,
                qualifying=education.qualifying,
                started_on=education.started_on,
            )
        for benefit in plan.benefits:
            services.benefit_create(
                acting_user=caseworker,
                person=persons[benefit.person_id],
                benefit=benefit.benefit,
                from_date=benefit.from_date,
                to_date=benefit.to_date,
            )
        for record in plan.self_supporting:
            services.self_supporting_save(
                acting_user=caseworker,
                person=persons[record.person_id],
                expected_version=0,
                from_date=record.from_date,
                source=record.source,
            )
    return plan


def bulk_install(
    municipality: Municipality, rng: random.Random, reference_date: date, *, batch: int = 2000
) -> dict[str, int]:
    """The same plan, inserted with ``bulk_create`` (the benchmarks' loader: no audit rows)."""
    from .models import BenefitPeriod, EducationOutcome, Employment, SelfSupporting

    adults = adults_of(municipality, reference_date)
    plan = plan_outcomes(adults, reference_date=reference_date, rng=rng)
    _merge_benefits(plan)
    mid = municipality.pk
    Employment.objects.bulk_create(
        [
            Employment(
                municipality_id=mid,
                person_id=e.person_id,
                employer_name=e.employer_name,
                cvr=e.cvr,
                start_date=e.start_date,
                end_date=e.end_date,
                hours_per_week=e.hours_per_week,
                subsidy=e.subsidy,
            )
            for e in plan.employments
        ],
        batch_size=batch,
    )
    EducationOutcome.objects.bulk_create(
        [
            EducationOutcome(
                municipality_id=mid,
                person_id=e.person_id,
                institution=e.institution,
                programme=e.programme,
                qualifying=e.qualifying,
                started_on=e.started_on,
            )
            for e in plan.educations
        ],
        batch_size=batch,
    )
    BenefitPeriod.objects.bulk_create(
        [
            BenefitPeriod(
                municipality_id=mid,
                person_id=b.person_id,
                benefit=b.benefit,
                from_date=b.from_date,
                to_date=b.to_date,
            )
            for b in plan.benefits
        ],
        batch_size=batch,
    )
    SelfSupporting.objects.bulk_create(
        [
            SelfSupporting(
                municipality_id=mid, person_id=s.person_id, from_date=s.from_date, source=s.source
            )
            for s in plan.self_supporting
        ],
        batch_size=batch,
    )
    from .derived import forget

    forget(mid)  # written without audit rows: the derived grants are rebuilt at the next read
    return {
        "employments": len(plan.employments),
        "education_outcomes": len(plan.educations),
        "benefit_periods": len(plan.benefits),
        "self_supporting": len(plan.self_supporting),
    }
