"""Placement runs and the housing officer's decisions (HOU-3, HOU-4).

A run takes a batch of households waiting for housing and the municipality's free dwellings,
runs the placement engine (``engines.placement.suggest``) as a background task (``tasks``), and
stores one suggestion per household with its score parts and reasons as data. Nothing is placed
until a housing officer accepts a suggestion, changes it to another dwelling, or rejects it; an
accepted or changed suggestion starts a placement (``services.placement_start``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Exists, OuterRef, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.config import config_in_force
from velkomst.core.errors import ConcurrentEditError
from velkomst.core.formats import format_date
from velkomst.core.models import AuditAction, Municipality, StaffUser
from velkomst.core.records import snapshot
from velkomst.core.versioning import save_versioned, save_versioned_many
from velkomst.engines import placement as engine
from velkomst.engines.placement.check import DWELLING_TWICE, SPREAD
from velkomst.people.codes import fellow_nationality
from velkomst.people.models import Household, Person

from . import selectors, services, travel
from .engine_input import engine_area, engine_dwelling, engine_household
from .models import (
    Area,
    Decision,
    Dwelling,
    DwellingStatus,
    DwellingType,
    HousingNeed,
    LandlordKind,
    Placement,
    PlacementEndReason,
    PlacementRun,
    PlacementSource,
    PlacementSuggestion,
    RunStatus,
)

WEIGHT_NAMES = tuple(
    f.name
    for f in fields(engine.Weights)
    if f.name not in ("travel_reference_minutes", "waited_reference_days")
)


# --- Selectors -----------------------------------------------------------------------------------


def waiting_households(user: StaffUser) -> QuerySet[Household]:
    """Households of the municipality with a housing need and no dwelling yet, or living in a
    temporary dwelling (they wait for a permanent one), by the date they need it."""
    access.require(user, access.HOUSING_VIEW)
    open_placements = Placement.objects.filter(household=OuterRef("pk"), end_date__isnull=True)
    temporary = open_placements.filter(type__in=selectors.TEMPORARY_TYPES)
    return (
        Household.objects.filter(municipality_id=access.tenant_id(user))
        .filter(Exists(HousingNeed.objects.filter(household=OuterRef("pk"))))
        .filter(~Exists(open_placements) | Exists(temporary))
        .select_related("housing_need")
        .annotate(in_temporary=Exists(temporary))
        .order_by("housing_need__needed_by", "arrival_date", "expected_arrival_date", "pk")
    )


def free_dwellings(municipality_id: int) -> QuerySet[Dwelling]:
    """Dwellings a run may suggest: available, and nobody living there."""
    return (
        Dwelling.objects.filter(municipality_id=municipality_id, status=DwellingStatus.AVAILABLE)
        .exclude(Exists(Placement.objects.filter(dwelling=OuterRef("pk"), end_date__isnull=True)))
        .select_related("area")
    )


def runs_for(user: StaffUser) -> QuerySet[PlacementRun]:
    access.require(user, access.HOUSING_VIEW)
    return PlacementRun.objects.filter(municipality_id=access.tenant_id(user)).select_related(
        "created_by"
    )


def run_get(*, user: StaffUser, pk: int) -> PlacementRun:
    run = runs_for(user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def suggestions_of(run: PlacementRun) -> QuerySet[PlacementSuggestion]:
    return (
        run.suggestions.select_related(
            "household", "dwelling__area", "decided_by", "placement__dwelling"
        )
        .prefetch_related("household__members")
        .annotate(unplaced=Case(When(dwelling=None, then=Value(1)), default=Value(0)))
        .order_by("unplaced", "household__name", "pk")
    )


def suggestion_get(*, user: StaffUser, pk: int) -> PlacementSuggestion:
    access.require(user, access.HOUSING_VIEW)
    suggestion = (
        PlacementSuggestion.objects.filter(run__municipality_id=access.tenant_id(user), pk=pk)
        .select_related("run", "household", "dwelling__area")
        .first()
    )
    if suggestion is None:
        raise Http404
    return suggestion


def decision_counts(run: PlacementRun) -> dict[str, int]:
    counts = {d: 0 for d in Decision.values}
    for value in run.suggestions.exclude(dwelling=None).values_list("decision", flat=True):
        counts[value] += 1
    return counts


def reasons_text(data: Sequence[dict[str, Any]], language: str) -> list[str]:
    """A suggestion's stored reasons as sentences in ``language`` ("da" or "en")."""
    return [engine.render(engine.reason_from_data(item), language) for item in data]


def run_parameters(municipality_id: int, on: date | None = None) -> dict[str, Any]:
    """The weights and options a run uses: the engine's defaults overlaid by the municipality's
    configuration (``placement_*`` keys)."""
    config = config_in_force(Municipality.objects.get(pk=municipality_id), on)
    weights = {name: getattr(engine.Weights(), name) for name in WEIGHT_NAMES}
    weights.update(
        {k: float(v) for k, v in config["placement_weights"].items() if k in WEIGHT_NAMES}
    )
    return {
        "weights": weights,
        "area_cap": config["placement_area_cap"],
        "not_alone_k": int(config["placement_not_alone_k"]),
        "time_limit": float(config["placement_time_limit_seconds"]),
        "spread_rule": "hard" if config["placement_spread_rule"] == "hard" else "goal",
        "not_alone_rule": "hard" if config["placement_not_alone_rule"] == "hard" else "goal",
        "fellow_by": "nationality"
        if config["placement_fellow_by"] == "nationality"
        else "language",
    }


