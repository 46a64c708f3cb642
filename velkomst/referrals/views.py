"""Pages of referrals between units (COO-1), interface descriptions (COO-2) and concerns about a
child's welfare (CIV-3): parse input, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import Unit
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, add_form_errors, form_status
from velkomst.people.selectors import person_get, persons_visible_to
from velkomst.reception.models import PlanTask

from . import interfaces, selectors, services
from .forms import AcceptForm, ConcernForm, DoneForm, ReferralForm, ReturnForm
from .models import Referral, ReferralKind


def _user(request: HttpRequest) -> Any:
    return request.user


def _crumbs(unit: Unit | None = None) -> list[tuple[str, str]]:
    crumbs = [(_("Henvisninger"), reverse("referral-home"))]
    if unit is not None:
        crumbs.append((unit.name, reverse("referral-inbox", args=[unit.pk])))
    return crumbs


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The inbox of the user's first unit (a manager: of the municipality's first)."""
    user = _user(request)
    access.require(user, access.REFERRAL_VIEW)
    unit = selectors.units_for(user).first()
    if unit is None:
        return render(request, "referrals/no_unit.html", {})
    return redirect("referral-inbox", unit.pk)


def _box(request: HttpRequest, pk: int, *, incoming: bool) -> HttpResponse:
    user = _user(request)
    access.require(user, access.REFERRAL_VIEW)
    unit = selectors.unit_get(user=user, pk=pk)
    today = timezone.localdate()
    show = request.GET.get("show", "waiting")
    if show not in selectors.SHOWS:
        show = "waiting"
    select = selectors.inbox if incoming else selectors.outbox
    referrals = select(user=user, unit=unit, show=show, today=today)
    page = Paginator(referrals, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    audit.log_many(
        actor=user,
        action="view",
        objects=[(r, r.person_id) for r in rows if r.person_id is not None],
    )
    counts = selectors.counts(unit=unit, incoming=incoming, today=today)
    labels = {
        "waiting": _("Venter") if incoming else _("Åbne"),
        "new": _("Nye"),
        "accepted": _("Modtaget"),
        "overdue": _("Overskredet svarfrist"),
        "closed": _("Afsluttet eller retur"),
        "all": _("Alle"),
    }
    return render(
        request,
        "referrals/box.html",
        {
            "unit": unit,
            "units": selectors.units_for(user),
            "incoming": incoming,
            "page": page,
            "rows": rows,
            "show": show,
            "shows": [(key, labels[key], counts[key]) for key in selectors.SHOWS],
            "today": today,
            "query_string": f"show={show}",
            "can_concern": access.can(user, access.CONCERN_RECORD),
        },
    )


@require_GET
def inbox(request: HttpRequest, pk: int) -> HttpResponse:
    return _box(request, pk, incoming=True)


@require_GET
def outbox(request: HttpRequest, pk: int) -> HttpResponse:
    return _box(request, pk, incoming=False)


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a referral about a citizen; the receiving unit is proposed from the interface
    descriptions (of the plan task ``?task=`` or the kind ``?kind=``)."""
    user = _user(request)
    access.require(user, access.REFERRAL_SEND)
    person = person_get(user=user, pk=pk)
    from_units = user.units.filter(municipality_id=access.tenant_id(user)).order_by("name")
    to_units = Unit.objects.filter(municipality_id=access.tenant_id(user)).order_by("name")
    task = None
    task_id = request.GET.get("task", "")
    if task_id.isdigit():
        task = PlanTask.objects.filter(
            municipality_id=access.tenant_id(user),
            pk=int(task_id),
            plan__household=person.household_id,
        ).first()
    kind = request.GET.get("kind", "")
    if kind not in ReferralKind.values or kind == ReferralKind.CHILD_CONCERN:
        kind = ""
    first = from_units.first()
    proposed = interfaces.proposed_unit(
        user.municipality,
        kind=kind,
        task_category=task.category if task else "",
        exclude=first,
    )
    initial: dict[str, Any] = {"from_unit": first, "kind": kind or None, "to_unit": proposed}
    if task is not None:
        initial["text"] = task.title
    form = ReferralForm(
        request.POST or None,
        initial=initial,
        from_units=from_units,
        to_units=to_units,
        purposes=services.share_purposes(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_send(
                actor=user,
                from_unit=data["from_unit"],
                to_unit=data["to_unit"],
                person=person,
                kind=data["kind"],
                text=data["text"],
                shared=data["shared"],
                deadline=data["deadline"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request, _("Henvisningen er sendt til %(unit)s.") % {"unit": referral.to_unit}
            )
            return redirect("referral-detail", referral.pk)
    audit.log_read(actor=user, obj=person, persons=[person])
    return render(
        request,
        "referrals/create.html",
        {
            "form": form,
            "person": person,
            "task": task,
            "proposed": proposed,
            "crumbs": [(person.full_name, reverse("person-detail", args=[person.pk]))],
        },
        status=form_status(request, form),
    )


def _detail_context(user: Any, referral: Referral) -> dict[str, Any]:
    receiver = user.units.filter(pk=referral.to_unit_id).exists() and access.can(
        user, access.REFERRAL_SEND
    )
    today = timezone.localdate()
    interface = interfaces.descriptions(referral.municipality).get(f"referral:{referral.kind}")
    return {
        "referral": referral,
        "receiver": receiver,
        "today": today,
        "shared": selectors.shared_now(referral),
        "interface": interface,
        "crumbs": _crumbs(referral.to_unit if receiver else referral.from_unit),
    }


def _forms(referral: Referral, data: Any = None, which: str = "") -> dict[str, Any]:
    initial = {"version": referral.version}
    owners = selectors.owner_choices(referral)
    return {
        "accept_form": AcceptForm(
            data if which == "accept" else None, initial=initial, owners=owners, prefix="accept"
        ),
        "return_form": ReturnForm(
            data if which == "return" else None, initial=initial, prefix="return"
        ),
        "done_form": DoneForm(data if which == "done" else None, initial=initial, prefix="done"),
    }


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    referral = selectors.referral_get(user=user, pk=pk)
    if referral.person is not None:
        audit.log_read(actor=user, obj=referral, persons=[referral.person])
    context = _detail_context(user, referral)
    if context["receiver"]:
        context.update(_forms(referral))
        context["accept_form"].initial["owner"] = user.pk
    return render(request, "referrals/detail.html", context)


@require_POST
def answer(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """Accept (with an owner), return (with a reason) or close an accepted referral."""
    user = _user(request)
    referral = selectors.referral_get(user=user, pk=pk)
    forms_ = _forms(referral, request.POST, which)
    form = forms_[f"{which}_form"]
    if form.is_valid():
        data = form.cleaned_data
        try:
            if which == "accept":
                services.referral_accept(
                    actor=user,
                    referral=referral,
                    owner=data["owner"],
                    expected_version=data["version"],
                )
                done = _("Henvisningen er modtaget, og %(owner)s er ansvarlig.") % {
                    "owner": data["owner"]
                }
            elif which == "return":
                services.referral_return(
                    actor=user,
                    referral=referral,
                    reason=data["reason"],
                    expected_version=data["version"],
                )
                done = _("Henvisningen er sendt retur til %(unit)s.") % {"unit": referral.from_unit}
            else:
                services.referral_done(
                    actor=user,
                    referral=referral,
                    result=data["result"],
                    expected_version=data["version"],
                )
                done = _("Henvisningen er afsluttet.")
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("referral-detail", pk)
        except services.IllegalTransition:
            messages.error(request, _("Henvisningen er allerede besvaret."))
            return redirect("referral-detail", pk)
        else:
            messages.success(request, done)
            return redirect("referral-detail", pk)
    referral = selectors.referral_get(user=user, pk=pk)
    context = _detail_context(user, referral)
    if not context["receiver"]:
        raise PermissionDenied("only the receiving unit answers a referral")
    context.update(forms_)
    if referral.person is not None:
        audit.log_read(actor=user, obj=referral, persons=[referral.person])
    return render(request, "referrals/detail.html", context, status=422)


@require_http_methods(["GET", "POST"])
def concern_create(request: HttpRequest) -> HttpResponse:
    """A concern about a child's welfare phoned in (CIV-3), recorded by staff: it reaches the
    children and family unit as a referral with a short answer deadline. ``?person=`` names a
    child the user sees."""
    user = _user(request)
    access.require(user, access.CONCERN_RECORD)
    person = None
    person_id = request.GET.get("person", "")
    if person_id.isdigit():
        person = get_object_or_404(persons_visible_to(user, few=True), pk=int(person_id))
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.concern_report(
                municipality=user.municipality,
                reporter_name=data["reporter_name"],
                reporter_contact=data["reporter_contact"],
                person=person,
                child_description=data["child_description"],
                text=data["text"],
                actor=user,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request,
                _("Bekymringen er sendt til %(unit)s, som svarer senest %(due)s.")
                % {"unit": referral.to_unit, "due": referral.answer_due.strftime("%d.%m.%Y")},
            )
            if access.can(user, access.REFERRAL_VIEW):
                return redirect("referral-detail", referral.pk)
            return redirect("home")
    if person is not None:
        audit.log_read(actor=user, obj=person, persons=[person])
    return render(
        request,
        "referrals/concern.html",
        {"form": form, "person": person, "days": None},
        status=form_status(request, form),
    )


@require_GET
def interface_list(request: HttpRequest) -> HttpResponse:
    """The municipality's interface descriptions in force (COO-2)."""
    user = _user(request)
    access.require(user, access.REFERRAL_VIEW)
    described = interfaces.descriptions(user.municipality)
    groups = []
    for subject, label in interfaces.SUBJECTS.items():
        rows = sorted(
            (i for i in described.values() if i.subject == subject),
            key=lambda i: i.type_label.lower(),
        )
        if rows:
            groups.append((subject, str(label), rows))
    return render(request, "referrals/interfaces.html", {"groups": groups})
