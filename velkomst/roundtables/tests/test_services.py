from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.appointments.models import AppointmentKind
from velkomst.core import worklist
from velkomst.core.models import AuditEntry, Unit
from velkomst.roundtables import selectors, services
from velkomst.roundtables.models import FollowUp

pytestmark = pytest.mark.django_db


def _rows(user, day, soon=7):
    """The user's worklist rows from round tables (other sources' rows left out)."""
    return [r for r in worklist.rows_for(user, day, soon) if r.key.startswith("roundtable:")]


def _followup(round_table, actor, owner, deadline, text="Kontakt skolens AKT-lærer"):
    return services.followup_add(
        actor=actor, round_table=round_table, text=text, owner=owner, deadline=deadline
    )


def test_a_round_table_is_an_appointment_of_the_household(round_table, seen, caseworker):
    # REQ: COO-3
    appointment = round_table.appointment
    assert appointment.kind == AppointmentKind.ROUND_TABLE
    assert appointment.household_id == seen.pk
    assert list(appointment.staff.all()) == [caseworker]
    first = round_table.participants.get()
    assert first.user == caseworker
    assert first.unit is not None and first.unit.kind == "integration"


def test_participants_from_units_and_outside_agenda_and_decisions(
    round_table, school, caseworker, family_consultant
):
    # REQ: COO-3
    services.participant_add(actor=caseworker, round_table=round_table, user=family_consultant)
    first = services.agenda_item_add(actor=caseworker, round_table=round_table, title="Skolen")
    second = services.agenda_item_add(actor=caseworker, round_table=round_table, title="Fritid")
    services.decision_add(actor=caseworker, item=first, text="Amal starter i 0. klasse")
    detail = selectors.detail(round_table, date(2026, 9, 1), 7)
    assert [(i.position, i.title) for i in detail.agenda] == [(1, "Skolen"), (2, "Fritid")]
    assert [d.text for d in detail.decisions] == ["Amal starter i 0. klasse"]
    units = {p.unit.kind for p in detail.participants if p.unit}
    assert units == {"integration", "children_family"}
    assert [p.organisation for p in detail.outside] == ["Vestre Skole"]
    # the family consultant now sits at the table: the appointment's staff shows it
    assert family_consultant in round_table.appointment.staff.all()
    assert second.decisions.count() == 0


def test_follow_ups_land_on_the_owners_worklist_and_go_overdue(
    round_table, caseworker, family_consultant
):
    # REQ: COO-3
    task = _followup(round_table, caseworker, family_consultant, date(2026, 9, 15))
    assert task.unit.kind == "children_family"  # the owner's unit by default
    # long before: not on the worklist yet
    assert _rows(family_consultant, date(2026, 9, 1), 7) == []
    # within the due-soon window: due soon, on the owner's list, not on the booker's
    rows = _rows(family_consultant, date(2026, 9, 10), 7)
    assert [(r.key, r.due, r.state) for r in rows] == [
        (f"roundtable:followup:{task.pk}", date(2026, 9, 15), "due_soon")
    ]
    assert rows[0].person_name == "Amal Haddad"
    assert rows[0].href.endswith(f"/roundtables/{round_table.pk}/#followup-{task.pk}")
    assert _rows(caseworker, date(2026, 9, 10), 7) == []
    # past the deadline: overdue
    rows = _rows(family_consultant, date(2026, 9, 16), 7)
    assert [r.state for r in rows] == ["overdue"]
    # done: off the list, and the page's state says met late
    services.followup_done(actor=family_consultant, followup=task, expected_version=task.version)
    assert _rows(family_consultant, date(2026, 9, 16), 7) == []
    task.refresh_from_db()
    assert task.done_by == family_consultant
    state = selectors.followup_state(task, date(2026, 9, 16), 7)
    assert state in {"met_on_time", "met_late"}


