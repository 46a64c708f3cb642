"""The start page's panels: per role, what needs the user today (SEC-2: each role its own).

Each panel is a small selector built on the list selector behind it, so a figure counts exactly
the rows its link shows (the link carries the list's filter in the query string). Counts are no
read of a person (no audit row); the one panel that lists households by name (the housing
officer's most urgent) logs a ``view`` per member shown (SEC-3). Every panel runs a fixed number
of queries, whatever the number of citizens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velkomst.appointments import selectors as appointment_selectors
from velkomst.core import access, audit
from velkomst.core.models import AuditAction, Role, StaffUser
from velkomst.danish import selectors as danish_selectors
from velkomst.engines.deadlines import DeadlineState
from velkomst.families import selectors as family_selectors
from velkomst.families.models import PlacementStateChoices
from velkomst.health import policy as health_policy
from velkomst.health import selectors as health_selectors
from velkomst.health.models import ReferralStatus
from velkomst.housing import runs as housing_runs
from velkomst.housing import selectors as housing_selectors
from velkomst.housing.models import Decision, PlacementSuggestion
from velkomst.neighbours import selectors as neighbour_selectors
from velkomst.outcomes import selectors as outcome_selectors
from velkomst.people import selectors as people_selectors
from velkomst.programme import selectors as programme_selectors
from velkomst.reception import selectors as reception_selectors

ARRIVAL_DAYS = 14  # "arrivals in the next 14 days"
URGENT_HOUSEHOLDS = 5  # the housing officer's short list of the most urgent households


@dataclass(frozen=True)
class Figure:
    """A number and the list behind it (``href`` shows exactly ``count`` rows)."""

    label: str
    count: int
    href: str


@dataclass(frozen=True)
class Panel:
    title: str
    figures: list[Figure] = field(default_factory=list)
    text: str = ""  # what the panel will hold (roles whose work is not built yet)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, href)
    households: list[Any] = field(default_factory=list)  # a short list, shown by name


def formats_amount(value: int) -> str:
    from velkomst.core.formats import format_amount

    return format_amount(value)


def _url(name: str, *args: Any, **query: Any) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


# --- panels ------------------------------------------------------------------------------------


def tasks_panel(user: StaffUser, today: reception_selectors.Today) -> Panel:
    """The user's overdue and due-soon tasks, as "Mine opgaver" lists them (REC-4)."""
    tasks = reception_selectors.my_tasks(user=user, today=today)
    counts = tasks.aggregate(
        overdue=Count("pk", filter=reception_selectors.state_q(DeadlineState.OVERDUE, today)),
        due_soon=Count("pk", filter=reception_selectors.state_q(DeadlineState.DUE_SOON, today)),
    )
    return Panel(
        title=_("Mine opgaver"),
        figures=[
            Figure(_("Overskredne frister"), counts["overdue"], _url("my-tasks", state="overdue")),
            Figure(
                _("Frist inden for %(days)s dage") % {"days": today.due_soon_days},
                counts["due_soon"],
                _url("my-tasks", state="due_soon"),
            ),
        ],
    )


def citizens_panel(user: StaffUser) -> Panel:
    """The caseworker's own citizens arriving soon, and meetings left today."""
    arriving = people_selectors.person_list(user=user, mine=True, arriving=ARRIVAL_DAYS).count()
    meetings = appointment_selectors.my_upcoming_appointments(user=user, today_only=True).count()
    return Panel(
        title=_("Mine borgere og møder"),
        figures=[
            Figure(
                _("Borgere, der ankommer inden for %(days)s dage") % {"days": ARRIVAL_DAYS},
                arriving,
                # the list's "my citizens" scope: the user's own cases
                _url("person-list", scope="mine", arriving=ARRIVAL_DAYS),
            ),
            Figure(_("Møder resten af i dag"), meetings, _url("my-calendar", when="today")),
        ],
    )


def neighbours_panel(user: StaffUser) -> Panel:
    """Open neighbour-problem cases the user may see, and those past their response day
    (HOU-8)."""
    counts = neighbour_selectors.open_counts(user)
    return Panel(
        title=_("Naboproblemer"),
        figures=[
            Figure(_("Åbne sager"), counts["open"], _url("neighbours-report-list", status="open")),
            Figure(
                _("Svarfristen er overskredet"),
                counts["overdue"],
                _url("neighbours-report-list", status="open", overdue="on"),
            ),
        ],
    )