def rule_checker(suggestion: PlacementSuggestion) -> Callable[[Dwelling], list[str]]:
    """For the suggestion's household: the hard rules a dwelling breaks (names in the active
    language; none when it fits), with the run's options: the pair's rules, and the area cap
    and "not alone" where the run has them as hard rules, counting the refugee households living
    in each area and the run's other suggestions still pending or accepted."""
    run = suggestion.run
    need = HousingNeed.objects.get(household=suggestion.household)
    members = list(suggestion.household.members.prefetch_related("languages"))
    since = _temporary_since([need.household_id]).get(need.household_id)
    household = engine_household(suggestion.household, need, members, temporary_since=since)
    options = engine.Options(**_options(run.parameters, today=timezone.localdate()))
    tally = engine.Tally(_areas_now(run.municipality_id, run.household_ids), options)
    others = (
        run.suggestions.exclude(pk=suggestion.pk)
        .exclude(decision=Decision.REJECTED)
        .exclude(dwelling=None)
        .values_list("household_id", "dwelling__area_id", "placement__dwelling__area_id")
    )
    heads = _heads([pk for pk, _, _ in others])
    for household_id, suggested_area, placed_area in others:
        language, nationality = heads.get(household_id, ("", ""))
        group = nationality if options.not_alone_by == "nationality" else language
        tally.add(str(placed_area or suggested_area), group)

    def broken(dwelling: Dwelling) -> list[str]:
        rules = engine.check_pair(
            household, engine_dwelling(dwelling), engine_area(dwelling.area), options
        )
        names = [rule_name(rule) for rule in rules]
        for rule in tally.breaks(household, str(dwelling.area_id)):
            names.append(area_rule_name(rule, options.not_alone_k, options.not_alone_by))
        return names

    return broken


@dataclass(frozen=True)
class CheckView:
    """A run's rule check for its page: each broken rule with its area and households, and the
    areas where the suggestions put households over the cap or alone (goals or rules)."""

    checked: bool  # False for runs made before the check
    spread_hard: bool
    not_alone_hard: bool
    fellow_by: str
    k: int
    broken: list[dict[str, Any]]  # {"rule": name, "area": name, "households": [Household]}
    areas: list[dict[str, Any]]  # {"area": name, "placed", "count", "cap", "over", "alone"}


def rule_check_view(run: PlacementRun) -> CheckView:
    data = run.rule_check or {}
    parameters = run.parameters
    k = int(parameters.get("not_alone_k", 2))
    by = "nationality" if parameters.get("fellow_by") == "nationality" else "language"
    broken_rows = data.get("broken", [])
    area_rows = [a for a in data.get("areas", []) if a["over"] or a["alone"]]
    names = dict(Area.objects.filter(municipality_id=run.municipality_id).values_list("pk", "name"))
    household_ids = {pk for row in broken_rows for pk in row["households"]}
    households = (
        Household.objects.filter(municipality_id=run.municipality_id, pk__in=household_ids)
        .prefetch_related("members")
        .in_bulk()
    )
    pair_rules = {str(rule) for rule in engine.Rule}
    broken = [
        {
            "rule": rule_name(engine.Rule(row["rule"]))
            if row["rule"] in pair_rules
            else area_rule_name(row["rule"], k, by),
            "area": names.get(row["area"], ""),
            "households": [households[pk] for pk in row["households"] if pk in households],
        }
        for row in broken_rows
    ]
    areas = sorted(
        ({**row, "area": names.get(row["area"], "")} for row in area_rows),
        key=lambda row: row["area"],
    )
    return CheckView(
        checked=bool(data),
        spread_hard=parameters.get("spread_rule") == "hard",
        not_alone_hard=parameters.get("not_alone_rule") == "hard",
        fellow_by=by,
        k=k,
        broken=broken,
        areas=areas,
    )


def alternatives(suggestion: PlacementSuggestion) -> list[tuple[Dwelling, list[str]]]:
    """The free dwellings the household could get instead, each with the hard rules it breaks,
    fitting ones first."""
    broken = rule_checker(suggestion)
    rows = [
        (dwelling, broken(dwelling)) for dwelling in free_dwellings(suggestion.run.municipality_id)
    ]
    rows.sort(key=lambda row: (len(row[1]) > 0, row[0].area.name, row[0].address))
    return rows


