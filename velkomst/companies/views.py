"""Pages of the companies register (PRG-4): parse input, call one service or selector, render.

The job consultant (COMPANY_EDIT) edits; roles with COMPANY_VIEW read. Pages that show persons
(an opening's or a company's proposals, a proposal, an event's invitations and meetings, a
letter) write a ``view`` row per person; the proposal list writes one ``search`` row.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.editing import Shown, create_or_update, edit_page
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import (
    CONCURRENT_EDIT_MESSAGE,
    add_form_errors,
    form_page,
    submit_form,
)
from velkomst.housing.models import Area

from . import importing, industries, letters, selectors, services
from .forms import (
    AgreementForm,
    AnswerForm,
    AttendanceForm,
    CompanyFilterForm,
    CompanyForm,
    CompanyImportForm,
    ContactForm,
    EventForm,
    InvitationForm,
    MeetingForm,
    OpeningForm,
    ProposalCreateForm,
    ResultForm,
    StepDoneForm,
)
from .models import (
    Company,
    CompanyAnswer,
    MatchEvent,
    Opening,
    OpeningKind,
    OpeningStatus,
    Proposal,
    ProposalResult,
)


def _user(request: HttpRequest) -> Any:
    return request.user


def _companies_crumb() -> tuple[str, str]:
    return (_("Virksomheder"), reverse("companies:company-list"))


def _company_crumbs(company: Any) -> list[tuple[str, str]]:
    return [
        _companies_crumb(),
        (company.name, reverse("companies:company-detail", args=[company.pk])),
    ]


def _opening_crumbs(opening: Opening) -> list[tuple[str, str]]:
    return [
        *_company_crumbs(opening.company),
        (opening.title, reverse("companies:opening-detail", args=[opening.pk])),
    ]


def _event_crumbs(event: MatchEvent) -> list[tuple[str, str]]:
    return [
        (_("Speed-dating"), reverse("companies:job-event-list")),
        (event.name, reverse("companies:job-event-detail", args=[event.pk])),
    ]


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def match_url(opening: Opening) -> str | None:
    """The matching part's ranked persons for the opening, where that page exists."""
    try:
        return reverse("matching:opening", args=[opening.pk])
    except NoReverseMatch:
        return None


# --- companies ---------------------------------------------------------------------------------


@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = CompanyFilterForm(request.GET or None, areas=_areas(user))
    filters = form.cleaned_data if form.is_valid() else {}
    area = filters.get("area")
    qs = selectors.companies_search(
        user=user,
        q=filters.get("q", ""),
        division=filters.get("division", ""),
        area_id=area.pk if area else None,
    )
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "companies/company_list.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
    )


def _areas(user: Any) -> Any:
    return Area.objects.filter(municipality_id=access.tenant_id(user)).order_by("name", "id")


@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    areas = _areas(user)

    def shown(company: Company | None) -> Shown:
        crumbs = [_companies_crumb()] if company is None else _company_crumbs(company)
        title = _("Ret %(name)s") % {"name": company.name} if company else _("Ny virksomhed")
        return Shown(title=title, back=crumbs[-1][1], crumbs=crumbs)

    return edit_page(
        request,
        load=lambda: selectors.company_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda company, data: CompanyForm.for_company(company, areas=areas, data=data),
        save=create_or_update(
            lambda values: services.company_create(actor=user, **values),
            lambda company, version, values: services.company_update(
                actor=user, company=company, expected_version=version, **values
            ),
        ),
        saved=_("Virksomheden er gemt."),
        done=lambda company: reverse("companies:company-detail", args=[company.pk]),
        shown=shown,
        template="hosts/edit.html",
    )


@require_GET
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    company = selectors.company_get(user=user, pk=pk)
    proposals = selectors.proposals_of_company(user=user, company=company)
    audit.log_read(actor=user, obj=company, persons=[p.person for p in proposals])
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": company,
            "industry": industries.industry_display(company.industry),
            "contacts": selectors.contacts_of(company),
            "agreements": selectors.agreements_of(company),
            "openings": selectors.openings_search(user=user, status="", company_id=company.pk),
            "proposals": proposals,
            "crumbs": [_companies_crumb()],
        },
    )


