"""Pages of consent (COO-4): the person's consents and what was shared under them, record a
consent, withdraw one. Parse input, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from velkomst.core import access, audit
from velkomst.core.views import edit_versioned, form_page, form_values, submit_form
from velkomst.people.models import Person
from velkomst.people.selectors import person_get

from . import policy, selectors, services
from .forms import ConsentForm, WithdrawForm


def _crumbs(person: Person) -> list[tuple[str, str]]:
    return [
        (person.full_name, reverse("person-detail", args=[person.pk])),
        (_("Samtykker"), reverse("consent-person", args=[person.pk])),
    ]


@require_GET
def person_consents(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    access.require(user, access.PERSON_VIEW)
    person = person_get(user=user, pk=pk)
    consents = selectors.consents_for(user=user, person=person)
    disclosures = selectors.disclosures_for(user=user, person=person)
    audit.log_read(actor=user, obj=person, persons=[person])
    return render(
        request,
        "consent/person.html",
        {
            "person": person,
            "consents": consents,
            "disclosures": disclosures,
            "can_record": policy.can_record_any(user),
            "recordable": {p for p, _label in policy.purposes_recordable(user)},
            "crumbs": [(person.full_name, reverse("person-detail", args=[person.pk]))],
        },
    )


@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    purposes = policy.purposes_recordable(user)
    if not purposes:
        raise PermissionDenied("consent")
    person = person_get(user=user, pk=pk)
    wanted = request.GET.getlist("purpose")
    form = ConsentForm(
        request.POST or None,
        purposes=purposes,
        units=selectors.units_for(user),
        initial={"given_on": timezone.localdate(), "purposes": wanted},
    )
    back = reverse("consent-person", args=[person.pk])
    if request.method == "POST" and form.is_valid():
        done = submit_form(
            request,
            form,
            lambda: services.consent_record(actor=user, person=person, **form_values(form)),
            saved=_("Samtykket er registreret."),
            done=back,
        )
        if done is not None:
            return done
    audit.log_read(actor=user, obj=person, persons=[person])
    return form_page(
        request,
        form,
        title=_("Registrér samtykke fra %(name)s") % {"name": person.full_name},
        back=back,
        crumbs=_crumbs(person),
    )


@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    consent, form, done = edit_versioned(
        request,
        load=lambda: selectors.consent_get(user=user, pk=pk),
        make_form=lambda consent, data: WithdrawForm(data),
        save=lambda consent, version, values: services.consent_withdraw(
            actor=user, consent=consent, expected_version=version, **values
        ),
        saved=_("Samtykket er trukket tilbage. Fra nu af deles der ikke mere under det."),
        done=lambda consent: reverse("consent-person", args=[consent.person_id]),
    )
    if done is not None:
        return done
    policy.require_record(user, consent.purpose)
    person = consent.person
    audit.log_read(actor=user, obj=consent, persons=[person])
    return form_page(
        request,
        form,
        title=_("Træk samtykke tilbage: %(purpose)s (%(name)s)")
        % {"purpose": consent.get_purpose_display(), "name": person.full_name},
        back=reverse("consent-person", args=[person.pk]),
        crumbs=_crumbs(person),
    )
