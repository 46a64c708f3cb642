"""The move-in visits' checklist (HOU-7, KL Haderslev): items from the template, each ticked with
initials and time and audited; the housing association's note shown while the visit is open and
kept when it is done; every audit row with the true old and new values."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.reception import presets, selectors, services
from velkomst.reception.forms import TemplateTaskForm
from velkomst.reception.models import ChecklistTick, ReceptionPlan
from velkomst.reception.tests.conftest import register, task

pytestmark = pytest.mark.django_db


def _rows(t) -> list[selectors.ChecklistRow]:
    return getattr(selectors.with_checklists([t])[0], "checklist")  # noqa: B009 (set by it)


def _tick(t, row, user, *, ticked=True, **kwargs):
    return services.checklist_item_set(
        task=t,
        item=row.item,
        ticked=ticked,
        acting_user=user,
        expected_version=row.version,
        **kwargs,
    )


def _task_entries(t):
    return AuditEntry.objects.filter(object_type="reception.PlanTask", object_id=str(t.pk))


def test_the_move_in_visits_carry_haderslevs_checklist(plan):
    # REQ: HOU-7
    first, second = task(plan, "move_in_inspection"), task(plan, "second_housing_visit")
    assert [r.item.text for r in _rows(first)] == list(presets.FIRST_VISIT_CHECKLIST)
    assert [r.item.text for r in _rows(second)] == list(presets.SECOND_VISIT_CHECKLIST)
    assert "Køkkenets funktioner forklaret" in presets.FIRST_VISIT_CHECKLIST
    assert "Hilst på naboerne" in presets.SECOND_VISIT_CHECKLIST
    assert not any(r.ticked for r in _rows(first))
    # other tasks have no checklist
    assert _rows(task(plan, "welcome_meeting")) == []


def test_ticking_an_item_records_initials_time_and_an_audit_row_per_member(plan, staff):
    # REQ: HOU-7
    officer = staff["housing_officer"]
    first = task(plan, "move_in_inspection")
    kitchen = _rows(first)[4]
    before = timezone.now()
    tick = _tick(first, kitchen, officer, initials="mk")
    assert tick.done_initials == "MK" and tick.done_by == officer
    assert before <= tick.done_at <= timezone.now() and tick.version == 1
    rows = _rows(first)
    assert sum(r.ticked for r in rows) == 1 and rows[4].ticked
    entries = AuditEntry.objects.filter(object_type="reception.ChecklistTick", object_id=tick.pk)
    members = set(plan.household.members.values_list("pk", flat=True))
    assert set(entries.values_list("person_id", flat=True)) == members
    entry = entries.first()
    assert entry is not None and entry.reason == "Køkkenets funktioner forklaret"
    assert entry.changes["ticked"] == [False, True]
    assert entry.changes["done_initials"] == ["", "MK"]
    assert entry.changes["done_at"] == [None, tick.done_at.isoformat()]
    # unticking keeps, in the audit, who ticked it and when
    _tick(first, _rows(first)[4], officer, ticked=False)
    undo = entries.filter(changes__ticked=[True, False]).first()
    assert undo is not None
    assert undo.changes["done_initials"] == ["MK", ""]
    assert undo.changes["done_at"] == [tick.done_at.isoformat(), None]
    assert not _rows(first)[4].ticked


def test_a_stale_tick_is_refused_and_nothing_is_written(plan, staff):
    # REQ: HOU-7 (SEC-5)
    officer = staff["housing_officer"]
    first = task(plan, "move_in_inspection")
    seen = _rows(first)[0]  # version 0: never ticked
    _tick(first, seen, officer)
    with pytest.raises(ConcurrentEditError):
        _tick(first, seen, staff["caseworker"], ticked=False)  # still thinks it is unticked
    assert _rows(first)[0].ticked and ChecklistTick.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="reception.ChecklistTick").count() == len(
        plan.household.members.all()
    )


def test_only_the_tasks_workers_tick_its_own_items_while_it_is_open(plan, staff):
    # REQ: HOU-7
    officer, manager = staff["housing_officer"], staff["manager"]
    first, second = task(plan, "move_in_inspection"), task(plan, "second_housing_visit")
    with pytest.raises(PermissionDenied):
        _tick(first, _rows(first)[0], manager)  # managers only view
    with pytest.raises(services.NotOnTheChecklist):
        _tick(first, _rows(second)[0], officer)  # the second visit's item
    services.task_complete(task=first, acting_user=officer, expected_version=first.version)
    with pytest.raises(services.TaskNotOpen):
        _tick(first, _rows(first)[0], officer)
    assert not ChecklistTick.objects.exists()


def test_a_visit_can_be_completed_with_items_unticked_and_shows_how_many(logged_in, plan, staff):
    # REQ: HOU-7 (decision: completing is allowed; the row says "2 af 7 punkter krydset af")
    officer = staff["housing_officer"]
    first = task(plan, "move_in_inspection")
    for row in _rows(first)[:2]:
        _tick(first, row, officer)
    services.task_complete(task=first, acting_user=officer, expected_version=first.version)
    page = logged_in(officer).get(f"/households/{plan.household_id}/plan/").content.decode()
    assert "2 af 7 punkter krydset af" in page
    assert "0 af 3 punkter krydset af" in page  # the second visit
    # reopening keeps the ticked items
    first.refresh_from_db()
    services.task_reopen(
        task=first, acting_user=officer, expected_version=first.version, reason="Fejl"
    )
    assert sum(r.ticked for r in _rows(first)) == 2


def test_the_association_note_is_shown_while_open_and_kept_when_done(logged_in, plan, staff):
    # REQ: HOU-7
    officer = staff["housing_officer"]
    first = services.move_in_visits_follow(
        household=plan.household,
        move_in=date(2026, 8, 3),
        landlord="BoBornholm",
        address="Storegade 1, 3700 Rønne",
        acting_user=officer,
    )
    assert first is not None
    note = "Med BoBornholm, Storegade 1, 3700 Rønne"
    second = task(plan, "second_housing_visit")
    assert first.note == note and second.note == note  # both visits are with the association
    client = logged_in(officer)
    page = client.get(f"/households/{plan.household_id}/plan/").content.decode()
    assert page.count(note) == 2  # shown on both open visits
    worklist = client.get("/worklist/").content.decode()  # the housing unit's open visits
    assert worklist.count(note) == 2
    client.post(f"/tasks/{first.pk}/done/", {"version": first.version, "note": "Syn holdt"})
    first.refresh_from_db()
    assert first.done_note == "Syn holdt" and first.note == note and not first.is_open
    page = client.get(f"/households/{plan.household_id}/plan/").content.decode()
    assert page.count(note) == 2 and "Syn holdt" in page


def test_every_audit_row_of_a_visit_holds_the_true_old_and_new_note(plan, staff):
    # REQ: HOU-7 (SEC-3: the audit of a completed visit does not claim its note was empty)
    officer = staff["housing_officer"]
    first = task(plan, "move_in_inspection")
    follow = dict(household=plan.household, acting_user=officer)
    services.move_in_visits_follow(
        **follow, move_in=date(2026, 8, 3), landlord="BoBornholm", address="Storegade 1"
    )
    moved = _task_entries(first).filter(reason="Indflytning 03.08.2026").first()
    assert moved.changes["note"] == ["", "Med BoBornholm, Storegade 1"]
    # a second move adds to the note; the audit holds the note it had
    services.move_in_visits_follow(
        **follow, move_in=date(2026, 9, 1), landlord="Bo-Vest", address="Vestergade 2"
    )
    again = _task_entries(first).filter(reason="Indflytning 01.09.2026").first()
    both = "Med BoBornholm, Storegade 1 · Med Bo-Vest, Vestergade 2"
    assert again.changes["note"] == ["Med BoBornholm, Storegade 1", both]

    first.refresh_from_db()
    services.task_complete(
        task=first, acting_user=officer, expected_version=first.version, note="Syn holdt"
    )
    done = _task_entries(first).filter(changes__has_key="done_on").first()
    assert "note" not in done.changes  # the note did not change, so no row says it did
    assert done.changes["done_note"] == ["", "Syn holdt"]
    assert done.changes["done_initials"] == ["", officer.initials]
    first.refresh_from_db()
    assert first.note == both

    services.task_reopen(
        task=first, acting_user=officer, expected_version=first.version, reason="Ikke holdt"
    )
    reopened = _task_entries(first).get(reason="Ikke holdt", person_id=first_member(plan))
    assert reopened.changes["done_note"] == ["Syn holdt", ""]
    assert reopened.changes["done_initials"] == [officer.initials, ""]
    first.refresh_from_db()
    assert first.note == both and first.done_note == ""


def first_member(plan):
    return plan.household.members.order_by("pk").values_list("pk", flat=True).first()


def test_not_relevant_and_remove_audit_what_the_task_had(plan, caseworker):
    # REQ: REC-2 (SEC-3: the sibling writes snapshot before they set)
    t = task(plan, "establishment")
    services.task_mark_not_relevant(
        task=t, acting_user=caseworker, expected_version=t.version, reason="Har indbo"
    )
    services.task_reopen(task=t, acting_user=caseworker, expected_version=t.version, reason="Nej")
    reopened = _task_entries(t).filter(reason="Nej").first()
    assert reopened.changes["not_relevant_reason"] == ["Har indbo", ""]
    services.task_remove(task=t, acting_user=caseworker, expected_version=t.version, reason="Væk")
    removed = _task_entries(t).filter(action="delete").first()
    assert removed.changes["removed_reason"] == ["", "Væk"]


def test_editing_a_visits_checklist_makes_a_new_version_for_later_plans(
    municipality, caseworker, staff
):
    # REQ: HOU-7 (the municipality's own items; an edit reaches later plans only)
    admin = staff["administrator"]
    before = register(caseworker, name="Familien Før")
    v1 = ReceptionPlan.objects.get(household=before).template
    visit = v1.tasks.get(key="move_in_inspection")
    own = ["Indflytningssyn", "Affaldssortering vist", "Vaskeriet vist"]
    changed = services.template_task_update(
        template_task=visit, acting_user=admin, note="Vores egen tjekliste", checklist=own
    )
    v2 = changed.template
    assert [i.text for i in changed.checklist_items.all()] == own
    # the unchanged second visit's items were copied to the new version
    assert [i.text for i in v2.tasks.get(key="second_housing_visit").checklist_items.all()] == (
        list(presets.SECOND_VISIT_CHECKLIST)
    )
    after = register(caseworker, name="Familien Efter")
    old_plan, new_plan = before.reception_plan, after.reception_plan
    assert [r.item.text for r in _rows(task(old_plan, "move_in_inspection"))] == list(
        presets.FIRST_VISIT_CHECKLIST
    )
    assert [r.item.text for r in _rows(task(new_plan, "move_in_inspection"))] == own
    entry = AuditEntry.objects.get(object_type="reception.PlanTemplate", object_id=str(v2.pk))
    assert entry.changes["move_in_inspection.checklist"] == [
        list(presets.FIRST_VISIT_CHECKLIST),
        own,
    ]


def test_the_template_form_edits_the_checklist_and_names_the_bad_line(logged_in, staff, plan):
    # REQ: HOU-7
    admin = staff["administrator"]
    visit = plan.template.tasks.get(key="second_housing_visit")
    client = logged_in(admin)
    url = f"/template-tasks/{visit.pk}/edit/"
    page = client.get(url).content.decode()
    assert "Hilst på naboerne" in page and 'name="checklist"' in page
    data = TemplateTaskForm.initial_for(visit)
    data.update(anchor_task=visit.anchor_task_id, note="Flere punkter")
    data["checklist"] = "Hilst på naboerne\n\n" + "x" * 201 + "\nHilst på naboerne"
    response = client.post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Linje 3 er for lang: højst 200 tegn." in html
    assert "Linje 4 gentager linje 1." in html
    assert plan.template.tasks.count() == visit.template.tasks.count()  # nothing written
    data["checklist"] = "Hilst på naboerne\nVaskeriet vist"
    response = client.post(url, data)
    assert response.status_code == 302
    new = plan.template.__class__.objects.order_by("-version").first()
    items = new.tasks.get(key="second_housing_visit").checklist_items.all()
    assert [i.text for i in items] == ["Hilst på naboerne", "Vaskeriet vist"]
    detail = client.get(f"/plan-templates/{new.pk}/").content.decode()
    assert "Tjekliste: 2 punkter" in detail and "Vaskeriet vist" in detail


def test_ticking_on_the_page_with_htmx_and_without_javascript(logged_in, plan, staff):
    # REQ: HOU-7
    officer = staff["housing_officer"]
    client = logged_in(officer)
    first = task(plan, "move_in_inspection")
    rows = _rows(first)
    url = f"/tasks/{first.pk}/checklist/{rows[0].item.pk}/"
    page = client.get(f"/households/{plan.household_id}/plan/").content.decode()
    assert f'action="{url}"' in page and "0 af 7 punkter krydset af" in page
    swapped = client.post(url, {"version": 0, "ticked": "1"}, headers={"HX-Request": "true"})
    html = swapped.content.decode()
    assert swapped.status_code == 200 and "<html" not in html
    assert f'id="task-{first.pk}"' in html and "1 af 7 punkter krydset af" in html
    assert officer.initials in html
    # without JavaScript: back to the plan with a message; a stale post is refused politely
    plain = client.post(
        f"/tasks/{first.pk}/checklist/{rows[1].item.pk}/", {"version": 0, "ticked": "1"}
    )
    assert plain.status_code == 302 and plain.url.endswith(f"#task-{first.pk}")
    stale = client.post(url, {"version": 0, "ticked": "1"}, follow=True).content.decode()
    assert "En anden har ændret opgaven" in stale and "2 af 7 punkter krydset af" in stale
    # in English the preset items read in English
    english = client.get(
        f"/households/{plan.household_id}/plan/", headers={"Accept-Language": "en"}
    )
    assert "How the kitchen works explained" in english.content.decode()


def test_another_municipalitys_task_or_another_tasks_item_is_404(
    logged_in, other_caseworker, plan, staff
):
    # REQ: HOU-7 (SEC-1)
    first, second = task(plan, "move_in_inspection"), task(plan, "second_housing_visit")
    item = _rows(first)[0].item
    outsider = logged_in(other_caseworker)
    assert outsider.post(f"/tasks/{first.pk}/checklist/{item.pk}/", {"version": 0}).status_code
    assert (
        outsider.post(
            f"/tasks/{first.pk}/checklist/{item.pk}/", {"version": 0, "ticked": "1"}
        ).status_code
        == 404
    )
    officer = logged_in(staff["housing_officer"])
    response = officer.post(f"/tasks/{second.pk}/checklist/{item.pk}/", {"version": 0})
    assert response.status_code == 404
    assert not ChecklistTick.objects.exists()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(st.integers(0, 6), st.booleans()), max_size=12))
def test_the_ticked_items_are_the_last_word_on_each_and_every_change_is_audited(plan, staff, steps):
    # REQ: HOU-7 (any sequence of ticks and unticks: the list shows the last state of each
    # item, and each real change, only those, has one audit row per member)
    officer = staff["housing_officer"]
    first = task(plan, "move_in_inspection")
    ChecklistTick.objects.filter(task=first).delete()
    audit_before = AuditEntry.objects.filter(object_type="reception.ChecklistTick").count()
    state: dict[int, bool] = {}
    changes = 0
    for index, ticked in steps:
        _tick(first, _rows(first)[index], officer, ticked=ticked)
        if state.get(index, False) != ticked:
            changes += 1
        state[index] = ticked
    rows = _rows(first)
    assert [r.ticked for r in rows] == [state.get(i, False) for i in range(len(rows))]
    members = plan.household.members.count()
    logged = AuditEntry.objects.filter(object_type="reception.ChecklistTick").count()
    assert logged - audit_before == changes * members


def test_templates_installed_before_the_checklists_get_the_preset_items(plan):
    # REQ: HOU-7 (the migration gives existing templates' visits the same preset items)
    from importlib import import_module

    from django.apps import apps

    from velkomst.reception.models import TemplateChecklistItem

    migration = import_module("velkomst.reception.migrations.0006_checklist_items_and_done_note")
    assert migration.PRESET_CHECKLISTS == {
        "move_in_inspection": presets.FIRST_VISIT_CHECKLIST,
        "second_housing_visit": presets.SECOND_VISIT_CHECKLIST,
    }
    TemplateChecklistItem.objects.all().delete()  # as a template installed before them
    migration.preset_checklists_on_installed_templates(apps, None)
    first = task(plan, "move_in_inspection")
    assert [r.item.text for r in _rows(first)] == list(presets.FIRST_VISIT_CHECKLIST)
    assert len(_rows(task(plan, "second_housing_visit"))) == 3
    assert _rows(task(plan, "welcome_meeting")) == []


line = st.text(
    alphabet=st.characters(categories=["L", "N", "Zs", "P"]), min_size=0, max_size=220
).map(lambda text: " ".join(text.split()))


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(line, max_size=35))
def test_the_checklist_field_keeps_good_lines_in_order_and_names_each_bad_one(lines):
    # REQ: HOU-7 (bad input is named by its line; good input is kept as written, in order)
    form = TemplateTaskForm()
    form.cleaned_data = {"checklist": "\n".join(lines)}
    items = [text for text in lines if text]
    bad = {
        number
        for number, text in enumerate(lines, start=1)
        if text and (len(text) > 200 or text in lines[: number - 1])
    }
    try:
        cleaned = form.clean_checklist()
    except ValidationError as error:
        messages = " ".join(error.messages)
        assert bad or len(items) > 30
        for number in bad:
            assert f"Linje {number} " in messages
    else:
        assert not bad and len(items) <= 30
        assert cleaned == items
