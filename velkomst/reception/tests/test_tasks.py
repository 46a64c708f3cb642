"""Ticking tasks off with initials and time (REC-2, HOU-7), not relevant, reopening, adding and
removing tasks on one plan, who may do it, and the audit of each step."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.reception import services
from velkomst.reception.models import PlanTask
from velkomst.reception.tests.conftest import task

pytestmark = pytest.mark.django_db


def _entries(task):
    return AuditEntry.objects.filter(object_type="reception.PlanTask", object_id=str(task.pk))


def test_ticking_off_records_who_when_initials_and_note(plan, caseworker):
    # REQ: REC-2
    amal = plan.household.members.get(first_name="Amal")
    cpr = task(plan, "cpr_number", amal)
    services.task_complete(
        task=cpr, acting_user=caseworker, expected_version=cpr.version, note="Borgerservice"
    )
    cpr.refresh_from_db()
    assert cpr.done_by == caseworker and cpr.done_initials == caseworker.initials
    assert cpr.done_on == timezone.localdate() and cpr.done_at is not None
    assert cpr.done_note == "Borgerservice" and not cpr.is_open
    # a person's task is audited with that person
    entries = _entries(cpr)
    assert list(entries.values_list("person_id", flat=True)) == [amal.pk]
    assert entries.get().changes["done_initials"] == ["", caseworker.initials]


def test_a_household_task_is_audited_for_every_member(plan, caseworker):
    # REQ: REC-2 (SEC-3 convention: household tasks appear in each member's log)
    welcome = task(plan, "welcome_meeting")
    services.task_complete(task=welcome, acting_user=caseworker, expected_version=welcome.version)
    members = set(plan.household.members.values_list("pk", flat=True))
    assert set(_entries(welcome).values_list("person_id", flat=True)) == members


@pytest.mark.usefixtures("ordinary_wednesday")
def test_the_housing_officer_ticks_off_the_move_in_inspection_with_initials(plan, staff):
    # REQ: HOU-7
    officer = staff["housing_officer"]
    first = task(plan, "move_in_inspection")
    second = task(plan, "second_housing_visit")
    done_on = timezone.localdate() - timedelta(days=2)
    services.task_complete(
        task=first,
        acting_user=officer,
        expected_version=first.version,
        initials="mk",
        done_on=done_on,
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.done_initials == "MK" and first.done_by == officer
    # the second visit is due about 14 days after the first
    assert second.due_date == done_on + timedelta(days=14)
    change = _entries(second).filter(changes__has_key="due_date").first()
    assert change is not None and change.changes["due_date"] == [None, second.due_date.isoformat()]


def test_a_completion_date_tomorrow_is_clamped_to_today(plan, caseworker):
    t = task(plan, "establishment")
    services.task_complete(
        task=t,
        acting_user=caseworker,
        expected_version=t.version,
        done_on=timezone.localdate() + timedelta(days=1),
    )
    t.refresh_from_db()
    assert t.done_on == timezone.localdate()


def test_only_the_owner_role_or_the_households_caseworker_may_tick_off(plan, staff):
    # REQ: REC-2, SEC-2
    inspection = task(plan, "move_in_inspection")  # owned by housing officers
    with pytest.raises(PermissionDenied):
        services.task_complete(
            task=inspection, acting_user=staff["job_consultant"], expected_version=1
        )
    with pytest.raises(PermissionDenied):
        services.task_complete(task=inspection, acting_user=staff["manager"], expected_version=1)
    # the caseworker of the household's members may tick any of its tasks off
    services.task_complete(task=inspection, acting_user=staff["caseworker"], expected_version=1)


def test_a_caseworker_who_is_not_the_households_may_not_tick_off_others_tasks(plan, municipality):
    from conftest import _make_user

    other = _make_user(municipality, "caseworker", "bh-cw2")
    inspection = task(plan, "move_in_inspection")
    assert not services.can_work_on(other, inspection)
    assert services.can_work_on(other, task(plan, "welcome_meeting"))  # own role's task


def test_concurrent_tick_offs_do_not_overwrite_each_other(plan, caseworker, staff):
    # REQ: SEC-5
    t = task(plan, "establishment")
    services.task_complete(task=t, acting_user=caseworker, expected_version=1)
    stale = PlanTask.objects.get(pk=t.pk)
    stale.done_at = None  # as another user saw it before
    with pytest.raises(ConcurrentEditError):
        services.task_complete(task=stale, acting_user=caseworker, expected_version=1)


def test_not_relevant_needs_a_reason_and_can_be_reopened(plan, caseworker):
    # REQ: REC-2
    bus = task(plan, "bus_card", plan.household.members.get(first_name="Lina"))
    with pytest.raises(services.ReasonRequired):
        services.task_mark_not_relevant(
            task=bus, acting_user=caseworker, expected_version=1, reason=" "
        )
    services.task_mark_not_relevant(
        task=bus, acting_user=caseworker, expected_version=1, reason="Barnet går til skole"
    )
    bus.refresh_from_db()
    assert bus.not_relevant_reason == "Barnet går til skole" and not bus.is_open
    services.task_reopen(
        task=bus, acting_user=caseworker, expected_version=bus.version, reason="Skift af skole"
    )
    bus.refresh_from_db()
    assert bus.is_open and not bus.not_relevant_reason
    reasons = list(_entries(bus).values_list("reason", flat=True))
    assert "Barnet går til skole" in reasons and "Skift af skole" in reasons


def test_reopening_a_task_removes_the_due_date_it_gave_another(plan, staff):
    officer = staff["housing_officer"]
    first = task(plan, "move_in_inspection")
    services.task_complete(task=first, acting_user=officer, expected_version=1)
    first.refresh_from_db()
    services.task_reopen(
        task=first, acting_user=officer, expected_version=first.version, reason="Fejl"
    )
    assert task(plan, "second_housing_visit").due_date is None


def test_a_task_can_be_added_to_one_plan_with_a_reason(plan, caseworker, registered):
    # REQ: REC-2
    omar = registered.members.get(first_name="Omar")
    due = timezone.localdate() + timedelta(days=20)
    added = services.task_add(
        plan=plan,
        acting_user=caseworker,
        title="Tolk til lægebesøg",
        reason="Omar taler kun kurdisk",
        owner_unit_kind="integration",
        owner_role="interpreter_coordinator",
        due_date=due,
        person=omar,
    )
    assert added.template_task is None and added.added_reason == "Omar taler kun kurdisk"
    assert added.order == max(plan.tasks.values_list("order", flat=True))
    entry = _entries(added).get()
    assert entry.action == "create" and entry.person_id == omar.pk
    assert entry.reason == "Omar taler kun kurdisk"
    with pytest.raises(services.ReasonRequired):
        services.task_add(
            plan=plan,
            acting_user=caseworker,
            title="x",
            reason="",
            owner_unit_kind="integration",
            owner_role="caseworker",
            due_date=None,
        )


def test_a_task_can_be_removed_from_one_plan_with_a_reason(plan, caseworker, staff):
    # REQ: REC-2
    t = task(plan, "forms_review")
    with pytest.raises(PermissionDenied):
        services.task_remove(
            task=t, acting_user=staff["job_consultant"], expected_version=1, reason="x"
        )
    services.task_remove(
        task=t, acting_user=caseworker, expected_version=1, reason="Klaret på asylcentret"
    )
    t.refresh_from_db()
    assert t.removed_at is not None and t.removed_reason == "Klaret på asylcentret"
    assert _entries(t).filter(action="delete").count() == plan.household.members.count()
