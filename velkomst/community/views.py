"""Pages of events and associations (CIV-4, CIV-5) and children's leisure (CHI-4): parse input,
call one service or selector, render. The volunteer coordinator (COMMUNITY_EDIT) runs events and
associations; caseworkers and family consultants (COMMUNITY_INVITE, PARTICIPATION_EDIT) invite
their citizens and record leisure. Pages that show persons write a ``view`` row per person."""

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
from velkomst.core.models import AuditAction
from velkomst.core.views import (
    CONCURRENT_EDIT_MESSAGE,
    add_form_errors,
    edit_versioned,
    form_page,
    submit_form,
)
from velkomst.people.selectors import household_get

from . import selectors, services, texts
from .forms import (
    ActivityForm,
    AssociationForm,
    AttendanceForm,
    ContactForm,
    EventForm,
    InviteForm,
    MembershipForm,
    ParticipationEndForm,
    ParticipationForm,
    show_only_person,
)
from .models import Activity, Association, CommunityEventKind, Event

EVENTS_REASON = "Arrangementer"


def _user(request: HttpRequest) -> Any:
    return request.user


def _events_crumb() -> tuple[str, str]:
    return (_("Arrangementer"), reverse("community:event-list"))


def _associations_crumb() -> tuple[str, str]:
    return (_("Foreninger"), reverse("community:association-list"))


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- events (CIV-4) ----------------------------------------------------------------------------


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    when = request.GET.get("when", "")
    when = when if when in ("coming", "past") else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in CommunityEventKind.values else ""
    missing = request.GET.get("attendance") == "missing"
    events = selectors.events_list(user, when=when, kind=kind, missing=missing)
    page = Paginator(events, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(
        f"{k}={v}"
        for k, v in (("when", when), ("kind", kind), ("attendance", "missing" if missing else ""))
        if v
    )
    return render(
        request,
        "community/event_list.html",
        {
            "page": page,
            "when": when,
            "kind": kind,
            "missing": missing,
            "kinds": CommunityEventKind.choices,
            "query_string": query,
            "editable": access.can(user, access.COMMUNITY_EDIT),
        },
    )


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMMUNITY_EDIT)

    def make_form(event: Event | None, data: Any) -> EventForm:
        initial: dict[str, Any] = {"version": 0}
        if event is not None:
            initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
            initial |= {"area": event.area_id, "association": event.association_id}
            initial["version"] = event.version
        elif kind := request.GET.get("kind"):
            initial["kind"] = kind
        return EventForm(
            data=data,
            initial=initial,
            areas=selectors.areas_for(user),
            associations=selectors.associations_for(user).order_by("name"),
        )

    event, form, done = edit_versioned(
        request,
        load=lambda: selectors.event_get(user=user, pk=pk) if pk is not None else None,
        make_form=make_form,
        save=lambda event, version, values: (
            services.event_create(actor=user, **values)
            if event is None
            else services.event_update(actor=user, event=event, expected_version=version, **values)
        ),
        saved=_("Arrangementet er gemt."),
        done=lambda event: reverse("community:event-detail", args=[event.pk]),
    )
    if done is not None:
        return done
    crumbs = [_events_crumb()]
    if event is not None:
        crumbs.append((event.title, reverse("community:event-detail", args=[event.pk])))
    title = _("Ret %(name)s") % {"name": event.title} if event else _("Nyt arrangement")
    return form_page(request, form, title=title, back=crumbs[-1][1], crumbs=crumbs)


def _event_page(request: HttpRequest, event: Event, *, invite: Any = None) -> HttpResponse:
    user = _user(request)
    invitations = selectors.invitations_of(user=user, event=event)
    invited = [i.person_id for i in invitations]
    query = request.GET.get("q", "").strip()[:100]
    found = [p for p in selectors.persons_found(user, query) if p.pk not in invited]
    households = selectors.households_found(user, query)
    audit.log_read(actor=user, obj=event, persons=[i.person for i in invitations] + found)
    editable = access.can(user, access.COMMUNITY_EDIT)
    can_invite = access.can(user, access.COMMUNITY_INVITE) and event.held_on >= timezone.localdate()
    return render(
        request,
        "community/event_detail.html",
        {
            "event": event,
            "invitations": [
                {
                    "invitation": i,
                    "attendance": AttendanceForm(
                        initial={"attendance": i.attendance, "version": i.version},
                        prefix=f"att{i.pk}",
                    ),
                }
                for i in invitations
            ],
            "attended": sum(1 for i in invitations if i.attendance == "attended"),
            "invite_form": _invite_form(user, invite, found, households) if can_invite else None,
            "query": query,
            "editable": editable,
            "crumbs": [_events_crumb()],
        },
        status=422 if request.method == "POST" else 200,
    )


