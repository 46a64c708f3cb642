"""A small world for matching: two areas 20 minutes apart (and a third 90 minutes away), a
company with an opening for a cleaner (DISCO-08 9112) in area A, and the Haddad household living
in area A, visible to the job consultant (the jobcentre works with it), Amal and Omar in the
programme."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def consultant(staff):
    return staff["job_consultant"]


@pytest.fixture
def world(staff, household):
    from velkomst.companies.models import Company, Opening
    from velkomst.competences.models import Skill, TradeInterest, WorkExperience
    from velkomst.core.models import Unit
    from velkomst.housing.models import Area, AreaTravel, Dwelling, Placement
    from velkomst.people.models import Case

    municipality = household.municipality
    household.units.add(*Unit.objects.filter(municipality=municipality, kind="jobcentre"))
    Case.objects.filter(person__household=household).update(phase="programme")
    a = Area.objects.create(municipality=municipality, name="Rønne", kind="town")
    b = Area.objects.create(municipality=municipality, name="Nexø", kind="town")
    far = Area.objects.create(municipality=municipality, name="Christiansø", kind="town")
    for x, y, minutes in ((a, a, 10), (a, b, 20), (b, b, 10), (a, far, 90), (far, far, 5)):
        AreaTravel.objects.create(
            municipality=municipality, from_area=x, to_area=y, minutes=minutes
        )
    dwelling = Dwelling.objects.create(
        municipality=municipality,
        address="Storegade 1",
        area=a,
        type="permanent",
        rooms=3,
        size_m2=80,
        rent=6000,
        landlord_kind="private",
        available_from=date(2026, 1, 1),
    )
    Placement.objects.create(
        municipality=municipality,
        household=household,
        dwelling=dwelling,
        type="permanent",
        start_date=date(2026, 7, 1),
        source="manual",
        created_by=staff["housing_officer"],
    )
    company = Company.objects.create(
        municipality=municipality, name="Rent & Pænt ApS", cvr="12345674", industry="812100"
    )
    opening = Opening.objects.create(
        municipality=municipality,
        company=company,
        kind="internship",
        title="Rengøringsassistent",
        trade="9112",
        danish_required="A1",
        skills=["hygiene"],
        hours_per_week=20,
        area=b,
        start_on=date(2026, 9, 1),
        places=1,
    )
    far_opening = Opening.objects.create(
        municipality=municipality,
        company=company,
        kind="job",
        title="Fyrpasser",
        trade="9112",
        hours_per_week=20,
        area=far,
        start_on=date(2026, 9, 1),
        places=1,
    )
    amal = household.members.get(first_name="Amal")
    omar = household.members.get(first_name="Omar")
    TradeInterest.objects.create(
        municipality=municipality, person=amal, occupation="9112", priority=1
    )
    WorkExperience.objects.create(
        municipality=municipality, person=amal, occupation="9112", country="SY", years=Decimal("2")
    )
    Skill.objects.create(municipality=municipality, person=amal, tag="hygiene")
    return {
        "areas": (a, b, far),
        "company": company,
        "opening": opening,
        "far_opening": far_opening,
        "amal": amal,
        "omar": omar,
        "household": household,
    }
