"""API test helpers: every response a test gets is checked against /api/openapi.json.

``api_as(user)`` gives a client that sends the user's API token; each of its calls asserts that
the operation, the status code and the JSON body are exactly as the OpenAPI schema documents
(``$ref``s resolved, and no undocumented properties: the schema is the contract).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any

import jsonschema
import pytest
from django.test import Client

from velkomst.api.services import api_token_create

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


class Contract:
    """The OpenAPI document, with lookups of operations and response validation."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.routes: list[tuple[re.Pattern[str], str]] = [
            (re.compile("^" + re.sub(r"\{[^}]+\}", r"[^/]+", template) + "$"), template)
            for template in document["paths"]
        ]

    def operations(self) -> list[tuple[str, str]]:
        """(METHOD, path template) of every operation."""
        return [
            (method.upper(), template)
            for template, item in self.document["paths"].items()
            for method in item
            if method in HTTP_METHODS
        ]

    def operation(self, method: str, path: str) -> dict[str, Any] | None:
        path = path.split("?", 1)[0]
        for pattern, template in self.routes:
            if pattern.match(path):
                return self.document["paths"][template].get(method.lower())
        return None

    def resolve(self, schema: Any, seen: tuple[str, ...] = ()) -> Any:
        """Inline every $ref; objects with properties get additionalProperties: false."""
        if isinstance(schema, list):
            return [self.resolve(item, seen) for item in schema]
        if not isinstance(schema, dict):
            return schema
        if "$ref" in schema:
            ref = schema["$ref"]
            assert ref.startswith("#/"), f"only local $refs are expected: {ref}"
            assert ref not in seen, f"recursive schema at {ref}"
            target: Any = self.document
            for part in ref[2:].split("/"):
                target = target[part]
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            return self.resolve({**copy.deepcopy(target), **extra}, (*seen, ref))
        resolved = {key: self.resolve(value, seen) for key, value in schema.items()}
        if "properties" in resolved:
            resolved.setdefault("additionalProperties", False)
        return resolved

    def check(self, method: str, path: str, response: Any) -> None:
        operation = self.operation(method, path)
        assert operation is not None, f"{method} {path} is not in the OpenAPI schema"
        documented = operation["responses"]
        status = str(response.status_code)
        assert status in documented, (
            f"{method} {path} answered {status}, which the schema does not document "
            f"({sorted(documented)}): {response.content[:300]!r}"
        )
        content = documented[status].get("content")
        if not content:
            return
        media = response["Content-Type"].split(";")[0]
        if media != "application/json":  # a file (a status report's PDF or XLSX): as documented
            assert media in content, f"{method} {path} answered {media}, not in {sorted(content)}"
            return
        schema = self.resolve(content["application/json"]["schema"])
        jsonschema.validate(
            response.json(),
            schema,
            cls=jsonschema.Draft202012Validator,
            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        )


@pytest.fixture(scope="session")
def contract() -> Contract:
    """The schema as a client downloads it from /api/openapi.json."""
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return Contract(response.json())


