"""Roles and units decide what a user sees and may do (SEC-2)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# role -> expected status for: list, person, edit person, change phase, change caseworker,
# new household, audit log, admin
MATRIX = {
    "caseworker": (200, 200, 200, 200, 200, 200, 403, 302),
    "job_consultant": (200, 404, 403, 403, 403, 403, 403, 302),
    "housing_officer": (200, 404, 403, 403, 403, 403, 403, 302),
    "family_consultant": (200, 404, 404, 403, 403, 403, 403, 302),
    "health_coordinator": (200, 404, 403, 403, 403, 403, 403, 302),
    "volunteer_coordinator": (200, 404, 403, 403, 403, 403, 403, 302),
    "interpreter_coordinator": (200, 200, 403, 403, 403, 403, 403, 302),
    "manager": (200, 200, 403, 403, 200, 403, 200, 302),
    "administrator": (403, 403, 403, 403, 403, 403, 200, 200),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_role_matrix_for_pages(client, staff, person, role):
    # REQ: SEC-2
    client.force_login(staff[role])
    case = person.case
    urls = [
        reverse("person-list"),
        reverse("person-detail", args=[person.pk]),
        reverse("person-edit", args=[person.pk]),
        reverse("case-phase", args=[case.pk]),
        reverse("case-caseworker", args=[case.pk]),
        reverse("household-create"),
        reverse("audit-person", args=[person.pk]),
        "/admin/",
    ]
    got = tuple(client.get(url).status_code for url in urls)
    assert got == MATRIX[role]


def test_a_contact_person_sees_the_citizen_outside_their_unit(client, staff, person):
    # REQ: SEC-2
    from velkomst.people.services import case_add_contact_person

    consultant = staff["job_consultant"]
    client.force_login(consultant)
    assert client.get(reverse("person-detail", args=[person.pk])).status_code == 404
    case_add_contact_person(case=person.case, staff=consultant, acting_user=staff["manager"])
    assert client.get(reverse("person-detail", args=[person.pk])).status_code == 200


def test_pages_need_a_login(client, person):
    response = client.get(reverse("person-detail", args=[person.pk]))
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_login_and_logout(client, caseworker):
    from conftest import PASSWORD

    wrong = client.post("/login/", {"username": "bh-caseworker", "password": "nope"})
    assert "forkert" in wrong.content.decode()
    ok = client.post("/login/", {"username": "bh-caseworker", "password": PASSWORD})
    assert ok.status_code == 302
    assert client.get(reverse("person-list")).status_code == 200
    client.post("/logout/")
    assert client.get(reverse("person-list")).status_code == 302
