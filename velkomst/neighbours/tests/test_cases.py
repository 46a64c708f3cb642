"""A neighbour-problem report is a tracked case: number, due date in working days, owner, first
response, overdue, closing, audit and concurrency (HOU-8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.neighbours import selectors, services
from velkomst.neighbours.models import (
    AppendOnlyEventError,
    NeighbourReport,
    ReportEvent,
    ReportStatus,
)

from .conftest import local, report_data

pytestmark = pytest.mark.django_db

REPORT = "neighbours.NeighbourReport"


def submit(channel, when, **overrides):
    return services.report_submit(channel=channel, data=report_data(**overrides), now=when)


def test_case_numbers_run_per_municipality_and_year(channel, other_municipality):
    # REQ: HOU-8
    from conftest import _make_user

    first = submit(channel, local(2026, 12, 30, 9, 0))
    second = submit(channel, local(2026, 12, 31, 23, 30))  # still 2026 in Danish time
    next_year = submit(channel, local(2027, 1, 1, 0, 30))  # 2026 in UTC, 2027 in Denmark
    assert [first.number, second.number, next_year.number] == [
        "2026-0001",
        "2026-0002",
        "2027-0001",
    ]
    outsider = _make_user(other_municipality, "housing_officer", "ab-housing", ("housing",))
    theirs = services.channel_create(acting_user=outsider, name="Himmerland", kind="other")
    assert submit(theirs, local(2026, 12, 30, 9, 0)).number == "2026-0001"


@pytest.mark.parametrize(
    "received, urgency, due",
    [
        ((2026, 11, 25, 10, 0), "normal", date(2026, 11, 27)),  # Wednesday → Friday
        ((2026, 11, 27, 16, 0), "normal", date(2026, 12, 1)),  # Friday → over the weekend
        ((2026, 11, 28, 11, 0), "normal", date(2026, 12, 1)),  # Saturday → Tuesday
        ((2026, 11, 27, 16, 0), "urgent", date(2026, 11, 30)),  # Friday, urgent → Monday
        ((2026, 4, 1, 10, 0), "normal", date(2026, 4, 8)),  # Easter: Thu, Fri and Mon closed
        ((2026, 4, 1, 10, 0), "urgent", date(2026, 4, 7)),
        ((2026, 12, 23, 12, 0), "urgent", date(2026, 12, 28)),  # 24-26 Dec closed, then Sunday
        ((2026, 6, 4, 12, 0), "urgent", date(2026, 6, 8)),  # Constitution Day (5 June) closed
    ],
)
def test_the_response_is_due_in_working_days(channel, received, urgency, due):
    # REQ: HOU-8
    assert submit(channel, local(*received), urgency=urgency).response_due == due


def test_the_response_days_are_the_municipalitys_configuration(channel, municipality):
    # REQ: HOU-8
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2026, 5, 1),
        values={"neighbour_response_days": 5},
    )
    before = submit(channel, local(2026, 4, 27, 10, 0))  # Monday, old rule: 2 working days
    after = submit(channel, local(2026, 5, 4, 10, 0))  # Monday, new rule: 5 working days
    assert before.response_due == date(2026, 4, 29)
    assert after.response_due == date(2026, 5, 11)
    assert selectors.response_days(municipality) == {"normal": 5, "urgent": 1}


def test_the_first_response_sets_the_response_time_once(report, officer, staff):
    # REQ: HOU-8
    services.report_add_event(report=report, acting_user=officer, kind="note", text="Ringet op")
    report.refresh_from_db()
    assert report.first_response_at is None and report.status == ReportStatus.IN_PROGRESS
    services.report_add_event(
        report=report, acting_user=officer, kind="contacted_reporter", text="Talt med Kirsten"
    )
    first = report.first_response_at
    assert first is not None
    assert report.response_time == first - report.received_at
    services.report_add_event(
        report=report, acting_user=officer, kind="visited_household", text="Besøg"
    )
    services.report_close(
        report=report, acting_user=officer, resolution="Løst", expected_version=report.version
    )
    report.refresh_from_db()
    assert report.first_response_at == first and report.status == ReportStatus.CLOSED
    assert report.events.filter(kind="contacted_reporter").get().at == first


def test_closing_an_unanswered_report_answers_it(report, officer):
    # REQ: HOU-8
    services.report_close(
        report=report, acting_user=officer, resolution="Dobbelt indberetning", expected_version=1
    )
    report.refresh_from_db()
    assert report.first_response_at == report.closed_at
    assert report.events.get().kind == "closed"
    with pytest.raises(services.ReportClosedError):
        services.report_add_event(report=report, acting_user=officer, kind="note", text="x")
    with pytest.raises(services.ReportClosedError):
        services.report_close(
            report=report, acting_user=officer, resolution="x", expected_version=report.version
        )


def test_overdue_reports_are_flagged(channel, officer):
    # REQ: HOU-8
    now = timezone.now()
    old = submit(channel, now - timedelta(days=10))
    fresh = submit(channel, now)
    answered_late = submit(channel, now - timedelta(days=10))
    services.report_add_event(
        report=answered_late, acting_user=officer, kind="contacted_reporter", text="Svar"
    )
    assert old.is_overdue and not fresh.is_overdue and not answered_late.is_overdue
    assert answered_late.answered_on_time is False and old.answered_on_time is None
    overdue = selectors.report_search(user=officer, overdue=True)
    assert list(overdue) == [old]
    assert selectors.open_counts(officer) == {"open": 3, "overdue": 1}


def test_the_owner_is_a_housing_officer_of_the_municipality(
    report, officer, staff, other_caseworker
):
    # REQ: HOU-8
    from conftest import _make_user

    colleague = _make_user(officer.municipality, "housing_officer", "bh-housing2", ("housing",))
    services.report_assign_owner(
        report=report, acting_user=officer, owner=officer, expected_version=1
    )
    assert report.owner == officer and report.status == ReportStatus.IN_PROGRESS
    services.report_assign_owner(
        report=report, acting_user=officer, owner=colleague, expected_version=2
    )
    report.refresh_from_db()
    assert report.owner == colleague and report.version == 3
    texts = list(report.events.values_list("kind", "text"))
    assert texts[0][0] == "owner" and "taget af" in texts[0][1] and "givet til" in texts[1][1]
    for wrong in (staff["caseworker"], other_caseworker):
        with pytest.raises(ValidationError):
            services.report_assign_owner(
                report=report, acting_user=officer, owner=wrong, expected_version=3
            )
    with pytest.raises(PermissionDenied):
        services.report_assign_owner(
            report=report, acting_user=staff["manager"], owner=officer, expected_version=3
        )
    changes = [
        e.changes
        for e in AuditEntry.objects.filter(
            object_type=REPORT, object_id=str(report.pk), action="change"
        ).order_by("id")
    ]
    assert changes[0]["owner_id"] == [None, officer.pk]
    assert changes[1]["owner_id"] == [officer.pk, colleague.pk]


def test_a_stale_version_is_a_concurrent_edit(report, officer):
    # REQ: HOU-8, SEC-5
    services.report_assign_owner(
        report=report, acting_user=officer, owner=officer, expected_version=1
    )
    stale = NeighbourReport.objects.get(pk=report.pk)
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        services.report_close(report=stale, acting_user=officer, resolution="x", expected_version=1)
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS and not report.events.filter(kind="closed")
    # events lock the row instead: a note on a page opened before the owner changed is kept
    services.report_add_event(
        report=stale, acting_user=officer, kind="contacted_reporter", text="x"
    )
    report.refresh_from_db()
    assert report.version == 3 and report.first_response_at is not None


def test_reads_and_changes_of_a_linked_report_are_audited_per_member(
    client, report, officer, household, placed
):
    # REQ: HOU-8, SEC-3
    members = set(household.members.values_list("pk", flat=True))
    services.report_link(
        report=report, acting_user=officer, dwelling=placed, household=household, expected_version=1
    )
    link = AuditEntry.objects.filter(object_type=REPORT, object_id=str(report.pk), action="change")
    assert set(link.values_list("person_id", flat=True)) == members
    assert link[0].changes["household_id"] == [None, household.pk]
    client.force_login(officer)
    client.get(f"/neighbours/reports/{report.pk}/")
    views = AuditEntry.objects.filter(object_type=REPORT, object_id=str(report.pk), action="view")
    assert set(views.values_list("person_id", flat=True)) == members
    services.report_add_event(report=report, acting_user=officer, kind="note", text="x")
    assert AuditEntry.objects.filter(
        object_type=REPORT, object_id=str(report.pk), action="change"
    ).count() == 2 * len(members)
    # unlinking is audited for the members of the household it was linked to
    services.report_link(
        report=report, acting_user=officer, dwelling=None, household=None, expected_version=3
    )
    last = AuditEntry.objects.filter(object_type=REPORT, object_id=str(report.pk)).order_by("-id")[
        : len(members)
    ]
    assert {e.person_id for e in last} == members


def test_an_unlinked_report_is_audited_without_a_person(report, officer):
    # REQ: HOU-8, SEC-3
    services.report_add_event(report=report, acting_user=officer, kind="note", text="x")
    entry = AuditEntry.objects.filter(
        object_type=REPORT, object_id=str(report.pk), action="change"
    ).get()
    assert entry.person_id is None and entry.changes["status"] == ["new", "in_progress"]


def test_the_dwelling_and_household_are_suggested_from_the_address(
    channel, officer, household, placed
):
    # REQ: HOU-8
    for address in ("STOREGADE 1, 3700 RØNNE", "storegade  1", "Storegade 1."):
        report = submit(channel, timezone.now(), address=address)
        [suggestion] = selectors.link_suggestions(user=officer, report=report)
        assert suggestion.dwelling == placed and suggestion.households == [household]
    elsewhere = submit(channel, timezone.now(), address="Storegade 11, 3700 Rønne")
    assert selectors.link_suggestions(user=officer, report=elsewhere) == []


def test_a_household_that_moved_out_is_not_suggested(channel, officer, household, placed):
    # REQ: HOU-8
    from velkomst.housing.services import placement_end

    placement_end(
        acting_user=officer, household=household, end_date=date(2026, 8, 1), reason="moved_away"
    )
    report = submit(channel, timezone.now())
    [suggestion] = selectors.link_suggestions(user=officer, report=report)
    assert suggestion.dwelling == placed and suggestion.households == []


def test_links_stay_in_the_municipality(report, officer, other_household):
    # REQ: HOU-8, SEC-1
    with pytest.raises(ValidationError):
        services.report_link(
            report=report,
            acting_user=officer,
            dwelling=None,
            household=other_household,
            expected_version=1,
        )


def test_the_timeline_is_append_only(report, officer):
    # REQ: HOU-8
    event = services.report_add_event(report=report, acting_user=officer, kind="note", text="x")
    event.text = "y"
    with pytest.raises(AppendOnlyEventError):
        event.save()
    with pytest.raises(AppendOnlyEventError):
        event.delete()
    assert ReportEvent.objects.get().text == "x"


def test_staff_register_a_report_received_by_phone(channel, officer):
    # REQ: HOU-8
    when = local(2026, 4, 1, 9, 15)
    report = services.report_register(
        acting_user=officer, channel=channel, data=report_data(urgency="urgent"), received_at=when
    )
    assert report.source == "phone" and report.received_at == when
    assert report.response_due == date(2026, 4, 7)
    entry = AuditEntry.objects.get(object_type="neighbours.NeighbourReport")
    assert entry.actor_id == officer.pk and entry.action == "create"
    with pytest.raises(ValidationError):
        services.report_register(
            acting_user=officer,
            channel=channel,
            data=report_data(),
            received_at=timezone.now() + timedelta(hours=1),
        )
    with pytest.raises(ValidationError) as error:
        services.report_register(
            acting_user=officer, channel=channel, data=report_data(reporter_phone="", address="")
        )
    assert set(error.value.message_dict) == {"reporter_phone", "address"}


def test_response_figures_per_month(channel, officer):
    # REQ: HOU-8
    today = timezone.localdate()
    previous = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    base = local(previous.year, previous.month, 1, 8, 0)
    reports = [submit(channel, base + timedelta(days=d)) for d in (0, 1, 2)]
    for report, hours_later in zip(reports[:2], (2, 4), strict=True):
        NeighbourReport.objects.filter(pk=report.pk).update(
            first_response_at=report.received_at + timedelta(hours=hours_later)
        )
    submit(channel, timezone.now())  # this month: not answered, not yet due
    figures = {f.month: f for f in selectors.response_figures(user=officer)}
    month = figures[previous]
    assert (month.received, month.answered, month.median_response) == (3, 2, timedelta(hours=3))
    assert (month.due, month.on_time) == (3, 2)  # the unanswered one is overdue
    assert month.share_on_time == pytest.approx(2 / 3)
    now = figures[today.replace(day=1)]
    assert (now.received, now.answered, now.due, now.share_on_time) == (1, 0, 0, None)


def test_channels_are_unique_per_municipality_and_get_new_links(channel, officer):
    # REQ: HOU-8
    with pytest.raises(ValidationError):
        services.channel_create(acting_user=officer, name="bobornholm", kind="other")
    old = channel.token
    services.channel_renew_token(channel=channel, acting_user=officer, expected_version=1)
    assert channel.token != old and len(channel.token) >= 30
    with pytest.raises(ConcurrentEditError):
        services.channel_renew_token(channel=channel, acting_user=officer, expected_version=1)
    from django.http import Http404

    channel.refresh_from_db()
    with pytest.raises(Http404):
        selectors.channel_by_token(old)
    assert selectors.channel_by_token(channel.token) == channel
