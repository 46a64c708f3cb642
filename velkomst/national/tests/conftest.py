"""A small national world for the tests: six municipalities (the first is the test
municipality's code, 400, so accepted households reach its visitation page), thirty arriving
households and a short history."""

from __future__ import annotations

from functools import cache

import pytest

from velkomst.engines.national.synthetic import SyntheticWorld, generate


@cache
def small_world() -> SyntheticWorld:
    return generate(
        seed=3, n_municipalities=6, n_households=30, history_cohorts=2, history_households=250
    )


@pytest.fixture
def national_data(national_user):
    """(table, plan, model, batch) of the small world, labelled demo."""
    from velkomst.national.demo import install_demo
    from velkomst.national.models import ArrivalBatch, TrainedModel

    table, plan = install_demo(national_user, 2026, world=small_world())
    return table, plan, TrainedModel.objects.get(table=table), ArrivalBatch.objects.get()


@pytest.fixture
def finished_run(national_data, national_user):
    from velkomst.national import services

    _table, plan, model, batch = national_data
    run = services.run_request(
        acting_user=national_user, batch=batch, plan=plan, model=model, mode="batch"
    )
    run.refresh_from_db()
    assert run.state == "done", run.error
    return run
