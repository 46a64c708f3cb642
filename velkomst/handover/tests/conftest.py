"""Fixtures for handover (COO-5): the conftest household of Bornholm with a programme plan,
activity, contract, Danish education, a reception plan with open tasks, a health assessment and
two journal notes (one internal); Aalborg's administrator and caseworker receive it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import PASSWORD


def _user(municipality, role, username, unit_kinds=("integration",)):
    from velkomst.core.models import StaffUser, Unit

    user = StaffUser.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=role.title(),
        last_name=municipality.name,
        municipality=municipality,
        role=role,
    )
    user.units.set(Unit.objects.filter(municipality=municipality, kind__in=unit_kinds))
    return user


@pytest.fixture
def receiving_admin(other_municipality):
    return _user(other_municipality, "administrator", "ab-admin", ())


@pytest.fixture
def receiving_caseworker(other_municipality):
    return _user(other_municipality, "caseworker", "ab-sagsbehandler")


@pytest.fixture
def moving(household, caseworker, staff):
    """The household with its records in Bornholm."""
    from velkomst.danish.models import DanishReferral, LanguageCentre, ModuleProgress
    from velkomst.health.models import HealthAssessment
    from velkomst.people.models import JournalNote
    from velkomst.programme.models import (
        Activity,
        IntegrationContract,
        IntegrationPlan,
        PlanGoal,
    )
    from velkomst.reception.services import plan_generate

    amal = household.members.get(first_name="Amal")
    mid = household.municipality_id
    plan = IntegrationPlan.objects.create(municipality_id=mid, person=amal, direction="job")
    PlanGoal.objects.create(
        municipality_id=mid,
        plan=plan,
        kind="job",
        trade_label="Social- og sundhedshjælper",
        target_date=date(2027, 6, 1),
    )
    Activity.objects.create(
        municipality_id=mid,
        plan=plan,
        category="enterprise",
        kind="internship",
        start=date(2026, 8, 1),
        hours_per_week=Decimal("20"),
        provider_kind="company",
        provider_name="Plejecenter Nexø",
    )
    IntegrationContract.objects.create(
        municipality_id=mid, person=amal, due_date=date(2026, 8, 1), signed_on=date(2026, 7, 20)
    )
    centre = LanguageCentre.objects.create(municipality_id=mid, name="Sprogcenter Bornholm")
    referral = DanishReferral.objects.create(
        municipality_id=mid, person=amal, centre=centre, track="DU2", referred_on=date(2026, 7, 5)
    )
    ModuleProgress.objects.create(
        municipality_id=mid, referral=referral, module=1, started_on=date(2026, 8, 1)
    )
    HealthAssessment.objects.create(
        municipality_id=mid,
        person=amal,
        assessed_on=date(2026, 7, 10),
        doctor="Dr. Kofoed",
        work_capacity="ordinary",
        conclusion="Ingen begrænsninger",
    )
    JournalNote.objects.create(case=amal.case, author=caseworker, text="Møde holdt med Amal.")
    JournalNote.objects.create(
        case=amal.case, author=caseworker, text="INTERN vurdering", internal=True
    )
    plan_generate(household=household, acting_user=caseworker)
    return household
