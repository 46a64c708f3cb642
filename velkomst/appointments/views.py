"""Pages for appointments, the personal calendar and contacts: parse input, call one service or
selector, render.

Data minimisation in the calendar exports (.ics download and the personal feed): calendar files
end up with calendar providers outside the municipality's control, and a feed address is a bearer
secret that can leak. So an exported event holds only the meeting's kind, time, place and status
and a household *reference* (its number in Velkomst), never a citizen's name, CPR number,
language, the notes or the other participants; the event links back to Velkomst, where the rest is
behind the login. The place stays, because staff need it to get there.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import add_form_errors
from velkomst.people import selectors as people_selectors
from velkomst.people.models import Household
from velkomst.reception.models import PlanTask

from . import ical, selectors, services
from .forms import AppointmentEditForm, AppointmentForm, CancelForm, ContactForm, PeriodForm
from .models import Appointment, AppointmentKind, AppointmentStatus

CONCURRENT_EDIT_MESSAGE = _(
    "En anden har gemt ændringer, mens du redigerede. Dine ændringer er ikke gemt. "
    "Siden viser nu de nyeste oplysninger; ret igen og gem."
)
FEED_REFRESH_MINUTES = 60


def _user(request: HttpRequest) -> Any:
    return request.user


def _form_kwargs(user: Any, household: Household, appointment: Appointment | None = None) -> Any:
    tasks = selectors.household_open_tasks(household)
    if appointment is not None and appointment.plan_task_id:
        # keep a linked task selectable even if it was ticked off meanwhile
        tasks = tasks | PlanTask.objects.filter(pk=appointment.plan_task_id)
    return {"household": household, "staff_qs": selectors.staff_choices(user), "task_qs": tasks}


def _create_initial(request: HttpRequest, user: Any, household: Household) -> dict[str, Any]:
    language = selectors.default_interpreter_language(household)
    initial: dict[str, Any] = {
        "staff": [user],
        "interpreter_needed": bool(language),
        "language": language,
    }
    kind = request.GET.get("kind", "")
    if kind in AppointmentKind.values:
        initial["kind"] = kind
    task = request.GET.get("task", "")
    if task.isdigit():
        initial["plan_task"] = int(task)
    return initial


def _log_view(user: Any, household: Household) -> None:
    members = list(household.members.all())
    audit.log_many(
        actor=user, action=AuditAction.VIEW, objects=[(member, member.pk) for member in members]
    )


def household_appointments(request: HttpRequest, pk: int) -> HttpResponse:
    """A household's appointments and the form to book a new one (REC-4)."""
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    household = people_selectors.household_get(user=user, pk=pk)
    can_edit = access.can(user, access.APPOINTMENT_EDIT)
    form = None
    status = 200
    if can_edit:
        data = request.POST if request.method == "POST" else None
        form = AppointmentForm(
            data,
            initial=_create_initial(request, user, household),
            **_form_kwargs(user, household),
        )
        if data is not None and form.is_valid():
            try:
                services.appointment_create(
                    household=household, acting_user=user, data=form.appointment_data()
                )
            except services.InvalidAppointment as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Aftalen er oprettet."))
                return redirect("household-appointments", pk=household.pk)
        if data is not None:
            status = 422
    elif request.method == "POST":
        access.require(user, access.APPOINTMENT_EDIT)
    _log_view(user, household)
    context = {
        "household": household,
        "appointments": selectors.household_appointments(user=user, household=household),
        "form": form,
        "now": timezone.now(),
    }
    return render(request, "appointments/household_appointments.html", context, status=status)


