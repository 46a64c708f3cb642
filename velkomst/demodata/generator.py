"""Loads the demo plan (``plan.py``) into the database through the real services.

Municipalities come from ``core.services.municipality_create``; households, persons and cases
from ``reception.services.household_register`` acting as the municipality's caseworker, so the
audit log, the first phase, the caseworker assignment, the programme dates, the reception plan
(from the municipality's preset template, ``install_presets``) and the children's placements are
exactly what the application itself writes. Cases are then moved through their phases
(``case_change_phase`` with the planned effective dates), given contact persons and journal notes.
Plan tasks that fell due more than two weeks before the demo's reference day are recorded as
done by the caseworker on their due day (a direct update, like the re-dated first phases), so the
worklists show what a working municipality would have open, not three years of backlog.

Staff users are created directly: the password is hashed once (``make_password``) and the hash
given to every demo user, which keeps the demo fast without a weaker hasher.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from velkomst.associations.demo import install_demo as associations_demo
from velkomst.community.demo import install_demo as community_demo
from velkomst.companies.demo import install_demo as companies_demo
from velkomst.competences.demo import install_demo as competences_demo
from velkomst.consent.demo import install_demo as consent_demo
from velkomst.core.config import DEFAULTS
from velkomst.core.models import Municipality, Role, StaffUser, Unit
from velkomst.core.services import municipality_create
from velkomst.danish.demo import install_demo as danish_demo
from velkomst.families.demo import install_demo as family_measures_demo
from velkomst.families.demo import install_places as places_demo
from velkomst.handover.demo import install_demo as handover_demo
from velkomst.health.demo import install_demo as health_demo
from velkomst.hosts.demo import install_demo as hosts_demo
from velkomst.housing.demo import install_demo as housing_demo
from velkomst.housing.models import Area
from velkomst.insight.demo import install_demo as insight_demo
from velkomst.interpreting.demo import install_demo as interpreting_demo
from velkomst.matching.demo import install_demo as matching_demo
from velkomst.national.demo import install_demo as national_demo
from velkomst.neighbours.demo import install_demo as neighbours_demo
from velkomst.outcomes.demo import install_demo as outcomes_demo
from velkomst.pairings.demo import install_demo as pairings_demo
from velkomst.people.models import Case, Household, Person, Phase, PhaseTransition
from velkomst.people.services import (
    LanguageData,
    MemberData,
    case_add_contact_person,
    case_change_phase,
    note_add,
)
from velkomst.programme.demo import install_demo as programme_demo
from velkomst.questions.demo import install_demo as questions_demo
from velkomst.reception.models import ChecklistTick, PlanTask, TemplateChecklistItem
from velkomst.reception.services import household_register, install_presets
from velkomst.referrals.demo import install_demo as referrals_demo
from velkomst.retention.demo import install_demo as retention_demo
from velkomst.roundtables.demo import install_demo as roundtables_demo
from velkomst.strategies.demo import install_demo as strategies_demo
from velkomst.surveys.demo import install_demo as surveys_demo
from velkomst.volunteers.demo import install_demo as volunteers_demo

from .plan import (
    DEFAULT_HOUSEHOLDS,
    DEFAULT_SEED,
    REFERENCE_DATE,
    SEED_MUNICIPALITIES,
    CaseEvent,
    DemoPlan,
    HouseholdPlan,
    MunicipalityPlan,
    StaffPlan,
    build_plan,
)

DEFAULT_PASSWORD = "velkomst-demo"
CHANNEL = "demo"  # the audit entries' channel: written by the demo loader


@dataclass(frozen=True)
class Login:
    municipality: str
    role: str
    role_label: str
    username: str


def demo_plan(
    *, seed: int = DEFAULT_SEED, households_per_municipality: int = DEFAULT_HOUSEHOLDS
) -> DemoPlan:
    """The plan the demo command loads (the application's preset programme length)."""
    return build_plan(
        seed=seed,
        households_per_municipality=households_per_municipality,
        programme_length_months=int(DEFAULTS["programme_length_months"]),
    )


def seed_municipalities_exist() -> bool:
    return Municipality.objects.filter(code__in=[m[0] for m in SEED_MUNICIPALITIES]).exists()


@transaction.atomic
def load_demo(plan: DemoPlan, *, password: str = DEFAULT_PASSWORD) -> list[Login]:
    """Write the whole plan in one transaction; return the staff logins."""
    password_hash = make_password(password)
    logins: list[Login] = []
    created: list[Municipality] = []
    for mplan in plan.municipalities:
        municipality = municipality_create(code=mplan.code, name=mplan.name)
        install_presets(municipality)
        users = create_staff(municipality, mplan.staff, password_hash=password_hash)
        for staff in mplan.staff:
            logins.append(
                Login(mplan.name, staff.role, str(Role(staff.role).label), staff.username)
            )
        load_households(mplan, users)
        load_services(plan, mplan, municipality, staff_roles(mplan, users))
        created.append(municipality)
    if len(created) >= 2:  # COO-5: one incoming handover, from the second to the first
        handover_demo(created[0], created[1], plan.reference_date)
    logins.append(load_national(plan, password_hash=password_hash))
    return logins


NATIONAL_USERNAME = "ust-national"
NATIONAL_LABEL = "Udlændingestyrelsen"


def load_national(plan: DemoPlan, *, password_hash: str) -> Login:
    """The immigration service's national user (no municipality) and the national demo data
    (a reference table, a quota plan, a model and arriving households, all labelled demo)."""
    user = StaffUser.objects.create(
        username=NATIONAL_USERNAME,
        password=password_hash,
        first_name="Nadia",
        last_name="Nationalsen",
        role=Role.NATIONAL,
        initials="UST",
    )
    national_demo(user, plan.reference_date.year)
    return Login(NATIONAL_LABEL, Role.NATIONAL, str(Role.NATIONAL.label), user.username)


def load_services(
    plan: DemoPlan,
    mplan: MunicipalityPlan,
    municipality: Municipality,
    by_role: dict[str, StaffUser],
) -> None:
    """Housing (areas, dwellings, needs, placements, a placement run), private hosts, housing
    associations (move-outs, the allocation meeting's draft), neighbour-problem reports and
    Danish education (referrals, modules, attendance, exams), each
    with its own generator seeded by the plan's seed and the municipality, so adding one keeps
    the others."""
    officer = by_role[Role.HOUSING_OFFICER]

    def rng(part: str) -> random.Random:
        return random.Random(f"{plan.seed}-{mplan.code}-{part}")

    housing_demo(municipality, officer, rng("housing"), plan.reference_date)
    hosts_demo(
        municipality,
        officer,
        list(Household.objects.filter(municipality=municipality).order_by("pk")),
        list(Area.objects.filter(municipality=municipality).order_by("pk")),
        rng("hosts"),
    )
    associations_demo(municipality, officer, rng("associations"))
    neighbours_demo(municipality, officer, rng("neighbours"))
    danish_demo(municipality, rng("danish"), plan.reference_date)
    # PRG-7: employment, education, benefits and self-support at the baselines' rates
    outcomes_demo(municipality, by_role[Role.CASEWORKER], rng("outcomes"), plan.reference_date)
    competences_demo(municipality.pk, rng("competences"), plan.reference_date)
    family_measures_demo(municipality.pk, rng("family-measures"), plan.reference_date)
    # MI-5: daycares and schools with their own figures; the children's places in them
    places_demo(municipality.pk, rng("places"), plan.reference_date)
    consent_demo(municipality, by_role, rng("consent"), plan.reference_date)
    health_demo(municipality, by_role, rng("health"), plan.reference_date)
    # INT-1: interpreters, meetings needing one, bookings (some video, some missing)
    interpreting_demo(municipality, by_role, rng("interpreting"), plan.reference_date)
    programme_demo(municipality, rng("programme"), plan.reference_date)
    # MI-1: the municipality's strategy (its seed preset) and hand-entered figures
    strategies_demo(municipality, by_role, rng("strategies"), plan.reference_date)
    # COO-3: round tables with participants, agenda, decisions and follow-up tasks
    roundtables_demo(municipality, by_role, rng("roundtables"), plan.reference_date)
    consultant = by_role.get(Role.JOB_CONSULTANT)
    if consultant is not None:
        companies_demo(
            municipality,
            consultant,
            list(Area.objects.filter(municipality=municipality).order_by("pk")),
            adults_of(municipality, plan.reference_date),
            rng("companies"),
            plan.reference_date,
        )
        # PRG-4: a finished matching run with its suggestions (after the openings exist)
        matching_demo(municipality, consultant, plan.reference_date)
    # the resource bank (CIV-1, CIV-3, CIV-6): about 40 volunteers, after the persons exist
    volunteers_demo(municipality, by_role, rng("volunteers"), plan.reference_date)
    # COO-1, CIV-3: referrals in every state and concerns, after the consents they follow
    referrals_demo(municipality, by_role, rng("referrals"), plan.reference_date)
    # CIV-2: wishes and volunteer matches in every state (after the consents and volunteers)
    pairings_demo(municipality, by_role, rng("pairings"), plan.reference_date)
    coordinator = by_role.get(Role.VOLUNTEER_COORDINATOR)
    if coordinator is not None:  # CIV-4, CIV-5, CHI-4: after the consents (COO-4)
        community_demo(
            municipality,
            coordinator,
            list(Area.objects.filter(municipality=municipality).order_by("pk")),
            rng("community"),
            plan.reference_date,
        )
    # CIT-2: surveys of the refugees' own experience in every state, with answers
    surveys_demo(municipality, by_role, rng("surveys"), plan.reference_date)
    # CIT-1, CIT-2: the demo citizen's questions (one open, one answered) and an open survey
    questions_demo(municipality, by_role, plan.reference_date)
    # MI-3: the commentary and a finished status report of last year, after all other data
    insight_demo(municipality, by_role, plan.reference_date)
    retention_demo(municipality, by_role)


def adults_of(municipality: Municipality, day: date) -> list[Person]:
    """The municipality's persons of 18 or more on ``day``, in a stable order."""
    born_by = date(day.year - 18, day.month, min(day.day, 28))
    return list(
        Person.objects.filter(municipality=municipality, birth_date__lte=born_by)
        .prefetch_related("languages")
        .order_by("pk")
    )


def create_staff(
    municipality: Municipality, staff: list[StaffPlan], *, password_hash: str
) -> dict[str, StaffUser]:
    """The municipality's staff users, by username, all with the same password hash."""
    units = {u.kind: u for u in Unit.objects.filter(municipality=municipality)}
    users: dict[str, StaffUser] = {}
    for plan in staff:
        user = StaffUser.objects.create(
            username=plan.username,
            password=password_hash,
            first_name=plan.first_name,
            last_name=plan.last_name,
            initials=plan.initials,
            municipality=municipality,
            role=plan.role,
        )
        user.units.set([units[kind] for kind in plan.unit_kinds])
        users[plan.username] = user
    return users


def staff_roles(mplan: MunicipalityPlan, users: dict[str, StaffUser]) -> dict[str, StaffUser]:
    """The first staff member of each role."""
    by_role: dict[str, StaffUser] = {}
    for staff in mplan.staff:
        by_role.setdefault(staff.role, users[staff.username])
    return by_role


def caseworkers(mplan: MunicipalityPlan, users: dict[str, StaffUser]) -> list[StaffUser]:
    return [users[s.username] for s in mplan.staff if s.role == Role.CASEWORKER]


def load_households(mplan: MunicipalityPlan, users: dict[str, StaffUser]) -> None:
    by_role = staff_roles(mplan, users)
    workers = caseworkers(mplan, users)
    for hplan in mplan.households:
        load_household(hplan, caseworker=workers[hplan.caseworker], by_role=by_role)


def load_household(
    hplan: HouseholdPlan, *, caseworker: StaffUser, by_role: dict[str, StaffUser]
) -> Household:
    household = household_register(
        acting_user=caseworker,
        name=hplan.name,
        members=[
            MemberData(
                first_name=m.first_name,
                last_name=m.last_name,
                birth_date=m.birth_date,
                sex=m.sex,
                nationality=m.nationality,
                residence_basis=m.residence_basis,
                relation=m.relation,
                cpr=m.cpr,
                languages=[
                    LanguageData(lang.language, lang.proficiency, lang.interpreter_needed)
                    for lang in m.languages
                ],
            )
            for m in hplan.members
        ],
        visitation_date=hplan.visitation_date,
        expected_arrival_date=hplan.expected_arrival_date,
        arrival_date=hplan.arrival_date,
        asylum_centre=hplan.asylum_centre,
        address=hplan.address,
        caseworker=caseworker,
        channel=CHANNEL,
    )
    cases = {
        case.person_id: case
        for case in Case.objects.filter(person__household=household).select_related("person")
    }
    # The case was opened "today" in the application's eyes; in the demo's story it was opened
    # on arrival (or at visitation, before arrival). Date the first transition accordingly.
    PhaseTransition.objects.filter(case__in=cases.values(), from_phase="").update(
        effective_date=hplan.arrival_date or hplan.visitation_date
    )
    persons = list(household.members.order_by("id"))
    assert len(persons) == len(hplan.members)
    for person, mplan in zip(persons, hplan.members, strict=True):
        case = cases.get(person.pk)
        assert (case is not None) == mplan.has_case, "the plan and the service disagree on adults"
        if case is None:
            continue
        final = (
            mplan.events[-1] if mplan.events and mplan.events[-1].to_phase == Phase.ENDED else None
        )
        for event in mplan.events:
            if event is final:
                continue
            _change_phase(case, event, caseworker)
        for role in mplan.contacts:
            case_add_contact_person(
                case=case, staff=by_role[role], acting_user=caseworker, channel=CHANNEL
            )
        for note in mplan.notes:
            author = (
                caseworker if note.author_role == Role.CASEWORKER else by_role[note.author_role]
            )
            note_add(case=case, acting_user=author, text=note.text, channel=CHANNEL)
        if final is not None:
            _change_phase(case, final, caseworker)
    _record_past_tasks_done(household, caseworker)
    return household


def _record_past_tasks_done(household: Household, caseworker: StaffUser) -> None:
    """Tasks due more than two weeks before the demo's reference day: done on their due day."""
    cutoff = REFERENCE_DATE - timedelta(days=14)
    past = PlanTask.objects.filter(
        plan__household=household,
        due_date__lt=cutoff,
        done_at__isnull=True,
        not_relevant_reason="",
    )
    tasks = list(past.only("pk", "due_date", "template_task_id", "municipality_id"))
    items: dict[int, list[int]] = {}
    for item_id, template_task_id in TemplateChecklistItem.objects.filter(
        template_task__in={t.template_task_id for t in tasks if t.template_task_id}
    ).values_list("pk", "template_task_id"):
        items.setdefault(template_task_id, []).append(item_id)
    ticks = []
    for task in tasks:
        assert task.due_date is not None
        done_at = datetime.combine(task.due_date, time(10), tzinfo=UTC)
        PlanTask.objects.filter(pk=task.pk).update(
            done_at=done_at,
            done_on=task.due_date,
            done_by=caseworker,
            done_initials=caseworker.initials,
        )
        # a done move-in visit went through its checklist (HOU-7)
        ticks += [
            ChecklistTick(
                municipality_id=task.municipality_id,
                task_id=task.pk,
                item_id=item_id,
                done_at=done_at,
                done_by=caseworker,
                done_initials=caseworker.initials,
            )
            for item_id in items.get(task.template_task_id or 0, [])
        ]
    ChecklistTick.objects.bulk_create(ticks)


def _change_phase(case: Case, event: CaseEvent, caseworker: StaffUser) -> None:
    case_change_phase(
        case=case,
        to=event.to_phase,
        acting_user=caseworker,
        reason=event.reason,
        expected_version=case.version,
        effective_date=event.effective_date,
        end_reason=event.end_reason,
        channel=CHANNEL,
    )
