"""A hand-made dataset for the status report's tests (MI-3), its right answers worked out here.

Twenty adults (ten women, ten men, born 1990) arrived on 1 March 2023 in ten households. In
ordinary unsupported work in December: 2024, five women (5 of 20 = 25 %); 2025, those five and
two men (7 of 20 = 35 %). The employment rate's target steps from 25 % (by 31.12.2024) to 50 %
(by 31.12.2025): met in 2024, missed in 2025. Broken down by sex in 2025: men 2 of 10 (a small
count, "<5") and women 5 of 10, hidden as its complement ("–": the total less the men).
Two Danish exams were passed in 2025: a count below 5, hidden ("<5"). A hand-entered grade
average of 6.4 for 2025 (source "Skolernes karakterudtræk").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import member
from velkomst.indicators.tests.conftest import exam, job
from velkomst.strategies.models import (
    Guidepost,
    HandFigure,
    Kind,
    Status,
    StrategyIndicator,
    StrategyVersion,
)

YEAR = 2025
ARRIVAL = date(2023, 3, 1)
EMPLOYMENT = "Andel i job"
SUMMARY = "Andel i job steg fra 25 % til 35 % og nåede dermed ikke målet på 50 %."
SUMMARY_EN = "Andel i job rose from 25 % to 35 % and so did not reach the target of 50 %."


def make_strategy(municipality, *, number: int = 1) -> StrategyVersion:
    version = StrategyVersion.objects.create(
        municipality=municipality,
        number=number,
        title="Integrationsstrategi",
        valid_from=date(2020, 1, 1),
        status=Status.PUBLISHED,
    )
    job_post = Guidepost.objects.create(
        municipality=municipality, strategy=version, number=1, title="Flere i job"
    )
    school = Guidepost.objects.create(
        municipality=municipality, strategy=version, number=2, title="Dansk og skole"
    )
    rows = [
        (
            job_post,
            Kind.LIBRARY,
            "employment_rate",
            EMPLOYMENT,
            "",
            "sex",
            [{"value": "25", "by": "2024-12-31"}, {"value": "50", "by": "2025-12-31"}],
        ),
        (school, Kind.LIBRARY, "danish_exams_passed", "Beståede prøver", "", "", []),
        (school, Kind.MANUAL, "grades_9th", "Karaktergennemsnit", "average", "", [
            {"value": "7", "by": None}
        ]),
    ]  # fmt: skip
    for order, (post, kind, key, title, unit, breakdown, targets) in enumerate(rows):
        StrategyIndicator.objects.create(
            municipality=municipality,
            guidepost=post,
            order=order,
            kind=kind,
            key=key,
            title=title,
            unit=unit,
            breakdown=breakdown,
            targets=targets,
        )
    return version


def make_data(arrive, administrator) -> None:
    women, men = [], []
    for number in range(10):
        household = arrive(
            ARRIVAL,
            [
                member(first_name=f"Amal{number}", birth_date=date(1990, 1, 1)),
                member(
                    first_name=f"Omar{number}",
                    birth_date=date(1990, 1, 1),
                    sex="M",
                    relation="spouse",
                ),
            ],
        )
        women.append(household.members.get(sex="F"))
        men.append(household.members.get(sex="M"))
    for woman in women[:5]:
        job(woman, date(2024, 6, 1))
    for man in men[:2]:
        job(man, date(2025, 5, 1))
    exam(women[0], "PD2", date(2025, 6, 10))
    exam(men[0], "PD1", date(2025, 6, 10))
    HandFigure.objects.create(
        municipality=administrator.municipality,
        indicator_key="grades_9th",
        period_start=date(YEAR, 1, 1),
        period_end=date(YEAR, 12, 31),
        value=Decimal("6.4"),
        source="Skolernes karakterudtræk",
        entered_by=administrator,
    )
