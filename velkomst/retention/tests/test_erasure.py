"""The erasure job on a hand-made dataset (SEC-4): what is deleted, anonymised and kept, legal
holds, the indicators' counts, bad rules, an interrupted run, and tenant isolation."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from velkomst.core.models import AuditEntry
from velkomst.indicators.library import Scope, definition
from velkomst.people.models import Case, Household, JournalNote, Person
from velkomst.retention import erasure, kinds, services
from velkomst.retention.models import Run, RunItem, RunState

from .conftest import AS_OF, rules, run_job

pytestmark = pytest.mark.django_db

DELETE_CLOSED = rules(
    person=(60, "case_closed", "delete"),
    case=(60, "case_closed", "delete"),
    journal_note=(60, "case_closed", "delete"),
)


def test_run_deletes_anonymises_and_keeps_with_a_legal_hold(admin, haddad, caseworker):
    # REQ: SEC-4
    from velkomst.outcomes.models import Employment

    amal, omar, lina = haddad["Amal"], haddad["Omar"], haddad["Lina"]
    # Amal's employment (another app's record) refers to her: she is anonymised, not deleted
    Employment.objects.create(
        municipality=amal.municipality,
        person=amal,
        employer_name="Danish Crown",
        start_date=date(2025, 6, 1),
        hours_per_week=37,
        subsidy="none",
    )
    services.rule_set_create(
        acting_user=admin, effective_from=date(2026, 1, 1), values=DELETE_CLOSED
    )
    # a hold on Omar's case: nothing of Omar is erased
    services.hold_place(acting_user=admin, case_id=omar.case.pk, reason="Klagesag i Ankestyrelsen")
    amal_case, omar_case = amal.case.pk, omar.case.pk

    run = run_job(admin)

    assert run.state == RunState.DONE
    assert run.approved_by == admin and run.approved_at is not None
    # Amal: case and notes deleted; the person anonymised (still referenced by her employment)
    assert not Case.objects.filter(pk=amal_case).exists()
    assert not JournalNote.objects.filter(case_id=amal_case).exists()
    amal.refresh_from_db()
    assert (amal.first_name, amal.cpr) == ("Anonymiseret", "")
    assert "Haddad" not in amal.last_name
    assert (amal.birth_date, amal.sex, amal.nationality) == (date(1988, 3, 14), "F", "SY")
    household = Household.objects.get(pk=amal.household_id)
    assert "Haddad" not in household.name and household.address == ""
    # Omar (held): his case and note kept as they were
    assert Case.objects.filter(pk=omar_case).exists()
    assert JournalNote.objects.get(case_id=omar_case).text == "Omar Haddad ringede om boligen."
    assert Person.objects.get(pk=omar.pk).first_name == "Omar"
    # Lina has no case: no event, kept
    assert Person.objects.get(pk=lina.pk).first_name == "Lina"
    # the run's record: counts per kind, rule and outcome; no names
    kinds = {k.split(":")[0] + ":" + k.split(":")[2]: n for k, n in run.done.items()}
    assert kinds == {"journal_note:delete": 1, "case:delete": 1, "person:anonymise": 1}
    assert run.progress_done == run.progress_total == 3
    # the next dry run finds nothing more for Amal
    again = services.request_dry_run(
        acting_user=admin, municipality_id=admin.municipality_id, as_of=AS_OF
    )
    assert again.progress_total == 0


def test_audit_entries_about_an_erased_person_are_pseudonymised_not_deleted(
    admin, haddad, caseworker
):
    # REQ: SEC-4
    from velkomst.core import audit
    from velkomst.core.models import AppendOnlyError

    omar = haddad["Omar"]
    # a caseworker corrected his name once (the entry holds the old and the new name)
    audit.log(
        actor=caseworker,
        action="change",
        obj=omar,
        person_id=omar.pk,
        changes={"first_name": ["Omer", "Omar"], "cpr": ["", "0201851234"]},
        reason="Omar Haddad: navnet rettet",
    )
    services.rule_set_create(
        acting_user=admin, effective_from=date(2026, 1, 1), values=DELETE_CLOSED
    )
    entries_before = AuditEntry.objects.filter(person_id=omar.pk).count()
    assert any("Omar" in str(e.changes) for e in AuditEntry.objects.filter(person_id=omar.pk)), (
        "the dataset's entries name Omar"
    )

    run_job(admin)

    assert not Person.objects.filter(pk=omar.pk).exists()  # deleted: nothing refers to him
    entries = AuditEntry.objects.filter(person_id=omar.pk)
    assert entries.count() > entries_before  # kept, and the job's own entries added
    assert not any("Omar" in str(e.changes) + e.reason for e in entries)
    assert any(erasure.pseudonym("person", omar.pk) in str(e.changes) for e in entries)
    # still append-only outside the narrow path
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(person_id=omar.pk).update(reason="x")
    if connection.vendor == "postgresql":
        # the database refuses as well: a plain UPDATE, and inside the narrow path any column
        # but the text
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_auditentry SET reason = 'x' WHERE person_id = %s", [omar.pk]
            )
        with pytest.raises(DatabaseError), transaction.atomic(), audit._erasure():
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE core_auditentry SET person_id = NULL WHERE person_id = %s", [omar.pk]
                )


def test_indicator_counts_unchanged_by_anonymisation(admin, haddad):
    # REQ: SEC-4, MI-1
    from velkomst.outcomes.models import Employment

    amal = haddad["Amal"]
    Household.objects.filter(pk=amal.household_id).update(arrival_date=date(2025, 3, 1))
    Employment.objects.create(
        municipality=amal.municipality,
        person=amal,
        employer_name="Danish Crown",
        start_date=date(2025, 6, 1),
        hours_per_week=37,
        subsidy="none",
    )
    rate = definition("employment_rate")
    scope = Scope(date(2025, 9, 1), date(2025, 9, 30))
    before = rate.compute(amal.municipality, scope)
    assert (before.total.population, before.total.numerator) == (2, 1)
    services.rule_set_create(
        acting_user=admin,
        effective_from=date(2026, 1, 1),
        values=rules(person=(12, "case_closed", "anonymise")),
    )
    run = run_job(admin)
    assert sum(run.done.values()) == 2
    assert Person.objects.filter(first_name="Anonymiseret").count() == 2
    after = rate.compute(amal.municipality, scope)
    assert (after.total, after.groups) == (before.total, before.groups)


def test_a_negative_period_is_refused_naming_the_field(admin):
    # REQ: SEC-4, SEC-5
    with pytest.raises(ValidationError) as error:
        services.rule_set_create(
            acting_user=admin,
            effective_from=date(2026, 1, 1),
            values=rules(journal_note=(-3, "case_closed", "delete")),
        )
    assert list(error.value.message_dict) == ["journal_note-months"]
    assert "Journalnotat" in error.value.message_dict["journal_note-months"][0]
    assert "negativ" in error.value.message_dict["journal_note-months"][0]
    from velkomst.retention.models import RuleSet

    assert not RuleSet.objects.exists()


def test_an_interrupted_run_goes_on_where_it_stopped(admin, haddad, monkeypatch):
    # REQ: SEC-4
    monkeypatch.setattr(erasure, "BATCH_SIZE", 1)
    services.rule_set_create(
        acting_user=admin, effective_from=date(2026, 1, 1), values=DELETE_CLOSED
    )
    run = services.request_dry_run(
        acting_user=admin, municipality_id=admin.municipality_id, as_of=AS_OF
    )
    assert run.state == RunState.PLANNED and run.progress_total == 6  # 2 notes, 2 cases, 2 persons
    original = kinds.get("case")

    def crash(municipality_id, items, run):
        original.erase(municipality_id, items, run)
        raise RuntimeError("the machine went down")

    monkeypatch.setitem(kinds._REGISTRY, "case", dataclasses.replace(original, erase=crash))
    run = services.approve(acting_user=admin, run_id=run.pk)
    run.refresh_from_db()
    assert run.state == RunState.FAILED
    assert run.batches_done == 2  # the two notes' batches; the case's batch rolled back
    assert Case.objects.filter(person__household=haddad["Amal"].household).count() == 2
    assert RunItem.objects.filter(run=run, done_at__isnull=True).count() == 4

    monkeypatch.setitem(kinds._REGISTRY, "case", original)
    call_command("retention_run", stdout=open("/dev/null", "w"))  # the next daily run
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.progress_done == 6
    assert run.batches_done == 6
    assert not Case.objects.filter(person__household=haddad["Amal"].household).exists()


def test_the_preset_erases_nothing(admin, haddad):
    # REQ: SEC-4
    call_command("retention_run", stdout=open("/dev/null", "w"))
    assert not Run.objects.exists()
    run = run_job(admin)
    assert run.progress_total == 0 and run.rule_set is None
    assert Person.objects.filter(household=haddad["Amal"].household).count() == 3


def test_a_municipalitys_rules_and_runs_never_touch_another(
    admin, haddad, aalborg, other_caseworker
):
    # REQ: SEC-4, SEC-1
    services.rule_set_create(
        acting_user=admin, effective_from=date(2026, 1, 1), values=DELETE_CLOSED
    )
    run = services.request_dry_run(
        acting_user=admin, municipality_id=admin.municipality_id, as_of=AS_OF
    )
    # another municipality's administrator cannot approve or even find it
    from conftest import _make_user

    other_admin = _make_user(aalborg.municipality, "administrator", "ab-admin", ())
    with pytest.raises(Run.DoesNotExist):
        services.approve(acting_user=other_admin, run_id=run.pk)
    with pytest.raises(ValidationError):
        services.hold_place(acting_user=other_admin, person_id=haddad["Amal"].pk, reason="x")
    services.approve(acting_user=admin, run_id=run.pk)
    rana = Person.objects.get(pk=aalborg.pk)
    assert rana.first_name == "Rana" and Case.objects.filter(person=rana).exists()
    assert not RunItem.objects.exclude(run__municipality=admin.municipality).exists()
    # Aalborg has no rules: its dry run is empty
    other = run_job(other_admin)
    assert other.progress_total == 0


def test_a_dry_run_whose_task_was_lost_is_written_by_the_next_daily_run(admin, haddad):
    # REQ: SEC-4
    services.rule_set_create(
        acting_user=admin, effective_from=date(2026, 1, 1), values=DELETE_CLOSED
    )
    lost = Run.objects.create(municipality=admin.municipality, as_of=AS_OF)  # never planned
    call_command("retention_run", stdout=open("/dev/null", "w"))
    lost.refresh_from_db()
    assert lost.state == RunState.PLANNED and lost.progress_total == 6
    erasure.plan(lost.pk)  # a second task of the same run writes nothing more
    assert RunItem.objects.filter(run=lost).count() == 6
    assert Run.objects.count() == 1
