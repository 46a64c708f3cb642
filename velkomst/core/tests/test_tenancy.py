"""No page shows another municipality's data (SEC-1): walk every URL pattern as an outsider."""

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# admin and API have their own walkers; the citizen's pages (/borger/) refuse every staff session
# before any view (citizen/tests/test_walker.py and core/tests/test_walkers.py walk them, as
# staff and as another household's citizen)
SKIP_PREFIXES: tuple[str, ...] = ("admin/", "api/", "i18n/", "static/", "borger/")


def routes_and_views(resolver=None, prefix=""):
    """(route, view) of every URL pattern (core/tests/test_walkers.py walks the views too)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes_and_views(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.callback


def _patterns():
    return (route for route, _ in routes_and_views())


def _last_event_id():
    from velkomst.core.models import SecurityEvent

    return SecurityEvent.objects.order_by("-id").values_list("id", flat=True).first()


def _fill(route, ids):
    """Replace <int:pk> by the id of the object the route is about."""
    kind = route.split("/")[0]
    if kind == "housing":  # housing/areas/<pk>/, housing/dwellings/<pk>/
        kind = "housing-" + route.split("/")[1]
    if kind == "neighbours":  # neighbours/reports/<pk>/..., neighbours/channels/<pk>/...
        kind = "neighbours-" + route.split("/")[1]
    if kind == "danish":  # danish/persons/<pk>/..., danish/referrals/<pk>/..., danish/centres/...
        kind = "danish-" + route.split("/")[1]
    if kind == "health":  # health/offers/<pk>/..., health/assessments/<pk>/...
        kind = "health-" + route.split("/")[1]
    if kind == "programme":  # programme/activities/<pk>/, programme/goals/<pk>/, ...
        kind = "programme-" + route.split("/")[1]
    if kind == "matching":  # matching/openings/<pk>/, matching/persons/<pk>/, matching/runs/<pk>/
        kind = "matching-" + route.split("/")[1]
    if kind == "volunteer-matches" and route.split("/")[1] == "households":
        kind = "households"  # volunteer-matches/households/<pk>/...: the household
    if kind == "volunteers" and route.split("/")[1] in ("offers", "diplomas"):
        kind = "volunteers-" + route.split("/")[1]  # volunteers/offers/<pk>/, .../diplomas/<pk>
    if kind == "referrals" and route.split("/")[1] == "units":  # referrals/units/<pk>/...
        kind = "referral-units"
    if kind == "interpreting":  # interpreting/bookings/<pk>/..., interpreting/interpreters/<pk>/
        kind = "interpreting-" + route.split("/")[1]
    if kind == "community":  # community/events/<pk>/, community/associations/<pk>/, ...
        kind = "community-" + route.split("/")[1]
    if kind == "surveys":  # surveys/invitations/<pk>/..., surveys/results/
        kind = "surveys-" + route.split("/")[1]
    if kind == "spoergsmaal" and route.split("/")[1] == "bilag":  # spoergsmaal/bilag/<pk>/
        kind = "spoergsmaal-bilag"
    if kind == "strategy":  # strategy/versions/<pk>/..., strategy/guideposts/<pk>/, ...
        kind = "strategy-" + route.split("/")[1]
    if kind == "insight" and route.split("/")[1] != "report":
        # insight/indicators/<str:key>/...: a key of the indicator library
        route = route.replace("<str:key>", "employment_rate")
    if kind == "insight" and route.split("/")[1] == "report":  # insight/report/<pk>/<kind>/
        kind = "insight-report"
        route = route.replace("<str:kind>", "pdf").replace("<int:year>", "2025")
        route = route.replace("<int:number>", "1")
    if kind == "opbevaring":  # opbevaring/koersler/<pk>/..., opbevaring/tilbagehold/<pk>/...
        kind = "opbevaring-" + route.split("/")[1]
        route = route.replace("<str:kind>", "csv")
    if kind == "national":  # national/tables/<pk>/, national/quotas/<pk>/, national/runs/<pk>/
        kind = "national-" + route.split("/")[1]
    if kind == "borger":  # the citizen's entrance: a staff session is refused (403) before the
        # view; citizen/tests/test_walker.py walks these routes with citizens' sessions (CIT-1)
        kind = "borger-" + route.split("/")[1]
        route = route.replace("<str:token>", "x")
    if kind == "report":  # the landlords' public form (shows no citizen's data): a real token
        route = route.replace("<str:token>", ids.get("report_token", "x"))
    if kind in ("calendar", "frivillig"):
        # a calendar feed's token and a volunteer's sign-up code or correction link: secrets of
        # their own, named in no municipality's tenancy; a token nobody holds is a 404
        route = route.replace("<str:token>", "ukendt-token").replace("<str:code>", "ukendt-kode")
    value = {
        "households": ids["household"],
        "persons": ids["person"],
        "cases": ids["case"],
        "audit": ids["person"],
        "visitation": ids.get("import_batch", ids["person"]),
        "tasks": ids.get("task", ids["person"]),
        "plan-templates": ids.get("template", ids["person"]),
        "template-tasks": ids.get("template_task", ids["person"]),
        "appointments": ids.get("appointment", ids["person"]),
        "housing-areas": ids.get("area", ids["person"]),
        "housing-dwellings": ids.get("dwelling", ids["person"]),
        "neighbours-reports": ids.get("report", ids["person"]),
        "neighbours-channels": ids.get("channel", ids["person"]),
        "hosts": ids.get("host", ids["person"]),
        "host-offers": ids.get("host_offer", ids["person"]),
        "host-meetings": ids.get("host_meeting", ids["person"]),
        "associations": ids.get("association", ids["person"]),
        "allocation-meetings": ids.get("allocation_meeting", ids["person"]),
        "allocation-lines": ids.get("allocation_line", ids["person"]),
        "housing-runs": ids.get("run", ids["person"]),
        "housing-suggestions": ids.get("suggestion", ids["person"]),
        "danish-centres": ids.get("danish_centre", ids["person"]),
        "danish-referrals": ids.get("danish_referral", ids["person"]),
        "danish-modules": ids.get("danish_module", ids["person"]),
        "danish-attendance": ids.get("danish_attendance", ids["person"]),
        "danish-exams": ids.get("danish_exam", ids["person"]),
        "employments": ids.get("employment", ids["person"]),
        "education-outcomes": ids.get("education_outcome", ids["person"]),
        "benefit-periods": ids.get("benefit_period", ids["person"]),
        "health-offers": ids.get("health_offer", ids["person"]),
        "health-assessments": ids.get("health_assessment", ids["person"]),
        "health-referrals": ids.get("health_referral", ids["person"]),
        "consents": ids.get("consent", ids["person"]),
        "barriers": ids.get("barrier", ids["person"]),
        "coordinations": ids.get("coordination", ids["person"]),
        "companies": ids.get("company", ids["person"]),
        "company-steps": ids.get("company_step", ids["person"]),
        "openings": ids.get("opening", ids["person"]),
        "job-proposals": ids.get("proposal", ids["person"]),
        "job-events": ids.get("job_event", ids["person"]),
        "job-invitations": ids.get("job_invitation", ids["person"]),
        "programme-activities": ids.get("activity", ids["person"]),
        "programme-goals": ids.get("goal", ids["person"]),
        "programme-supports": ids.get("support", ids["person"]),
        "matching-openings": ids.get("opening", ids["person"]),
        "matching-runs": ids.get("matching_run", ids["person"]),
        "roundtables": ids.get("roundtable", ids["person"]),
        "volunteer-matches": ids.get("match", ids["person"]),
        "volunteers": ids.get("volunteer", ids["person"]),
        "volunteers-offers": ids.get("volunteer_offer", ids["person"]),
        "volunteers-diplomas": ids.get("diploma", ids["person"]),
        "referrals": ids.get("referral", ids["person"]),
        "referral-units": ids.get("referral_unit", ids["person"]),
        "grant-claims": ids.get("grant_claim", ids["person"]),
        "interpreting-bookings": ids.get("booking", ids["person"]),
        "interpreting-interpreters": ids.get("interpreter", ids["person"]),
        "community-events": ids.get("community_event", ids["person"]),
        "community-invitations": ids.get("community_invitation", ids["person"]),
        "community-associations": ids.get("community_association", ids["person"]),
        "community-participations": ids.get("community_participation", ids["person"]),
        "strategy-versions": ids.get("strategy_version", ids["person"]),
        "strategy-guideposts": ids.get("strategy_guidepost", ids["person"]),
        "strategy-indicators": ids.get("strategy_indicator", ids["person"]),
        "strategy-figures": ids.get("strategy_figure", ids["person"]),
        "insight-report": ids.get("status_report", ids["person"]),
        "opbevaring-koersler": ids.get("retention_run", ids["person"]),
        "opbevaring-tilbagehold": ids.get("legal_hold", ids["person"]),
        "national-tables": ids.get("national_table", ids["person"]),
        "national-quotas": ids.get("national_plan", ids["person"]),
        "national-models": ids.get("national_model", ids["person"]),
        "national-runs": ids.get("national_run", ids["person"]),
        "national-suggestions": ids.get("national_suggestion", ids["person"]),
        "surveys-invitations": ids.get("survey_invitation", ids["person"]),
        "handovers": ids.get("handover", ids["person"]),
        "borger-aftaler": ids.get("appointment", ids["person"]),
        "borger-opgaver": ids.get("task", ids["person"]),
        "spoergsmaal": ids.get("question", ids["person"]),
        "spoergsmaal-bilag": ids.get("question_attachment", ids["person"]),
    }.get(kind, ids["person"])
    url = "/" + re.sub(r"<int:\w+>", str(value), route).lstrip("^").rstrip("$")
    # a path converter _fill does not know: teach it which object (or key) the route is about
    assert "<" not in url, (
        f"_fill cannot fill {route}: add it to _fill (core/tests/test_tenancy.py)"
    )
    return url


def _appointment(household, person, user):
    from datetime import timedelta

    from django.utils import timezone

    from velkomst.appointments.services import AppointmentData, appointment_create

    start = timezone.now() + timedelta(days=3)
    meeting = AppointmentData(
        kind="welcome_meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="Rådhuset",
        persons=[person],
        staff=[],
    )
    return appointment_create(household=household, acting_user=user, data=meeting)


def _housing(household, officer):
    from datetime import date

    from velkomst.housing import services

    area = services.area_create(acting_user=officer, name="Skovkvarteret", kind="district")
    dwelling = services.dwelling_create(
        acting_user=officer,
        address="Lindealle 9",
        area=area,
        type="permanent",
        rooms=3,
        size_m2=80,
        rent=5000,
        landlord_kind="private",
        available_from=date(2026, 6, 1),
    )
    services.housing_need_save(
        household=household, acting_user=officer, data=services.NeedData(wishes="Have")
    )
    return area.pk, dwelling.pk


def _allocation(officer):
    """A housing association with move-outs and July's meeting with the household on its list."""
    from datetime import date

    from velkomst.associations import services

    association = services.association_create(acting_user=officer, name="Fjordbo Boligselskab")
    services.move_outs_save(
        acting_user=officer,
        association=association,
        entries=[services.MoveOutEntry(period=date(2026, m, 1), move_outs=3) for m in (4, 5, 6)],
    )
    meeting = services.meeting_draft(
        acting_user=officer, month=date(2026, 7, 1), meeting_date=date(2026, 6, 24)
    )
    return association.pk, meeting.pk, meeting.lines.get().pk


