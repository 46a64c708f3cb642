"""Pages for citizens: parse input, call one service or selector, render.

htmx requests get a partial (``template.html#partial``); every page also works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from velkomst.core import access, audit, fields
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditAction
from velkomst.core.views import (
    CONCURRENT_EDIT_MESSAGE,
    add_form_errors,
    edit_versioned,
    form_page,
)
from velkomst.reception import services as reception_services

from . import selectors, services
from .forms import (
    ALL,
    MINE,
    CaseworkerForm,
    ContactPersonForm,
    HouseholdCreateForm,
    HouseholdForm,
    MemberFormSet,
    NoteForm,
    PersonForm,
    PersonListFilterForm,
    PhaseForm,
)
from .models import Case, Person


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _user(request: HttpRequest) -> Any:
    return request.user


def person_list(request: HtmxHttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    sees_all = access.can(user, access.SEE_ALL_CITIZENS)
    default_scope = ALL if sees_all else MINE  # REC-4: "my citizens" are my own cases
    form = PersonListFilterForm(
        request.GET or None, sees_all=sees_all, initial={"scope": default_scope}
    )
    filters = form.cleaned_data if form.is_valid() else {}
    scope = filters.get("scope") or default_scope
    persons = selectors.person_list(
        user=user,
        query=filters.get("q", ""),
        phase=filters.get("phase", ""),
        nationality=filters.get("nationality", ""),
        mine=scope == MINE,
        arriving=filters.get("arriving"),
    )
    page = selectors.person_page(persons, request.GET.get("page"), settings.VELKOMST_PAGE_SIZE)
    if any(filters.values()):
        audit.log(
            actor=user,
            action=AuditAction.SEARCH,
            changes={k: [None, v] for k, v in filters.items() if v},
        )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query_string": query.urlencode(),
        "show_cpr": fields.level(user, fields.CPR) != fields.HIDDEN,
        "mine": scope == MINE,
        "filtered": any(filters.get(name) for name in ("q", "phase", "nationality")),
    }
    template = "people/person_list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    person = selectors.person_get(user=user, pk=pk)
    audit.log(actor=user, action=AuditAction.VIEW, obj=person, person_id=person.pk)
    return render(request, "people/person_detail.html", _person_context(user, person))


def _person_context(user: Any, person: Person, **overrides: Any) -> dict[str, Any]:
    case: Case | None = getattr(person, "case", None)
    context: dict[str, Any] = {"person": person, "case": case, "household": person.household}
    if case is not None:
        context.update(
            phases=selectors.case_phase_history(case),
            contacts=selectors.case_contact_persons(case),
            assignments=selectors.case_assignment_history(case),
            show_notes=fields.can_read_notes(user),
            notes=selectors.case_notes(case) if fields.can_read_notes(user) else None,
            note_form=NoteForm(),
            can_add_contact=len(selectors.case_contact_persons(case))
            < services.MAX_CONTACT_PERSONS,
            contact_form=ContactPersonForm(staff_qs=selectors.contact_person_choices(user)),
            allowed_phases=services.PHASES.get(case.phase, []),
        )
    context.update(overrides)
    return context


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PERSON_EDIT)
    person, form, done = edit_versioned(
        request,
        load=lambda: selectors.person_get(user=user, pk=pk),
        make_form=lambda person, data: PersonForm.for_person(person, data=data),
        save=lambda person, version, values: reception_services.person_change(
            person=person, acting_user=user, expected_version=version, **values
        ),
        saved=_("Personens oplysninger er gemt."),
        done=lambda person: reverse("person-detail", args=[person.pk]),
    )
    if done is not None:
        return done
    audit.log_read(actor=user, obj=person, persons=[person])  # the form shows the CPR number
    return form_page(
        request,
        form,
        title=_("Ret %(name)s") % {"name": person.full_name},
        back=reverse("person-detail", args=[person.pk]),
        crumbs=[(person.household.name, reverse("household-detail", args=[person.household_id]))],
    )


def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PERSON_VIEW)
    household = selectors.household_get(user=user, pk=pk)
    members = list(household.members.all())
    audit.log_many(
        actor=user, action=AuditAction.VIEW, objects=[(member, member.pk) for member in members]
    )
    return render(
        request, "people/household_detail.html", {"household": household, "members": members}
    )


def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PERSON_EDIT)
    household, form, done = edit_versioned(
        request,
        load=lambda: selectors.household_get(user=user, pk=pk),
        make_form=lambda household, data: HouseholdForm.for_household(household, data=data),
        # the reception plan's deadlines follow changed arrival dates (REC-4)
        save=lambda household, version, values: reception_services.household_change_dates(
            household=household, acting_user=user, expected_version=version, **values
        ),
        saved=_("Husstanden er gemt."),
        done=lambda household: reverse("household-detail", args=[household.pk]),
    )
    if done is not None:
        return done
    audit.log_read(actor=user, obj=household, persons=household.members.all())
    return form_page(
        request,
        form,
        title=_("Ret husstand %(name)s") % {"name": household.name},
        back=reverse("household-detail", args=[household.pk]),
        crumbs=[(household.name, reverse("household-detail", args=[household.pk]))],
    )


def household_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, access.HOUSEHOLD_CREATE)
    data = request.POST if request.method == "POST" else None
    form = HouseholdCreateForm(data)
    members = MemberFormSet(data, prefix="member")
    if data is not None and "add_member" in data:
        # "Add member" without JavaScript: the same values, unvalidated, and one more empty member
        form, members = _household_create_forms_plus_one(data)
    elif data is not None and form.is_valid() and members.is_valid():
        filled = [f for f in members.forms if f.has_changed()]
        try:
            # registers the household and generates its reception plan (REC-2)
            household = reception_services.household_register(
                acting_user=user, members=[f.member_data() for f in filled], **form.cleaned_data
            )
        except ValidationError as error:
            # a date no case can have: on its field; a member's ("members.0.birth_date") on
            # that member's form
            for name, problems in error.message_dict.items():
                if name.startswith("members."):
                    _members, number, field_name = name.split(".", 2)
                    filled[int(number)].add_error(field_name, problems)
                else:
                    form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("Husstanden er oprettet."))
            return redirect("household-detail", pk=household.pk)
    context = {"form": form, "members": members}
    status = 422 if data is not None and form.is_bound else 200
    return render(request, "people/household_create.html", context, status=status)


def _household_create_forms_plus_one(data: Any) -> tuple[HouseholdCreateForm, Any]:
    total = min(int(data.get("member-TOTAL_FORMS", "1") or 1), MemberFormSet.max_num - 1)
    fields = list(MemberFormSet.form.base_fields)
    initial = [{name: data.get(f"member-{i}-{name}") for name in fields} for i in range(total)]
    form = HouseholdCreateForm(
        initial={name: data.get(name) for name in HouseholdCreateForm.base_fields}
    )
    return form, MemberFormSet(prefix="member", initial=[*initial, {}])


@require_POST
def note_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.NOTE_ADD)
    case = selectors.case_get(user=user, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        corrects = None
        if form.cleaned_data.get("corrects"):
            corrects = selectors.case_notes(case).filter(pk=form.cleaned_data["corrects"]).first()
            if corrects is None:
                raise Http404
        try:
            services.note_add(
                case=case,
                acting_user=user,
                text=form.cleaned_data["text"],
                corrects=corrects,
                internal=form.cleaned_data.get("internal", False),
            )
        except ValidationError as error:  # a household handed over to another municipality
            form.add_error(None, error)
    if form.is_valid():
        if not request.htmx:
            messages.success(request, _("Notatet er tilføjet."))
            return redirect(reverse("person-detail", args=[case.person_id]) + "#notes")
        form = NoteForm()
    elif not request.htmx:
        person = selectors.person_get(user=user, pk=case.person_id)
        audit.log_read(actor=user, obj=person, persons=[person])
        context = _person_context(user, person, note_form=form)
        return render(request, "people/person_detail.html", context, status=422)
    audit.log_read(actor=user, obj=case, persons=[case.person])  # the case's journal notes
    context = {
        "case": case,
        "show_notes": True,
        "notes": selectors.case_notes(case),
        "note_form": form,
    }
    return render(request, "people/person_detail.html#notes", context)


def case_phase(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.CASE_CHANGE_PHASE)
    case = selectors.case_get(user=user, pk=pk)
    form = PhaseForm(request.POST or None, current_phase=case.phase)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_change_phase(
                case=case,
                to=form.cleaned_data["to"],
                acting_user=user,
                reason=form.cleaned_data["reason"],
                effective_date=form.cleaned_data["effective_date"],
                end_reason=form.cleaned_data.get("end_reason", ""),
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            case = selectors.case_get(user=user, pk=pk)
            form = PhaseForm(current_phase=case.phase, initial={"version": case.version})
        except ValidationError as error:
            add_form_errors(form, error)
        except services.IllegalPhaseTransition as error:
            form.add_error("to", error.message)
        else:
            messages.success(request, _("Fasen er ændret."))
            return redirect("person-detail", pk=case.person_id)
    if request.method == "GET":
        form.initial.update(version=case.version)
    return _case_form_page(request, form, case, _("Skift fase"))


def case_caseworker(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.CASE_ASSIGN)
    case = selectors.case_get(user=user, pk=pk)
    staff_qs = selectors.staff_in_municipality(user, roles=access.CASEWORKER_ROLES)
    form = CaseworkerForm(request.POST or None, staff_qs=staff_qs)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_assign_caseworker(
                case=case,
                caseworker=form.cleaned_data["caseworker"],
                acting_user=user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            case = selectors.case_get(user=user, pk=pk)
            form = CaseworkerForm(staff_qs=staff_qs, initial={"version": case.version})
        else:
            messages.success(request, _("Den faste sagsbehandler er ændret."))
            return redirect("person-detail", pk=case.person_id)
    if request.method == "GET":
        form.initial.update(version=case.version, caseworker=case.caseworker_id)
    return _case_form_page(request, form, case, _("Skift fast sagsbehandler"))


@require_POST
def case_contacts(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.CASE_ASSIGN)
    case = selectors.case_get(user=user, pk=pk)
    staff_qs = selectors.staff_in_municipality(user)
    if "remove" in request.POST:
        remove = request.POST.get("remove", "")
        staff = staff_qs.filter(pk=int(remove)).first() if remove.isdigit() else None
        if staff is None:
            raise Http404
        services.case_end_contact_person(case=case, staff=staff, acting_user=user)
        messages.success(request, _("Kontaktpersonen er fjernet."))
    else:
        form = ContactPersonForm(request.POST, staff_qs=selectors.contact_person_choices(user))
        if not form.is_valid():
            messages.error(request, _("Vælg en medarbejder som kontaktperson."))
        else:
            try:
                services.case_add_contact_person(
                    case=case,
                    staff=form.cleaned_data["staff"],
                    acting_user=user,
                    reason=form.cleaned_data["reason"],
                )
            except services.TooManyContactPersons as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Kontaktpersonen er tilføjet."))
    return redirect(reverse("person-detail", args=[case.person_id]) + "#contacts")


def _case_form_page(request: HttpRequest, form: Any, case: Case, title: str) -> HttpResponse:
    person = case.person
    audit.log_read(actor=_user(request), obj=case, persons=[person])
    return form_page(
        request,
        form,
        title=f"{title}: {person.full_name}",
        back=reverse("person-detail", args=[person.pk]),
        crumbs=[
            (person.household.name, reverse("household-detail", args=[person.household_id])),
            (person.full_name, reverse("person-detail", args=[person.pk])),
        ],
    )
