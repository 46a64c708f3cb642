"""The programme's deadlines on the caseworker's worklist, start page and daily digest (PRG-1,
PRG-5), through core/worklist.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_overdue_contract_is_on_my_tasks_and_the_overview(logged_in, caseworker, person):
    # REQ: PRG-1
    client = logged_in(caseworker)
    html = client.get("/tasks/mine/").content.decode()
    assert "Frister i integrationsforløbet" in html and "Integrationskontrakt" in html
    assert f"/persons/{person.pk}/plan/" in html
    overview = client.get("/programme/", {"show": "contract"})
    assert overview.status_code == 200
    assert {r.person.pk for r, _ in overview.context["rows"]} == {
        p.pk for p in person.household.members.filter(birth_date__year__lt=2000)
    }


def test_start_page_panels(logged_in, caseworker, staff, young, household):
    # REQ: PRG-5
    from velkomst.core.models import Unit

    figures = {
        str(f.label): f.count
        for panel in logged_in(caseworker).get("/").context["panels"]
        for f in panel.figures
    }
    assert figures["Under 30 uden uddannelsesrettet plan"] == 1  # no education goal yet
    from velkomst.programme import services

    services.goal_add(
        actor=caseworker,
        person=young,
        kind="education",
        education="EUD",
        target_date=date(2028, 1, 1),
    )
    figures = {
        str(f.label): f.count
        for panel in logged_in(caseworker).get("/").context["panels"]
        for f in panel.figures
    }
    assert figures["Under 30 uden uddannelsesrettet plan"] == 0
    services.plan_set_direction(actor=caseworker, person=young, direction="job", reason="Job")
    figures = {
        str(f.label): f.count
        for panel in logged_in(caseworker).get("/").context["panels"]
        for f in panel.figures
    }
    assert figures["Under 30 uden uddannelsesrettet plan"] == 1
    household.units.add(*Unit.objects.filter(kind="jobcentre"))
    young.household.units.add(*Unit.objects.filter(kind="jobcentre"))
    job = {
        str(f.label): f.count
        for panel in logged_in(staff["job_consultant"]).get("/").context["panels"]
        for f in panel.figures
    }
    assert job["Uden virksomhedsrettet aktivitet efter fristen"] == 3  # Amal, Omar and Rami


def test_digest_mails_programme_deadlines_without_names(caseworker, person):
    # REQ: PRG-1
    from velkomst.reception.digest import send_digest

    caseworker.email = "cw@example.org"
    caseworker.save()
    send_digest(day=date(2026, 8, 4))
    [email] = [m for m in mail.outbox if m.to == ["cw@example.org"]]
    assert "Frister i integrationsforløbet" in email.body
    assert "Integrationskontrakt" in email.body and "Haddad" not in email.body
