"""Pages of private lodging (HOU-6): parse input, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.core.views import (
    add_form_errors,
    edit_versioned,
    form_page,
    form_status,
    submit_form,
)
from velkomst.housing.selectors import areas_for, composition
from velkomst.people.models import Household

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
from .models import HostOffer, OfferStatus

CANDIDATES_SHOWN = 25
EXCLUDED_SHOWN = 25


def _user(request: HttpRequest) -> Any:
    return request.user


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


def _offer_crumbs(offer: HostOffer) -> list[tuple[str, str]]:
    return [
        (_("Private værter"), reverse("hosts-host-list")),
        (offer.host.name, reverse("hosts-host-detail", args=[offer.host_id])),
        (_("Tilbud"), reverse("hosts-offer-detail", args=[offer.pk])),
    ]


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
    areas = areas_for(user)
    host, form, done = edit_versioned(
        request,
        load=lambda: selectors.host_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda host, data: HostForm.for_host(host, areas=areas, data=data),
        save=lambda host, version, values: (
            services.host_create(acting_user=user, **values)
            if host is None
            else services.host_update(
                host=host, acting_user=user, expected_version=version, **values
            )
        ),
        saved=_("Værten er gemt."),
        done=lambda host: reverse("hosts-host-detail", args=[host.pk]),
    )
    if done is not None:
        return done
    title = _("Ret vært %(name)s") % {"name": host.name} if host else _("Ny vært")
    crumbs = [(_("Private værter"), reverse("hosts-host-list"))]
    if host is not None:
        crumbs.append((host.name, reverse("hosts-host-detail", args=[host.pk])))
    return form_page(
        request, form, title=title, back=crumbs[-1][1], crumbs=crumbs, template="hosts/edit.html"
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
    new_for = selectors.host_get(user=user, pk=host_pk or 0) if pk is None else None

    def save(offer: HostOffer | None, version: int, values: dict[str, Any]) -> HostOffer:
        if offer is None:
            assert new_for is not None
            return services.offer_create(acting_user=user, host=new_for, **values)
        return services.offer_update(
            offer=offer, acting_user=user, expected_version=version, **values
        )

    offer, form, done = edit_versioned(
        request,
        load=lambda: selectors.offer_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda offer, data: OfferForm.for_offer(offer, data=data),
        save=save,
        saved=_("Tilbuddet er gemt."),
        done=lambda offer: reverse("hosts-offer-detail", args=[offer.pk]),
    )
    if done is not None:
        return done
    host = new_for or offer.host
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
    return form_page(
        request, form, title=title, back=crumbs[-1][1], crumbs=crumbs, template="hosts/edit.html"
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
            add_form_errors(form, error)
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
            "crumbs": _offer_crumbs(offer),
        },
        status=form_status(request, form),
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
        done = submit_form(
            request,
            form,
            lambda: services.meeting_decide(
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
            ),
            saved=_("Beslutningerne er gemt."),
            done=reverse("hosts-meeting-detail", args=[meeting.pk]),
        )
        if done is not None:
            return done
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
            "crumbs": _offer_crumbs(offer),
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def lodging_profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A household's wishes for private lodging: pets, smoking, wish for a private host."""
    user = _user(request)
    household = selectors.household_for_lodging(user=user, pk=pk)
    editable = access.can(user, access.HOUSING_EDIT)
    if request.method == "POST":
        access.require(user, access.HOUSING_EDIT)
    profile, form, done = edit_versioned(
        request,
        load=lambda: selectors.profile_for(household),
        make_form=lambda profile, data: ProfileForm.for_profile(profile, data=data),
        save=lambda _profile, version, values: services.lodging_profile_save(
            household=household,
            acting_user=user,
            data=services.ProfileData(**values),
            expected_version=version,
        ),
        saved=_("Ønskerne er gemt."),
        done=lambda _profile: reverse("household-lodging-profile", args=[household.pk]),
    )
    if done is not None:
        return done
    audit.log_read(actor=user, obj=profile or household, persons=household.members.all())
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
        status=form_status(request, form),
    )
