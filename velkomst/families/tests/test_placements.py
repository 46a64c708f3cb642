"""Children's daycare and school placements (CHI-2) through the services, views and database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from velkomst.core.errors import ConcurrentEditError
from velkomst.core.models import AuditEntry, MunicipalityConfig
from velkomst.families import services
from velkomst.families.models import ChildPlacement, ClassType, Institution, PlacementKind
from velkomst.families.states import PlacementState
from velkomst.people.views import CONCURRENT_EDIT_MESSAGE

from .conftest import register_family

pytestmark = pytest.mark.django_db


def _placement(household, first_name):
    return ChildPlacement.objects.get(person__household=household, person__first_name=first_name)


def test_each_child_gets_a_placement_of_the_kind_their_age_needs(caseworker):
    # REQ: CHI-2
    household = register_family(caseworker, child_ages=(2, 8, 16, 17))
    placements = ChildPlacement.objects.filter(person__household=household)
    assert {(p.person.first_name, p.kind, p.class_type) for p in placements} == {
        ("Lina", PlacementKind.DAYCARE, ClassType.DAYCARE),
        ("Sami", PlacementKind.SCHOOL, ClassType.RECEPTION_CLASS),
        ("Noor", PlacementKind.SCHOOL, ClassType.RECEPTION_CLASS),
        ("Yara", PlacementKind.YOUTH_EDUCATION, ClassType.OTHER),
    }
    assert all(p.municipality_id == household.municipality_id for p in placements)
    # the adults get none, and creating again adds nothing (idempotent)
    assert (
        services.placements_create_for_household(household=household, acting_user=caseworker) == []
    )
    assert placements.count() == 4
    # each creation is audited on the child
    created = AuditEntry.objects.filter(object_type="families.ChildPlacement", action="create")
    assert set(created.values_list("person_id", flat=True)) == set(
        placements.values_list("person_id", flat=True)
    )


def test_a_household_without_children_gets_no_placements(caseworker):
    # REQ: CHI-2
    household = register_family(caseworker, child_ages=())
    assert not ChildPlacement.objects.filter(person__household=household).exists()


def test_age_is_counted_on_the_expected_arrival_day(caseworker):
    # REQ: CHI-2: a child who turns 18 before arriving is an adult
    today = timezone.localdate()
    household = register_family(
        caseworker, arrived_days_ago=None, expected_in_days=60, child_ages=()
    )
    from velkomst.people.models import Person

    Person.objects.create(
        municipality=household.municipality,
        household=household,
        first_name="Turns",
        last_name="Eighteen",
        birth_date=today.replace(year=today.year - 18) + timedelta(days=30),
        sex="M",
        nationality="SY",
        residence_basis="refugee",
        relation="child",
    )
    assert (
        services.placements_create_for_household(household=household, acting_user=caseworker) == []
    )


def test_registering_a_household_makes_a_placement_per_child(caseworker):
    # REQ: CHI-2
    household = register_family(caseworker, child_ages=(8, 3, 17))
    kinds = dict(
        ChildPlacement.objects.filter(person__household=household).values_list(
            "person__first_name", "kind"
        )
    )
    assert set(kinds) == {"Lina", "Sami", "Noor"}
    assert (
        services.placements_create_for_household(household=household, acting_user=caseworker) == []
    )


def test_only_the_municipalitys_staff_with_edit_rights_create_placements(
    caseworker, staff, other_caseworker
):
    # REQ: SEC-1, SEC-2
    household = register_family(caseworker, create_placements=False)
    with pytest.raises(PermissionDenied):
        services.placements_create_for_household(household=household, acting_user=other_caseworker)
    with pytest.raises(PermissionDenied):
        services.placements_create_for_household(
            household=household, acting_user=staff["job_consultant"]
        )
    assert services.placements_create_for_household(
        household=household, acting_user=staff["family_consultant"]
    )


@pytest.mark.usefixtures("ordinary_wednesday")
def test_the_household_page_lists_the_children_and_their_state(logged_in, staff, caseworker):
    # REQ: CHI-2
    household = register_family(caseworker, arrived_days_ago=5, child_ages=(8, 3))
    client = logged_in(staff["family_consultant"])
    html = client.get(reverse("household-placements", args=[household.pk])).content.decode()
    assert "Lina Haddad" in html and "Sami Haddad" in html and "Amal" not in html.split("<h1")[1]
    assert "Overskredet" in html  # arrived five days ago, the standard is three days
    assert reverse("placement-edit", args=[_placement(household, "Lina").person_id]) in html
    views = AuditEntry.objects.filter(action="view", object_type="families.ChildPlacement")
    assert views.count() == 2
    # the household page includes the summary and the link
    detail = client.get(reverse("household-detail", args=[household.pk])).content.decode()
    assert reverse("household-placements", args=[household.pk]) in detail
    assert "Børnenes dagtilbud og skole" in detail


def test_edit_records_institution_class_and_start_and_audits_the_change(
    logged_in, staff, caseworker
):
    # REQ: CHI-2, SEC-3
    household = register_family(caseworker, arrived_days_ago=2)
    placement = _placement(household, "Lina")
    school = Institution.objects.create(
        municipality=household.municipality, name="Svartingedal Skole", kind="school", area="Rønne"
    )
    client = logged_in(staff["family_consultant"])
    url = reverse("placement-edit", args=[placement.person_id])
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "version": placement.version,
            "kind": "school",
            "institution": school.pk,
            "institution_name": "ignored",
            "class_type": "reception_class",
            "planned_start_date": today.isoformat(),
            "actual_start_date": today.isoformat(),
            "note": "",
        },
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.institution == school and placement.institution_name == ""
    assert placement.actual_start_date == today and placement.version == 2
    change = AuditEntry.objects.get(object_type="families.ChildPlacement", action="change")
    assert change.person_id == placement.person_id
    assert change.changes["actual_start_date"] == [None, today.isoformat()]
    page = client.get(reverse("household-placements", args=[household.pk])).content.decode()
    assert "Svartingedal Skole" in page and "Startet til tiden" in page


def test_a_start_in_the_future_or_without_institution_is_refused(logged_in, staff, family, child):
    # REQ: SEC-5
    placement = child.placement
    client = logged_in(staff["caseworker"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    url = reverse("placement-edit", args=[child.pk])
    base = {"version": 1, "kind": "school", "class_type": "", "note": ""}
    response = client.post(url, {**base, "actual_start_date": tomorrow.isoformat()})
    assert response.status_code == 422
    response = client.post(url, {**base, "actual_start_date": timezone.localdate().isoformat()})
    assert response.status_code == 422 and "Angiv institutionen" in response.content.decode()
    placement.refresh_from_db()
    assert placement.version == 1 and placement.actual_start_date is None
    with pytest.raises(services.StartInFuture):
        services.placement_update(
            placement=placement,
            acting_user=staff["caseworker"],
            expected_version=1,
            actual_start_date=tomorrow,
        )


def test_an_institution_of_another_municipality_is_refused(
    family, child, caseworker, other_caseworker
):
    # REQ: SEC-1
    foreign = Institution.objects.create(
        municipality=other_caseworker.municipality, name="Aalborg Skole", kind="school"
    )
    with pytest.raises(services.InstitutionOfAnotherMunicipality):
        services.placement_update(
            placement=child.placement,
            acting_user=caseworker,
            expected_version=1,
            institution=foreign,
        )
    # and the form offers only the municipality's own institutions
    assert foreign not in list(
        __import__("velkomst.families.selectors", fromlist=["x"]).institutions_for(caseworker)
    )


def test_concurrent_edits_never_overwrite_each_other(logged_in, staff, family, child):
    # REQ: SEC-5
    placement = child.placement
    services.placement_update(
        placement=placement,
        acting_user=staff["caseworker"],
        expected_version=1,
        institution_name="Rønne Børnehus",
    )
    with pytest.raises(ConcurrentEditError):
        services.placement_update(
            placement=ChildPlacement.objects.get(pk=placement.pk),
            acting_user=staff["family_consultant"],
            expected_version=1,
            institution_name="Nexø Skole",
        )
    # through the page: the form still carries version 1
    client = logged_in(staff["family_consultant"])
    response = client.post(
        reverse("placement-edit", args=[child.pk]),
        {"version": 1, "kind": "school", "institution_name": "Nexø Skole", "class_type": ""},
    )
    assert response.status_code == 200
    assert str(CONCURRENT_EDIT_MESSAGE) in response.content.decode()
    placement.refresh_from_db()
    assert placement.institution_name == "Rønne Børnehus" and placement.version == 2


ROLE_STATUS = {
    # role: (household placements page, edit page, overview)
    "caseworker": (200, 200, 200),
    "family_consultant": (200, 200, 200),
    "job_consultant": (200, 403, 200),  # the plan's CV task brings the jobcentre in
    "health_coordinator": (200, 403, 200),
    "volunteer_coordinator": (404, 403, 200),  # no unit of theirs works with the family
    "manager": (200, 403, 200),
    "administrator": (403, 403, 403),
}


@pytest.mark.parametrize("role", list(ROLE_STATUS))
def test_family_consultants_and_caseworkers_edit_others_read(logged_in, staff, family, child, role):
    # REQ: SEC-2
    client = logged_in(staff[role])
    got = (
        client.get(reverse("household-placements", args=[family.pk])).status_code,
        client.get(reverse("placement-edit", args=[child.pk])).status_code,
        client.get(reverse("placement-overview")).status_code,
    )
    assert got == ROLE_STATUS[role]


def test_another_municipality_sees_nothing(logged_in, family, child, other_caseworker):
    # REQ: SEC-1
    client = logged_in(other_caseworker)
    assert client.get(reverse("household-placements", args=[family.pk])).status_code == 404
    assert client.get(reverse("placement-edit", args=[child.pk])).status_code == 404
    response = client.post(
        reverse("placement-edit", args=[child.pk]), {"version": 1, "kind": "school"}
    )
    assert response.status_code == 404
    assert client.post(reverse("household-placements", args=[family.pk])).status_code == 404
    for state in ("", "all", "overdue", "due"):
        html = client.get(reverse("placement-overview"), {"state": state}).content.decode()
        assert "Haddad" not in html and "Lina" not in html
    child.placement.refresh_from_db()
    assert child.placement.version == 1


def test_missing_placements_can_be_created_from_the_page(logged_in, caseworker):
    # REQ: CHI-2: a household registered before placements existed
    household = register_family(caseworker, create_placements=False)
    client = logged_in(caseworker)
    html = client.get(reverse("household-placements", args=[household.pk])).content.decode()
    assert "Ingen plads oprettet" in html
    client.post(reverse("household-placements", args=[household.pk]))
    assert ChildPlacement.objects.filter(person__household=household).count() == 1


# --- the family consultants' overview ---------------------------------------------------------


def test_the_overview_lists_children_not_started_with_the_overdue_first(
    logged_in, staff, caseworker
):
    # REQ: CHI-2, REC-4
    overdue = register_family(caseworker, name="Familien Ahmadi", arrived_days_ago=10)
    due = register_family(caseworker, name="Familien Bekele", arrived_days_ago=1)
    awaiting = register_family(
        caseworker, name="Familien Nasser", arrived_days_ago=None, expected_in_days=20
    )
    # 9 days: late whatever weekday today is (3 days, then at most MAX_MOVE_DAYS to a working day)
    started = register_family(caseworker, name="Familien Osman", arrived_days_ago=9)
    services.placement_update(
        placement=_placement(started, "Lina"),
        acting_user=caseworker,
        expected_version=1,
        institution_name="Åvang Skole",
        actual_start_date=timezone.localdate(),
    )
    client = logged_in(staff["family_consultant"])
    html = client.get(reverse("placement-overview")).content.decode()
    assert "3 børn" in html
    assert html.index("Ahmadi") < html.index("Bekele") < html.index("Nasser")
    assert "Osman" not in html
    by_state = {
        "overdue": overdue,
        "due": due,
        "awaiting_arrival": awaiting,
        "started_late": started,
    }
    for state, household in by_state.items():
        page = client.get(reverse("placement-overview"), {"state": state}).content.decode()
        names = [h.name for h in by_state.values() if h.name in page]
        assert names == [household.name], (state, names)
    assert "Osman" in client.get(reverse("placement-overview"), {"state": "all"}).content.decode()
    search = AuditEntry.objects.filter(action="search", reason="families.placement_overview")
    assert search.exists()


def test_the_overview_follows_the_municipalitys_start_days(logged_in, staff, caseworker):
    # REQ: REC-4: the deadline is configuration, not a constant
    register_family(caseworker, name="Familien Ahmadi", arrived_days_ago=9)
    client = logged_in(staff["family_consultant"])
    assert (
        "Ahmadi" in client.get(reverse("placement-overview"), {"state": "overdue"}).content.decode()
    )
    MunicipalityConfig.objects.create(
        municipality=caseworker.municipality,
        effective_from=timezone.localdate() - timedelta(days=365),
        values={"child_start_days": 10},
    )
    assert "Ahmadi" in client.get(reverse("placement-overview"), {"state": "due"}).content.decode()
    assert "10 dage" in client.get(reverse("placement-overview")).content.decode()


@pytest.mark.usefixtures("ordinary_wednesday")
def test_the_overview_query_count_does_not_grow_with_rows(logged_in, staff, caseworker):
    # REQ: CHI-2: constant query count on the list page
    client = logged_in(staff["family_consultant"])
    for i in range(2):
        register_family(caseworker, name=f"Familien A{i}", arrived_days_ago=5, child_ages=(8,))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("placement-overview"), {"state": "overdue"}).status_code == 200
    for i in range(12):
        register_family(caseworker, name=f"Familien B{i}", arrived_days_ago=5, child_ages=(2, 9))
    Institution.objects.create(municipality=caseworker.municipality, name="Skolen", kind="school")
    for placement in ChildPlacement.objects.all()[:5]:
        services.placement_update(
            placement=placement,
            acting_user=caseworker,
            expected_version=placement.version,
            institution=Institution.objects.get(),
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("placement-overview"), {"state": "overdue"})
    assert "26 børn" in response.content.decode()
    assert len(many) == len(few)


def test_the_household_placements_page_query_count_does_not_grow_with_children(
    logged_in, staff, caseworker
):
    client = logged_in(staff["family_consultant"])
    small = register_family(caseworker, child_ages=(8,))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("household-placements", args=[small.pk]))
    large = register_family(caseworker, name="Familien Stor", child_ages=(1, 3, 5, 7, 9, 11))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("household-placements", args=[large.pk]))
    assert len(many) == len(few)


@pytest.mark.usefixtures("ordinary_wednesday")
def test_state_helper_is_used_for_rows(family, child):
    from velkomst.families.selectors import household_children

    (row,) = household_children(household=family)
    assert row.person == child and row.state == PlacementState.DUE
    assert row.deadline == family.arrival_date + timedelta(days=3)


def test_a_recorded_start_ticks_off_the_plans_start_task(caseworker, staff):
    # REQ: CHI-2, REC-4: one start, one record: the reception plan's task follows the placement
    from velkomst.reception.models import PlanTask

    household = register_family(caseworker, arrived_days_ago=5)
    placement = _placement(household, "Lina")
    task = PlanTask.objects.get(person=placement.person, category="school_daycare_start")
    assert task.is_open
    started = timezone.localdate() - timedelta(days=1)
    services.placement_update(
        placement=placement,
        acting_user=staff["family_consultant"],
        expected_version=1,
        institution_name="Åvang Skole",
        actual_start_date=started,
    )
    task.refresh_from_db()
    assert task.done_on == started and task.done_by == staff["family_consultant"]
    assert task.done_note == "Åvang Skole"  # the completion's note (HOU-7: note kept apart)
    # a later change of the start does not tick it again (and does not fail)
    services.placement_update(
        placement=placement,
        acting_user=staff["family_consultant"],
        expected_version=2,
        actual_start_date=started - timedelta(days=1),
    )
    task.refresh_from_db()
    assert task.done_on == started and task.version == 2