def _placement_run(household, officer):
    from velkomst.housing import runs

    run = runs.run_start(acting_user=officer, household_ids=[household.pk])
    return run.pk, run.suggestions.get().pk


def _matching(household, consultant, opening_id=None):
    """A finished matching run suggesting Amal for an open opening (PRG-4): the given one (e.g.
    the companies part's world's), else one of its own; Omar is in the programme, so the
    opening's ranked list shows him."""
    from datetime import date

    from velkomst.companies.models import Company, Opening
    from velkomst.matching.models import MatchingRun, MatchingSuggestion
    from velkomst.people.models import Case

    amal = household.members.get(first_name="Amal")
    Case.objects.filter(person__household=household, person__first_name="Omar").update(
        phase="programme"
    )
    if opening_id is not None:
        opening = Opening.objects.get(pk=opening_id)
    else:
        company = Company.objects.create(
            municipality=household.municipality,
            name="Rent og Pænt ApS",
            cvr="29876541",  # not the companies part's world's CVR: both worlds may exist at once
            industry="812100",
        )
        opening = Opening.objects.create(
            municipality=household.municipality,
            company=company,
            kind="internship",
            title="Rengøringsassistent",
            trade="9112",
            hours_per_week=20,
            start_on=date(2026, 9, 1),
        )
    run = MatchingRun.objects.create(
        municipality=household.municipality,
        created_by=consultant,
        status="done",
        opening_ids=[opening.pk],
        person_ids=[amal.pk],
        objective=50.0,
        bound=50.0,
        greedy_objective=50.0,
        solver_status="optimal",
        rule_check={"broken": []},
    )
    MatchingSuggestion.objects.create(
        municipality=household.municipality,
        run=run,
        opening=opening,
        person=amal,
        score=50.0,
        reasons=[{"code": "interest", "params": {"trade": "9112", "rank": 1}, "points": 30.0}],
    )
    return opening.pk, run.pk