def _invite_form(user: Any, form: Any, found: list[Any], households: list[Any]) -> InviteForm:
    """The invitation form offering the search's finds (and, after a failed POST, the chosen)."""
    form = form or InviteForm(
        persons=selectors.persons_to_invite(user),
        households=selectors.households_to_invite(user),
    )
    form.show_only(found, households)
    return form


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_page(request, selectors.event_get(user=_user(request), pk=pk))


@require_POST
def event_invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMMUNITY_INVITE)
    event = selectors.event_get(user=user, pk=pk)
    form = InviteForm(
        request.POST,
        persons=selectors.persons_to_invite(user),
        households=selectors.households_to_invite(user),
    )
    if form.is_valid():
        persons = list(form.cleaned_data["persons"])
        household = form.cleaned_data["household"]
        if household is not None:
            chosen = {p.pk for p in persons}
            persons += [
                p
                for p in selectors.persons_to_invite(user).filter(household=household)
                if p.pk not in chosen
            ]
        try:
            created = services.invite(
                actor=user,
                event=event,
                persons=persons,
                channel=form.cleaned_data["channel"],
                address=form.cleaned_data["address"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, _("%(n)s er inviteret.") % {"n": len(created)})
            return redirect("community:event-detail", event.pk)
    return _event_page(request, event, invite=form)


@require_POST
def invitation_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMMUNITY_EDIT)
    invitation = selectors.invitation_get(user=user, pk=pk)
    form = AttendanceForm(request.POST, prefix=f"att{invitation.pk}")
    if form.is_valid():
        try:
            services.invitation_update(
                actor=user,
                invitation=invitation,
                expected_version=form.cleaned_data["version"],
                attendance=form.cleaned_data["attendance"],
            )
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Deltagelsen for %(name)s er gemt.") % {"name": invitation.person.full_name},
            )
    else:
        messages.error(request, _("Vælg deltagelse."))
    return redirect("community:event-detail", invitation.event_id)


