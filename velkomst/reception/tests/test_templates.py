"""The municipality edits its template; each edit is a new version and reaches only plans
generated afterwards (REC-2)."""

import pytest
from django.core.exceptions import PermissionDenied

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.reception import services
from velkomst.reception.models import PlanTemplate, ReceptionPlan
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db


def _template(municipality):
    return services.install_presets(municipality)


def test_editing_the_template_affects_only_plans_generated_afterwards(
    municipality, caseworker, staff
):
    # REQ: REC-2
    admin = staff["administrator"]
    before = register(caseworker, name="Familien Før")
    old_plan = ReceptionPlan.objects.get(household=before)
    v1 = old_plan.template
    welcome = v1.tasks.get(key="welcome_meeting")

    changed = services.template_task_update(
        template_task=welcome,
        acting_user=admin,
        note="Velkomstmøde allerede i første hele uge",
        title="Velkomstmøde (første uge)",
        offset_days=7,
    )
    v2 = changed.template
    assert v2.version == 2 and v2 != v1
    assert services.template_in_force(municipality) == v2
    assert v1.tasks.count() == v2.tasks.count()

    after = register(caseworker, name="Familien Efter")
    new_plan = ReceptionPlan.objects.get(household=after)
    assert new_plan.template == v2 and old_plan.template == v1
    old_task, new_task = task(old_plan, "welcome_meeting"), task(new_plan, "welcome_meeting")
    assert old_task.title == "Velkomstmøde" and new_task.title == "Velkomstmøde (første uge)"
    assert new_task.due_date < old_task.due_date
    entry = AuditEntry.objects.get(object_type="reception.PlanTemplate", object_id=str(v2.pk))
    assert entry.reason == "Velkomstmøde allerede i første hele uge"
    assert entry.changes["welcome_meeting.offset_days"] == [14, 7]


def test_adding_and_removing_template_tasks_make_new_versions(municipality, staff, caseworker):
    # REQ: REC-2
    admin = staff["administrator"]
    v1 = _template(municipality)
    first_visit = v1.tasks.get(key="move_in_inspection")
    added = services.template_task_add(
        template=v1,
        acting_user=admin,
        note="Tredje boligbesøg efter tre måneder",
        key="third_housing_visit",
        title="3. boligbesøg",
        description="Opfølgning",
        category="housing_visit_3",
        owner_unit_kind="housing",
        owner_role="housing_officer",
        anchor="task_completion",
        anchor_task=first_visit,
        offset_months=3,
        offset_days=0,
        day_kind="calendar",
        condition="all",
        scope="household",
        order=175,
    )
    v2 = added.template
    # the anchor points at the copy of the first visit in the new version
    assert added.anchor_task is not None
    assert added.anchor_task.template == v2 and added.anchor_task.key == "move_in_inspection"
    assert not v1.tasks.filter(key="third_housing_visit").exists()

    v3 = services.template_task_delete(
        template_task=v2.tasks.get(key="move_in_inspection"), acting_user=admin, note="Udgår"
    )
    assert v3.version == 3
    assert not v3.tasks.filter(key="move_in_inspection").exists()
    # tasks that counted from the removed one now count from arrival
    assert v3.tasks.get(key="second_housing_visit").anchor == "arrival"
    household = register(caseworker)
    plan = ReceptionPlan.objects.get(household=household)
    keys = set(plan.tasks.values_list("template_task__key", flat=True))
    assert "third_housing_visit" in keys and "move_in_inspection" not in keys


def test_only_the_latest_version_can_be_edited(municipality, staff):
    # REQ: SEC-5
    admin = staff["administrator"]
    v1 = _template(municipality)
    task_v1 = v1.tasks.get(key="cv")
    services.template_task_update(template_task=task_v1, acting_user=admin, note="a", order=1)
    with pytest.raises(ConcurrentEditError):
        services.template_task_update(template_task=task_v1, acting_user=admin, note="b", order=2)
    assert PlanTemplate.objects.filter(municipality=municipality).count() == 2


def test_only_administrators_edit_templates_and_only_their_own(
    municipality, staff, other_municipality
):
    # REQ: SEC-1, SEC-2
    v1 = _template(municipality)
    with pytest.raises(PermissionDenied):
        services.template_task_update(
            template_task=v1.tasks.first(), acting_user=staff["caseworker"], note="x", order=1
        )
    from conftest import _make_user

    outsider = _make_user(other_municipality, "administrator", "ab-admin")
    with pytest.raises(PermissionDenied):
        services.template_task_update(
            template_task=v1.tasks.first(), acting_user=outsider, note="x", order=1
        )


def test_an_inactive_or_future_version_is_not_in_force(municipality, staff):
    from datetime import timedelta

    from django.utils import timezone

    v1 = _template(municipality)
    v2 = services.template_task_update(
        template_task=v1.tasks.first(), acting_user=staff["administrator"], note="x", order=1
    ).template
    PlanTemplate.objects.filter(pk=v2.pk).update(
        effective_from=timezone.localdate() + timedelta(days=30)
    )
    assert services.template_in_force(municipality) == v1
    assert services.template_in_force(municipality, timezone.localdate() + timedelta(30)) == v2
    PlanTemplate.objects.filter(pk=v1.pk).update(is_active=False)
    assert services.template_in_force(municipality) is None


