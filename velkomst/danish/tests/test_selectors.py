"""The levels and passed exams other parts read (matching, result grants), and the deadline
worklists (PRG-2)."""

from __future__ import annotations

from datetime import date

from velkomst.danish import selectors, services
from velkomst.danish.models import ModuleProgress


def test_levels_come_from_passed_exams_and_module_tests(caseworker, person, household, referral):
    # REQ: PRG-2
    omar = household.members.get(first_name="Omar")
    lina = household.members.get(first_name="Lina")
    ids = [person.pk, omar.pk, lina.pk]
    levels = selectors.danish_levels(municipality_id=person.municipality_id, person_ids=ids)
    assert levels == {person.pk: "none", omar.pk: "none", lina.pk: "none"}

    services.module_create(
        acting_user=caseworker,
        referral=referral,
        module=3,
        started_on=date(2026, 9, 1),
        passed_on=None,
    )
    levels = selectors.danish_levels(municipality_id=person.municipality_id, person_ids=ids)
    assert levels[person.pk] == "none"  # started, not passed
    progress = ModuleProgress.objects.get()
    services.module_update(
        acting_user=caseworker, progress=progress, expected_version=1, passed_on=date(2026, 10, 1)
    )
    services.module_create(
        acting_user=caseworker,
        referral=referral,
        module=4,
        started_on=date(2026, 10, 2),
        passed_on=date(2026, 11, 2),
    )
    levels = selectors.danish_levels(municipality_id=person.municipality_id, person_ids=ids)
    assert levels[person.pk] == "A2"  # DU2 module 4

    services.exam_create(
        acting_user=caseworker,
        person=omar,
        exam="PD1",
        term="",
        taken_on=date(2026, 6, 2),
        result="failed",
        grade="",
        referral=None,
    )
    assert (
        selectors.danish_levels(municipality_id=person.municipality_id, person_ids=ids)[omar.pk]
        == "none"
    )
    services.exam_create(
        acting_user=caseworker,
        person=omar,
        exam="PD3",
        term="",
        taken_on=date(2026, 11, 30),
        result="passed",
        grade="10",
        referral=None,
    )
    services.exam_create(
        acting_user=caseworker,
        person=omar,
        exam="PD1",
        term="",
        taken_on=date(2026, 5, 30),
        result="passed",
        grade="4",
        referral=None,
    )
    levels = selectors.danish_levels(municipality_id=person.municipality_id, person_ids=ids)
    assert levels[omar.pk] == "B2"  # the highest attested level
    passed = selectors.exams_passed(municipality_id=person.municipality_id, person_ids=ids)
    assert passed[omar.pk] == [("PD1", date(2026, 5, 30)), ("PD3", date(2026, 11, 30))]
    assert passed[person.pk] == [] and passed[lina.pk] == []


def test_levels_and_exams_stay_in_their_municipality(
    caseworker, other_caseworker, person, other_person
):
    # REQ: PRG-2
    services.exam_create(
        acting_user=other_caseworker,
        person=other_person,
        exam="PD2",
        term="",
        taken_on=date(2026, 6, 2),
        result="passed",
        grade="7",
        referral=None,
    )
    assert selectors.danish_levels(
        municipality_id=person.municipality_id, person_ids=[other_person.pk]
    ) == {other_person.pk: "none"}
    assert selectors.exams_passed(
        municipality_id=person.municipality_id, person_ids=[other_person.pk]
    ) == {other_person.pk: []}
    assert selectors.exams_passed(
        municipality_id=other_person.municipality_id, person_ids=[other_person.pk]
    ) == {other_person.pk: [("PD2", date(2026, 6, 2))]}


def test_levels_cost_two_queries_whatever_the_number_of_persons(
    person, household, django_assert_num_queries
):
    ids = list(household.members.values_list("pk", flat=True))
    with django_assert_num_queries(2):
        selectors.danish_levels(municipality_id=person.municipality_id, person_ids=ids)
    with django_assert_num_queries(1):
        selectors.exams_passed(municipality_id=person.municipality_id, person_ids=ids)


def test_overdue_referrals_and_starts(caseworker, person, household, centre):
    # REQ: PRG-2
    # Amal and Omar (adults, taken over 1 July 2026) are due a referral by 3 August 2026
    assert selectors.overdue_counts(caseworker, date(2026, 8, 3)) == {"referral": 0, "start": 0}
    assert selectors.overdue_counts(caseworker, date(2026, 8, 4)) == {"referral": 2, "start": 0}
    services.referral_create(
        acting_user=caseworker,
        person=person,
        centre=centre,
        track="DU2",
        referred_on=date(2026, 8, 4),
    )
    # Amal's referral: the start is due 4 September 2026 (a Friday)
    assert selectors.overdue_counts(caseworker, date(2026, 9, 4)) == {"referral": 1, "start": 0}
    assert selectors.overdue_counts(caseworker, date(2026, 9, 5)) == {"referral": 1, "start": 1}
    assert selectors.overdue_counts(caseworker, date(2026, 9, 5), mine=True) == {
        "referral": 1,
        "start": 1,
    }
    rows = selectors.overview(
        user=caseworker, today=date(2026, 9, 5), state="not_referred", overdue=True
    )
    assert [p.first_name for p in rows] == ["Omar"]  # Lina is a child


def test_the_summary_names_the_next_deadline(caseworker, person, centre):
    # REQ: PRG-2
    card = selectors.person_card(user=caseworker, person=person, today=date(2026, 7, 28))
    assert card is not None and card.next_deadline is not None
    assert card.state == "not_referred"
    assert card.next_deadline.due == date(2026, 8, 3)
    assert card.next_deadline.state == "due_soon"
    services.referral_create(
        acting_user=caseworker,
        person=person,
        centre=centre,
        track="DU2",
        referred_on=date(2026, 7, 28),
    )
    card = selectors.person_card(user=caseworker, person=person, today=date(2026, 7, 29))
    assert card is not None and card.next_deadline is not None
    assert card.referral_deadline.state == "met_on_time"
    assert card.next_deadline.due == date(2026, 8, 28)
    assert card.state == "waiting"


def test_the_caseworkers_start_page_counts_own_overdue_referrals_and_starts(
    caseworker, staff, person, centre
):
    # REQ: PRG-2
    from velkomst.home.selectors import danish_panel, panels_for

    panel = danish_panel(caseworker, date(2026, 8, 4))
    assert [(f.label, f.count) for f in panel.figures] == [
        ("Ikke henvist inden for fristen", 2),
        ("Ikke startet inden for fristen", 0),
    ]
    assert panel.figures[0].href == "/danish/?state=not_referred&overdue=on&scope=mine"
    services.referral_create(
        acting_user=caseworker,
        person=person,
        centre=centre,
        track="DU2",
        referred_on=date(2026, 8, 4),
    )
    panel = danish_panel(caseworker, date(2026, 9, 7))
    assert [f.count for f in panel.figures] == [1, 1]
    # another caseworker's own citizens are not these
    assert [f.count for f in danish_panel(staff["job_consultant"], date(2026, 9, 7)).figures] == [
        0,
        0,
    ]
    assert "Danskuddannelse" in [p.title for p in panels_for(caseworker)]
