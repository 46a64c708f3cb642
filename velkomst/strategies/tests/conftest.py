from __future__ import annotations

import pytest


@pytest.fixture
def admin_user(staff):
    return staff["administrator"]


@pytest.fixture
def manager(staff):
    return staff["manager"]


@pytest.fixture
def strategy(municipality):
    """Bornholm's (code 400) preset, version 1, published."""
    from velkomst.strategies.services import install_presets

    return install_presets(municipality)


@pytest.fixture
def draft(strategy, admin_user):
    from velkomst.strategies.services import draft_create

    return draft_create(acting_user=admin_user, source=strategy)
