"""households_create_bulk: registering N households at once writes what N single registrations
(household_create) write, in a number of queries that does not depend on N (REC-1)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import member
from velkomst.core.config import config_value, config_values_on
from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.engines.calendar import programme_end
from velkomst.people import services
from velkomst.people.models import (
    Case,
    CaseAssignment,
    Household,
    Person,
    PersonLanguage,
    PhaseTransition,
)
from velkomst.people.services import HouseholdData, LanguageData

pytestmark = pytest.mark.django_db


def households_data(count: int, *, caseworker: Any = None, start: int = 0) -> list[HouseholdData]:
    """Varied households: one to five members, children and elderly, with and without arrival
    and expected arrival, visitation dates over several months (so several takeover dates)."""
    result = []
    for n in range(start, start + count):
        visited = date(2026, 1, 5) + timedelta(days=17 * n)
        members = [
            member(
                first_name=f"Hoved{n}",
                last_name=f"Familie{n}",
                birth_date=date(1950 + n % 40, 1 + n % 12, 1 + n % 28),
                cpr=""
                if n % 3
                else f"{1 + n % 28:02d}{1 + n % 12:02d}{(50 + n % 40) % 100:02d}1234",
                residence_basis="quota_refugee" if n % 4 == 0 else "refugee",
                languages=[LanguageData("ar", "native", n % 2 == 0), LanguageData("en", "basic")]
                if n % 2
                else [LanguageData("ti", "native")],
            )
        ]
        for k in range(n % 5):
            members.append(
                member(
                    first_name=f"Barn{n}x{k}",
                    last_name=f"Familie{n}",
                    # around 18 on the reference day for some: adults and children both
                    birth_date=visited - timedelta(days=365 * (2 + 4 * k) + 30 * (n % 7)),
                    relation="child",
                    sex="M" if k % 2 else "F",
                    nationality="er",
                    languages=[],
                )
            )
        result.append(
            HouseholdData(
                name=f"Familien {n}",
                members=members,
                visitation_date=visited,
                expected_arrival_date=visited + timedelta(days=40) if n % 3 != 1 else None,
                arrival_date=visited + timedelta(days=50) if n % 5 == 2 else None,
                asylum_centre="Center Sandholm" if n % 2 else "",
                address="Storegade 1" if n % 4 == 3 else "",
                caseworker=caseworker if n % 2 else None,
            )
        )
    return result


def single(data: HouseholdData, user: Any, channel: str = "web") -> Household:
    return services.household_create(
        acting_user=user,
        name=data.name,
        members=data.members,
        visitation_date=data.visitation_date,
        expected_arrival_date=data.expected_arrival_date,
        arrival_date=data.arrival_date,
        asylum_centre=data.asylum_centre,
        address=data.address,
        caseworker=data.caseworker,
        channel=channel,
    )


def labels(households: list[Household]) -> dict[tuple[str, str], str]:
    """Each written object's (type, id) as its position among ``households``: ids differ
    between two registrations of the same data, positions do not."""
    result: dict[tuple[str, str], str] = {}
    for i, household in enumerate(households):
        result[("people.Household", str(household.pk))] = f"h{i}"
        for j, person in enumerate(household.members.order_by("id")):
            result[("people.Person", str(person.pk))] = f"h{i}p{j}"
            case = Case.objects.filter(person=person).first()
            if case is not None:
                result[("people.Case", str(case.pk))] = f"h{i}p{j}case"
    return result


def snapshot(households: list[Household]) -> list[Any]:
    """What registering ``households`` wrote, ids replaced by positions."""
    label = labels(households)
    person_label = {int(k[1]): v for k, v in label.items() if k[0] == "people.Person"}
    rows: list[Any] = []
    for household in households:
        household.refresh_from_db()
        rows.append(
            (
                household.name,
                household.municipality_id,
                household.expected_arrival_date,
                household.arrival_date,
                household.asylum_centre,
                household.address,
                household.version,
                sorted(household.units.values_list("pk", flat=True)),
            )
        )
        for person in household.members.order_by("id"):
            rows.append(
                (
                    person_label[person.pk],
                    person.municipality_id,
                    person.first_name,
                    person.last_name,
                    person.birth_date,
                    person.sex,
                    person.nationality,
                    person.cpr,
                    person.residence_basis,
                    person.relation,
                    list(
                        PersonLanguage.objects.filter(person=person)
                        .order_by("id")
                        .values_list("language", "proficiency", "interpreter_needed")
                    ),
                )
            )
            case = Case.objects.filter(person=person).first()
            if case is None:
                continue
            rows.append(
                (
                    case.phase,
                    case.visitation_date,
                    case.takeover_date,
                    case.programme_end_date,
                    case.caseworker_id,
                    list(
                        PhaseTransition.objects.filter(case=case).values_list(
                            "from_phase", "to_phase", "effective_date", "reason", "actor_id"
                        )
                    ),
                    list(
                        CaseAssignment.objects.filter(case=case).values_list(
                            "kind", "staff_id", "actor_id", "reason", "ended_at"
                        )
                    ),
                )
            )
    return rows


def audit_written(after_id: int, households: list[Household]) -> list[tuple[Any, ...]]:
    """The audit entries written since ``after_id``, in order, ids replaced by positions."""
    label = labels(households)
    person_label = {int(k[1]): v for k, v in label.items() if k[0] == "people.Person"}
    return [
        (
            e.action,
            e.object_type,
            label.get((e.object_type, e.object_id), e.object_id),
            person_label.get(e.person_id) if e.person_id else None,
            e.changes,
            e.reason,
            e.channel,
            e.actor_id,
            e.actor_label,
            e.municipality_id,
        )
        for e in AuditEntry.objects.filter(pk__gt=after_id).order_by("id")
    ]


def last_audit_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_bulk_writes_what_single_registrations_write(caseworker, staff):
    # REQ: REC-1
    MunicipalityConfig.objects.create(
        municipality=caseworker.municipality,
        effective_from=date(2026, 5, 1),
        values={"programme_length_months": 24},
    )
    data = households_data(12, caseworker=staff["family_consultant"])
    mark = last_audit_id()
    singles = [single(d, caseworker, channel="import") for d in data]
    single_audit = audit_written(mark, singles)

    mark = last_audit_id()
    bulk = services.households_create_bulk(data, acting_user=caseworker, channel="import")
    bulk_audit = audit_written(mark, bulk)

    assert [h.name for h in bulk] == [d.name for d in data]
    assert snapshot(bulk) == snapshot(singles)
    # same entries in the same order: household, then each member and the member's case
    assert bulk_audit == single_audit
    assert {e[1] for e in bulk_audit} == {"people.Household", "people.Person", "people.Case"}
    # the data covers both phases, both case lengths, children and a caseworker
    cases = Case.objects.filter(person__household__in=bulk)
    assert set(cases.values_list("phase", flat=True)) == {"pre_arrival", "reception"}
    lengths = {
        months
        for c in cases
        for months in (24, 36)
        if programme_end(c.takeover_date, months) == c.programme_end_date
    }
    assert lengths == {24, 36}
    assert Person.objects.filter(household__in=bulk, case__isnull=True).exists()
    assert CaseAssignment.objects.filter(case__in=cases, staff=staff["family_consultant"]).exists()


def test_the_wrapper_is_one_household_of_the_bulk(caseworker):
    household = single(households_data(1, start=4)[0], caseworker)
    assert household.pk is not None and household.members.count() == 5


def test_an_empty_bulk_writes_nothing(caseworker):
    assert services.households_create_bulk([], acting_user=caseworker) == []
    assert not Household.objects.exists() and not AuditEntry.objects.exists()


def test_bulk_checks_access_once_and_writes_nothing_when_refused(staff):
    with pytest.raises(PermissionDenied):
        services.households_create_bulk(households_data(3), acting_user=staff["job_consultant"])
    assert not Household.objects.exists()


def test_a_caseworker_of_another_municipality_refuses_the_whole_bulk(caseworker, other_caseworker):
    data = households_data(3)
    data[2].caseworker = other_caseworker
    with pytest.raises(services.NotSameMunicipality):
        services.households_create_bulk(data, acting_user=caseworker)
    assert not Household.objects.exists() and not Person.objects.exists()


def test_the_programme_length_read_once_is_the_configuration_in_force(municipality):
    MunicipalityConfig.objects.create(
        municipality=municipality, effective_from=date(2026, 3, 1), values={"due_soon_days": 3}
    )
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2026, 5, 1),
        values={"programme_length_months": 24},
    )
    MunicipalityConfig.objects.create(
        municipality=municipality,
        effective_from=date(2026, 9, 1),
        values={"programme_length_months": 30},
    )
    days = [date(2026, 1, 1) + timedelta(days=d) for d in range(0, 365, 11)]
    days += [date(2026, 5, 1), date(2026, 4, 30), date(2026, 9, 1)]
    read = config_values_on(municipality, "programme_length_months", days)
    assert read == {d: config_value(municipality, "programme_length_months", on=d) for d in days}


def one_statement_per_bulk_insert(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let each bulk insert be one statement (one executemany), however many rows: on SQLite
    bulk_create may use as many parameters as this SQLite allows (Django assumes 999), and on
    every database bulk.insert_rows puts any number of rows in one INSERT. Then the query count shows
    whether anything is done per household."""
    from velkomst.core import bulk

    monkeypatch.setattr(bulk, "ROWS_PER_INSERT", 1_000_000)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        monkeypatch.setattr(connection.features, "max_query_params", limit)


def test_the_query_count_does_not_grow_with_the_number_of_households(caseworker, monkeypatch):
    # REQ: REC-1
    one_statement_per_bulk_insert(monkeypatch)

    def queries(count: int, start: int) -> int:
        data = households_data(count, caseworker=caseworker, start=start)
        with CaptureQueriesContext(connection) as ctx:
            services.households_create_bulk(data, acting_user=caseworker)
        return len(ctx.captured_queries)

    assert queries(2, 0) == queries(20, 2)
