"""The citizen list counts at most ``VELKOMST_LIST_COUNT_CAP`` matches: a caseworker who sees
50,000 persons is not counted to the last one on every page view (docs/performance.md)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from conftest import member
from velkomst.people import selectors, services
from velkomst.people.models import Person


def _households(user, count):
    for number in range(count):
        services.household_create(
            acting_user=user,
            name=f"Familien Nr{number}",
            visitation_date=date(2026, 5, 15),
            members=[member(last_name=f"Nr{number}")],
        )


def test_the_count_stops_at_the_cap_and_says_more_than(logged_in, caseworker, settings):
    # REQ: SEC-2
    settings.VELKOMST_LIST_COUNT_CAP = 3
    _households(caseworker, 5)
    page = logged_in(caseworker).get(reverse("person-list")).content.decode()
    assert "Mere end 3 borgere" in page
    paginator = selectors.CappedPaginator(Person.objects.values_list("pk", flat=True), 2, cap=3)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (3, True, 2)


def test_a_list_under_the_cap_is_counted_exactly(logged_in, caseworker, settings):
    # REQ: SEC-2
    settings.VELKOMST_LIST_COUNT_CAP = 10
    _households(caseworker, 4)
    page = logged_in(caseworker).get(reverse("person-list")).content.decode()
    assert "4 borgere" in page and "Mere end" not in page
    paginator = selectors.CappedPaginator(Person.objects.values_list("pk", flat=True), 2, cap=4)
    assert (paginator.count, paginator.capped) == (4, False)
