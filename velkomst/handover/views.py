"""Pages of handover (COO-5): the sending caseworker's move form, its preview and sending; the
handovers list (incoming and outgoing) and a handover's page, where the receiving administrator
accepts it (fixing a caseworker) or returns it with a reason. Pages that show citizens of the
user's own municipality log the read; the receiving side's page before acceptance shows only the
snapshot and logs its view of the handover."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, add_form_errors, form_status

from . import selectors, services
from .forms import AcceptForm, MoveForm, ReturnForm
from .models import Handover, State


def _user(request: HttpRequest) -> Any:
    return request.user


@require_http_methods(["GET", "POST"])
def household_move(request: HttpRequest, pk: int) -> HttpResponse:
    """The move: the receiving municipality, new address and moving date; "Se overdragelsen"
    shows what would be sent (the preview); "Send" sends it."""
    user = _user(request)
    household = selectors.household_for_move(user=user, pk=pk)
    form = MoveForm(request.POST or None)
    preview = None
    receiving = None
    if request.method == "POST" and form.is_valid():
        data = form.move_data()
        try:
            if request.POST.get("step") == "send":
                handover = services.handover_send(actor=user, household=household, data=data)
            else:
                receiving, preview = services.handover_preview(
                    actor=user, household=household, data=data
                )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            if preview is None:
                messages.success(
                    request,
                    _("Overdragelsen er sendt til %(name)s.") % {"name": handover.receiving.name},
                )
                return redirect("handover-detail", pk=handover.pk)
    audit.log_read(actor=user, obj=household, persons=household.members.all())
    return render(
        request,
        "handover/move.html",
        {
            "household": household,
            "form": form,
            "preview": selectors.visible_content(user, preview) if preview else None,
            "receiving": receiving,
            "current": selectors.household_handover(household),
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET"])
def inbox(request: HttpRequest) -> HttpResponse:
    """Incoming and outgoing handovers of the user's municipality (names from the snapshots)."""
    user = _user(request)
    access.require(user, access.HANDOVER_VIEW)
    incoming = list(selectors.handovers_incoming(user)[:200])
    outgoing = list(selectors.handovers_outgoing(user)[:200])
    # the households shown by name that are the user's municipality's: a view per member
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[
            (h, pk) for h in outgoing for pk in h.household.members.values_list("pk", flat=True)
        ]
        + [
            (h, pk)
            for h in incoming
            if h.received_household is not None
            for pk in h.received_household.members.values_list("pk", flat=True)
        ],
    )
    return render(request, "handover/inbox.html", {"incoming": incoming, "outgoing": outgoing})


def _detail(
    request: HttpRequest,
    handover: Handover,
    accept_form: AcceptForm | None = None,
    return_form: ReturnForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    sender = selectors.is_sender(user, handover)
    if sender:
        audit.log_read(actor=user, obj=handover, persons=handover.household.members.all())
    elif handover.received_household is not None:
        audit.log_read(actor=user, obj=handover, persons=handover.received_household.members.all())
    else:
        audit.log(actor=user, action=AuditAction.VIEW, obj=handover)
    answerable = (
        not sender and handover.state == State.SENT and access.can(user, access.HANDOVER_RECEIVE)
    )
    if answerable:
        accept_form = accept_form or AcceptForm(
            initial={"version": handover.version},
            caseworkers=selectors.receiving_caseworkers(user),
        )
        return_form = return_form or ReturnForm(initial={"version": handover.version})
    return render(
        request,
        "handover/detail.html",
        {
            "handover": handover,
            "content": selectors.content_for(user, handover),
            "sender": sender,
            "answerable": answerable,
            "accept_form": accept_form if answerable else None,
            "return_form": return_form if answerable else None,
        },
        status=status,
    )


@require_http_methods(["GET"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HANDOVER_VIEW)
    return _detail(request, selectors.handover_get(user=user, pk=pk))


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HANDOVER_RECEIVE)
    handover = selectors.handover_get(user=user, pk=pk)
    if selectors.is_sender(user, handover):
        raise PermissionDenied(access.HANDOVER_RECEIVE)
    form = AcceptForm(request.POST, caseworkers=selectors.receiving_caseworkers(user))
    if form.is_valid():
        try:
            services.handover_accept(
                actor=user,
                handover=handover,
                caseworker=form.cleaned_data["caseworker"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("handover-detail", pk=pk)
        else:
            messages.success(request, _("Overdragelsen er modtaget, og husstanden er oprettet."))
            return redirect("handover-detail", pk=pk)
    return _detail(request, handover, accept_form=form, status=form_status(request, form))


@require_POST
def return_(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HANDOVER_RECEIVE)
    handover = selectors.handover_get(user=user, pk=pk)
    if selectors.is_sender(user, handover):
        raise PermissionDenied(access.HANDOVER_RECEIVE)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.handover_return(
                actor=user,
                handover=handover,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("handover-detail", pk=pk)
        else:
            messages.success(request, _("Overdragelsen er sendt retur."))
            return redirect("handover-detail", pk=pk)
    return _detail(request, handover, return_form=form, status=form_status(request, form))
