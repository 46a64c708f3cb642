"""Matching pages and runs (PRG-4): the engine's input from the models, the ranked lists with
reasons in the reader's language, who may see and do what, audit, and a batch run."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from velkomst.core.models import AuditEntry

pytestmark = pytest.mark.django_db


# REQ: PRG-4
def test_seekers_from_competences_danish_housing_and_childcare(world, consultant):
    from velkomst.competences.models import LanguageSkill
    from velkomst.matching import inputs

    amal, omar = world["amal"], world["omar"]
    LanguageSkill.objects.create(
        municipality=amal.municipality, person=amal, language="da", level="A2"
    )
    params = inputs.parameters(amal.municipality_id)
    seekers = {
        s.id: s
        for s in inputs.seekers(amal.municipality_id, [amal, omar], params, date(2026, 8, 1))
    }
    a = seekers[amal.pk]
    assert a.trades == ("9112",)
    assert a.experience == {"9112": 2.0}
    assert a.skills == frozenset({"hygiene"})
    assert a.danish == 2  # A2
    assert a.area_id == world["areas"][0].pk
    # two adults: no childcare limit (Lina is 9 anyway)
    assert a.max_hours is None and seekers[omar.pk].max_hours is None


# REQ: PRG-3, PRG-4
def test_work_and_trades_recorded_only_in_words_enter_the_engine_as_words(world, consultant):
    from decimal import Decimal

    from velkomst.competences.models import TradeInterest, WorkExperience
    from velkomst.matching import inputs

    amal, omar = world["amal"], world["omar"]
    common = {"municipality": amal.municipality}
    TradeInterest.objects.create(**common, person=amal, title="Buschauffør", priority=2)
    WorkExperience.objects.create(
        **common, person=amal, title="Skrædder", country="SY", years=Decimal("8")
    )
    TradeInterest.objects.create(**common, person=omar, title="Elektriker", priority=1)
    WorkExperience.objects.create(
        **common, person=omar, title="Elektriker", country="SY", years=Decimal("5")
    )
    params = inputs.parameters(amal.municipality_id)
    seekers = {
        s.id: s
        for s in inputs.seekers(amal.municipality_id, [amal, omar], params, date(2026, 8, 1))
    }
    assert seekers[amal.pk].trades == ("9112", "Buschauffør")
    assert seekers[amal.pk].experience == {"9112": 2.0, "Skrædder": 8.0}
    assert seekers[omar.pk].trades == ("Elektriker",)
    assert seekers[omar.pk].experience == {"Elektriker": 5.0}


# REQ: PRG-4
def test_single_parent_with_small_child_without_daycare_has_limited_hours(caseworker):
    from conftest import member
    from velkomst.families.models import ChildPlacement
    from velkomst.matching import inputs
    from velkomst.people.services import household_create

    household = household_create(
        acting_user=caseworker,
        name="Familien Saleh",
        visitation_date=date(2026, 5, 15),
        expected_arrival_date=date(2026, 7, 1),
        members=[
            member(first_name="Rana", last_name="Saleh"),
            member(
                first_name="Adam",
                last_name="Saleh",
                birth_date=date(2023, 2, 1),
                relation="child",
                languages=[],
            ),
        ],
    )
    rana = household.members.get(first_name="Rana")
    adam = household.members.get(first_name="Adam")
    params = inputs.parameters(rana.municipality_id)
    day = date(2026, 8, 1)
    [seeker] = inputs.seekers(rana.municipality_id, [rana], params, day)
    assert seeker.max_hours == 15.0 and seeker.hours_reason == "childcare"
    ChildPlacement.objects.create(
        municipality=rana.municipality,
        person=adam,
        kind="daycare",
        actual_start_date=date(2026, 7, 20),
    )
    [seeker] = inputs.seekers(rana.municipality_id, [rana], params, day)
    assert seeker.max_hours is None


# REQ: PRG-4
def test_opening_page_ranks_persons_with_reasons_and_propose_links(world, consultant, logged_in):
    client = logged_in(consultant)
    url = reverse("matching:opening", args=[world["opening"].pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    amal, omar = world["amal"], world["omar"]
    # Amal (interest, experience, the skill) ranks above Omar
    assert html.index(amal.full_name) < html.index(omar.full_name)
    assert "Ønsker at arbejde som" in html
    assert "20 min. med offentlig transport" in html
    assert "Foreslå" in html or "companies" not in html  # the link needs the companies page
    # one view row per person shown, by this request
    viewed = set(
        AuditEntry.objects.filter(actor_id=consultant.pk, action="view").values_list(
            "person_id", flat=True
        )
    )
    assert {amal.pk, omar.pk} <= viewed


# REQ: PRG-4
def test_reasons_in_english_for_an_english_reader(world, consultant, logged_in):
    client = logged_in(consultant)
    url = reverse("matching:opening", args=[world["opening"].pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "20 min. by public transport" in html
    assert "Wants to work as" in html


# REQ: PRG-4
def test_person_page_ranks_openings_far_one_excluded(world, consultant, logged_in):
    client = logged_in(consultant)
    url = reverse("matching:person", args=[world["amal"].pk])
    html = client.get(url).content.decode()
    assert "Rengøringsassistent" in html
    assert "Fyrpasser" not in html  # 90 minutes away: a hard rule, hidden by default
    html_all = client.get(url + "?show=all").content.decode()
    assert "Fyrpasser" in html_all
    assert "For langt: 90 min." in html_all


# REQ: PRG-4
def test_persons_not_visible_are_not_ranked(world, staff, logged_in):
    from velkomst.core.models import Unit

    world["household"].units.remove(*Unit.objects.filter(kind="jobcentre"))
    client = logged_in(staff["job_consultant"])
    html = client.get(reverse("matching:opening", args=[world["opening"].pk])).content.decode()
    assert world["amal"].full_name not in html
    assert client.get(reverse("matching:person", args=[world["amal"].pk])).status_code == 404


# REQ: PRG-4
def test_roles_without_company_view_are_refused(world, staff, logged_in):
    client = logged_in(staff["housing_officer"])
    assert client.get(reverse("matching:opening", args=[world["opening"].pk])).status_code == 403
    assert client.post(reverse("matching:run-start")).status_code == 403


def test_caseworker_reads_but_cannot_start_a_run(world, staff, logged_in):
    client = logged_in(staff["caseworker"])
    assert client.get(reverse("matching:index")).status_code == 200
    assert client.post(reverse("matching:run-start")).status_code == 403


def test_another_municipality_sees_nothing(world, other_caseworker, logged_in):
    from velkomst.core.models import StaffUser

    other = StaffUser.objects.create_user(
        username="ab-jobconsultant",
        municipality=other_caseworker.municipality,
        role="job_consultant",
    )
    client = logged_in(other)
    assert client.get(reverse("matching:opening", args=[world["opening"].pk])).status_code == 404
    assert client.get(reverse("matching:person", args=[world["amal"].pk])).status_code == 404


# REQ: PRG-4
def test_batch_run_fills_openings_checks_rules_and_shows_details(world, consultant, logged_in):
    from velkomst.matching import runs
    from velkomst.matching.models import MatchingRun, MatchingSuggestion, RunStatus

    client = logged_in(consultant)
    response = client.post(reverse("matching:run-start"))
    run = MatchingRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("matching:run", args=[run.pk])
    runs.execute(run.pk)  # the test settings' task backend may already have run it
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.rule_check == {"broken": []}
    assert run.solver_status == "optimal"
    assert run.bound == pytest.approx(run.objective)
    assert run.objective is not None and run.greedy_objective is not None
    assert run.objective >= run.greedy_objective
    suggestions = list(MatchingSuggestion.objects.filter(run=run))
    # one opening nearby with one place; the far one is out of reach for everybody
    assert [(s.opening_id, s.person_id) for s in suggestions] == [
        (world["opening"].pk, world["amal"].pk)
    ]
    assert suggestions[0].reasons[0]["code"] == "interest"
    html = client.get(reverse("matching:run", args=[run.pk])).content.decode()
    assert world["amal"].full_name in html
    assert "Detaljer" in html and "0 regler brudt" in html
    assert "Ønsker at arbejde som" in html
    assert AuditEntry.objects.filter(
        actor_id=consultant.pk, action="view", person_id=world["amal"].pk
    ).exists()
    assert AuditEntry.objects.filter(actor_id=consultant.pk, action="create").exists()


def test_run_progress_is_polled(world, consultant, logged_in):
    from velkomst.matching.models import MatchingRun

    run = MatchingRun.objects.create(
        municipality=consultant.municipality,
        created_by=consultant,
        status="running",
        stage="solving",
    )
    client = logged_in(consultant)
    url = reverse("matching:run", args=[run.pk])
    response = client.get(url + "?progress=1", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Optimerer" in response.content.decode()
    MatchingRun.objects.filter(pk=run.pk).update(status="done")
    response = client.get(url + "?progress=1", HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_a_run_without_open_openings_is_refused(consultant, logged_in):
    client = logged_in(consultant)
    response = client.post(reverse("matching:run-start"), follow=True)
    assert "Der er ingen åbne opslag at matche." in response.content.decode()


# REQ: PRG-4
def test_job_consultants_start_page_counts_open_openings_without_proposals(
    world, consultant, logged_in
):
    from velkomst.companies.models import Proposal

    client = logged_in(consultant)
    panels = {p.title: p for p in client.get("/").context["panels"]}
    [figure] = panels["Matchning"].figures
    assert figure.count == 2
    listed = client.get(figure.href).content.decode()
    assert "Rengøringsassistent" in listed and "Fyrpasser" in listed
    Proposal.objects.create(
        municipality=consultant.municipality,
        opening=world["opening"],
        person=world["amal"],
        proposed_on=date(2026, 8, 1),
        proposed_by=consultant,
    )
    [figure] = {p.title: p for p in client.get("/").context["panels"]}["Matchning"].figures
    assert figure.count == 1
    listed = client.get(figure.href).content.decode()
    assert "Rengøringsassistent" not in listed and "Fyrpasser" in listed


def test_demo_run_is_finished_with_suggestions_on_the_pages(world, consultant, logged_in):
    # REQ: PRG-4
    from velkomst.matching.demo import install_demo
    from velkomst.matching.models import MatchingSuggestion, RunStatus

    run = install_demo(world["amal"].municipality, consultant, date(2026, 9, 15))
    assert run is not None and run.status == RunStatus.DONE
    assert run.created_by == consultant and run.rule_check == {"broken": []}
    assert run.created_at.date() == date(2026, 9, 14)
    suggestions = list(MatchingSuggestion.objects.filter(run=run))
    assert [(s.opening_id, s.person_id) for s in suggestions] == [
        (world["opening"].pk, world["amal"].pk)
    ]
    client = logged_in(consultant)
    assert (
        world["amal"].full_name
        in client.get(reverse("matching:run", args=[run.pk])).content.decode()
    )
    assert (
        reverse("matching:run", args=[run.pk])
        in client.get(reverse("matching:index")).content.decode()
    )


def test_demo_run_without_open_openings_is_skipped(consultant):
    # REQ: PRG-4
    from velkomst.matching.demo import install_demo
    from velkomst.matching.models import MatchingRun

    assert install_demo(consultant.municipality, consultant, date(2026, 9, 15)) is None
    assert not MatchingRun.objects.exists()