@require_GET
def invitation_text(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation in the person's language (Danish where there is no text)."""
    user = _user(request)
    invitation = selectors.invitation_get(user=user, pk=pk)
    audit.log_read(actor=user, obj=invitation, persons=[invitation.person])
    event = invitation.event
    text = texts.invitation(
        language=invitation.language, event=event, name=invitation.person.full_name
    )
    return render(
        request,
        "community/invitation_text.html",
        {
            "invitation": invitation,
            "event": event,
            "text": text,
            "rtl": text["language"] in texts.RTL,
            "crumbs": [
                _events_crumb(),
                (event.title, reverse("community:event-detail", args=[event.pk])),
            ],
        },
    )


# --- associations (CIV-5) ----------------------------------------------------------------------


@require_GET
def association_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    page = Paginator(selectors.associations_list(user), settings.VELKOMST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "community/association_list.html",
        {"page": page, "editable": access.can(user, access.COMMUNITY_EDIT)},
    )


@require_http_methods(["GET", "POST"])
def association_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _user(request)
    access.require(user, access.COMMUNITY_EDIT)

    def make_form(association: Association | None, data: Any) -> AssociationForm:
        initial: dict[str, Any] = {"version": 0}
        if association is not None:
            initial = {name: getattr(association, name) for name in services.ASSOCIATION_FIELDS}
            initial |= {"area": association.area_id, "version": association.version}
        return AssociationForm(data=data, initial=initial, areas=selectors.areas_for(user))

    association, form, done = edit_versioned(
        request,
        load=lambda: selectors.association_get(user=user, pk=pk) if pk is not None else None,
        make_form=make_form,
        save=lambda a, version, values: (
            services.association_create(actor=user, **values)
            if a is None
            else services.association_update(
                actor=user, association=a, expected_version=version, **values
            )
        ),
        saved=_("Foreningen er gemt."),
        done=lambda a: reverse("community:association-detail", args=[a.pk]),
    )
    if done is not None:
        return done
    crumbs = [_associations_crumb()]
    if association is not None:
        crumbs.append(
            (association.name, reverse("community:association-detail", args=[association.pk]))
        )
    title = _("Ret %(name)s") % {"name": association.name} if association else _("Ny forening")
    return form_page(request, form, title=title, back=crumbs[-1][1], crumbs=crumbs)


def _association_page(
    request: HttpRequest,
    association: Association,
    *,
    activity: Any = None,
    membership: Any = None,
    contact: Any = None,
) -> HttpResponse:
    user = _user(request)
    memberships = selectors.memberships_of(user=user, association=association)
    participations = selectors.participations_of(user=user, association=association)
    contacts = selectors.contacts_of(user=user, association=association)
    audit.log_read(
        actor=user,
        obj=association,
        persons=[m.person for m in memberships]
        + [p.person for p in participations]
        + [c.person for c in contacts],
    )
    editable = access.can(user, access.COMMUNITY_EDIT)
    persons = selectors.persons_to_invite(user)
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.persons_found(user, query)
    if found:
        audit.log_read(actor=user, obj=association, persons=found)
    membership = membership or MembershipForm(persons=persons)
    contact = contact or ContactForm(persons=persons)
    show_only_person(membership, found)
    show_only_person(contact, found)
    return render(
        request,
        "community/association_detail.html",
        {
            "association": association,
            "activities": selectors.activities_of(association),
            "memberships": memberships,
            "participations": participations,
            "shown_rows": selectors.SHOWN_ROWS,
            "contacts": contacts,
            "counts": selectors.participation_counts(user, association=association),
            "editable": editable,
            "can_participate": access.can(user, access.PARTICIPATION_EDIT),
            "can_contact": access.can(user, access.COMMUNITY_INVITE),
            "activity_form": activity or ActivityForm(),
            "membership_form": membership,
            "contact_form": contact,
            "query": query,
            "crumbs": [_associations_crumb()],
        },
        status=422 if request.method == "POST" else 200,
    )


@require_GET
def association_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _association_page(request, selectors.association_get(user=_user(request), pk=pk))


def _association_post(
    request: HttpRequest,
    pk: int,
    *,
    capability: str,
    form_class: Any,
    slot: str,
    call: Any,
    saved: str,
    with_persons: bool,
) -> HttpResponse:
    user = _user(request)
    access.require(user, capability)
    association = selectors.association_get(user=user, pk=pk)
    kwargs = {"persons": selectors.persons_to_invite(user)} if with_persons else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            call(user, association, dict(form.cleaned_data))
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(request, saved)
            return redirect("community:association-detail", association.pk)
    return _association_page(request, association, **{slot: form})


@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _association_post(
        request,
        pk,
        capability=access.COMMUNITY_EDIT,
        form_class=ActivityForm,
        slot="activity",
        call=lambda user, a, values: services.activity_create(actor=user, association=a, **values),
        saved=_("Aktiviteten er tilføjet."),
        with_persons=False,
    )


@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _association_post(
        request,
        pk,
        capability=access.COMMUNITY_EDIT,
        form_class=MembershipForm,
        slot="membership",
        call=lambda user, a, values: services.free_membership_create(
            actor=user, association=a, **values
        ),
        saved=_("Det gratis medlemskab er gemt."),
        with_persons=True,
    )


@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _association_post(
        request,
        pk,
        capability=access.COMMUNITY_INVITE,
        form_class=ContactForm,
        slot="contact",
        call=lambda user, a, values: services.association_contact_create(
            actor=user, association=a, **values
        ),
        saved=_("Personen er formidlet til foreningen."),
        with_persons=True,
    )


# --- participation (CIV-5, CHI-4) --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def participation_create(request: HttpRequest) -> HttpResponse:
    """A person starts in an association; ``?person=`` and ``?association=`` preselect, and
    ``?next=household`` returns to the household's leisure page."""
    user = _user(request)
    access.require(user, access.PARTICIPATION_EDIT)
    associations = selectors.associations_for(user).order_by("name", "id")
    form = ParticipationForm(
        request.POST or None,
        persons=selectors.persons_to_invite(user),
        associations=associations,
        activities=Activity.objects.filter(association__in=associations)
        .select_related("association")
        .order_by("association__name", "name"),
        initial={
            "person": _int(request.GET.get("person")),
            "association": _int(request.GET.get("association")),
            "started_on": timezone.localdate(),
        },
    )
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.persons_found(user, query)
    preset = _int(request.GET.get("person"))
    if preset is not None:
        found += list(selectors.persons_to_invite(user).filter(pk=preset))
    back = reverse("community:participation-counts")
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        person = values.pop("person")
        association = values.pop("association")
        done = (
            reverse("community:household-leisure", args=[person.household_id])
            if request.GET.get("next") == "household"
            else reverse("community:association-detail", args=[association.pk])
        )
        answer = submit_form(
            request,
            form,
            lambda: services.participation_create(
                actor=user, person=person, association=association, **values
            ),
            saved=_("Deltagelsen er gemt."),
            done=done,
        )
        if answer is not None:
            return answer
    show_only_person(form, found)
    if found:
        audit.log_many(actor=user, action=AuditAction.VIEW, objects=[(p, p.pk) for p in found])
    return render(
        request,
        "community/participation_form.html",
        {
            "form": form,
            "query": query,
            "title": _("Ny deltagelse i en forening"),
            "back": back,
            "crumbs": [(_("Deltagelse i foreninger"), back)],
        },
        status=422 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def participation_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    access.require(user, access.PARTICIPATION_EDIT)
    participation, form, done = edit_versioned(
        request,
        load=lambda: selectors.participation_get(user=user, pk=pk),
        make_form=lambda p, data: ParticipationEndForm(
            data, initial={"ended_on": p.ended_on or timezone.localdate(), "version": p.version}
        ),
        save=lambda p, version, values: services.participation_update(
            actor=user, participation=p, expected_version=version, **values
        ),
        saved=_("Deltagelsen er gemt."),
        done=lambda p: reverse("community:association-detail", args=[p.association_id]),
    )
    if done is not None:
        return done
    audit.log_read(actor=user, obj=participation, persons=[participation.person])
    back = reverse("community:association-detail", args=[participation.association_id])
    return form_page(
        request,
        form,
        title=_("%(name)s stopper i %(association)s")
        % {"name": participation.person.full_name, "association": participation.association.name},
        back=back,
        crumbs=[_associations_crumb(), (participation.association.name, back)],
    )


@require_GET
def participation_counts(request: HttpRequest) -> HttpResponse:
    """Continuity (still active after 3 and 6 months) and the balance between girls and boys,
    women and men (CIV-5, CHI-4); ``?association=`` for one association."""
    user = _user(request)
    association = None
    if (pk := _int(request.GET.get("association"))) is not None:
        association = selectors.association_get(user=user, pk=pk)
    counts = selectors.participation_counts(user, association=association)
    audit.log(
        actor=user,
        action=AuditAction.SEARCH,
        changes={"association": [None, association.name]} if association else None,
        reason="Deltagelse i foreninger",
    )
    return render(
        request,
        "community/participation_counts.html",
        {
            "counts": counts,
            "association": association,
            "associations": selectors.associations_for(user).order_by("name", "id"),
            "can_participate": access.can(user, access.PARTICIPATION_EDIT),
        },
    )


@require_GET
def household_leisure(request: HttpRequest, pk: int) -> HttpResponse:
    """The household's children and young people's leisure (CHI-4): club, association, sport
    with start, end and continuity after 3 and 6 months."""
    user = _user(request)
    access.require(user, access.COMMUNITY_VIEW)
    household = household_get(user=user, pk=pk)
    rows = selectors.leisure_of(user=user, household=household)
    children = list(selectors.children_of(user=user, household=household))
    audit.log_read(actor=user, obj=household, persons=children)
    return render(
        request,
        "community/household_leisure.html",
        {
            "household": household,
            "rows": rows,
            "children": children,
            "can_participate": access.can(user, access.PARTICIPATION_EDIT),
            "crumbs": [(household.name, reverse("household-detail", args=[household.pk]))],
        },
    )
