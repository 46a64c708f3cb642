"""Pages of round tables (COO-3): parse input, call one service or selector, render.

The round table's page holds the whole meeting: participants, the agenda with its decisions,
the follow-up tasks (done by their owner), the minutes as PDF and the record of sending them.
Each form posts to the page with an ``action``; a refused form is shown again on the page (422).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.pdf import html_to_pdf
from velkomst.core.views import add_form_errors
from velkomst.people import selectors as people_selectors
from velkomst.people.views import CONCURRENT_EDIT_MESSAGE
from velkomst.reception.selectors import Today

from . import selectors, services
from .forms import (
    AgendaItemForm,
    DecisionForm,
    DoneForm,
    FollowUpForm,
    ParticipantForm,
    RoundTableForm,
    SendMinutesForm,
)
from .models import AgendaItem, Decision, Participant, RoundTable

LIST_REASON = "round tables"


def _user(request: HttpRequest) -> Any:
    return request.user


@require_GET
def round_table_list(request: HttpRequest) -> HttpResponse:
    """The user's open follow-up tasks and the round tables the user may see."""
    user = _user(request)
    selectors.require_view(user)
    today = Today.for_user(user)
    followups = [
        selectors.FollowUpRow(f, selectors.followup_state(f, today.day, today.due_soon_days))
        for f in selectors.open_followups_of(user)[: selectors.LIST_ROWS]
    ]
    tables = list(selectors.round_table_list(user)[: selectors.LIST_ROWS])
    audit.log(actor=user, action=AuditAction.SEARCH, reason=LIST_REASON)
    return render(
        request,
        "roundtables/list.html",
        {"followups": followups, "tables": tables, "can_edit": selectors.can_edit(user)},
    )


@require_http_methods(["GET", "POST"])
def household_round_tables(request: HttpRequest, pk: int) -> HttpResponse:
    """A household's round tables; POST books a new one (about a member or the household)."""
    user = _user(request)
    selectors.require_view(user)
    household = people_selectors.household_get(user=user, pk=pk)
    initial: dict[str, Any] = {}
    wanted = request.GET.get("person", "")
    if wanted.isdigit():
        initial["person"] = int(wanted)
    form = RoundTableForm(request.POST or None, household=household, initial=initial)
    if request.method == "POST":
        access.require(user, access.ROUNDTABLE_EDIT)
        if form.is_valid():
            try:
                round_table = services.round_table_create(
                    actor=user, household=household, **form.values()
                )
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Rundbordsmødet er oprettet."))
                return redirect("roundtable-detail", pk=round_table.pk)
    tables = list(selectors.round_tables_of_household(user, household.pk))
    members = list(household.members.all())
    audit.log_read(actor=user, obj=household, persons=members)
    return render(
        request,
        "roundtables/household.html",
        {
            "household": household,
            "tables": tables,
            "form": form,
            "can_edit": selectors.can_edit(user),
        },
        status=422 if request.method == "POST" and form.errors else 200,
    )


def _forms(user: Any, round_table: RoundTable, data: Any = None, action: str = "") -> dict:
    staff = selectors.staff_choices(user)
    units = selectors.units_for(user)

    def bound(name: str) -> Any:
        return data if action == name else None

    return {
        "participant_form": ParticipantForm(
            bound("participant"), staff=staff, units=units, prefix="p"
        ),
        "item_form": AgendaItemForm(bound("item"), prefix="a"),
        "decision_form": DecisionForm(
            bound("decision"), items=AgendaItem.objects.filter(round_table=round_table), prefix="d"
        ),
        "followup_form": FollowUpForm(
            bound("followup"),
            staff=staff,
            units=units,
            decisions=Decision.objects.filter(item__round_table=round_table).select_related("item"),
            prefix="f",
        ),
        "send_form": SendMinutesForm(
            bound("send"),
            participants=Participant.objects.filter(round_table=round_table, user__isnull=True),
            units=units,
            prefix="s",
        ),
    }


