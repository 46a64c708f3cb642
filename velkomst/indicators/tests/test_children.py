"""Children's start in daycare and school, and children per institution, on a small hand-made
dataset; the right answers worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from velkomst.families.models import ChildPlacement, Institution
from velkomst.indicators.labels import group_label
from velkomst.indicators.library import Scope, definition

from .conftest import member

pytestmark = pytest.mark.django_db

H1 = Scope(date(2026, 1, 1), date(2026, 6, 30))


def _place(child, kind, started=None, institution=None, name=""):
    ChildPlacement.objects.create(
        municipality=child.municipality,
        person=child,
        kind=kind,
        institution=institution,
        institution_name=name,
        actual_start_date=started,
    )


def _child(first_name, born):
    return member(first_name=first_name, birth_date=born, relation="child")


@pytest.fixture
def children(arrive, other_caseworker):
    """A family arrived 1 December 2025: Lina (5) started at the daycare Solsikken 10 January
    2026 (40 days after); Omar (10) at Rønne Skole 9 February (31 + 31 + 8 = 70 days); Sara (11)
    at "Privatskolen" (typed in) 31 December 2025, the day before the period (30 days); Ali
    (born 1 July 2008: 17 until the day after the period) at Rønne Skole on 30 June 2026, the
    period's last day (31+31+28+31+30+31+29 = 211 days); Noor has a place but has not started.
    A family arrived 2 March 2026: Hadi starts at Solsikken 1 July 2026, the day after the
    period. Aalborg: a child who started school in the period."""
    family = arrive(
        date(2025, 12, 1),
        [
            member(),
            _child("Lina", date(2020, 5, 1)),
            _child("Omar", date(2016, 2, 1)),
            _child("Sara", date(2014, 6, 1)),
            _child("Ali", date(2008, 7, 1)),
            _child("Noor", date(2021, 1, 1)),
        ],
    )
    bornholm = family.municipality
    solsikken = Institution.objects.create(municipality=bornholm, name="Solsikken", kind="daycare")
    roenne = Institution.objects.create(municipality=bornholm, name="Rønne Skole", kind="school")
    kids = {p.first_name: p for p in family.members.all()}
    _place(kids["Lina"], "daycare", date(2026, 1, 10), solsikken)
    _place(kids["Omar"], "school", date(2026, 2, 9), roenne)
    _place(kids["Sara"], "school", date(2025, 12, 31), name="Privatskolen")
    _place(kids["Ali"], "school", date(2026, 6, 30), roenne)
    _place(kids["Noor"], "daycare", None, solsikken)
    later = arrive(date(2026, 3, 2), [member(), _child("Hadi", date(2021, 4, 4))])
    kids["Hadi"] = later.members.get(first_name="Hadi")
    _place(kids["Hadi"], "daycare", date(2026, 7, 1), solsikken)
    elsewhere = arrive(
        date(2025, 12, 1), [member(), _child("Selam", date(2015, 1, 1))], user=other_caseworker
    )
    _place(elsewhere.members.get(first_name="Selam"), "school", date(2026, 2, 1))
    return kids | {"Solsikken": solsikken, "Rønne": roenne}


def test_days_from_arrival_to_the_start_in_daycare_or_school(children):
    # REQ: MI-1
    days = definition("children_days_to_daycare_school").compute(children["Lina"].municipality, H1)
    # started in the period: Lina 40, Omar 70, Ali 211 (Sara before it, Hadi after it, Noor not
    # at all, Selam in Aalborg); the median is 70
    assert sorted(i.value for i in days.items) == [40, 70, 211]
    assert days.total.value == Decimal(70)
    assert days.groups["kind"]["daycare"].value == Decimal(40)
    assert days.groups["kind"]["school"].value == Decimal("140.5")  # (70 + 211) / 2
    assert days.person_ids() == sorted(children[n].pk for n in ("Lina", "Omar", "Ali"))
    assert group_label("children_days_to_daycare_school", "kind", "school") == "Skole"


def test_children_per_institution_on_the_last_day_of_the_period(children):
    # REQ: MI-5
    per = definition("children_per_institution").compute(children["Lina"].municipality, H1)
    # 30 June 2026: Solsikken Lina; Rønne Skole Omar and Ali (17 that day); Privatskolen Sara
    counts = {
        group_label("children_per_institution", "institution", key): figure.value
        for key, figure in per.groups["institution"].items()
    }
    assert counts == {"Solsikken": 1, "Rønne Skole": 2, "Privatskolen": 1}
    assert per.groups["kind"]["school"].value == 3
    # a day later Ali is 18 and Hadi has started at Solsikken
    july = definition("children_per_institution").compute(
        children["Lina"].municipality, Scope(date(2026, 7, 1), date(2026, 7, 1))
    )
    assert july.groups["institution"][str(children["Solsikken"].pk)].value == 2
    assert july.groups["institution"][str(children["Rønne"].pk)].value == 1
