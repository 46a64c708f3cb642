from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from velkomst.core.models import AuditEntry
from velkomst.roundtables import services
from velkomst.roundtables.models import AgendaItem, Decision, FollowUp, Participant, RoundTable

pytestmark = pytest.mark.django_db


def test_book_a_round_table_from_the_household_page(logged_in, seen, amal, caseworker):
    # REQ: COO-3
    client = logged_in(caseworker)
    person_page = client.get(reverse("person-detail", args=[amal.pk])).content.decode()
    assert reverse("roundtable-household", args=[seen.pk]) + f"?person={amal.pk}" in person_page
    household_page = client.get(reverse("household-detail", args=[seen.pk])).content.decode()
    assert reverse("roundtable-household", args=[seen.pk]) in household_page
    url = reverse("roundtable-household", args=[seen.pk])
    response = client.get(url + f"?person={amal.pk}")
    assert response.status_code == 200
    assert f'<option value="{amal.pk}" selected>' in response.content.decode()
    response = client.post(
        url,
        {
            "person": str(amal.pk),
            "title": "Skolestart",
            "day": "2026-09-01",
            "start_time": "10:00",
            "end_time": "09:00",
            "place": "Rådhuset",
        },
    )
    assert response.status_code == 422
    assert "Mødet skal slutte efter, det begynder." in response.content.decode()
    assert not RoundTable.objects.exists()
    response = client.post(
        url,
        {
            "person": str(amal.pk),
            "title": "Skolestart",
            "day": "2026-09-01",
            "start_time": "10:00",
            "end_time": "11:00",
            "place": "Rådhuset",
        },
    )
    rt = RoundTable.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "roundtable-detail", args=[rt.pk]
    )
    # the household's meetings show it as a round table
    meetings = client.get(reverse("household-appointments", args=[seen.pk])).content.decode()
    assert "Rundbordsmøde" in meetings


def test_hold_the_meeting_on_its_page(logged_in, round_table, caseworker, family_consultant):
    # REQ: COO-3
    client = logged_in(caseworker)
    url = reverse("roundtable-detail", args=[round_table.pk])
    posts = [
        {"action": "participant", "p-user": str(family_consultant.pk)},
        {"action": "participant", "p-name": "Dr. Jensen", "p-organisation": "Lægehuset"},
        {"action": "item", "a-title": "Skolestart", "a-notes": "Modtagelsesklasse"},
    ]
    for data in posts:
        assert client.post(url, data).status_code == 302
    item = AgendaItem.objects.get()
    assert (
        client.post(
            url, {"action": "decision", "d-item": str(item.pk), "d-text": "Start 1. oktober"}
        ).status_code
        == 302
    )
    decision = Decision.objects.get()
    deadline = timezone.localdate() + timedelta(days=3)
    response = client.post(
        url,
        {
            "action": "followup",
            "f-text": "Bestil tolk til forældremødet",
            "f-owner": str(family_consultant.pk),
            "f-deadline": deadline.isoformat(),
            "f-decision": str(decision.pk),
        },
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get()
    assert followup.decision == decision and followup.unit.kind == "children_family"
    assert Participant.objects.filter(round_table=round_table).count() == 3
    html = client.get(url).content.decode()
    for text in ("Dr. Jensen, Lægehuset", "Skolestart", "Start 1. oktober", "Bestil tolk"):
        assert text in html
    assert ">Snart<" in html  # the follow-up is due soon
    # bad input: 422 with the field named, nothing written
    response = client.post(url, {"action": "followup", "f-text": "", "f-deadline": ""})
    assert response.status_code == 422
    assert "form-error-message" in response.content.decode()
    assert FollowUp.objects.count() == 1
    # the owner marks it done, from the page
    owner = logged_in(family_consultant)
    response = owner.post(
        url, {"action": "done", "followup": str(followup.pk), "version": str(followup.version)}
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.done_on == timezone.localdate()
    # the page read is logged on the citizen
    assert AuditEntry.objects.filter(
        action="view", object_type="roundtables.RoundTable", person_id=round_table.person_id
    ).exists()


def test_minutes_pdf_in_danish_is_an_export(logged_in, round_table, caseworker):
    # REQ: COO-3
    item = services.agenda_item_add(actor=caseworker, round_table=round_table, title="Skolen")
    services.decision_add(actor=caseworker, item=item, text="Amal starter i skole")
    services.followup_add(
        actor=caseworker,
        round_table=round_table,
        text="Ring til skolen",
        owner=caseworker,
        deadline=date(2026, 9, 10),
    )
    response = logged_in(caseworker).get(reverse("roundtable-minutes-pdf", args=[round_table.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="export", reason="round-table minutes PDF").exists()
    from django.template.loader import render_to_string

    from velkomst.roundtables import selectors

    detail = selectors.detail(round_table, date(2026, 9, 1), 7)
    html = render_to_string("roundtables/minutes_pdf.html", {"rt": round_table, "detail": detail})
    assert 'lang="da"' in html
    for text in ("Referat af rundbordsmøde", "Amal starter i skole", "Ring til skolen"):
        assert text in html
    assert "<form" not in html


def test_list_and_start_page_show_my_open_follow_ups(logged_in, round_table, caseworker, staff):
    # REQ: COO-3
    owner = staff["health_coordinator"]
    services.followup_add(
        actor=caseworker,
        round_table=round_table,
        text="Henvis til traumebehandling",
        owner=owner,
        deadline=timezone.localdate() - timedelta(days=1),
    )
    client = logged_in(owner)
    html = client.get(reverse("roundtable-list")).content.decode()
    assert "Henvis til traumebehandling" in html and "Overskredet" in html
    start = client.get(reverse("home")).content.decode()
    assert "Opfølgningsopgaver med overskredet frist" in start
    tasks = client.get(reverse("my-tasks")).content.decode()
    assert "Rundbordsmøde: Henvis til traumebehandling" in tasks


def test_page_is_in_english_for_an_english_reader(logged_in, round_table, caseworker):
    caseworker.language = "en"
    client = logged_in(caseworker)
    client.cookies["django_language"] = "en"
    html = client.get(
        reverse("roundtable-detail", args=[round_table.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Follow-up tasks" in html


@pytest.mark.parametrize("role", ["volunteer_coordinator", "interpreter_coordinator"])
def test_roles_without_round_tables_get_403(logged_in, staff, round_table, role):
    client = logged_in(staff[role])
    assert client.get(reverse("roundtable-detail", args=[round_table.pk])).status_code == 403
    assert client.get(reverse("roundtable-list")).status_code == 403


def test_readers_cannot_write(logged_in, staff, round_table):
    client = logged_in(staff["manager"])
    url = reverse("roundtable-detail", args=[round_table.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "item", "a-title": "x"}).status_code == 403


def test_another_municipality_gets_404(logged_in, other_caseworker, round_table):
    client = logged_in(other_caseworker)
    assert client.get(reverse("roundtable-detail", args=[round_table.pk])).status_code == 404
    assert client.get(reverse("roundtable-minutes-pdf", args=[round_table.pk])).status_code == 404
