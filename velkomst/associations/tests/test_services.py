"""Housing associations, move-outs and the allocation meeting: services, validation, audit,
concurrency, roles and tenancy (HOU-5)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.associations import selectors, services
from velkomst.associations.models import (
    AllocationLine,
    AllocationMeeting,
    HousingAssociation,
    MoveOutCount,
    Outcome,
)
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.housing.models import Dwelling, Placement, PlacementSource

from .conftest import MEETING_MONTH, association_with_move_outs, household_in_need

pytestmark = pytest.mark.django_db


def test_association_names_are_unique_per_municipality(officer, other_municipality):
    # REQ: HOU-5
    services.association_create(acting_user=officer, name="Fjordbo", contact_person="Hanne")
    with pytest.raises(ValidationError) as error:
        services.association_create(acting_user=officer, name=" fjordbo ")
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.association_create(acting_user=officer, name="  ")
    assert "name" in error.value.message_dict
    from conftest import _make_user

    other = _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))
    assert services.association_create(acting_user=other, name="Fjordbo").pk


def test_association_update_is_audited_and_versioned(officer):
    # REQ: HOU-5, SEC-5
    association = services.association_create(acting_user=officer, name="Fjordbo")
    services.association_update(
        association=association, acting_user=officer, expected_version=1, phone="12345678"
    )
    assert association.version == 2
    entry = AuditEntry.objects.get(object_type="associations.HousingAssociation", action="change")
    assert entry.changes == {"phone": ["", "12345678"]}
    stale = HousingAssociation.objects.get(pk=association.pk)
    with pytest.raises(ConcurrentEditError):
        services.association_update(
            association=stale, acting_user=officer, expected_version=1, note="x"
        )


def test_move_outs_are_created_changed_and_audited_per_month(officer):
    # REQ: HOU-5
    association = services.association_create(acting_user=officer, name="Fjordbo")
    jan, feb = date(2026, 1, 1), date(2026, 2, 1)
    services.move_outs_save(
        acting_user=officer,
        association=association,
        entries=[
            services.MoveOutEntry(jan, 4),
            services.MoveOutEntry(feb, 0),
            services.MoveOutEntry(date(2026, 3, 1), None),
        ],
    )
    assert dict(MoveOutCount.objects.values_list("period", "move_outs")) == {jan: 4, feb: 0}
    assert AuditEntry.objects.filter(object_type="associations.MoveOutCount").count() == 2
    services.move_outs_save(
        acting_user=officer,
        association=association,
        entries=[services.MoveOutEntry(jan, 5, 1), services.MoveOutEntry(feb, 0, 1)],
    )
    count = MoveOutCount.objects.get(period=jan)
    assert (count.move_outs, count.version) == (5, 2)
    change = AuditEntry.objects.get(object_type="associations.MoveOutCount", action="change")
    assert change.changes == {"move_outs": [4, 5]}


def test_move_outs_validation_names_the_month(officer):
    # REQ: HOU-5
    association = services.association_create(acting_user=officer, name="Fjordbo")
    with pytest.raises(ValidationError) as error:
        services.move_outs_save(
            acting_user=officer,
            association=association,
            entries=[
                services.MoveOutEntry(date(2026, 1, 1), -1),
                services.MoveOutEntry(date(2026, 2, 2), 3),
            ],
        )
    assert set(error.value.message_dict) == {"2026-01", "2026-02"}
    services.move_outs_save(
        acting_user=officer,
        association=association,
        entries=[services.MoveOutEntry(date(2026, 1, 1), 2)],
    )
    with pytest.raises(ValidationError) as error:  # a stored number cannot be blanked
        services.move_outs_save(
            acting_user=officer,
            association=association,
            entries=[services.MoveOutEntry(date(2026, 1, 1), None, 1)],
        )
    assert set(error.value.message_dict) == {"2026-01"}


def test_move_outs_concurrent_edit_is_refused_and_nothing_is_written(officer):
    # REQ: SEC-5
    association = services.association_create(acting_user=officer, name="Fjordbo")
    jan, feb = date(2026, 1, 1), date(2026, 2, 1)
    services.move_outs_save(
        acting_user=officer, association=association, entries=[services.MoveOutEntry(jan, 4)]
    )
    with pytest.raises(ConcurrentEditError):  # another saw "no number" for January
        services.move_outs_save(
            acting_user=officer,
            association=association,
            entries=[services.MoveOutEntry(feb, 2, 0), services.MoveOutEntry(jan, 7, 0)],
        )
    assert list(MoveOutCount.objects.values_list("period", "move_outs")) == [(jan, 4)]
    services.move_outs_save(
        acting_user=officer, association=association, entries=[services.MoveOutEntry(jan, 6, 1)]
    )
    with pytest.raises(ConcurrentEditError):
        services.move_outs_save(
            acting_user=officer,
            association=association,
            entries=[services.MoveOutEntry(jan, 9, 1)],
        )
    assert MoveOutCount.objects.get().move_outs == 6


def test_the_months_households_are_unhoused_and_needed_by_the_month(
    officer, caseworker, waiting, dwelling
):
    # REQ: HOU-5
    from velkomst.housing.services import placement_start

    housed = household_in_need(caseworker, officer, "Bolig", date(2026, 5, 1))
    placement_start(
        acting_user=officer, household=housed, dwelling=dwelling, start_date=date(2026, 6, 1)
    )
    ids = list(selectors.unhoused_households(user=officer, month=MEETING_MONTH))
    assert ids == waiting  # in order of need-by; the later one and the housed one left out


def test_drafting_allocates_the_households_by_the_key(officer, associations, waiting, meeting):
    # REQ: HOU-5
    fjordbo, lyngen, kilden = associations
    key = meeting.key
    assert (key["months"], key["from"], key["to"]) == (12, "2025-07-01", "2026-06-01")
    assert (key["households"], key["total"], key["problem"]) == (5, 120, None)
    shares = {s["name"]: (s["quota"], s["whole"], s["share"], s["extra"]) for s in key["shares"]}
    # 5 × 72/120 = 3, 5 × 36/120 = 1.5, 5 × 12/120 = 0.5: Kilden and Lyngen tie on 0.5 → by name
    assert shares == {
        "Fjordbo": ("3/1", 3, 3, False),
        "Lyngen": ("3/2", 1, 1, False),
        "Kilden": ("1/2", 0, 1, True),
    }
    lines = list(meeting.lines.order_by("position"))
    assert [line.household for line in lines] == waiting
    assert [line.association for line in lines] == [fjordbo, kilden, lyngen, fjordbo, fjordbo]
    assert all(line.keyed_association_id == line.association_id for line in lines)
    members = sum(h.members.count() for h in waiting)
    created = AuditEntry.objects.filter(object_type="associations.AllocationLine", action="create")
    assert created.count() == members
    assert AuditEntry.objects.filter(object_type="associations.AllocationMeeting").count() == 1


def test_the_key_period_is_configuration(officer, municipality, associations, waiting):
    # REQ: HOU-5
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2020, 1, 1),
        values={"allocation_key_months": 3},
    )
    services.move_outs_save(  # a big month outside the 3-month period must not count
        acting_user=officer,
        association=associations[2],
        entries=[services.MoveOutEntry(date(2025, 12, 1), 500, 1)],
    )
    meeting = services.meeting_draft(
        acting_user=officer, month=MEETING_MONTH, meeting_date=date(2026, 6, 24)
    )
    assert (meeting.key_months, meeting.key["from"], meeting.key["total"]) == (3, "2026-04-01", 30)


def test_one_meeting_per_month_and_month_is_its_first_day(officer, meeting):
    # REQ: HOU-5
    with pytest.raises(ValidationError) as error:
        services.meeting_draft(
            acting_user=officer, month=MEETING_MONTH, meeting_date=date(2026, 6, 1)
        )
    assert "month" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_draft(
            acting_user=officer, month=date(2026, 8, 2), meeting_date=date(2026, 8, 1)
        )
    assert "month" in error.value.message_dict


def test_no_move_outs_drafts_an_explained_empty_list(officer, waiting):
    # REQ: HOU-5
    services.association_create(acting_user=officer, name="Fjordbo")
    meeting = services.meeting_draft(
        acting_user=officer, month=MEETING_MONTH, meeting_date=date(2026, 6, 24)
    )
    assert meeting.key["problem"] == "no_move_outs" and meeting.key["unallocated"] == 5
    assert not meeting.lines.exists()


def test_moving_a_household_is_a_deviation_and_only_before_the_meeting(
    officer, associations, meeting
):
    # REQ: HOU-5
    line = meeting.lines.get(position=0)
    services.line_move(
        acting_user=officer,
        line=line,
        association=associations[1],
        expected_version=1,
        note="Arbejde i Lyngen",
    )
    line.refresh_from_db()
    assert line.deviates and line.keyed_association == associations[0]
    entries = AuditEntry.objects.filter(object_type="associations.AllocationLine", action="change")
    assert entries.count() == line.household.members.count()
    assert entries[0].changes["association"] == [associations[0].pk, associations[1].pk]
    with pytest.raises(ConcurrentEditError):
        services.line_move(
            acting_user=officer, line=line, association=associations[2], expected_version=1
        )
    services.meeting_update(
        acting_user=officer,
        meeting=meeting,
        expected_version=meeting.version,
        meeting_date=meeting.meeting_date,
        status="held",
    )
    line.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.line_move(
            acting_user=officer,
            line=line,
            association=associations[2],
            expected_version=line.version,
        )
    assert "association" in error.value.message_dict


def test_a_held_meeting_cannot_go_back_to_draft(officer, meeting):
    # REQ: HOU-5
    services.meeting_update(
        acting_user=officer,
        meeting=meeting,
        expected_version=1,
        meeting_date=date(2026, 6, 25),
        status="held",
    )
    with pytest.raises(services.IllegalMeetingTransition) as error:
        services.meeting_update(
            acting_user=officer,
            meeting=meeting,
            expected_version=2,
            meeting_date=date(2026, 6, 25),
            status="draft",
        )
    assert "status" in error.value.message_dict
    with pytest.raises(ConcurrentEditError):
        services.meeting_update(
            acting_user=officer,
            meeting=meeting,
            expected_version=1,
            meeting_date=date(2026, 6, 26),
            status="held",
        )


def test_accepting_with_a_dwelling_starts_the_placement(officer, meeting, dwelling):
    # REQ: HOU-5
    line = meeting.lines.get(position=0)
    with pytest.raises(ValidationError) as error:
        services.line_record_outcome(
            acting_user=officer, line=line, outcome="accepted", expected_version=1
        )
    assert set(error.value.message_dict) == {"dwelling", "start_date"}
    services.line_record_outcome(
        acting_user=officer,
        line=line,
        outcome="accepted",
        dwelling=dwelling,
        start_date=date(2026, 7, 1),
        expected_version=1,
    )
    line.refresh_from_db()
    placement = Placement.objects.get()
    assert line.placement == placement and line.outcome == Outcome.ACCEPTED
    assert (placement.household, placement.dwelling, placement.source) == (
        line.household,
        dwelling,
        PlacementSource.ALLOCATION,
    )
    assert Dwelling.objects.get().status == "occupied"
    with pytest.raises(ValidationError):  # final
        services.line_record_outcome(
            acting_user=officer, line=line, outcome="declined", expected_version=line.version
        )
    with pytest.raises(ValidationError):  # outcomes recorded: no recomputing
        services.meeting_recompute(acting_user=officer, meeting=meeting, expected_version=1)


def test_a_stale_outcome_rolls_back_the_placement(officer, meeting, dwelling):
    # REQ: SEC-5
    line = meeting.lines.get(position=0)
    services.line_record_outcome(
        acting_user=officer, line=line, outcome="offered", expected_version=1
    )
    stale = AllocationLine.objects.get(pk=line.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        services.line_record_outcome(
            acting_user=officer,
            line=stale,
            outcome="accepted",
            dwelling=dwelling,
            start_date=date(2026, 7, 1),
            expected_version=1,
        )
    assert not Placement.objects.exists()
    assert AllocationLine.objects.get(pk=line.pk).outcome == "offered"


def test_recomputing_takes_new_move_outs_and_households(officer, caseworker, associations, meeting):
    # REQ: HOU-5
    household_in_need(caseworker, officer, "Ny", date(2026, 7, 20))
    association_with_move_outs(officer, "Åbo", 20)
    services.meeting_recompute(acting_user=officer, meeting=meeting, expected_version=1)
    meeting.refresh_from_db()
    assert meeting.key["households"] == 6 and meeting.key["total"] == 360
    assert meeting.lines.count() == 6 and meeting.version == 2
    deleted = AuditEntry.objects.filter(object_type="associations.AllocationLine", action="delete")
    assert deleted.count() == 5 + 3 + 1  # the old lines' members (sizes 1,2,3,1,2)


def test_only_housing_officers_write(staff, associations, meeting):
    # REQ: HOU-5, SEC-2
    line = meeting.lines.first()
    for role in ("caseworker", "manager", "job_consultant"):
        user = staff[role]
        with pytest.raises(PermissionDenied):
            services.association_create(acting_user=user, name=f"Forening {role}")
        with pytest.raises(PermissionDenied):
            services.meeting_draft(
                acting_user=user, month=date(2026, 9, 1), meeting_date=date(2026, 9, 1)
            )
        with pytest.raises(PermissionDenied):
            services.line_record_outcome(
                acting_user=user, line=line, outcome="offered", expected_version=1
            )
    assert selectors.meetings_for(staff["manager"]).count() == 1  # managers and caseworkers view
    with pytest.raises(PermissionDenied):
        selectors.meetings_for(staff["job_consultant"])


def test_another_municipality_sees_and_touches_nothing(
    other_municipality, associations, meeting, dwelling
):
    # REQ: HOU-5, SEC-1
    from django.http import Http404

    from conftest import _make_user

    other = _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))
    assert not selectors.associations_for(other).exists()
    assert not selectors.meetings_for(other).exists()
    with pytest.raises(Http404):
        selectors.meeting_get(user=other, pk=meeting.pk)
    with pytest.raises(Http404):
        selectors.line_get(user=other, pk=meeting.lines.first().pk)
    with pytest.raises(PermissionDenied):
        services.line_move(
            acting_user=other,
            line=meeting.lines.first(),
            association=associations[1],
            expected_version=1,
        )
    own = services.association_create(acting_user=other, name="Aalborg Bolig")
    with pytest.raises(ValidationError):  # an outsider's association on our line
        services.line_move(
            acting_user=associations[0] and meeting.created_by,
            line=meeting.lines.first(),
            association=own,
            expected_version=1,
        )
    drafted = services.meeting_draft(
        acting_user=other, month=MEETING_MONTH, meeting_date=date(2026, 6, 1)
    )
    assert drafted.key["households"] == 0 and drafted.key["problem"] == "no_move_outs"
    assert AllocationMeeting.objects.count() == 2
