"""Pages of matching (CIV-2, CIV-3): the coordinator's matches with their follow-ups, the
households with wishes, a household's suggestions (ranked, reasons in words, propose), the
wishes, and one match with the steps its state allows. Thin: parse, call one service or
selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.formats import ui_language
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, form_status
from velkomst.engines import volunteer_matching as engine
from velkomst.people.codes import language_name
from velkomst.volunteers.models import Offer, OfferKind, Weekday

from . import inputs, selectors, services
from .forms import ProposeForm, StepForm, WishForm
from .models import TRANSITIONS, Match, MatchEndReason, MatchState

KIND_LABELS = dict(OfferKind.choices)
FOLLOW_PAGE = "follow_page"  # the follow-ups' page number (the matches' is ``page``)
WEEKDAY_LABELS = dict(Weekday.choices)


def _user(request: HttpRequest) -> Any:
    return request.user


def reasons_in_words(reasons: list[engine.Reason] | list[dict[str, Any]]) -> list[str]:
    lang = ui_language()
    out = []
    for r in reasons:
        reason = engine.reason_from_data(r) if isinstance(r, dict) else r
        out.append(
            engine.render(
                reason,
                lang,
                kind_name=lambda k: str(KIND_LABELS.get(k, k)).lower(),
                language_name=lambda c: language_name(c, lang),
            )
        )
    return out


def _crumbs() -> list[tuple[str, str]]:
    return [(_("Match og opfølgning"), reverse("pairings-list"))]


def _query_without(request: HttpRequest, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@require_GET
def match_list(request: HttpRequest) -> HttpResponse:
    """The matches and the follow-ups, each a page at a time: only the households shown are read
    and audited, a fixed number of queries however many matches there are (CIV-2)."""
    user = _user(request)
    state = request.GET.get("state", "active")
    if state not in ("active", "all", *MatchState.values):
        state = "active"
    qs = selectors.match_list(user=user, state="" if state == "all" else state).prefetch_related(
        "household__members"
    )
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    follow_page = Paginator(
        selectors.follow_ups(user=user, today=timezone.localdate(), members=False),
        settings.VELKOMST_PAGE_SIZE,
    ).get_page(request.GET.get(FOLLOW_PAGE))
    shown = list(page.object_list)
    follow_ups = selectors.with_members(list(follow_page.object_list))
    persons = [p for m in shown for p in m.household.members.all()]
    persons += [p for f in follow_ups for p in f.match.household.members.all()]
    if shown or follow_ups:
        audit.log_many(
            actor=user,
            action="view",
            objects=[(p.household, p.pk) for p in persons],
        )
    return render(
        request,
        "pairings/match_list.html",
        {
            "page": page,
            "matches": shown,
            "state": state,
            "states": [("active", _("Aktive")), *MatchState.choices, ("all", _("Alle"))],
            "follow_page": follow_page,
            "follow_page_param": FOLLOW_PAGE,
            "follow_ups": follow_ups,
            "follow_query_string": _query_without(request, FOLLOW_PAGE),
            "query_string": _query_without(request, "page") or f"state={state}",
            "can_edit": access.can(user, access.PAIRING_EDIT),
        },
    )


@require_GET
def household_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    page = Paginator(selectors.households_with_wishes(user), settings.VELKOMST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = list(page.object_list)
    entries = {e.id: e for e in inputs.households([h.pk for h in rows], timezone.localdate())}
    for h in rows:
        audit.log(actor=user, action="view", obj=h)
    return render(
        request,
        "pairings/household_list.html",
        {
            "page": page,
            "rows": [(h, entries[h.pk]) for h in rows],
            "kind_labels": KIND_LABELS,
        },
    )


@require_GET
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    household = selectors.household_get(user=user, pk=pk)
    found = selectors.suggestions(user=user, household=household)
    wish = selectors.wish_of(household)
    rows = [
        {
            "offer": s.offer,
            "score": s.suggestion.score,
            "reasons": reasons_in_words(list(s.suggestion.reasons)),
        }
        for s in found.rows
    ]
    audit.log_read(actor=user, obj=household, persons=household.members.all())
    return render(
        request,
        "pairings/suggestions.html",
        {
            "household": household,
            "entry": found.household,
            "wish": wish,
            "wish_kinds": [KIND_LABELS.get(k, k) for k in (wish.kinds if wish else [])],
            "wish_days": [WEEKDAY_LABELS.get(d, d) for d in (wish.weekdays if wish else [])],
            "rows": rows,
            "matches": selectors.household_matches(household),
            "form": ProposeForm(),
            "can_edit": access.can(user, access.PAIRING_EDIT),
            "can_wish": access.can(user, access.PAIRING_WISH),
            "crumbs": [*_crumbs(), (household.name, request.path)],
        },
    )


@require_http_methods(["GET", "POST"])
def wish_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PAIRING_WISH)
    household = selectors.household_get(user=user, pk=pk)
    wish = selectors.wish_of(household)
    initial = (
        {
            "version": wish.version,
            "kinds": wish.kinds,
            "interests": ", ".join(wish.interests),
            "weekdays": wish.weekdays,
            "note": wish.note,
        }
        if wish
        else {}
    )
    form = WishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.wish_save(
                actor=user,
                household=household,
                kinds=data["kinds"],
                interests=data["interests"],
                weekdays=data["weekdays"],
                note=data["note"],
                expected_version=data.get("version") or None,
            )
        except ValidationError as error:
            for name, errs in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errs)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("pairings-wish", pk=pk)
        else:
            messages.success(request, _("Ønskerne er gemt."))
            return redirect("pairings-suggestions", pk=pk)
    audit.log_read(actor=user, obj=household, persons=household.members.all())
    back = reverse("pairings-suggestions", args=[pk])
    return render(
        request,
        "pairings/form.html",
        {
            "form": form,
            "title": _("Ønsker til en frivillig: %(name)s") % {"name": household.name},
            "back": back,
            "crumbs": [*_crumbs(), (household.name, back)],
        },
        status=form_status(request, form),
    )


@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PAIRING_EDIT)
    household = selectors.household_get(user=user, pk=pk)
    form = ProposeForm(request.POST)
    offer = None
    if form.is_valid():
        offer = (
            Offer.objects.filter(
                municipality_id=access.tenant_id(user), pk=form.cleaned_data["offer"]
            )
            .select_related("volunteer")
            .first()
        )
    if offer is None:
        messages.error(request, _("Tilbuddet findes ikke."))
        return redirect("pairings-suggestions", pk=pk)
    try:
        match = services.match_propose(actor=user, household=household, offer=offer)
    except ValidationError as error:
        for errs in error.message_dict.values():
            for message in errs:
                messages.error(request, message)
        return redirect("pairings-suggestions", pk=pk)
    messages.success(
        request,
        _("Matchet med %(name)s er foreslået. Begge parter skal nu svare.")
        % {"name": offer.volunteer.name},
    )
    return redirect("pairings-match", pk=match.pk)


def _allowed(match: Match) -> list[str]:
    nexts = TRANSITIONS[match.state]
    out = []
    if match.state == MatchState.PROPOSED:
        out += ["accept", "decline"]
    if MatchState.MET in nexts:
        out.append("met")
    if MatchState.ONGOING in nexts:
        out.append("follow_up")
    if MatchState.ENDED in nexts:
        out.append("end")
    return out


def _detail(request: HttpRequest, match: Match, form: StepForm | None = None) -> HttpResponse:
    user = _user(request)
    audit.log_read(actor=user, obj=match, persons=match.household.members.all())
    return render(
        request,
        "pairings/match_detail.html",
        {
            "match": match,
            "reasons": reasons_in_words(match.reasons),
            "allowed": _allowed(match) if access.can(user, access.PAIRING_EDIT) else [],
            "form": form,
            "end_reasons": MatchEndReason.choices,
            "today": timezone.localdate(),
            "deadlines": selectors.deadlines(match.municipality, match, timezone.localdate()),
            "crumbs": [
                *_crumbs(),
                (match.household.name, reverse("pairings-suggestions", args=[match.household_id])),
            ],
        },
        status=422 if form is not None and form.errors else 200,
    )


@require_GET
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.match_get(user=_user(request), pk=pk))


@require_POST
def match_step(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PAIRING_EDIT)
    match = selectors.match_get(user=user, pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _detail(request, match, form)
    data = form.cleaned_data
    action, version = data["action"], data["version"]
    try:
        if action == "accept":
            services.match_accept(
                actor=user, match=match, side=data["side"], expected_version=version
            )
        elif action == "decline":
            services.match_decline(
                actor=user,
                match=match,
                side=data["side"],
                reason=data["reason"],
                expected_version=version,
            )
        elif action == "met":
            services.match_first_meeting(
                actor=user, match=match, held_on=data["held_on"], expected_version=version
            )
        elif action == "follow_up":
            services.match_follow_up(actor=user, match=match, expected_version=version)
        else:
            services.match_end(
                actor=user,
                match=match,
                reason=data["end_reason"],
                note=data["note"],
                expected_version=version,
            )
    except ValidationError as error:
        for name, errs in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errs)
        return _detail(request, selectors.match_get(user=user, pk=pk), form)
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
        return redirect("pairings-match", pk=pk)
    messages.success(request, _("Matchet er opdateret."))
    return redirect("pairings-match", pk=pk)
