"""What the citizen entrance's tests (and its browser test) set up: a household's plan and a
meeting booked with it, and the entrance's pages."""

from __future__ import annotations

from typing import Any

# the citizen's own pages without an id
PAGES = [
    "/borger/",
    "/borger/plan/",
    "/borger/aftaler/",
    "/borger/opgaver/",
    "/borger/dokumenter/",
    "/borger/kontakt/",
]


def book(household: Any, caseworker: Any, days: int = 7) -> Any:
    """A welcome meeting at "Rådhuset, lokale 2" with the household, ``days`` from today."""
    from velkomst.appointments.services import appointment_create
    from velkomst.appointments.tests.conftest import data, soon

    return appointment_create(
        household=household, acting_user=caseworker, data=data(starts_at=soon(days))
    )


def plan_and_book(household: Any, caseworker: Any) -> Any:
    """The household with its reception plan and a meeting booked next week."""
    from velkomst.reception.services import plan_generate

    plan_generate(household=household, acting_user=caseworker)
    book(household, caseworker)
    return household
