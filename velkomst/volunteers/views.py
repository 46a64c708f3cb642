"""Pages of the resource bank (CIV-1, CIV-3, CIV-6): the public registration and the volunteer's
own link, and the coordinator's bank, approvals and volunteer page. Parse input, call one
service or selector, render."""

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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from velkomst.core import access, audit
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.views import (
    CONCURRENT_EDIT_MESSAGE,
    add_form_errors,
    edit_versioned,
    form_page,
    form_status,
    form_values,
    submit_form,
)
from velkomst.people.selectors import persons_visible_to

from . import selectors, services
from .eligibility import child_eligibility
from .forms import (
    CONSENT_TEXT,
    GDPR_NOTICE,
    BankFilterForm,
    CertificateForm,
    ConcernForm,
    DecisionForm,
    DiplomaForm,
    HoursForm,
    OfferForm,
    OwnEntryForm,
    RegistrationForm,
    VolunteerForm,
)
from .models import Offer, Volunteer, VolunteerStatus

TOO_MANY_MESSAGE = gettext_lazy(
    "Der er sendt mange tilmeldinger fra din forbindelse den seneste time. "
    "Prøv igen senere, eller ring til kommunen."
)
DECLINED_MESSAGE = gettext_lazy(
    "Din tilmelding er afsluttet. Kontakt kommunen, hvis du vil melde dig igen."
)


def _user(request: HttpRequest) -> Any:
    return request.user


