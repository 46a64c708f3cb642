"""Outcome writes (PRG-7): rules, bad input naming its field, audit rows, concurrent edits."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from velkomst.core.cvr import cvr_valid
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.outcomes import services
from velkomst.outcomes.models import BenefitPeriod, Employment

from .conftest import employment_values

pytestmark = pytest.mark.django_db


def test_the_cvr_check_is_modulus_11():
    # REQ: PRG-7
    assert cvr_valid("12345674") and cvr_valid("DK 12 34 56 74")
    assert not cvr_valid("12345678")  # weighted sum 114
    assert not cvr_valid("1234567") and not cvr_valid("1234567a") and not cvr_valid("")


def test_an_employment_is_recorded_with_its_audit_row(caseworker, person):
    # REQ: PRG-7
    job = services.employment_create(acting_user=caseworker, person=person, **employment_values())
    assert job.municipality_id == person.municipality_id and job.version == 1
    entry = AuditEntry.objects.get(object_type="outcomes.Employment", object_id=str(job.pk))
    assert entry.action == "create" and entry.person_id == person.pk
    assert entry.changes["employer_name"] == [None, "Netto Rønne"]


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"cvr": "12345678"}, "cvr", "modulus 11"),
        ({"end_date": date(2025, 1, 31)}, "end_date", "før startdatoen"),
        ({"hours_per_week": Decimal("0")}, "hours_per_week", "timer"),
        ({"hours_per_week": Decimal("60")}, "hours_per_week", "48"),
        ({"employer_name": " "}, "employer_name", "arbejdsgiver"),
    ],
)
def test_bad_employment_input_names_its_field(caseworker, person, overrides, field, words):
    # REQ: PRG-7
    with pytest.raises(ValidationError) as error:
        services.employment_create(
            acting_user=caseworker, person=person, **employment_values(**overrides)
        )
    assert words in " ".join(error.value.message_dict[field])
    assert not Employment.objects.exists()


def test_an_employment_overlapping_another_is_refused_naming_the_other(caseworker, person):
    # REQ: PRG-7
    services.employment_create(acting_user=caseworker, person=person, **employment_values())
    with pytest.raises(ValidationError) as error:
        services.employment_create(
            acting_user=caseworker,
            person=person,
            **employment_values(employer_name="Føtex", start_date=date(2025, 7, 1), end_date=None),
        )
    assert "Netto Rønne" in error.value.message_dict["start_date"][0]
    # the day after the first ends is fine
    services.employment_create(
        acting_user=caseworker,
        person=person,
        **employment_values(employer_name="Føtex", start_date=date(2025, 8, 1), end_date=None),
    )
    assert Employment.objects.count() == 2


def test_a_concurrent_edit_of_an_employment_is_detected(caseworker, person):
    # REQ: PRG-7
    job = services.employment_create(acting_user=caseworker, person=person, **employment_values())
    stale = Employment.objects.get(pk=job.pk)
    services.employment_update(
        acting_user=caseworker, employment=job, expected_version=1, hours_per_week=Decimal("32")
    )
    with pytest.raises(ConcurrentEditError):
        services.employment_update(
            acting_user=caseworker, employment=stale, expected_version=1, employer_name="Y"
        )
    assert Employment.objects.get().employer_name == "Netto Rønne"


def test_roles_without_programme_edit_cannot_record_outcomes(staff, person):
    # REQ: PRG-7
    for role in ("manager", "family_consultant", "housing_officer"):
        with pytest.raises(PermissionDenied):
            services.employment_create(
                acting_user=staff[role], person=person, **employment_values()
            )
    services.employment_create(
        acting_user=staff["job_consultant"], person=person, **employment_values()
    )


def test_another_municipalitys_person_is_refused(other_caseworker, person):
    # REQ: PRG-7
    with pytest.raises(PermissionDenied):
        services.employment_create(
            acting_user=other_caseworker, person=person, **employment_values()
        )


def test_education_dates_out_of_order_name_the_field(caseworker, person):
    # REQ: PRG-7
    with pytest.raises(ValidationError) as error:
        services.education_create(
            acting_user=caseworker,
            person=person,
            institution="Campus Bornholm",
            programme="HF",
            qualifying=True,
            started_on=date(2025, 8, 12),
            completed_on=date(2025, 6, 1),
        )
    assert "completed_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.education_create(
            acting_user=caseworker,
            person=person,
            institution="Campus Bornholm",
            programme="HF",
            started_on=date(2025, 8, 12),
            completed_on=date(2026, 6, 1),
            dropped_on=date(2026, 6, 1),
        )
    assert "dropped_on" in error.value.message_dict


def test_benefit_periods_do_not_overlap(caseworker, person):
    # REQ: PRG-7
    services.benefit_create(
        acting_user=caseworker,
        person=person,
        benefit="selvforsoergelse",
        from_date=date(2025, 1, 1),
        to_date=date(2025, 7, 31),
    )
    with pytest.raises(ValidationError) as error:
        services.benefit_create(
            acting_user=caseworker,
            person=person,
            benefit="own_income",
            from_date=date(2025, 7, 1),
        )
    assert "Selvforsørgelses" in error.value.message_dict["from_date"][0]
    with pytest.raises(ValidationError) as error:
        services.benefit_create(
            acting_user=caseworker,
            person=person,
            benefit="own_income",
            from_date=date(2025, 9, 1),
            to_date=date(2025, 8, 1),
        )
    assert "to_date" in error.value.message_dict
    assert BenefitPeriod.objects.count() == 1


def test_self_supporting_is_one_record_per_person(caseworker, person):
    # REQ: PRG-7
    first = services.self_supporting_save(
        acting_user=caseworker,
        person=person,
        expected_version=0,
        from_date=date(2025, 8, 1),
        source="work",
    )
    second = services.self_supporting_save(
        acting_user=caseworker,
        person=person,
        expected_version=1,
        from_date=date(2025, 9, 1),
        source="work",
    )
    assert first.pk == second.pk and second.from_date == date(2025, 9, 1) and second.version == 2
    with pytest.raises(ConcurrentEditError):
        services.self_supporting_save(
            acting_user=caseworker,
            person=person,
            expected_version=1,
            from_date=date(2025, 10, 1),
            source="work",
        )
