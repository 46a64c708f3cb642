"""Free text about a person in every app (SEC-4): anonymising a person clears it in every app
and keeps the management information's figures; a new text field of a record about a person,
household or case cannot be left unclassified."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

from velkomst.core.models import Municipality, Role, StaffUser, Unit
from velkomst.indicators.library import Scope, all_definitions
from velkomst.people.models import Household, Person
from velkomst.retention import freetext, services
from velkomst.retention.models import LegalHold

from .conftest import rules, run_job

TARGETS = ("people.Person", "people.Household", "people.Case")
MARK = "Hemmelig"


def _about_a_person(model: Any, depth: int = 0) -> bool:
    """Whether ``model`` refers to a person, household or case, itself or through its parents."""
    if model._meta.label in TARGETS:
        return True
    if depth >= 4:
        return False
    return any(
        isinstance(f, models.ForeignKey)
        and f.related_model is not model
        and f.related_model._meta.app_label != "core"  # type: ignore[union-attr]
        and _about_a_person(f.related_model, depth + 1)
        for f in model._meta.fields
    )


def _text_fields(model: type[models.Model]) -> list[str]:
    """Free text: a text field, or a character field (not a code list) of 100 characters or more."""
    return [
        f.name
        for f in model._meta.fields
        if not f.choices
        and (
            isinstance(f, models.TextField)
            or (isinstance(f, models.CharField) and (f.max_length or 0) >= 100)
        )
    ]


def test_every_free_text_field_about_a_person_is_classified():
    # REQ: SEC-4
    # generated from the app registry: a new text field on a record about a person, household
    # or case fails here until freetext.py anonymises it or keeps it with a reason
    anonymised = {(t.model, f) for t in freetext.ANONYMISED for f in t.fields}
    own = {(m, f) for m, fields in freetext.OWN.items() for f in fields}
    kept = {(m, f) for m, fields in freetext.KEPT.items() for f in fields}
    assert not anonymised & kept and not anonymised & own and not own & kept
    unclassified = []
    for model in apps.get_models():
        if not model.__module__.startswith("velkomst.") or not _about_a_person(model):
            continue
        for name in _text_fields(model):
            if (model._meta.label, name) not in anonymised | own | kept:
                unclassified.append(f"{model._meta.label}.{name}")
    assert not unclassified, (
        "classify these in velkomst/retention/freetext.py (ANONYMISED, or KEPT with a reason): "
        + ", ".join(unclassified)
    )
    # and nothing classified that is not there
    for label, name in anonymised | own | kept:
        apps.get_model(label)._meta.get_field(name)
    assert all(reason.strip() for fields in freetext.KEPT.values() for reason in fields.values())


def _scope(text: freetext.Text, persons: list[int], households: list[int]) -> Q:
    where = Q(pk__in=[])
    if text.person:
        where |= Q(**{f"{text.person}__in": persons})
    if text.household:
        where |= Q(**{f"{text.household}__in": households})
    return where


def _top_up(municipality: Municipality) -> None:
    """Records of the few kinds the demo has none of, for one of its persons."""
    from velkomst.appointments.models import ContactLog
    from velkomst.community.models import Association, AssociationContact
    from velkomst.competences.models import WorkExperience
    from velkomst.health.models import CareCoordination, CoordinatedMeasure
    from velkomst.questions.models import Attachment, Question
    from velkomst.roundtables.models import MinutesSent, RoundTable

    person: Any = Person.objects.filter(municipality=municipality, case__isnull=False).first()
    staff: Any = StaffUser.objects.filter(municipality=municipality, role=Role.CASEWORKER).first()
    unit: Any = Unit.objects.filter(municipality=municipality).first()
    common = {"municipality": municipality}
    ContactLog.objects.create(
        **common,
        household=person.household,
        kind="phone",
        topic="letters",
        date=date(2026, 1, 5),
        created_by=staff,
    )
    WorkExperience.objects.create(
        **common, person=person, occupation="7411", country="SY", years=Decimal("3")
    )
    question = Question.objects.filter(municipality=municipality).first() or (
        Question.objects.create(
            **common, person=person, text="Hvornår?", answer_due=date(2026, 1, 12)
        )
    )
    Attachment.objects.create(
        **common,
        question=question,
        part="question",
        original_name="brev.pdf",
        content_type="application/pdf",
        size=4,
        stored_name=f"top-up-{municipality.pk}.pdf",
    )
    coordination = CareCoordination.objects.create(
        **common, person=person, coordinator=staff, started_on=date(2026, 1, 5)
    )
    CoordinatedMeasure.objects.create(
        **common,
        coordination=coordination,
        unit=unit,
        measure="x",
        from_on=date(2026, 1, 5),
    )
    association = Association.objects.filter(municipality=municipality).first()
    if association is not None:
        AssociationContact.objects.create(
            **common, association=association, person=person, by=staff
        )
    round_table = RoundTable.objects.filter(appointment__municipality=municipality).first()
    if round_table is not None:
        MinutesSent.objects.create(
            round_table=round_table, recipient="x", purpose="minutes", sent_by=staff
        )


def _figures(municipality: Municipality) -> dict[str, list]:
    today = timezone.localdate()
    scope = Scope(date(today.year - 2, 1, 1), today)
    return {d.key: list(d.items(municipality, scope)) for d in all_definitions()}


@pytest.mark.django_db
def test_anonymising_clears_every_apps_free_text_and_keeps_the_figures():
    # REQ: SEC-4, MI-1
    from velkomst.demodata.generator import demo_plan, load_demo

    load_demo(demo_plan(seed=7, households_per_municipality=4), password="pw-123456")
    municipalities = list(
        Municipality.objects.filter(
            pk__in=StaffUser.objects.filter(role=Role.ADMINISTRATOR).values("municipality_id")
        )
    )
    for municipality in municipalities:
        _top_up(municipality)
    persons = list(Person.objects.values_list("pk", flat=True))
    households = list(Household.objects.values_list("pk", flat=True))
    # every anonymised field filled in on the records about the demo's persons and households
    empty = []
    for text in freetext.ANONYMISED:
        rows = apps.get_model(text.model)._default_manager.filter(_scope(text, persons, households))
        if not rows.update(**dict.fromkeys(text.fields, MARK)):
            empty.append(text.model)
    assert not empty, f"no records to fill in: {empty}"
    before = {m.pk: _figures(m) for m in municipalities}
    LegalHold.objects.update(lifted_at=timezone.now())  # the demo's hold: tested elsewhere

    for municipality in municipalities:
        admin: Any = StaffUser.objects.filter(
            municipality=municipality, role=Role.ADMINISTRATOR
        ).first()
        services.rule_set_create(
            acting_user=admin,
            effective_from=date(2020, 1, 1),
            values=rules(person=(0, "created", "anonymise")),
        )
        run = run_job(admin, as_of=timezone.localdate())
        assert run.state == "done" and run.progress_done > 0

    for text in freetext.ANONYMISED:
        rows = apps.get_model(text.model)._default_manager.filter(_scope(text, persons, households))
        for name in text.fields:
            left = set(rows.values_list(name, flat=True)) - {"", freetext.ANONYMISED_TEXT}
            assert not left, f"{text.model}.{name} still holds {left}"
    assert not Person.objects.exclude(first_name="Anonymiseret").exists()
    assert not Household.objects.exclude(address="").exists()
    # the management information's figures are the same, item for item
    for municipality in municipalities:
        assert _figures(municipality) == before[municipality.pk], municipality.name
