"""/api/neighbour-reports: the landlords' neighbour-problem reports as tracked cases (HOU-8).
Reading needs ``neighbour.view``; roles that do not handle reports see only those linked to a
household they see (the pages' rule). A report linked to a household is that household's data:
its members' views are logged. Registering, taking, answering, linking and closing need
``neighbour.handle`` (as on the pages), each audited per member of the linked household."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser
from velkomst.neighbours import selectors, services
from velkomst.neighbours.models import ChannelKind

from ..auth import reader
from ..errors import InvalidField
from ..housing_schemas import (
    ReportCloseIn,
    ReportDetailOut,
    ReportEventIn,
    ReportFilters,
    ReportIn,
    ReportLinkIn,
    ReportOut,
    ReportTakeIn,
)
from ..pagination import LimitOffset
from ..schemas import errors
from . import CHANNEL

router = Router(tags=["neighbours"])

WRITE = errors(400, 401, 403, 404, 409, 422)


@router.get("/neighbour-reports", response={200: list[ReportOut], **errors(401, 403, 422)})
@paginate(LimitOffset)
def list_neighbour_reports(request: HttpRequest, filters: Query[ReportFilters]) -> Any:
    """Open reports first, the oldest due first; the search is logged (SEC-3)."""
    user = reader(request)
    reports = selectors.report_search(
        user=user, status=filters.status or "", overdue=filters.overdue, mine=filters.mine
    )
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes=filters.audit_changes(),
        reason="neighbour reports",
        channel=CHANNEL,
    )
    return reports


@router.post("/neighbour-reports", response={201: ReportDetailOut, **errors(400, 401, 403, 422)})
def create_neighbour_report(request: HttpRequest, payload: ReportIn) -> Any:
    """Register a report taken by phone or in person (HOU-8); its response deadline follows
    from the urgency. Audited."""
    user = reader(request)
    access.require(user, access.NEIGHBOUR_HANDLE)  # before the channel is looked up
    channel = selectors.channels_for(user).filter(pk=payload.channel_id).first()
    if channel is None:
        raise InvalidField("channel_id", _("Der er ingen indberetningskanal med dette id."))
    data = services.ReportData(
        **payload.dict(exclude={"channel_id", "received_at"}),
    )
    with audit.via(CHANNEL):
        report = services.report_register(
            acting_user=user, channel=channel, data=data, received_at=payload.received_at
        )
    return Status(201, selectors.report_get(user=user, pk=report.pk))


@router.get(
    "/neighbour-reports/{report_id}",
    response={200: ReportDetailOut, **errors(401, 403, 404, 422)},
)
def get_neighbour_report(request: HttpRequest, report_id: int) -> Any:
    user = reader(request)
    report = selectors.report_get(user=user, pk=report_id)
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(report, pk) for pk in selectors.member_ids(report)],
        channel=CHANNEL,
    )
    return report


@router.post("/neighbour-reports/{report_id}/owner", response={200: ReportDetailOut, **WRITE})
def take_neighbour_report(request: HttpRequest, report_id: int, payload: ReportTakeIn) -> Any:
    """Take the report (the caller becomes responsible) or give it to a colleague who handles
    reports (``owner_id``); a new report moves into progress."""
    user = reader(request)
    report = selectors.report_get(user=user, pk=report_id)
    access.require(user, access.NEIGHBOUR_HANDLE)  # before the colleague is looked up
    owner: StaffUser = user
    if payload.owner_id is not None:
        other = StaffUser.objects.filter(
            municipality_id=access.tenant_id(user), pk=payload.owner_id
        ).first()
        if other is None:
            raise InvalidField("owner_id", _("Medarbejderen findes ikke."))
        owner = other
    with audit.via(CHANNEL):
        services.report_assign_owner(
            report=report, acting_user=user, owner=owner, expected_version=payload.version
        )
    return selectors.report_get(user=user, pk=report_id)


@router.post("/neighbour-reports/{report_id}/events", response={200: ReportDetailOut, **WRITE})
def add_neighbour_report_event(request: HttpRequest, report_id: int, payload: ReportEventIn) -> Any:
    """Write on the report's timeline: a note, the contact with the reporter or a visit (the
    first of those two answers the report and sets its response time). Entries are appended,
    never edited, so no version is needed."""
    user = reader(request)
    report = selectors.report_get(user=user, pk=report_id)
    with audit.via(CHANNEL):
        services.report_add_event(
            report=report, acting_user=user, kind=payload.kind, text=payload.text
        )
    return selectors.report_get(user=user, pk=report_id)


@router.post("/neighbour-reports/{report_id}/link", response={200: ReportDetailOut, **WRITE})
def link_neighbour_report(request: HttpRequest, report_id: int, payload: ReportLinkIn) -> Any:
    """Link the report to the dwelling it is about and the household living there (null
    unlinks); the household's members are audited."""
    user = reader(request)
    report = selectors.report_get(user=user, pk=report_id)
    access.require(user, access.NEIGHBOUR_HANDLE)  # before the dwelling is looked up
    dwelling = household = None
    if payload.dwelling_id is not None:
        dwelling = selectors.dwellings_for_link(user).filter(pk=payload.dwelling_id).first()
        if dwelling is None:
            raise InvalidField("dwelling_id", _("Der er ingen bolig med dette id."))
    if payload.household_id is not None:
        household = selectors.households_for_link(user).filter(pk=payload.household_id).first()
        if household is None:
            raise InvalidField("household_id", _("Der er ingen husstand med dette id."))
    with audit.via(CHANNEL):
        services.report_link(
            report=report,
            acting_user=user,
            dwelling=dwelling,
            household=household,
            expected_version=payload.version,
        )
    return selectors.report_get(user=user, pk=report_id)