def _hosts(household, officer):
    """A private host with an offer and a meeting proposed with the household (HOU-6)."""
    from datetime import UTC, date, datetime

    from velkomst.hosts import services

    host = services.host_create(
        acting_user=officer, name="Vibeke Værtsen", address="Bregnerødvej 77", area=None
    )
    offer = services.offer_create(
        acting_user=officer,
        host=host,
        kind="room",
        size_m2=14,
        rent=3000,
        available_from=date(2026, 1, 1),
        max_persons=4,
        household_types=["single", "couple", "family"],
    )
    meeting = services.meeting_propose(
        acting_user=officer,
        offer=offer,
        household=household,
        meeting_at=datetime(2026, 6, 20, 12, tzinfo=UTC),
        place="Hos værten",
    )
    return host.pk, offer.pk, meeting.pk


def _neighbours(household, dwelling_id, officer):
    from datetime import date

    from velkomst.housing.models import Dwelling
    from velkomst.neighbours import services

    channel = services.channel_create(acting_user=officer, name="BoBornholm", kind="other")
    report = services.report_submit(
        channel=channel,
        data=services.ReportData(
            reporter_name="Kirsten Naboklage",
            reporter_phone="56951234",
            address="Lindealle 9",
            description="Bankelyde fra loftet",
            since=date(2026, 5, 1),
        ),
    )
    services.report_link(
        report=report,
        acting_user=officer,
        dwelling=Dwelling.objects.get(pk=dwelling_id),
        household=household,
        expected_version=1,
    )
    return report.pk, channel.pk, channel.token


def _danish(household, caseworker) -> dict[str, int]:
    """Amal referred to Danish education today (the month's list of the centre holds her), with
    a module, a month's attendance and an exam (PRG-2)."""
    from django.utils import timezone

    from velkomst.danish import services

    today = timezone.localdate()
    amal = household.members.get(first_name="Amal")
    centre = services.centre_create(acting_user=caseworker, name="Sprogcenter Fjernøen")
    referral = services.referral_create(
        acting_user=caseworker, person=amal, centre=centre, track="DU2", referred_on=today
    )
    module = services.module_create(
        acting_user=caseworker, referral=referral, module=1, started_on=today, passed_on=None
    )
    attendance = services.attendance_create(
        acting_user=caseworker, referral=referral, month=today, hours_offered=40, hours_attended=30
    )
    exam = services.exam_create(
        acting_user=caseworker,
        person=amal,
        exam="PD1",
        term="2026-summer",
        taken_on=today,
        result="passed",
        grade="7",
        referral=None,
    )
    return {
        "danish_centre": centre.pk,
        "danish_referral": referral.pk,
        "danish_module": module.pk,
        "danish_attendance": attendance.pk,
        "danish_exam": exam.pk,
    }