def area_rule_name(rule: str, k: int, by: str) -> str:
    """The name of a rule about the whole assignment (``engine.check``), in the active language."""
    if rule == SPREAD:
        return _("området er nået loftet for flygtningehusstande")
    if rule == DWELLING_TWICE:
        return _("boligen er foreslået til flere husstande")
    if by == "nationality":
        return _("færre end %(k)s andre husstande fra samme land i området") % {"k": k}
    return _("færre end %(k)s andre husstande med samme sprog i området") % {"k": k}


def solution_quality(run: PlacementRun) -> str:
    """How good the run's suggestions are, in words a housing officer reads (the active
    language): the best possible, at most x % from it, or not known (the time ran out)."""
    gap = run.gap_percent
    if run.solver_status == "optimal" or (gap is not None and gap < 0.05):
        return _("Forslaget er det bedst mulige efter kommunens regler og vægte.")
    if gap is not None:
        return _("Forslaget er højst %(percent)s %% fra det bedst mulige.") % {
            "percent": number_format(gap, 1)
        }
    return _(
        "Beregningen nåede tidsgrænsen, før det kunne vises, hvor tæt forslaget er på det bedst "
        "mulige."
    )


def rule_name(rule: engine.Rule) -> str:
    return {
        engine.Rule.ROOMS: _("for få værelser"),
        engine.Rule.CROWDING: _("for mange personer pr. værelse"),
        engine.Rule.SIZE: _("for få m² pr. person"),
        engine.Rule.RENT: _("huslejen er over husstandens rådighed"),
        engine.Rule.AVAILABLE: _("ledig for sent"),
        engine.Rule.STEP_FREE: _("ikke niveaufri"),
        engine.Rule.VULNERABLE: _("i et udsat boligområde"),
        engine.Rule.TEMPORARY_AGAIN: _("bor allerede midlertidigt"),
    }[rule]


# --- Starting and running ------------------------------------------------------------------------


@transaction.atomic
def run_start(
    *,
    acting_user: StaffUser,
    household_ids: Iterable[int],
    weights: dict[str, float] | None = None,
) -> PlacementRun:
    """Queue a run over the chosen waiting households with the municipality's parameters
    (``weights`` overrides some weights for this run only)."""
    access.require(acting_user, access.HOUSING_EDIT)
    municipality_id = access.tenant_id(acting_user)
    ids = sorted(set(household_ids))
    if not ids:
        raise ValidationError({"households": _("Vælg mindst én husstand.")})
    waiting = set(waiting_households(acting_user).filter(pk__in=ids).values_list("pk", flat=True))
    if missing := [pk for pk in ids if pk not in waiting]:
        raise ValidationError(
            {
                "households": _(
                    "%(count)s af de valgte husstande venter ikke på en bolig (mangler "
                    "boligbehov eller har allerede en permanent bolig)."
                )
                % {"count": len(missing)}
            }
        )
    parameters = run_parameters(municipality_id)
    for name, value in (weights or {}).items():
        if name not in WEIGHT_NAMES:
            raise ValidationError({name: _("Ukendt vægt.")})
        if value < 0:
            raise ValidationError({name: _("En vægt kan ikke være negativ.")})
        parameters["weights"][name] = float(value)
    run = PlacementRun.objects.create(
        municipality_id=municipality_id,
        created_by=acting_user,
        household_ids=ids,
        parameters=parameters,
    )
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=run,
        changes={"households": [None, len(ids)], "weights": [None, parameters["weights"]]},
    )
    from .tasks import execute_run

    result = execute_run.enqueue(run.pk)
    PlacementRun.objects.filter(pk=run.pk, task_id="").update(task_id=str(result.id))
    run.refresh_from_db()
    return run


def _options(
    parameters: dict[str, Any], language: str = "da", today: date | None = None
) -> dict[str, Any]:
    """The engine's options from a run's parameters; ``today``: the day a needed-by date that
    has passed is taken to mean, and up to which waiting is counted."""
    cap = parameters.get("area_cap")
    return {
        "time_limit": float(parameters.get("time_limit", 30)),
        "default_cap": int(cap) if cap is not None else None,
        "not_alone_k": int(parameters.get("not_alone_k", 2)),
        "spread_mode": "hard" if parameters.get("spread_rule") == "hard" else "soft",
        "not_alone_mode": "hard" if parameters.get("not_alone_rule") == "hard" else "soft",
        "not_alone_by": "nationality"
        if parameters.get("fellow_by") == "nationality"
        else "language",
        "language": language,
        "today": today,
    }


@dataclass(frozen=True)
class EngineInput:
    households: list[engine.Household]
    dwellings: list[engine.Dwelling]
    areas: list[engine.Area]


def engine_input(run: PlacementRun) -> EngineInput:
    """The run's households, the free dwellings and the areas with the refugee households
    already living there (the areas' registered number plus the open placements, by the head's
    language and nationality)."""
    households = (
        Household.objects.filter(municipality_id=run.municipality_id, pk__in=run.household_ids)
        .select_related("housing_need__workplace_or_school_area")
        .prefetch_related("members__languages")
        .order_by("pk")
    )
    since = _temporary_since(run.household_ids)
    batch = [
        engine_household(h, h.housing_need, list(h.members.all()), temporary_since=since.get(h.pk))
        for h in households
        if hasattr(h, "housing_need")
    ]
    areas = _areas_now(run.municipality_id, run.household_ids)
    minutes = travel.travel_to(run.municipality_id)
    dwellings = [
        engine_dwelling(d, minutes.get(d.area_id)) for d in free_dwellings(run.municipality_id)
    ]
    return EngineInput(households=batch, dwellings=dwellings, areas=areas)


