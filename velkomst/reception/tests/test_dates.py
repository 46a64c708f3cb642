"""When the expected or actual arrival date changes, the open deadlines counted from it move,
and each move is audited with the old and new due date (REC-4)."""

from datetime import timedelta

import pytest

from velkomst.core.models import AuditEntry
from velkomst.engines.calendar import add_months, next_working_day
from velkomst.reception import services
from velkomst.reception.tests.conftest import task

pytestmark = pytest.mark.django_db


def test_open_arrival_deadlines_move_with_the_arrival_date(registered, plan, caseworker):
    # REQ: REC-4
    welcome = task(plan, "welcome_meeting")
    pre = task(plan, "pre_arrival_meeting")
    cpr = task(plan, "cpr_number", registered.members.get(first_name="Amal"))
    referral = task(plan, "danish_referral", registered.members.get(first_name="Amal"))
    services.task_complete(task=pre, acting_user=caseworker, expected_version=pre.version)
    old_expected = registered.expected_arrival_date
    old_cpr = cpr.due_date

    services.household_change_dates(
        household=registered,
        acting_user=caseworker,
        expected_version=registered.version,
        expected_arrival_date=old_expected + timedelta(days=14),
    )
    cpr.refresh_from_db()
    pre.refresh_from_db()
    welcome.refresh_from_db()
    referral.refresh_from_db()
    assert cpr.due_date > old_cpr
    # done: stays as it was
    assert pre.due_date == next_working_day(old_expected - timedelta(days=21))
    # Bornholm counts the Danish referral from arrival: it moved too
    assert referral.due_date == next_working_day(add_months(old_expected + timedelta(days=14), 1))
    entry = AuditEntry.objects.filter(
        object_type="reception.PlanTask", object_id=str(cpr.pk), action="change"
    ).get()
    assert entry.changes["due_date"] == [old_cpr.isoformat(), cpr.due_date.isoformat()]
    assert entry.person_id == cpr.person_id and entry.reason


def test_the_actual_arrival_date_wins_over_the_expected_one(registered, plan, caseworker):
    # REQ: REC-4
    lina = registered.members.get(first_name="Lina")
    school = task(plan, "school_daycare_start", lina)
    pre = task(plan, "pre_arrival_meeting")
    arrival = registered.expected_arrival_date - timedelta(days=3)
    services.household_change_dates(
        household=registered,
        acting_user=caseworker,
        expected_version=registered.version,
        arrival_date=arrival,
    )
    school.refresh_from_db()
    pre.refresh_from_db()
    assert school.due_date == arrival + timedelta(days=3)
    # the pre-arrival meeting is counted from the expected date, which did not change
    assert pre.due_date == registered.expected_arrival_date - timedelta(days=21)


def test_takeover_anchored_deadlines_do_not_move(caseworker):
    from conftest import _make_user
    from velkomst.core.services import municipality_create
    from velkomst.reception.tests.conftest import register

    sonderborg = municipality_create(code="540", name="Sønderborg")
    household = register(_make_user(sonderborg, "caseworker", "sb-cw"))
    from velkomst.reception.models import ReceptionPlan

    plan = ReceptionPlan.objects.get(household=household)
    referral = task(plan, "danish_referral", household.members.get(first_name="Amal"))
    before = referral.due_date
    services.household_change_dates(
        household=household,
        acting_user=household.members.first().case.caseworker,
        expected_version=household.version,
        expected_arrival_date=household.expected_arrival_date + timedelta(days=30),
    )
    referral.refresh_from_db()
    assert referral.due_date == before


def test_the_edit_page_moves_deadlines(logged_in, caseworker, registered, plan):
    # REQ: REC-4 (people's household edit page goes through household_change_dates)
    client = logged_in(caseworker)
    cpr = task(plan, "cpr_number", registered.members.get(first_name="Amal"))
    new_expected = registered.expected_arrival_date + timedelta(days=7)
    response = client.post(
        f"/households/{registered.pk}/edit/",
        {
            "version": registered.version,
            "name": registered.name,
            "expected_arrival_date": new_expected.isoformat(),
            "arrival_date": "",
            "asylum_centre": "",
            "address": "",
        },
    )
    assert response.status_code == 302
    old = cpr.due_date
    cpr.refresh_from_db()
    assert cpr.due_date != old
