"""Pages of health (HEA-1, HEA-2) and barriers (PRG-6): parse input, call one service or selector,
render. Every page that shows health data logs its read with the reason "Helbredsoplysninger"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit
from velkomst.core.models import AuditAction
from velkomst.core.views import edit_versioned, form_status, submit_form
from velkomst.people.models import Person

from . import policy, rules, selectors, services
from .forms import (
    AssessmentForm,
    BarrierForm,
    ConsentForm,
    CoordinationForm,
    MeasureForm,
    OfferAnswerForm,
    OfferForm,
    ReferralForm,
    ShareForm,
)
from .models import HEALTH_BARRIERS, BarrierKind, ReferralStatus

OVERVIEW_REASON = "Sundhed: oversigt"


def _user(request: HttpRequest) -> Any:
    return request.user


def _health_crumbs(person: Person) -> list[tuple[str, str]]:
    return [
        (_("Sundhed"), reverse("health-overview")),
        (person.full_name, reverse("health-person", args=[person.pk])),
    ]


def _form(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    crumbs: list[tuple[str, str]],
    person: Person | None = None,
) -> HttpResponse:
    return render(
        request,
        "health/form.html",
        {"form": form, "title": title, "back": back, "crumbs": crumbs, "person": person},
        status=form_status(request, form),
    )


# --- the health coordinator's overview and the person's health page ---------------------------


VIEWS = ("offers", "waiting")  # ?view=: one list of the overview, all its rows by page


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Offers not answered, adults not offered an assessment, referrals by status (HEA-1).
    ``?view=offers`` or ``?view=waiting`` shows that list alone, every row by page; otherwise the
    page lists the referrals (``?status=``) by page and the first rows of the two others."""
    user = _user(request)
    policy.require_health_view(user)
    today = timezone.localdate()
    status = request.GET.get("status", "")
    if status not in ReferralStatus.values:
        status = ""
    view = request.GET.get("view", "")
    if view not in VIEWS:
        view = ""
    offers = selectors.offers_unanswered(user)
    waiting = selectors.persons_without_offer(user, today)
    referrals = selectors.referrals_by_status(user, status)
    counts = selectors.referral_counts(user)
    listed = {"offers": offers, "waiting": waiting}.get(view, referrals)
    page = Paginator(listed, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    shown: dict[str, list[Any]] = {
        "offers": list(page.object_list if view == "offers" else offers[: selectors.OVERVIEW_ROWS]),
        "waiting": list(
            page.object_list if view == "waiting" else waiting[: selectors.OVERVIEW_ROWS]
        ),
    }
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes={k: [None, v] for k, v in {"status": status, "view": view}.items() if v} or None,
        reason=OVERVIEW_REASON,
    )
    waiting_rows = shown["waiting"]
    due = rules.offers_due(user.municipality, [p.case.takeover_date for p in waiting_rows])
    for person in waiting_rows:
        person.offer_due = due[person.case.takeover_date]
    query = {k: v for k, v in {"status": status, "view": view}.items() if v}
    return render(
        request,
        "health/overview.html",
        {
            **shown,
            "view": view,
            "offer_count": offers.count(),
            "waiting_count": waiting.count(),
            "page": page,
            "status": status,
            "statuses": [(v, label, counts.get(v, 0)) for v, label in ReferralStatus.choices],
            "today": today,
            "query_string": "&".join(f"{k}={v}" for k, v in query.items()),
        },
    )


