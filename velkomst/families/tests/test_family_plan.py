"""The per-child and family plan document (CHI-1): each child's placement, the family
consultant's measures and the screening meetings, as a page and a PDF in Danish."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.families import selectors, services
from velkomst.families.models import FamilyMeasure

from .conftest import register_family


@pytest.fixture
def consultant(staff, family):
    user = staff["family_consultant"]
    return user


def _tick_screening(caseworker, family, note):
    from velkomst.reception.models import PlanTask

    task = PlanTask.objects.get(plan__household=family, category="child_screening")
    task.done_on = timezone.localdate()
    task.done_at = timezone.now()
    task.done_note = note
    task.done_initials = "FK"
    task.save()
    return task


def test_family_plan_shows_children_measures_and_screenings(logged_in, consultant, family, child):
    # REQ: CHI-1
    services.measure_add(
        actor=consultant,
        household=family,
        child=child,
        measure="Sprogstimulering i modtagelsesklassen",
        responsible="PPR, Anne Holm",
        starts_on=date(2026, 8, 1),
        follow_up_on=date(2026, 10, 1),
    )
    services.measure_add(
        actor=consultant,
        household=family,
        measure="Forældreforløb om skolestart",
        responsible="Familiekonsulenten",
        starts_on=date(2026, 8, 15),
    )
    _tick_screening(consultant, family, "Lina trives; brug for tolk til forældremøder")
    plan = selectors.family_plan(user=consultant, pk=family.pk)
    assert [row.person for row in plan.children] == [child]
    assert [m.measure for m in plan.measures_for(child)] == [
        "Sprogstimulering i modtagelsesklassen"
    ]
    assert [m.measure for m in plan.family_measures] == ["Forældreforløb om skolestart"]
    assert [t.category for t in plan.screenings] == [
        "child_screening",
        "child_start_meeting",
        "child_screening_2",
    ]
    response = logged_in(consultant).get(reverse("family-plan", args=[family.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lina Haddad" in html
    assert "Skole" in html  # the child's placement by its label
    assert "Sprogstimulering i modtagelsesklassen" in html and "PPR, Anne Holm" in html
    assert "Forældreforløb om skolestart" in html
    assert "Lina trives; brug for tolk til forældremøder" in html
    assert "Andet screeningsmøde" in html
    viewed = set(
        AuditEntry.objects.filter(action="view", actor_id=consultant.pk).values_list(
            "person_id", flat=True
        )
    )
    assert viewed == set(family.members.values_list("pk", flat=True))


def test_family_plan_pdf_in_danish_is_an_export(logged_in, consultant, family, child):
    # REQ: CHI-1
    services.measure_add(
        actor=consultant,
        household=family,
        child=child,
        measure="Lektiecafé",
        responsible="Skolen",
        starts_on=date(2026, 8, 1),
    )
    client = logged_in(consultant)
    response = client.get(reverse("family-plan-pdf", args=[family.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    exports = AuditEntry.objects.filter(action="export", reason="family plan PDF")
    assert set(exports.values_list("person_id", flat=True)) == set(
        family.members.values_list("pk", flat=True)
    )
    from django.template.loader import render_to_string

    plan = selectors.family_plan(user=consultant, pk=family.pk)
    html = render_to_string("families/family_plan_pdf.html", {"plan": plan})
    assert 'lang="da"' in html and "Lektiecafé" in html and "Indsatser for barnet" in html
    assert "Fjern" not in html  # no forms in the document


def test_measure_bad_input_names_the_field(consultant, family, child):
    # REQ: CHI-1
    with pytest.raises(ValidationError) as excinfo:
        services.measure_add(
            actor=consultant,
            household=family,
            child=child,
            measure="Lektiecafé",
            responsible="Skolen",
            starts_on=date(2026, 8, 1),
            ends_on=date(2026, 7, 1),
            follow_up_on=date(2026, 6, 1),
        )
    errors = excinfo.value.message_dict
    assert "før startdatoen" in errors["ends_on"][0]
    assert "før startdatoen" in errors["follow_up_on"][0]
    adult = family.members.get(first_name="Omar")
    with pytest.raises(ValidationError) as excinfo:
        services.measure_add(
            actor=consultant,
            household=family,
            child=adult,
            measure="X",
            responsible="Y",
            starts_on=date(2026, 8, 1),
        )
    assert "child" in excinfo.value.message_dict
    assert not FamilyMeasure.objects.exists()


def test_measure_of_another_household_child_refused(consultant, caseworker, family):
    other = register_family(caseworker, name="Familien Karimi")
    other_child = other.members.get(first_name="Lina")
    with pytest.raises(ValidationError):
        services.measure_add(
            actor=consultant,
            household=family,
            child=other_child,
            measure="X",
            responsible="Y",
            starts_on=date(2026, 8, 1),
        )


def test_page_add_and_remove_with_htmx(logged_in, consultant, family, child):
    # REQ: CHI-1
    client = logged_in(consultant)
    response = client.post(
        reverse("family-plan", args=[family.pk]),
        {
            "measure-child": str(child.pk),
            "measure-kind": "network",
            "measure-measure": "Fritidsaktivitet: fodbold",
            "measure-responsible": "Frivilligcentret",
            "measure-starts_on": "2026-09-01",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div id="measures">')
    measure = FamilyMeasure.objects.get()
    assert measure.child == child
    entries = AuditEntry.objects.filter(action="create", object_type="families.FamilyMeasure")
    assert entries.count() == family.members.count()
    response = client.post(
        reverse("family-measure-remove", args=[family.pk, measure.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert not FamilyMeasure.objects.exists()


def test_page_bad_input_is_422_with_message(logged_in, consultant, family):
    response = logged_in(consultant).post(
        reverse("family-plan", args=[family.pk]),
        {"measure-measure": "", "measure-responsible": "X", "measure-starts_on": "2026-09-01"},
    )
    assert response.status_code == 422
    assert "form-error-message" in response.content.decode()


@pytest.mark.parametrize("role", ["housing_officer", "volunteer_coordinator"])
def test_roles_without_programme_view_get_403(logged_in, staff, family, role):
    response = logged_in(staff[role]).get(reverse("family-plan", args=[family.pk]))
    assert response.status_code == 403


def test_manager_reads_but_does_not_write(staff, family):
    manager = staff["manager"]
    plan = selectors.family_plan(user=manager, pk=family.pk)
    assert plan.household == family
    with pytest.raises(PermissionDenied):
        services.measure_add(
            actor=manager,
            household=family,
            measure="X",
            responsible="Y",
            starts_on=date(2026, 1, 1),
        )


def test_another_municipality_gets_404(logged_in, other_caseworker, family):
    response = logged_in(other_caseworker).get(reverse("family-plan", args=[family.pk]))
    assert response.status_code == 404
    response = logged_in(other_caseworker).get(reverse("family-plan-pdf", args=[family.pk]))
    assert response.status_code == 404


def test_measures_have_a_kind_shown_on_the_plan_and_pdf(logged_in, consultant, family, child):
    # REQ: CHI-3
    client = logged_in(consultant)
    for kind, text in (
        ("preventive", "Forebyggende familiesamtaler"),
        ("parenting_course", "Forældrekursus: at være forælder i Danmark"),
        ("network", "Netværksfamilie fra foreningen"),
    ):
        response = client.post(
            reverse("family-plan", args=[family.pk]),
            {
                "measure-kind": kind,
                "measure-measure": text,
                "measure-responsible": "Familiekonsulenten",
                "measure-starts_on": "2026-09-01",
            },
        )
        assert response.status_code == 302
    assert sorted(FamilyMeasure.objects.values_list("kind", flat=True)) == [
        "network",
        "parenting_course",
        "preventive",
    ]
    entry = AuditEntry.objects.filter(object_type="families.FamilyMeasure").first()
    assert entry is not None and "kind" in entry.changes
    html = client.get(reverse("family-plan", args=[family.pk])).content.decode()
    for label in ("Forebyggende støtte", "Forældrekursus", "Netværksindsats"):
        assert label in html  # the label, never the code
    assert "parenting_course" not in html.split('name="measure-kind"')[0]
    from django.template.loader import render_to_string

    plan = selectors.family_plan(user=consultant, pk=family.pk)
    pdf_html = render_to_string("families/family_plan_pdf.html", {"plan": plan})
    assert "Forældrekursus" in pdf_html and "Netværksindsats" in pdf_html
    # a kind outside the coded list is refused on its field
    response = client.post(
        reverse("family-plan", args=[family.pk]),
        {
            "measure-kind": "therapy",
            "measure-measure": "x",
            "measure-responsible": "y",
            "measure-starts_on": "2026-09-01",
        },
    )
    assert response.status_code == 422
    with pytest.raises(ValidationError) as error:
        services.measure_add(
            actor=consultant,
            household=family,
            kind="therapy",
            measure="x",
            responsible="y",
            starts_on=date(2026, 9, 1),
        )
    assert "kind" in error.value.message_dict