def appointment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.APPOINTMENT_EDIT)
    appointment = selectors.appointment_get(user=user, pk=pk)
    household = appointment.household
    if not appointment.is_planned:
        messages.error(request, _("Kun planlagte møder kan rettes."))
        return redirect("household-appointments", pk=household.pk)
    data = request.POST if request.method == "POST" else None
    form = AppointmentEditForm(
        data,
        initial=AppointmentForm.initial_for(appointment),
        **_form_kwargs(user, household, appointment),
    )
    if data is not None and form.is_valid():
        try:
            services.appointment_update(
                appointment=appointment,
                acting_user=user,
                expected_version=form.cleaned_data["version"],
                data=form.appointment_data(),
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            appointment = selectors.appointment_get(user=user, pk=pk)
            form = AppointmentEditForm(
                initial=AppointmentForm.initial_for(appointment),
                **_form_kwargs(user, household, appointment),
            )
        except services.IllegalStatusTransition:
            messages.error(request, _("Kun planlagte møder kan rettes."))
            return redirect("household-appointments", pk=household.pk)
        except services.InvalidAppointment as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Aftalen er gemt."))
            return redirect("household-appointments", pk=household.pk)
    _log_view(user, household)
    status = 422 if data is not None and form.errors else 200
    return render(
        request,
        "appointments/appointment_form.html",
        {"form": form, "appointment": appointment, "household": household},
        status=status,
    )


def appointment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.APPOINTMENT_EDIT)
    appointment = selectors.appointment_get(user=user, pk=pk)
    data = request.POST if request.method == "POST" else None
    form = CancelForm(data, initial={"version": appointment.version})
    if data is not None and form.is_valid():
        try:
            services.appointment_cancel(
                appointment=appointment,
                acting_user=user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            appointment = selectors.appointment_get(user=user, pk=pk)
            form = CancelForm(initial={"version": appointment.version})
        except services.IllegalStatusTransition:
            messages.error(request, _("Kun planlagte møder kan aflyses."))
            return redirect("household-appointments", pk=appointment.household_id)
        else:
            messages.success(request, _("Mødet er aflyst."))
            return redirect("household-appointments", pk=appointment.household_id)
    _log_view(user, appointment.household)
    status = 422 if data is not None and form.errors else 200
    return render(
        request,
        "appointments/appointment_cancel.html",
        {"form": form, "appointment": appointment, "household": appointment.household},
        status=status,
    )


@require_POST
def appointment_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a planned meeting held (ticking off its linked plan task) or the citizen absent."""
    user = _user(request)
    access.require(user, access.APPOINTMENT_EDIT)
    appointment = selectors.appointment_get(user=user, pk=pk)
    version = request.POST.get("version", "")
    outcome = request.POST.get("outcome", "")
    if not version.isdigit() or outcome not in (AppointmentStatus.HELD, AppointmentStatus.NO_SHOW):
        messages.error(request, _("Vælg om mødet blev afholdt, eller borgeren udeblev."))
        return redirect("household-appointments", pk=appointment.household_id)
    try:
        if outcome == AppointmentStatus.HELD:
            ticked = services.appointment_mark_held(
                appointment=appointment, acting_user=user, expected_version=int(version)
            )
            messages.success(request, _("Mødet er markeret som afholdt."))
            if ticked:
                messages.success(request, _("Opgaven i modtageplanen er krydset af."))
            elif appointment.plan_task is not None and appointment.plan_task.is_open:
                messages.info(
                    request,
                    _(
                        "Opgaven i modtageplanen er ikke krydset af: den hører til en anden "
                        "rolle. Den ansvarlige kan krydse den af i modtageplanen."
                    ),
                )
        else:
            services.appointment_mark_no_show(
                appointment=appointment, acting_user=user, expected_version=int(version)
            )
            messages.success(request, _("Mødet er markeret med udeblivelse."))
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
    except services.IllegalStatusTransition:
        messages.error(request, _("Mødet er allerede afsluttet eller aflyst."))
    except ValidationError as error:  # the plan task's done day is one no case can have (SEC-5)
        messages.error(
            request,
            _("Mødet kan ikke markeres som afholdt: %(why)s") % {"why": " ".join(error.messages)},
        )
    return redirect("household-appointments", pk=appointment.household_id)


def _event(request: HttpRequest, appointment: Appointment) -> ical.Event:
    """An appointment as a calendar event, with the minimum of personal data (module docstring)."""
    summary = _("%(kind)s – husstand nr. %(ref)s") % {
        "kind": appointment.get_kind_display(),
        "ref": appointment.household_id,
    }
    cancelled = appointment.status == AppointmentStatus.CANCELLED
    if cancelled:
        summary = _("AFLYST: %(summary)s") % {"summary": summary}
    link = request.build_absolute_uri(
        reverse("household-appointments", args=[appointment.household_id])
    )
    return ical.Event(
        uid=f"{appointment.uid}@velkomst",
        start=appointment.starts_at,
        end=appointment.ends_at,
        summary=summary,
        stamp=appointment.updated_at,
        created=appointment.created_at,
        sequence=appointment.sequence,
        status=ical.STATUS_CANCELLED if cancelled else ical.STATUS_CONFIRMED,
        location=appointment.place,
        description=_("Se mødet i Velkomst (kræver login): %(url)s") % {"url": link},
        url=link,
    )


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def appointment_ics(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    appointment = selectors.appointment_get(user=user, pk=pk)
    for person_id in services.concerned_person_ids(appointment):
        audit.log(
            actor=user,
            action=AuditAction.EXPORT,
            obj=appointment,
            person_id=person_id,
            reason="ics",
        )
    body = ical.calendar([_event(request, appointment)])
    return _ics_response(body, f"velkomst-aftale-{appointment.pk}.ics")


@require_GET
def my_calendar(request: HttpRequest) -> HttpResponse:
    """'Min kalender': the user's upcoming appointments and their calendar subscription."""
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    today_only = request.GET.get("when") == "today"
    context = {
        "appointments": selectors.my_upcoming_appointments(user=user, today_only=today_only),
        "today_only": today_only,
        "feed": selectors.feed_token_for(user),
        "now": timezone.now(),
    }
    return render(request, "appointments/my_calendar.html", context)


@require_POST
def calendar_feed_token(request: HttpRequest) -> HttpResponse:
    """Make a new feed address (shown this once: only its hash is kept) or stop the feed."""
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    if "revoke" in request.POST:
        services.calendar_feed_token_revoke(acting_user=user)
        messages.success(request, _("Kalenderabonnementet er stoppet."))
        return redirect("my-calendar")
    token = services.calendar_feed_token_create(acting_user=user)
    url = request.build_absolute_uri(reverse("calendar-feed", args=[token]))
    response = render(request, "appointments/feed_token.html", {"feed_url": url})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A staff member's personal iCalendar feed; the token in the address is the credential.

    An unknown or replaced token is a 404 (as for a page that does not exist)."""
    user = selectors.feed_user(token)
    if user is None or not access.can(user, access.PERSON_VIEW):
        raise Http404
    appointments = list(selectors.feed_appointments(user=user))
    services.calendar_feed_used(user=user, appointment_ids=[a.pk for a in appointments])
    body = ical.calendar(
        [_event(request, a) for a in appointments],
        name=_("Velkomst: mine møder"),
        refresh_minutes=FEED_REFRESH_MINUTES,
    )
    return _ics_response(body, "velkomst.ics")


# --- contacts (REC-8) --------------------------------------------------------------------------


@require_GET
def contact_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.CONTACT_LOG)
    form = PeriodForm(request.GET or None)
    start, end, kind = form.period()
    contacts = selectors.contact_list(user=user, date_from=start, date_to=end, kind=kind)[:200]
    return render(
        request,
        "appointments/contact_list.html",
        {"form": form, "contacts": contacts, "date_from": start, "date_to": end},
    )


def contact_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.CONTACT_LOG)
    household = None
    household_id = request.POST.get("household") or request.GET.get("household", "")
    if household_id:
        if not str(household_id).isdigit():
            raise Http404
        household = people_selectors.household_get(user=user, pk=int(household_id))
    data = request.POST if request.method == "POST" else None
    form = ContactForm(
        data,
        household=household,
        staff_qs=selectors.staff_choices(user),
        initial={"date": timezone.localdate(), "staff": [user], "anonymous_count": 0},
    )
    if data is not None and form.is_valid():
        try:
            services.contact_record(acting_user=user, data=form.contact_data())
        except services.NobodyCame:
            form.add_error(None, _("Registrér mindst én, der kom."))
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Kontakten er registreret."))
            if household is not None:
                return redirect("household-detail", pk=household.pk)
            return redirect("contact-list")
    status = 422 if data is not None else 200
    return render(
        request,
        "appointments/contact_form.html",
        {"form": form, "household": household},
        status=status,
    )


@require_GET
def contact_counts(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.CONTACT_REPORT)
    form = PeriodForm(request.GET or None)
    start, end, kind = form.period()
    rows = selectors.contact_counts(user=user, date_from=start, date_to=end, kind=kind)
    totals = {
        "contacts": sum(r.contacts for r in rows),
        "attendees": sum(r.attendees for r in rows),
    }
    return render(
        request,
        "appointments/contact_counts.html",
        {"form": form, "rows": rows, "totals": totals, "date_from": start, "date_to": end},
    )
