"""The Danish state pension age (folkepensionsalder) by birth date, as the law has set it.

Plain Python (no Django). Lov om social pension § 1a sets the age by birth date; Parliament
changes it by law from time to time (1956: 67; 1999: 65 for those born from 1 July 1939;
velfærdsaftalen 2006 and tilbagetrækningsreformen 2011: 65 -> 67 by half-years; 2020: 68; 2025:
69). Each row is one step of the law, with the year it was adopted, so a new step is one new row.
Persons born after the last row keep its age until the law sets a higher one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .calendar import add_months


@dataclass(frozen=True)
class PensionAgeRule:
    born_from: date  # first birth date the age applies to
    years: int
    months: int  # 0 or 6: the age rose by half-years
    adopted: int  # the year the law set this age


# Lov om social pension § 1a (the steps as the law sets them; 69 years by the law of 2025).
PENSION_AGE_RULES: tuple[PensionAgeRule, ...] = (
    PensionAgeRule(date(1900, 1, 1), 67, 0, 1956),  # born before 1 Jul 1939: 67
    PensionAgeRule(date(1939, 7, 1), 65, 0, 1999),  # 1 Jul 1939 - 31 Dec 1953: 65 (1999 reform)
    PensionAgeRule(date(1954, 1, 1), 65, 6, 2006),  # 1 Jan - 30 Jun 1954
    PensionAgeRule(date(1954, 7, 1), 66, 0, 2006),  # 1 Jul - 31 Dec 1954
    PensionAgeRule(date(1955, 1, 1), 66, 6, 2011),  # 1 Jan - 30 Jun 1955
    PensionAgeRule(date(1955, 7, 1), 67, 0, 2011),  # 1 Jul 1955 - 31 Dec 1962
    PensionAgeRule(date(1963, 1, 1), 68, 0, 2020),  # 1963 - 1966
    PensionAgeRule(date(1967, 1, 1), 69, 0, 2025),  # 1967 - 1970, and later until the law says
)


def pension_age_rule(birth_date: date) -> PensionAgeRule:
    """The row of ``PENSION_AGE_RULES`` that applies to a person born on ``birth_date``."""
    rule = PENSION_AGE_RULES[0]
    for candidate in PENSION_AGE_RULES:
        if candidate.born_from <= birth_date:
            rule = candidate
    return rule


def pension_date(birth_date: date) -> date:
    """The day a person born on ``birth_date`` reaches the state pension age (the birthday of
    that age, or half a year after it)."""
    rule = pension_age_rule(birth_date)
    return add_months(birth_date, 12 * rule.years + rule.months)
