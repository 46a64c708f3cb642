"""Age conditions judged on the day a task concerns (REC-2, REC-6), and the day a task was done
refused when no case can have it (SEC-5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import member
from velkomst.core.models import MunicipalityConfig
from velkomst.engines.calendar import add_months
from velkomst.reception.models import Anchor, PlanTask
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db

ADULT_TASKS = {"bank_account", "digital_post", "danish_referral"}
WORKING_AGE_TASKS = {"cv", "job_active", "internship_offer"}


def _categories(plan, person):
    return set(plan.tasks.filter(person=person).values_list("category", flat=True))


@pytest.fixture
def life_family(caseworker):
    """Arriving in ten days: Yusuf turns 18 five weeks after the arrival, Fatima reaches the
    state pension age (67, born 1955-62) a month after it: before the internship deadline."""
    arrival = timezone.localdate() + timedelta(days=10)
    turns_18 = arrival + timedelta(weeks=5)
    retires = arrival + timedelta(days=30)
    household = register(
        caseworker,
        children=0,
        members=[
            member(first_name="Fatima", birth_date=retires.replace(year=retires.year - 67)),
            member(
                first_name="Yusuf",
                birth_date=turns_18.replace(year=turns_18.year - 18),
                sex="M",
                relation="child",
            ),
        ],
        expected_arrival_date=arrival,
    )
    return household, turns_18


def test_a_member_turning_18_during_the_programme_gets_the_adult_tasks_from_the_birthday(
    life_family,
):
    # REQ: REC-2, REC-6
    household, turns_18 = life_family
    plan = household.reception_plan
    yusuf = household.members.get(first_name="Yusuf")
    assert _categories(plan, yusuf) >= ADULT_TASKS | WORKING_AGE_TASKS
    for category in ADULT_TASKS | WORKING_AGE_TASKS:
        t = plan.tasks.get(person=yusuf, category=category)
        # counted from the birthday, as a fixed date that later arrival changes do not move
        assert t.due_date is not None and t.due_date >= turns_18, category
        assert t.anchor == Anchor.FIXED
    # the task's own offset from the birthday: three months for the internship offer
    internship = plan.tasks.get(person=yusuf, category="internship_offer")
    assert internship.due_date == add_months(turns_18, 3)
    assert internship.from_birthday == turns_18
    # an adult's tasks are counted as usual
    fatimas = plan.tasks.get(person__first_name="Fatima", category="danish_referral")
    assert fatimas.from_birthday is None and fatimas.anchor != Anchor.FIXED


def test_the_plan_says_a_deadline_is_counted_from_the_18th_birthday(
    logged_in, caseworker, life_family
):
    # REQ: REC-2 (the reason is data: the birthday, shown in the reader's language)
    household, turns_18 = life_family
    url = f"/households/{household.pk}/plan/"
    client = logged_in(caseworker)
    shown = f"{turns_18.day}. "
    danish = client.get(url).content.decode()
    assert "regnet fra 18-årsdagen " + shown in danish
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert f"counted from the 18th birthday, {turns_18.day} " in english  # "20 March 2027"


def test_the_municipality_sets_the_deadline_after_the_18th_birthday(caseworker, municipality):
    # REQ: REC-2, REC-6
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2020, 1, 1),
        values={"coming_of_age_deadline_days": 14},
    )
    arrival = timezone.localdate() + timedelta(days=10)
    turns_18 = arrival + timedelta(weeks=5)
    household = register(
        caseworker,
        children=0,
        members=[
            member(),
            member(
                first_name="Yusuf",
                birth_date=turns_18.replace(year=turns_18.year - 18),
                relation="child",
            ),
        ],
        expected_arrival_date=arrival,
    )
    yusuf = household.members.get(first_name="Yusuf")
    bank = household.reception_plan.tasks.get(person=yusuf, category="bank_account")
    assert bank.due_date == turns_18 + timedelta(days=14)


def test_an_adult_reaching_pension_age_before_the_deadline_gets_no_working_age_task(life_family):
    # REQ: REC-2
    household, _turns_18 = life_family
    plan = household.reception_plan
    fatima = household.members.get(first_name="Fatima")
    got = _categories(plan, fatima)
    # 66 on arrival, 67 a month later: the internship offer (3 months) is not hers ...
    assert "internship_offer" not in got
    # ... the CV and job-active tasks fall due before she reaches the pension age, and she is
    # an adult for the adult tasks
    assert {"cv", "job_active"} <= got and ADULT_TASKS <= got


def test_a_child_turning_18_after_the_programme_gets_no_adult_task(plan):
    # REQ: REC-2
    lina = plan.household.members.get(first_name="Lina")  # six years old
    assert not _categories(plan, lina) & (ADULT_TASKS | WORKING_AGE_TASKS)


# --- the day a task was done (SEC-5) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("done_on", "message"),
    [
        (lambda plan: date(1800, 1, 1), "Datoen kan ikke ligge før 1900."),
        (
            lambda plan: plan.visitation_date - timedelta(days=1),
            "Opgaven kan ikke være udført, før husstanden blev registreret",
        ),
        (
            lambda plan: timezone.localdate() + timedelta(days=2),
            "Datoen kan ikke ligge mere end en dag ude i fremtiden.",
        ),
    ],
    ids=["1800", "before-registration", "day-after-tomorrow"],
)
def test_an_impossible_done_date_is_refused_naming_the_field(
    logged_in, caseworker, plan, done_on, message
):
    # REQ: SEC-5, REC-2
    t = task(plan, "establishment")
    client = logged_in(caseworker)
    day = done_on(plan).isoformat()
    response = client.post(f"/tasks/{t.pk}/done/", {"version": t.version, "done_on": day})
    assert response.status_code == 422
    [error] = response.context["form"].errors["done_on"]
    assert error.startswith(message)
    # with htmx the row says which field and why
    row = client.post(
        f"/tasks/{t.pk}/done/",
        {"version": t.version, "done_on": day},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Udført dato:" in row and message in row
    t.refresh_from_db()
    assert t.is_open and t.version == 1


def test_a_task_done_since_the_visitation_or_tomorrow_is_accepted(logged_in, caseworker, plan):
    # REQ: SEC-5 (a household registered after its arrival has tasks done since the visitation)
    t = task(plan, "establishment")
    client = logged_in(caseworker)
    response = client.post(
        f"/tasks/{t.pk}/done/", {"version": t.version, "done_on": plan.visitation_date.isoformat()}
    )
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.done_on == plan.visitation_date
    welcome = task(plan, "welcome_meeting")
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    client.post(f"/tasks/{welcome.pk}/done/", {"version": welcome.version, "done_on": tomorrow})
    assert PlanTask.objects.get(pk=welcome.pk).done_on == timezone.localdate()