def _outcomes(person, caseworker):
    """An employment, an education and a benefit period of Amal (PRG-7)."""
    from datetime import date
    from decimal import Decimal

    from velkomst.outcomes import services

    job = services.employment_create(
        acting_user=caseworker,
        person=person,
        employer_name="Netto Rønne",
        cvr="12345674",
        start_date=date(2026, 8, 1),
        hours_per_week=Decimal(30),
    )
    education = services.education_create(
        acting_user=caseworker,
        person=person,
        institution="Campus Bornholm",
        programme="HF",
        qualifying=True,
        started_on=date(2026, 8, 12),
    )
    benefit = services.benefit_create(
        acting_user=caseworker,
        person=person,
        benefit="selvforsoergelse",
        from_date=date(2026, 7, 1),
    )
    return job.pk, education.pk, benefit.pk


HEALTH_MARKER = "Helbredskonklusion-K4X"  # a health conclusion's text (HEA-1)


def _health(household, staff):
    """A health offer, an assessment (with the marker), a referral, a consent, a health barrier
    and a coordinated plan for Amal's household (HEA-1, HEA-2, PRG-6)."""
    from datetime import date

    from velkomst.core.models import Unit
    from velkomst.health import services

    household.units.add(*Unit.objects.filter(municipality=household.municipality, kind="health"))
    amal = household.members.get(first_name="Amal")
    coordinator = staff["health_coordinator"]
    offer = services.offer_create(actor=coordinator, person=amal, offered_on=date(2026, 7, 10))
    assessment = services.assessment_record(
        actor=coordinator,
        person=amal,
        offer=offer,
        assessed_on=date(2026, 7, 20),
        doctor="Dr. Kirsten Lægesen",
        work_capacity="consideration",
        conclusion=HEALTH_MARKER,
    )
    referral = services.referral_create(
        actor=coordinator, person=amal, kind="ptsd", referred_on=date(2026, 7, 21)
    )
    consent = services.consent_record(
        actor=coordinator,
        person=amal,
        purpose="health.work_capacity",
        units=Unit.objects.filter(municipality=household.municipality, kind="jobcentre"),
        given_on=date(2026, 7, 20),
    )
    barrier = services.barrier_create(
        actor=coordinator,
        person=amal,
        kind="health",
        description=HEALTH_MARKER,
        measure="Genoptræning to gange om ugen",
        responsible=staff["caseworker"],
        follow_up_on=date(2026, 9, 1),
    )
    coordination = services.coordination_create(
        actor=coordinator,
        household=household,
        coordinator=coordinator,
        started_on=date(2026, 7, 15),
        goal="Familien falder til ro",
    )
    services.measure_add(
        actor=coordinator,
        coordination=coordination,
        unit=Unit.objects.get(municipality=household.municipality, kind="school"),
        measure="Støttetimer i Kolibriklassen",
        from_on=date(2026, 8, 10),
    )
    return {
        "health_offer": offer.pk,
        "health_assessment": assessment.pk,
        "health_referral": referral.pk,
        "consent": consent.pk,
        "barrier": barrier.pk,
        "coordination": coordination.pk,
    }


ROUNDTABLE_MARKER = "Rundbord-Kolibri-R7"  # a round table's decision (COO-3)


def _roundtables(household, staff) -> dict[str, int]:
    """A round table about Amal with an outside participant (the school, under whose unit Amal
    consents to share her case), an agenda item with a decision (the marker) and a follow-up
    task for the caseworker (COO-3)."""
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from velkomst.roundtables import services

    amal = household.members.get(first_name="Amal")
    caseworker = staff["caseworker"]
    start = datetime(2026, 9, 1, 10, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
    rt = services.round_table_create(
        actor=caseworker,
        household=household,
        person=amal,
        title="Skolestart og netværk",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        place="Rådhuset",
    )
    from velkomst.consent.services import consent_record
    from velkomst.core.models import Unit

    school_unit = Unit.objects.get(municipality=household.municipality, kind="school")
    school = services.participant_add(
        actor=caseworker,
        round_table=rt,
        name="Hanne Skov",
        organisation="Vestre Skole",
        unit=school_unit,
    )
    # Amal lets the case be shared with the school: the minutes may be sent there (COO-4)
    consent_record(
        actor=caseworker,
        person=amal,
        purposes=["share.case"],
        units=[school_unit],
        given_on=date(2026, 8, 1),
    )
    item = services.agenda_item_add(actor=caseworker, round_table=rt, title="Skolen")
    services.decision_add(actor=caseworker, item=item, text=ROUNDTABLE_MARKER)
    followup = services.followup_add(
        actor=caseworker,
        round_table=rt,
        text="Ring til skolen",
        owner=caseworker,
        deadline=date(2026, 9, 15),
    )
    return {
        "roundtable": rt.pk,
        "round_table_id": rt.pk,
        "follow_up_id": followup.pk,
        "round_table_item_id": item.pk,
        "round_table_participant_id": school.pk,
    }


def _companies(household, staff) -> dict[str, int]:
    """A company with an agreement step, an opening with Amal proposed to it, and a
    speed-dating event with Amal invited and met (PRG-4); the job centre works with the
    household."""
    from datetime import date

    from velkomst.companies import services
    from velkomst.core.models import Unit

    consultant = staff["job_consultant"]
    household.units.add(*Unit.objects.filter(municipality=household.municipality, kind="jobcentre"))
    amal = household.members.get(first_name="Amal")
    company = services.company_create(
        actor=consultant, name="Bornholms Bageri ApS", cvr="12345674", industry="107100"
    )
    agreement = services.agreement_create(
        actor=consultant,
        company=company,
        kind="branchepakke",
        valid_from=date(2026, 1, 1),
        steps=["Introduktion"],
    )
    opening = services.opening_create(
        actor=consultant,
        company=company,
        kind="internship",
        title="Bagerpraktik",
        hours_per_week=20,
        start_on=date(2026, 9, 1),
    )
    proposal = services.proposal_create(actor=consultant, opening=opening, person=amal)
    event = services.event_create(
        actor=consultant,
        name="Speed-dating i Rønne",
        held_on=date(2099, 10, 1),
        place="Rønne Rådhus",
        companies=[company],
    )
    invitation = services.invitation_create(actor=consultant, event=event, person=amal)
    services.meeting_create(actor=consultant, event=event, person=amal, company=company)
    return {
        "company": company.pk,
        "company_step": agreement.steps.get().pk,
        "opening": opening.pk,
        "proposal": proposal.pk,
        "job_event": event.pk,
        "job_invitation": invitation.pk,
    }


def _community(household, staff) -> dict[str, int]:
    """An event with Amal invited, an association (forening) with Lina's leisure and Amal's
    free membership (CIV-4, CIV-5, CHI-4); every unit works with the household's children's
    leisure through the volunteer centre."""
    from datetime import date, time

    from velkomst.community import services
    from velkomst.core.models import Unit

    coordinator = staff["volunteer_coordinator"]
    household.units.add(
        *Unit.objects.filter(municipality=household.municipality, kind="volunteer_centre")
    )
    amal = household.members.get(first_name="Amal")
    lina = household.members.get(first_name="Lina")
    event = services.event_create(
        actor=coordinator,
        kind="intro_cafe",
        title="Introcafé i Klemensker",
        held_on=date(2099, 3, 1),
        starts_at=time(15, 0),
        place="Klemensker Forsamlingshus",
        organiser="Frivilligcenteret",
    )
    (invitation,) = services.invite(actor=coordinator, event=event, persons=[amal])
    club = services.association_create(actor=coordinator, name="Klemensker Gymnastikforening")
    participation = services.participation_create(
        actor=coordinator, person=lina, association=club, started_on=date(2026, 1, 5)
    )
    services.free_membership_create(
        actor=coordinator,
        association=club,
        person=amal,
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 7, 31),
        volunteering="Hjælper til børnegymnastik",
    )
    return {
        "community_event": event.pk,
        "community_invitation": invitation.pk,
        "community_association": club.pk,
        "community_participation": participation.pk,
    }