def run_day(run: PlacementRun) -> date:
    """The run's day: a needed-by date before it means "now"."""
    return timezone.localdate(run.created_at)


def _temporary_since(household_ids: Iterable[int]) -> dict[int, date]:
    """The day each household's current stay in temporary housing began (HOU-4)."""
    return dict(
        Placement.objects.filter(
            household_id__in=list(household_ids),
            end_date__isnull=True,
            type__in=selectors.TEMPORARY_TYPES,
        ).values_list("household_id", "start_date")
    )


def _areas_now(municipality_id: int, exclude_household_ids: Iterable[int]) -> list[engine.Area]:
    """The municipality's areas with the refugee households living there now (the registered
    number plus the open placements of households other than ``exclude_household_ids``), by the
    head's language and nationality."""
    by_language: dict[int, dict[str, int]] = {}
    by_nationality: dict[int, dict[str, int]] = {}
    placed: dict[int, int] = {}
    living = (
        Placement.objects.filter(municipality_id=municipality_id, end_date__isnull=True)
        .exclude(household_id__in=list(exclude_household_ids))
        .values_list("dwelling__area_id", "household_id")
    )
    heads = _heads([pk for _, pk in living])
    for area_id, household_id in living:
        placed[area_id] = placed.get(area_id, 0) + 1
        language, nationality = heads.get(household_id, ("", ""))
        if language:
            counts = by_language.setdefault(area_id, {})
            counts[language] = counts.get(language, 0) + 1
        if nationality:
            counts = by_nationality.setdefault(area_id, {})
            counts[nationality] = counts.get(nationality, 0) + 1
    return [
        replace(
            engine_area(area),
            existing_refugee_households=area.existing_refugee_households + placed.get(area.pk, 0),
            existing_by_language=by_language.get(area.pk, {}),
            existing_by_nationality=by_nationality.get(area.pk, {}),
        )
        for area in Area.objects.filter(municipality_id=municipality_id)
    ]


