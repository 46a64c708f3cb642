"""The stored table of derived result grants (PRG-7, decision 108): equal to the engine's fresh
result, kept current per person by the audited writes, rebuilt for a new day, and read by the
page, the API and the start page in a constant number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from velkomst.core import audit
from velkomst.core.models import AuditAction
from velkomst.danish import services as danish
from velkomst.engines import grants as engine
from velkomst.outcomes import derived, facts, selectors, services
from velkomst.outcomes.models import DerivedGrant, DerivedGrantState
from velkomst.people.models import Case

from .conftest import employment_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(household, takeover):
    """Amal and Omar (the adults, with a case), taken over on 1 January 2025."""
    Case.objects.filter(person__household=household).update(takeover_date=takeover)
    return {p.first_name: p for p in household.members.filter(case__isnull=False)}


def _job(caseworker, person, **overrides):
    return services.employment_create(
        acting_user=caseworker, person=person, **employment_values(**overrides)
    )


def _exam(caseworker, person, taken_on):
    return danish.exam_create(
        acting_user=caseworker,
        person=person,
        exam="PD2",
        term=f"{taken_on.year}-winter",
        taken_on=taken_on,
        result="passed",
    )


def _fresh(municipality_id, today):
    """The engine's result now, from the facts (what the table must hold)."""
    from velkomst.core.models import Municipality

    municipality = Municipality.objects.get(pk=municipality_id)
    everyone = facts.facts_of_municipality(municipality_id=municipality_id)
    found = engine.grants_for(everyone, as_of=today, tables=selectors.rate_tables(municipality))
    return _key(found)


def _key(grants):
    return sorted(
        (
            (g.person_id, g.kind.value, g.earned_on, g.amount, g.tier.value, g.evidence)
            for g in grants
        ),
        key=lambda t: (t[0], t[1]),
    )


def _stored(municipality_id):
    return _key(
        derived.grant_of_row(row)
        for row in DerivedGrant.objects.filter(municipality_id=municipality_id)
    )


def _ids(person):
    return sorted(DerivedGrant.objects.filter(person=person).values_list("pk", flat=True))


def test_the_table_is_the_engines_fresh_result_after_a_full_rebuild(caseworker, family):
    # REQ: PRG-7
    today = timezone.localdate()
    amal, omar = family["Amal"], family["Omar"]
    _job(caseworker, amal)
    _exam(caseworker, amal, date(2026, 1, 20))
    _job(caseworker, omar, start_date=date(2025, 3, 3), end_date=None, hours_per_week=Decimal(37))
    services.education_create(
        acting_user=caseworker,
        person=omar,
        institution="Rønne Gymnasium",
        programme="STX",
        started_on=date(2025, 8, 11),
        qualifying=True,
    )
    state = derived.ensure_current(amal.municipality_id, today)
    assert state.as_of == today and state.data_moment is not None
    stored = _stored(amal.municipality_id)
    assert stored == _fresh(amal.municipality_id, today)
    assert {(pk, kind) for pk, kind, *_rest in stored} == {
        (amal.pk, "job"),
        (amal.pk, "danish"),
        (omar.pk, "job"),
        (omar.pk, "education"),
    }
    # the evidence comes back as the engine's dataclasses
    row = DerivedGrant.objects.get(person=amal, kind="job")
    assert derived.grant_of_row(row).evidence == engine.JobEvidence(
        tuple(amal.employments.values_list("pk", flat=True)),
        date(2025, 2, 1),
        date(2025, 7, 31),
        Decimal("30.0"),
    )


def test_a_write_recomputes_only_that_persons_rows_and_the_page_shows_it(
    logged_in, caseworker, staff, family
):
    # REQ: PRG-7
    today = timezone.localdate()
    amal, omar = family["Amal"], family["Omar"]
    _job(caseworker, omar)
    _exam(caseworker, omar, date(2025, 12, 1))
    client = logged_in(staff["manager"])
    assert "2 tilskud" in client.get("/outcomes/grants/").content.decode()
    omar_ids = _ids(omar)
    first = DerivedGrantState.objects.get().data_moment
    # an employment for Amal: her grant appears at once; Omar's rows are untouched
    _job(caseworker, amal)
    page = client.get("/outcomes/grants/").content.decode()
    assert "3 tilskud" in page and "Amal Haddad" in page
    assert _ids(omar) == omar_ids and len(_ids(amal)) == 1
    later = DerivedGrantState.objects.get().data_moment
    assert first is not None and later is not None and later > first
    # an exam for Amal
    amal_job = _ids(amal)
    _exam(caseworker, amal, date(2026, 1, 20))
    assert "4 tilskud" in client.get("/outcomes/grants/").content.decode()
    assert _ids(omar) == omar_ids and len(_ids(amal)) == 2 and _ids(amal) != amal_job
    amal_ids = _ids(amal)
    # a later takeover date for Omar (a write of his case, audited): his job and exam fall
    # before it; Amal's rows are untouched
    case = Case.objects.get(person=omar)
    case.takeover_date = date(2026, 1, 1)
    case.save(update_fields=["takeover_date"])
    audit.log(
        actor=caseworker,
        action=AuditAction.CHANGE,
        obj=case,
        person_id=omar.pk,
        changes={"takeover_date": ["2025-01-01", "2026-01-01"]},
    )
    assert "2 tilskud" in client.get("/outcomes/grants/").content.decode()
    assert _ids(omar) == [] and _ids(amal) == amal_ids
    assert _stored(amal.municipality_id) == _fresh(amal.municipality_id, today)


