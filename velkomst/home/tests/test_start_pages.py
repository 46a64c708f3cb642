"""The start page per role: each role lands on its own overview after login and at ``/``; every
figure counts what its link's list shows, with fixture data whose numbers are known."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from conftest import PASSWORD, member
from velkomst.core.models import AuditEntry
from velkomst.families.tests.conftest import register_family

TODAY = timezone.localdate


def _register(user, name, *, arrival=None, expected=None, caseworker=None, last="Haddad"):
    from velkomst.reception.services import household_register

    today = TODAY()
    return household_register(
        acting_user=user,
        name=name,
        visitation_date=today - timedelta(days=400),
        expected_arrival_date=expected or arrival,
        arrival_date=arrival,
        caseworker=caseworker,
        members=[member(last_name=last), member(first_name="Omar", last_name=last, sex="M")],
    )


def _appointment_now(user, household, *, days=0):
    """A meeting of ``user`` with ``household`` that is on now (so it is 'left today'), or at
    this time ``days`` later."""
    from velkomst.appointments.services import AppointmentData, appointment_create

    now = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return appointment_create(
        household=household,
        acting_user=user,
        data=AppointmentData(
            kind="welcome_meeting",
            starts_at=now - timedelta(minutes=1),
            ends_at=now + timedelta(minutes=1),
            place="Rådhuset",
            persons=[],
            staff=[user],
        ),
    )


def _neighbour_reports(officer, household, *, overdue: int, fresh: int):
    from velkomst.neighbours.services import (
        ReportData,
        channel_create,
        report_close,
        report_link,
        report_submit,
    )

    channel = channel_create(acting_user=officer, name="BoBornholm", kind="housing_association")
    long_ago = timezone.now() - timedelta(days=30)
    reports = []
    for i in range(overdue + fresh + 1):
        data = ReportData(
            reporter_name="Kirsten Vicevært",
            reporter_phone="56 95 12 34",
            address="Storegade 1, 3700 Rønne",
            description=f"Høj musik om natten ({i}).",
            since=date(2026, 3, 1),
            urgency="normal",
        )
        reports.append(
            report_submit(channel=channel, data=data, now=long_ago if i < overdue else None)
        )
    linked = [
        report_link(
            acting_user=officer,
            report=report,
            household=household,
            dwelling=None,
            expected_version=report.version,
        )
        for report in reports
    ]
    report_close(
        acting_user=officer,
        report=linked[-1],
        resolution="Løst ved samtale.",
        expected_version=linked[-1].version,
    )
    return linked


@pytest.fixture
def world(staff):
    """A caseworker's own household arrived long ago (overdue and due-soon tasks), another of
    their households arriving in five days, one arriving in a month, a colleague's household
    arriving in three days, a meeting now, and neighbour reports linked to the first."""
    cw = staff["caseworker"]
    today = TODAY()
    own = _register(cw, "Familien Haddad", arrival=today - timedelta(days=20), caseworker=cw)
    arriving = _register(cw, "Familien Karimi", expected=today + timedelta(days=5), last="Karimi")
    _register(cw, "Familien Sayed", expected=today + timedelta(days=30), last="Sayed")
    _appointment_now(cw, own)
    _appointment_now(cw, own, days=1)  # tomorrow: not "left today"
    reports = _neighbour_reports(staff["housing_officer"], own, overdue=2, fresh=1)
    return {"own": own, "arriving": arriving, "reports": reports}


def _figures(client) -> dict[str, tuple[int, str]]:
    response = client.get("/")
    assert response.status_code == 200
    return {
        str(f.label): (f.count, f.href)
        for panel in response.context["panels"]
        for f in panel.figures
    }


def _rows_behind(client, href: str) -> int:
    """How many rows the list behind a start-page link shows (all its pages)."""
    response = client.get(href)
    assert response.status_code == 200, href
    name = resolve(href.split("?")[0]).url_name
    context = response.context
    if name == "housing-temporary":
        return len(context["stays"])
    if name == "my-calendar":
        return len(context["appointments"])
    if name == "housing-run-create":
        return len(context["waiting"])
    if name == "housing-run-detail":
        return context["summary"]["pending"]
    if name == "outcomes-grants":
        return context["grants"].count
    if name == "question-inbox":
        return len(context["rows"])
    if name == "programme-overview":
        return len(context["rows"]) + len(context["late"])
    if name == "my-tasks":  # the plans' tasks and the other apps' deadlines (core/worklist.py)
        return context["page"].paginator.count + len(context["other_deadlines"])
    return context["page"].paginator.count


def _check_links(client, figures):
    for label, (count, href) in figures.items():
        assert _rows_behind(client, href) == count, (label, href)


# --- login and / -------------------------------------------------------------------------------


def test_login_lands_on_the_start_page(client, staff):
    # REQ: SEC-2
    response = client.post(
        reverse("login"), {"username": "bh-caseworker", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home") == "/"
    assert response.templates[0].name == "home/start.html"


@pytest.mark.parametrize("role", ["caseworker", "manager", "administrator", "housing_officer"])
def test_the_menu_has_a_forside_entry(logged_in, staff, role):
    html = logged_in(staff[role]).get(reverse("home")).content.decode()
    assert 'href="/" class="nav-link" aria-current="page"><span>Forside</span>' in html


# --- caseworker --------------------------------------------------------------------------------


def test_caseworker_start_page_counts_own_tasks_arrivals_meetings_and_reports(
    logged_in, staff, world
):
    # REQ: REC-4
    # REQ: SEC-2
    from velkomst.reception.selectors import Today, my_tasks

    client = logged_in(staff["caseworker"])
    figures = _figures(client)
    today = Today.for_user(staff["caseworker"])
    from velkomst.core import worklist

    overdue = my_tasks(user=staff["caseworker"], today=today, state="overdue").count()
    assert overdue > 0
    # and the other apps' overdue deadlines of the caseworker, which "Mine opgaver" lists too
    rows = worklist.rows_for(staff["caseworker"], today.day, today.due_soon_days)
    overdue += sum(row.state == "overdue" for row in rows)
    assert figures["Overskredne frister"][0] == overdue
    assert figures["Borgere, der ankommer inden for 14 dage"][0] == 2  # the Karimis, not Sayed
    assert figures["Møder resten af i dag"][0] == 1
    assert figures["Åbne sager"][0] == 3  # linked to the Haddads; the closed one not
    assert figures["Svarfristen er overskredet"][0] == 2
    _check_links(client, figures)


def test_my_deadlines_count_the_other_apps_deadlines_as_mine_lists_them(logged_in, staff):
    # REQ: REC-4 ("Mine opgaver" and its count on the start page: an expired child certificate
    # is one of the volunteer coordinator's overdue deadlines, on both)
    from velkomst.volunteers.tests.conftest import with_certificate

    coordinator = staff["volunteer_coordinator"]
    volunteer = services_volunteer(coordinator)
    with_certificate(
        volunteer,
        coordinator,
        received=TODAY() - timedelta(days=800),
        expires=TODAY() - timedelta(days=5),
    )
    client = logged_in(coordinator)
    figures = _figures(client)
    assert figures["Overskredne frister"][0] == 1
    assert figures["Frist inden for 7 dage"][0] == 0
    _check_links(client, {k: figures[k] for k in ("Overskredne frister", "Frist inden for 7 dage")})
    # the filters apply to them: none is upcoming, and none is a task type of the plans
    assert client.get("/tasks/mine/?state=upcoming").context["other_deadlines"] == []
    html = client.get("/tasks/mine/").content.decode()
    assert "Børneattest udløbet" in html and "Opgaver i modtageplanerne" in html


def services_volunteer(coordinator):
    from velkomst.volunteers import services

    volunteer = services.volunteer_create(
        actor=coordinator,
        kind="private",
        name="Karen Frivillig",
        phone="56 95 00 00",
        email="karen@example.dk",
        languages=["da"],
    )
    services.offer_create(
        actor=coordinator, volunteer=volunteer, kind="mentor", audience=["families"], weekdays=[1]
    )
    return volunteer


def test_caseworker_arrivals_are_their_own_citizens_only(logged_in, staff, world):
    # REQ: SEC-2
    colleague = staff["job_consultant"]
    colleague.units.set(staff["caseworker"].units.all())
    other = _register(
        staff["caseworker"],
        "Familien Nouri",
        expected=TODAY() + timedelta(days=3),
        caseworker=staff["manager"],
        last="Nouri",
    )
    assert other.members.count() == 2
    figures = _figures(logged_in(staff["caseworker"]))
    assert figures["Borgere, der ankommer inden for 14 dage"][0] == 2  # not the Nouris


# --- housing officer ---------------------------------------------------------------------------


@pytest.fixture
def housing_world(staff, world):
    """Two households waiting for housing (one past its needed-by date), a run with its
    suggestions pending, and a household in temporary housing for 200 days (limit 180)."""
    from velkomst.housing import runs
    from velkomst.housing import services as housing

    officer = staff["housing_officer"]
    area = housing.area_create(acting_user=officer, name="Rønne Nord", kind="district")

    def dwelling(address, type_="permanent", rooms=3):
        return housing.dwelling_create(
            acting_user=officer,
            address=address,
            area=area,
            type=type_,
            rooms=rooms,
            size_m2=78,
            rent=4000,
            utilities=500,
            landlord_kind="housing_association",
            landlord_name="BoBornholm",
            available_from=date(2026, 1, 1),
        )

    dwelling("Storegade 1")
    room = dwelling("Kirkevej 2", "temporary", 2)
    other_room = dwelling("Kirkevej 4", "temporary", 2)
    today = TODAY()
    for household, needed_by in (
        (world["own"], today - timedelta(days=3)),
        (world["arriving"], today + timedelta(days=20)),
    ):
        housing.housing_need_save(
            household=household,
            acting_user=officer,
            data=housing.NeedData(rooms_needed=2, max_rent=7000, needed_by=needed_by),
        )
    stay = _register(staff["caseworker"], "Familien Ali", arrival=today - timedelta(days=210))
    housing.placement_start(
        acting_user=officer,
        household=stay,
        dwelling=room,
        start_date=today - timedelta(days=200),
    )
    recent = _register(staff["caseworker"], "Familien Omar", arrival=today - timedelta(days=20))
    housing.placement_start(  # in temporary housing for ten days: under the limit
        acting_user=officer,
        household=recent,
        dwelling=other_room,
        start_date=today - timedelta(days=10),
    )
    run = runs.run_start(
        acting_user=officer, household_ids=[world["own"].pk, world["arriving"].pk], weights={}
    )
    return {"run": run, "stay": stay}


def test_housing_officer_start_page_counts_waiting_pending_and_over_limit(
    logged_in, staff, housing_world, world
):
    # REQ: HOU-3
    # REQ: HOU-4
    # REQ: SEC-2
    client = logged_in(staff["housing_officer"])
    response = client.get("/")
    figures = _figures(client)
    assert figures["Husstande, der venter på bolig"][0] == 2
    pending = [(c, h) for label, (c, h) in figures.items() if label.startswith("Boligforslag")]
    run = housing_world["run"]
    run.refresh_from_db()
    assert pending == [(1, reverse("housing-run-detail", args=[run.pk]))]  # one flat, two waiting
    assert figures["I midlertidig bolig over grænsen på 180 dage"][0] == 1
    assert figures["Åbne sager"][0] == 3
    _check_links(client, figures)
    # the most urgent households by needed-by date, by name, each member's view audited (SEC-3)
    urgent = [h.name for h in response.context["panels"][1].households]
    assert urgent == ["Familien Haddad", "Familien Karimi"]
    assert "datoen er passeret" in response.content.decode()
    viewed = set(
        AuditEntry.objects.filter(actor_id=staff["housing_officer"].pk, action="view")
        .exclude(person_id=None)
        .values_list("person_id", flat=True)
    )
    shown = {m.pk for h in (world["own"], world["arriving"]) for m in h.members.all()}
    assert shown <= viewed


# --- family consultant -------------------------------------------------------------------------


def test_family_consultant_start_page_counts_children_against_the_start_standard(logged_in, staff):
    # REQ: CHI-2
    # REQ: SEC-2
    cw = staff["caseworker"]
    register_family(cw, name="Familien Haddad", arrived_days_ago=60, child_ages=(8, 4))
    register_family(cw, name="Familien Karimi", arrived_days_ago=2, child_ages=(6,))
    register_family(cw, name="Familien Sayed", arrived_days_ago=None, expected_in_days=10)
    client = logged_in(staff["family_consultant"])
    figures = _figures(client)
    assert figures["Overskredet"][0] == 2
    assert figures["Skal starte"][0] == 1
    assert figures["Afventer ankomst"][0] == 1
    _check_links(client, figures)


# --- manager -----------------------------------------------------------------------------------


def test_manager_start_page_has_headline_counts_with_links(logged_in, staff, world):
    # REQ: REC-4
    # REQ: SEC-2
    client = logged_in(staff["manager"])
    figures = _figures(client)
    assert figures["Borgere i kommunen"][0] == 6
    overdue = {label: count for label, (count, _h) in figures.items() if "Overskredne" in label}
    assert sum(overdue.values()) > 0
    assert figures["Åbne sager"][0] == 3
    _check_links(client, figures)


@pytest.mark.parametrize("role", ["caseworker", "manager"])
def test_the_grants_earned_this_year_are_on_the_start_page(logged_in, staff, world, role):
    # REQ: PRG-7
    from velkomst.danish.models import DanishExam

    amal = world["own"].members.get(first_name="Amal")
    today = TODAY()
    DanishExam.objects.create(
        municipality_id=amal.municipality_id,
        person=amal,
        exam="PD2",
        term=f"{today.year}-winter",
        taken_on=today,
        result="passed",
    )
    client = logged_in(staff[role])
    figures = _figures(client)
    label = f"Optjent i {today.year} (i alt 37.895 kr.)"
    assert figures[label] == (1, f"/outcomes/grants/?year={today.year}")
    _check_links(client, figures)


# --- roles whose own work comes later, and the administrator -----------------------------------


@pytest.mark.parametrize(
    ("role", "sentence", "links"),
    [
        ("job_consultant", "vej mod job og uddannelse", ["person-list", "my-tasks"]),
        (
            "administrator",
            "konfigurerer",
            ["admin:index", "plan-template-list", "security-events", "audit-search"],
        ),
    ],
)
def test_other_roles_say_what_their_page_will_hold_and_link_to_what_exists(
    logged_in, staff, role, sentence, links
):
    # REQ: SEC-2
    client = logged_in(staff[role])
    html = client.get("/").content.decode()
    assert sentence in html
    for name in links:
        href = reverse(name)
        assert f'href="{href}"' in html
        assert client.get(href).status_code == 200, name


def test_administrator_sees_no_citizen_figures(logged_in, staff, world):
    # REQ: SEC-2
    response = logged_in(staff["administrator"]).get("/")
    # the only figures are the strategy's (MI-1): drafts, indicators, hand-entered figures;
    # retention's (SEC-4): dry runs to approve and legal holds, counts of no citizen's data; and
    # the handovers from other municipalities waiting for the administrator's answer (COO-5: the
    # receiving administrator accepts or returns them), none of this municipality's citizens
    figures = [f for panel in response.context["panels"] for f in panel.figures]
    assert figures and all(
        f.href.startswith(("/strategy/", "/opbevaring/", "/handovers/")) for f in figures
    )
    assert "Familien" not in response.content.decode()


def test_start_page_is_in_english_for_an_english_reader(logged_in, staff, world):
    client = logged_in(staff["caseworker"])
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "Overdue deadlines" in html
    assert "Arriving within 14 days" in html


# --- tenancy and constant queries --------------------------------------------------------------


def test_another_municipalitys_data_is_not_counted(logged_in, staff, world, other_caseworker):
    # REQ: SEC-1
    figures = _figures(logged_in(other_caseworker))
    assert all(count == 0 for count, _href in figures.values())


ROLES = [
    "caseworker",
    "job_consultant",
    "housing_officer",
    "family_consultant",
    "health_coordinator",
    "volunteer_coordinator",
    "interpreter_coordinator",
    "manager",
    "administrator",
]


@pytest.mark.parametrize("role", ROLES)
def test_start_page_queries_do_not_grow_with_the_data(logged_in, staff, role):
    """The same number of queries with one household as with four more (no N+1)."""
    # REQ: SEC-2

    def queries() -> int:
        from velkomst.outcomes.derived import ensure_current

        # the stored result grants made current first: their upkeep (a rebuild, or the persons
        # written since) is a constant number of queries of its own (outcomes test_derived)
        ensure_current(staff[role].municipality_id)
        client = logged_in(staff[role])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    from velkomst.housing import services as housing

    cw = staff["caseworker"]

    def household(name: str) -> None:
        registered = _register(cw, name, arrival=TODAY() - timedelta(days=20), caseworker=cw)
        housing.housing_need_save(
            household=registered,
            acting_user=staff["housing_officer"],
            data=housing.NeedData(rooms_needed=2, max_rent=7000, needed_by=TODAY()),
        )
        _appointment_now(cw, registered)

    household("Familien A")
    first = queries()
    for name in ("B", "C", "D", "E"):
        household(f"Familien {name}")
    assert queries() == first
