"""'Mine opgaver' is the user's own work: tasks of their role for the citizens whose fixed
caseworker or contact person they are; the unit's tasks stay in the worklist."""

from __future__ import annotations

from conftest import _make_user
from velkomst.people import services as people_services
from velkomst.reception.tests.conftest import register


def _rows(html: str) -> str:
    return html[html.index("<tbody") : html.rindex("</tbody>")] if "<tbody" in html else ""


def test_my_tasks_are_the_tasks_of_my_own_cases_not_the_units(
    logged_in, staff, caseworker, municipality
):
    # REQ: REC-4
    register(caseworker, name="Familien Haddad")
    colleague = _make_user(municipality, "caseworker", "bh-caseworker-2")
    register(colleague, name="Familien Tesfay")
    mine = _rows(logged_in(caseworker).get("/tasks/mine/").content.decode())
    assert "Velkomstmøde" in mine and "Familien Haddad" in mine
    assert "Tesfay" not in mine  # the colleague's citizens: same unit, not mine
    assert "Indflytningssyn" not in mine  # the housing officer's tasks, not my role's
    # the unit's worklist still has both households' tasks
    unit = _rows(logged_in(caseworker).get("/worklist/").content.decode())
    assert "Familien Haddad" in unit and "Tesfay" in unit


def test_a_contact_person_gets_the_tasks_of_their_role_for_that_household(
    logged_in, staff, caseworker
):
    # REQ: REC-4, REC-5
    household = register(caseworker)
    officer = staff["housing_officer"]
    assert _rows(logged_in(officer).get("/tasks/mine/").content.decode()) == ""
    amal = household.members.get(first_name="Amal")
    people_services.case_add_contact_person(
        case=amal.case, staff=officer, acting_user=caseworker, reason="Boligsag"
    )
    mine = _rows(logged_in(officer).get("/tasks/mine/").content.decode())
    assert "Indflytningssyn" in mine and "Velkomstmøde" not in mine
    # the family consultant is nobody's contact person: no own tasks, the unit's in the worklist
    family = logged_in(staff["family_consultant"])
    assert _rows(family.get("/tasks/mine/").content.decode()) == ""
    assert "Lina" in _rows(family.get("/worklist/").content.decode())


def test_a_childs_task_is_the_family_consultants_own_when_a_parents_case_is(
    logged_in, staff, caseworker
):
    # REQ: REC-4
    household = register(caseworker)
    consultant = staff["family_consultant"]
    amal = household.members.get(first_name="Amal")
    people_services.case_add_contact_person(
        case=amal.case, staff=consultant, acting_user=caseworker
    )
    mine = _rows(logged_in(consultant).get("/tasks/mine/").content.decode())
    assert "Lina" in mine  # the child has no case of her own; her mother's case is the link
    assert "Velkomstmøde" not in mine


def test_managers_own_no_tasks(logged_in, staff):
    # REQ: REC-4
    assert logged_in(staff["manager"]).get("/tasks/mine/").status_code == 403