def _programme(person, caseworker):
    """An integration plan with an activity, a goal and a support measure (PRG-1)."""
    from datetime import date

    from velkomst.programme import services

    activity = services.activity_add(
        actor=caseworker,
        person=person,
        category="enterprise",
        kind="internship",
        start=date(2026, 7, 13),
        end=None,
        hours_per_week=25,
        provider_kind="company",
        provider_name="Netto Rønne",
    )
    goal = services.goal_add(
        actor=caseworker,
        person=person,
        kind="danish",
        danish_level="B1",
        target_date=date(2027, 6, 30),
    )
    support = services.support_add(
        actor=caseworker, person=person, kind="bus_card", starts_on=date(2026, 7, 13)
    )
    return activity.pk, goal.pk, support.pk


def _pairings(household, staff) -> dict[str, int]:
    """A volunteer (valid child certificate) with two offers, the adults' consent to contact by a
    volunteer, the household's wishes and a proposed match (CIV-2): the match's id, the offer
    still free."""
    import secrets
    from datetime import timedelta

    from django.utils import timezone

    from velkomst.consent.models import Consent
    from velkomst.core.models import Unit
    from velkomst.pairings.models import Match
    from velkomst.volunteers.models import Offer, Volunteer

    # the volunteer centre works with the household, so its coordinator sees it
    household.units.add(
        *Unit.objects.filter(municipality=household.municipality, kind="volunteer_centre")
    )
    today = timezone.localdate()
    coordinator = staff["volunteer_coordinator"]
    volunteer = Volunteer.objects.create(
        municipality=household.municipality,
        kind="private",
        name="Frivillige Frida Frederiksen",
        languages=["ara"],
        status="approved",
        token=secrets.token_urlsafe(16),
        child_certificate_received_on=today - timedelta(days=10),
        child_certificate_expires_on=today + timedelta(days=300),
        confidentiality_signed_on=today - timedelta(days=10),
    )
    offers = [
        Offer.objects.create(
            municipality=household.municipality,
            volunteer=volunteer,
            kind=kind,
            languages=["ara"],
            audience=["adults", "families"],
            capacity=3,
        )
        for kind in ("mentor", "homework_help")
    ]
    for person in household.members.all():
        if person.age_on(today) >= 18:
            Consent.objects.create(
                municipality=household.municipality,
                person=person,
                purpose="contact.volunteer",
                given_on=today - timedelta(days=1),
                recorded_by=staff["caseworker"],
            )
    match = Match.objects.create(
        municipality=household.municipality,
        offer=offers[0],
        household=household,
        proposed_on=today,
        proposed_by=coordinator,
    )
    return {"match_id": match.pk, "match": match.pk, "pairing_offer_id": offers[1].pk}


def _volunteers(household, staff):
    """Amal volunteers as a city guide (CIV-6): an offer, hours and a diploma."""
    from datetime import date
    from decimal import Decimal

    from velkomst.volunteers import services

    coordinator = staff["volunteer_coordinator"]
    volunteer = services.volunteer_create(
        actor=coordinator,
        kind="refugee",
        name="Amal Haddad",
        phone="20304059",
        about="Byguide-Q7Z",
        languages=["ar"],
        person=household.members.get(first_name="Amal"),
    )
    offer = services.offer_create(
        actor=coordinator, volunteer=volunteer, kind="city_guide", audience=["adults"]
    )
    services.hours_record(
        actor=coordinator,
        volunteer=volunteer,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        hours=Decimal(10),
    )
    diploma = services.diploma_issue(
        actor=coordinator,
        volunteer=volunteer,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
    )
    return {"volunteer": volunteer.pk, "volunteer_offer": offer.pk, "diploma": diploma.pk}