@router.post("/neighbour-reports/{report_id}/close", response={200: ReportDetailOut, **WRITE})
def close_neighbour_report(request: HttpRequest, report_id: int, payload: ReportCloseIn) -> Any:
    """Close the report with what came of it (closing answers it if nothing did before)."""
    user = reader(request)
    report = selectors.report_get(user=user, pk=report_id)
    with audit.via(CHANNEL):
        services.report_close(
            report=report,
            acting_user=user,
            resolution=payload.resolution,
            expected_version=payload.version,
        )
    return selectors.report_get(user=user, pk=report_id)


# --- reporting channels: a secret link per landlord or association (HOU-8) --------------------


class ChannelOut(Schema):
    id: int
    name: str
    kind: ChannelKind
    kind_label: str
    active: bool
    link: str = Field(description="the public form's address; whoever has it can report")
    version: int

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_link(obj: Any, context: Any) -> str:
        path = reverse("neighbours-public-report", args=[obj.token])
        return str(context["request"].build_absolute_uri(path))


class ChannelIn(Schema):
    name: str = Field(max_length=120)
    kind: ChannelKind
    active: bool = True


class ChannelPatchIn(Schema):
    version: int
    name: str | None = Field(None, max_length=120)
    kind: ChannelKind | None = None
    active: bool | None = None


class ChannelRenewIn(Schema):
    version: int


@router.get("/report-channels", response={200: list[ChannelOut], **errors(401, 403, 422)})
def list_report_channels(request: HttpRequest) -> Any:
    """The municipality's reporting channels with their links (the housing officers')."""
    return list(selectors.channels_for(reader(request)))


@router.post("/report-channels", response={201: ChannelOut, **errors(400, 401, 403, 422)})
def create_report_channel(request: HttpRequest, payload: ChannelIn) -> Any:
    """A new channel with its own secret link; audited."""
    user = reader(request)
    with audit.via(CHANNEL):
        channel = services.channel_create(acting_user=user, **payload.dict())
    return Status(201, channel)


@router.patch("/report-channels/{channel_id}", response={200: ChannelOut, **WRITE})
def update_report_channel(request: HttpRequest, channel_id: int, payload: ChannelPatchIn) -> Any:
    """Change the fields sent (an inactive channel's link stops working); ``version`` must be
    the one read, else 409 (SEC-5)."""
    user = reader(request)
    channel = selectors.channel_get(user=user, pk=channel_id)
    values = payload.dict(exclude_unset=True, exclude_none=True, exclude={"version"})
    with audit.via(CHANNEL):
        return services.channel_update(
            channel=channel, acting_user=user, expected_version=payload.version, **values
        )


@router.post("/report-channels/{channel_id}/renew", response={200: ChannelOut, **WRITE})
def renew_report_channel(request: HttpRequest, channel_id: int, payload: ChannelRenewIn) -> Any:
    """A new link for the channel; the old one stops working at once."""
    user = reader(request)
    channel = selectors.channel_get(user=user, pk=channel_id)
    with audit.via(CHANNEL):
        return services.channel_renew_token(
            channel=channel, acting_user=user, expected_version=payload.version
        )
