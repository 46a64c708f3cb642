"""'Mine borgere' lists the user's own citizens (fixed caseworker or contact person) by default;
the unit's citizens are one choice away. Choice lists offer only staff who may hold the role."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import _make_user, member
from velkomst.core import access
from velkomst.core.models import Role
from velkomst.people import services


def _table(html: str) -> str:
    return html[html.index("<tbody") : html.rindex("</tbody>")] if "<tbody" in html else ""


def _household(user, name):
    return services.household_create(
        acting_user=user,
        name=name,
        visitation_date=date(2026, 5, 15),
        members=[member(last_name=name.split()[-1])],
    )


def test_my_citizens_are_my_own_cases_by_default(logged_in, caseworker, municipality):
    # REQ: REC-4, REC-5
    _household(caseworker, "Familien Haddad")
    colleague = _make_user(municipality, "caseworker", "bh-caseworker-2")
    _household(colleague, "Familien Tesfay")
    client = logged_in(caseworker)
    page = client.get(reverse("person-list")).content.decode()
    assert "<h1>Mine borgere</h1>" in page
    assert "Haddad" in _table(page) and "Tesfay" not in _table(page)
    unit = client.get(reverse("person-list"), {"scope": "all"}).content.decode()
    assert "Haddad" in _table(unit) and "Tesfay" in _table(unit)
    assert ">Enhedens borgere</option>" in unit


def test_someone_without_cases_is_told_so_and_led_to_the_units_list(logged_in, staff, caseworker):
    # REQ: REC-4
    _household(caseworker, "Familien Haddad")
    page = logged_in(staff["family_consultant"]).get(reverse("person-list")).content.decode()
    assert "Du er ikke fast sagsbehandler eller kontaktperson for nogen borger." in page
    assert 'href="?scope=all"' in page
    assert "Ingen borgere matcher søgningen" not in page  # nothing was searched


def test_a_contact_persons_citizens_are_theirs(logged_in, staff, caseworker):
    # REQ: REC-4, REC-5
    household = _household(caseworker, "Familien Haddad")
    officer = staff["housing_officer"]
    amal = household.members.get()
    services.case_add_contact_person(case=amal.case, staff=officer, acting_user=caseworker)
    assert "Haddad" in _table(logged_in(officer).get(reverse("person-list")).content.decode())


def test_the_manager_sees_the_whole_municipality_by_default(logged_in, staff, caseworker):
    # REQ: REC-4
    _household(caseworker, "Familien Haddad")
    page = logged_in(staff["manager"]).get(reverse("person-list")).content.decode()
    assert "Haddad" in _table(page) and "Alle borgere i kommunen" in page


def test_the_contact_person_list_offers_only_staff_who_work_with_citizens(
    logged_in, staff, caseworker
):
    # REQ: REC-5
    household = _household(caseworker, "Familien Haddad")
    person = household.members.get()
    page = logged_in(caseworker).get(reverse("person-detail", args=[person.pk])).content.decode()
    form = page[page.index('name="staff"') : page.index("</select>", page.index('name="staff"'))]
    for role in (Role.MANAGER, Role.ADMINISTRATOR):
        assert staff[role].get_full_name() not in form
    for allowed in access.CONTACT_PERSON_ROLES:
        assert staff[allowed].get_full_name() in form
    assert "---------" not in form
    with pytest.raises(ValidationError) as refused:
        services.case_add_contact_person(
            case=person.case, staff=staff[Role.MANAGER], acting_user=caseworker
        )
    assert "staff" in refused.value.message_dict


def test_only_caseworkers_can_be_the_fixed_caseworker(logged_in, staff, caseworker):
    # REQ: REC-5
    household = _household(caseworker, "Familien Haddad")
    case = household.members.get().case
    page = logged_in(staff["manager"]).get(reverse("case-caseworker", args=[case.pk]))
    html = page.content.decode()
    form = html[html.index('name="caseworker"') :]
    form = form[: form.index("</select>")]
    assert caseworker.get_full_name() in form
    assert staff[Role.FAMILY_CONSULTANT].get_full_name() not in form
    with pytest.raises(ValidationError) as refused:
        services.case_assign_caseworker(
            case=case,
            caseworker=staff[Role.FAMILY_CONSULTANT],
            acting_user=staff[Role.MANAGER],
            reason="Skift",
            expected_version=case.version,
        )
    assert "caseworker" in refused.value.message_dict