def world_ids(household, staff) -> dict[str, int | str]:
    """One object of every kind a page or route takes an id of, around ``household``: the ids by
    kind (also for the read-audit and field-policy walks)."""
    from velkomst.reception.services import plan_generate

    amal = household.members.get(first_name="Amal")
    plan = plan_generate(household=household, acting_user=staff["caseworker"])
    task = plan.tasks.get(template_task__key="cpr_number", person=amal)
    ids: dict[str, Any] = {
        "household": household.pk,
        "person": amal.pk,
        "case": amal.case.pk,
        "task": task.pk,
        "template": plan.template_id,
        "template_task": task.template_task_id,
    }
    ids["appointment"] = _appointment(household, amal, staff["caseworker"]).pk
    ids["area"], ids["dwelling"] = _housing(household, staff["housing_officer"])
    ids["host"], ids["host_offer"], ids["host_meeting"] = _hosts(
        household, staff["housing_officer"]
    )
    ids["association"], ids["allocation_meeting"], ids["allocation_line"] = _allocation(
        staff["housing_officer"]
    )
    ids["run"], ids["suggestion"] = _placement_run(household, staff["housing_officer"])
    ids["report"], ids["channel"], ids["report_token"] = _neighbours(
        household, ids["dwelling"], staff["housing_officer"]
    )
    ids.update(_danish(household, staff["caseworker"]))
    ids["employment"], ids["education_outcome"], ids["benefit_period"] = _outcomes(
        amal, staff["caseworker"]
    )
    ids.update(_health(household, staff))
    ids.update(_companies(household, staff))
    ids["activity"], ids["goal"], ids["support"] = _programme(amal, staff["caseworker"])
    ids["matching_run"] = _matching(household, staff["job_consultant"], ids["opening"])[1]
    ids.update(_roundtables(household, staff))
    ids.update(_pairings(household, staff))
    ids.update(_volunteers(household, staff))
    ids["referral"], ids["referral_unit"] = _referral(
        amal, staff["caseworker"], staff["job_consultant"]
    )
    ids["grant_claim"] = _grant_claim(household, staff["caseworker"])
    from velkomst.interpreting.tests.ids import interpreting_ids

    interpreting = interpreting_ids(household, staff)
    ids["interpreter"], ids["booking"] = interpreting["interpreter_id"], interpreting["booking_id"]
    from velkomst.handover.tests.ids import handover_ids

    ids["handover"] = handover_ids(household, staff)["handover_id"]
    ids.update(_community(household, staff))
    from velkomst.strategies.tests.ids import strategy_ids

    ids.update(strategy_ids(household.municipality, staff))
    from velkomst.insight.tests.ids import report_ids

    ids.update(report_ids(household.municipality, staff))
    from velkomst.retention.tests.ids import retention_ids

    ids.update(retention_ids(household, staff))
    from velkomst.surveys.tests.ids import survey_ids

    ids["survey_invitation"] = survey_ids(household)["invitation_id"]
    from velkomst.questions.tests.ids import question_ids

    asked = question_ids(household)  # Amal's question to her caseworker (CIT-1)
    ids["question"] = asked["question_id"]
    ids["question_attachment"] = asked["question_attachment_id"]
    return ids


def _referral(person, caseworker, consultant=None):
    """A referral from the integration team to the job centre about Amal (COO-1), and with
    ``consultant`` one back, so the job centre's inbox and outbox both show her."""
    from velkomst.core.models import Unit
    from velkomst.referrals import services

    units = Unit.objects.filter(municipality=person.municipality)
    referral = services.referral_send(
        actor=caseworker,
        from_unit=units.get(kind="integration"),
        to_unit=units.get(kind="jobcentre"),
        person=person,
        kind="employment",
        text="Afklaring af jobmuligheder",
    )
    if consultant is not None:
        services.referral_send(
            actor=consultant,
            from_unit=units.get(kind="jobcentre"),
            to_unit=units.get(kind="integration"),
            person=person,
            kind="other",
            text="Spørgsmål om boligstøtte",
        )
    return referral.pk, referral.to_unit_id


def _grant_claim(household, caseworker):
    """Amal and Omar passed Prøve i Dansk 2 after the takeover (a result grant each, PRG-7); the
    municipality has claimed Omar's, Amal's is still to claim."""
    from datetime import date

    from velkomst.danish.models import DanishExam
    from velkomst.outcomes import services

    members = {p.first_name: p for p in household.members.all()}
    for name in ("Amal", "Omar"):
        DanishExam.objects.create(
            municipality_id=household.municipality_id,
            person=members[name],
            exam="PD2",
            term="2026-winter",
            taken_on=date(2026, 11, 2),
            result="passed",
        )
    claim = services.claim_create(
        actor=caseworker,
        person=members["Omar"],
        kind="danish",
        earned_on=date(2026, 11, 2),
        claimed_on=date(2026, 11, 10),
        amount=37895,
        reference="STAR-1",
    )
    return claim.pk


