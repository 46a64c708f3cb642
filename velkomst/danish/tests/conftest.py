from __future__ import annotations

from datetime import date

import pytest

# Amal Haddad (the shared ``person``): visited 15 May 2026, taken over 1 July 2026 (Wednesday).
# Her referral is due one month later, 1 August 2026, a Saturday: moved to Monday 3 August.
TAKEOVER = date(2026, 7, 1)
REFERRAL_DUE = date(2026, 8, 3)


@pytest.fixture
def centre(caseworker):
    from velkomst.danish.services import centre_create

    return centre_create(
        acting_user=caseworker,
        name="Sprogcenter Bornholm",
        address="Storegade 1, 3700 Rønne",
        email="kursist@sprogcenter.example",
        contact="Mette Kofoed",
        phone="",
        active=True,
    )


@pytest.fixture
def referral(caseworker, person, centre):
    from velkomst.danish.services import referral_create

    return referral_create(
        acting_user=caseworker,
        person=person,
        centre=centre,
        track="DU2",
        referred_on=date(2026, 7, 20),
        start_on=date(2026, 8, 10),
        started_on=date(2026, 8, 10),
    )


@pytest.fixture
def other_person(other_household):
    return other_household.members.get()