def test_a_new_day_or_other_rate_tables_rebuild(caseworker, family):
    # REQ: PRG-7
    amal = family["Amal"]
    today = timezone.localdate()
    _job(caseworker, amal)
    derived.ensure_current(amal.municipality_id, today)
    before = _ids(amal)
    # a fact written without an audit row (a bulk load) is taken in by the next day's rebuild
    Employment = amal.employments.model
    Employment.objects.filter(person=amal).update(hours_per_week=Decimal(35))
    derived.ensure_current(amal.municipality_id, today)
    assert _ids(amal) == before  # the same day, nothing audited: not recomputed
    state = derived.ensure_current(amal.municipality_id, today + timedelta(days=1))
    assert state.as_of == today + timedelta(days=1)
    assert _ids(amal) != before
    row = DerivedGrant.objects.get(person=amal)
    evidence = derived.grant_of_row(row).evidence
    assert isinstance(evidence, engine.JobEvidence) and evidence.average_hours == Decimal("35.0")
    # other rate tables (a configuration version) rebuild as well
    state.rates = "another"
    state.save()
    again = _ids(amal)
    derived.ensure_current(amal.municipality_id, today + timedelta(days=1))
    assert _ids(amal) != again
    assert DerivedGrantState.objects.get().rates == derived.rates_fingerprint(
        derived.config_value(amal.municipality, "result_grant_rates", today + timedelta(days=1))
    )


def test_the_daily_command_rebuilds_every_municipality(caseworker, family, other_caseworker):
    # REQ: PRG-7
    from io import StringIO

    from django.core.management import call_command

    _job(caseworker, family["Amal"])
    out = StringIO()
    call_command("refresh_result_grants", "--date", "2026-12-01", stdout=out)
    assert "2 municipalit" in out.getvalue()
    assert set(DerivedGrantState.objects.values_list("as_of", flat=True)) == {date(2026, 12, 1)}
    assert DerivedGrant.objects.filter(person=family["Amal"]).count() == 1


def test_another_municipalitys_writes_never_touch_this_ones_rows(
    caseworker, family, other_caseworker, other_household
):
    # REQ: PRG-7
    today = timezone.localdate()
    amal = family["Amal"]
    selam = other_household.members.get()
    Case.objects.filter(person=selam).update(takeover_date=date(2025, 1, 1))
    _job(caseworker, amal)
    derived.ensure_current(amal.municipality_id, today)
    derived.ensure_current(selam.municipality_id, today)
    ours = _ids(amal)
    ours_state = DerivedGrantState.objects.get(municipality_id=amal.municipality_id)
    _job(other_caseworker, selam)
    derived.ensure_current(amal.municipality_id, today)
    assert _ids(amal) == ours
    assert DerivedGrantState.objects.get(municipality_id=amal.municipality_id).data_moment == (
        ours_state.data_moment
    )
    derived.ensure_current(selam.municipality_id, today)
    assert _ids(selam) and _ids(amal) == ours


def test_a_persons_rows_go_with_the_person():
    # REQ: PRG-7, SEC-4
    # derived data: deleting a person (the erasure job) deletes their rows, never blocks it
    from django.db.models import CASCADE

    assert DerivedGrant._meta.get_field("person").remote_field.on_delete is CASCADE


def test_the_page_is_paginated_with_totals_over_every_matching_grant(
    logged_in, staff, caseworker, family, settings
):
    # REQ: PRG-7
    settings.VELKOMST_PAGE_SIZE = 3
    for person in family.values():
        _exam(caseworker, person, date(2025, 12, 1))
        _job(caseworker, person)
    client = logged_in(staff["manager"])
    first = client.get("/outcomes/grants/")
    assert len(first.context["rows"]) == 3 and first.context["page"].paginator.count == 4
    text = first.content.decode()
    assert "4 tilskud, i alt 253.424 kr." in text  # 2 × 88,817 + 2 × 37,895
    assert "Side 1 af 2" in text and "page=2" in text
    second = client.get("/outcomes/grants/", {"page": 2})
    assert len(second.context["rows"]) == 1 and "4 tilskud" in second.content.decode()
    shown = {(r.person.pk, r.grant.kind.value) for r, _e in first.context["rows"]}
    shown |= {(r.person.pk, r.grant.kind.value) for r, _e in second.context["rows"]}
    assert len(shown) == 4
    exams = client.get("/outcomes/grants/", {"kind": "danish", "page": 2}).content.decode()
    assert "2 tilskud, i alt 75.790 kr." in exams and "Side 1 af 2" not in exams


def test_the_page_and_the_panel_read_in_a_constant_number_of_queries(
    logged_in, staff, caseworker, family
):
    # REQ: PRG-7
    from velkomst.home.selectors import grants_panel

    manager, worker = staff["manager"], staff["caseworker"]
    today = timezone.localdate()

    def queries(user):
        client = logged_in(user)
        client.get("/outcomes/grants/")  # the table made current first (a write before it)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/outcomes/grants/").status_code == 200
        return len(captured.captured_queries)

    def panel(user):
        grants_panel(user, today)
        with CaptureQueriesContext(connection) as captured:
            grants_panel(user, today)
        return len(captured.captured_queries)

    _job(caseworker, family["Amal"])
    one = [queries(manager), queries(worker), panel(manager), panel(worker)]
    for person in family.values():
        _exam(caseworker, person, date(2025, 12, 1))
    _job(caseworker, family["Omar"])
    many = [queries(manager), queries(worker), panel(manager), panel(worker)]
    assert DerivedGrant.objects.count() == 4
    assert many == one