def test_every_page_hides_the_other_municipalitys_citizens(
    client, household, other_caseworker, staff
):
    # REQ: SEC-1
    from conftest import _make_user
    from velkomst.core.models import SecurityEvent

    ids = world_ids(household, staff)
    person = household.members.get(first_name="Amal")
    plan_task = person.plan_tasks.get(pk=ids["task"])
    plan = plan_task.plan
    secrets = ["Haddad", "Amal", "Omar", "Skovkvarteret", "Lindealle 9"]
    secrets += ["Vibeke Værtsen", "Bregnerødvej 77"]
    secrets += ["Fjordbo Boligselskab"]
    secrets += ["Kirsten Naboklage", "Bankelyde fra loftet"]
    secrets += ["Sprogcenter Fjernøen"]
    secrets += ["Netto Rønne", "Campus Bornholm"]
    secrets += [HEALTH_MARKER, "Dr. Kirsten Lægesen", "Støttetimer i Kolibriklassen"]
    secrets += ["Rengøringsassistent"]
    secrets += ["Bornholms Bageri", "Bagerpraktik", "Speed-dating i Rønne"]
    secrets += [ROUNDTABLE_MARKER, "Skolestart og netværk"]
    secrets += ["Frivillige Frida Frederiksen"]
    secrets += ["Byguide-Q7Z", "20304059"]
    secrets += ["Tolk Tigrinya", "tolk@example.dk"]
    secrets += ["Introcafé i Klemensker", "Klemensker Gymnastikforening"]
    from velkomst.strategies.tests.ids import FIGURE_SOURCE, GUIDEPOST_SECRET

    secrets += [FIGURE_SOURCE, GUIDEPOST_SECRET]
    from velkomst.insight.tests.ids import COMMENTARY_SECRET

    secrets += [COMMENTARY_SECRET]
    from velkomst.retention.tests.ids import HOLD_SECRET

    secrets += [HOLD_SECRET]
    from velkomst.questions.tests.ids import QUESTION_TEXT

    secrets += [QUESTION_TEXT]
    outsiders = [
        other_caseworker,
        _make_user(other_caseworker.municipality, "manager", "ab-mgr"),
        _make_user(other_caseworker.municipality, "administrator", "ab-admin"),
    ]
    routes = [r for r in _patterns() if not r.startswith(SKIP_PREFIXES)]
    assert len(routes) >= 10
    refused = 0
    for outsider in outsiders:
        for route in routes:
            url = _fill(route, ids)
            for method in ("get", "post"):
                client.force_login(outsider)  # the walk passes /logout/ too
                response = getattr(client, method)(
                    url, {"text": "x", "remove": staff["job_consultant"].pk}
                )
                body = response.content.decode(errors="ignore")
                assert not any(s in body for s in secrets), (outsider.role, method, url)
                if "<int:" in route:
                    assert response.status_code in (403, 404, 405), (
                        outsider.role,
                        method,
                        url,
                        response.status_code,
                    )
                match = response.resolver_match
                if response.status_code == 403 or (
                    response.status_code == 404 and match and match.kwargs
                ):
                    refused += 1
                    event = SecurityEvent.objects.get(pk=_last_event_id())
                    assert (event.actor_id, event.status) == (outsider.pk, response.status_code)
                    assert event.path == url and event.municipality_id == outsider.municipality_id
    # REQ: SEC-3: every refused attempt (a 403, a 404 for an id) left one security event
    assert refused > 100
    assert SecurityEvent.objects.filter(actor_id__in=[o.pk for o in outsiders]).count() == refused
    leaked = SecurityEvent.objects.values_list("actor_label", "route", "path", "params")
    assert not any(s in str(row) for row in leaked for s in secrets)
    household.refresh_from_db()
    assert household.version == 1 and not person.case.notes.exists()
    plan_task.refresh_from_db()
    assert plan_task.version == 1 and plan_task.is_open
    assert plan_task.template_task is not None
    assert plan.template.tasks.count() == plan_task.template_task.template.tasks.count()
    assert not type(plan.template).objects.filter(version__gt=1).exists()
    from velkomst.housing.models import Area, Dwelling, HousingNeed

    assert Area.objects.get().version == Dwelling.objects.get().version == 1
    assert HousingNeed.objects.get().version == 1
    from velkomst.hosts.models import Host, HostOffer, Meeting

    assert Host.objects.get().version == HostOffer.objects.get().version == 1
    assert Meeting.objects.get().version == 1 and Meeting.objects.get().is_open
    from velkomst.associations.models import AllocationLine, AllocationMeeting, HousingAssociation

    assert HousingAssociation.objects.get().version == AllocationMeeting.objects.get().version == 1
    assert AllocationLine.objects.get().version == 1
    from velkomst.housing.models import Placement, PlacementSuggestion

    assert PlacementSuggestion.objects.get().decision == "pending"
    assert not Placement.objects.exists()
    meeting = person.appointments.get(pk=ids["appointment"])
    assert meeting.version == 1 and meeting.status == "planned" and meeting.sequence == 0
    from velkomst.roundtables.models import FollowUp, RoundTable

    assert RoundTable.objects.get().version == 1
    assert not FollowUp.objects.filter(done_on__isnull=False).exists()
    from velkomst.neighbours.models import NeighbourReport, ReportChannel

    report = NeighbourReport.objects.get()  # the walk's posts to the public form made none
    assert report.version == 2 and report.owner_id is None and not report.events.exists()
    assert ReportChannel.objects.get().version == 1
    from velkomst.danish.models import (
        DanishExam,
        DanishReferral,
        LanguageCentre,
        ModuleProgress,
        MonthlyAttendance,
    )

    for danish_model in (
        LanguageCentre,
        DanishReferral,
        ModuleProgress,
        MonthlyAttendance,
        DanishExam,
    ):
        assert set(danish_model.objects.values_list("version", flat=True)) == {1}, danish_model
    from velkomst.referrals.models import Referral

    for referral in Referral.objects.all():
        assert referral.version == 1 and referral.status == "new" and referral.owner_id is None
    from velkomst.questions.models import Question

    assert Question.objects.get().version == 1 and Question.objects.get().is_open
    from velkomst.outcomes.models import BenefitPeriod, EducationOutcome, Employment

    assert Employment.objects.get().version == EducationOutcome.objects.get().version == 1
    assert BenefitPeriod.objects.get().version == 1
    from velkomst.consent.models import Consent
    from velkomst.health.models import (
        Barrier,
        CareCoordination,
        HealthAssessment,
        HealthAssessmentOffer,
        HealthReferral,
        HealthShare,
    )

    for model in (HealthAssessmentOffer, HealthAssessment, HealthReferral):
        assert model.objects.get().version == 1, model
    # the health consent, the round table's consent to share with the school (COO-3) and the
    # household's consents to contact by a volunteer (CIV-2)
    assert set(Consent.objects.values_list("version", flat=True)) == {1}
    assert not Consent.objects.filter(withdrawn_at__isnull=False).exists()
    assert Barrier.objects.get().version == CareCoordination.objects.get().version == 1
    assert not HealthShare.objects.exists() and CareCoordination.objects.get().measures.count() == 1
    from velkomst.companies.models import Company, EventInvitation, Opening, Proposal

    assert Company.objects.get().version == Opening.objects.get().version == 1
    assert (
        Proposal.objects.get().version == 1 and Proposal.objects.get().company_answer == "pending"
    )
    assert EventInvitation.objects.get().version == 1
    from velkomst.programme.models import Activity, IntegrationPlan, PlanGoal, SupportMeasure

    assert Activity.objects.get().version == PlanGoal.objects.get().version == 1
    assert SupportMeasure.objects.get().version == IntegrationPlan.objects.get().version == 1
    from velkomst.outcomes.models import ResultGrantClaim

    assert ResultGrantClaim.objects.get().version == 1  # neither changed nor claimed twice
    assert not person.integration_plan.activities.exclude(pk=ids["activity"]).exists()
    from velkomst.pairings.models import Match, Wish

    assert Match.objects.get().version == 1 and Match.objects.get().state == "proposed"
    assert not Wish.objects.exists()
    from velkomst.volunteers.models import Diploma, Offer, Volunteer, VolunteerHours

    assert Volunteer.objects.get(pk=ids["volunteer"]).version == 1
    assert Offer.objects.get(pk=ids["volunteer_offer"]).version == 1
    assert VolunteerHours.objects.count() == Diploma.objects.count() == 1
    from velkomst.interpreting.models import Booking, Interpreter

    assert Interpreter.objects.get().version == 1
    booking = Booking.objects.get()
    assert booking.version == 1 and booking.status == "confirmed"
    from velkomst.community.models import Association, Event, Invitation, Participation

    for community_model in (Event, Invitation, Association, Participation):
        assert community_model.objects.get().version == 1, community_model
    assert Invitation.objects.get().attendance == "unknown"
    from velkomst.strategies.models import HandFigure, StrategyVersion

    draft = StrategyVersion.objects.get(pk=ids["strategy_version"])
    assert draft.version == 2 and draft.status == "draft"  # the walk changed nothing
    assert HandFigure.objects.get(pk=ids["strategy_figure"]).version == 1
    from velkomst.insight.models import ReportCommentary, StatusReport

    assert ReportCommentary.objects.get(pk=ids["report_commentary"]).version == 1
    assert StatusReport.objects.count() == 1  # the walk's posts queued no report
    from velkomst.retention.models import LegalHold, Run

    assert LegalHold.objects.get(pk=ids["legal_hold"]).lifted_at is None  # SEC-4
    assert Run.objects.get(pk=ids["retention_run"]).state == "planned"
    assert (
        not Run.objects.filter(municipality=household.municipality)
        .exclude(pk=ids["retention_run"])
        .exists()
    )


