"""Cases: phases as a declared pipeline, caseworker and contact persons (REC-5, REC-6)."""

from datetime import date

import pytest

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry
from velkomst.people import services
from velkomst.people.models import AssignmentKind, Phase

pytestmark = pytest.mark.django_db


def test_adults_get_a_case_with_takeover_and_programme_end_from_the_visitation(household):
    # REQ: REC-6
    amal = household.members.get(first_name="Amal")
    case = amal.case
    assert case.phase == Phase.PRE_ARRIVAL
    assert case.visitation_date == date(2026, 5, 15)
    assert case.takeover_date == date(2026, 7, 1)  # visited 15 May -> responsible from 1 July
    assert case.programme_end_date == date(2029, 6, 30)  # preset: three years
    assert not hasattr(household.members.get(first_name="Lina"), "case")


def test_programme_length_is_the_municipality_configuration_in_force(caseworker, municipality):
    # REQ: REC-6
    from velkomst.core.services import municipality_configure

    municipality_configure(
        municipality=municipality,
        effective_from=date(2026, 1, 1),
        values={"programme_length_months": 12},
        note="Introduktionsprogram",
    )
    from conftest import member

    household = services.household_create(
        acting_user=caseworker,
        name="Familien Noori",
        visitation_date=date(2026, 3, 10),
        members=[member(first_name="Zahra", last_name="Noori", nationality="AF")],
    )
    case = household.members.get().case
    assert case.takeover_date == date(2026, 5, 1)  # a Friday and a working day
    assert case.programme_end_date == date(2027, 4, 30)


def test_it_moves_through_the_pipeline_and_records_each_transition(person, caseworker):
    # REQ: REC-6
    case = person.case
    services.case_change_phase(
        case=case,
        to=Phase.RECEPTION,
        acting_user=caseworker,
        reason="Ankommet",
        expected_version=case.version,
        effective_date=date(2026, 7, 1),
    )
    services.case_change_phase(
        case=case,
        to=Phase.PROGRAMME,
        acting_user=caseworker,
        reason="Kontrakt underskrevet",
        expected_version=case.version,
    )
    services.case_change_phase(
        case=case,
        to=Phase.ENDED,
        acting_user=caseworker,
        reason="Fast job",
        end_reason="self_supporting",
        expected_version=case.version,
    )
    case.refresh_from_db()
    assert case.phase == Phase.ENDED and case.end_reason == "self_supporting"
    steps = [(t.from_phase, t.to_phase) for t in case.transitions.all()]
    assert steps == [
        ("", "pre_arrival"),
        ("pre_arrival", "reception"),
        ("reception", "programme"),
        ("programme", "ended"),
    ]
    first_move = case.transitions.get(to_phase="reception")
    assert first_move.effective_date == date(2026, 7, 1) and first_move.actor == caseworker


@pytest.mark.parametrize(
    "start,to",
    [
        (Phase.PRE_ARRIVAL, Phase.PROGRAMME),
        (Phase.ENDED, Phase.RECEPTION),
        (Phase.PRE_ARRIVAL, Phase.PRE_ARRIVAL),
    ],
)
def test_an_illegal_transition_raises_a_named_error(person, caseworker, start, to):
    # REQ: REC-6
    case = person.case
    case.phase = start
    case.save(update_fields=["phase"])
    with pytest.raises(services.IllegalPhaseTransition):
        services.case_change_phase(
            case=case, to=to, acting_user=caseworker, reason="x", expected_version=case.version
        )


def test_ending_a_case_needs_an_end_reason(person, caseworker):
    # REQ: REC-6
    with pytest.raises(services.EndReasonRequired):
        services.case_change_phase(
            case=person.case,
            to=Phase.ENDED,
            acting_user=caseworker,
            reason="x",
            expected_version=person.case.version,
        )


def test_a_change_of_caseworker_is_recorded_and_only_one_is_current(person, caseworker, staff):
    # REQ: REC-5
    from conftest import _make_user

    new = _make_user(caseworker.municipality, "caseworker", "bh-caseworker-2")
    case = person.case
    services.case_assign_caseworker(
        case=case,
        caseworker=new,
        acting_user=staff["manager"],
        reason="Barsel",
        expected_version=case.version,
    )
    case.refresh_from_db()
    assert case.caseworker == new
    history = case.assignments.filter(kind=AssignmentKind.CASEWORKER).order_by("started_at")
    assert [a.staff for a in history] == [caseworker, new]
    assert history[0].ended_at is not None and history[1].ended_at is None
    assert history[1].reason == "Barsel"
    entry = AuditEntry.objects.filter(person_id=person.pk, action="change").first()
    assert entry is not None
    assert entry.changes["caseworker"] == [caseworker.pk, new.pk]


def test_at_most_two_contact_persons(person, staff):
    # REQ: REC-5
    manager = staff["manager"]
    services.case_add_contact_person(
        case=person.case, staff=staff["job_consultant"], acting_user=manager
    )
    services.case_add_contact_person(
        case=person.case, staff=staff["family_consultant"], acting_user=manager
    )
    with pytest.raises(services.TooManyContactPersons):
        services.case_add_contact_person(
            case=person.case, staff=staff["housing_officer"], acting_user=manager
        )
    services.case_end_contact_person(
        case=person.case, staff=staff["job_consultant"], acting_user=manager
    )
    services.case_add_contact_person(
        case=person.case, staff=staff["housing_officer"], acting_user=manager
    )
    current = person.case.assignments.filter(kind="contact", ended_at__isnull=True)
    assert {a.staff.role for a in current} == {"family_consultant", "housing_officer"}


def test_staff_of_another_municipality_cannot_be_assigned(person, staff, other_caseworker):
    # REQ: SEC-1
    with pytest.raises(services.NotSameMunicipality):
        services.case_assign_caseworker(
            case=person.case,
            caseworker=other_caseworker,
            acting_user=staff["manager"],
            reason="x",
            expected_version=person.case.version,
        )


def test_a_stale_version_is_refused_and_nothing_is_overwritten(person, caseworker):
    # REQ: SEC-5
    seen = person.version
    services.person_update(
        person=person, acting_user=caseworker, expected_version=seen, first_name="Amaal"
    )
    stale = type(person).objects.get(pk=person.pk)
    stale.version = seen
    with pytest.raises(ConcurrentEditError):
        services.person_update(
            person=stale, acting_user=caseworker, expected_version=seen, last_name="X"
        )
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Amaal", "Haddad")


def test_notes_are_never_edited_and_a_correction_refers_to_the_old_note(person, caseworker):
    # REQ: SEC-3
    note = services.note_add(case=person.case, acting_user=caseworker, text="Mødt til samtale")
    fix = services.note_add(
        case=person.case, acting_user=caseworker, text="Rettelse: mødte ikke", corrects=note
    )
    note.refresh_from_db()
    assert note.text == "Mødt til samtale" and fix.corrects == note
    assert list(note.corrections.all()) == [fix]
