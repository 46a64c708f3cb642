"""The default reception-plan template (REC-2, REC-3, REC-4, CHI-1, HOU-7) and each seed
municipality's own values.

The numbers are each municipality's choice, so they are data: ``install_presets(municipality)``
writes them as version 1 of the municipality's template, which the municipality then edits
(each edit a new version). Sources are cited per task: B = Bornholm (seed 000), S = Sønderborg
(001), KL = the KL catalogue (002), K = Kerteminde (003), A = Aalborg (004).

Deadline rules read: anchor, then months, then days of a kind ("week_end": the last working day
of the week the offset lands in). "Arrival" is the actual arrival date, else the expected one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.utils.translation import gettext_noop as N_

from velkomst.core.models import Role, UnitKind
from velkomst.engines.deadlines import Adjustment, Anchor, Condition, DayKind, Scope

# Templates shipped as presets are in force from the seeds' time on, so every plan generated
# later (also for households visited in the past) gets them.
PRESET_EFFECTIVE_FROM = date(2015, 1, 1)
TEMPLATE_NAME = N_("Modtageplan")


@dataclass(frozen=True)
class TaskPreset:
    key: str
    title: str
    description: str
    owner_unit_kind: str
    owner_role: str
    anchor: str
    offset_days: int = 0
    offset_months: int = 0
    day_kind: str = DayKind.CALENDAR
    # a calendar-day deadline on a closed day moves to the next working day (REC-4)
    adjustment: str = Adjustment.NEXT
    condition: str = Condition.ALL
    scope: str = Scope.HOUSEHOLD
    category: str = ""
    anchor_key: str = ""  # for Anchor.TASK_COMPLETION: the key of the task counted from
    # the points to go through and initial one by one (HOU-7); Danish, marked for translation so
    # the preset reads in English too (a municipality's own wording is shown as written)
    checklist: tuple[str, ...] = ()


INTEGRATION, CASEWORKER = UnitKind.INTEGRATION, Role.CASEWORKER
CHILDREN, FAMILY = UnitKind.CHILDREN_FAMILY, Role.FAMILY_CONSULTANT
JOBCENTRE, JOB = UnitKind.JOBCENTRE, Role.JOB_CONSULTANT
HOUSING, HOUSING_OFFICER = UnitKind.HOUSING, Role.HOUSING_OFFICER
HEALTH, HEALTH_COORDINATOR = UnitKind.HEALTH, Role.HEALTH_COORDINATOR

# HOU-7 (KL Haderslev, seed 002 "Sammen om at skabe rammerne for den gode indflytning"): the
# move-in checklist in two parts. The first part, within 14 days: the move-in inspection with the
# housing association, mentor and family consultant; the area, where to shop and the city bus;
# how the kitchen, living room and bathroom work. The second part, about 14 days later: the points
# of the first visit gone through in more depth, the fixtures used as explained, and meeting the
# neighbours. Each point is initialled by the one responsible.
FIRST_VISIT_CHECKLIST: tuple[str, ...] = (
    N_("Indflytningssyn af boligen med boligorganisationen"),
    N_("Området vist"),
    N_("Indkøbsmuligheder vist"),
    N_("Bybussen forklaret"),
    N_("Køkkenets funktioner forklaret"),
    N_("Stuens funktioner forklaret"),
    N_("Badeværelsets funktioner forklaret"),
)
SECOND_VISIT_CHECKLIST: tuple[str, ...] = (
    N_("Punkterne fra første besøg uddybet"),
    N_("Inventaret bruges efter retningslinjerne fra første besøg"),
    N_("Hilst på naboerne"),
)

# The default template, in checklist order. Texts are Danish (the municipality's own words are
# data, edited in the template, not translated UI strings).
DEFAULT_TASKS: tuple[TaskPreset, ...] = (
    # REC-4 (KL Aarhus): a pre-arrival meeting three weeks before arrival
    TaskPreset(
        key="pre_arrival_meeting",
        title="Formøde før ankomst",
        description=(
            "Inviter til formøde på asylcentret (eller med videotolk) tre uger før ankomst: "
            "bolig og indkvartering, introduktion til kommunen, spørgsmål. Giv mappen med "
            "information og opgaver: find papirer om uddannelse og arbejde frem, udfyld "
            "CV-skabelonen."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.EXPECTED_ARRIVAL,
        offset_days=-21,
        category="pre_arrival_meeting",
    ),
    # CHI-1 (KL Vordingborg): a first screening meeting before arrival, so a plan is ready
    TaskPreset(
        key="child_screening_before_arrival",
        title="Første screeningsmøde (børn og familie)",
        description=(
            "Integrationsteamet adviserer Børn og familie, og de holder sammen et første "
            "screeningsmøde, så der er en plan klar, når familien ankommer. "
            "Familiekonsulenten booker møderne og inviterer de relevante."
        ),
        owner_unit_kind=CHILDREN,
        owner_role=FAMILY,
        anchor=Anchor.EXPECTED_ARRIVAL,
        offset_days=-7,
        condition=Condition.HAS_CHILDREN,
        category="child_screening",
    ),
    # REC-3 (KL Ringkøbing-Skjern's reception plan): CPR number, per person
    TaskPreset(
        key="cpr_number",
        title="CPR-nummer",
        description=(
            "Følg borgeren til Borgerservice og få personen registreret i CPR med adressen. "
            "Skriv CPR-nummeret på personen i Velkomst."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.ARRIVAL,
        offset_days=2,
        day_kind=DayKind.WORKING,
        scope=Scope.PERSON,
        category="cpr",
    ),
    TaskPreset(
        key="health_card_gp",
        title="Sundhedskort og egen læge",
        description=(
            "Vælg praktiserende læge sammen med borgeren og bestil sundhedskortet, når "
            "CPR-nummeret er tildelt."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.ARRIVAL,
        offset_days=5,
        day_kind=DayKind.WORKING,
        scope=Scope.PERSON,
        category="health_card",
    ),
    TaskPreset(
        key="bank_account",
        title="Bankkonto og NemKonto",
        description=(
            "Book tid i banken med borgeren (tolk ved behov), opret konto og meld den som "
            "NemKonto, så ydelser kan udbetales."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.ARRIVAL,
        offset_days=5,
        day_kind=DayKind.WORKING,
        condition=Condition.ADULT,
        scope=Scope.PERSON,
        category="bank_account",
    ),
    # Digital Post needs the CPR number: counted from the day the CPR task was done
    TaskPreset(
        key="digital_post",
        title="Digital Post og MitID (e-Boks)",
        description=(
            "Hjælp borgeren med MitID og tilmelding til Digital Post (e-Boks/mit.dk), og vis "
            "hvordan breve fra kommunen læses."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.TASK_COMPLETION,
        anchor_key="cpr_number",
        offset_days=5,
        day_kind=DayKind.WORKING,
        condition=Condition.ADULT,
        scope=Scope.PERSON,
        category="digital_post",
    ),
    TaskPreset(
        key="establishment",
        title="Etableringsydelse",
        description=(
            "Søg etableringsydelse til indbo og gennemgå budgettet med husstanden: husleje, "
            "indskud, møbler og køkkenudstyr."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.ARRIVAL,
        offset_days=5,
        day_kind=DayKind.WORKING,
        category="establishment",
    ),
    TaskPreset(
        key="bus_card",
        title="Buskort",
        description="Bestil buskort, så borgeren kan komme til sprogskole, møder og praktik.",
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.ARRIVAL,
        offset_days=5,
        day_kind=DayKind.WORKING,
        scope=Scope.PERSON,
        category="bus_card",
    ),
    # REC-4 (KL Bornholm asylum centre): children start school or daycare within three days
    TaskPreset(
        key="school_daycare_start",
        title="Start i skole eller dagtilbud",
        description=(
            "Find plads i dagtilbud eller skole (modtagerklasse eller almindelig klasse) og "
            "aftal første dag med forældrene, så barnet starter senest tre dage efter "
            "ankomst."
        ),
        owner_unit_kind=CHILDREN,
        owner_role=FAMILY,
        anchor=Anchor.ARRIVAL,
        offset_days=3,
        condition=Condition.HAS_CHILDREN,
        scope=Scope.PERSON,
        category="school_daycare_start",
    ),
    # CHI-1 (KL Vordingborg): a start meeting with the parents in the week of arrival
    TaskPreset(
        key="child_start_meeting",
        title="Startmøde med forældrene i ankomstugen",
        description=(
            "Startmøde med forældrene i den uge, familien ankommer, med integrationsteamet og "
            "Børn og familie."
        ),
        owner_unit_kind=CHILDREN,
        owner_role=FAMILY,
        anchor=Anchor.ARRIVAL,
        day_kind=DayKind.WEEK_END,
        condition=Condition.HAS_CHILDREN,
        category="child_start_meeting",
    ),
    TaskPreset(
        key="cv",
        title="CV",
        description=(
            "Skriv CV'et med borgeren ud fra skabelonen fra formødet: uddannelse, arbejde, "
            "sprog og kompetencer."
        ),
        owner_unit_kind=JOBCENTRE,
        owner_role=JOB,
        anchor=Anchor.ARRIVAL,
        offset_days=5,
        day_kind=DayKind.WORKING,
        condition=Condition.WORKING_AGE,
        scope=Scope.PERSON,
        category="cv",
    ),
    # REC-4 (KL Ringkøbing-Skjern): the reception tasks are done so the citizen is job-active
    # from week two
    TaskPreset(
        key="job_active",
        title="Jobaktiv fra uge to",
        description=(
            "Første jobrettede samtale og et konkret virksomhedsrettet tilbud, så borgeren er "
            "jobaktiv i ugen efter ankomstugen. De praktiske opgaver må ikke blive en barriere."
        ),
        owner_unit_kind=JOBCENTRE,
        owner_role=JOB,
        anchor=Anchor.ARRIVAL,
        offset_days=7,
        day_kind=DayKind.WEEK_END,
        condition=Condition.WORKING_AGE,
        scope=Scope.PERSON,
        category="job_active",
    ),
    TaskPreset(
        key="forms_review",
        title="Gennemgang af blanketter og breve",
        description=(
            "Gennemgå blanketter og breve fra kommune, Udbetaling Danmark og Skat med "
            "husstanden, med tolk ved behov."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.ARRIVAL,
        offset_days=10,
        day_kind=DayKind.WORKING,
        category="forms_review",
    ),
    # REC-4 (KL Aarhus): welcome meeting in the second full week after arrival
    TaskPreset(
        key="welcome_meeting",
        title="Velkomstmøde",
        description=(
            "Velkomstmøde i anden hele uge efter ankomst: kommunens værdier og rammer, hvad "
            "borgeren kan forvente af kommunen. Informationsmateriale på borgerens sprog; "
            "grupper efter nationalitet giver god dialog."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.ARRIVAL,
        offset_days=14,
        day_kind=DayKind.WEEK_END,
        category="welcome_meeting",
    ),
    # REC-4, HOU-7 (KL Haderslev): move-in inspection within the first 14 days ...
    TaskPreset(
        key="move_in_inspection",
        title="Indflytningssyn (1. boligbesøg)",
        description=(
            "Indflytningssyn med boligorganisationen, mentor og familiekonsulent: området, "
            "indkøb og bybus; køkken, stue og badeværelse. Udfyld tjeklistens første del og "
            "noter den ansvarliges initialer. Tjeklisten lægges i velkomstmappen."
        ),
        owner_unit_kind=HOUSING,
        owner_role=HOUSING_OFFICER,
        anchor=Anchor.ARRIVAL,
        offset_days=14,
        category="housing_visit_1",
        checklist=FIRST_VISIT_CHECKLIST,
    ),
    # ... and a second visit about 14 days after the first
    TaskPreset(
        key="second_housing_visit",
        title="2. boligbesøg",
        description=(
            "Boligorganisationens medarbejder besøger husstanden igen: punkterne fra første "
            "besøg uddybes, brugen af inventaret følges op, og borgeren hilser på naboerne. "
            "Udfyld tjeklistens anden del med initialer."
        ),
        owner_unit_kind=HOUSING,
        owner_role=HOUSING_OFFICER,
        anchor=Anchor.TASK_COMPLETION,
        anchor_key="move_in_inspection",
        offset_days=14,
        category="housing_visit_2",
        checklist=SECOND_VISIT_CHECKLIST,
    ),
    # CHI-1 (KL Vordingborg): a second screening shortly after, with the plan for each child
    TaskPreset(
        key="child_second_screening",
        title="Andet screeningsmøde og plan for barn og familie",
        description=(
            "Andet screeningsmøde mellem forældrene og Børn og familie kort efter startmødet. "
            "Her laves en detaljeret plan for hvert barn og for familien."
        ),
        owner_unit_kind=CHILDREN,
        owner_role=FAMILY,
        anchor=Anchor.TASK_COMPLETION,
        anchor_key="child_start_meeting",
        offset_days=14,
        condition=Condition.HAS_CHILDREN,
        category="child_screening_2",
    ),
    # REC-4, PRG-2: referral to Danish education within one month of takeover (the law)
    TaskPreset(
        key="danish_referral",
        title="Henvisning til danskuddannelse",
        description=(
            "Henvis til danskuddannelse på sprogcentret (spor og modul efter borgerens "
            "baggrund). Undervisningen skal kunne begynde senest en måned efter henvisningen."
        ),
        owner_unit_kind=INTEGRATION,
        owner_role=CASEWORKER,
        anchor=Anchor.TAKEOVER,
        offset_months=1,
        condition=Condition.ADULT,
        scope=Scope.PERSON,
        category="danish_referral",
    ),
    # REC-4 (K): an enterprise internship offered within three months to everyone of working age
    TaskPreset(
        key="internship_offer",
        title="Tilbud om virksomhedspraktik",
        description=(
            "Tilbyd et virksomhedspraktikforløb, så vidt muligt matchet med borgerens "
            "uddannelse og erfaring, kombineret med sprogundervisning."
        ),
        owner_unit_kind=JOBCENTRE,
        owner_role=JOB,
        anchor=Anchor.ARRIVAL,
        offset_months=3,
        condition=Condition.WORKING_AGE,
        scope=Scope.PERSON,
        category="internship_offer",
    ),
    # REC-3, HEA-1: a health assessment offered (2014-16: to all; within six months of takeover)
    TaskPreset(
        key="health_assessment_offer",
        title="Tilbud om helbredsvurdering",
        description=(
            "Tilbyd helbredsvurdering hos egen læge (med tolk). Resultatet deles kun med "
            "borgerens samtykke og registreres under sundhed, ikke her."
        ),
        owner_unit_kind=HEALTH,
        owner_role=HEALTH_COORDINATOR,
        anchor=Anchor.TAKEOVER,
        offset_months=6,
        scope=Scope.PERSON,
        category="health_assessment",
    ),
    # Domain facts: from mid-2016 the health assessment is mandatory for quota refugees
    TaskPreset(
        key="health_assessment_quota",
        title="Helbredsvurdering gennemført (kvoteflygtning)",
        description="For kvoteflygtninge er helbredsvurderingen obligatorisk.",
        owner_unit_kind=HEALTH,
        owner_role=HEALTH_COORDINATOR,
        anchor=Anchor.TAKEOVER,
        offset_months=6,
        condition=Condition.QUOTA_REFUGEE,
        scope=Scope.PERSON,
        category="health_assessment",
    ),
)


def _override(tasks: tuple[TaskPreset, ...], key: str, **changes: object) -> tuple[TaskPreset, ...]:
    assert any(t.key == key for t in tasks), key
    return tuple(replace(t, **changes) if t.key == key else t for t in tasks)  # type: ignore[arg-type]


def _after(tasks: tuple[TaskPreset, ...], key: str, new: TaskPreset) -> tuple[TaskPreset, ...]:
    index = next(i for i, t in enumerate(tasks) if t.key == key)
    return (*tasks[: index + 1], new, *tasks[index + 1 :])


def _bornholm() -> tuple[TaskPreset, ...]:
    tasks = DEFAULT_TASKS
    # B (000, "Modtagelse"): referral to Danish education within one month of *arrival*
    tasks = _override(tasks, "danish_referral", anchor=Anchor.ARRIVAL)
    # KL Bornholm (asylum centre Rønne): children start school or daycare within three days;
    # this is the default already, kept explicit here because it is Bornholm's own number.
    return _override(tasks, "school_daycare_start", offset_days=3)


def _kerteminde() -> tuple[TaskPreset, ...]:
    tasks = DEFAULT_TASKS
    # K (003, Bosætning 6): a free bus card for the whole integration period
    tasks = _override(
        tasks,
        "bus_card",
        title="Gratis buskort for integrationsperioden",
        description=(
            "Bestil gratis buskort, der gælder hele integrationsperioden, så borgeren kan komme "
            "rundt i kommunen: sprogundervisning, aktiviteter, arbejde, praktik og besøg."
        ),
    )
    # K (003, Bosætning 3): the first visits are made with an interpreter or LINK
    tasks = _override(
        tasks,
        "move_in_inspection",
        description=(
            DEFAULT_TASKS[[t.key for t in DEFAULT_TASKS].index("move_in_inspection")].description
            + " De første besøg sker sammen med tolk eller en repræsentant fra LINK."
        ),
    )
    # K (003, Job/erhvervsmuligheder): internship offered within the first three months; the
    # default is Kerteminde's number.
    tasks = _override(tasks, "internship_offer", offset_months=3)
    # K (003, Mødet med andre medborgere 2): LINK asks about association life in the first talk
    return _after(
        tasks,
        "welcome_meeting",
        TaskPreset(
            key="association_interest",
            title="Interesse for foreningsliv (LINK)",
            description=(
                "LINK spørger i den første snak til interessen for at være aktiv eller frivillig "
                "i en forening. Voksne: kontakt Frivilligcenter Kerteminde. Under 18 år: "
                "kontakt Plads til Alle. Kontingentfrit i op til 6 måneder mod frivilligt arbejde."
            ),
            owner_unit_kind=UnitKind.VOLUNTEER_CENTRE,
            owner_role=Role.VOLUNTEER_COORDINATOR,
            anchor=Anchor.ARRIVAL,
            offset_months=1,
            scope=Scope.PERSON,
            category="association_interest",
        ),
    )


def _aalborg() -> tuple[TaskPreset, ...]:
    # A (004, "Vi lægger vægt på en hensigtsmæssig boligplacering"): formalia are prepared as far
    # as possible before arrival, so the forms review is done a week before the expected arrival
    return _override(
        DEFAULT_TASKS,
        "forms_review",
        anchor=Anchor.EXPECTED_ARRIVAL,
        offset_days=-7,
        day_kind=DayKind.CALENDAR,
        description=(
            "Forbered blanketter og formalia mest muligt før ankomst, så modtagelsen opleves "
            "rolig; gennemgå dem med husstanden ved formødet eller ankomsten."
        ),
    )


# kommunekode -> the municipality's preset. Sønderborg (540, seed 001) names no reception
# deadlines of its own (its guideposts are outcomes: Danish exams passed, employment), so it
# gets the default template.
PRESETS: dict[str, tuple[TaskPreset, ...]] = {
    "400": _bornholm(),
    "540": DEFAULT_TASKS,
    "440": _kerteminde(),
    "851": _aalborg(),
}


def preset_for(code: str) -> tuple[TaskPreset, ...]:
    return PRESETS.get(code, DEFAULT_TASKS)
