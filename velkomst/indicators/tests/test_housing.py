"""Housing indicators on a small hand-made dataset, the right answers worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from velkomst.housing.models import Area, Dwelling, Placement
from velkomst.indicators.labels import group_label
from velkomst.indicators.library import Scope, definition

from .conftest import member

pytestmark = pytest.mark.django_db

H1 = Scope(date(2026, 1, 1), date(2026, 6, 30))


def _area(municipality, name, existing=0, **cap):
    return Area.objects.create(
        municipality=municipality,
        name=name,
        kind="district",
        existing_refugee_households=existing,
        **cap,
    )


def _live(household, area, kind, start, end=None):
    dwelling = Dwelling.objects.create(
        municipality=household.municipality,
        address=f"{area.name}vej {Dwelling.objects.count() + 1}",
        area=area,
        type=kind,
        rooms=3,
        size_m2=70,
        rent=5000,
        landlord_kind="municipality",
        available_from=date(2020, 1, 1),
    )
    Placement.objects.create(
        municipality=household.municipality,
        household=household,
        dwelling=dwelling,
        type=kind,
        start_date=start,
        end_date=end,
        source="manual",
    )


@pytest.fixture
def homes(arrive, other_caseworker):
    """Bornholm's areas: Nord (own cap 2, 1 refugee household living there outside the
    platform), Syd (no own cap: the municipality's 20; 19 outside the platform), Vest (at most
    10 % of its 10 households: cap 1). Five households:

    A (arrived 1 Oct 2025): temporary in Nord 1 Oct 2025 – 31 Jan 2026, permanent in Syd from
      1 Feb 2026 (moved in the period after 31+30+31+31 = 123 days);
    B (1 Nov 2025): temporary in Nord from 1 Nov 2025, still there 30 June 2026 (30+31+31+28+31+
      30+31+30 = 242 days so far);
    C (1 Mar 2026): permanent in Vest from the start;
    D (1 Apr 2026): with a private host in Vest 1 Apr – 30 June 2026 (91 days), permanent in Vest
      from 1 July 2026, the day after the period;
    E (1 June 2025): temporary 1 June – 30 Dec 2025, permanent in Syd from 31 Dec 2025, the day
      before the period.
    Aalborg: one household in temporary housing in an area far over its cap."""
    a = arrive(date(2025, 10, 1), [member(first_name="A")])
    bornholm = a.municipality
    nord = _area(bornholm, "Nord", existing=1, max_refugee_households=2)
    syd = _area(bornholm, "Syd", existing=19)
    vest = _area(bornholm, "Vest", max_share_percent=10, households_total=10)
    b = arrive(date(2025, 11, 1), [member(first_name="B")])
    c = arrive(date(2026, 3, 1), [member(first_name="C")])
    d = arrive(date(2026, 4, 1), [member(first_name="D")])
    e = arrive(date(2025, 6, 1), [member(first_name="E")])
    _live(a, nord, "temporary", date(2025, 10, 1), date(2026, 1, 31))
    _live(a, syd, "permanent", date(2026, 2, 1))
    _live(b, nord, "temporary", date(2025, 11, 1))
    _live(c, vest, "permanent", date(2026, 3, 1))
    _live(d, vest, "private_host", date(2026, 4, 1), date(2026, 6, 30))
    _live(d, vest, "permanent", date(2026, 7, 1))
    _live(e, syd, "temporary", date(2025, 6, 1), date(2025, 12, 30))
    _live(e, syd, "permanent", date(2025, 12, 31))
    elsewhere = arrive(date(2026, 1, 1), [member(first_name="Selam")], user=other_caseworker)
    crowded = _area(elsewhere.municipality, "Nørresundby", existing=50, max_refugee_households=2)
    _live(elsewhere, crowded, "temporary", date(2026, 1, 1))
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "Nord": nord, "Syd": syd, "Vest": vest}


def test_days_in_temporary_housing_of_those_who_moved_on_in_the_period_or_still_live_there(homes):
    # REQ: MI-1
    days = definition("temporary_housing_days").compute(homes["A"].municipality, H1)
    # A moved after 123 days, B still there after 242, D still there on 30 June after 91; C
    # never lived temporarily, E moved before the period, Aalborg's household is not Bornholm's
    assert sorted(i.value for i in days.items) == [91, 123, 242]
    assert days.total.value == Decimal(123)  # the median
    assert days.groups["status"]["moved"].value == Decimal(123)
    assert days.groups["status"]["staying"].value == Decimal("166.5")  # (91 + 242) / 2
    assert {i.household_id for i in days.items} == {homes[k].pk for k in "ABD"}
    assert group_label("temporary_housing_days", "status", "staying") == (
        "Stadig i midlertidig bolig"
    )


def test_permanent_from_the_start_counts_the_households_that_arrived_in_the_period(homes):
    # REQ: MI-1
    share = definition("permanent_from_start").compute(homes["A"].municipality, H1)
    # arrived in the first half of 2026: C (permanent from the start) and D (a private host
    # first); A, B and E arrived in 2025
    assert (share.total.numerator, share.total.denominator, share.total.value) == (
        1,
        2,
        Decimal(50),
    )
    assert share.groups["type"]["private_host"].value == 0
    assert group_label("permanent_from_start", "type", "permanent") == "Permanent bolig"


def test_households_per_area_on_the_last_day_of_the_period(homes):
    # REQ: MI-5
    per_area = definition("households_per_area").compute(homes["A"].municipality, H1)
    # 30 June 2026: A and E in Syd, B in Nord, C and D (its last day with the host) in Vest
    counts = {
        group_label("households_per_area", "area", k): f.value
        for k, f in per_area.groups["area"].items()
    }
    assert counts == {"Nord": 1, "Syd": 2, "Vest": 2}
    assert per_area.total.value == 5
    # the 2025 cohort: A, B, E
    cohort = definition("households_per_area").compute(
        homes["A"].municipality, Scope(H1.start, H1.end, cohort=2025)
    )
    assert cohort.total.value == 3


def test_areas_over_the_spread_limit_count_those_living_there_against_the_areas_cap(homes):
    # REQ: MI-5
    over = definition("areas_over_spread_limit").compute(homes["A"].municipality, H1)
    # Nord: 1 + B = 2, cap 2: not over. Syd: 19 + A, E = 21 over the municipality's 20. Vest:
    # C, D = 2 over 10 % of 10 = 1. Aalborg's crowded area is not Bornholm's.
    assert over.total.value == 2
    assert set(over.groups["area"]) == {str(homes["Syd"].pk), str(homes["Vest"].pk)}
    # on 31 January 2026 A lived in Nord: Nord 1 + A + B = 3 over 2; Syd 19 + E = 20, at its cap;
    # Vest empty
    january = definition("areas_over_spread_limit").compute(
        homes["A"].municipality, Scope(date(2026, 1, 1), date(2026, 1, 31))
    )
    assert set(january.groups["area"]) == {str(homes["Nord"].pk)}