def housing_panel(user: StaffUser, day: date) -> Panel:
    """Households waiting for a home by needed-by date, suggestions awaiting a decision (HOU-3)
    and temporary stays over the municipality's limit (HOU-4)."""
    waiting = housing_runs.waiting_households(user)
    urgent = list(waiting.prefetch_related("members")[:URGENT_HOUSEHOLDS])
    audit.log_many(
        actor=user,
        action=AuditAction.VIEW,
        objects=[(h, m.pk) for h in urgent for m in h.members.all()],
        reason="start page: households waiting for housing",
    )
    for household in urgent:
        needed_by = household.housing_need.needed_by
        household.overdue = needed_by is not None and needed_by < day  # type: ignore[attr-defined]
    figures = [
        Figure(_("Husstande, der venter på bolig"), waiting.count(), _url("housing-run-create"))
    ]
    pending = (
        PlacementSuggestion.objects.filter(
            run__municipality_id=access.tenant_id(user),
            decision=Decision.PENDING,
            dwelling__isnull=False,
        )
        .values("run_id", "run__created_at")
        .annotate(n=Count("pk"))
        .order_by("run__created_at", "run_id")
    )
    for row in pending:
        created = timezone.localtime(row["run__created_at"])
        figures.append(
            Figure(
                _("Boligforslag venter på beslutning (kørsel %(day)s)")
                % {"day": formats.date_format(created, "SHORT_DATE_FORMAT")},
                row["n"],
                _url("housing-run-detail", row["run_id"]),
            )
        )
    figures.append(temporary_figure(user, day))
    return Panel(title=_("Bolig"), figures=figures, households=urgent)


def temporary_figure(user: StaffUser, day: date) -> Figure:
    """Households in temporary housing longer than ``temporary_housing_limit_days`` (HOU-4)."""
    overview = housing_selectors.temporary_overview(user, day)
    return Figure(
        _("I midlertidig bolig over grænsen på %(days)s dage") % {"days": overview.limit_days},
        overview.over_limit,
        _url("housing-temporary", over=1),
    )


def children_panel(user: StaffUser, day: date) -> Panel:
    """Children not yet in daycare or school, by the start standard's state (CHI-2): one query,
    counted with the overview's own condition for each state (``families.selectors.state_q``)."""
    schedule = family_selectors.start_days_schedule(access.tenant_id(user))
    qs = family_selectors.with_start_delay(family_selectors.placements_visible_to(user))
    states = (
        PlacementStateChoices.OVERDUE,
        PlacementStateChoices.DUE,
        PlacementStateChoices.AWAITING_ARRIVAL,
    )
    counts = qs.aggregate(
        **{
            state.value: Count("pk", filter=family_selectors.state_q(state, schedule, day, qs))
            for state in states
        }
    )
    figures = [
        Figure(str(state.label), counts[state.value], _url("placement-overview", state=state))
        for state in states
    ]
    return Panel(title=_("Børn, der ikke er startet i dagtilbud eller skole"), figures=figures)


def danish_panel(user: StaffUser, day: date) -> Panel:
    """The user's own citizens past the Danish-education deadlines (PRG-2): adults not referred
    within a month of takeover, and referrals not started within a month; two queries, counted
    with the overview's own filters."""
    counts = danish_selectors.overdue_counts(user, day, mine=True)
    return Panel(
        title=_("Danskuddannelse"),
        figures=[
            Figure(
                _("Ikke henvist inden for fristen"),
                counts["referral"],
                _url("danish-overview", state="not_referred", overdue="on", scope="mine"),
            ),
            Figure(
                _("Ikke startet inden for fristen"),
                counts["start"],
                _url("danish-overview", state="waiting", overdue="on", scope="mine"),
            ),
        ],
    )