def _company_part_create(
    request: HttpRequest, pk: int, form_class: Any, create: Any, saved: str, title: str
) -> HttpResponse:
    """A contact person or an agreement added to a company: the form, the service, the page."""
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    company = selectors.company_get(user=user, pk=pk)
    form = form_class(request.POST or None)
    back = reverse("companies:company-detail", args=[company.pk])
    if request.method == "POST" and form.is_valid():
        done = submit_form(
            request,
            form,
            lambda: create(actor=user, company=company, **form.cleaned_data),
            saved=saved,
            done=back,
        )
        if done is not None:
            return done
    return form_page(
        request,
        form,
        title=title % {"name": company.name},
        back=back,
        crumbs=_company_crumbs(company),
        template="hosts/edit.html",
    )


@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _company_part_create(
        request,
        pk,
        ContactForm,
        services.contact_create,
        saved=_("Kontaktpersonen er gemt."),
        title=_("Ny kontaktperson hos %(name)s"),
    )


@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _company_part_create(
        request,
        pk,
        AgreementForm,
        services.agreement_create,
        saved=_("Aftalen er gemt."),
        title=_("Ny aftale med %(name)s"),
    )


@require_POST
def step_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    step = selectors.step_get(user=user, pk=pk)
    back = reverse("companies:company-detail", args=[step.agreement.company_id])
    form = StepDoneForm(request.POST)
    if form.is_valid():
        try:
            services.step_done(actor=user, step=step, done_on=form.cleaned_data["done_on"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Trinnet er gemt."))
    else:
        messages.error(request, _("Skriv en gyldig dato."))
    return redirect(back)


# --- import ------------------------------------------------------------------------------------


def _import_check(user: Any, content: bytes) -> tuple[Any, list[importing.Problem]]:
    try:
        check = importing.check_file(
            content, areas=_areas(user), municipality_id=access.tenant_id(user)
        )
    except importing.UnreadableFile as error:
        return None, [importing.Problem(None, "", str(error))]
    return check, check.problems


@require_http_methods(["GET", "POST"])
def company_import(request: HttpRequest) -> HttpResponse:
    """Import companies from CSV or XLSX: every row is checked; a file with a problem anywhere
    is listed by line and column and nothing is written; a file without problems is shown for
    review and written when confirmed (the file travels back with the confirmation)."""
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    confirming = request.method == "POST" and "confirm" in request.POST
    form = CompanyImportForm(
        None if confirming else request.POST or None, None if confirming else request.FILES or None
    )
    problems: list[importing.Problem] = []
    review: list[dict[str, Any]] = []
    payload = ""
    file_name = ""
    if confirming:
        try:
            content = base64.b64decode(request.POST.get("content", ""), validate=True)
        except (binascii.Error, ValueError):
            content = b""
        file_name = request.POST.get("file_name", "")[:200]
        check, problems = _import_check(user, content)
        if check is not None and check.ok:
            try:
                with transaction.atomic():
                    created = services.companies_import(
                        actor=user, rows=check.rows, reason=file_name
                    )
            except ValidationError as error:
                problems = [
                    importing.Problem(None, importing.HEADER_FOR_FIELD.get(name, name), message)
                    for name, messages_ in error.message_dict.items()
                    for message in messages_
                ]
            else:
                messages.success(
                    request, _("%(n)d virksomheder er importeret.") % {"n": len(created)}
                )
                return redirect("companies:company-list")
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        check, problems = _import_check(user, content)
        if check is not None and check.ok:
            review = check.rows
            payload = base64.b64encode(content).decode()
            file_name = upload.name[:200]
    failed = request.method == "POST" and (bool(form.errors) or bool(problems))
    return render(
        request,
        "companies/company_import.html",
        {
            "form": form,
            "problems": problems,
            "review": [
                {**row, "industry_shown": industries.industry_display(row["industry"])}
                for row in review
            ],
            "payload": payload,
            "file_name": file_name,
            "columns": importing.COLUMNS,
            "required": importing.REQUIRED,
            "crumbs": [_companies_crumb()],
        },
        status=422 if failed else 200,
    )


@require_GET
def company_import_template(request: HttpRequest) -> HttpResponse:
    access.require(_user(request), access.COMPANY_EDIT)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="virksomheder-skabelon.xlsx"'
        return response
    response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="virksomheder-skabelon.csv"'
    return response


# --- openings ----------------------------------------------------------------------------------


@require_GET
def opening_list(request: HttpRequest) -> HttpResponse:
    """The job consultant's openings: status (open by default), kind, area; paginated."""
    user = _user(request)
    status = request.GET.get("status", OpeningStatus.OPEN)
    status = status if status in OpeningStatus.values or status == "" else OpeningStatus.OPEN
    kind = request.GET.get("kind", "")
    kind = kind if kind in OpeningKind.values else ""
    qs = selectors.openings_search(
        user=user, status=status, kind=kind, area_id=_int(request.GET.get("area"))
    )
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "companies/opening_list.html",
        {
            "page": page,
            "query_string": query.urlencode(),
            "status": status,
            "kind": kind,
            "statuses": OpeningStatus.choices,
            "kinds": OpeningKind.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def opening_edit(
    request: HttpRequest, pk: int | None = None, company_pk: int | None = None
) -> HttpResponse:
    """A new opening of a company (``company_pk``) or a change to an opening (``pk``)."""
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    new_for = selectors.company_get(user=user, pk=company_pk or 0) if pk is None else None
    areas = _areas(user)

    def create(values: dict[str, Any]) -> Opening:
        assert new_for is not None
        return services.opening_create(actor=user, company=new_for, **values)

    def shown(opening: Opening | None) -> Shown:
        if opening is not None:
            crumbs = _opening_crumbs(opening)
            title = _("Ret opslag %(title)s") % {"title": opening.title}
        else:
            assert new_for is not None
            crumbs = _company_crumbs(new_for)
            title = _("Nyt opslag hos %(name)s") % {"name": new_for.name}
        return Shown(title=title, back=crumbs[-1][1], crumbs=crumbs)

    return edit_page(
        request,
        load=lambda: selectors.opening_get(user=user, pk=pk) if pk is not None else None,
        make_form=lambda opening, data: OpeningForm.for_opening(opening, areas=areas, data=data),
        save=create_or_update(
            create,
            lambda opening, version, values: services.opening_update(
                actor=user, opening=opening, expected_version=version, **values
            ),
        ),
        saved=_("Opslaget er gemt."),
        done=lambda opening: reverse("companies:opening-detail", args=[opening.pk]),
        shown=shown,
        template="hosts/edit.html",
    )


@require_GET
def opening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    opening = selectors.opening_get(user=user, pk=pk)
    proposals = selectors.proposals_of(user=user, opening=opening)
    audit.log_read(actor=user, obj=opening, persons=[p.person for p in proposals])
    started = sum(1 for p in proposals if p.result == ProposalResult.STARTED)
    return render(
        request,
        "companies/opening_detail.html",
        {
            "opening": opening,
            "proposals": proposals,
            "started": started,
            "places_left": max(opening.places - started, 0),
            "match_url": match_url(opening),
            "crumbs": _company_crumbs(opening.company),
        },
    )


# --- proposals ---------------------------------------------------------------------------------


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    answer = request.GET.get("answer", "")
    answer = answer if answer in CompanyAnswer.values else ""
    qs = selectors.proposals_search(user=user, answer=answer)
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    audit.log(actor=user, action=AuditAction.SEARCH, changes={"answer": [None, answer]})
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "companies/proposal_list.html",
        {
            "page": page,
            "answer": answer,
            "answers": CompanyAnswer.choices,
            "query_string": query.urlencode(),
        },
    )


@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    """Propose a person to an opening; ``?opening=<id>&person=<id>`` prefill (the matching
    pages link here)."""
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    openings = (
        selectors.openings_for(user)
        .filter(status=OpeningStatus.OPEN)
        .select_related("company")
        .order_by("company__name", "title")
    )
    persons = selectors.persons_to_propose(user)
    initial = {
        "opening": _int(request.GET.get("opening")),
        "person": _int(request.GET.get("person")),
        "proposed_on": timezone.localdate(),
    }
    form = ProposalCreateForm(
        request.POST or None, initial=initial, openings=openings, persons=persons
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Forslaget er registreret."))
            return redirect("companies:proposal-detail", proposal.pk)
    chosen = _int(request.GET.get("person")) if request.method == "GET" else None
    if chosen:
        person = persons.filter(pk=chosen).first()
        if person is not None:
            audit.log_read(actor=user, obj=person, persons=[person])
    return form_page(
        request,
        form,
        title=_("Foreslå en person til et opslag"),
        back=reverse("companies:proposal-list"),
        crumbs=[(pgettext("jobforslag", "Forslag"), reverse("companies:proposal-list"))],
        template="hosts/edit.html",
    )


def _proposal_page(
    request: HttpRequest, proposal: Proposal, *, answer: Any = None, result: Any = None
) -> HttpResponse:
    user = _user(request)
    audit.log_read(actor=user, obj=proposal, persons=[proposal.person])
    answer = answer or AnswerForm(
        initial={
            "version": proposal.version,
            "company_answer": proposal.company_answer,
            "answered_on": proposal.answered_on or timezone.localdate(),
            "answer_reason": proposal.answer_reason,
        },
        prefix="answer",
    )
    result = result or ResultForm(
        initial={"version": proposal.version, "result_on": timezone.localdate()},
        prefix="result",
    )
    failed = request.method == "POST"
    return render(
        request,
        "companies/proposal_detail.html",
        {
            "proposal": proposal,
            "opening": proposal.opening,
            "answer_form": answer,
            "result_form": result,
            "activity": getattr(proposal, "activity", None),
            "crumbs": _opening_crumbs(proposal.opening),
        },
        status=422 if failed else 200,
    )


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(user=_user(request), pk=pk)
    return _proposal_page(request, proposal)


def _save_proposal(
    request: HttpRequest, pk: int, form_class: Any, prefix: str, call: Any, saved: str
) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    proposal = selectors.proposal_get(user=user, pk=pk)
    form = form_class(request.POST, prefix=prefix)
    done = reverse("companies:proposal-detail", args=[proposal.pk])
    if form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        try:
            call(user, proposal, version, values)
        except ValidationError as error:
            add_form_errors(form, error)
            # the service set the refused values on this object before the rollback: the page
            # shows what is saved, not a result that was never written
            proposal = selectors.proposal_get(user=user, pk=pk)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect(done)
        else:
            messages.success(request, saved)
            return redirect(done)
    return _proposal_page(request, proposal, **{prefix: form})


@require_POST
def proposal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_proposal(
        request,
        pk,
        AnswerForm,
        "answer",
        lambda user, proposal, version, values: services.proposal_answer(
            actor=user, proposal=proposal, expected_version=version, **values
        ),
        _("Virksomhedens svar er gemt."),
    )


@require_POST
def proposal_result(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_proposal(
        request,
        pk,
        ResultForm,
        "result",
        lambda user, proposal, version, values: services.proposal_result(
            actor=user, proposal=proposal, expected_version=version, **values
        ),
        _("Resultatet er gemt."),
    )


# --- events ------------------------------------------------------------------------------------


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    events = selectors.events_list(user)
    coming = request.GET.get("when") == "coming"
    if coming:
        events = events.filter(held_on__gte=timezone.localdate())
    return render(request, "companies/event_list.html", {"events": events, "coming": coming})


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    companies = selectors.companies_for(user).order_by("name", "id")

    def make_form(event: MatchEvent | None, data: Any) -> EventForm:
        initial: dict[str, Any] = {"version": 0}
        if event is not None:
            initial = {
                "name": event.name,
                "held_on": event.held_on,
                "place": event.place,
                "companies": [c.pk for c in event.companies.all()],
                "version": event.version,
            }
        return EventForm(data=data, initial=initial, companies=companies)

    def shown(event: MatchEvent | None) -> Shown:
        crumbs = (
            _event_crumbs(event)
            if event is not None
            else [(_("Speed-dating"), reverse("companies:job-event-list"))]
        )
        title = (
            _("Ret %(name)s") % {"name": event.name} if event else _("Nyt speed-dating-arrangement")
        )
        return Shown(title=title, back=crumbs[-1][1], crumbs=crumbs)

    return edit_page(
        request,
        load=lambda: selectors.event_get(user=user, pk=pk) if pk is not None else None,
        make_form=make_form,
        save=create_or_update(
            lambda values: services.event_create(actor=user, **values),
            lambda event, version, values: services.event_update(
                actor=user, event=event, expected_version=version, **values
            ),
        ),
        saved=_("Arrangementet er gemt."),
        done=lambda event: reverse("companies:job-event-detail", args=[event.pk]),
        shown=shown,
        template="hosts/edit.html",
    )


def _event_page(
    request: HttpRequest, event: MatchEvent, *, invite: Any = None, meeting: Any = None
) -> HttpResponse:
    user = _user(request)
    invitations = selectors.invitations_of(user=user, event=event)
    meetings = selectors.meetings_of(user=user, event=event)
    audit.log_read(
        actor=user,
        obj=event,
        persons=[i.person for i in invitations] + [m.person for m in meetings],
    )
    persons = selectors.persons_to_propose(user)
    invited = [i.person_id for i in invitations]
    companies = event.companies.all()
    editable = access.can(user, access.COMPANY_EDIT)
    return render(
        request,
        "companies/event_detail.html",
        {
            "event": event,
            "invitations": [
                {
                    "invitation": i,
                    "has_letter": letters.has_letter(i.letter_language),
                    "attendance": AttendanceForm(
                        initial={"attended": i.attended, "version": i.version},
                        prefix=f"att{i.pk}",
                    ),
                }
                for i in invitations
            ],
            "meetings": meetings,
            "invite_form": invite
            or InvitationForm(
                initial={"invited_on": timezone.localdate()},
                persons=persons.exclude(pk__in=invited),
            ),
            "meeting_form": meeting
            or MeetingForm(persons=persons.filter(pk__in=invited), companies=companies),
            "editable": editable,
            "crumbs": [(_("Speed-dating"), reverse("companies:job-event-list"))],
        },
        status=422 if request.method == "POST" else 200,
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.event_get(user=_user(request), pk=pk)
    return _event_page(request, event)


@require_POST
def event_invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    event = selectors.event_get(user=user, pk=pk)
    form = InvitationForm(request.POST, persons=selectors.persons_to_propose(user))
    if form.is_valid():
        try:
            services.invitation_create(actor=user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Personen er inviteret."))
            return redirect("companies:job-event-detail", event.pk)
    return _event_page(request, event, invite=form)


@require_POST
def event_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    event = selectors.event_get(user=user, pk=pk)
    form = MeetingForm(
        request.POST, persons=selectors.persons_to_propose(user), companies=event.companies.all()
    )
    if form.is_valid():
        try:
            services.meeting_create(actor=user, event=event, **form.cleaned_data)
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("Mødet er registreret."))
            return redirect("companies:job-event-detail", event.pk)
    return _event_page(request, event, meeting=form)


@require_POST
def invitation_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMPANY_EDIT)
    invitation = selectors.invitation_get(user=user, pk=pk)
    form = AttendanceForm(request.POST, prefix=f"att{invitation.pk}")
    done = reverse("companies:job-event-detail", args=[invitation.event_id])
    if form.is_valid():
        try:
            services.invitation_update(
                actor=user,
                invitation=invitation,
                expected_version=form.cleaned_data["version"],
                attended=form.cleaned_data["attended"],
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Deltagelsen er gemt."))
    else:
        messages.error(request, _("Vælg deltagelse."))
    return redirect(done)


@require_GET
def invitation_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation letter in the person's language (Danish where there is no text)."""
    user = _user(request)
    invitation = selectors.invitation_get(user=user, pk=pk)
    audit.log_read(actor=user, obj=invitation, persons=[invitation.person])
    event = invitation.event
    text = letters.letter(
        language=invitation.letter_language,
        name=invitation.person.full_name,
        event=event.name,
        day=event.held_on,
        place=event.place,
    )
    return render(
        request,
        "companies/invitation_letter.html",
        {
            "invitation": invitation,
            "event": event,
            "letter": text,
            "rtl": text["language"] in ("ar", "fa", "ps", "ur", "he"),
            "crumbs": _event_crumbs(event),
        },
    )
