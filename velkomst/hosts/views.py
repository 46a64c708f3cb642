"""Pages of private lodging (HOU-6): parse input, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.housing.selectors import areas_for, composition
from velkomst.people.models import Household
from velkomst.people.views import CONCURRENT_EDIT_MESSAGE

from . import matching, selectors, services
from .forms import (
    DecisionForm,
    HostFilterForm,
    HostForm,
    MeetingProposeForm,
    OfferForm,
    ProfileForm,
)
from .match_input import match_offer, reasons_from_data
from .models import OfferStatus

CANDIDATES_SHOWN = 25
EXCLUDED_SHOWN = 25


def _user(request: HttpRequest) -> Any:
    return request.user


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def _values(form: forms.Form) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _texts(reasons: Any) -> list[dict[str, Any]]:
    language = translation.get_language() or "da"
    return [{"text": matching.render(r, language), "ok": r.ok} for r in reasons]


def _log_households(user: Any, households: list[Household]) -> None:
    """Names and composition of households are their members' data: one read row per member."""
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(h, m.pk) for h in households for m in h.members.all()],
    )


def _status(form: forms.Form, request: HttpRequest) -> int:
    return 422 if request.method == "POST" and form.errors else 200


@require_GET
def host_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = HostFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    hosts = selectors.hosts_search(user=user, status=status)
    return render(request, "hosts/host_list.html", {"form": form, "hosts": hosts})


