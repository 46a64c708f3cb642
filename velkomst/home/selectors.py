"""The start page's panels: per role, what needs the user today (SEC-2: each role its own).

Each panel is a small selector built on the list selector behind it, so a figure counts exactly
the rows its link shows (the link carries the list's filter in the query string). Counts are no
read of a person (no audit row); the one panel that lists households by name (the housing
officer's most urgent) logs a ``view`` per member shown (SEC-3). Every panel runs a fixed number
of queries, whatever the number of citizens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velkomst.appointments import selectors as appointment_selectors
from velkomst.core import access, audit, worklist
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
from velkomst.referrals import selectors as referral_selectors

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


def tasks_panel(
    user: StaffUser, today: reception_selectors.Today, deadlines: list[worklist.Row]
) -> Panel:
    """The user's overdue and due-soon tasks, as "Mine opgaver" lists them (REC-4): the
    reception plans' tasks and the other apps' deadlines of the user (``deadlines``, the
    worklist's rows of core/worklist.py, read once for the page)."""
    tasks = reception_selectors.my_tasks(user=user, today=today)
    counts = tasks.aggregate(
        overdue=Count("pk", filter=reception_selectors.state_q(DeadlineState.OVERDUE, today)),
        due_soon=Count("pk", filter=reception_selectors.state_q(DeadlineState.DUE_SOON, today)),
    )
    for row in deadlines:
        if row.state in counts:
            counts[row.state] += 1
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


def referrals_panel(user: StaffUser, day: date) -> Panel | None:
    """What waits in the inbox of the user's (first) unit: new referrals, those past their
    answer deadline, and those accepted and being worked on (COO-1). None without a unit."""
    unit = referral_selectors.units_for(user).filter(staff=user).first()
    if unit is None:
        return None
    counts = referral_selectors.counts(unit=unit, incoming=True, today=day)
    return Panel(
        title=_("Henvisninger til %(unit)s") % {"unit": unit.name},
        figures=[
            Figure(_("Nye"), counts["new"], _url("referral-inbox", unit.pk, show="new")),
            Figure(
                _("Overskredet svarfrist"),
                counts["overdue"],
                _url("referral-inbox", unit.pk, show="overdue"),
            ),
            Figure(
                _("Modtaget, i gang"),
                counts["accepted"],
                _url("referral-inbox", unit.pk, show="accepted"),
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
                grants.count,
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


def interpreting_panel(user: StaffUser, day: date) -> Panel:
    """The interpreter coordinator's day (INT-1): today's bookings, today's appointments that
    lack an interpreter, those in the coming month (the worklist's rows), today's requests
    waiting, and the month's video share
    against the target. A fixed number of queries."""
    from velkomst.interpreting import selectors as interpreting_selectors
    from velkomst.interpreting.models import BookingStatus
    from velkomst.interpreting.worklist import AHEAD_DAYS

    start, end = interpreting_selectors.day_bounds(day)
    _start, week_end = interpreting_selectors.day_bounds(day + timedelta(days=AHEAD_DAYS))
    today_missing = interpreting_selectors.missing_bookings(user=user, start=start, end=end)
    week_missing = interpreting_selectors.missing_bookings(user=user, start=start, end=week_end)
    requested = interpreting_selectors.bookings_search(
        user=user, day=day, status=BookingStatus.REQUESTED
    )
    share = interpreting_selectors.video_share(user=user, year=day.year, month=day.month)
    percent = round(100 * share.share_by_minutes) if share.share_by_minutes is not None else 0
    return Panel(
        title=_("Tolkning"),
        figures=[
            Figure(
                _("Bestillinger i dag"),
                interpreting_selectors.bookings_search(user=user, day=day).count(),
                _url("interpreting-day"),
            ),
            Figure(_("Møder i dag uden tolk"), today_missing.count(), _url("interpreting-day")),
            Figure(_("Møder den næste måned uden tolk"), week_missing.count(), _url("my-tasks")),
            Figure(
                _("Anmodninger i dag, der venter"),
                requested.count(),
                _url("interpreting-day", status=BookingStatus.REQUESTED),
            ),
        ],
        text=_("Videotolkning denne måned: %(share)s %% af minutterne (mål %(target)s %%).")
        % {"share": percent, "target": round(100 * share.target)},
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


def roundtables_panel(user: StaffUser, today: reception_selectors.Today) -> Panel | None:
    """The user's open follow-up tasks from round tables (COO-3): all, due soon and overdue, as
    the round tables' page lists them; no panel for a user who owns none. One query."""
    from velkomst.roundtables import selectors as roundtable_selectors

    counts = roundtable_selectors.followup_counts(user, today.day, today.due_soon_days)
    if not counts["open"]:
        return None
    href = _url("roundtable-list")
    return Panel(
        title=_("Rundbordsmøder"),
        figures=[
            Figure(_("Åbne opfølgningsopgaver"), counts["open"], href),
            Figure(_("Opfølgningsopgaver med overskredet frist"), counts["overdue"], href),
            Figure(
                _("Opfølgningsopgaver med frist inden for %(days)s dage")
                % {"days": today.due_soon_days},
                counts["due_soon"],
                href,
            ),
        ],
    )


def volunteers_panel(user: StaffUser, day: date) -> Panel:
    """The volunteer coordinator's (CIV-1, CIV-3): registrations waiting for a decision, child
    certificates expired or expiring (those volunteers may not be matched with children), and
    the approved volunteers of the resource bank."""
    from velkomst.volunteers import selectors as volunteer_selectors

    counts = volunteer_selectors.panel_counts(user, day)
    return Panel(
        title=_("Frivillige"),
        figures=[
            Figure(
                _("Tilmeldinger til godkendelse"),
                counts.pending,
                _url("volunteers-approvals"),
            ),
            Figure(_("Børneattester udløbet"), counts.expired, _url("my-tasks")),
            Figure(_("Børneattester, der snart udløber"), counts.expiring, _url("my-tasks")),
            Figure(
                _("Godkendte frivillige"),
                counts.approved,
                _url("volunteers-bank", status="approved"),
            ),
        ],
    )


# --- roles without their own work yet: what the page will hold, and links --------------------

COMING: dict[Role, Any] = {
    Role.JOB_CONSULTANT: gettext_lazy(
        "Her samles borgernes vej mod job og uddannelse: samtaler, tilbud og frister i jobcentret."
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


def programme_panel(deadlines: list[worklist.Row]) -> Panel:
    """The caseworker's programme deadlines (PRG-1, PRG-5): contracts due soon or overdue,
    follow-up meetings below the minimum, and plans of persons under 30 flagged: the
    programme's rows among the worklist's (``programme/worklist.py``, read once for the page)."""

    def figure(label: str, key: str) -> Figure:
        count = sum(1 for r in deadlines if r.key.startswith(f"programme:{key}:"))
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


def community_panel(user: StaffUser) -> Panel:
    """The volunteer coordinator's events coming and held events with attendance not recorded
    (CIV-4)."""
    from velkomst.community import selectors as community_selectors

    counts = community_selectors.start_page_counts(user)
    return Panel(
        title=_("Arrangementer og foreninger"),
        figures=[
            Figure(
                _("Kommende arrangementer"),
                counts["events_coming"],
                _url("community:event-list", when="coming"),
            ),
            Figure(
                _("Afholdte arrangementer uden registreret deltagelse"),
                counts["attendance_missing"],
                _url("community:event-list", attendance="missing"),
            ),
        ],
        links=[
            (_("Foreninger"), reverse("community:association-list")),
            (_("Deltagelse og kontinuitet"), reverse("community:participation-counts")),
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


def pairings_panel(user: StaffUser, day: date) -> Panel:
    """The volunteer coordinator's matches (CIV-2): proposals waiting for an answer, follow-ups
    due soon or overdue, households with wishes and no active match."""
    from velkomst.pairings import selectors as pairing_selectors

    matches = pairing_selectors.match_list(user=user)
    due = [
        f
        for f in pairing_selectors.follow_ups(user=user, today=day)
        if f.state in ("due_soon", "overdue")
    ]
    waiting = (
        pairing_selectors.households_with_wishes(user)
        .exclude(volunteer_matches__state__in=pairing_selectors.ACTIVE_STATES)
        .count()
    )
    return Panel(
        title=_("Match med frivillige"),
        figures=[
            Figure(
                _("Foreslåede match uden svar"),
                matches.filter(state="proposed").count(),
                _url("pairings-list", state="proposed"),
            ),
            Figure(_("Opfølgninger snart eller overskredet"), len(due), _url("pairings-list")),
            Figure(
                _("Husstande med ønsker uden aktivt match"),
                waiting,
                _url("pairings-households"),
            ),
        ],
    )


def coming_panel(user: StaffUser) -> Panel:
    caps = access.capabilities(user)
    return Panel(
        title=_("Din forside"),
        text=str(COMING.get(Role(user.role), "")),
        links=[(str(label), reverse(name)) for name, label, cap in LINKS if cap in caps],
    )


def strategy_panel(user: StaffUser) -> Panel:
    """The administrator's strategy (MI-1): the version in force, drafts under work, indicators
    whose data source the library does not hold yet, and hand-entered indicators without a
    figure for the last whole year."""
    from velkomst.core.formats import format_date
    from velkomst.strategies import selectors as strategy_selectors

    state = strategy_selectors.state(user)
    if state.current is None:
        text = _("Kommunen har endnu ingen offentliggjort strategi.")
    else:
        text = _("Gældende: %(title)s, version %(number)s (%(reference)s), fra %(day)s.") % {
            "title": state.current.title,
            "number": state.current.number,
            "reference": state.current.reference,
            "day": format_date(state.current.valid_from),
        }
    return Panel(
        title=_("Strategi"),
        text=text,
        figures=[
            Figure(_("Udkast under arbejde"), len(state.drafts), reverse("strategy-versions")),
            Figure(
                _("Indikatorer uden datakilde endnu"), state.no_source, reverse("strategy-current")
            ),
            Figure(
                _("Håndindtastede tal mangler for %(year)s") % {"year": state.period[0].year},
                state.missing,
                reverse("strategy-figures"),
            ),
        ],
    )


def retention_panel(user: StaffUser) -> Panel:
    """The administrator's retention and erasure (SEC-4): whether the municipality's rules are
    entered (until then nothing is deleted), dry runs waiting for approval, active legal holds."""
    from velkomst.retention import selectors as retention_selectors
    from velkomst.retention.models import RunState

    state = retention_selectors.rules_state(user)
    text = (
        _("Intet slettes, før kommunen har indtastet reglerne fra sin journalplan.")
        if state.deletes_nothing
        else ""
    )
    waiting = retention_selectors.runs(user).filter(state=RunState.PLANNED).count()
    holds = retention_selectors.holds(user).filter(lifted_at__isnull=True).count()
    return Panel(
        title=_("Opbevaring og sletning"),
        text=text,
        figures=[
            Figure(
                _("Prøvekørsler til godkendelse"), waiting, _url("retention-runs", state="planned")
            ),
            Figure(_("Retlige tilbagehold"), holds, _url("retention-holds", active="1")),
        ],
        links=[(_("Regler"), reverse("retention-rules"))],
    )


def insight_panel(user: StaffUser) -> Panel:
    """The manager's management information (MI-2): how many of the strategy's indicators miss
    their target this year to date, and the way to the dashboard. Cached figures (a figure not
    cached yet is computed once, then served from the cache)."""
    from velkomst.insight import evaluation
    from velkomst.strategies import selectors as strategy_selectors

    version = strategy_selectors.current_version(user)
    dashboard = reverse("insight-dashboard")
    if version is None:
        return Panel(
            title=_("Ledelsesinformation"),
            text=_("Kommunen har endnu ingen offentliggjort strategi."),
            links=[(_("Overblik"), dashboard)],
        )
    start, end = evaluation.year_to_date(timezone.localdate())
    posts = evaluation.evaluate(user, version, start, end, suppress=evaluation.suppress_for(user))
    return Panel(
        title=_("Ledelsesinformation"),
        figures=[
            Figure(
                _("Indikatorer, der ikke når målet i år"),
                evaluation.off_track(posts),
                _url("insight-dashboard", only="off"),
            )
        ],
        links=[(_("Overblik"), dashboard)],
    )


# --- the page ----------------------------------------------------------------------------------


def national_panel(user: StaffUser) -> Panel:
    """The immigration service's national user (NAT-1, NAT-2): suggestions awaiting a
    decision, and the national pages. National data only; no municipality's cases."""
    from velkomst.national import selectors as national_selectors

    return Panel(
        title=_("National fordeling"),
        figures=[
            Figure(
                _("Forslag, der venter på en afgørelse"),
                national_selectors.pending_count(user),
                _url("national-runs"),
            ),
            Figure(
                _("Gemte kvoteplaner"),
                national_selectors.plans(user).count(),
                _url("national-plans"),
            ),
        ],
        links=[
            (_("Kvoter"), _url("national-plans")),
            (_("Fordeling af husstande"), _url("national-runs")),
            (_("Beskæftigelsesmodeller"), _url("national-models")),
            (_("Referencetabeller"), _url("national-tables")),
        ],
    )


def handover_panel(user: StaffUser) -> Panel:
    """The receiving administrator's incoming handovers waiting for an answer (COO-5): the
    count and the households by the name the snapshot gives (no person of the tenant is read)."""
    from velkomst.handover import selectors as handover_selectors

    waiting = handover_selectors.incoming_waiting(user)
    return Panel(
        title=_("Overdragelser fra andre kommuner"),
        figures=[
            Figure(
                _("Modtagne overdragelser, der venter på svar"),
                len(waiting),
                _url("handover-inbox"),
            )
        ],
        links=[
            (
                _("%(household)s fra %(municipality)s")
                % {
                    "household": h.content.get("household", {}).get("name", ""),
                    "municipality": h.municipality.name,
                },
                _url("handover-detail", h.pk),
            )
            for h in waiting
        ],
    )


def questions_panel(user: StaffUser, day: date) -> Panel:
    """The citizens' questions waiting for an answer (CIT-1): how many, how many past their
    answer deadline, and the nearest deadline; the figures link to the inbox."""
    from velkomst.core.formats import format_date
    from velkomst.questions import selectors as question_selectors

    summary = question_selectors.open_summary(user=user, today=day)
    nearest = (
        _("Nærmeste svarfrist: %(day)s") % {"day": format_date(summary.nearest, "long")}
        if summary.nearest
        else ""
    )
    return Panel(
        title=_("Spørgsmål fra borgere"),
        figures=[
            Figure(
                _("Spørgsmål, der venter på svar"),
                summary.open,
                _url("question-inbox", show="open"),
            ),
            Figure(
                _("Spørgsmål over svarfristen"),
                summary.overdue,
                _url("question-inbox", show="overdue"),
            ),
        ],
        text=nearest,
    )


def panels_for(user: StaffUser) -> list[Panel]:
    """The start page of the user's role: the panels of what needs them, in order."""
    role = user.role
    if role == Role.NATIONAL:
        return [national_panel(user)] if access.is_national(user) else []
    if role == Role.ADMINISTRATOR:
        return [
            handover_panel(user),
            strategy_panel(user),
            retention_panel(user),
            coming_panel(user),
        ]
    today = reception_selectors.Today.for_user(user)
    panels: list[Panel] = []
    if role == Role.MANAGER:
        panels += [
            manager_panel(user, today),
            insight_panel(user),
            children_panel(user, today.day),
            neighbours_panel(user),
            grants_panel(user, today.day),
        ]
        return panels
    # the other apps' deadlines of "Mine opgaver" (the programme's among them), read once
    deadlines = worklist.rows_for(user, today.day, today.due_soon_days)
    panels.append(tasks_panel(user, today, deadlines))
    if role == Role.CASEWORKER:
        panels += [
            citizens_panel(user),
            questions_panel(user, today.day),
            programme_panel(deadlines),
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
    elif role == Role.VOLUNTEER_COORDINATOR:
        panels += [
            volunteers_panel(user, today.day),
            pairings_panel(user, today.day),
            community_panel(user),
        ]
    elif role == Role.INTERPRETER_COORDINATOR:
        panels.append(interpreting_panel(user, today.day))
    else:
        panels.append(coming_panel(user))
    round_tables = roundtables_panel(user, today)
    if round_tables is not None:
        panels.append(round_tables)
    referrals = referrals_panel(user, today.day)  # the unit's inbox, for every unit role
    if referrals is not None:
        panels.append(referrals)
    panels.append(followups_panel(user, today.day))
    return panels
