"""Rules over a person's life and dates no case can have: a member turning 18 gets a case, the
case leaves "before arrival" when the arrival is registered, and impossible dates are refused
naming the field (REC-6, SEC-5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import member
from velkomst.core.models import AuditEntry
from velkomst.people import services
from velkomst.people.models import (
    ARRIVAL_REASON,
    COMING_OF_AGE_REASON,
    AssignmentKind,
    Case,
    Phase,
    PhaseTransition,
)

pytestmark = pytest.mark.django_db


def _eighteen_on(day: date) -> date:
    """The birth date of someone who turns 18 on ``day`` (not 29 February)."""
    return day.replace(year=day.year - 18)


@pytest.fixture
def teen_family(caseworker):
    """Arrived two weeks ago; Karim turns 18 five weeks after the arrival."""
    today = timezone.localdate()
    arrival = today - timedelta(days=14)
    birthday = arrival + timedelta(weeks=5)
    household = services.household_create(
        acting_user=caseworker,
        name="Familien Saleh",
        visitation_date=arrival - timedelta(days=40),
        arrival_date=arrival,
        members=[
            member(first_name="Huda", last_name="Saleh"),
            member(
                first_name="Karim",
                last_name="Saleh",
                birth_date=_eighteen_on(birthday),
                sex="M",
                relation="child",
            ),
        ],
    )
    return household, household.members.get(first_name="Karim"), birthday


def test_a_member_turning_18_in_the_programme_gets_a_case_on_the_birthday(teen_family, caseworker):
    # REQ: REC-6
    household, karim, birthday = teen_family
    head_case = household.members.get(first_name="Huda").case
    assert not Case.objects.filter(person=karim).exists()  # a child at registration

    assert services.cases_open_coming_of_age(day=birthday - timedelta(days=1)) == []
    assert not Case.objects.filter(person=karim).exists()

    [case] = services.cases_open_coming_of_age(day=birthday)
    assert case.person == karim
    assert case.caseworker == caseworker  # the household's caseworker, proposed
    assert case.phase == Phase.RECEPTION  # the household has arrived
    assert (case.visitation_date, case.takeover_date, case.programme_end_date) == (
        head_case.visitation_date,
        head_case.takeover_date,
        head_case.programme_end_date,
    )
    transition = PhaseTransition.objects.get(case=case)
    assert transition.to_phase == Phase.RECEPTION and transition.effective_date == birthday
    assert transition.reason == COMING_OF_AGE_REASON
    assert case.assignments.get(kind=AssignmentKind.CASEWORKER).staff == caseworker
    entry = AuditEntry.objects.get(object_type="people.Case", object_id=str(case.pk))
    assert entry.person_id == karim.pk and entry.action == "create"
    assert entry.changes["phase"] == [None, Phase.RECEPTION] and entry.channel == "system"


def test_the_daily_command_opens_each_case_once(teen_family, capsys):
    # REQ: REC-6
    _household, karim, birthday = teen_family
    later = (birthday + timedelta(days=3)).isoformat()
    call_command("open_coming_of_age_cases", "--date", later)
    assert "1 case(s) opened" in capsys.readouterr().out
    call_command("open_coming_of_age_cases", "--date", later)
    assert "0 case(s) opened" in capsys.readouterr().out
    assert Case.objects.filter(person=karim).count() == 1
    # dated the birthday, not the day the command ran
    assert karim.case.transitions.get().effective_date == birthday


def test_no_case_when_the_18th_birthday_is_after_the_programme(caseworker):
    # REQ: REC-6
    household = services.household_create(
        acting_user=caseworker,
        name="Familien Amin",
        visitation_date=date(2026, 5, 15),
        members=[
            member(),
            member(first_name="Sami", birth_date=date(2015, 1, 1), relation="child"),
        ],
    )
    sami = household.members.get(first_name="Sami")
    assert services.cases_open_coming_of_age(day=date(2033, 1, 1)) == []
    assert not Case.objects.filter(person=sami).exists()


def test_a_member_who_turned_18_before_registration_gets_the_case_on_the_next_run(caseworker):
    # REQ: REC-6 (a household registered after its arrival: the case is dated the birthday)
    today = timezone.localdate()
    turned_18 = today - timedelta(days=10)
    household = services.household_create(
        acting_user=caseworker,
        name="Familien Barakat",
        visitation_date=today - timedelta(days=120),
        arrival_date=today - timedelta(days=60),
        members=[
            member(),
            member(first_name="Rami", birth_date=_eighteen_on(turned_18), relation="child"),
        ],
    )
    rami = household.members.get(first_name="Rami")
    [case] = services.cases_open_coming_of_age()
    assert case.person == rami and case.phase == Phase.RECEPTION
    assert case.transitions.get().effective_date == turned_18


def test_the_case_leaves_before_arrival_when_the_arrival_is_registered(
    logged_in, caseworker, household
):
    # REQ: REC-6
    cases = list(Case.objects.filter(person__household=household))
    assert cases and all(case.phase == Phase.PRE_ARRIVAL for case in cases)
    arrival = date(2026, 7, 2)
    response = logged_in(caseworker).post(
        reverse("household-edit", args=[household.pk]),
        {
            "version": household.version,
            "name": household.name,
            "expected_arrival_date": "2026-07-01",
            "arrival_date": arrival.isoformat(),
        },
    )
    assert response.status_code == 302
    for case in cases:
        case.refresh_from_db()
        assert case.phase == Phase.RECEPTION
        transition = case.transitions.get(to_phase=Phase.RECEPTION)
        assert transition.from_phase == Phase.PRE_ARRIVAL
        assert transition.effective_date == arrival and transition.reason == ARRIVAL_REASON
        assert transition.actor == caseworker
        assert AuditEntry.objects.filter(
            object_type="people.Case",
            object_id=str(case.pk),
            changes__phase=[Phase.PRE_ARRIVAL, Phase.RECEPTION],
        ).exists()
    # the person page shows the transition's reason in the reader's language
    person = cases[0].person
    page = logged_in(caseworker).get(
        reverse("person-detail", args=[person.pk]), headers={"accept-language": "en"}
    )
    assert "Arrival registered" in page.content.decode()


def test_an_arrival_before_the_visitation_is_refused_on_its_field(logged_in, caseworker, household):
    # REQ: SEC-5
    response = logged_in(caseworker).post(
        reverse("household-edit", args=[household.pk]),
        {"version": household.version, "name": household.name, "arrival_date": "2026-05-01"},
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["arrival_date"] == ["Ankomsten kan ikke ligge før visitationen."]
    household.refresh_from_db()
    assert household.arrival_date is None and household.version == 1
    assert not PhaseTransition.objects.filter(to_phase=Phase.RECEPTION).exists()


def test_registering_with_impossible_dates_names_each_field(logged_in, caseworker):
    # REQ: SEC-5
    data = {
        "name": "Familien Nasser",
        "visitation_date": "2026-05-15",
        "arrival_date": "2026-05-14",
        "member-TOTAL_FORMS": "1",
        "member-INITIAL_FORMS": "0",
        "member-MIN_NUM_FORMS": "1",
        "member-MAX_NUM_FORMS": "15",
        "member-0-first_name": "Nadia",
        "member-0-last_name": "Nasser",
        "member-0-birth_date": "1800-01-01",
        "member-0-sex": "F",
        "member-0-nationality": "SY",
        "member-0-residence_basis": "refugee",
        "member-0-relation": "head",
    }
    response = logged_in(caseworker).post(reverse("household-create"), data)
    assert response.status_code == 422
    assert response.context["form"].errors["arrival_date"] == [
        "Ankomsten kan ikke ligge før visitationen."
    ]
    assert response.context["members"].forms[0].errors["birth_date"] == [
        "Datoen kan ikke ligge før 1900."
    ]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"visitation_date": date(1899, 12, 31)}, "visitation_date"),
        ({"arrival_date": date(1850, 1, 1)}, "arrival_date"),
        ({"expected_arrival_date": date(2026, 5, 1)}, "expected_arrival_date"),
    ],
)
def test_the_service_refuses_dates_no_case_can_have_and_writes_nothing(caseworker, values, field):
    # REQ: SEC-5
    arguments = {
        "acting_user": caseworker,
        "name": "Familien Omar",
        "visitation_date": date(2026, 5, 15),
        "members": [member()],
    } | values
    with pytest.raises(ValidationError) as error:
        services.household_create(**arguments)
    assert list(error.value.message_dict) == [field]
    assert not Case.objects.exists()


def test_a_birth_date_before_1900_or_ahead_is_refused(logged_in, caseworker, person):
    # REQ: SEC-5
    client = logged_in(caseworker)
    day_after_tomorrow = timezone.localdate() + timedelta(days=2)
    for birth, message in [
        ("1800-01-01", "Datoen kan ikke ligge før 1900."),
        (day_after_tomorrow.isoformat(), "Datoen kan ikke ligge mere end en dag ude i fremtiden."),
    ]:
        response = client.post(
            reverse("person-edit", args=[person.pk]),
            {
                "version": person.version,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "birth_date": birth,
                "sex": person.sex,
                "nationality": person.nationality,
                "residence_basis": person.residence_basis,
                "relation": person.relation,
            },
        )
        assert response.status_code == 422
        assert response.context["form"].errors["birth_date"] == [message]
    person.refresh_from_db()
    assert person.birth_date == date(1988, 3, 14)


def test_a_phase_change_dated_before_the_visitation_is_refused(logged_in, caseworker, person):
    # REQ: SEC-5, REC-6
    case = person.case
    response = logged_in(caseworker).post(
        reverse("case-phase", args=[case.pk]),
        {
            "version": case.version,
            "to": Phase.RECEPTION,
            "effective_date": "2026-05-14",
            "reason": "Ankommet",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["effective_date"] == [
        "Datoen kan ikke ligge før visitationen."
    ]
    case.refresh_from_db()
    assert case.phase == Phase.PRE_ARRIVAL