@require_http_methods(["GET", "POST"])
def host_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    host = selectors.host_get(user=user, pk=pk) if pk is not None else None
    areas = areas_for(user)
    form = HostForm.for_host(host, areas=areas, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if host is None:
                host = services.host_create(acting_user=user, **_values(form))
            else:
                services.host_update(
                    host=host,
                    acting_user=user,
                    expected_version=form.cleaned_data["version"],
                    **_values(form),
                )
        except ValidationError as error:
            _add_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            host = selectors.host_get(user=user, pk=host.pk) if host is not None else None
            form = HostForm.for_host(host, areas=areas)
        else:
            messages.success(request, _("Værten er gemt."))
            return redirect("hosts-host-detail", pk=host.pk)
    title = _("Ret vært %(name)s") % {"name": host.name} if host else _("Ny vært")
    crumbs = [(_("Private værter"), reverse("hosts-host-list"))]
    if host is not None:
        crumbs.append((host.name, reverse("hosts-host-detail", args=[host.pk])))
    return render(
        request,
        "hosts/edit.html",
        {
            "form": form,
            "title": title,
            "crumbs": crumbs,
            "back": crumbs[-1][1],
        },
        status=_status(form, request),
    )


@require_GET
def host_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    host = selectors.host_get(user=user, pk=pk)
    return render(
        request,
        "hosts/host_detail.html",
        {
            "host": host,
            "offers": selectors.offers_of(host),
            "crumbs": [(_("Private værter"), reverse("hosts-host-list"))],
        },
    )


@require_http_methods(["GET", "POST"])
def offer_edit(
    request: HttpRequest, pk: int | None = None, host_pk: int | None = None
) -> HttpResponse:
    """A new offer of a host (``host_pk``) or a change to an offer (``pk``)."""
    user = _user(request)
    access.require(user, access.HOUSING_EDIT)
    offer = selectors.offer_get(user=user, pk=pk) if pk is not None else None
    host = offer.host if offer is not None else selectors.host_get(user=user, pk=host_pk or 0)
    form = OfferForm.for_offer(offer, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if offer is None:
                offer = services.offer_create(acting_user=user, host=host, **_values(form))
            else:
                services.offer_update(
                    offer=offer,
                    acting_user=user,
                    expected_version=form.cleaned_data["version"],
                    **_values(form),
                )
        except ValidationError as error:
            _add_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            offer = selectors.offer_get(user=user, pk=offer.pk) if offer is not None else None
            form = OfferForm.for_offer(offer)
        else:
            messages.success(request, _("Tilbuddet er gemt."))
            return redirect("hosts-offer-detail", pk=offer.pk)
    title = (
        _("Ret tilbud fra %(name)s") % {"name": host.name}
        if offer
        else _("Nyt tilbud fra %(name)s") % {"name": host.name}
    )
    crumbs = [
        (_("Private værter"), reverse("hosts-host-list")),
        (host.name, reverse("hosts-host-detail", args=[host.pk])),
    ]
    if offer is not None:
        crumbs.append((_("Tilbud"), reverse("hosts-offer-detail", args=[offer.pk])))
    return render(
        request,
        "hosts/edit.html",
        {"form": form, "title": title, "crumbs": crumbs, "back": crumbs[-1][1]},
        status=_status(form, request),
    )


@require_GET
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The offer, its meetings and the ranked candidate households with reasons."""
    user = _user(request)
    offer = selectors.offer_get(user=user, pk=pk)
    meetings = list(selectors.meetings_of(offer))
    candidates: list[dict[str, Any]] = []
    excluded: list[dict[str, Any]] = []
    ranked = None
    if offer.status == OfferStatus.OPEN:
        ranked = selectors.candidates(user=user, offer=offer, today=timezone.localdate())
        busy = {m.household_id for m in meetings if m.is_open}
        for c in ranked.result.candidates[:CANDIDATES_SHOWN]:
            household = ranked.households[c.household_id]
            candidates.append(
                {
                    "household": household,
                    "composition": composition(household, list(household.members.all())),
                    "score": c.score,
                    "reasons": _texts(c.reasons),
                    "busy": household.pk in busy,
                }
            )
        for e in ranked.result.excluded[:EXCLUDED_SHOWN]:
            household = ranked.households[e.household_id]
            excluded.append({"household": household, "reasons": _texts(e.reasons)})
    shown = [c["household"] for c in candidates] + [e["household"] for e in excluded]
    shown += [m.household for m in meetings]
    if shown:
        _log_households(user, list({h.pk: h for h in shown}.values()))
    return render(
        request,
        "hosts/offer_detail.html",
        {
            "offer": offer,
            "host": offer.host,
            "meetings": meetings,
            "candidates": candidates,
            "excluded": excluded,
            "candidate_count": len(ranked.result.candidates) if ranked else 0,
            "excluded_count": len(ranked.result.excluded) if ranked else 0,
            "crumbs": [
                (_("Private værter"), reverse("hosts-host-list")),
                (offer.host.name, reverse("hosts-host-detail", args=[offer.host_id])),
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose a meeting between the offer's host and a household (``?household=<id>``)."""
    user = _user(request)
    offer = selectors.offer_get(user=user, pk=pk)
    access.require(user, access.HOUSING_EDIT)
    form = MeetingProposeForm(
        request.POST or None, initial={"household": request.GET.get("household")}
    )
    raw = request.POST.get("household") or request.GET.get("household") or ""
    if not raw.isdigit():
        raise Http404
    household = selectors.household_for_lodging(user=user, pk=int(raw))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_propose(
                acting_user=user,
                offer=offer,
                household=household,
                meeting_at=form.cleaned_data["meeting_at"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Mødet er foreslået."))
            return redirect("hosts-meeting-detail", pk=meeting.pk)
    match = selectors.household_for_match(household=household)
    offer_data = match_offer(offer)
    hard = matching.hard_rules(offer_data, match, timezone.localdate())
    soft = matching.soft_goals(offer_data, match)
    _log_households(user, [household])
    return render(
        request,
        "hosts/meeting_propose.html",
        {
            "offer": offer,
            "household": household,
            "form": form,
            "reasons": _texts(hard + soft),
            "blocked": any(not r.ok for r in hard),
            "title": _("Foreslå møde: %(host)s og %(household)s")
            % {"host": offer.host.name, "household": household.name},
            "crumbs": [
                (_("Private værter"), reverse("hosts-host-list")),
                (offer.host.name, reverse("hosts-host-detail", args=[offer.host_id])),
                (_("Tilbud"), reverse("hosts-offer-detail", args=[offer.pk])),
            ],
        },
        status=_status(form, request),
    )


@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting, the reasons of the match, each side's decision and the outcome."""
    user = _user(request)
    meeting = selectors.meeting_get(user=user, pk=pk)
    editable = access.can(user, access.HOUSING_EDIT) and meeting.is_open
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    offer = meeting.offer
    initial = {
        "version": meeting.version,
        "host_decision": meeting.host_decision,
        "household_decision": meeting.household_decision,
        "start_date": max(offer.available_from, timezone.localdate()),
        "monthly_rent": offer.rent,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_decide(
                meeting=meeting,
                acting_user=user,
                expected_version=data["version"],
                host_decision=data["host_decision"],
                household_decision=data["household_decision"],
                note=data["note"],
                lease=services.LeaseData(
                    start_date=data["start_date"],
                    end_date=data["end_date"],
                    monthly_rent=data["monthly_rent"],
                ),
            )
        except ValidationError as error:
            _add_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("hosts-meeting-detail", pk=meeting.pk)
        else:
            messages.success(request, _("Beslutningerne er gemt."))
            return redirect("hosts-meeting-detail", pk=meeting.pk)
    household = meeting.household
    members = list(household.members.all())
    audit.log_many(actor=user, action=AuditAction.VIEW, objects=[(meeting, m.pk) for m in members])
    return render(
        request,
        "hosts/meeting_detail.html",
        {
            "meeting": meeting,
            "offer": offer,
            "household": household,
            "composition": composition(household, members),
            "reasons": _texts(reasons_from_data(meeting.reasons)),
            "lease": selectors.lease_of(meeting),
            "form": form,
            "editable": editable,
            "title": _("Møde: %(host)s og %(household)s")
            % {"host": offer.host.name, "household": household.name},
            "crumbs": [
                (_("Private værter"), reverse("hosts-host-list")),
                (offer.host.name, reverse("hosts-host-detail", args=[offer.host_id])),
                (_("Tilbud"), reverse("hosts-offer-detail", args=[offer.pk])),
            ],
        },
        status=_status(form, request),
    )


@require_http_methods(["GET", "POST"])
def lodging_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A household's wishes for private lodging: pets, smoking, wish for a private host."""
    user = _user(request)
    household = selectors.household_for_lodging(user=user, pk=pk)
    profile = selectors.profile_for(household)
    editable = access.can(user, access.HOUSING_EDIT)
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    form = ProfileForm.for_profile(profile, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.lodging_profile_save(
                household=household,
                acting_user=user,
                data=services.ProfileData(**_values(form)),
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            form = ProfileForm.for_profile(selectors.profile_for(household))
        else:
            messages.success(request, _("Ønskerne er gemt."))
            return redirect("household-lodging-profile", pk=household.pk)
    if request.method == "GET" and profile is not None:
        audit.log_many(
            actor=user,
            action=AuditAction.VIEW,
            objects=[(profile, m.pk) for m in household.members.all()],
        )
    return render(
        request,
        "hosts/lodging_profile.html",
        {
            "household": household,
            "profile": profile,
            "form": form,
            "editable": editable,
            "title": _("Privat indkvartering: %(name)s") % {"name": household.name},
        },
        status=_status(form, request),
    )
