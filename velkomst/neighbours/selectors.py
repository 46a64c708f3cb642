"""Reads of neighbour-problem reports, always scoped to the acting user's municipality. Another
municipality's report or channel is a 404.

Who sees which reports: housing officers (who handle them) and roles that see every citizen
(managers) see all of the municipality's reports; other roles with ``neighbour.view``
(caseworkers) see the reports linked to a household they work with (SEC-2).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from velkomst.core import access
from velkomst.core.config import config_in_force
from velkomst.core.models import Municipality, StaffUser
from velkomst.housing.models import Dwelling, Placement
from velkomst.people.models import Household
from velkomst.people.selectors import households_visible_to

from .models import NeighbourReport, ReportChannel, ReportEvent, ReportStatus


def reports_visible_to(user: StaffUser) -> QuerySet[NeighbourReport]:
    access.require(user, access.NEIGHBOUR_VIEW)
    qs = NeighbourReport.objects.filter(municipality_id=access.tenant_id(user))
    if access.can(user, access.NEIGHBOUR_HANDLE) or access.can(user, access.SEE_ALL_CITIZENS):
        return qs
    return qs.filter(household__in=households_visible_to(user))


def report_get(*, user: StaffUser, pk: int) -> NeighbourReport:
    report = (
        reports_visible_to(user)
        .select_related("channel", "owner", "dwelling", "household")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_search(
    *,
    user: StaffUser,
    status: str = "",
    owner: StaffUser | None = None,
    overdue: bool = False,
    mine: bool = False,
) -> QuerySet[NeighbourReport]:
    """The case list: filtered by status, owner, overdue (no first response by the due day)
    and 'my cases'; open cases first, the oldest due first."""
    qs = reports_visible_to(user).select_related("channel", "owner")
    if status:
        qs = qs.filter(status=status)
    if owner is not None:
        qs = qs.filter(owner=owner)
    if mine:
        qs = qs.filter(owner=user)
    if overdue:
        qs = qs.filter(overdue_q())
    open_first = F("closed_at").asc(nulls_first=True)  # PostgreSQL puts NULLs last by default
    return qs.order_by(open_first, "response_due", "received_at", "id")


def overdue_q(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(first_response_at__isnull=True, response_due__lt=today)


def report_events(report: NeighbourReport) -> QuerySet[ReportEvent]:
    return report.events.select_related("by").order_by("at", "id")


def member_ids(report: NeighbourReport) -> list[int]:
    """The persons whose data the report is (the linked household's members)."""
    if report.household_id is None:
        return []
    return list(
        report.household.members.order_by("pk").values_list("pk", flat=True)  # type: ignore[union-attr]
    )


def handlers(user: StaffUser) -> QuerySet[StaffUser]:
    """The municipality's staff who may own a report."""
    roles = [r for r, caps in access.ROLE_CAPABILITIES.items() if access.NEIGHBOUR_HANDLE in caps]
    return StaffUser.objects.filter(
        municipality_id=access.tenant_id(user), is_active=True, role__in=roles
    ).order_by("first_name", "last_name", "id")


# --- Channels ---------------------------------------------------------------------------------


def channels_for(user: StaffUser) -> QuerySet[ReportChannel]:
    access.require(user, access.NEIGHBOUR_HANDLE)
    return ReportChannel.objects.filter(municipality_id=access.tenant_id(user)).order_by(
        "name", "id"
    )


def channel_get(*, user: StaffUser, pk: int) -> ReportChannel:
    """The user's municipality's channel (another municipality's is a 404 whatever the role),
    for those who handle neighbour reports."""
    channel = ReportChannel.objects.filter(municipality_id=access.tenant_id(user), pk=pk).first()
    if channel is None:
        raise Http404
    access.require(user, access.NEIGHBOUR_HANDLE)
    return channel


def response_days(municipality: Municipality) -> dict[str, int]:
    """The working days the municipality promises to answer within (the public form says it)."""
    values = config_in_force(municipality)
    return {
        "normal": int(values["neighbour_response_days"]),
        "urgent": int(values["neighbour_response_days_urgent"]),
    }


def channel_by_token(token: str) -> ReportChannel:
    """The active channel of a public link; an unknown or inactive token is a 404."""
    channel = (
        ReportChannel.objects.filter(token=token, active=True)
        .select_related("municipality")
        .first()
    )
    if channel is None:
        raise Http404
    return channel


# --- Linking a report to a dwelling and household ---------------------------------------------


def _normalise(address: str) -> str:
    return " ".join(re.sub(r"[.,]", " ", address).casefold().split())


def _street_part(address: str) -> str:
    return _normalise(address.split(",")[0])


@dataclass
class LinkSuggestion:
    dwelling: Dwelling
    households: list[Household]
    exact: bool


def link_suggestions(*, user: StaffUser, report: NeighbourReport) -> list[LinkSuggestion]:
    """Dwellings of the register whose address is the report's (case-insensitive, ignoring
    spacing and punctuation; or the same street and number when one of them leaves out the
    postcode or floor), each with the households living there now (open placements).

    Compared in Python: SQLite folds the case of ASCII letters only (``Ø``/``ø``). The house
    number narrows the candidates in the database first."""
    access.require(user, access.NEIGHBOUR_HANDLE)
    wanted, street = _normalise(report.address), _street_part(report.address)
    candidates = Dwelling.objects.filter(municipality_id=report.municipality_id)
    number = re.search(r"\d+", report.address)
    if number:
        candidates = candidates.filter(address__contains=number.group())
    found = []
    for dwelling in candidates.order_by("address", "id")[:500]:
        exact = _normalise(dwelling.address) == wanted
        if exact or _street_part(dwelling.address) == street:
            found.append((dwelling, exact))
    found.sort(key=lambda pair: not pair[1])
    placements = (
        Placement.objects.filter(dwelling__in=[d for d, _exact in found], end_date__isnull=True)
        .select_related("household")
        .order_by("start_date", "id")
    )
    living: dict[int, list[Household]] = {}
    for placement in placements:
        living.setdefault(placement.dwelling_id, []).append(placement.household)
    return [LinkSuggestion(d, living.get(d.pk, []), exact) for d, exact in found[:10]]


def dwellings_for_link(user: StaffUser) -> QuerySet[Dwelling]:
    access.require(user, access.NEIGHBOUR_HANDLE)
    return Dwelling.objects.filter(municipality_id=access.tenant_id(user)).order_by("address", "id")


def households_for_link(user: StaffUser) -> QuerySet[Household]:
    """Households living in one of the municipality's dwellings now (an open placement): those
    a landlord's report can be about. Housing officers house every household, so they see these
    names (as on the housing pages)."""
    access.require(user, access.NEIGHBOUR_HANDLE)
    living = Placement.objects.filter(
        municipality_id=access.tenant_id(user), end_date__isnull=True
    ).values("household_id")
    return Household.objects.filter(municipality_id=access.tenant_id(user), pk__in=living).order_by(
        "name", "id"
    )


# --- Response times ---------------------------------------------------------------------------


@dataclass
class MonthFigures:
    month: date  # the first day of the month the reports were received in
    received: int
    answered: int
    median_response: timedelta | None
    due: int  # answered, or unanswered past the due day: the reports the share is of
    on_time: int

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.due if self.due else None


def response_figures(*, user: StaffUser, months: int = 12) -> list[MonthFigures]:
    """Per month of receipt (Danish time), newest first, over the last ``months`` months: how
    many reports came, the median time to the first response, and the share answered by the
    due day among those answered or already overdue."""
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    for _step in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    since = timezone.make_aware(datetime(first.year, first.month, 1))
    rows = (
        reports_visible_to(user)
        .filter(received_at__gte=since)
        .values_list("received_at", "first_response_at", "response_due")
    )
    buckets: dict[date, list[tuple]] = {}
    for received, responded, due in rows:
        local = timezone.localtime(received).date()
        buckets.setdefault(local.replace(day=1), []).append((received, responded, due))
    figures = []
    for month in sorted(buckets, reverse=True):
        items = buckets[month]
        answered = [(r, a, d) for r, a, d in items if a is not None]
        times = sorted(a - r for r, a, _d in answered)
        on_time = sum(1 for _r, a, d in answered if timezone.localtime(a).date() <= d)
        overdue = sum(1 for _r, a, d in items if a is None and d < today)
        figures.append(
            MonthFigures(
                month=month,
                received=len(items),
                answered=len(answered),
                median_response=statistics.median(times) if times else None,
                due=len(answered) + overdue,
                on_time=on_time,
            )
        )
    return figures


def open_counts(user: StaffUser) -> dict[str, int]:
    qs = reports_visible_to(user).exclude(status=ReportStatus.CLOSED)
    return {"open": qs.count(), "overdue": qs.filter(overdue_q()).count()}