@require_GET
def person_health(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = selectors.health_person_get(user=user, pk=pk)
    record = selectors.health_record(user=user, person=person)
    return render(
        request,
        "health/person.html",
        {
            "person": person,
            "record": record,
            "crumbs": [(_("Sundhed"), reverse("health-overview"))],
            "can_edit": policy.can_edit_health(user),
        },
    )


def _person_form(
    request: HttpRequest,
    pk: int,
    *,
    make: Callable[[Any], Any],
    call: Callable[[Person, dict[str, Any]], Any],
    title: str,
    saved: str,
) -> HttpResponse:
    """A form that records something new on the person's health page."""
    user = _user(request)
    policy.require_health_edit(user)
    person = selectors.health_person_get(user=user, pk=pk)
    form = make(request.POST or None)
    back = reverse("health-person", args=[person.pk])
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        done = submit_form(request, form, lambda: call(person, values), saved=saved, done=back)
        if done is not None:
            return done
    selectors.log_health_read(user, person, [person.pk])
    return _form(
        request,
        form,
        title=title % {"name": person.full_name},
        back=back,
        crumbs=_health_crumbs(person),
        person=person,
    )


@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _person_form(
        request,
        pk,
        make=lambda data: OfferForm(data, initial={"offered_on": timezone.localdate()}),
        call=lambda person, values: services.offer_create(actor=user, person=person, **values),
        title=_("Tilbud om helbredsvurdering til %(name)s"),
        saved=_("Tilbuddet er registreret."),
    )


@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _person_form(
        request,
        pk,
        make=lambda data: AssessmentForm(
            data, initial={"version": 0, "assessed_on": timezone.localdate()}
        ),
        call=lambda person, values: services.assessment_record(actor=user, person=person, **values),
        title=_("Helbredsvurdering af %(name)s"),
        saved=_("Helbredsvurderingen er gemt."),
    )


@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _person_form(
        request,
        pk,
        make=lambda data: ReferralForm(
            data, initial={"version": 0, "referred_on": timezone.localdate()}
        ),
        call=lambda person, values: services.referral_create(actor=user, person=person, **values),
        title=_("Henvisning af %(name)s"),
        saved=_("Henvisningen er gemt."),
    )


@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    units = selectors.units_for(user)
    return _person_form(
        request,
        pk,
        make=lambda data: ConsentForm(
            data, units=units, initial={"given_on": timezone.localdate()}
        ),
        call=lambda person, values: services.consent_record(actor=user, person=person, **values),
        title=_("Samtykke fra %(name)s til deling af helbredsoplysninger"),
        saved=_("Samtykket er registreret."),
    )


def _edit(
    request: HttpRequest,
    *,
    load: Callable[[], Any],
    make_form: Callable[[Any, Any], Any],
    save: Callable[[Any, int, dict[str, Any]], Any],
    title: str,
    saved: str,
) -> HttpResponse:
    """Edit a versioned record of the person's health page (SEC-5)."""
    user = _user(request)
    policy.require_health_edit(user)
    record, form, done = edit_versioned(
        request,
        load=load,
        make_form=make_form,
        save=save,
        saved=saved,
        done=lambda obj: reverse("health-person", args=[obj.person_id]),
    )
    if done is not None:
        return done
    person = record.person
    selectors.log_health_read(user, record, [person.pk])
    return _form(
        request,
        form,
        title=title % {"name": person.full_name},
        back=reverse("health-person", args=[person.pk]),
        crumbs=_health_crumbs(person),
        person=person,
    )


def _initial(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {**{name: getattr(obj, name) for name in names}, "version": obj.version}


@require_http_methods(["GET", "POST"])
def offer_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _edit(
        request,
        load=lambda: selectors.offer_get(user=user, pk=pk),
        make_form=lambda offer, data: OfferAnswerForm(
            data, initial=_initial(offer, ("answer", "answered_on"))
        ),
        save=lambda offer, version, values: services.offer_answer(
            actor=user, offer=offer, expected_version=version, **values
        ),
        title=_("Svar på tilbud om helbredsvurdering: %(name)s"),
        saved=_("Svaret er gemt."),
    )


@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _edit(
        request,
        load=lambda: selectors.assessment_get(user=user, pk=pk),
        make_form=lambda assessment, data: AssessmentForm(
            data, initial=_initial(assessment, services.ASSESSMENT_FIELDS)
        ),
        save=lambda assessment, version, values: services.assessment_update(
            actor=user, assessment=assessment, expected_version=version, **values
        ),
        title=_("Ret helbredsvurdering af %(name)s"),
        saved=_("Helbredsvurderingen er gemt."),
    )


@require_http_methods(["GET", "POST"])
def referral_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _edit(
        request,
        load=lambda: selectors.referral_get(user=user, pk=pk),
        make_form=lambda referral, data: ReferralForm(
            data, initial=_initial(referral, services.REFERRAL_FIELDS)
        ),
        save=lambda referral, version, values: services.referral_update(
            actor=user, referral=referral, expected_version=version, **values
        ),
        title=_("Ret henvisning af %(name)s"),
        saved=_("Henvisningen er gemt."),
    )


@require_http_methods(["GET", "POST"])
def assessment_share(request: HttpRequest, pk: int) -> HttpResponse:
    """Share the result with another unit, if the person's consent covers it today."""
    user = _user(request)
    policy.require_health_edit(user)
    assessment = selectors.assessment_get(user=user, pk=pk)
    person = assessment.person
    form = ShareForm(request.POST or None, units=selectors.units_for(user))
    back = reverse("health-person", args=[person.pk])
    if request.method == "POST" and form.is_valid():
        done = submit_form(
            request,
            form,
            lambda: services.result_share(actor=user, assessment=assessment, **form.cleaned_data),
            saved=_("Resultatet er delt og delingen er registreret."),
            done=back,
        )
        if done is not None:
            return done
    selectors.log_health_read(user, assessment, [person.pk])
    return _form(
        request,
        form,
        title=_("Del resultatet af %(name)s' helbredsvurdering") % {"name": person.full_name},
        back=back,
        crumbs=_health_crumbs(person),
        person=person,
    )


# --- barriers (PRG-6) ------------------------------------------------------------------------


@require_GET
def person_barriers(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = selectors.barriers_person_get(user=user, pk=pk)
    rows = selectors.barriers_for(user=user, person=person)
    return render(
        request,
        "health/barriers.html",
        {
            "person": person,
            "rows": rows,
            "can_edit": policy.can_edit_barriers(user),
            "crumbs": [(person.full_name, reverse("person-detail", args=[person.pk]))],
            "today": timezone.localdate(),
        },
    )


@require_GET
def barrier_followups(request: HttpRequest) -> HttpResponse:
    """The open barriers the user is responsible for whose follow-up day has come (PRG-6)."""
    user = _user(request)
    if not policy.can_see_barriers(user):
        raise PermissionDenied("barriers")
    today = timezone.localdate()
    page = Paginator(selectors.barriers_due(user, today), settings.VELKOMST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit.log(actor=user, action=AuditAction.SEARCH, reason="Barrierer til opfølgning")
    return render(
        request,
        "health/followups.html",
        {"rows": selectors.barrier_rows(user, list(page.object_list)), "page": page},
    )


def _barrier_kinds(user: Any) -> list[tuple[str, Any]]:
    """Health and trauma barriers are recorded by those who record health data."""
    health = policy.can_edit_health(user)
    return [(v, label) for v, label in BarrierKind.choices if health or v not in HEALTH_BARRIERS]


@require_http_methods(["GET", "POST"])
def barrier_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if not policy.can_edit_barriers(user):
        raise PermissionDenied("barriers")
    person = selectors.barriers_person_get(user=user, pk=pk)
    form = BarrierForm(
        request.POST or None,
        staff=selectors.responsible_choices(user),
        kinds=_barrier_kinds(user),
        initial={"version": 0, "responsible": user.pk},
        new=True,
    )
    back = reverse("person-barriers", args=[person.pk])
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        done = submit_form(
            request,
            form,
            lambda: services.barrier_create(actor=user, person=person, **values),
            saved=_("Barrieren er gemt."),
            done=back,
        )
        if done is not None:
            return done
    audit.log_read(actor=user, obj=person, persons=[person])
    return _form(
        request,
        form,
        title=_("Ny barriere for %(name)s") % {"name": person.full_name},
        back=back,
        crumbs=[(person.full_name, reverse("person-detail", args=[person.pk]))],
        person=person,
    )


@require_http_methods(["GET", "POST"])
def barrier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    barrier = selectors.barrier_get(user=user, pk=pk)
    if barrier.kind in HEALTH_BARRIERS:
        policy.require_health_edit(user)
    elif not policy.can_edit_barriers(user):
        raise PermissionDenied("barriers")
    barrier, form, done = edit_versioned(
        request,
        load=lambda: selectors.barrier_get(user=user, pk=pk),
        make_form=lambda b, data: BarrierForm(
            data,
            staff=selectors.responsible_choices(user),
            kinds=_barrier_kinds(user),
            initial={**_initial(b, services.BARRIER_FIELDS), "responsible": b.responsible_id},
        ),
        save=lambda b, version, values: services.barrier_update(
            actor=user, barrier=b, expected_version=version, **values
        ),
        saved=_("Barrieren er gemt."),
        done=lambda b: reverse("person-barriers", args=[b.person_id]),
    )
    if done is not None:
        return done
    person = barrier.person
    if barrier.kind in HEALTH_BARRIERS:
        selectors.log_health_read(user, barrier, [person.pk])
    else:
        audit.log_read(actor=user, obj=barrier, persons=[person])
    return _form(
        request,
        form,
        title=_("Ret barriere for %(name)s") % {"name": person.full_name},
        back=reverse("person-barriers", args=[person.pk]),
        crumbs=[(person.full_name, reverse("person-detail", args=[person.pk]))],
        person=person,
    )


# --- coordinated plans (HEA-2) ----------------------------------------------------------------


@require_GET
def coordination_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # everyone sees the plans they coordinate; all of them: the plans' teams
    team = selectors.can_see_coordination(user)
    mine = request.GET.get("scope", "mine") != "all" or not team
    qs = selectors.coordinations_of(user) if mine else selectors.coordinations_visible_to(user)
    page = Paginator(qs.order_by("-started_on", "-id"), settings.VELKOMST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes={"mine": [None, mine]},
        reason="Koordinerede indsatser",
    )
    return render(
        request, "health/coordination_list.html", {"page": page, "mine": mine, "team": team}
    )


@require_http_methods(["GET", "POST"])
def coordination_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if not (access.can(user, access.PLAN_EDIT) or policy.can_edit_health(user)):
        raise PermissionDenied("coordination")
    household = selectors.household_for_coordination(user=user, pk=pk)
    form = CoordinationForm(
        request.POST or None,
        staff=selectors.responsible_choices(user),
        initial={"coordinator": user.pk, "started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        created: list[Any] = []
        done = submit_form(
            request,
            form,
            lambda: created.append(
                services.coordination_create(actor=user, household=household, **form.cleaned_data)
            ),
            saved=_("Den koordinerede indsats er oprettet."),
            done=reverse("coordination-list"),
        )
        if done is not None:
            return redirect("coordination-detail", created[0].pk) if created else done
    audit.log_read(actor=user, obj=household, persons=household.members.all())
    return _form(
        request,
        form,
        title=_("Koordineret indsats for %(name)s") % {"name": household.name},
        back=reverse("household-detail", args=[household.pk]),
        crumbs=[(household.name, reverse("household-detail", args=[household.pk]))],
    )


@require_GET
def coordination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    coordination = selectors.coordination_get(user=user, pk=pk)
    members = selectors.coordination_members(coordination)
    audit.log_read(actor=user, obj=coordination, persons=members)
    return render(
        request,
        "health/coordination_detail.html",
        {
            "coordination": coordination,
            "members": members,
            "measures": selectors.measures_of(coordination),
            "can_edit": coordination.coordinator_id == user.pk
            or access.can(user, access.PLAN_EDIT)
            or policy.can_edit_health(user),
            "crumbs": [(_("Koordinerede indsatser"), reverse("coordination-list"))],
        },
    )


@require_http_methods(["GET", "POST"])
def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    coordination = selectors.coordination_get(user=user, pk=pk)
    if not (
        coordination.coordinator_id == user.pk
        or access.can(user, access.PLAN_EDIT)
        or policy.can_edit_health(user)
    ):
        raise PermissionDenied("coordination")
    form = MeasureForm(
        request.POST or None,
        units=selectors.units_for(user),
        staff=selectors.responsible_choices(user),
        initial={"from_on": timezone.localdate()},
    )
    back = reverse("coordination-detail", args=[coordination.pk])
    if request.method == "POST" and form.is_valid():
        done = submit_form(
            request,
            form,
            lambda: services.measure_add(
                actor=user, coordination=coordination, **form.cleaned_data
            ),
            saved=_("Indsatsen er tilføjet."),
            done=back,
        )
        if done is not None:
            return done
    members = selectors.coordination_members(coordination)
    audit.log_read(actor=user, obj=coordination, persons=members)
    name = coordination.household.name if coordination.household else str(coordination.person)
    return _form(
        request,
        form,
        title=_("Ny indsats i den koordinerede plan for %(name)s") % {"name": name},
        back=back,
        crumbs=[
            (_("Koordinerede indsatser"), reverse("coordination-list")),
            (name, back),
        ],
    )
