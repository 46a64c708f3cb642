"""Integration programme indicators on a small hand-made dataset, the right answer worked out by
hand.

The dataset (``people``), written through the programme's services:

- Household A arrived 1 March 2025: takeover 1 May 2025; the contract is due 1 June 2025 (a
  Sunday) so Monday 2 June 2025; three months after arrival is 1 June 2025.
  - Amal (F, 37): virksomhedspraktik 12 May – 3 August 2025, 14 h/week; Danish education 15
    h/week from 12 May (never counted in the active effort); samfundsforståelse 16–29 June, 7
    h/week. Contract signed by her 20 May and by the municipality 21 May: in time.
  - Omar (M, 40): sprogpraktik 2–15 June 2025 (the day after his 3-month day), 28 h/week; a health
    activity 1–30 June, 7 h/week. Contract signed by him 28 May, by the municipality 3 June:
    late.
  - Sara (F, 21): nothing, no contract.
  - Ali (M, 69 on arrival): no contract; over 66, so not in the internship figure.
- Household B arrived 1 April 2025: takeover Monday 2 June 2025 (1 June is a Sunday); contract
  due 2 July 2025; three months after arrival is 1 July 2025.
  - Hiba (F, 29): virksomhedspraktik from 20 June 2025, 21 h/week; vejledning og opkvalificering
    1–30 June, 7 h/week (1 June is before her takeover). Contract signed by both 25 June.
- Aalborg: Selam, arrived 1 March 2025, in virksomhedspraktik from May 2025 with a signed
  contract — never counted in Bornholm's figures.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import _make_user
from velkomst.indicators.library import Scope, definition
from velkomst.people.models import CaseAssignment
from velkomst.people.services import case_assign_caseworker
from velkomst.programme import services as programme

from .conftest import member

pytestmark = pytest.mark.django_db


def _activity(actor, person, category, kind, start, end, hours):
    programme.activity_add(
        actor=actor,
        person=person,
        category=category,
        kind=kind,
        start=start,
        end=end,
        hours_per_week=hours,
        provider_kind="company" if category == "enterprise" else "other",
        provider_name="Udbyder",
    )


def _sign(actor, person, citizen, municipality):
    contract = programme.contract_for(actor=actor, person=person)
    programme.contract_sign(
        actor=actor,
        person=person,
        expected_version=contract.version,
        signed_on=citizen,
        signed_by_municipality_on=municipality,
    )


@pytest.fixture
def people(arrive, caseworker, other_caseworker):
    a = arrive(
        date(2025, 3, 1),
        [
            member(birth_date=date(1988, 3, 14)),
            member(first_name="Omar", birth_date=date(1985, 1, 2), sex="M", relation="spouse"),
            member(first_name="Sara", birth_date=date(2004, 1, 1), relation="child"),
            member(first_name="Ali", birth_date=date(1956, 1, 1), sex="M", relation="other"),
        ],
    )
    b = arrive(date(2025, 4, 1), [member(first_name="Hiba", birth_date=date(1996, 2, 1))])
    found = {p.first_name: p for p in a.members.all()} | {"Hiba": b.members.get()}
    assert found["Hiba"].case.takeover_date == date(2025, 6, 2)
    amal, omar, hiba = found["Amal"], found["Omar"], found["Hiba"]
    act = caseworker
    _activity(act, amal, "enterprise", "internship", date(2025, 5, 12), date(2025, 8, 3), 14)
    _activity(act, amal, "danish", "danish_education", date(2025, 5, 12), None, 15)
    _activity(act, amal, "other", "societal_understanding", date(2025, 6, 16), date(2025, 6, 29), 7)
    _activity(
        act, omar, "enterprise", "language_internship", date(2025, 6, 2), date(2025, 6, 15), 28
    )
    _activity(act, omar, "other", "health", date(2025, 6, 1), date(2025, 6, 30), 7)
    _activity(act, hiba, "enterprise", "internship", date(2025, 6, 20), None, 21)
    _activity(act, hiba, "education", "upskilling", date(2025, 6, 1), date(2025, 6, 30), 7)
    _sign(act, amal, date(2025, 5, 20), date(2025, 5, 21))
    _sign(act, omar, date(2025, 5, 28), date(2025, 6, 3))
    _sign(act, hiba, date(2025, 6, 25), date(2025, 6, 25))
    selam = arrive(
        date(2025, 3, 1),
        [member(first_name="Selam", birth_date=date(1990, 1, 1))],
        user=other_caseworker,
    ).members.get()
    _activity(other_caseworker, selam, "enterprise", "internship", date(2025, 5, 5), None, 30)
    _sign(other_caseworker, selam, date(2025, 5, 10), date(2025, 5, 10))
    return found


def test_enterprise_directed_share_weighs_the_hours_in_the_integration_period(people):
    # REQ: MI-1
    # REQ: PRG-1
    bornholm = people["Amal"].municipality
    share = definition("enterprise_directed_share")
    june = share.compute(bornholm, Scope(date(2025, 6, 1), date(2025, 6, 30)))
    # June, 30 days, each day a seventh of the week's hours; Danish education left out:
    # Amal: internship 30 × 14/7 = 60, samfundsforståelse 14 × 7/7 = 14 → 60 of 74
    # Omar: sprogpraktik 14 × 28/7 = 56, health 30 × 7/7 = 30 → 56 of 86
    # Hiba: from her takeover 2 June: internship 11 × 21/7 = 33, upskilling 29 × 7/7 = 29 → 62
    # of 62. Together 178 of 222 = 80.2 %. Selam's 30 hours a week are Aalborg's.
    assert (june.total.numerator, june.total.denominator) == (178, 222)
    assert june.total.value == Decimal("80.2")
    assert june.groups["sex"]["M"].value == Decimal("65.1")  # 56 / 86
    # edge: a period before anyone's activities has no one
    april = share.compute(bornholm, Scope(date(2025, 4, 1), date(2025, 4, 30)))
    assert april.total.population == 0


def test_internship_within_3_months_counts_by_the_3_month_day_in_the_period(people):
    # REQ: MI-1
    # REQ: PRG-1
    bornholm = people["Amal"].municipality
    share = definition("internship_within_3_months")
    # 3-month days in June 2025: household A's (1 June). Amal began 12 May (in time), Omar 2
    # June (a day late), Sara never; Ali (69) is over 66. Hiba's day, 1 July, is outside.
    june = share.compute(bornholm, Scope(date(2025, 6, 1), date(2025, 6, 30)))
    assert (june.total.numerator, june.total.denominator) == (1, 3)
    assert june.person_ids(counted=True) == [people["Amal"].pk]
    # the whole year adds Hiba (20 June, before her 1 July): 2 of 4
    year = share.compute(bornholm, Scope(date(2025, 1, 1), date(2025, 12, 31)))
    assert (year.total.numerator, year.total.denominator) == (2, 4)


def test_contract_within_month_needs_both_signatures_by_the_due_date(people):
    # REQ: MI-1
    # REQ: PRG-1
    bornholm = people["Amal"].municipality
    share = definition("contract_within_month")
    # due 2 June 2025: Amal (signed by both 21 May), Omar (municipality 3 June: late), Sara and
    # Ali (no contract; 18 or over, so both count): 1 of 4. Hiba's is due 2 July.
    june = share.compute(bornholm, Scope(date(2025, 6, 1), date(2025, 6, 30)))
    assert (june.total.numerator, june.total.denominator) == (1, 4)
    assert june.person_ids(counted=False) == sorted(
        [people["Omar"].pk, people["Sara"].pk, people["Ali"].pk]
    )
    year = share.compute(bornholm, Scope(date(2025, 1, 1), date(2025, 12, 31)))
    assert (year.total.numerator, year.total.denominator) == (2, 5)
    assert year.total.value == Decimal(40)


def test_fixed_caseworker_counts_cases_without_a_change_by_the_periods_end(
    people, caseworker, staff, arrive
):
    # REQ: MI-1
    # REQ: REC-5
    bornholm = people["Amal"].municipality
    second = _make_user(bornholm, "caseworker", "bh-caseworker-2")
    manager = staff["manager"]
    # every case opens with the registering caseworker as its fixed caseworker. Household C
    # arrived 1 December 2022: takeover 1 February 2023, integration period to 31 January 2026
    nadia = arrive(date(2022, 12, 1), [member(first_name="Nadia", birth_date=date(1980, 5, 5))])
    assert nadia.members.get().case.programme_end_date == date(2026, 1, 31)
    # Ali's caseworker changes, dated 1 December 2025, and Omar's, dated 10 March 2026
    for name, day in (("Ali", "2025-12-01"), ("Omar", "2026-03-10")):
        case = people[name].case
        case.refresh_from_db()
        assert case.caseworker == caseworker
        case_assign_caseworker(
            case=case,
            caseworker=second,
            acting_user=manager,
            reason="Omplacering",
            expected_version=case.version,
        )
        CaseAssignment.objects.filter(case=case, staff=second).update(
            started_at=f"{day}T10:00:00+01:00"
        )
    share = definition("fixed_caseworker")
    # 1 January – 28 February 2026: Nadia, Amal, Omar, Sara, Hiba one each; Ali changed: 5 of 6
    early = share.compute(bornholm, Scope(date(2026, 1, 1), date(2026, 2, 28)))
    assert (early.total.numerator, early.total.denominator) == (5, 6)
    # February – June 2026: Nadia's period ended 31 January (out); Ali and Omar changed: 3 of 5
    later = share.compute(bornholm, Scope(date(2026, 2, 1), date(2026, 6, 30)))
    assert (later.total.numerator, later.total.denominator) == (3, 5)
    assert later.person_ids(counted=False) == sorted([people["Omar"].pk, people["Ali"].pk])