def manager_panel(user: StaffUser, today: reception_selectors.Today) -> Panel:
    """Headline counts: the municipality's citizens and each unit's overdue tasks (REC-4)."""
    figures = [
        Figure(
            _("Borgere i kommunen"),
            people_selectors.persons_visible_to(user).count(),
            _url("person-list"),
        )
    ]
    overdue = dict(
        reception_selectors.tasks_visible_to(user)
        .filter(reception_selectors.state_q(DeadlineState.OVERDUE, today))
        .values_list("owner_unit_kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for unit in reception_selectors.worklist_units(user):
        figures.append(
            Figure(
                _("Overskredne opgaver: %(unit)s") % {"unit": unit.name},
                overdue.get(unit.kind, 0),
                _url("worklist", unit=unit.pk, state="overdue"),
            )
        )
    figures.append(temporary_figure(user, today.day))
    return Panel(title=_("Overblik"), figures=figures)


def grants_panel(user: StaffUser, day: date) -> Panel:
    """The result grants earned this year, as the grants list filtered by the year shows them
    (PRG-7): their number and amount."""
    grants = outcome_selectors.grants_earned_in(user=user, year=day.year)
    return Panel(
        title=_("Resultattilskud"),
        figures=[
            Figure(
                _("Optjent i %(year)s (i alt %(amount)s)")
                % {"year": day.year, "amount": formats_amount(grants.total)},
                len(grants.rows),
                _url("outcomes-grants", year=day.year),
            )
        ],
    )


def health_panel(user: StaffUser) -> Panel:
    """The health coordinator's (HEA-1): offers not answered, referrals waiting or just made."""
    counts = health_selectors.referral_counts(user)
    return Panel(
        title=_("Sundhed"),
        figures=[
            Figure(
                _("Tilbud om helbredsvurdering uden svar"),
                health_selectors.offers_unanswered(user).count(),
                _url("health-overview", view="offers"),
            ),
            Figure(
                _("Henvisninger på venteliste"),
                counts.get(ReferralStatus.WAITING, 0),
                _url("health-overview", status=ReferralStatus.WAITING),
            ),
            Figure(
                _("Henvisninger uden start"),
                counts.get(ReferralStatus.REFERRED, 0),
                _url("health-overview", status=ReferralStatus.REFERRED),
            ),
        ],
    )


def companies_panel(user: StaffUser) -> Panel:
    """The job consultant's openings, proposals awaiting the company's answer and the
    speed-dating events coming (PRG-4)."""
    from velkomst.companies import selectors as company_selectors

    counts = company_selectors.start_page_counts(user)
    return Panel(
        title=_("Virksomheder og job"),
        figures=[
            Figure(
                _("Åbne opslag"),
                counts["open_openings"],
                _url("companies:opening-list", status="open"),
            ),
            Figure(
                _("Forslag der venter på virksomhedens svar"),
                counts["awaiting_answer"],
                _url("companies:proposal-list", answer="pending"),
            ),
            Figure(
                _("Kommende speed-dating"),
                counts["events_coming"],
                _url("companies:job-event-list", when="coming"),
            ),
        ],
    )


def followups_panel(user: StaffUser, day: date) -> Panel:
    """The barriers the user is responsible for whose follow-up day has come (PRG-6) and the
    coordinated plans the user coordinates (HEA-2)."""
    figures = []
    if health_policy.can_see_barriers(user):
        figures.append(
            Figure(
                _("Barrierer til opfølgning"),
                health_selectors.barriers_due(user, day).count(),
                _url("barrier-followups"),
            )
        )
    figures.append(
        Figure(
            _("Koordinerede indsatser, du er koordinator for"),
            health_selectors.coordinations_of(user).count(),
            _url("coordination-list"),
        )
    )
    return Panel(title=_("Opfølgning"), figures=figures)


# --- roles without their own work yet: what the page will hold, and links --------------------

COMING: dict[Role, Any] = {
    Role.JOB_CONSULTANT: gettext_lazy(
        "Her samles borgernes vej mod job og uddannelse: samtaler, tilbud og frister i jobcentret."
    ),
    Role.VOLUNTEER_COORDINATOR: gettext_lazy(
        "Her samles husstande, der venter på en frivillig, og de aftalte forløb med frivillige."
    ),
    Role.INTERPRETER_COORDINATOR: gettext_lazy(
        "Her samles møder, der mangler en tolk, efter dato og sprog."
    ),
    Role.ADMINISTRATOR: gettext_lazy(
        "Her konfigurerer du kommunen: enheder, medarbejdere og roller, tal og frister, "
        "skabelonen for modtageplanen, og du følger loggen og sikkerhedshændelserne."
    ),
}

LINKS = [  # (url name, label, capability)
    ("person-list", gettext_lazy("Borgere"), access.PERSON_VIEW),
    ("my-tasks", gettext_lazy("Mine opgaver"), access.TASK_COMPLETE),
    ("my-calendar", gettext_lazy("Min kalender"), access.PERSON_VIEW),
    ("contact-list", gettext_lazy("Kontakter"), access.CONTACT_LOG),
    ("admin:index", gettext_lazy("Konfiguration, enheder og medarbejdere"), access.ADMIN_SITE),
    ("plan-template-list", gettext_lazy("Skabelon for modtageplan"), access.TEMPLATE_EDIT),
    ("security-events", gettext_lazy("Sikkerhedshændelser"), access.ADMIN_SITE),
    ("audit-search", gettext_lazy("Log og aktindsigt"), access.AUDIT_VIEW),
]


def programme_panel(user: StaffUser, today: reception_selectors.Today) -> Panel:
    """The caseworker's programme deadlines (PRG-1, PRG-5): contracts due soon or overdue,
    follow-up meetings below the minimum, and plans of persons under 30 flagged."""
    rows = programme_selectors.caseworker_deadlines(user, today.day, today.due_soon_days)

    def figure(label: str, key: str) -> Figure:
        count = sum(1 for r in rows if r.key == key)
        return Figure(label, count, _url("programme-overview", show=key))

    return Panel(
        title=_("Integrationsforløb"),
        figures=[
            figure(_("Kontrakter med frist snart eller overskredet"), "contract"),
            figure(_("Jobsamtaler under minimum"), "meetings"),
            figure(_("Under 30 uden uddannelsesrettet plan"), "young"),
        ],
    )


def enterprise_panel(user: StaffUser, today: reception_selectors.Today) -> Panel:
    """The job consultant's adults without an enterprise-directed activity past its deadline."""
    late = programme_selectors.without_enterprise_activity(user, today.day)
    return Panel(
        title=_("Virksomhedsrettede aktiviteter"),
        figures=[
            Figure(
                _("Uden virksomhedsrettet aktivitet efter fristen"),
                len(late),
                _url("programme-overview", show="late"),
            )
        ],
    )


def matching_panel(user: StaffUser) -> Panel:
    """The job consultant's open openings nobody is proposed for yet, as the matching page lists
    them (PRG-4). One count query; the eligible persons per opening are on the opening's page
    (ranking every candidate for every opening is the engine's work, not a start page's)."""
    from velkomst.matching.selectors import open_openings

    count = open_openings(user, unproposed=True).count()
    return Panel(
        title=_("Matchning"),
        figures=[
            Figure(_("Åbne opslag uden forslag"), count, _url("matching:index", unproposed="1"))
        ],
    )


def coming_panel(user: StaffUser) -> Panel:
    caps = access.capabilities(user)
    return Panel(
        title=_("Din forside"),
        text=str(COMING.get(Role(user.role), "")),
        links=[(str(label), reverse(name)) for name, label, cap in LINKS if cap in caps],
    )


# --- the page ----------------------------------------------------------------------------------


def panels_for(user: StaffUser) -> list[Panel]:
    """The start page of the user's role: the panels of what needs them, in order."""
    role = user.role
    if role == Role.ADMINISTRATOR:
        return [coming_panel(user)]
    today = reception_selectors.Today.for_user(user)
    panels: list[Panel] = []
    if role == Role.MANAGER:
        panels += [
            manager_panel(user, today),
            children_panel(user, today.day),
            neighbours_panel(user),
            grants_panel(user, today.day),
        ]
        return panels
    panels.append(tasks_panel(user, today))
    if role == Role.CASEWORKER:
        panels += [
            citizens_panel(user),
            programme_panel(user, today),
            danish_panel(user, today.day),
            neighbours_panel(user),
            grants_panel(user, today.day),
        ]
    elif role == Role.JOB_CONSULTANT:
        panels += [
            enterprise_panel(user, today),
            companies_panel(user),
            matching_panel(user),
            coming_panel(user),
        ]
    elif role == Role.HOUSING_OFFICER:
        panels += [housing_panel(user, today.day), neighbours_panel(user)]
    elif role == Role.FAMILY_CONSULTANT:
        panels.append(children_panel(user, today.day))
    elif role == Role.HEALTH_COORDINATOR:
        panels.append(health_panel(user))
    else:
        panels.append(coming_panel(user))
    panels.append(followups_panel(user, today.day))
    return panels