def test_lists_and_search_never_include_another_municipality(
    logged_in, household, other_household, staff
):
    # REQ: SEC-1
    client = logged_in(staff["manager"])
    html = client.get("/citizens/", {"q": "Selam"}).content.decode()
    assert "Tesfaye" not in html and "0 borgere" in html
    assert "Tesfaye" not in client.get("/citizens/").content.decode()
    audit = client.get("/audit/", {"q": "Selam"}).content.decode()
    assert "Tesfaye" not in audit


def test_the_admin_shows_only_the_administrators_municipality(logged_in, staff, other_caseworker):
    # REQ: SEC-1
    client = logged_in(staff["administrator"])
    users = client.get("/admin/core/staffuser/")
    assert users.status_code == 200
    assert (
        "bh-caseworker" in users.content.decode() and "ab-caseworker" not in users.content.decode()
    )
    assert client.get(f"/admin/core/staffuser/{other_caseworker.pk}/change/").status_code in (
        302,
        404,
    )
    from velkomst.core.models import Unit

    units = client.get("/admin/core/unit/").content.decode()
    own = Unit.objects.filter(municipality=staff["administrator"].municipality)
    other = Unit.objects.filter(municipality=other_caseworker.municipality)
    assert all(f"/admin/core/unit/{u.pk}/change/" in units for u in own)
    assert not any(f"/admin/core/unit/{u.pk}/change/" in units for u in other)