# --- the public side: no login ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def public_register(request: HttpRequest, code: str) -> HttpResponse:
    """The municipality's registration form for volunteers (CIV-1). It shows the municipality's
    name only, and the same answer whoever registers."""
    municipality = selectors.municipality_by_code(code)
    areas = selectors.areas_of(municipality.pk)
    form = RegistrationForm(request.POST or None, areas=areas)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            volunteer = services.register_public(
                municipality=municipality,
                values=form.volunteer_values(),
                offer=form.offer_data(),
                address=request.META.get("REMOTE_ADDR", ""),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except services.TooManyRegistrations:
            form.add_error(None, TOO_MANY_MESSAGE)
            status = 429
        else:
            messages.success(
                request,
                _(
                    "Tak for din tilmelding. Frivilligkoordinatoren kontakter dig. Gem adressen på "
                    "denne side: her kan du altid rette dine oplysninger."
                ),
            )
            return redirect("volunteers-own-entry", token=volunteer.token)
    if request.method == "POST" and form.errors and status == 200:
        status = 422
    return render(
        request,
        "volunteers/public_form.html",
        {
            "municipality": municipality,
            "form": form,
            "consent_text": CONSENT_TEXT,
            "gdpr_notice": GDPR_NOTICE,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def own_entry(request: HttpRequest, token: str) -> HttpResponse:
    """The volunteer's own entry through the secret link: see and correct it."""
    volunteer = selectors.volunteer_by_token(token)
    areas = selectors.areas_of(volunteer.municipality_id)
    declined = volunteer.status == VolunteerStatus.DECLINED
    initial = {**OwnEntryForm.initial_for(volunteer), "version": volunteer.version}
    form = OwnEntryForm(request.POST or None, initial=initial, areas=areas)
    if request.method == "POST" and declined:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            services.correct_own_entry(
                volunteer=volunteer,
                expected_version=form.cleaned_data["version"],
                values=form.volunteer_values(),
                offer=form.offer_data(),
            )
        except ValidationError as error:
            add_form_errors(form, error)
        except ConcurrentEditError:
            messages.error(request, CONCURRENT_EDIT_MESSAGE)
            return redirect("volunteers-own-entry", token=token)
        else:
            messages.success(request, _("Dine oplysninger er gemt."))
            return redirect("volunteers-own-entry", token=token)
    return render(
        request,
        "volunteers/own_entry.html",
        {
            "volunteer": volunteer,
            "form": form,
            "declined": declined,
            "declined_message": DECLINED_MESSAGE,
            "gdpr_notice": GDPR_NOTICE,
        },
        status=form_status(request, form),
    )


@require_http_methods(["GET", "POST"])
def own_concern(request: HttpRequest, token: str) -> HttpResponse:
    """A volunteer's concern about a child's welfare, through their own secret link (CIV-3): it
    reaches the children and family unit as a referral with a short deadline. Approved
    volunteers only; the volunteer's name and contact go with it."""
    from velkomst.referrals.services import concern_report

    volunteer = selectors.volunteer_by_token(token)
    if volunteer.status != VolunteerStatus.APPROVED:
        raise PermissionDenied
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern_report(
                municipality=volunteer.municipality,
                reporter_name=volunteer.name,
                reporter_contact=volunteer.phone or volunteer.email,
                child_description=form.cleaned_data["child_description"],
                text=form.cleaned_data["text"],
                volunteer_id=volunteer.pk,
            )
        except ValidationError as error:
            add_form_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Tak. Din bekymring er sendt til kommunens børne- og familieenhed, som svarer dig."
                ),
            )
            return redirect("volunteers-own-entry", token=token)
    return render(
        request,
        "volunteers/own_concern.html",
        {"volunteer": volunteer, "form": form, "token": token},
        status=form_status(request, form),
    )


# --- the coordinator ----------------------------------------------------------------------------


def _crumbs() -> list[tuple[str, str]]:
    return [(_("Ressourcebank"), reverse("volunteers-bank"))]


@require_GET
def bank(request: HttpRequest) -> HttpResponse:
    """The resource bank: every volunteer with their active offers, filtered (CIV-1)."""
    user = _user(request)
    access.require(user, access.VOLUNTEER_VIEW)
    form = BankFilterForm(request.GET or None, areas=selectors.areas_of(access.tenant_id(user)))
    filters = form.cleaned_data if form.is_valid() else {}
    area = filters.get("area")
    qs = selectors.bank_search(
        user=user,
        q=filters.get("q", ""),
        kind=filters.get("kind", ""),
        offer_kind=filters.get("offer_kind", ""),
        area=area.pk if area else None,
        language=filters.get("language", ""),
        audience=filters.get("audience", ""),
        status=filters.get("status", ""),
    )
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    persons = [v.person for v in page.object_list if v.person_id]
    if persons:  # a settled refugee's entry is the person's data (SEC-3)
        audit.log_many(
            actor=user,
            action="view",
            objects=[(v, v.person_id) for v in page.object_list if v.person_id],
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "volunteers/bank.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "today": timezone.localdate(),
            "can_edit": access.can(user, access.VOLUNTEER_EDIT),
            "register_url": request.build_absolute_uri(
                reverse("volunteers-public-register", args=[user.municipality.code])
            ),
        },
    )


@require_GET
def approvals(request: HttpRequest) -> HttpResponse:
    """Registrations waiting for a decision, the oldest first."""
    user = _user(request)
    access.require(user, access.VOLUNTEER_VIEW)
    qs = selectors.approvals(user)
    page = Paginator(qs, settings.VELKOMST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/approvals.html",
        {
            "page": page,
            "query_string": "",
            "can_edit": access.can(user, access.VOLUNTEER_EDIT),
            "crumbs": _crumbs(),
        },
    )


