"""The health consents become records of the consent app (COO-4): the migration copies each one
with its units, a withdrawal day taking effect at the start of that day, and the health shares
point at the copies."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("health", "0001_health_barriers_coordination"), ("consent", "0001_initial")]
AFTER = [("health", "0003_drop_health_consent")]


@pytest.fixture
def back_to_latest():
    """Every app at its latest migration afterwards: the test migrates consent back to 0001 and
    forward only to what it needs, which would leave later migrations (consent 0002) unapplied
    for the next test of this worker (a ``migrate`` there would then try to apply them)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_health_consents_are_copied_with_units_withdrawal_and_shares(
    household, staff, back_to_latest
):
    # REQ: COO-4
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    person = household.members.get(first_name="Amal")
    coordinator = staff["health_coordinator"]
    Unit = old.get_model("core", "Unit")
    jobcentre = Unit.objects.get(municipality_id=person.municipality_id, kind="jobcentre")
    HealthConsent = old.get_model("health", "HealthConsent")
    kept = HealthConsent.objects.create(
        municipality_id=person.municipality_id,
        person_id=person.pk,
        purpose="health.work_capacity",
        given_on=date(2026, 7, 20),
        recorded_by_id=coordinator.pk,
    )
    kept.units.set([jobcentre])
    HealthConsent.objects.create(
        municipality_id=person.municipality_id,
        person_id=person.pk,
        purpose="health.assessment",
        given_on=date(2026, 7, 20),
        withdrawn_on=date(2026, 8, 1),
        recorded_by_id=coordinator.pk,
    )
    assessment = old.get_model("health", "HealthAssessment").objects.create(
        municipality_id=person.municipality_id,
        person_id=person.pk,
        assessed_on=date(2026, 7, 19),
        doctor="Dr. Jensen",
        work_capacity="reduced",
    )
    old.get_model("health", "HealthShare").objects.create(
        municipality_id=person.municipality_id,
        person_id=person.pk,
        assessment_id=assessment.pk,
        consent_id=kept.pk,
        purpose="health.work_capacity",
        unit_id=jobcentre.pk,
        shared_by_id=coordinator.pk,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    from django.utils import timezone

    from velkomst.consent import selectors
    from velkomst.consent.models import Consent
    from velkomst.health.models import HealthShare

    work, full = Consent.objects.order_by("purpose").reverse()
    assert (work.purpose, full.purpose) == ("health.work_capacity", "health.assessment")
    assert [u.pk for u in work.units.all()] == [jobcentre.pk] and work.withdrawn_at is None
    assert full.withdrawn_at is not None
    assert timezone.localtime(full.withdrawn_at).date() == date(2026, 8, 1)
    assert timezone.localtime(full.withdrawn_at).hour == 0
    assert HealthShare.objects.get().consent == work
    assert selectors.covering(person, "health.work_capacity", work.units.get()) == work
