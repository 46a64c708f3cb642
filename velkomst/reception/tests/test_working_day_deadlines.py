"""Plan deadlines counted in calendar days or months move off Saturdays, Sundays, public holidays
and municipal closing days as the template task's rule says, with the reason stored and shown in
the reader's language (REC-4, REC-2, HOU-7)."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from velkomst.core.models import AuditEntry
from velkomst.reception import services
from velkomst.reception.models import Adjustment, PlanTask
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(staff):
    return staff["administrator"]


# Bornholm (the fixture municipality) counts the Danish referral from arrival: one month later.
SATURDAY_ARRIVAL = date(2026, 7, 1)  # + 1 month = Saturday 1 August 2026
EASTER_ARRIVAL = date(2026, 3, 2)  # + 1 month = Maundy Thursday 2 April 2026


def _referral(household):
    return task(household.reception_plan, "danish_referral", household.members.first())


def _register(caseworker, arrival, **overrides):
    return register(
        caseworker, expected_arrival_date=arrival, visitation_date=date(2026, 1, 5), **overrides
    )


def test_a_referral_counted_to_a_saturday_is_due_on_monday_with_the_reason(caseworker):
    # REQ: REC-4, REC-2
    household = _register(caseworker, SATURDAY_ARRIVAL)
    referral = _referral(household)
    assert referral.due_date == date(2026, 8, 3)
    assert referral.due_counted == date(2026, 8, 1)
    assert referral.due_moved_because == "saturday"
    # the child's start, 3 days after arrival, is Saturday 4 July: Monday 6 July
    lina = household.members.get(first_name="Lina")
    start = task(household.reception_plan, "school_daycare_start", lina)
    assert (start.due_date, start.due_counted) == (date(2026, 7, 6), date(2026, 7, 4))
    # a deadline on a working day is not moved and has no reason
    inspection = task(household.reception_plan, "move_in_inspection")
    assert inspection.due_date == date(2026, 7, 15)
    assert inspection.due_counted is None and inspection.due_moved_because == ""


def test_the_plan_page_shows_why_the_deadline_moved_in_danish_and_english(
    logged_in, caseworker, client
):
    # REQ: REC-4
    saturday = _register(caseworker, SATURDAY_ARRIVAL)
    easter = _register(caseworker, EASTER_ARRIVAL, name="Familien Easter")
    page = logged_in(caseworker)
    danish = page.get(f"/households/{saturday.pk}/plan/").content.decode()
    assert "1. august 2026 er en lørdag: flyttet til mandag 3. august" in danish
    danish = page.get(f"/households/{easter.pk}/plan/").content.decode()
    assert "2. april 2026 er skærtorsdag: flyttet til tirsdag 7. april" in danish
    referral = _referral(easter)
    task_page = page.get(f"/tasks/{referral.pk}/done/").content.decode()
    assert "2. april 2026 er skærtorsdag: flyttet til tirsdag 7. april" in task_page

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = page.get(f"/households/{saturday.pk}/plan/").content.decode()
    assert "1 August 2026 is a Saturday: moved to Monday 3 August" in english
    english = page.get(f"/households/{easter.pk}/plan/").content.decode()
    assert "2 April 2026 is Maundy Thursday: moved to Tuesday 7 April" in english


def test_a_template_rule_can_move_to_the_previous_working_day_or_keep_the_counted_day(
    caseworker, administrator
):
    # REQ: REC-4, REC-2 (an edit is a new template version; earlier plans keep theirs)
    before = _register(caseworker, SATURDAY_ARRIVAL, name="Familien Før")
    template = before.reception_plan.template
    referral_rule = template.tasks.get(key="danish_referral")
    assert referral_rule.adjustment == Adjustment.NEXT  # the preset
    services.template_task_update(
        template_task=referral_rule,
        acting_user=administrator,
        note="Fristen før weekenden",
        adjustment=Adjustment.PREVIOUS,
    )
    previous = _referral(_register(caseworker, SATURDAY_ARRIVAL, name="Familien Forrige"))
    assert (previous.due_date, previous.due_counted) == (date(2026, 7, 31), date(2026, 8, 1))
    newest = template.__class__.objects.filter(municipality=template.municipality).first()
    services.template_task_update(
        template_task=newest.tasks.get(key="danish_referral"),
        acting_user=administrator,
        note="Som talt",
        adjustment=Adjustment.AS_COUNTED,
    )
    counted = _referral(_register(caseworker, SATURDAY_ARRIVAL, name="Familien Talt"))
    assert counted.due_date == date(2026, 8, 1) and counted.due_moved_because == ""
    assert _referral(before).due_date == date(2026, 8, 3)  # made before the edits


def test_the_template_editor_offers_the_closed_day_rule_with_labels(logged_in, administrator):
    # REQ: REC-2, REC-4
    from velkomst.reception.services import install_presets

    template = install_presets(administrator.municipality)
    rule = template.tasks.get(key="danish_referral")
    client = logged_in(administrator)
    form = client.get(f"/template-tasks/{rule.pk}/edit/").content.decode()
    assert "Flyttes til næste arbejdsdag" in form and "Flyttes til forrige arbejdsdag" in form
    assert 'value="next_working_day" selected' in form
    detail = client.get(f"/plan-templates/{template.pk}/").content.decode()
    assert "på en lukkedag: flyttes til næste arbejdsdag" in detail


def test_an_arrival_change_moves_open_deadlines_by_the_same_rule(caseworker):
    # REQ: REC-4
    household = _register(caseworker, date(2026, 7, 3))  # referral Monday 3 August
    assert _referral(household).due_counted is None
    services.household_change_dates(
        household=household,
        acting_user=caseworker,
        expected_version=household.version,
        expected_arrival_date=EASTER_ARRIVAL,
    )
    referral = _referral(household)
    assert referral.due_date == date(2026, 4, 7)
    assert (referral.due_counted, referral.due_moved_because) == (date(2026, 4, 2), "holiday")
    entry = AuditEntry.objects.get(
        object_type="reception.PlanTask", object_id=str(referral.pk), action="change"
    )
    assert entry.changes["due_date"] == ["2026-08-03", "2026-04-07"]


def test_a_move_in_visit_fourteen_days_after_a_move_in_on_christmas_is_due_after_it(caseworker):
    # REQ: HOU-7, REC-4 (move-in Friday 11 December + 14 days = Christmas Day)
    household = _register(caseworker, date(2026, 11, 2))
    visit = services.move_in_visits_follow(
        household=household,
        move_in=date(2026, 12, 11),
        landlord="BoBornholm",
        address="Storegade 1",
        acting_user=caseworker,
    )
    assert visit is not None
    visit.refresh_from_db()
    assert visit.due_date == date(2026, 12, 28)
    assert (visit.due_counted, visit.due_moved_because) == (date(2026, 12, 25), "holiday")


def test_the_migration_recomputes_open_tasks_and_leaves_done_ones(caseworker):
    # REQ: REC-4
    migration = importlib.import_module(
        "velkomst.reception.migrations.0003_recompute_open_deadlines"
    )
    household = _register(caseworker, SATURDAY_ARRIVAL)
    open_task = _referral(household)
    done = task(household.reception_plan, "school_daycare_start")
    services.task_complete(task=done, acting_user=caseworker, expected_version=done.version)
    # as the plans were stored before deadlines moved to working days
    PlanTask.objects.filter(pk__in=[open_task.pk, done.pk]).update(
        due_counted=None, due_moved_because="", adjustment=Adjustment.NEXT
    )
    PlanTask.objects.filter(pk=open_task.pk).update(due_date=date(2026, 8, 1))
    PlanTask.objects.filter(pk=done.pk).update(due_date=date(2026, 7, 4))
    version = PlanTask.objects.get(pk=open_task.pk).version
    # a household task counted to Saturday 18 July (arrival + 17 days)
    visit = task(household.reception_plan, "move_in_inspection")
    PlanTask.objects.filter(pk=visit.pk).update(offset_days=17, due_date=date(2026, 7, 18))

    migration.recompute_open_deadlines(apps, None)

    open_task.refresh_from_db()
    done.refresh_from_db()
    assert open_task.due_date == date(2026, 8, 3)
    assert (open_task.due_counted, open_task.due_moved_because) == (date(2026, 8, 1), "saturday")
    assert open_task.version == version + 1
    assert done.due_date == date(2026, 7, 4) and done.due_counted is None
    entry = AuditEntry.objects.get(
        object_type="reception.PlanTask", object_id=str(open_task.pk), action="change"
    )
    assert entry.changes["due_date"] == ["2026-08-01", "2026-08-03"]
    assert entry.person_id == open_task.person_id and entry.actor_id is None
    visit.refresh_from_db()
    assert (visit.due_date, visit.due_counted) == (date(2026, 7, 20), date(2026, 7, 18))
    entries = AuditEntry.objects.filter(object_type="reception.PlanTask", object_id=str(visit.pk))
    assert {e.person_id for e in entries} == set(household.members.values_list("pk", flat=True))
    assert entries.count() == household.members.count()
    # a task still waiting for its anchor gets no date
    assert task(household.reception_plan, "second_housing_visit").due_date is None
    # run again: nothing more to move
    migration.recompute_open_deadlines(apps, None)
    assert PlanTask.objects.get(pk=open_task.pk).version == version + 1