@dataclass
class ApiClient:
    """A test client for /api/ whose every response is validated against the contract."""

    client: Client
    contract: Contract
    headers: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        kwargs: dict[str, Any] = {"headers": self.headers}
        if method == "GET":
            response = self.client.get(path, data=params, **kwargs)
        else:
            if body is not None:
                kwargs.update(data=json.dumps(body), content_type="application/json")
            response = getattr(self.client, method.lower())(path, **kwargs)
        self.contract.check(method, path, response)
        return response

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, **params)

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.request("PATCH", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self.request("PUT", path, body)


@pytest.fixture
def api_as(contract):
    """api_as(user) -> ApiClient authenticating with a fresh API token of ``user``;
    api_as(None) -> an ApiClient without credentials."""

    def make(user: Any = None, *, key: str | None = None) -> ApiClient:
        headers = {}
        if user is not None:
            _, key = api_token_create(user=user, name="test")
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        return ApiClient(Client(), contract, headers)

    return make


@pytest.fixture
def session_api(contract, client):
    """session_api(user) -> ApiClient using the logged-in Django session (no token)."""

    def make(user: Any) -> ApiClient:
        client.force_login(user)
        return ApiClient(client, contract)

    return make


@pytest.fixture
def case(person):
    return person.case


@pytest.fixture
def note(case, caseworker):
    from velkomst.people.services import note_add

    return note_add(case=case, acting_user=caseworker, text="Første samtale holdt.")


def field_names(response: Any) -> list[str]:
    """The fields a 4xx error response names."""
    return [error["field"] for error in response.json()["errors"]]


@pytest.fixture
def housing_ids(household, staff):
    """Real ids of every housing resource of the first municipality, for the schema-driven walks:
    the household (Haddad) waits in a temporary room with a housing need; a placement run
    suggested it a permanent flat; a host with an offer; an association with move-outs and an
    allocation meeting listing a second waiting household (Ali); a neighbour report linked to the
    Haddads. Each value is an id, keyed by the path parameter's name."""
    from datetime import date, datetime, timedelta

    from django.utils import timezone

    from conftest import member
    from velkomst.associations import services as associations
    from velkomst.core.tests.test_tenancy import _community, _health, _roundtables
    from velkomst.handover.tests.ids import handover_ids
    from velkomst.hosts import services as hosts
    from velkomst.housing import runs
    from velkomst.housing import services as housing
    from velkomst.interpreting.tests.ids import interpreting_ids
    from velkomst.national.tests.ids import national_ids
    from velkomst.neighbours import services as neighbours
    from velkomst.people.services import household_create

    officer, caseworker = staff["housing_officer"], staff["caseworker"]
    area = housing.area_create(acting_user=officer, name="Rønne Nord", kind="district")

    def dwelling(address: str, type: str, rooms: int) -> Any:
        return housing.dwelling_create(
            acting_user=officer,
            address=address,
            area=area,
            type=type,
            rooms=rooms,
            size_m2=20 * rooms,
            rent=1500 * rooms,
            landlord_kind="housing_association",
            landlord_name="BoBornholm",
            available_from=date(2026, 6, 1),
        )

    room = dwelling("Kirkevej 2, 3700 Rønne", "temporary", 1)
    flat = dwelling("Storegade 1, 3700 Rønne", "permanent", 3)
    other_flat = dwelling("Storegade 3, 3700 Rønne", "permanent", 3)
    housing.housing_need_save(
        household=household,
        acting_user=officer,
        data=housing.NeedData(rooms_needed=2, max_rent=9000, needed_by=date(2026, 7, 1)),
    )
    housing.placement_start(
        acting_user=officer, household=household, dwelling=room, start_date=date(2026, 7, 1)
    )
    single = household_create(
        acting_user=caseworker,
        name="Yusuf Ali",
        visitation_date=date(2026, 4, 1),
        expected_arrival_date=date(2026, 6, 10),
        members=[member(first_name="Yusuf", last_name="Ali", birth_date=date(1999, 3, 3))],
    )
    housing.housing_need_save(
        household=single, acting_user=officer, data=housing.NeedData(needed_by=date(2026, 6, 10))
    )
    run = runs.run_start(acting_user=officer, household_ids=[household.pk, single.pk])  # at once
    suggestion = run.suggestions.get(household=household)
    other_suggestion = run.suggestions.get(household=single)
    assert suggestion.dwelling_id in (flat.pk, other_flat.pk), suggestion.explanations

    host = hosts.host_create(
        acting_user=officer,
        name="Karen Vestergaard",
        phone="20304050",
        email="karen@example.dk",
        address="Bregnerødvej 12, 3700 Rønne",
        area=area,
    )
    offer = hosts.offer_create(
        acting_user=officer,
        host=host,
        kind="flat",
        description="Kælderlejlighed",
        rooms=2,
        size_m2=55,
        rent=4500,
        available_from=date(2026, 6, 1),
        max_persons=4,
        household_types=["single", "couple", "family"],
        languages=["da", "ar"],
    )
    # HOU-6: a meeting between the host and a household without a home yet
    lodger = household_create(
        acting_user=caseworker,
        name="Nour Hassan",
        visitation_date=date(2026, 4, 1),
        expected_arrival_date=date(2026, 6, 10),
        members=[member(first_name="Nour", last_name="Hassan", birth_date=date(1997, 5, 5))],
    )
    host_meeting = hosts.meeting_propose(
        acting_user=officer,
        offer=offer,
        household=lodger,
        meeting_at=timezone.make_aware(datetime(2026, 6, 20, 10, 0)),
        place="Hos værten",
    )

    association = associations.association_create(acting_user=officer, name="Fjordbo")
    month = date(2026, 7, 1)
    associations.move_outs_save(
        acting_user=officer,
        association=association,
        entries=[
            associations.MoveOutEntry(
                period=(month - timedelta(days=28 * i)).replace(day=1), move_outs=4
            )
            for i in range(1, 4)
        ],
    )
    meeting = associations.meeting_draft(
        acting_user=officer, month=month, meeting_date=date(2026, 6, 24)
    )
    line = meeting.lines.get(household=single)
    # a second draft (the next month's), for a recompute that no recorded outcome blocks
    next_meeting = associations.meeting_draft(
        acting_user=officer, month=date(2026, 10, 1), meeting_date=date(2026, 9, 29)
    )

    channel = neighbours.channel_create(
        acting_user=officer, name="BoBornholm", kind="housing_association"
    )
    report = neighbours.report_register(
        acting_user=officer,
        channel=channel,
        data=neighbours.ReportData(
            reporter_name="Kirsten Vicevært",
            reporter_phone="56951234",
            address="Kirkevej 2, 3700 Rønne",
            description="Høj musik om natten.",
            since=date(2026, 3, 1),
            urgency="normal",
        ),
    )
    report = neighbours.report_link(
        report=report,
        acting_user=officer,
        dwelling=room,
        household=household,
        expected_version=report.version,
    )
    from decimal import Decimal

    from velkomst.outcomes import services as outcomes

    amal = household.members.get(first_name="Amal")
    employment = outcomes.employment_create(
        acting_user=caseworker,
        person=amal,
        employer_name="Netto Rønne",
        cvr="12345674",
        start_date=date(2026, 8, 1),
        end_date=date(2026, 9, 30),
        hours_per_week=Decimal(30),
    )
    education = outcomes.education_create(
        acting_user=caseworker,
        person=amal,
        institution="Campus Bornholm",
        programme="HF",
        qualifying=True,
        started_on=date(2026, 8, 12),
    )
    period = outcomes.benefit_create(
        acting_user=caseworker,
        person=amal,
        benefit="selvforsoergelse",
        from_date=date(2026, 7, 1),
        to_date=date(2026, 9, 30),
    )

    # the integration programme (PRG-1): Amal's plan with an activity and a goal, her contract
    from velkomst.core.tests.test_tenancy import _programme
    from velkomst.programme import services as programme

    activity_id, goal_id, support_id = _programme(amal, caseworker)
    programme.contract_for(actor=caseworker, person=amal)
    # COO-4: Amal agreed to contact from volunteers
    from velkomst.consent import services as consent

    (contact_consent,) = consent.consent_record(
        actor=caseworker, person=amal, purposes=["contact.volunteer"], given_on=date(2026, 7, 2)
    )

    from velkomst.core.tests.test_tenancy import _matching, _referral

    company_ids = _company_ids(household, staff, area)
    _, matching_run_id = _matching(household, staff["job_consultant"], company_ids["opening_id"])
    health = _health(household, staff)
    from velkomst.health.models import CoordinatedMeasure
    from velkomst.strategies.services import install_presets

    version = install_presets(household.municipality)
    from velkomst.insight.models import ReportState, StatusReport

    # a finished status report (MI-3); its making is tested in insight/tests/test_report.py
    status_report = StatusReport.objects.create(
        municipality=household.municipality,
        year=2025,
        strategy=version,
        strategy_reference=version.reference,
        state=ReportState.DONE,
        requested_by=staff["manager"],
        pdf=b"%PDF-1.7 status report",
        xlsx=b"PK status report",
    )
    return {
        **_retention_ids(household, staff),
        # an indicator of the library (MI-1): the same key in every municipality
        "key": "employment_rate",
        # the municipality's strategy (MI-1): Bornholm's preset
        "strategy_version_id": version.pk,
        "status_report_id": status_report.pk,
        "kind": "pdf",
        "support_id": support_id,
        "health_offer_id": health["health_offer"],
        "assessment_id": health["health_assessment"],
        "health_referral_id": health["health_referral"],
        "barrier_id": health["barrier"],
        "measure_id": CoordinatedMeasure.objects.get(coordination_id=health["coordination"]).pk,
        "staff_id": caseworker.pk,
        **_grant_ids(household, caseworker),
        "employment_id": employment.pk,
        "education_id": education.pk,
        "period_id": period.pk,
        "activity_id": activity_id,
        "goal_id": goal_id,
        "consent_id": contact_consent.pk,
        "matching_run_id": matching_run_id,
        # in the programme (the others are before arrival): a candidate for openings
        "programme_person_id": household.members.get(first_name="Omar").pk,
        "household_id": household.pk,
        "area_id": area.pk,
        "dwelling_id": flat.pk,
        "other_dwelling_id": other_flat.pk,
        "run_id": run.pk,
        "suggestion_id": suggestion.pk,
        "other_suggestion_id": other_suggestion.pk,
        "host_id": host.pk,
        "offer_id": offer.pk,
        "host_meeting_id": host_meeting.pk,
        "lodger_household_id": lodger.pk,
        "next_meeting_id": next_meeting.pk,
        "association_id": association.pk,
        "meeting_id": meeting.pk,
        "line_id": line.pk,
        "report_id": report.pk,
        "channel_id": channel.pk,
        "single_household_id": single.pk,
        **_danish_ids(household, caseworker),
        "coordination_id": health["coordination"],
        **company_ids,
        **_roundtables(household, staff),
        **_pairing_ids(household, staff),
        **_volunteer_ids(household, staff, area),
        # a referral from the integration team to the job centre about Amal (COO-1)
        "unit_referral_id": _referral(
            household.members.get(first_name="Amal"), staff["caseworker"]
        )[0],
        **interpreting_ids(household, staff),
        # national distribution (NAT-1): the national user's own rows, outside tenancy
        **national_ids(staff),
        **handover_ids(household, staff),
        **{f"{key}_id": pk for key, pk in _community(household, staff).items()},
        **_survey_ids(household),
        **_question_ids(household),
    }


def _retention_ids(household: Any, staff: Any) -> dict[str, int]:
    """A legal hold on a member and a dry run waiting for approval (SEC-4), with no items."""
    from django.utils import timezone

    from velkomst.retention.models import LegalHold, Run, RunState

    hold = LegalHold.objects.create(
        municipality=household.municipality,
        person=household.members.first(),
        reason="Klagesag",
        placed_by=staff["administrator"],
    )
    run = Run.objects.create(
        municipality=household.municipality,
        as_of=timezone.localdate(),
        state=RunState.PLANNED,
        planned_at=timezone.now(),
    )
    return {"legal_hold_id": hold.pk, "retention_run_id": run.pk}


def _pairing_ids(household: Any, staff: Any) -> dict[str, int]:
    """A volunteer with a valid child certificate and two offers, the adults' consent to contact
    by a volunteer, and a proposed match (CIV-2)."""
    from velkomst.core.tests.test_tenancy import _pairings

    return _pairings(household, staff)


def _volunteer_ids(household: Any, staff: Any, area: Any) -> dict[str, int]:
    """Amal volunteers as a city guide (a settled refugee linked to her person, CIV-6),
    approved by the volunteer coordinator, with one offer for adults and families."""
    from velkomst.volunteers import services as volunteers

    coordinator = staff["volunteer_coordinator"]
    amal = household.members.get(first_name="Amal")
    volunteer = volunteers.volunteer_create(
        actor=coordinator,
        kind="refugee",
        name="Amal Haddad",
        phone="20304052",
        languages=["ar", "da"],
        area=area,
        person=amal,
    )
    offer = volunteers.offer_create(
        actor=coordinator, volunteer=volunteer, kind="city_guide", audience=["adults", "families"]
    )
    return {"volunteer_id": volunteer.pk, "volunteer_offer_id": offer.pk}


def _danish_ids(household: Any, caseworker: Any) -> dict[str, int]:
    """Amal referred to Danish education (DU2, started 10 August 2026) with module 1, August's
    attendance and a passed PD1 exam (PRG-2)."""
    from datetime import date

    from velkomst.danish import services as danish

    amal = household.members.get(first_name="Amal")
    centre = danish.centre_create(acting_user=caseworker, name="Sprogcenter Rønne")
    referral = danish.referral_create(
        acting_user=caseworker,
        person=amal,
        centre=centre,
        track="DU2",
        referred_on=date(2026, 7, 20),
        start_on=date(2026, 8, 5),
        started_on=date(2026, 8, 10),
    )
    module = danish.module_create(
        acting_user=caseworker, referral=referral, module=1, started_on=date(2026, 8, 10)
    )
    attendance = danish.attendance_create(
        acting_user=caseworker,
        referral=referral,
        month=date(2026, 8, 1),
        hours_offered=40,
        hours_attended=30,
    )
    exam = danish.exam_create(
        acting_user=caseworker,
        person=amal,
        exam="PD1",
        taken_on=date(2026, 6, 2),
        result="passed",
        grade="7",
    )
    return {
        "centre_id": centre.pk,
        "referral_id": referral.pk,
        "module_id": module.pk,
        "attendance_id": attendance.pk,
        "exam_id": exam.pk,
    }


def _grant_ids(household: Any, caseworker: Any) -> dict[str, Any]:
    """Amal and Omar each passed Prøve i Dansk 2 after the takeover (a result grant each, PRG-7);
    the municipality has claimed Amal's, Omar's is still to claim."""
    from datetime import date

    from velkomst.danish import services as danish
    from velkomst.outcomes import services as outcomes

    amal = household.members.get(first_name="Amal")
    omar = household.members.get(first_name="Omar")
    for person in (amal, omar):
        danish.exam_create(
            acting_user=caseworker,
            person=person,
            exam="PD2",
            taken_on=date(2026, 11, 2),
            result="passed",
            grade="7",
        )
    claim = outcomes.claim_create(
        actor=caseworker,
        person=amal,
        kind="danish",
        earned_on=date(2026, 11, 2),
        claimed_on=date(2026, 11, 10),
        amount=37895,
        reference="STAR-1",
    )
    return {"claim_id": claim.pk, "grant_person_id": omar.pk, "grant_earned_on": "2026-11-02"}


def _company_ids(household: Any, staff: Any, area: Any) -> dict[str, int]:
    """A company with a branchepakke, two openings, Amal proposed to one and Omar to the other,
    and a speed-dating event with Amal invited and met (PRG-4); the job centre works with the
    household."""
    from datetime import date

    from velkomst.companies import services as companies
    from velkomst.core.models import Unit

    consultant = staff["job_consultant"]
    household.units.add(*Unit.objects.filter(municipality=household.municipality, kind="jobcentre"))
    amal = household.members.get(first_name="Amal")
    omar = household.members.get(first_name="Omar")
    company = companies.company_create(
        actor=consultant, name="Rønne Tømrer ApS", cvr="12345674", industry="433200", area=area
    )
    contact = companies.contact_create(
        actor=consultant, company=company, name="Jens Mester", role="Ejer"
    )
    agreement = companies.agreement_create(
        actor=consultant,
        company=company,
        kind="branchepakke",
        valid_from=date(2026, 1, 1),
        steps=["Introduktion", "Praktik"],
    )

    def opening(title: str) -> Any:
        return companies.opening_create(
            actor=consultant,
            company=company,
            kind="internship",
            title=title,
            hours_per_week=25,
            start_on=date(2026, 9, 1),
            places=2,
        )

    first, second = opening("Tømrerpraktik"), opening("Lagerpraktik")
    proposal = companies.proposal_create(actor=consultant, opening=first, person=amal)
    other = companies.proposal_create(actor=consultant, opening=second, person=omar)
    event = companies.event_create(
        actor=consultant,
        name="Speed-dating i Rønne",
        held_on=date(2099, 10, 1),
        place="Rønne Rådhus",
        companies=[company],
    )
    companies.invitation_create(actor=consultant, event=event, person=amal)
    companies.meeting_create(actor=consultant, event=event, person=amal, company=company)
    return {
        "company_id": company.pk,
        "contact_id": contact.pk,
        "agreement_id": agreement.pk,
        "opening_id": first.pk,
        "proposal_id": proposal.pk,
        "other_proposal_id": other.pk,
        "job_event_id": event.pk,
        "second_person_id": omar.pk,
    }


def _question_ids(household: Any) -> dict[str, int]:
    from velkomst.questions.tests.ids import question_ids

    return question_ids(household)


def _survey_ids(household: Any) -> dict[str, int]:
    from velkomst.surveys.tests.ids import survey_ids

    return survey_ids(household)
