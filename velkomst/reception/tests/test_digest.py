"""The daily deadline digest (REC-4): one email per owner, idempotent per day."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from velkomst.reception.models import DigestNotification, PlanTask
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def owners(staff):
    for role, user in staff.items():
        user.email = f"{role}@bornholm.example"
        user.save(update_fields=["email"])
    return staff


def _run(day=None):
    args = ["send_deadline_digest"]
    if day:
        args += ["--date", day.isoformat()]
    call_command(*args, stdout=__import__("io").StringIO())


def test_each_owner_gets_one_email_and_a_second_run_sends_nothing(owners, caseworker):
    # REQ: REC-4
    household = register(caseworker, arrival_in_days=3)
    _run()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert len(recipients) == len(set(recipients))  # one email each
    assert "caseworker@bornholm.example" in recipients  # pre-arrival meeting is overdue
    assert "family_consultant@bornholm.example" in recipients  # screening before arrival
    assert "manager@bornholm.example" not in recipients  # managers own no tasks
    body = next(m for m in mail.outbox if m.to == ["caseworker@bornholm.example"]).body
    assert "Formøde før ankomst" in body and f"/households/{household.pk}/plan/#task-" in body
    # the email names no citizen
    assert "Haddad" not in body and "Amal" not in body
    sent = len(mail.outbox)
    notified = DigestNotification.objects.count()
    _run()
    assert len(mail.outbox) == sent and DigestNotification.objects.count() == notified


def test_the_next_day_sends_the_still_open_tasks_again_and_new_ones(owners, caseworker):
    # REQ: REC-4
    register(caseworker, arrival_in_days=3)
    today = timezone.localdate()
    _run(today)
    first = {m.to[0]: m.body for m in mail.outbox}
    mail.outbox.clear()
    _run(today + timedelta(days=1))
    assert set(first) <= {m.to[0] for m in mail.outbox}
    states = set(DigestNotification.objects.values_list("state", flat=True))
    assert states <= {"due_soon", "overdue"}


def test_done_tasks_and_other_roles_tasks_are_not_sent(owners, caseworker, staff):
    household = register(caseworker, arrival_in_days=40)  # nothing due soon
    from velkomst.reception.models import ReceptionPlan

    plan = ReceptionPlan.objects.get(household=household)
    pre = task(plan, "pre_arrival_meeting")
    PlanTask.objects.filter(pk=pre.pk).update(due_date=timezone.localdate())
    _run()
    assert [m.to for m in mail.outbox] == [["caseworker@bornholm.example"]]
    mail.outbox.clear()
    DigestNotification.objects.all().delete()
    PlanTask.objects.filter(pk=pre.pk).update(done_at=timezone.now(), done_on=timezone.localdate())
    _run()
    assert mail.outbox == []


def test_an_owner_outside_the_households_units_is_not_told(owners, caseworker, municipality):
    # REQ: SEC-2: the digest respects who may see the household
    from conftest import _make_user

    household = register(caseworker, arrival_in_days=3)
    stranger = _make_user(municipality, "housing_officer", "bh-ho2", unit_kinds=("daycare",))
    stranger.email = "ho2@bornholm.example"
    stranger.save()
    from velkomst.reception.models import ReceptionPlan

    plan = ReceptionPlan.objects.get(household=household)
    visit = task(plan, "move_in_inspection")
    PlanTask.objects.filter(pk=visit.pk).update(due_date=timezone.localdate())
    _run()
    recipients = {m.to[0] for m in mail.outbox}
    assert "housing_officer@bornholm.example" in recipients
    assert "ho2@bornholm.example" not in recipients


def test_a_bad_date_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_deadline_digest", "--date", "31-12-2025")
