"""Fixtures of the citizen entrance's tests (CIT-1): a citizen signed in by an invitation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def invite(caseworker: Any) -> Callable[..., Any]:
    """invite(person, channel="paper") -> the SentInvitation (link and code)."""
    from velkomst.citizen import services

    def make(person: Any, channel: str = "paper", address: str = "", actor: Any = None) -> Any:
        return services.invitation_send(
            actor=actor or caseworker, person=person, channel=channel, address=address
        )

    return make


def token_of(sent: Any) -> str:
    return sent.link.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def citizen_client(client: Any, invite: Callable[..., Any]) -> Callable[..., Any]:
    """citizen_client(person) -> the test client signed in as the person, by an invitation."""

    def sign_in(person: Any, the_client: Any = None) -> Any:
        the_client = the_client or client
        sent = invite(person)
        response = the_client.post(f"/borger/invitation/{token_of(sent)}/", {"code": sent.code})
        assert response.status_code == 302, response.content[:500]
        return the_client

    return sign_in


@pytest.fixture
def planned(household: Any, caseworker: Any) -> Any:
    """The household with its reception plan and a meeting booked next week."""
    from .world import plan_and_book

    return plan_and_book(household, caseworker)


@pytest.fixture
def neighbour_household(caseworker: Any) -> Any:
    """Another household of the same municipality, with a plan and a meeting."""
    from datetime import date

    from conftest import member
    from velkomst.people.services import household_create

    from .world import plan_and_book

    household = household_create(
        acting_user=caseworker,
        name="Familien Nasser",
        visitation_date=date(2026, 5, 15),
        expected_arrival_date=date(2026, 7, 1),
        members=[member(first_name="Rami", last_name="Nasser")],
    )
    return plan_and_book(household, caseworker)
