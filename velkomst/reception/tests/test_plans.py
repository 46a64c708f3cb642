"""Plan generation from the municipality's template (REC-2), the standard tasks (REC-3), the
service-standard deadlines (REC-4), children-and-family screening (CHI-1), the housing visits
(HOU-7), and each seed municipality's preset."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from conftest import member
from velkomst.core.models import AuditEntry, UnitKind
from velkomst.core.services import municipality_create
from velkomst.engines.calendar import add_months, is_working_day, next_working_day
from velkomst.engines.deadlines import last_working_day_of_week
from velkomst.reception import presets
from velkomst.reception.models import PlanTask, PlanTemplate, ReceptionPlan
from velkomst.reception.services import household_register, install_presets, plan_generate
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db

REC_3_KEYS = {
    "bank_account",
    "cpr_number",
    "health_card_gp",
    "digital_post",
    "cv",
    "establishment",
    "forms_review",
    "school_daycare_start",
    "bus_card",
    "danish_referral",
    "pre_arrival_meeting",
    "welcome_meeting",
    "move_in_inspection",
    "second_housing_visit",
    "health_assessment_offer",
}


def test_the_default_template_ships_the_standard_tasks():
    # REQ: REC-3
    keys = {t.key for t in presets.DEFAULT_TASKS}
    assert REC_3_KEYS <= keys
    assert {"job_active", "internship_offer"} <= keys  # REQ: REC-4
    assert {"child_screening_before_arrival", "child_start_meeting", "child_second_screening"} <= (
        keys
    )  # REQ: CHI-1


def test_a_plan_lists_every_task_with_owner_deadline_and_how_it_is_done(plan, registered):
    # REQ: REC-2, REC-3
    tasks = list(plan.tasks.select_related("template_task", "person"))
    assert {t.template_task.key for t in tasks} >= REC_3_KEYS
    assert all(t.owner_unit_kind and t.owner_role and t.description for t in tasks)
    assert plan.template.version == 1
    # before and after arrival
    arrival = registered.expected_arrival_date
    assert any(t.due_date and t.due_date < arrival for t in tasks)
    assert any(t.due_date and t.due_date > arrival for t in tasks)


def test_per_person_tasks_follow_age_and_residence_basis(plan, registered):
    # REQ: REC-2
    amal, omar, lina = (registered.members.get(first_name=n) for n in ("Amal", "Omar", "Lina"))
    cpr = plan.tasks.filter(template_task__key="cpr_number")
    assert set(cpr.values_list("person__first_name", flat=True)) == {"Amal", "Omar", "Lina"}
    referral = plan.tasks.filter(template_task__key="danish_referral")
    assert set(referral.values_list("person", flat=True)) == {amal.pk, omar.pk}
    school = plan.tasks.filter(template_task__key="school_daycare_start")
    assert list(school.values_list("person", flat=True)) == [lina.pk]
    assert plan.tasks.filter(template_task__key="welcome_meeting", person=None).count() == 1
    # no quota refugee in the household: the mandatory assessment is not in the plan
    assert not plan.tasks.filter(template_task__key="health_assessment_quota").exists()


def test_working_age_is_18_to_64_on_arrival_and_quota_refugees_get_their_task(caseworker):
    # REQ: REC-4
    today = timezone.localdate()
    household = household_register(
        acting_user=caseworker,
        name="Hr. og fru Nasser",
        visitation_date=today,
        expected_arrival_date=today + timedelta(days=30),
        members=[
            member(
                first_name="Karim", birth_date=date(1950, 1, 1), residence_basis="quota_refugee"
            ),
            member(first_name="Rana", birth_date=date(1990, 1, 1), relation="spouse"),
        ],
    )
    plan = ReceptionPlan.objects.get(household=household)
    internship = plan.tasks.filter(template_task__key="internship_offer")
    assert list(internship.values_list("person__first_name", flat=True)) == ["Rana"]
    quota = plan.tasks.filter(template_task__key="health_assessment_quota")
    assert list(quota.values_list("person__first_name", flat=True)) == ["Karim"]
    # no children: no children-and-family tasks, and the unit is not added
    assert not plan.tasks.filter(owner_unit_kind=UnitKind.CHILDREN_FAMILY).exists()
    assert not household.units.filter(kind=UnitKind.CHILDREN_FAMILY).exists()


def test_a_household_with_children_notifies_the_children_and_family_unit(registered, plan):
    # REQ: CHI-1
    assert registered.units.filter(kind=UnitKind.CHILDREN_FAMILY).exists()
    expected = registered.expected_arrival_date
    before = task(plan, "child_screening_before_arrival")
    start = task(plan, "child_start_meeting")
    second = task(plan, "child_second_screening")
    assert before.owner_unit_kind == start.owner_unit_kind == UnitKind.CHILDREN_FAMILY
    assert before.due_date < expected
    assert start.due_date == last_working_day_of_week(expected)  # in the arrival week
    assert second.anchor_task == start and second.due_date is None  # "shortly after" the start


def test_service_standard_deadlines(registered, plan):
    # REQ: REC-4, HOU-7 (calendar-day deadlines move to the next working day)
    arrival = registered.expected_arrival_date
    lina = registered.members.get(first_name="Lina")
    pre_arrival = task(plan, "pre_arrival_meeting").due_date
    assert pre_arrival == next_working_day(arrival - timedelta(days=21))
    start = task(plan, "school_daycare_start", lina).due_date
    assert start == next_working_day(arrival + timedelta(days=3))
    welcome = task(plan, "welcome_meeting").due_date
    assert welcome == last_working_day_of_week(arrival + timedelta(days=14))
    job = task(plan, "job_active", registered.members.get(first_name="Amal")).due_date
    assert job == last_working_day_of_week(arrival + timedelta(days=7))
    assert is_working_day(job) and is_working_day(welcome)
    internship = task(plan, "internship_offer", registered.members.get(first_name="Omar"))
    assert internship.due_date == next_working_day(add_months(arrival, 3))
    first_visit = task(plan, "move_in_inspection")
    assert first_visit.due_date == next_working_day(arrival + timedelta(days=14))
    assert first_visit.owner_unit_kind == UnitKind.HOUSING
    second_visit = task(plan, "second_housing_visit")
    assert second_visit.anchor_task == first_visit


def test_bornholm_counts_the_danish_referral_from_arrival_others_from_takeover(caseworker):
    # REQ: REC-4 (B: within one month of arrival; the law: of takeover)
    bornholm = register(caseworker)  # the fixture municipality is Bornholm (400)
    referral = task(
        ReceptionPlan.objects.get(household=bornholm), "danish_referral", bornholm.members.first()
    )
    assert referral.due_date == next_working_day(add_months(bornholm.expected_arrival_date, 1))

    from conftest import _make_user

    aalborg = municipality_create(code="851", name="Aalborg")
    household = register(_make_user(aalborg, "caseworker", "aa-cw"))
    plan = ReceptionPlan.objects.get(household=household)
    referral = task(plan, "danish_referral", household.members.first())
    assert referral.due_date == next_working_day(add_months(plan.takeover_date, 1))
    # Aalborg prepares the forms before arrival (A)
    forms = task(plan, "forms_review").due_date
    assert forms == next_working_day(household.expected_arrival_date - timedelta(7))


def test_each_seed_municipality_gets_its_own_preset():
    # REQ: REC-3, REC-4
    created = {
        code: install_presets(municipality_create(code=code, name=name))
        for code, name in [
            ("400", "Bornholm"),
            ("540", "Sønderborg"),
            ("440", "Kerteminde"),
            ("851", "Aalborg"),
        ]
    }
    titles = {code: {t.key: t for t in template.tasks.all()} for code, template in created.items()}
    assert titles["440"]["bus_card"].title == "Gratis buskort for integrationsperioden"
    assert "association_interest" in titles["440"]
    assert "association_interest" not in titles["400"]
    assert titles["400"]["danish_referral"].anchor == "arrival"
    assert titles["540"]["danish_referral"].anchor == "takeover_date"
    assert titles["851"]["forms_review"].anchor == "expected_arrival"
    assert titles["440"]["internship_offer"].offset_months == 3
    assert titles["400"]["school_daycare_start"].offset_days == 3
    # the task-completion anchors point inside the same version
    second = titles["540"]["second_housing_visit"]
    assert second.anchor_task == titles["540"]["move_in_inspection"]


def test_install_presets_is_idempotent(municipality):
    first = install_presets(municipality)
    assert install_presets(municipality) == first
    assert PlanTemplate.objects.filter(municipality=municipality).count() == 1


def test_a_household_registered_without_a_plan_gets_one_later(household, caseworker):
    # REQ: REC-2 (households registered through people.services directly)
    assert not PlanTask.objects.filter(plan__household=household).exists()
    plan = plan_generate(household=household, acting_user=caseworker)
    assert plan.tasks.count() > 10
    assert plan.visitation_date == household.members.get(first_name="Amal").case.visitation_date
    entries = AuditEntry.objects.filter(object_type="reception.ReceptionPlan")
    assert set(entries.values_list("person_id", flat=True)) == set(
        household.members.values_list("pk", flat=True)
    )


def test_registration_is_one_transaction(caseworker, monkeypatch):
    # REQ: REC-2: a failing plan leaves no household behind
    from velkomst.people.models import Household
    from velkomst.reception import services

    def boom(**kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(services, "_plan_generate", boom)
    with pytest.raises(RuntimeError):
        register(caseworker)
    assert not Household.objects.exists()


def test_the_install_command_installs_every_municipalitys_preset(municipality, other_municipality):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("install_reception_presets", stdout=out)
    assert PlanTemplate.objects.filter(version=1).count() == 2
    assert "400 Bornholm" in out.getvalue()
    call_command("install_reception_presets", "851", stdout=out)
    assert PlanTemplate.objects.count() == 2
