from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from . import access, audit, audit_log, exports, pdf, selectors
from .errors import ConcurrentEditError
from .forms import SecurityEventFilterForm
from .models import AuditAction

CONCURRENT_EDIT_MESSAGE = _(
    "En anden har gemt ændringer, mens du redigerede. Dine ændringer er ikke gemt. "
    "Siden viser nu de nyeste oplysninger; ret igen og gem."
)


def add_form_errors(form: forms.Form, error: ValidationError, prefix: str = "") -> None:
    """A service's field errors on the form's fields (``prefix`` + name), others on the form."""
    for name, messages_ in error.message_dict.items():
        name = prefix + name
        form.add_error(name if name in form.fields else None, messages_)


def form_values(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned values for a service, without the version the user saw."""
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def form_status(request: HttpRequest, form: forms.Form) -> int:
    """422 for a POST whose form has errors, else 200."""
    return 422 if request.method == "POST" and form.errors else 200


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    crumbs: list[tuple[str, str]],
    template: str = "people/form_page.html",
) -> HttpResponse:
    """A page with one form: its fields, save and cancel (``back``); 422 after a failed POST."""
    return render(
        request,
        template,
        {"form": form, "title": title, "back": back, "crumbs": crumbs},
        status=form_status(request, form),
    )


def submit_form(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[], Any],
    *,
    saved: str,
    done: str,
    conflict: str | None = None,
) -> HttpResponse | None:
    """Run ``call`` (the service behind a valid ``form``): on success the ``saved`` message and a
    redirect to ``done``; its ValidationError goes on the form (None: show the form again); when
    someone saved first, the message and a redirect to ``conflict`` (default ``done``)."""
    try:
        call()
    except ValidationError as error:
        add_form_errors(form, error)
        return None
    except ConcurrentEditError:
        messages.error(request, CONCURRENT_EDIT_MESSAGE)
        return redirect(conflict or done)
    messages.success(request, saved)
    return redirect(done)


def edit_versioned(
    request: HttpRequest,
    *,
    load: Callable[[], Any],
    make_form: Callable[[Any, Any], Any],
    save: Callable[[Any, Any, dict[str, Any]], Any],
    saved: str,
    done: Callable[[Any], str],
) -> tuple[Any, Any, HttpResponse | None]:
    """The edit flow of a versioned record (SEC-5): save with the version the user saw; a
    service's ValidationError goes on the form; when someone saved first, show the newest values
    with a message. ``load`` may give None (a new record: ``save`` creates it). Returns the
    record, the form and the redirect to ``done`` of what ``save`` returned (else None)."""
    record = load()
    form = make_form(record, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = save(record, form.cleaned_data["version"], form_values(form))
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            record = load()
            form = make_form(record, None)
        else:
            messages.success(request, saved)
            return record, form, redirect(done(result))
    if request.method == "GET" and record is not None:
        form.initial["version"] = record.version
    return record, form, None


AUDIT_SEARCH_REASON = N_("Aktindsigt: søgning")
AUDIT_CSV_REASON = N_("Aktindsigt: udtræk af log")
AUDIT_PDF_REASON = N_("Aktindsigt: udtræk af log som PDF")


def audit_search(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    access.require(user, access.AUDIT_VIEW)
    query = request.GET.get("q", "")
    persons = selectors.audit_person_search(user=user, query=query)
    if query:
        audit.log(actor=user, action=AuditAction.SEARCH, reason=AUDIT_SEARCH_REASON)
    return render(request, "core/audit_search.html", {"query": query, "persons": persons})


def audit_person(request: HttpRequest, pk: int) -> HttpResponse:
    """A citizen's audit log in plain words, for an access request (SEC-3); the same rows as a
    CSV (?format=csv) or a PDF (?format=pdf), each download logged as an export."""
    user: Any = request.user
    person = selectors.audit_person_get(user=user, pk=pk)
    entries = selectors.audit_entries_for_person(user=user, person=person)
    kind = request.GET.get("format", "")
    if kind in ("csv", "pdf"):
        audit.log(
            actor=user,
            action=AuditAction.EXPORT,
            obj=person,
            person_id=person.pk,
            reason=AUDIT_CSV_REASON if kind == "csv" else AUDIT_PDF_REASON,
        )
        table = audit_log.table(user, entries)
        name = f"log-{person.pk}-{timezone.localdate().isoformat()}.{kind}"
        if kind == "csv":
            response = HttpResponse(
                exports.csv_bytes(table), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(_audit_pdf(person, table), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    # viewing a citizen's log is a read of that citizen (SEC-3)
    audit.log_read(actor=user, obj=person, persons=[person])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = audit_log.rows(user, page.object_list)
    crumbs = [(_("Log og aktindsigt"), reverse("audit-search"))]
    return render(
        request,
        "core/audit_person.html",
        {"person": person, "page": page, "rows": rows, "crumbs": crumbs},
    )


def audit_pdf_html(person: Any, table: list[list[str]]) -> str:
    """The HTML the access request's PDF is made from (the same rows as the CSV)."""
    return render_to_string(
        "core/audit_person_pdf.html",
        {
            "person": person,
            "header": table[0],
            "rows": table[1:],
            "made": audit_log.show_datetime(timezone.now()),
            "language": translation.get_language() or "da",
        },
    )


def _audit_pdf(person: Any, table: list[list[str]]) -> bytes:
    return pdf.html_to_pdf(audit_pdf_html(person, table))


def security_event_list(request: HttpRequest) -> HttpResponse:
    """Refused requests (403, 404 for an object id) of the municipality's staff (SEC-1, SEC-3)."""
    user: Any = request.user
    access.require(user, access.ADMIN_SITE)
    form = SecurityEventFilterForm(
        request.GET or None, actors=selectors.security_event_actors(user)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.security_events(
        user=user,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        actor=filters.get("actor"),
    )
    page = Paginator(events, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query_string": query.urlencode()}
    return render(request, "core/security_events.html", context)
