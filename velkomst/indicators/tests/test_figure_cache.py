"""The figure cache (MI-1, MI-2): figures are cached per municipality, key and scope with the
moment computed; a stale cache is recomputed in the background and never served as current."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.test import override_settings
from django.utils import timezone

from velkomst.core import audit
from velkomst.indicators import figures, selectors, tasks
from velkomst.indicators.library import Scope
from velkomst.indicators.models import IndicatorFigure

from .conftest import member, one_of_two_in_work

pytestmark = pytest.mark.django_db

JUNE = Scope(date(2026, 6, 1), date(2026, 6, 30))
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}


@pytest.fixture
def data(arrive):
    return one_of_two_in_work(arrive)


def _write(user, household):
    """An audited write of the municipality's data (a new household)."""
    from velkomst.people.services import household_create

    return household_create(
        acting_user=user,
        name="Ny familie",
        visitation_date=date(2026, 7, 1),
        expected_arrival_date=date(2026, 7, 1),
        members=[member(first_name="Nour")],
    )


def test_a_figure_is_computed_once_and_then_served_from_the_cache(
    data, staff, django_assert_num_queries
):
    # REQ: MI-1, MI-2
    manager = staff["manager"]
    first = selectors.figure(manager, "employment_rate", JUNE)
    assert first.total["numerator"] == "1" and first.total["denominator"] == "2"
    assert Decimal(first.total["value"]) == 50 and not first.stale
    assert first.groups["sex"]["F"]["value"] == "100.0"
    cached = IndicatorFigure.objects.get()
    assert cached.scope_key == JUNE.key() and cached.computed_at == first.computed_at
    assert "items" not in cached.result  # totals and groups only, never who
    # from the cache: the figure, and one look for a write since: no recomputation
    with django_assert_num_queries(2):
        again = selectors.figure(manager, "employment_rate", JUNE)
    assert again.computed_at == first.computed_at and again.total == first.total
    assert not again.stale
    # another scope is another figure
    selectors.figure(manager, "employment_rate", Scope(date(2026, 1, 1), date(2026, 1, 31)))
    assert IndicatorFigure.objects.count() == 2


def test_a_write_makes_the_figure_stale_a_read_or_another_municipality_does_not(
    data, staff, other_caseworker
):
    # REQ: MI-1, MI-2
    manager, caseworker = staff["manager"], staff["caseworker"]
    computed = selectors.figure(manager, "employment_rate", JUNE).computed_at
    audit.log_read(actor=caseworker, obj=data, persons=data.members.all())  # a read
    _write(other_caseworker, None)  # another municipality's write
    with override_settings(TASKS=DUMMY):
        from django_tasks import default_task_backend

        served = selectors.figure(manager, "employment_rate", JUNE)
        assert not served.stale and served.computed_at == computed
        assert default_task_backend.results == []  # type: ignore[attr-defined]
        _write(caseworker, data)  # a write of the municipality's data
        stale = selectors.figure(manager, "employment_rate", JUNE)
        assert stale.stale and stale.computed_at == computed  # served, said to be stale
        assert selectors.figure(manager, "employment_rate", JUNE).stale
        # queued once, however often the stale figure is asked for
        assert len(default_task_backend.results) == 1  # type: ignore[attr-defined]
        (queued,) = default_task_backend.results  # type: ignore[attr-defined]
        assert queued.args == [IndicatorFigure.objects.get().pk]


def test_the_task_recomputes_a_stale_figure_with_the_new_data(data, staff):
    # REQ: MI-1, MI-2
    manager, caseworker = staff["manager"], staff["caseworker"]
    before = selectors.figure(manager, "employment_rate", JUNE)
    omar = data.members.get(first_name="Omar")
    from velkomst.outcomes.services import employment_create

    employment_create(
        acting_user=caseworker,
        person=omar,
        employer_name="Lego",
        start_date=date(2026, 6, 1),
        hours_per_week=37,
    )
    # the test settings run tasks at once (ImmediateBackend): the stale figure is served as
    # stale, and the task it queued has recomputed the cache
    stale = selectors.figure(manager, "employment_rate", JUNE)
    assert stale.stale and stale.total == before.total
    fresh = selectors.figure(manager, "employment_rate", JUNE)
    assert not fresh.stale and fresh.computed_at > before.computed_at
    assert (fresh.total["numerator"], fresh.total["value"]) == ("2", "100.0")
    assert IndicatorFigure.objects.get().recompute_queued_at is None


def test_a_period_still_running_when_computed_is_stale_the_next_day(data, staff):
    # REQ: MI-1, MI-2
    manager = staff["manager"]
    today = timezone.localdate()
    running = Scope(today.replace(day=1), today)
    selectors.figure(manager, "employment_rate", running)
    assert not selectors.figure(manager, "employment_rate", running).stale
    IndicatorFigure.objects.update(computed_at=timezone.now() - timedelta(days=1))
    with override_settings(TASKS=DUMMY):
        assert selectors.figure(manager, "employment_rate", running).stale


