"""Demo data for neighbour problems (HOU-8): two reporting channels and a handful of reports in
every state, some answered on time, one late, one overdue, one closed.

Deterministic for a given ``rng``. The reports are made through the services; the demo then moves
each timeline back to the days the story happened (the services stamp events with the time they
are recorded, which for a demo loaded today would make every response weeks late).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from velkomst.core.models import Municipality, StaffUser
from velkomst.housing.models import Placement

from . import services
from .models import NeighbourReport, ReportChannel, ReportEvent

REPORTERS = ["Kirsten Holm", "Jens Madsen", "Lone Kofoed", "Per Ipsen", "Birgit Mortensen"]
STREETS = ["Storegade", "Østergade", "Søndergade", "Lærkevej", "Skovvej", "Møllevej"]
PROBLEMS = [
    "Høj musik sent om aftenen flere dage i træk.",
    "Affaldssække stilles i opgangen i stedet for i containeren.",
    "Naboerne klager over råben og dørsmæk om natten.",
    "Cykler og barnevogne spærrer flugtvejen på trappen.",
    "Uenighed om vasketider i fællesvaskeriet.",
    "Grill på altanen trods husordenen.",
]


@dataclass(frozen=True)
class Story:
    days_ago: int
    urgency: str
    answer_after_hours: int | None  # None: not answered
    closed: bool = False
    phone: bool = False


STORIES = [
    Story(days_ago=40, urgency="normal", answer_after_hours=20, closed=True),
    Story(days_ago=25, urgency="urgent", answer_after_hours=3, closed=True),
    Story(days_ago=18, urgency="normal", answer_after_hours=200),  # answered late
    Story(days_ago=9, urgency="normal", answer_after_hours=None),  # overdue
    Story(days_ago=4, urgency="normal", answer_after_hours=26, phone=True),
    Story(days_ago=0, urgency="urgent", answer_after_hours=None),  # new today
]


def _address(rng: random.Random) -> str:
    return (
        f"{rng.choice(STREETS)} {rng.randint(1, 60)}, {rng.choice(['st. tv.', '1. th.', '2. tv.'])}"
    )


def _backdate(report: NeighbourReport, received: datetime, answered: datetime | None) -> None:
    """Demo only: put the timeline where the story has it: the owner half an hour after the
    report came, the first response at ``answered`` and the rest ten minutes apart."""
    step = 0
    values: dict[str, object] = {"first_response_at": answered}
    for event in report.events.order_by("at", "id"):
        if event.kind == "owner" or answered is None:
            at = received + timedelta(minutes=30)
        else:
            at = answered + timedelta(minutes=10 * step)
            step += 1
        ReportEvent.objects.filter(pk=event.pk).update(at=at)
        if event.kind == "closed":
            values["closed_at"] = at
    NeighbourReport.objects.filter(pk=report.pk).update(**values)


def install_demo(
    municipality: Municipality, officer: StaffUser, rng: random.Random
) -> list[NeighbourReport]:
    """Two channels (a housing association and the private landlords) and six reports."""
    assert officer.municipality_id == municipality.pk
    association = services.channel_create(
        acting_user=officer,
        name=f"Boligforeningen {municipality.name}",
        kind="housing_association",
    )
    private = services.channel_create(
        acting_user=officer, name="Private udlejere", kind="private_landlord"
    )
    channels: list[ReportChannel] = [association, private]
    placements = list(
        Placement.objects.filter(municipality=municipality, end_date__isnull=True)
        .select_related("dwelling", "household")
        .order_by("id")
    )
    now = timezone.now()
    reports = []
    for i, story in enumerate(STORIES):
        day = timezone.localdate() - timedelta(days=story.days_ago)
        hour = time(rng.randint(8, 14), rng.choice([0, 15, 30, 45]))
        received = min(timezone.make_aware(datetime.combine(day, hour)), now)
        placement = placements[i] if i < len(placements) and i % 2 == 0 else None
        data = services.ReportData(
            reporter_name=rng.choice(REPORTERS),
            reporter_phone=f"{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
            address=placement.dwelling.address if placement else _address(rng),
            description=rng.choice(PROBLEMS),
            since=(received - timedelta(days=rng.randint(3, 30))).date(),
            urgency=story.urgency,
        )
        channel = channels[i % 2]
        if story.phone:
            report = services.report_register(
                acting_user=officer, channel=channel, data=data, received_at=received
            )
        else:
            report = services.report_submit(channel=channel, data=data, now=received)
        if story.days_ago:
            services.report_assign_owner(
                report=report, acting_user=officer, owner=officer, expected_version=report.version
            )
        if placement is not None:
            services.report_link(
                report=report,
                acting_user=officer,
                dwelling=placement.dwelling,
                household=placement.household,
                expected_version=report.version,
            )
        answered = None
        if story.answer_after_hours is not None:
            answered = received + timedelta(hours=story.answer_after_hours)
            services.report_add_event(
                report=report,
                acting_user=officer,
                kind="contacted_reporter",
                text="Ringet til indberetteren; aftalt at tale med husstanden.",
            )
            if story.closed:
                services.report_add_event(
                    report=report,
                    acting_user=officer,
                    kind="visited_household",
                    text="Besøg hos husstanden med tolk; husordenen gennemgået.",
                )
                services.report_close(
                    report=report,
                    acting_user=officer,
                    resolution="Husstanden kender nu husordenen; udlejeren melder ro.",
                    expected_version=report.version,
                )
        if story.days_ago:
            _backdate(report, received, answered)
        report.refresh_from_db()
        reports.append(report)
    return reports