def test_a_household_round_tables_follow_up_names_a_member(seen, caseworker):
    # REQ: COO-3
    from datetime import datetime

    from .conftest import CPH

    rt = services.round_table_create(
        actor=caseworker,
        household=seen,
        title="Familiens netværk",
        starts_at=datetime(2026, 9, 2, 9, 0, tzinfo=CPH),
        ends_at=datetime(2026, 9, 2, 10, 0, tzinfo=CPH),
        place="Rådhuset",
    )
    _followup(rt, caseworker, caseworker, date(2026, 9, 3))
    rows = _rows(caseworker, date(2026, 9, 4), 7)
    assert len(rows) == 1 and rows[0].state == "overdue"
    assert rows[0].person_id == seen.members.order_by("pk").first().pk
    # the household round table's rows are audited on every member
    assert (
        AuditEntry.objects.filter(
            object_type="roundtables.RoundTable", object_id=str(rt.pk), action="create"
        ).count()
        == seen.members.count()
    )


def test_a_follow_up_is_refused_with_field_messages(round_table, caseworker, other_caseworker):
    with pytest.raises(ValidationError) as error:
        services.followup_add(
            actor=caseworker,
            round_table=round_table,
            text=" ",
            owner=other_caseworker,
            deadline=None,
        )
    assert set(error.value.message_dict) == {"text", "owner", "unit", "deadline"}
    assert not FollowUp.objects.exists()


def test_an_outside_participant_needs_name_and_organisation(round_table, caseworker):
    with pytest.raises(ValidationError) as error:
        services.participant_add(actor=caseworker, round_table=round_table, name="", role="Læge")
    assert set(error.value.message_dict) == {"name", "organisation"}


def test_only_owner_or_editor_marks_done(round_table, caseworker, staff, family_consultant):
    task = _followup(round_table, caseworker, family_consultant, date(2026, 9, 15))
    with pytest.raises(PermissionDenied):
        services.followup_done(
            actor=staff["housing_officer"], followup=task, expected_version=task.version
        )
    services.followup_done(actor=caseworker, followup=task, expected_version=task.version)
    task.refresh_from_db()
    with pytest.raises(ValidationError):
        services.followup_done(actor=caseworker, followup=task, expected_version=task.version)


def test_roles_without_the_capability_cannot_hold_round_tables(seen, staff):
    from datetime import datetime

    from .conftest import CPH

    for role in ("housing_officer", "volunteer_coordinator", "manager", "administrator"):
        with pytest.raises(PermissionDenied):
            services.round_table_create(
                actor=staff[role],
                household=seen,
                title="x",
                starts_at=datetime(2026, 9, 2, 9, 0, tzinfo=CPH),
                ends_at=datetime(2026, 9, 2, 10, 0, tzinfo=CPH),
                place="Rådhuset",
            )


def test_another_municipality_sees_and_changes_nothing(round_table, other_caseworker):
    # REQ: COO-3
    assert not selectors.round_tables_visible_to(other_caseworker).exists()
    with pytest.raises(PermissionDenied):
        services.agenda_item_add(actor=other_caseworker, round_table=round_table, title="x")
    assert _rows(other_caseworker, date(2026, 9, 30), 7) == []


def test_a_follow_up_owner_outside_the_household_units_sees_the_round_table(
    round_table, caseworker, staff
):
    # the job consultant's unit does not work with the household, but owns a follow-up
    seen = round_table.household
    seen.units.set(Unit.objects.filter(municipality=seen.municipality, kind="integration"))
    job = staff["job_consultant"]
    assert not selectors.round_tables_visible_to(job).exists()
    _followup(round_table, caseworker, job, date(2026, 9, 20), "Afklar praktik")
    assert list(selectors.round_tables_visible_to(job)) == [round_table]


def test_times_that_do_not_fit_are_refused_on_their_field(seen, caseworker):
    from datetime import datetime

    from .conftest import CPH

    with pytest.raises(ValidationError) as error:
        services.round_table_create(
            actor=caseworker,
            household=seen,
            title="Møde",
            starts_at=datetime(2026, 9, 2, 10, 0, tzinfo=CPH),
            ends_at=datetime(2026, 9, 2, 9, 0, tzinfo=CPH),
            place="Rådhuset",
        )
    assert "ends_at" in error.value.message_dict


def test_deadline_passing_changes_the_counts(round_table, caseworker):
    today = date(2026, 9, 10)
    _followup(round_table, caseworker, caseworker, today - timedelta(days=1))
    _followup(round_table, caseworker, caseworker, today + timedelta(days=2))
    _followup(round_table, caseworker, caseworker, today + timedelta(days=30))
    assert selectors.followup_counts(caseworker, today, 7) == {
        "open": 3,
        "due_soon": 1,
        "overdue": 1,
    }
