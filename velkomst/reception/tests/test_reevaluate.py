"""A plan's conditional tasks follow the household (REC-2): when a birth date, the arrival or
the members change, tasks whose condition no longer holds are set aside as not relevant (never
deleted; done tasks untouched) and tasks whose condition now holds are added with the deadline
plan generation would give them, each write audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.people.models import Person
from velkomst.reception import services
from velkomst.reception.models import PlanTask

from .conftest import register

pytestmark = pytest.mark.django_db


def _keys(plan, person=None, open_only=True):
    tasks = plan.tasks.filter(person=person) if person is not None else plan.tasks.all()
    return {t.template_task.key for t in tasks if t.template_task and (t.is_open or not open_only)}


def test_a_childs_corrected_birth_date_sets_aside_child_tasks_and_adds_adult_tasks(
    caseworker,
):
    # REQ: REC-2
    household = register(caseworker, children=1)
    plan = household.reception_plan
    lina = household.members.get(first_name="Lina")
    start_meeting = plan.tasks.get(template_task__key="child_start_meeting")
    services.task_complete(task=start_meeting, acting_user=caseworker, expected_version=1)
    assert "school_daycare_start" in _keys(plan, lina) and "bank_account" not in _keys(plan, lina)

    # the birth date was typed wrong: Lina is an adult
    adult_birth = date(1999, 5, 1)
    services.person_change(
        person=lina, acting_user=caseworker, expected_version=lina.version, birth_date=adult_birth
    )
    school = plan.tasks.get(template_task__key="school_daycare_start", person=lina)
    assert not school.is_open and school.not_relevant_reason == services.NO_LONGER_APPLIES
    assert PlanTask.objects.filter(pk=school.pk).exists()  # never deleted
    start_meeting.refresh_from_db()
    assert start_meeting.done_at is not None and start_meeting.not_relevant_reason == ""
    second = plan.tasks.get(template_task__key="child_second_screening")
    assert not second.is_open  # no child left in the household
    assert {"bank_account", "danish_referral"} <= _keys(plan, lina)
    # the deadline is the one plan generation gives an adult member
    twin = register(caseworker, children=0, name="Familien Tvilling")
    for key in ("bank_account", "danish_referral"):
        added = plan.tasks.get(template_task__key=key, person=lina)
        made = twin.reception_plan.tasks.filter(template_task__key=key).first()
        assert (added.due_date, added.anchor) == (made.due_date, made.anchor)
    digital = plan.tasks.get(template_task__key="digital_post", person=lina)
    assert digital.anchor_task == plan.tasks.get(template_task__key="cpr_number", person=lina)
    # audited: the set-aside task per member, the new ones as created
    set_aside = AuditEntry.objects.filter(
        object_type="reception.PlanTask", object_id=str(school.pk), action="change"
    )
    assert set_aside.get().changes["not_relevant_reason"] == ["", services.NO_LONGER_APPLIES]
    assert "Lina" in set_aside.get().reason
    created = AuditEntry.objects.filter(
        object_type="reception.PlanTask",
        object_id=str(plan.tasks.get(template_task__key="bank_account", person=lina).pk),
        action="create",
    )
    assert created.count() == 1 and created.get().person_id == lina.pk


def test_correcting_the_birth_date_back_reopens_what_was_set_aside(caseworker):
    # REQ: REC-2
    household = register(caseworker, children=1)
    plan = household.reception_plan
    lina = household.members.get(first_name="Lina")
    child_birth = lina.birth_date
    before = {t.pk: (t.due_date, t.is_open) for t in plan.tasks.all()}
    services.person_change(
        person=lina,
        acting_user=caseworker,
        expected_version=lina.version,
        birth_date=date(1999, 5, 1),
    )
    lina.refresh_from_db()
    services.person_change(
        person=lina, acting_user=caseworker, expected_version=lina.version, birth_date=child_birth
    )
    after = {t.pk: (t.due_date, t.is_open) for t in plan.tasks.all() if t.pk in before}
    assert after == before  # the child's tasks are open again with their deadlines
    assert "bank_account" not in _keys(plan, lina)  # the adult tasks are set aside again
    assert plan.tasks.filter(person=lina, template_task__key="bank_account").count() == 1


def test_a_new_child_in_the_household_gets_the_child_tasks(caseworker):
    # REQ: REC-2
    household = register(caseworker, children=0)
    plan = household.reception_plan
    assert "child_start_meeting" not in _keys(plan)
    child = Person.objects.create(
        municipality_id=household.municipality_id,
        household=household,
        first_name="Nour",
        last_name="Haddad",
        birth_date=timezone.localdate() - timedelta(days=365 * 3),
        sex="F",
        relation="child",
    )
    set_aside, added = services.plan_reevaluate(
        household=household, acting_user=caseworker, reason="Barn født"
    )
    assert set_aside == []
    assert {t.template_task.key for t in added if t.template_task} >= {
        "child_start_meeting",
        "school_daycare_start",
    }
    assert plan.tasks.get(template_task__key="school_daycare_start").person == child
    # a second run changes nothing (idempotent)
    count = AuditEntry.objects.count()
    assert services.plan_reevaluate(household=household, acting_user=caseworker, reason="igen") == (
        [],
        [],
    )
    assert AuditEntry.objects.count() == count


def test_a_task_a_person_marked_not_relevant_stays_so(caseworker):
    # REQ: REC-2
    household = register(caseworker, children=1)
    plan = household.reception_plan
    lina = household.members.get(first_name="Lina")
    school = plan.tasks.get(template_task__key="school_daycare_start", person=lina)
    services.task_mark_not_relevant(
        task=school, acting_user=caseworker, expected_version=1, reason="Går i privatskole"
    )
    services.plan_reevaluate(household=household, acting_user=caseworker, reason="tjek")
    school.refresh_from_db()
    assert school.not_relevant_reason == "Går i privatskole"


def test_the_person_form_and_the_plan_page_show_the_reason_in_the_readers_language(
    client, caseworker
):
    # REQ: REC-2
    household = register(caseworker, children=1)
    lina = household.members.get(first_name="Lina")
    client.force_login(caseworker)
    page = client.get(reverse("person-edit", args=[lina.pk]))
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(birth_date="1999-05-01", version=lina.version)
    response = client.post(reverse("person-edit", args=[lina.pk]), data)
    assert response.status_code == 302, response.content.decode()[:1500]
    plan_url = reverse("household-plan", args=[household.pk])
    assert services.NO_LONGER_APPLIES in client.get(plan_url).text
    english = client.get(plan_url, headers={"accept-language": "en"}).text
    assert "The condition no longer holds after the household's details changed" in english.replace(
        "&#x27;", "'"
    )


def test_a_corrected_birth_date_moves_the_tasks_counted_from_the_18th_birthday(caseworker):
    # REQ: REC-2
    from conftest import member

    today = timezone.localdate()
    born = date(today.year - 17, today.month, 1) - timedelta(days=40)  # 18 within a year

    def family(name, birth_date):
        return register(
            caseworker,
            children=0,
            name=name,
            members=[
                member(),
                member(first_name="Sami", birth_date=birth_date, relation="child", languages=[]),
            ],
        )

    household = family("Familien Haddad", born)
    sami = household.members.get(first_name="Sami")
    bank = household.reception_plan.tasks.get(template_task__key="bank_account", person=sami)
    assert bank.from_birthday is not None and bank.is_open
    corrected = born + timedelta(days=30)
    services.person_change(
        person=sami, acting_user=caseworker, expected_version=sami.version, birth_date=corrected
    )
    bank.refresh_from_db()
    twin = family("Familien Tvilling", corrected)
    made = twin.reception_plan.tasks.get(
        template_task__key="bank_account", person__first_name="Sami"
    )
    assert (bank.from_birthday, bank.due_date) == (made.from_birthday, made.due_date)
    assert bank.from_birthday == date(corrected.year + 18, corrected.month, corrected.day)
    moved = AuditEntry.objects.filter(
        object_type="reception.PlanTask", object_id=str(bank.pk), action="change"
    ).get()
    assert "from_birthday" in moved.changes and "due_date" in moved.changes