ACTIONS = ("participant", "participant_remove", "item", "decision", "followup", "done", "send")


def _post(request: HttpRequest, user: Any, round_table: RoundTable, forms: dict) -> Any:
    """Run the posted action: a redirect when done, else None (its form has the errors)."""
    action = request.POST.get("action", "")
    here = reverse("roundtable-detail", args=[round_table.pk])
    if action == "done":
        followup = selectors.followup_get(user=user, pk=_int(request.POST.get("followup")))
        if followup.round_table_id != round_table.pk:
            raise Http404
        done = DoneForm(request.POST)
        if not done.is_valid():
            raise Http404
        try:
            services.followup_done(
                actor=user, followup=followup, expected_version=done.cleaned_data["version"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
        else:
            messages.success(request, _("Opgaven er markeret som udført."))
        return redirect(here + "#followups")
    access.require(user, access.ROUNDTABLE_EDIT)
    if action == "participant_remove":
        participant = Participant.objects.filter(
            round_table=round_table, pk=_int(request.POST.get("participant"))
        ).first()
        if participant is None:
            raise Http404
        services.participant_remove(actor=user, participant=participant)
        messages.success(request, _("Deltageren er fjernet."))
        return redirect(here + "#participants")
    form_name = {
        "participant": "participant_form",
        "item": "item_form",
        "decision": "decision_form",
        "followup": "followup_form",
        "send": "send_form",
    }.get(action)
    if form_name is None:
        raise Http404
    form = forms[form_name]
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if action == "participant":
            services.participant_add(actor=user, round_table=round_table, **data)
            saved, anchor = _("Deltageren er tilføjet."), "participants"
        elif action == "item":
            services.agenda_item_add(actor=user, round_table=round_table, **data)
            saved, anchor = _("Punktet er tilføjet til dagsordenen."), "agenda"
        elif action == "decision":
            services.decision_add(actor=user, **data)
            saved, anchor = _("Beslutningen er skrevet."), "agenda"
        elif action == "followup":
            services.followup_add(actor=user, round_table=round_table, **data)
            saved, anchor = _("Opfølgningsopgaven er oprettet."), "followups"
        else:
            sent = services.minutes_send(actor=user, round_table=round_table, **data)
            saved = _("Referatet er registreret som sendt til %(to)s.") % {"to": sent.recipient}
            anchor = "minutes"
    except ValidationError as error:
        if action == "send":
            form.add_error(None, error.messages)
        else:
            add_form_errors(form, error)
        return None
    messages.success(request, saved)
    return redirect(f"{here}#{anchor}")


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@require_http_methods(["GET", "POST"])
def round_table_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    round_table = selectors.round_table_get(user=user, pk=pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ACTIONS:
        raise Http404
    forms = _forms(user, round_table, request.POST or None, action)
    status = 200
    if request.method == "POST":
        response = _post(request, user, round_table, forms)
        if response is not None:
            return response
        status = 422
    today = Today.for_user(user)
    detail = selectors.detail(round_table, today.day, today.due_soon_days)
    audit.log_read(actor=user, obj=round_table, persons=detail.persons)
    return render(
        request,
        "roundtables/detail.html",
        {
            "rt": round_table,
            "detail": detail,
            "can_edit": selectors.can_edit(user),
            "failed": action,
            **forms,
        },
        status=status,
    )


@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes as PDF in Danish: agenda, decisions and follow-ups; an export on each
    concerned person's log."""
    user = _user(request)
    round_table = selectors.round_table_get(user=user, pk=pk)
    today = Today.for_user(user)
    detail = selectors.detail(round_table, today.day, today.due_soon_days)
    with translation.override("da"):
        html = render_to_string(
            "roundtables/minutes_pdf.html", {"rt": round_table, "detail": detail}
        )
    pdf = html_to_pdf(html)
    services.minutes_exported(actor=user, round_table=round_table)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="referat-rundbordsmoede-{round_table.pk}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