def test_a_lost_recomputation_is_queued_again(data, staff):
    # REQ: MI-1, MI-2
    manager, caseworker = staff["manager"], staff["caseworker"]
    selectors.figure(manager, "employment_rate", JUNE)
    _write(caseworker, data)
    cached = IndicatorFigure.objects.get()
    with override_settings(TASKS=DUMMY):
        from django_tasks import default_task_backend

        assert tasks.request_recompute(cached)
        assert not tasks.request_recompute(cached)
        IndicatorFigure.objects.update(
            recompute_queued_at=timezone.now() - figures.LOST_AFTER - timedelta(minutes=1)
        )
        assert tasks.request_recompute(cached)
        assert len(default_task_backend.results) == 2  # type: ignore[attr-defined]


def test_the_command_recomputes_every_stale_figure_of_every_municipality(
    data, staff, other_caseworker, arrive
):
    # REQ: MI-1, MI-2
    from velkomst.core.models import Role

    manager = staff["manager"]
    other_manager = type(manager).objects.create_user(
        username="ab-manager",
        municipality=other_caseworker.municipality,
        role=Role.MANAGER,
    )
    selectors.figure(manager, "employment_rate", JUNE)
    selectors.figure(manager, "employment_rate", Scope(date(2026, 1, 1), date(2026, 1, 31)))
    selectors.figure(other_manager, "employment_rate", JUNE)
    moments = dict(IndicatorFigure.objects.values_list("pk", "computed_at"))
    _write(staff["caseworker"], data)  # only the first municipality's figures go stale
    call_command("recompute_indicators", verbosity=0)
    after = dict(IndicatorFigure.objects.values_list("pk", "computed_at"))
    ours = set(
        IndicatorFigure.objects.filter(municipality=manager.municipality).values_list(
            "pk", flat=True
        )
    )
    assert {pk for pk in after if after[pk] != moments[pk]} == ours
    assert not selectors.figure(manager, "employment_rate", JUNE).stale
    call_command("recompute_indicators", "--all", verbosity=0)  # after a bulk load, every one
    assert all(
        computed > after[pk]
        for pk, computed in IndicatorFigure.objects.values_list("pk", "computed_at")
    )


def test_figures_are_for_managers_and_administrators_of_their_own_municipality(data, staff):
    # REQ: MI-1
    for role in ("manager", "administrator"):
        assert selectors.figure(staff[role], "employment_rate", JUNE).total["population"] == 2
    for role in ("caseworker", "job_consultant", "housing_officer", "volunteer_coordinator"):
        with pytest.raises(PermissionDenied):
            selectors.figure(staff[role], "employment_rate", JUNE)
        with pytest.raises(PermissionDenied):
            selectors.indicators_for(staff[role])
    with pytest.raises(Http404):
        selectors.figure(staff["manager"], "no_such_indicator", JUNE)
    keys = [d.key for d in selectors.indicators_for(staff["manager"])]
    assert "employment_rate" in keys and keys == sorted(keys)


def test_each_municipality_has_its_own_cached_figure(data, staff, other_caseworker, arrive):
    # REQ: MI-1
    from velkomst.core.models import Role

    other_manager = type(staff["manager"]).objects.create_user(
        username="ab-manager", municipality=other_caseworker.municipality, role=Role.MANAGER
    )
    ours = selectors.figure(staff["manager"], "employment_rate", JUNE)
    theirs = selectors.figure(other_manager, "employment_rate", JUNE)
    assert ours.total["population"] == 2 and theirs.total["population"] == 0
    assert IndicatorFigure.objects.count() == 2


def test_the_nightly_work_keeps_warm_the_figures_in_use_and_forgets_the_long_unread(data, staff):
    # REQ: MI-1, MI-2: any period can be asked for through the API; neither the cache nor the
    # nightly recomputation may grow with every period ever asked for
    manager = staff["manager"]
    now = timezone.now()
    in_use = Scope(date(2026, 6, 1), date(2026, 6, 30))
    idle = Scope(date(2026, 5, 1), date(2026, 5, 31))
    forgotten = Scope(date(2026, 4, 1), date(2026, 4, 30))
    for scope in (in_use, idle, forgotten):
        selectors.figure(manager, "employment_rate", scope)
    cached = {f.scope_key: f for f in IndicatorFigure.objects.all()}
    assert all(f.read_at is not None for f in cached.values())  # computed for a reader: read
    IndicatorFigure.objects.filter(pk=cached[idle.key()].pk).update(
        read_at=now - figures.KEEP_WARM - timedelta(days=1)
    )
    IndicatorFigure.objects.filter(pk=cached[forgotten.key()].pk).update(
        read_at=now - figures.FORGET_AFTER - timedelta(days=1)
    )
    _write(staff["caseworker"], data)  # every figure is stale now
    call_command("recompute_indicators", verbosity=0)
    after = {f.scope_key: f for f in IndicatorFigure.objects.all()}
    assert forgotten.key() not in after  # unread for 90 days: deleted
    assert after[in_use.key()].computed_at > cached[in_use.key()].computed_at  # kept warm
    assert after[idle.key()].computed_at == cached[idle.key()].computed_at  # waits for a reader
    # a recomputation is not a read: the kept-warm figure's read moment is unchanged by the night
    assert after[in_use.key()].read_at == cached[in_use.key()].read_at
    # read again, the idle figure is served as stale (and recomputed), and is in use again
    assert selectors.figure(manager, "employment_rate", idle).stale
    assert figures.in_use(IndicatorFigure.objects.get(scope_key=idle.key()))
    # the forgotten one, asked for again, is computed afresh
    assert not selectors.figure(manager, "employment_rate", forgotten).stale
