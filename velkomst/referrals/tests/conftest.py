from __future__ import annotations

import pytest


@pytest.fixture
def units(municipality):
    from velkomst.core.models import Unit

    return {u.kind: u for u in Unit.objects.filter(municipality=municipality)}


@pytest.fixture
def jobconsultant(staff):
    return staff["job_consultant"]


@pytest.fixture
def send(caseworker, person, units):
    """send(**overrides) -> a referral from the caseworker's integration team to the
    jobcentre about Amal."""
    from velkomst.referrals import services

    def _send(**overrides):
        values = dict(
            actor=caseworker,
            from_unit=units["integration"],
            to_unit=units["jobcentre"],
            person=person,
            kind="employment",
            text="Afklaring af jobmuligheder",
            shared=[],
        )
        values.update(overrides)
        return services.referral_send(**values)

    return _send
