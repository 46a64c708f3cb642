"""Every form a person fills in without logging in names the purpose of each field about that
person (WCAG 2.1 AA 1.3.5, the HTML autocomplete tokens): the neighbour-report form of landlords
and housing associations (HOU-8) and the login pages. The rendered pages are parsed, so a
template that renders a field by hand is checked too."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# the personal fields of each public form and the purpose each must carry
REPORT_FORM = {
    "reporter_name": "name",
    "reporter_phone": "tel",
    "reporter_email": "email",
    "address": "off",  # the dwelling's address, not the reporter's: no autofill of their own
}
LOGIN_FORM = {"username": "username", "password": "current-password"}
TEXT_TYPES = {"text", "email", "tel", "password", "url", "search"}


class Fields(HTMLParser):
    """The text-like inputs and textareas of a page's POST forms: name -> attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.in_post_form = False
        self.fields: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "form":
            self.in_post_form = (values.get("method") or "").lower() == "post"
        elif self.in_post_form and tag == "input":
            if (values.get("type") or "text").lower() in TEXT_TYPES and values.get("name"):
                self.fields[str(values["name"])] = values
        elif self.in_post_form and tag == "textarea" and values.get("name"):
            self.fields[str(values["name"])] = values

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.in_post_form = False


def fields_of(html: str) -> dict[str, dict[str, str | None]]:
    parser = Fields()
    parser.feed(html)
    return parser.fields


def test_the_public_report_form_names_the_purpose_of_each_personal_field(client, channel):
    # REQ: HOU-8
    page = client.get(reverse("neighbours-public-report", args=[channel.token]))
    assert page.status_code == 200
    fields = fields_of(page.content.decode())
    assert set(REPORT_FORM) <= set(fields)
    assert {name: fields[name].get("autocomplete") for name in REPORT_FORM} == REPORT_FORM
    # the only fields without a purpose are about the problem, not the person
    without = {name for name, attrs in fields.items() if not attrs.get("autocomplete")}
    assert without == {"description"}


def test_a_form_with_errors_keeps_the_purposes(client, channel):
    # REQ: HOU-8
    url = reverse("neighbours-public-report", args=[channel.token])
    page = client.post(url, {"reporter_name": "", "reporter_email": "ikke-en-adresse"})
    assert page.status_code == 422
    fields = fields_of(page.content.decode())
    assert {name: fields[name].get("autocomplete") for name in REPORT_FORM} == REPORT_FORM


def test_staff_registering_a_phoned_in_report_get_no_autofill_of_their_own_details(
    logged_in, officer, channel
):
    # REQ: HOU-8 (the same fields, but about someone else: "off", not the staff member's name)
    page = logged_in(officer).get(reverse("neighbours-report-create"))
    assert page.status_code == 200
    fields = fields_of(page.content.decode())
    assert {name: fields[name].get("autocomplete") for name in REPORT_FORM} == dict.fromkeys(
        REPORT_FORM, "off"
    )


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_the_login_pages_name_username_and_current_password(client, url):
    # REQ: HOU-8 (every form reachable without login)
    page = client.get(url)
    assert page.status_code == 200
    fields = fields_of(page.content.decode())
    assert {name: fields[name].get("autocomplete") for name in LOGIN_FORM} == LOGIN_FORM