def _detail(
    request: HttpRequest,
    volunteer: Volunteer,
    *,
    forms_: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _user(request)
    if volunteer.person_id:
        audit.log_read(actor=user, obj=volunteer, persons=[volunteer.person])
    today = timezone.localdate()
    eligible, reason = child_eligibility(volunteer, today)
    can_edit = access.can(user, access.VOLUNTEER_EDIT)
    given = forms_ or {}
    decision = {
        "version": volunteer.version,
    }
    context = {
        "volunteer": volunteer,
        "offers": list(selectors.offers_of(volunteer)),
        "hours": list(selectors.hours_of(volunteer)),
        "total_hours": selectors.total_hours(volunteer),
        "diplomas": list(selectors.diplomas_of(volunteer)),
        "eligible": eligible,
        "eligibility_reason": reason,
        "can_edit": can_edit,
        "transitions": [VolunteerStatus(s) for s in services.TRANSITIONS.get(volunteer.status, ())],
        "decision_form": given.get("decision") or DecisionForm(initial=decision),
        "certificate_form": given.get("certificate")
        or CertificateForm(
            initial={
                "version": volunteer.version,
                "child_certificate_received_on": volunteer.child_certificate_received_on,
                "child_certificate_expires_on": volunteer.child_certificate_expires_on,
                "confidentiality_signed_on": volunteer.confidentiality_signed_on,
            }
        ),
        "hours_form": given.get("hours") or HoursForm(),
        "diploma_form": given.get("diploma") or DiplomaForm(),
        "crumbs": _crumbs(),
        "today": today,
        # the volunteer's own link, for the coordinator to send (like a reporting channel's)
        "own_link": request.build_absolute_uri(
            reverse("volunteers-own-entry", args=[volunteer.token])
        )
        if can_edit
        else "",
    }
    return render(request, "volunteers/detail.html", context, status=status)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return _detail(request, selectors.volunteer_get(user=user, pk=pk))


def _post(
    request: HttpRequest, pk: int, name: str, form: Any, call: Any, *, saved: str
) -> HttpResponse:
    """Run ``call`` for a valid ``form`` posted from the volunteer's page; errors show the page
    again with the form's messages (422)."""
    user = _user(request)
    volunteer = selectors.volunteer_get(user=user, pk=pk)
    access.require(user, access.VOLUNTEER_EDIT)
    back = reverse("volunteers-detail", args=[pk])
    if form.is_valid():
        response = submit_form(request, form, lambda: call(volunteer), saved=saved, done=back)
        if response is not None:
            return response
    return _detail(request, volunteer, forms_={name: form}, status=422)


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or decline a registration (a reason when declining), or set inactive and back."""
    user = _user(request)
    form = DecisionForm(request.POST)
    return _post(
        request,
        pk,
        "decision",
        form,
        lambda v: services.volunteer_decide(
            actor=user,
            volunteer=v,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        ),
        saved=_("Afgørelsen er gemt."),
    )


@require_POST
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    form = CertificateForm(request.POST)
    return _post(
        request,
        pk,
        "certificate",
        form,
        lambda v: services.certificate_record(
            actor=user,
            volunteer=v,
            expected_version=form.cleaned_data["version"],
            **form_values(form),
        ),
        saved=_("Børneattest og tavshedserklæring er gemt."),
    )


@require_POST
def hours_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    form = HoursForm(request.POST)
    return _post(
        request,
        pk,
        "hours",
        form,
        lambda v: services.hours_record(actor=user, volunteer=v, **form.cleaned_data),
        saved=_("Timerne er registreret."),
    )


@require_POST
def diploma_issue(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    form = DiplomaForm(request.POST)
    return _post(
        request,
        pk,
        "diploma",
        form,
        lambda v: services.diploma_issue(actor=user, volunteer=v, **form.cleaned_data),
        saved=_("Diplomet er udstedt."),
    )


@require_GET
def diploma_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The diploma as a PDF in Danish (CIV-6)."""
    user = _user(request)
    diploma = selectors.diploma_get(user=user, pk=pk)
    volunteer = diploma.volunteer
    if volunteer.person_id:
        audit.log_read(actor=user, obj=diploma, persons=[volunteer.person])
    response = HttpResponse(services.diploma_pdf(diploma), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="diplom-{diploma.pk}.pdf"'
    return response


def _person_for_cpr(user: Any, cpr: str) -> Any:
    if not cpr:
        return None
    person = persons_visible_to(user).filter(cpr=cpr).first()
    if person is None:
        raise ValidationError(
            {"cpr": _("Der er ingen borger med dette CPR-nummer blandt dem, du kan se.")}
        )
    return person


def _volunteer_values(
    user: Any, values: dict[str, Any], volunteer: Volunteer | None = None
) -> dict[str, Any]:
    """The form's values for the service; an empty CPR field keeps an existing link."""
    values = dict(values)
    cpr = values.pop("cpr", "")
    if cpr or volunteer is None:
        values["person"] = _person_for_cpr(user, cpr)
    return values


@require_http_methods(["GET", "POST"])
def volunteer_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Register a volunteer (approved at once) or change one's details."""
    user = _user(request)
    access.require(user, access.VOLUNTEER_EDIT)
    areas = selectors.areas_of(access.tenant_id(user))

    def save(volunteer: Volunteer | None, version: int, values: dict[str, Any]) -> Volunteer:
        values = _volunteer_values(user, values, volunteer)
        if volunteer is None:
            return services.volunteer_create(actor=user, **values)
        return services.volunteer_update(
            actor=user, volunteer=volunteer, expected_version=version, **values
        )

    volunteer, form, response = edit_versioned(
        request,
        load=lambda: selectors.volunteer_get(user=user, pk=pk) if pk else None,
        make_form=lambda v, data: VolunteerForm.for_volunteer(v, areas=areas, data=data),
        save=save,
        saved=_("Den frivillige er gemt."),
        done=lambda v: reverse("volunteers-detail", args=[v.pk]),
    )
    if response is not None:
        return response
    if volunteer is not None and volunteer.person_id:
        audit.log_read(actor=user, obj=volunteer, persons=[volunteer.person])
    back = reverse("volunteers-detail", args=[pk]) if pk else reverse("volunteers-bank")
    return form_page(
        request,
        form,
        title=_("Ret frivillig") if volunteer else _("Ny frivillig"),
        back=back,
        crumbs=_crumbs(),
        template="volunteers/edit.html",
    )


@require_http_methods(["GET", "POST"])
def offer_edit(
    request: HttpRequest, pk: int | None = None, volunteer_pk: int | None = None
) -> HttpResponse:
    """Add an offer to a volunteer or change one."""
    user = _user(request)
    access.require(user, access.VOLUNTEER_EDIT)
    offer: Offer | None = selectors.offer_get(user=user, pk=pk) if pk else None
    volunteer = (
        offer.volunteer if offer else selectors.volunteer_get(user=user, pk=volunteer_pk or 0)
    )
    areas = selectors.areas_of(volunteer.municipality_id)

    def save(current: Offer | None, version: int, values: dict[str, Any]) -> Offer:
        if current is None:
            return services.offer_create(actor=user, volunteer=volunteer, **values)
        return services.offer_update(actor=user, offer=current, expected_version=version, **values)

    _offer, form, response = edit_versioned(
        request,
        load=lambda: selectors.offer_get(user=user, pk=pk) if pk else None,
        make_form=lambda o, data: OfferForm.for_offer(
            o, volunteer=volunteer, areas=areas, data=data
        ),
        save=save,
        saved=_("Tilbuddet er gemt."),
        done=lambda o: reverse("volunteers-detail", args=[volunteer.pk]),
    )
    if response is not None:
        return response
    if volunteer.person_id:  # the page names the settled refugee (SEC-3)
        audit.log_read(actor=user, obj=volunteer, persons=[volunteer.person])
    back = reverse("volunteers-detail", args=[volunteer.pk])
    return form_page(
        request,
        form,
        title=(_("Ret tilbud fra %(name)s") if pk else _("Nyt tilbud fra %(name)s"))
        % {"name": volunteer.name},
        back=back,
        crumbs=[*_crumbs(), (volunteer.name, back)],
        template="volunteers/edit.html",
    )
