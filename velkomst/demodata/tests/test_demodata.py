"""The demo data: deterministic per seed, loaded through the services exactly as planned, sane."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from velkomst.core.models import Municipality, Role, StaffUser
from velkomst.demodata.generator import demo_plan, load_demo
from velkomst.demodata.plan import (
    ADULT_AGE,
    END_REASONS,
    REFERENCE_DATE,
    DemoPlan,
    municipality_plan,
)
from velkomst.engines.calendar import programme_end
from velkomst.people.models import (
    AssignmentKind,
    EndReason,
    Household,
    Phase,
    Proficiency,
    Relation,
    ResidenceBasis,
    Sex,
)
from velkomst.people.services import PHASES
from velkomst.people.validators import cpr_birth_date

SMALL = 4  # households per municipality for the database tests


def plan_summary(plan: DemoPlan) -> dict:
    return {
        m.code: {
            "staff": sorted(
                (s.username, s.role, s.first_name, s.last_name, s.initials, s.unit_kinds)
                for s in m.staff
            ),
            "households": [
                (
                    h.name,
                    h.visitation_date,
                    h.expected_arrival_date,
                    h.arrival_date,
                    h.asylum_centre,
                    h.address,
                    [
                        (
                            p.first_name,
                            p.last_name,
                            p.birth_date,
                            p.sex,
                            p.nationality,
                            p.cpr,
                            p.relation,
                            p.residence_basis,
                            tuple(
                                (lang.language, lang.proficiency, lang.interpreter_needed)
                                for lang in p.languages
                            ),
                            p.final_phase,
                            p.events[-1].end_reason if p.events else "",
                            tuple((e.to_phase, e.effective_date) for e in p.events),
                            len(p.contacts),
                            len(p.notes),
                        )
                        for p in h.members
                    ],
                )
                for h in m.households
            ],
        }
        for m in plan.municipalities
    }


def db_summary() -> dict:
    result = {}
    for municipality in Municipality.objects.all():
        staff = sorted(
            (
                u.username,
                u.role,
                u.first_name,
                u.last_name,
                u.initials,
                tuple(sorted(unit.kind for unit in u.units.all())),
            )
            for u in StaffUser.objects.filter(municipality=municipality)
        )
        households = []
        for h in Household.objects.filter(municipality=municipality).order_by("id"):
            members = []
            for p in h.members.order_by("id"):
                case = getattr(p, "case", None)
                events: tuple = ()
                if case is not None:
                    events = tuple(
                        (t.to_phase, t.effective_date)
                        for t in case.transitions.order_by("id")
                        if t.from_phase
                    )
                members.append(
                    (
                        p.first_name,
                        p.last_name,
                        p.birth_date,
                        p.sex,
                        p.nationality,
                        p.cpr,
                        p.relation,
                        p.residence_basis,
                        tuple(
                            (lang.language, lang.proficiency, lang.interpreter_needed)
                            for lang in p.languages.order_by("id")
                        ),
                        case.phase if case else "",
                        case.end_reason if case else "",
                        events,
                        case.assignments.filter(kind=AssignmentKind.CONTACT).count() if case else 0,
                        case.notes.count() if case else 0,
                    )
                )
            households.append(
                (
                    h.name,
                    case_visitation(h),
                    h.expected_arrival_date,
                    h.arrival_date,
                    h.asylum_centre,
                    h.address,
                    members,
                )
            )
        result[municipality.code] = {"staff": staff, "households": households}
    return result


def case_visitation(household: Household):
    case = next((p.case for p in household.members.all() if hasattr(p, "case")), None)
    return case.visitation_date if case else None


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = plan_summary(demo_plan(seed=7, households_per_municipality=10))
    again = plan_summary(demo_plan(seed=7, households_per_municipality=10))
    other = plan_summary(demo_plan(seed=8, households_per_municipality=10))
    assert first == again
    assert first != other
    assert first["400"]["households"] != other["400"]["households"]


def test_the_plan_does_not_depend_on_todays_date_or_django():
    code = (
        "import sys, velkomst.demodata.plan as p; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'imports django'; "
        "print(p.build_plan(seed=3, households_per_municipality=2).municipalities[0].households[0])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


@pytest.mark.django_db
def test_the_database_holds_exactly_the_planned_data():
    plan = demo_plan(seed=11, households_per_municipality=SMALL)
    load_demo(plan, password="demo-password-1")
    assert db_summary() == plan_summary(plan)


@pytest.mark.django_db
def test_every_municipality_has_every_role_and_a_second_caseworker():
    logins = load_demo(demo_plan(seed=5, households_per_municipality=1), password="pw-123456")
    assert set(Municipality.objects.values_list("code", flat=True)) == {"400", "540", "440", "851"}
    for municipality in Municipality.objects.all():
        roles = list(
            StaffUser.objects.filter(municipality=municipality).values_list("role", flat=True)
        )
        assert set(roles) == set(Role.values) - {Role.NATIONAL}
        assert roles.count(Role.CASEWORKER) == 2
    # the immigration service's national user: outside every municipality
    national = StaffUser.objects.get(username="ust-national")
    assert national.role == Role.NATIONAL and national.municipality_id is None
    assert StaffUser.objects.get(username="sonderborg-manager").check_password("pw-123456")
    assert StaffUser.objects.get(username="bornholm-caseworker").units.get().kind == "integration"
    assert not StaffUser.objects.get(username="aalborg-administrator").units.exists()
    assert {login.username for login in logins} == set(
        StaffUser.objects.values_list("username", flat=True)
    )


@pytest.fixture(scope="module")
def default_plan() -> DemoPlan:
    return demo_plan()


def test_every_cpr_is_valid_and_only_arrived_persons_have_one(default_plan):
    seen = set()
    for m in default_plan.municipalities:
        for h in m.households:
            for p in h.members:
                if h.arrival_date is None:
                    assert p.cpr == ""
                    continue
                assert cpr_birth_date(p.cpr) == p.birth_date, p
                assert int(p.cpr[-1]) % 2 == (1 if p.sex == "M" else 0)
                assert p.cpr not in seen
                seen.add(p.cpr)
    assert len(seen) > 500


def test_household_compositions_are_sane(default_plan):
    compositions = set()
    for m in default_plan.municipalities:
        for h in m.households:
            compositions.add(h.composition)
            relations = [p.relation for p in h.members]
            assert relations.count("head") == 1 and relations[0] == "head"
            assert relations.count("spouse") <= 1
            head = h.members[0]
            parents = [p for p in h.members if p.relation in ("head", "spouse")]
            for child in (p for p in h.members if p.relation == "child"):
                assert all(child.birth_date > parent.birth_date for parent in parents)
                assert child.birth_date < h.visitation_date
            for grandparent in (p for p in h.members if p.relation == "parent"):
                assert grandparent.birth_date < head.birth_date
            assert all(p.age_on(h.visitation_date) >= ADULT_AGE for p in parents), (
                "heads and spouses are adults"
            )
            assert len({p.first_name for p in h.members}) == len(h.members)
            for p in h.members:
                assert p.relation in Relation.values
                assert p.sex in Sex.values
                assert p.residence_basis in ResidenceBasis.values
                assert all(lang.proficiency in Proficiency.values for lang in p.languages)
    assert compositions >= {"single", "couple", "couple_children", "single_parent", "reunified"}


def test_case_histories_follow_the_pipeline_and_the_dates(default_plan):
    end_reasons = set()
    phases = set()
    for m in default_plan.municipalities:
        for h in m.households:
            for p in h.members:
                if not p.has_case:
                    assert not p.events and not p.notes
                    continue
                phases.add(p.final_phase)
                if h.arrival_date is None:
                    assert p.final_phase == Phase.PRE_ARRIVAL and not p.events
                    continue
                phase, day = Phase.RECEPTION, h.arrival_date
                for event in p.events:
                    assert event.to_phase in PHASES[phase]
                    assert day <= event.effective_date <= REFERENCE_DATE
                    phase, day = event.to_phase, event.effective_date
                    if phase == Phase.ENDED:
                        assert event.end_reason in EndReason.values
                        end_reasons.add(event.end_reason)
                end = programme_end(h.takeover_date, 36)
                if p.final_phase == Phase.PROGRAMME:
                    assert end >= REFERENCE_DATE, "a programme past its end would have ended"
                if p.events and p.events[-1].end_reason == "period_expired":
                    assert end < REFERENCE_DATE
                assert len(p.contacts) <= 2
    assert phases == set(Phase.values)
    assert end_reasons == set(END_REASONS)


def test_a_municipality_can_be_scaled_to_a_number_of_persons():
    plan = municipality_plan(seed=1, code="440", persons=1500)
    assert 1500 <= plan.person_count < 1510


@pytest.mark.django_db
def test_the_demo_command_prints_the_logins_and_respects_if_empty():
    out = StringIO()
    call_command("demo", "--households", "1", "--seed", "3", "--password", "hemmelig-1", stdout=out)
    text = out.getvalue()
    assert "bornholm-caseworker" in text and "aalborg-manager" in text
    assert "hemmelig-1" in text
    assert StaffUser.objects.get(username="kerteminde-caseworker").check_password("hemmelig-1")

    out = StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "ingen demodata" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("demo", stdout=StringIO())


@pytest.mark.django_db
def test_the_demo_houses_households_and_leaves_a_run_for_the_housing_officer():
    # REQ: HOU-3, HOU-4
    from velkomst.housing.models import Decision, HousingNeed, Placement, PlacementRun

    plan = demo_plan(seed=11, households_per_municipality=SMALL)
    load_demo(plan, password="demo-password-1")
    runs_seen = 0
    for municipality in Municipality.objects.all():
        households = Household.objects.filter(municipality=municipality)
        assert HousingNeed.objects.filter(household__in=households).count() == households.count()
        placed = Placement.objects.filter(municipality=municipality)
        arrived = households.filter(arrival_date__lte=plan.reference_date)
        assert set(placed.values_list("household", flat=True)) == set(
            arrived.values_list("pk", flat=True)
        )
        assert not placed.filter(dwelling__area__vulnerable=True).exists()
        temporary = placed.filter(end_date=None, type__in=["temporary", "converted"])
        waiting = set(households.exclude(pk__in=arrived).values_list("pk", flat=True))
        waiting |= set(temporary.values_list("household", flat=True))
        run = PlacementRun.objects.filter(municipality=municipality).first()
        if not waiting:
            assert run is None
            continue
        assert run is not None and set(run.household_ids) == waiting
        assert run.status == "done" and run.suggestions.count() == len(waiting)
        assert set(run.suggestions.values_list("decision", flat=True)) == {Decision.PENDING}
        runs_seen += 1
    assert runs_seen >= 2
