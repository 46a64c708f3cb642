"""No page shows another municipality's data (SEC-1): walk every URL pattern as an outsider."""

import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("admin/", "api/", "i18n/", "static/")  # admin and API have their own walkers


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


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
    if kind == "report":  # the landlords' public form (shows no citizen's data): a real token
        route = route.replace("<str:token>", ids.get("report_token", "x"))
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
        "health-consents": ids.get("health_consent", ids["person"]),
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
    }.get(kind, ids["person"])
    return "/" + re.sub(r"<int:\w+>", str(value), route).lstrip("^").rstrip("$")


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
        "health_consent": consent.pk,
        "barrier": barrier.pk,
        "coordination": coordination.pk,
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
    return ids


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
    meeting = person.appointments.get()
    assert meeting.version == 1 and meeting.status == "planned" and meeting.sequence == 0
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
        assert danish_model.objects.get().version == 1, danish_model
    from velkomst.outcomes.models import BenefitPeriod, EducationOutcome, Employment

    assert Employment.objects.get().version == EducationOutcome.objects.get().version == 1
    assert BenefitPeriod.objects.get().version == 1
    from velkomst.health.models import (
        Barrier,
        CareCoordination,
        HealthAssessment,
        HealthAssessmentOffer,
        HealthConsent,
        HealthReferral,
        HealthShare,
    )

    for model in (HealthAssessmentOffer, HealthAssessment, HealthReferral, HealthConsent):
        assert model.objects.get().version == 1, model
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
    assert not person.integration_plan.activities.exclude(pk=ids["activity"]).exists()


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