def test_the_template_pages(logged_in, staff, municipality):
    # REQ: REC-2
    v1 = _template(municipality)
    client = logged_in(staff["administrator"])
    assert "Modtageplan v1" in client.get("/plan-templates/").content.decode()
    page = client.get(f"/plan-templates/{v1.pk}/").content.decode()
    assert "21 dage før forventet ankomst" in page
    assert "sidste arbejdsdag i ugen" in page
    welcome = v1.tasks.get(key="welcome_meeting")
    form = client.get(f"/template-tasks/{welcome.pk}/edit/")
    assert form.status_code == 200
    data = {
        k: ("" if v is None else getattr(v, "pk", v))
        for k, v in {
            "key": welcome.key,
            "title": "Velkomstmøde i uge 1",
            "description": welcome.description,
            "category": welcome.category,
            "owner_unit_kind": welcome.owner_unit_kind,
            "owner_role": welcome.owner_role,
            "anchor": welcome.anchor,
            "anchor_task": None,
            "offset_months": 0,
            "offset_days": 7,
            "day_kind": welcome.day_kind,
            "adjustment": welcome.adjustment,
            "condition": welcome.condition,
            "scope": welcome.scope,
            "order": welcome.order,
            "note": "Tidligere velkomst",
        }.items()
    }
    response = client.post(f"/template-tasks/{welcome.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    v2 = PlanTemplate.objects.get(municipality=municipality, version=2)
    assert v2.tasks.get(key="welcome_meeting").title == "Velkomstmøde i uge 1"
    # an old version is read-only
    old = client.get(f"/plan-templates/{v1.pk}/").content.decode()
    assert "tidligere version" in old
    # a task-completion anchor needs the task it counts from
    bad = dict(data, anchor="task_completion", note="x")
    second = v2.tasks.get(key="welcome_meeting")
    assert client.post(f"/template-tasks/{second.pk}/edit/", bad).status_code == 422
    # caseworkers have no template pages
    assert logged_in(staff["caseworker"]).get("/plan-templates/").status_code == 403


def test_a_deactivated_version_is_not_used_for_new_plans_and_old_plans_keep_it(
    municipality, caseworker, staff
):
    # REQ: REC-2
    from django.core.exceptions import ValidationError

    admin = staff["administrator"]
    before = register(caseworker, name="Familien Før")
    v1 = ReceptionPlan.objects.get(household=before).template
    # the only active version cannot go: new plans would have no template
    with pytest.raises(ValidationError) as error:
        services.template_set_active(template=v1, acting_user=admin, active=False, note="Fejl")
    assert "ingen anden aktiv version" in error.value.message_dict["reason"][0]
    v2 = services.template_task_update(
        template_task=v1.tasks.get(key="welcome_meeting"),
        acting_user=admin,
        note="Velkomstmøde i første uge",
        title="Velkomstmøde (første uge)",
    ).template
    # a version with a mistake is deactivated: the newest active version in force is used
    with pytest.raises(ValidationError) as error:
        services.template_set_active(template=v2, acting_user=admin, active=False, note=" ")
    assert "reason" in error.value.message_dict
    services.template_set_active(
        template=v2, acting_user=admin, active=False, note="Fejl i velkomstmødets titel"
    )
    v2.refresh_from_db()
    assert not v2.is_active and services.template_in_force(municipality) == v1
    after = register(caseworker, name="Familien Efter")
    assert ReceptionPlan.objects.get(household=after).template == v1
    assert ReceptionPlan.objects.get(household=before).template == v1
    entry = AuditEntry.objects.filter(
        object_type="reception.PlanTemplate", object_id=str(v2.pk), action="change"
    ).latest("pk")
    assert entry.changes == {"is_active": [True, False]}
    assert entry.reason == "Fejl i velkomstmødets titel" and entry.actor_id == admin.pk
    # a plan made from a version keeps it when the version is deactivated
    services.template_set_active(template=v2, acting_user=admin, active=True, note="Rettet")
    later = register(caseworker, name="Familien Senere")
    plan = ReceptionPlan.objects.get(household=later)
    assert plan.template == v2
    services.template_set_active(template=v2, acting_user=admin, active=False, note="Igen")
    plan.refresh_from_db()
    assert plan.template == v2 and plan.tasks.exists()
    # only TEMPLATE_EDIT
    with pytest.raises(PermissionDenied):
        services.template_set_active(
            template=v1, acting_user=caseworker, active=False, note="Forsøg"
        )


def test_the_template_page_deactivates_a_version_with_a_reason(logged_in, staff, municipality):
    # REQ: REC-2
    admin = staff["administrator"]
    v1 = _template(municipality)
    v2 = services.template_task_update(
        template_task=v1.tasks.first(), acting_user=admin, note="x", order=1
    ).template
    client = logged_in(admin)
    page = client.get(f"/plan-templates/{v2.pk}/").content.decode()
    assert f'href="/plan-templates/{v2.pk}/active/"' in page and "Deaktivér versionen" in page
    form = client.get(f"/plan-templates/{v2.pk}/active/")
    assert form.status_code == 200 and "nyeste aktive version" in form.content.decode()
    missing = client.post(f"/plan-templates/{v2.pk}/active/", {"version": 2, "reason": ""})
    assert missing.status_code == 422
    done = client.post(
        f"/plan-templates/{v2.pk}/active/", {"version": 2, "reason": "Forkert rækkefølge"}
    )
    assert done.status_code == 302
    v2.refresh_from_db()
    assert not v2.is_active
    listing = client.get("/plan-templates/").content.decode()
    assert "Ikke aktiv" in listing
    # v1 is now the only active version: the page says why it cannot be deactivated
    refused = client.post(f"/plan-templates/{v1.pk}/active/", {"version": 1, "reason": "x"})
    assert refused.status_code == 422
    assert "ingen anden aktiv version gælder i dag" in refused.content.decode()
    assert logged_in(staff["caseworker"]).get(f"/plan-templates/{v1.pk}/active/").status_code == 403
