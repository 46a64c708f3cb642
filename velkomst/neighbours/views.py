"""Pages for neighbour problems (HOU-8): the landlords' public form and receipt, and the staff's
case list, case page, timeline and reporting channels. Parse input, call one service or selector,
render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import (
    CONCURRENT_EDIT_MESSAGE,
    add_form_errors,
    edit_versioned,
    form_page,
    form_status,
    submit_form,
)

from . import selectors, services
from .forms import (
    CONSENT_TEXT,
    ChannelForm,
    CloseForm,
    EventForm,
    LinkForm,
    OwnerForm,
    ReportFilterForm,
    ReportForm,
    StaffReportForm,
)
from .models import NeighbourReport, ReportStatus

RECEIPT_SALT = "velkomst.neighbours.receipt"
RECEIPT_MAX_AGE = 24 * 3600
CLOSED_MESSAGE = gettext_lazy("Sagen er lukket og kan ikke ændres.")
TOO_MANY_MESSAGE = gettext_lazy(
    "Der er sendt mange indberetninger gennem dette link den seneste time. "
    "Prøv igen senere, eller ring til kommunen."
)


def _user(request: HttpRequest) -> Any:
    return request.user


# --- The public side: no login, no citizen's data ----------------------------------------------


@require_http_methods(["GET", "POST"])
def public_report(request: HttpRequest, token: str) -> HttpResponse:
    """The form a landlord or housing association opens from the link the municipality sent.
    It shows the channel's and municipality's names only."""
    channel = selectors.channel_by_token(token)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_submit(channel=channel, data=form.report_data())
        except ValidationError as error:
            add_form_errors(form, error)
        except services.TooManyReports:
            form.add_error(None, TOO_MANY_MESSAGE)
            status = 429
        else:
            receipt = signing.dumps(
                {"n": report.number, "d": report.response_due.isoformat()}, salt=RECEIPT_SALT
            )
            url = reverse("neighbours-public-receipt", args=[token])
            return redirect(f"{url}?r={receipt}")
    if request.method == "POST" and form.errors and status == 200:
        status = 422
    return render(
        request,
        "neighbours/public_form.html",
        {
            "channel": channel,
            "form": form,
            "consent_text": CONSENT_TEXT,
            "days": selectors.response_days(channel.municipality),
        },
        status=status,
    )


@require_GET
def public_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt: the case number and when the municipality answers at the latest. Signed in
    the address (no session, and no way to look up someone else's report)."""
    channel = selectors.channel_by_token(token)
    try:
        values = signing.loads(request.GET.get("r", ""), salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
        number, due = str(values["n"]), date.fromisoformat(values["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise Http404 from error
    return render(
        request,
        "neighbours/public_receipt.html",
        {"channel": channel, "number": number, "due": due},
    )


# --- Staff pages ---------------------------------------------------------------------------------


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """The municipality's reports with filters, overdue flags and response times per month."""
    user = _user(request)
    access.require(user, access.NEIGHBOUR_VIEW)
    owners = selectors.handlers(user)
    form = ReportFilterForm(request.GET or None, owners=owners)
    filters = form.cleaned_data if form.is_valid() else {}
    status = filters.get("status", "")
    qs = selectors.report_search(
        user=user,
        status="" if status == "open" else status,
        owner=filters.get("owner"),
        overdue=bool(filters.get("overdue")),
        mine=bool(filters.get("mine")),
    )
    if status == "open":
        qs = qs.exclude(status=ReportStatus.CLOSED)
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "neighbours/report_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "figures": selectors.response_figures(user=user),
            "counts": selectors.open_counts(user),
        },
    )


@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    """Register a report received by phone."""
    user = _user(request)
    access.require(user, access.NEIGHBOUR_HANDLE)
    channels = selectors.channels_for(user).filter(active=True)
    form = StaffReportForm(request.POST or None, channels=channels)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_register(
                acting_user=user,
                channel=form.cleaned_data["channel"],
                data=form.report_data(),
                received_at=form.cleaned_data.get("received_at"),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Sag %(number)s er oprettet.") % {"number": report.number})
            return redirect("neighbours-report-detail", pk=report.pk)
    return render(
        request,
        "neighbours/report_create.html",
        {"form": form, "channels": channels, "consent_text": CONSENT_TEXT},
        status=form_status(request, form),
    )


def _detail(
    request: HttpRequest,
    report: NeighbourReport,
    *,
    event_form: EventForm | None = None,
    owner_form: OwnerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    handle = access.can(user, access.NEIGHBOUR_HANDLE)
    members = selectors.member_ids(report)
    if members:
        audit.log_many(
            actor=user, action=AuditAction.VIEW, objects=[(report, pk) for pk in members]
        )
    owners = selectors.handlers(user) if handle else None
    return render(
        request,
        "neighbours/report_detail.html",
        {
            "report": report,
            "events": selectors.report_events(report),
            "handle": handle and report.status != ReportStatus.CLOSED,
            "event_form": event_form or EventForm(),
            "owner_form": owner_form
            or (
                OwnerForm(
                    initial={"owner": report.owner_id or user.pk, "version": report.version},
                    owners=owners,
                )
                if owners is not None
                else None
            ),
            "crumbs": [(_("Naboproblemer"), reverse("neighbours-report-list"))],
        },
        status=status,
    )


def _submit(
    request: HttpRequest,
    report: NeighbourReport,
    form: forms.Form,
    call: Callable[[], Any],
    *,
    saved: str,
    conflict: str | None = None,
) -> HttpResponse | None:
    """``submit_form`` back to the report's page; a closed report says so there."""
    detail = reverse("neighbours-report-detail", args=[report.pk])
    try:
        return submit_form(request, form, call, saved=saved, done=detail, conflict=conflict)
    except services.ReportClosedError:
        messages.error(request, CLOSED_MESSAGE)
        return redirect(detail)


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.NEIGHBOUR_VIEW)
    return _detail(request, selectors.report_get(user=user, pk=pk))


@require_POST
def report_event_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.NEIGHBOUR_HANDLE)
    report = selectors.report_get(user=user, pk=pk)
    form = EventForm(request.POST)
    if form.is_valid():
        done = _submit(
            request,
            report,
            form,
            lambda: services.report_add_event(
                report=report,
                acting_user=user,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            ),
            saved=_("Hændelsen er gemt."),
        )
        if done is not None:
            return done
    return _detail(request, report, event_form=form, status=422)


@require_POST
def report_owner(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the report (``take``: the acting user) or give it to another housing officer."""
    user = _user(request)
    access.require(user, access.NEIGHBOUR_HANDLE)
    report = selectors.report_get(user=user, pk=pk)
    owners = selectors.handlers(user)
    data = request.POST.copy()
    if "take" in data:
        data["owner"] = str(user.pk)
    form = OwnerForm(data, owners=owners)
    if form.is_valid():
        done = _submit(
            request,
            report,
            form,
            lambda: services.report_assign_owner(
                report=report,
                acting_user=user,
                owner=form.cleaned_data["owner"],
                expected_version=form.cleaned_data["version"],
            ),
            saved=_("Den ansvarlige er gemt."),
        )
        if done is not None:
            return done
    return _detail(request, report, owner_form=form, status=422)


@require_http_methods(["GET", "POST"])
def report_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the report to a dwelling and the household living there; the dwellings whose address
    matches are suggested with their households."""
    user = _user(request)
    access.require(user, access.NEIGHBOUR_HANDLE)
    report = selectors.report_get(user=user, pk=pk)
    dwellings = selectors.dwellings_for_link(user)
    households = selectors.households_for_link(user)
    initial = {
        "dwelling": report.dwelling_id,
        "household": report.household_id,
        "version": report.version,
    }
    form = LinkForm(
        request.POST or None, initial=initial, dwellings=dwellings, households=households
    )
    if request.method == "POST" and form.is_valid():
        done = _submit(
            request,
            report,
            form,
            lambda: services.report_link(
                report=report,
                acting_user=user,
                dwelling=form.cleaned_data["dwelling"],
                household=form.cleaned_data["household"],
                expected_version=form.cleaned_data["version"],
            ),
            saved=_("Sagen er knyttet til boligen og husstanden."),
            conflict=reverse("neighbours-report-link", args=[report.pk]),
        )
        if done is not None:
            return done
    return render(
        request,
        "neighbours/report_link.html",
        {
            "report": report,
            "form": form,
            "suggestions": selectors.link_suggestions(user=user, report=report),
            "crumbs": [
                (_("Naboproblemer"), reverse("neighbours-report-list")),
                (report.number, reverse("neighbours-report-detail", args=[report.pk])),
            ],
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def report_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.NEIGHBOUR_HANDLE)
    report = selectors.report_get(user=user, pk=pk)
    if report.status == ReportStatus.CLOSED:
        messages.error(request, CLOSED_MESSAGE)
        return redirect("neighbours-report-detail", pk=report.pk)
    form = CloseForm(request.POST or None, initial={"version": report.version})
    if request.method == "POST" and form.is_valid():
        done = _submit(
            request,
            report,
            form,
            lambda: services.report_close(
                report=report,
                acting_user=user,
                resolution=form.cleaned_data["resolution"],
                expected_version=form.cleaned_data["version"],
            ),
            saved=_("Sagen er lukket."),
        )
        if done is not None:
            return done
    return render(
        request,
        "neighbours/report_close.html",
        {
            "report": report,
            "form": form,
            "crumbs": [
                (_("Naboproblemer"), reverse("neighbours-report-list")),
                (report.number, reverse("neighbours-report-detail", args=[report.pk])),
            ],
        },
        status=form_status(request, form),
    )


# --- Channels ----------------------------------------------------------------------------------


@require_GET
def channel_list(request: HttpRequest) -> HttpResponse:
    """The reporting channels, each with the link to send to the landlord or association."""
    user = _user(request)
    channels = selectors.channels_for(user)
    links = [
        (c, request.build_absolute_uri(reverse("neighbours-public-report", args=[c.token])))
        for c in channels
    ]
    return render(request, "neighbours/channel_list.html", {"links": links})


@require_http_methods(["GET", "POST"])
def channel_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.NEIGHBOUR_HANDLE)
    channel, form, done = edit_versioned(
        request,
        load=lambda: selectors.channel_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda channel, data: ChannelForm.for_channel(channel, data=data),
        save=lambda channel, version, values: (
            services.channel_create(acting_user=user, **values)
            if channel is None
            else services.channel_update(
                channel=channel, acting_user=user, expected_version=version, **values
            )
        ),
        saved=_("Kanalen er gemt."),
        done=lambda _channel: reverse("neighbours-channel-list"),
    )
    if done is not None:
        return done
    title = _("Ret kanal %(name)s") % {"name": channel.name} if channel else _("Ny kanal")
    return form_page(
        request,
        form,
        title=title,
        back=reverse("neighbours-channel-list"),
        crumbs=[(_("Indberetningskanaler"), reverse("neighbours-channel-list"))],
    )


@require_POST
def channel_renew(request: HttpRequest, pk: int) -> HttpResponse:
    """A new link for the channel; the old one stops working."""
    user = _user(request)
    access.require(user, access.NEIGHBOUR_HANDLE)
    channel = selectors.channel_get(user=user, pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.channel_renew_token(channel=channel, acting_user=user, expected_version=version)
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
    else:
        messages.success(
            request,
            _("Kanalen %(name)s har fået et nyt link. Det gamle virker ikke længere.")
            % {"name": channel.name},
        )
    return redirect("neighbours-channel-list")