def _heads(household_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each household's head's first language and nationality."""
    heads: dict[int, tuple[str, str]] = {}
    members = (
        Person.objects.filter(household_id__in=household_ids)
        .prefetch_related("languages")
        .order_by("household_id", "relation", "pk")
    )
    for person in members:
        if person.household_id in heads and person.relation != "head":
            continue
        languages = list(person.languages.all())
        heads[person.household_id] = (
            languages[0].language if languages else "",
            fellow_nationality(person.nationality or ""),
        )
    return heads


def execute(run_id: int) -> None:
    """Run the engine for a queued run and store its suggestions (the task's body)."""
    run = PlacementRun.objects.get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return
    _progress(
        run.pk, status=RunStatus.RUNNING, stage="reading", progress=1, started_at=timezone.now()
    )
    try:
        data = engine_input(run)
        parameters = run.parameters
        weights = engine.Weights(**parameters["weights"])
        options = engine.Options(**_options(parameters, today=run_day(run)))
        result = engine.suggest(
            data.households,
            data.dwellings,
            data.areas,
            weights,
            options,
            progress=lambda stage, percent: _progress(run.pk, stage=stage, progress=percent),
        )
        # the independent check, before anyone sees the suggestions
        check = engine.check_assignment(
            data.households,
            data.dwellings,
            data.areas,
            {s.household_id: s.dwelling_id for s in result.assignments},
            options,
        )
        _store(run, result, len(data.dwellings), check)
    except Exception as error:
        _progress(
            run.pk,
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise


def _progress(run_id: int, **values: Any) -> None:
    PlacementRun.objects.filter(pk=run_id).update(**values)


@transaction.atomic
def _store(
    run: PlacementRun, result: engine.Result, dwelling_count: int, check: engine.Check
) -> None:
    rows = [
        PlacementSuggestion(
            run=run,
            household_id=int(s.household_id),
            dwelling_id=int(s.dwelling_id),
            score=round(s.score, 4),
            parts={k: round(v, 4) for k, v in s.parts.items()},
            explanations=[engine.reason_data(r) for r in s.explanations],
        )
        for s in result.assignments
    ]
    rows += [
        PlacementSuggestion(
            run=run,
            household_id=int(u.household_id),
            explanations=[engine.reason_data(r) for r in u.explanations],
            candidates=u.candidates,
        )
        for u in result.unplaced
    ]
    PlacementSuggestion.objects.bulk_create(rows)
    goals = result.goals
    _progress(
        run.pk,
        status=RunStatus.DONE,
        stage="done",
        progress=100,
        finished_at=timezone.now(),
        dwelling_count=dwelling_count,
        objective=result.objective,
        bound=_finite(result.bound),
        gap=_finite(result.gap),
        solver_status=result.status[:20],
        solve_seconds=result.solve_seconds,
        greedy_objective=result.greedy_objective,
        goals=_goals(goals) if goals is not None else {},
        rule_check=_check_data(check),
    )


def _check_data(check: engine.Check) -> dict[str, Any]:
    return {
        "broken": [
            {
                "rule": b.rule,
                "area": int(b.area_id),
                "households": [int(h) for h in b.household_ids],
                "params": dict(b.params),
            }
            for b in check.broken
        ],
        "areas": [
            {
                "area": int(a.area_id),
                "placed": a.placed,
                "count": a.count,
                "cap": a.cap,
                "over": a.over,
                "alone": a.alone,
            }
            for a in check.areas
        ],
    }


def _finite(value: float) -> float | None:
    return value if value == value and abs(value) != float("inf") else None


def _goals(goals: engine.GoalReport) -> dict[str, Any]:
    return {
        "placed": goals.placed,
        "households": goals.households,
        "families": goals.families,
        "families_permanent": goals.families_permanent,
        "in_temporary": goals.in_temporary,
        "areas_over_cap": goals.areas_over_cap,
        "households_over_cap": goals.households_over_cap,
        "not_alone_checked": goals.not_alone_checked,
        "alone": goals.alone,
        "students": goals.students,
        "students_youth": goals.students_youth,
        "mean_minutes": {k: round(v, 1) for k, v in goals.mean_minutes.items()},
    }


# --- Decisions -----------------------------------------------------------------------------------


def _decidable(suggestion: PlacementSuggestion, acting_user: StaffUser) -> None:
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, suggestion.run.municipality_id)
    if suggestion.decision != Decision.PENDING:
        raise ValidationError(
            {
                "decision": _("Forslaget er allerede afgjort: %(decision)s.")
                % {"decision": suggestion.get_decision_display()}
            }
        )


def default_start(dwelling: Dwelling, today: date | None = None) -> date:
    return max(today or timezone.localdate(), dwelling.available_from)


def _record(
    suggestion: PlacementSuggestion,
    acting_user: StaffUser,
    expected_version: int,
    decision: str,
    note: str,
    placement: Placement | None = None,
) -> None:
    before = {"decision": suggestion.decision}
    suggestion.decision = decision
    suggestion.decision_note = note
    suggestion.decided_by = acting_user
    suggestion.decided_at = timezone.now()
    suggestion.placement = placement
    save_versioned(
        suggestion,
        expected_version=expected_version,
        fields=["decision", "decision_note", "decided_by", "decided_at", "placement"],
    )
    changes = audit.diff(before, {"decision": decision})
    if placement is not None:
        changes["dwelling"] = [None, placement.dwelling_id]
    audit.log_bulk(
        audit.entry(
            actor=acting_user,
            action=AuditAction.CHANGE,
            obj=suggestion,
            person_id=pk,
            changes=changes,
            reason=note,
        )
        for pk in suggestion.household.members.values_list("pk", flat=True)
    )


@transaction.atomic
def accept(
    *,
    suggestion: PlacementSuggestion,
    acting_user: StaffUser,
    expected_version: int,
    start_date: date | None = None,
    dwelling: Dwelling | None = None,
    note: str = "",
) -> Placement:
    """Accept the suggested dwelling, or (``dwelling``) change to another one: the household's
    placement starts on ``start_date`` (default: today or the day the dwelling is free). A
    changed dwelling that breaks a hard rule needs a reason naming why."""
    _decidable(suggestion, acting_user)
    chosen = dwelling or suggestion.dwelling
    if chosen is None:
        raise ValidationError({"dwelling": _("Vælg en bolig.")})
    changed = dwelling is not None and dwelling.pk != suggestion.dwelling_id
    if changed:
        broken = rule_checker(suggestion)(chosen)
        if broken and not note.strip():
            raise ValidationError(
                {
                    "decision_note": _(
                        "Boligen bryder disse regler: %(rules)s. Skriv en begrundelse for "
                        "at vælge den alligevel."
                    )
                    % {"rules": ", ".join(broken)}
                }
            )
    if Placement.objects.filter(
        household=suggestion.household,
        end_date__isnull=True,
        created_at__gt=suggestion.run.created_at,
    ).exists():
        raise ValidationError(
            {"dwelling": _("Husstanden har fået en bolig, efter forslaget blev lavet.")}
        )
    placement = services.placement_start(
        acting_user=acting_user,
        household=suggestion.household,
        dwelling=chosen,
        start_date=start_date or default_start(chosen),
        source=PlacementSource.SUGGESTION,
        note=note,
    )
    _record(
        suggestion,
        acting_user,
        expected_version,
        Decision.CHANGED if changed else Decision.ACCEPTED,
        note,
        placement,
    )
    return placement


@transaction.atomic
def reject(
    *, suggestion: PlacementSuggestion, acting_user: StaffUser, expected_version: int, note: str
) -> None:
    _decidable(suggestion, acting_user)
    if not note.strip():
        raise ValidationError({"decision_note": _("Skriv hvorfor forslaget afvises.")})
    _record(suggestion, acting_user, expected_version, Decision.REJECTED, note)


@dataclass(frozen=True)
class BulkProblem:
    suggestion: PlacementSuggestion
    message: str


def decide_all(*, run: PlacementRun, acting_user: StaffUser, decision: str, note: str = "") -> int:
    """Accept (or reject) every pending suggestion with a dwelling, all or nothing: when one
    cannot be accepted, none is, and ``BulkDecisionError`` names each one that failed."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, run.municipality_id)
    if decision == Decision.REJECTED and not note.strip():
        raise ValidationError({"decision_note": _("Skriv hvorfor forslagene afvises.")})
    pending = list(
        run.suggestions.filter(decision=Decision.PENDING)
        .exclude(dwelling=None)
        .select_related("household", "dwelling__area", "run")
        .order_by("pk")
    )
    if not pending:
        return 0
    with transaction.atomic():
        if decision == Decision.ACCEPTED:
            _accept_all(pending, acting_user)
        else:
            _record_all(
                [(s, None) for s in pending],
                acting_user,
                Decision.REJECTED,
                note,
                _members(pending),
            )
    return len(pending)


# --- Deciding a run's suggestions at once ----------------------------------------------------
# What ``accept`` (and ``reject``) do for one suggestion, for all of a run's pending ones in a
# constant number of statements: the state (open placements, dwelling statuses) is read once,
# locked, and followed in Python suggestion by suggestion in the order the one-by-one path takes
# them (each one's checks see the earlier ones' effects), then written in bulk: versioned
# updates with the version check per row (``save_versioned_many``), one insert of placements,
# the move-in visits of all households at once and one insert of every audit entry, in the
# order the one-by-one path writes them. A problem with any suggestion writes nothing.


def _members(pending: Sequence[PlacementSuggestion]) -> dict[int, list[int]]:
    """Each household's member ids in the register's order (as ``household.members``)."""
    members: dict[int, list[int]] = {s.household_id: [] for s in pending}
    for household_id, pk in Person.objects.filter(household_id__in=members).values_list(
        "household_id", "pk"
    ):
        members[household_id].append(pk)
    return members


def _for_members(
    acting_user: StaffUser,
    action: str,
    obj: Any,
    member_ids: Sequence[int],
    changes: dict[str, Any],
    reason: str = "",
) -> list[audit.AuditValues]:
    return [
        audit.entry(
            actor=acting_user,
            action=action,
            obj=obj,
            person_id=pk,
            changes=changes,
            reason=reason,
        )
        for pk in member_ids
    ]


def _record_all(
    decided: Sequence[tuple[PlacementSuggestion, Placement | None]],
    acting_user: StaffUser,
    decision: str,
    note: str,
    members: dict[int, list[int]],
    before: Callable[[PlacementSuggestion], list[audit.AuditValues]] | None = None,
) -> None:
    """``_record`` for many: the decisions written (versioned), then the audit entries, for each
    suggestion in turn ``before(suggestion)``'s and the decision's, in one insert."""
    expected = [s.version for s, _placement in decided]
    now = timezone.now()
    entries: list[audit.AuditValues] = []
    changes_of: list[dict[str, Any]] = []
    for suggestion, placement in decided:
        old = {"decision": suggestion.decision}
        suggestion.decision = decision
        suggestion.decision_note = note
        suggestion.decided_by = acting_user
        suggestion.decided_at = now
        suggestion.placement = placement
        changes = audit.diff(old, {"decision": decision})
        if placement is not None:
            changes["dwelling"] = [None, placement.dwelling_id]
        changes_of.append(changes)
    stale = save_versioned_many(
        [s for s, _placement in decided],
        expected_versions=expected,
        fields=["decision", "decision_note", "decided_by", "decided_at", "placement"],
    )
    if stale:
        raise BulkDecisionError([BulkProblem(s, _message(ConcurrentEditError(""))) for s in stale])
    for (suggestion, _placement), changes in zip(decided, changes_of, strict=True):
        if before is not None:
            entries.extend(before(suggestion))
        entries.extend(
            _for_members(
                acting_user,
                AuditAction.CHANGE,
                suggestion,
                members[suggestion.household_id],
                changes,
                note,
            )
        )
    audit.log_bulk(entries)


@dataclass
class _Accepted:
    """What accepting one suggestion does, followed in Python before anything is written."""

    suggestion: PlacementSuggestion
    placement: Placement
    ended: Placement | None = None
    ended_before: dict[str, Any] | None = None
    freed: tuple[Dwelling, dict[str, Any]] | None = None  # the old dwelling, status change
    occupied: dict[str, Any] | None = None  # the new dwelling's status change
    move_in: bool = False


def _accept_all(pending: Sequence[PlacementSuggestion], acting_user: StaffUser) -> None:
    """``accept`` for every suggestion of ``pending`` (each with its dwelling), all or nothing."""
    run = pending[0].run
    municipality_id = run.municipality_id
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, municipality_id)
    today = timezone.localdate()
    household_ids = [s.household_id for s in pending]
    placed_after = set(
        Placement.objects.filter(
            household_id__in=household_ids, end_date__isnull=True, created_at__gt=run.created_at
        ).values_list("household_id", flat=True)
    )
    current: dict[int, Placement] = {}
    for placement in Placement.objects.select_for_update().filter(
        household_id__in=household_ids, end_date__isnull=True
    ):
        current.setdefault(placement.household_id, placement)
    dwelling_ids = {s.dwelling_id for s in pending} | {p.dwelling_id for p in current.values()}
    dwellings = {d.pk: d for d in Dwelling.objects.select_for_update().filter(pk__in=dwelling_ids)}
    original = {pk: (d.status, d.version) for pk, d in dwellings.items()}
    living: dict[int, list[int]] = {pk: [] for pk in dwellings}
    for dwelling_id, household_id in Placement.objects.filter(
        dwelling_id__in=dwellings, end_date__isnull=True
    ).values_list("dwelling_id", "household_id"):
        living[dwelling_id].append(household_id)

    def set_status(dwelling: Dwelling, status: str) -> dict[str, Any] | None:
        # services._dwelling_set_status: nothing when the status is already so
        before = {"status": dwelling.status}
        if dwelling.status == status:
            return None
        dwelling.status = status
        return audit.diff(before, {"status": status})

    problems: list[BulkProblem] = []
    accepted: list[_Accepted] = []
    for suggestion in pending:
        household = suggestion.household
        assert suggestion.dwelling is not None
        dwelling = dwellings[suggestion.dwelling.pk]
        start = default_start(suggestion.dwelling, today)
        mine = current.get(household.pk)
        error: dict[str, str] | None = None
        if household.pk in placed_after:
            error = {"dwelling": _("Husstanden har fået en bolig, efter forslaget blev lavet.")}
        elif dwelling.municipality_id != household.municipality_id:
            error = {"dwelling": _("Boligen findes ikke.")}
        elif dwelling.status == DwellingStatus.WITHDRAWN:
            error = {"dwelling": _("Boligen er taget ud af brug.")}
        elif start < dwelling.available_from:
            error = {
                "start_date": _("Boligen er først ledig %(date)s.")
                % {"date": format_date(dwelling.available_from, "short")}
            }
        elif dwelling.type != DwellingType.SHARED and any(
            h != household.pk for h in living[dwelling.pk]
        ):
            error = {"dwelling": _("Boligen er allerede beboet.")}
        elif mine is not None and mine.dwelling_id == dwelling.pk:
            error = {"dwelling": _("Husstanden bor allerede i boligen.")}
        elif mine is not None and start - timedelta(days=1) < mine.start_date:
            error = {
                "start_date": _("Datoen ligger før indflytningen i den nuværende bolig (%(date)s).")
                % {"date": format_date(mine.start_date, "short")}
            }
        if error is not None:
            problems.append(BulkProblem(suggestion, _message(ValidationError(error))))
            continue
        step = _Accepted(
            suggestion=suggestion,
            placement=Placement(
                municipality_id=household.municipality_id,
                household=household,
                dwelling=dwelling,
                type=dwelling.type,
                monthly_cost=dwelling.monthly_cost,
                start_date=start,
                source=PlacementSource.SUGGESTION,
                note="",
                created_by=acting_user,
            ),
        )
        if mine is not None:  # services._end_open: the move ends the current placement
            step.ended, step.ended_before = mine, snapshot(mine, services.PLACEMENT_FIELDS)
            mine.end_date = start - timedelta(days=1)
            mine.end_reason = PlacementEndReason.MOVED
            living[mine.dwelling_id].remove(household.pk)
            if not living[mine.dwelling_id]:
                old = dwellings[mine.dwelling_id]
                change = set_status(old, DwellingStatus.AVAILABLE)
                if change:
                    step.freed = (old, change)
        living[dwelling.pk].append(household.pk)
        current[household.pk] = step.placement
        step.occupied = set_status(dwelling, DwellingStatus.OCCUPIED)
        step.move_in = dwelling.landlord_kind == LandlordKind.HOUSING_ASSOCIATION
        accepted.append(step)
    if problems:
        raise BulkDecisionError(problems)

    ended = [step.ended for step in accepted if step.ended is not None]
    if save_versioned_many(
        ended, expected_versions=[p.version for p in ended], fields=["end_date", "end_reason"]
    ):
        raise ConcurrentEditError(str(Placement._meta.verbose_name))
    Placement.objects.bulk_create([step.placement for step in accepted])
    changed = [d for pk, d in dwellings.items() if d.status != original[pk][0]]
    if save_versioned_many(
        changed, expected_versions=[original[d.pk][1] for d in changed], fields=["status"]
    ):
        raise ConcurrentEditError(str(Dwelling._meta.verbose_name))
    members = _members(pending)
    from velkomst.reception.services import move_in_visits_follow_many

    visits = move_in_visits_follow_many(
        moves=[
            (
                step.suggestion.household_id,
                step.placement.start_date,
                step.placement.dwelling.landlord_name
                or str(LandlordKind.HOUSING_ASSOCIATION.label),
                step.placement.dwelling.address,
            )
            for step in accepted
            if step.move_in
        ],
        members=members,
        acting_user=acting_user,
    )
    by_suggestion = {step.suggestion.pk: step for step in accepted}

    def before(suggestion: PlacementSuggestion) -> list[audit.AuditValues]:
        # in the order placement_start writes them
        step = by_suggestion[suggestion.pk]
        household = members[suggestion.household_id]
        entries: list[audit.AuditValues] = []
        if step.ended is not None:
            if step.freed is not None:
                entries.append(
                    audit.entry(
                        actor=acting_user,
                        action=AuditAction.CHANGE,
                        obj=step.freed[0],
                        changes=step.freed[1],
                    )
                )
            entries += _for_members(
                acting_user,
                AuditAction.CHANGE,
                step.ended,
                household,
                audit.diff(
                    step.ended_before or {}, snapshot(step.ended, services.PLACEMENT_FIELDS)
                ),
            )
        if step.occupied:
            entries.append(
                audit.entry(
                    actor=acting_user,
                    action=AuditAction.CHANGE,
                    obj=step.placement.dwelling,
                    changes=step.occupied,
                )
            )
        entries += _for_members(
            acting_user,
            AuditAction.CREATE,
            step.placement,
            household,
            audit.diff({}, snapshot(step.placement, services.PLACEMENT_FIELDS)),
        )
        entries += visits.get(suggestion.household_id, []) if step.move_in else []
        return entries

    _record_all(
        [(step.suggestion, step.placement) for step in accepted],
        acting_user,
        Decision.ACCEPTED,
        "",
        members,
        before,
    )


BULK_BUSY = (RunStatus.QUEUED, RunStatus.RUNNING)


@transaction.atomic
def decide_all_start(
    *, run: PlacementRun, acting_user: StaffUser, decision: str, note: str = ""
) -> PlacementRun:
    """Queue ``decide_all`` as a background task (hundreds of placements take seconds); the
    run page shows it working and then its outcome. One at a time per run."""
    access.require_in_tenant(acting_user, access.HOUSING_EDIT, run.municipality_id)
    if decision not in (Decision.ACCEPTED, Decision.REJECTED):
        raise ValidationError({"decision": _("Vælg godkend eller afvis.")})
    if decision == Decision.REJECTED and not note.strip():
        raise ValidationError({"decision_note": _("Skriv hvorfor forslagene afvises.")})
    claimed = (
        PlacementRun.objects.filter(pk=run.pk, status=RunStatus.DONE)
        .exclude(bulk_status__in=BULK_BUSY)
        .update(
            bulk_status=RunStatus.QUEUED,
            bulk_decision=decision,
            bulk_note=note.strip()[:500],
            bulk_by=acting_user,
            bulk_result={},
        )
    )
    if not claimed:
        raise ValidationError(
            {"decision": _("Forslagene er ved at blive afgjort. Vent, til det er færdigt.")}
        )
    from .tasks import decide_all_run

    decide_all_run.enqueue(run.pk)
    run.refresh_from_db()
    return run


def execute_bulk(run_id: int) -> None:
    """The task's body: decide every pending suggestion as asked and keep the outcome."""
    run = PlacementRun.objects.select_related("bulk_by").get(pk=run_id)
    if run.bulk_status != RunStatus.QUEUED or run.bulk_by is None:
        return
    _progress(run.pk, bulk_status=RunStatus.RUNNING)
    try:
        count = decide_all(
            run=run, acting_user=run.bulk_by, decision=run.bulk_decision, note=run.bulk_note
        )
    except BulkDecisionError as error:
        problems = [[p.suggestion.household.name, p.message] for p in error.problems]
        _progress(run.pk, bulk_status=RunStatus.DONE, bulk_result={"problems": problems})
    except Exception as error:
        _progress(
            run.pk,
            bulk_status=RunStatus.FAILED,
            bulk_result={"error": f"{type(error).__name__}: {error}"},
        )
        raise
    else:
        _progress(run.pk, bulk_status=RunStatus.DONE, bulk_result={"count": count})


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(m for messages in error.message_dict.values() for m in messages)
    return _("Forslaget er ændret af en anden. Genindlæs siden.")


class BulkDecisionError(Exception):
    def __init__(self, problems: list[BulkProblem]) -> None:
        super().__init__(f"{len(problems)} suggestions could not be decided")
        self.problems = problems


def summary(run: PlacementRun) -> dict[str, Any]:
    counts = decision_counts(run)
    return {
        "placed": run.suggestions.exclude(dwelling=None).count(),
        "unplaced": run.suggestions.filter(dwelling=None).count(),
        "decisions": counts,
        "pending": counts[Decision.PENDING],
    }
