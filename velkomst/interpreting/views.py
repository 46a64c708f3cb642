"""Pages of interpreting (INT-1): the interpreter coordinator's day list, an appointment's
interpreting (its bookings, the missing-interpreter warning and the booking form), a booking's
edit and cancel, and the interpreter register. Pages that show citizens log their read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from velkomst.appointments.models import Appointment
from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.views import CONCURRENT_EDIT_MESSAGE, add_form_errors, form_status

from . import selectors, services
from .forms import (
    BookingEditForm,
    BookingForm,
    CancelForm,
    DayFilterForm,
    InterpreterEditForm,
    InterpreterForm,
)
from .models import BookingStatus


def _user(request: HttpRequest) -> Any:
    return request.user


MISSING_PAGE = "missing_page"  # the page of appointments lacking an interpreter (bookings': page)


def _query_without(request: HttpRequest, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


def _log_households(user: Any, pairs: list[tuple[Any, int]]) -> None:
    """Log the view of the members of each (record, household id) shown (SEC-3)."""
    members = selectors.members_of({household_id for _obj, household_id in pairs})
    audit.log_many(
        actor=user,
        action="view",
        objects=[(obj, pk) for obj, household_id in pairs for pk in members.get(household_id, [])],
    )


@require_http_methods(["GET"])
def day_list(request: HttpRequest) -> HttpResponse:
    """The interpreter coordinator's day: the day's bookings (filtered by language, mode and
    status), the day's appointments that lack an interpreter, and the month's video share."""
    user = _user(request)
    access.require(user, access.INTERPRETING_VIEW)
    form = DayFilterForm(request.GET or None, languages=selectors.register_languages(user))
    day = form.chosen_day()
    # each list a page at a time: a busy day's hundreds of bookings are neither rendered nor
    # audited at once, only the households shown are (INT-1, SEC-3)
    bookings_page = Paginator(
        selectors.bookings_search(
            user=user,
            day=day,
            language=form.value("language"),
            mode=form.value("mode"),
            status=form.value("status"),
        ),
        settings.VELKOMST_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    bookings = list(bookings_page.object_list)
    start, end = selectors.day_bounds(day)
    missing_page = Paginator(
        selectors.missing_bookings(user=user, start=start, end=end), settings.VELKOMST_PAGE_SIZE
    ).get_page(request.GET.get(MISSING_PAGE))
    missing = list(missing_page.object_list)
    share = selectors.video_share(user=user, year=day.year, month=day.month)
    _log_households(
        user,
        [(b.appointment, b.appointment.household_id) for b in bookings]
        + [(a, a.household_id) for a in missing],
    )
    return render(
        request,
        "interpreting/day_list.html",
        {
            "form": form,
            "day": day,
            "bookings": bookings,
            "bookings_page": bookings_page,
            "missing": missing,
            "missing_page": missing_page,
            "missing_page_param": MISSING_PAGE,
            "query_string": _query_without(request, "page"),
            "missing_query_string": _query_without(request, MISSING_PAGE),
            "share": share,
            "can_book": access.can(user, access.INTERPRETING_BOOK),
        },
    )


def _appointment_page(
    request: HttpRequest, appointment: Appointment, form: Any, status: int = 200
) -> HttpResponse:
    user = _user(request)
    bookings = list(selectors.appointment_bookings(appointment))
    audit.log_read(actor=user, obj=appointment, persons=appointment.household.members.all())
    return render(
        request,
        "interpreting/appointment.html",
        {
            "appointment": appointment,
            "household": appointment.household,
            "bookings": bookings,
            "lacks": selectors.lacks_interpreter(appointment),
            "form": form,
            "can_book": access.can(user, access.INTERPRETING_BOOK),
            "cancel_form": CancelForm,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def appointment_interpreting(request: HttpRequest, pk: int) -> HttpResponse:
    """An appointment's interpreter bookings, the warning when one is needed and none booked,
    and the form to book one (coordinator) or request one (caseworker)."""
    user = _user(request)
    access.require(user, access.INTERPRETING_VIEW)
    appointment = selectors.appointment_for_booking(user=user, pk=pk)
    form = None
    if access.can(user, access.INTERPRETING_REQUEST) and appointment.is_planned:
        booker = access.can(user, access.INTERPRETING_BOOK)
        interpreters = selectors.interpreters_of(user, active_only=True) if booker else None
        start, minutes = services.default_start(appointment)
        local = timezone.localtime(start)
        initial = {
            "language": selectors.suggested_language(appointment),
            "day": local.date(),
            "start_time": local.time(),
            "duration_minutes": minutes,
            "status": BookingStatus.CONFIRMED if booker else BookingStatus.REQUESTED,
        }
        form = BookingForm(request.POST or None, initial=initial, interpreters=interpreters)
        if request.method == "POST" and form.is_valid():
            try:
                services.booking_create(
                    actor=user, appointment=appointment, data=form.booking_data()
                )
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(
                    request, _("Tolken er bestilt.") if booker else _("Der er anmodet om tolk.")
                )
                return redirect("interpreting-appointment", pk=appointment.pk)
    elif request.method == "POST":
        raise PermissionDenied(access.INTERPRETING_REQUEST)
    return _appointment_page(
        request, appointment, form, status=form_status(request, form) if form else 200
    )


@require_http_methods(["GET", "POST"])
def booking_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.INTERPRETING_BOOK)
    booking = selectors.booking_get(user=user, pk=pk)
    back = reverse("interpreting-appointment", args=[booking.appointment_id])
    if booking.status == BookingStatus.CANCELLED:
        messages.error(request, _("Bestillingen er aflyst og kan ikke ændres."))
        return redirect(back)
    interpreters = selectors.interpreters_of(user, active_only=True)
    form = BookingEditForm(
        request.POST or None,
        initial=BookingForm.initial_for(booking),
        interpreters=interpreters,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_update(
                actor=user,
                booking=booking,
                expected_version=form.cleaned_data["version"],
                values=form.values(),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("interpreting-booking-edit", pk=booking.pk)
        else:
            messages.success(request, _("Bestillingen er gemt."))
            return redirect(back)
    audit.log_read(actor=user, obj=booking, persons=booking.appointment.household.members.all())
    return render(
        request,
        "interpreting/form.html",
        {
            "form": form,
            "title": _("Ret tolkebestilling"),
            "back": back,
            "appointment": booking.appointment,
        },
        status=form_status(request, form),
    )


@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.INTERPRETING_REQUEST)
    booking = selectors.booking_get(user=user, pk=pk)
    back = reverse("interpreting-appointment", args=[booking.appointment_id])
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bestillingen kunne ikke aflyses. Prøv igen."))
        return redirect(back)
    try:
        services.booking_cancel(
            actor=user,
            booking=booking,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
    else:
        messages.success(request, _("Bestillingen er aflyst."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
def interpreter_list(request: HttpRequest) -> HttpResponse:
    """The register of interpreters and agencies, and (for the coordinator) the form to add one."""
    user = _user(request)
    access.require(user, access.INTERPRETING_VIEW)
    can_book = access.can(user, access.INTERPRETING_BOOK)
    form = InterpreterForm(request.POST or None, initial={"active": True}) if can_book else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(access.INTERPRETING_BOOK)
        if form.is_valid():
            try:
                services.interpreter_create(actor=user, data=form.data_object())
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Tolken er oprettet."))
                return redirect("interpreting-interpreters")
    return render(
        request,
        "interpreting/interpreters.html",
        {"interpreters": selectors.interpreters_of(user), "form": form},
        status=form_status(request, form) if form else 200,
    )


@require_http_methods(["GET", "POST"])
def interpreter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.INTERPRETING_BOOK)
    interpreter = selectors.interpreter_get(user=user, pk=pk)
    initial = {**InterpreterForm.initial_for(interpreter), "version": interpreter.version}
    form = InterpreterEditForm(request.POST or None, initial=initial)
    back = reverse("interpreting-interpreters")
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.interpreter_update(
                actor=user,
                interpreter=interpreter,
                expected_version=form.cleaned_data["version"],
                values=values,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("interpreting-interpreter-edit", pk=interpreter.pk)
        else:
            messages.success(request, _("Tolken er gemt."))
            return redirect(back)
    return render(
        request,
        "interpreting/form.html",
        {"form": form, "title": _("Ret tolk"), "back": back, "appointment": None},
        status=form_status(request, form),
    )
