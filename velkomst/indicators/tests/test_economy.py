"""Economy indicators (MI-4) on a small hand-made dataset, the right answers worked out by hand.

Two households of the municipality: the Haddads (Amal, Omar) arrived 1 March 2025, Hiba's
household 1 May 2026. A household of another municipality has a priced activity, a booking and a
temporary stay in June 2026 that must count nowhere. The period is June 2026 (30 days) unless a
test says otherwise.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from velkomst.appointments.models import Appointment
from velkomst.housing.models import Area, Dwelling, Placement
from velkomst.indicators.library import Good, Scope, Unit, definition
from velkomst.interpreting.models import Booking
from velkomst.outcomes.models import SelfSupporting
from velkomst.programme.models import KIND_CATEGORY, Activity, IntegrationPlan, SupportMeasure

from .conftest import member

pytestmark = pytest.mark.django_db

JUNE = Scope(date(2026, 6, 1), date(2026, 6, 30))


def _plan(person):
    plan, _ = IntegrationPlan.objects.get_or_create(
        person=person, defaults={"municipality": person.municipality, "direction": "job"}
    )
    return plan


def _activity(person, kind, start, end, price):
    Activity.objects.create(
        municipality=person.municipality,
        plan=_plan(person),
        category=KIND_CATEGORY[kind],
        kind=kind,
        start=start,
        end=end,
        hours_per_week=15,
        provider_kind="other",
        price_per_week=price,
    )


def _support(person, kind, start, end, price):
    SupportMeasure.objects.create(
        municipality=person.municipality,
        plan=_plan(person),
        kind=kind,
        starts_on=start,
        ends_on=end,
        price_per_month=price,
    )


def _booking(household, user, mode, status, at, cost):
    starts = timezone.make_aware(at)
    appointment = Appointment.objects.create(
        municipality=household.municipality,
        household=household,
        kind="welcome_meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="Rådhuset",
        created_by=user,
    )
    booking = Booking(
        municipality=household.municipality,
        appointment=appointment,
        language="ar",
        mode=mode,
        starts_at=starts,
        duration_minutes=60,
        cost=Decimal(cost),
        status=status,
        requested_by=user,
    )
    booking.set_end()
    booking.save()


def _stay(household, kind, start, end, monthly):
    area, _ = Area.objects.get_or_create(
        municipality=household.municipality, name="Rønne Nord", defaults={"kind": "town"}
    )
    dwelling = Dwelling.objects.create(
        municipality=household.municipality,
        address=f"Storegade {Dwelling.objects.count() + 1}",
        area=area,
        type=kind,
        rooms=2,
        size_m2=60,
        rent=monthly,
        landlord_kind="municipality",
        available_from=date(2025, 1, 1),
    )
    Placement.objects.create(
        municipality=household.municipality,
        household=household,
        dwelling=dwelling,
        type=kind,
        start_date=start,
        end_date=end,
        monthly_cost=monthly,
        source="manual",
    )


@pytest.fixture
def data(arrive, caseworker, other_caseworker):
    haddad = arrive(
        date(2025, 3, 1),
        [member(), member(first_name="Omar", sex="M", birth_date=date(1985, 1, 2))],
    )
    later = arrive(date(2026, 5, 1), [member(first_name="Hiba", birth_date=date(1996, 2, 1))])
    other = arrive(date(2025, 3, 1), [member(first_name="Zara")], user=other_caseworker)
    people = {p.first_name: p for p in [*haddad.members.all(), *later.members.all()]}
    zara = other.members.get()
    amal, omar, hiba = people["Amal"], people["Omar"], people["Hiba"]

    # activities, a price per week
    _activity(amal, "danish_education", date(2026, 5, 10), date(2026, 6, 14), 700)
    _activity(omar, "wage_subsidy", date(2026, 6, 20), None, 1400)
    _activity(amal, "internship", date(2026, 6, 1), date(2026, 6, 30), None)  # no price
    _activity(hiba, "rehabilitation", date(2026, 5, 1), date(2026, 5, 31), 2100)  # May only
    _activity(zara, "wage_subsidy", date(2026, 1, 1), None, 7000)  # another municipality
    # support measures, a price per month
    _support(amal, "bus_card", date(2026, 3, 1), None, 400)
    _support(omar, "mentor", date(2026, 6, 16), date(2026, 7, 31), 3000)
    _support(zara, "bus_card", date(2026, 1, 1), None, 9000)

    # interpreter bookings: their price on their day
    _booking(haddad, caseworker, "on_site", "held", datetime(2026, 6, 10, 10), "630.00")
    _booking(haddad, caseworker, "video", "confirmed", datetime(2026, 6, 30, 23, 30), "325.00")
    _booking(later, caseworker, "phone", "held", datetime(2026, 6, 1, 0, 30), "150.00")
    _booking(later, caseworker, "phone", "cancelled", datetime(2026, 6, 12, 9), "200.00")
    _booking(later, caseworker, "video", "held", datetime(2026, 7, 1, 9), "400.00")
    _booking(other, other_caseworker, "on_site", "held", datetime(2026, 6, 10, 9), "999.00")

    # stays: the Haddads in temporary housing 20 May – 9 June, then permanent from 10 June; Hiba's
    # household in a private host's room from 1 May, still there
    _stay(haddad, "temporary", date(2026, 5, 20), date(2026, 6, 9), 6000)
    _stay(haddad, "permanent", date(2026, 6, 10), None, 7000)
    _stay(later, "private_host", date(2026, 5, 1), None, 3000)
    _stay(other, "temporary", date(2026, 1, 1), None, 9000)

    # results: Amal and Hiba became self-supporting in June, Omar in May; Zara (another
    # municipality) in June
    for person, day in ((amal, 15), (hiba, 1), (zara, 20)):
        SelfSupporting.objects.create(
            municipality=person.municipality,
            person=person,
            from_date=date(2026, 6, day),
            source="work",
        )
    SelfSupporting.objects.create(
        municipality=omar.municipality, person=omar, from_date=date(2026, 5, 20), source="work"
    )
    return people


def test_the_cost_of_activities_and_support_counts_the_days_in_the_period(data):
    # REQ: MI-4
    cost = definition("cost_activities")
    assert (cost.unit, cost.good) == (Unit.AMOUNT, Good.DOWN)
    june = cost.compute(data["Amal"].municipality, JUNE)
    # Amal's Danish education, 700 a week, 10 May – 14 June: 14 June days at 100 = 1400
    # Omar's wage subsidy, 1400 a week from 20 June (open): 11 days at 200 = 2200
    # Amal's internship has no price; Hiba's rehabilitation ended in May: no cost in June
    # Amal's bus card, 400 a month since March: all of June = 400
    # Omar's mentor, 3000 a month from 16 June: 15 of June's 30 days = 1500
    # the other municipality's wage subsidy and bus card: not counted
    assert june.total.value == Decimal("5500.00")
    assert june.total.population == 4
    assert {group: figure.value for group, figure in june.groups["category"].items()} == {
        "danish": Decimal("1400.00"),
        "enterprise": Decimal("2200.00"),
        "support": Decimal("1900.00"),
    }
    # May: Danish education 10–31 May, 22 days at 100 = 2200; Hiba's rehabilitation all of May,
    # 31 days at 300 = 9300; the bus card 400; nothing else had started
    may = cost.compute(data["Amal"].municipality, Scope(date(2026, 5, 1), date(2026, 5, 31)))
    assert may.total.value == Decimal("11900.00")
    # the 2026 cohort (Hiba's household) had no priced activity in June
    assert cost.compute(
        data["Amal"].municipality, Scope(JUNE.start, JUNE.end, cohort=2026)
    ).total.value == Decimal(0)


def test_the_cost_of_interpreting_counts_paid_bookings_starting_in_the_period(data):
    # REQ: MI-4
    cost = definition("cost_interpreting")
    june = cost.compute(data["Amal"].municipality, JUNE)
    # held on site 10 June 630, confirmed by video 30 June at 23:30 (still June, Danish time)
    # 325, held by phone 1 June at 00:30 150; the cancelled booking, the one of 1 July and the
    # other municipality's are not counted: 630 + 325 + 150 = 1105
    assert june.total.value == Decimal("1105.00")
    assert {mode: figure.value for mode, figure in june.groups["mode"].items()} == {
        "on_site": Decimal("630.00"),
        "phone": Decimal("150.00"),
        "video": Decimal("325.00"),
    }


def test_the_cost_of_temporary_housing_prorates_a_stay_over_the_period_edge(data):
    # REQ: MI-4
    cost = definition("cost_temporary_housing")
    municipality = data["Amal"].municipality
    june = cost.compute(municipality, JUNE)
    # the Haddads' temporary stay, 6000 a month, 20 May – 9 June: 9 of June's 30 days = 1800;
    # their permanent flat is no temporary housing; Hiba's household at a private host, 3000 a
    # month, all of June = 3000; the other municipality's stay is not counted
    assert june.total.value == Decimal("4800.00")
    assert {kind: figure.value for kind, figure in june.groups["type"].items()} == {
        "private_host": Decimal("3000.00"),
        "temporary": Decimal("1800.00"),
    }
    # May: the Haddads 20–31 May, 12 of 31 days of 6000 = 2322.58; Hiba's household all of May
    # = 3000; together 5322.58
    may = cost.compute(municipality, Scope(date(2026, 5, 1), date(2026, 5, 31)))
    assert may.total.value == Decimal("5322.58")
    # the 2025 cohort only: the Haddads' 1800 in June
    assert cost.compute(
        municipality, Scope(JUNE.start, JUNE.end, cohort=2025)
    ).total.value == Decimal("1800.00")


def test_the_cost_per_new_self_supporting_person_divides_the_periods_cost(data):
    # REQ: MI-4
    cost = definition("cost_per_self_supporting")
    municipality = data["Amal"].municipality
    june = cost.compute(municipality, JUNE)
    # June's cost: activities 5500 + interpreting 1105 + temporary housing 4800 = 11405; new
    # self-supporting in June: Amal and Hiba (Omar became so in May, Zara is of another
    # municipality): 11405 / 2 = 5702.5 per person
    assert june.total.value == Decimal("5702.5")
    assert (june.total.numerator, june.total.denominator) == (Decimal(11405), 2)
    assert june.person_ids(counted=True) == sorted([data["Amal"].pk, data["Hiba"].pk])
    # April: nobody became self-supporting, so there is no figure (not a division by zero)
    april = cost.compute(municipality, Scope(date(2026, 4, 1), date(2026, 4, 30)))
    assert april.total.value is None and april.total.population == 0


def test_persons_into_work_or_education_count_each_person_once_by_the_first_kind(data):
    # REQ: MI-4
    from velkomst.outcomes.models import EducationOutcome

    from .conftest import job

    result = definition("work_or_education_started")
    assert (result.unit, result.good) == (Unit.COUNT, Good.UP)
    amal, omar, hiba = data["Amal"], data["Omar"], data["Hiba"]
    municipality = amal.municipality
    job(amal, date(2026, 6, 3))  # an ordinary job in June
    EducationOutcome.objects.create(
        municipality=municipality,
        person=amal,
        institution="EUC Syd",
        programme="Smed",
        qualifying=True,
        started_on=date(2026, 6, 20),
    )  # Amal also started an education: she counts once, as work
    job(omar, date(2026, 6, 10), subsidy="loentilskud")  # a subsidised job is no result
    job(omar, date(2026, 5, 2))  # an ordinary job, but in May
    EducationOutcome.objects.create(
        municipality=municipality,
        person=hiba,
        institution="VUC",
        programme="HF",
        qualifying=True,
        started_on=date(2026, 6, 30),
    )
    june = result.compute(municipality, JUNE)
    # Amal into work, Hiba into education; Omar's ordinary job began in May
    assert june.total.value == 2
    assert {g: f.value for g, f in june.groups["result"].items()} == {
        "education": Decimal(1),
        "work": Decimal(1),
    }
    assert june.person_ids() == sorted([amal.pk, hiba.pk])
    may = result.compute(municipality, Scope(date(2026, 5, 1), date(2026, 5, 31)))
    assert may.person_ids() == [omar.pk]


def test_records_without_a_price_are_counted_where_the_costs_read_them(data):
    # REQ: MI-4
    unpriced = definition("unpriced_cost_records")
    amal, hiba = data["Amal"], data["Hiba"]
    municipality = amal.municipality
    _support(hiba, "bus_card", date(2026, 6, 1), date(2026, 6, 30), None)
    _support(hiba, "bus_card", date(2026, 4, 1), date(2026, 4, 30), None)  # April only
    Booking.objects.filter(municipality=municipality, mode="on_site").update(cost=None)
    Booking.objects.filter(municipality=municipality, status="cancelled").update(cost=None)
    Placement.objects.filter(municipality=municipality, type="private_host").update(
        monthly_cost=None
    )
    june = unpriced.compute(municipality, JUNE)
    # Amal's internship (no price, June); Hiba's June bus card; the held on-site booking of 10
    # June (the cancelled one is no cost anyway); Hiba's household's stay at a private host.
    # Priced records, the April bus card and the other municipality's records do not count.
    assert june.total.value == 4
    assert {g: f.value for g, f in june.groups["source"].items()} == {
        "activities": Decimal(1),
        "bookings": Decimal(1),
        "stays": Decimal(1),
        "supports": Decimal(1),
    }
    # the 2026 cohort (Hiba's household): the bus card and the stay
    cohort = unpriced.compute(municipality, Scope(JUNE.start, JUNE.end, cohort=2026))
    assert cohort.total.value == 2
