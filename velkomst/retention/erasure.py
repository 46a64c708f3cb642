"""The erasure job (SEC-4): the dry run (what the rules in force make due, held records left
out) and its execution, batch by batch, each batch in its own transaction with its audit rows
and its progress, so a crash loses at most the batch it was in and the next run goes on from
there.

Anonymisation replaces names, CPR numbers, addresses and free text and keeps what the
management information counts (birth date, sex, nationality, residence basis, relation, dates,
phases, types); the audit log's entries about an erased person are pseudonymised through
``core.audit.pseudonymise_person``. A delete that finds the record still referenced by another
app's record anonymises it instead, and says so in the outcome.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError, Q, RestrictedError
from django.utils import timezone

from velkomst.core import audit
from velkomst.core.models import AuditAction, AuditEntry, StaffUser
from velkomst.engines.calendar import add_months

from . import freetext, kinds
from .models import (
    AnonymisedRecord,
    LegalHold,
    RecordKind,
    RetentionAction,
    RetentionEvent,
    Rule,
    RuleSet,
    Run,
    RunItem,
    RunState,
)

BATCH_SIZE = 500
ANONYMISED = "Anonymiseret"
ANONYMISED_TEXT = freetext.ANONYMISED_TEXT


def pseudonym(kind: str, record_id: int) -> str:
    """A stable pseudonym of a record: the same person is the same pseudonym in every entry."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{kind}:{record_id}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{'P' if kind == 'person' else 'H'}-{digest[:10]}"


def key(kind: str, rule_id: int, action: str) -> str:
    return f"{kind}:{rule_id}:{action}"


# --- the rules in force and what they make due ------------------------------------------------


def rule_set_in_force(municipality_id: int, on: date) -> RuleSet | None:
    return (
        RuleSet.objects.filter(municipality_id=municipality_id, effective_from__lte=on)
        .order_by("-effective_from", "-id")
        .first()
    )


def held_person_ids(municipality_id: int) -> set[int]:
    """Persons under a legal hold, themselves or through their case."""
    held: set[int] = set()
    for person_id, case_person_id in LegalHold.objects.filter(
        municipality_id=municipality_id, lifted_at__isnull=True
    ).values_list("person_id", "case__person_id"):
        held.add(person_id or case_person_id)
    return held


def day_after(day: date) -> datetime:
    """The first moment after ``day``: records created before it are due on ``day``."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def person_event_days(municipality_id: int, event: str, last_day: date) -> dict[int, date]:
    """{person id: day} of the persons whose case ended (``event``: closed, or ended as moved
    away) on or before ``last_day``: for a kind registered by another app whose records are a
    person's."""
    return {p: d for p, d in _case_dates(municipality_id, event, last_day).values()}


def persons_records_due(
    municipality_id: int,
    records: Any,
    *,
    person: str,
    created: str,
    rule: Rule,
    as_of: date,
    held: set[int],
) -> list[tuple[int, date]]:
    """(record id, event day) of a person's records (``records``: the municipality's, a
    queryset) that ``rule`` makes due on ``as_of``: by the record's own day (``created``, a date
    or a moment) or by its person's case ending (``person``: the lookup to the person's id);
    held persons' records left out. For a kind registered by another app whose records are a
    person's (survey answers, citizens' questions)."""
    last_day = cutoff(rule, as_of)
    if rule.event == RetentionEvent.CREATED:
        moment = records.model._meta.get_field(created).get_internal_type() == "DateTimeField"
        bound: dict[str, date] = (
            {f"{created}__lt": day_after(last_day)} if moment else {f"{created}__lte": last_day}
        )
        return [
            (pk, timezone.localtime(day).date() if moment else day)
            for pk, day, p in records.filter(**bound).values_list("pk", created, person)
            if p not in held
        ]
    days = person_event_days(municipality_id, rule.event, last_day)
    return [
        (pk, days[p])
        for pk, p in records.filter(**{f"{person}__in": list(days)}).values_list("pk", person)
        if p not in held
    ]


def _case_dates(municipality_id: int, event: str, cutoff: date) -> dict[int, tuple[int, date]]:
    """{case id: (person id, day)} for the cases whose event fell on or before ``cutoff``: the
    day the case ended (the latest transition to "ended"); moved away: ended as moved away."""
    from velkomst.people.models import EndReason, Phase, PhaseTransition

    rows = PhaseTransition.objects.filter(
        case__municipality_id=municipality_id, case__phase=Phase.ENDED, to_phase=Phase.ENDED
    )
    if event == RetentionEvent.MOVED_AWAY:
        rows = rows.filter(case__end_reason=EndReason.MOVED_AWAY)
    return {
        case_id: (person_id, day)
        for case_id, person_id, day in rows.values("case_id")
        .annotate(day=Max("effective_date"))
        .filter(day__lte=cutoff)
        .values_list("case_id", "case__person_id", "day")
    }


def _household_dates(
    municipality_id: int, event: str, cutoff: date, held: set[int]
) -> dict[int, date]:
    """{household id: day} for households all of whose members' event fell on or before
    ``cutoff`` (the latest member's day), none of them held."""
    from velkomst.people.models import Person

    by_person = person_event_days(municipality_id, event, cutoff)
    days: dict[int, date] = {}
    out: set[int] = set()
    for household_id, person_id in Person.objects.filter(
        municipality_id=municipality_id
    ).values_list("household_id", "id"):
        day = by_person.get(person_id)
        if day is None or person_id in held:
            out.add(household_id)
        elif household_id not in out:
            days[household_id] = max(day, days.get(household_id, day))
    return {h: d for h, d in days.items() if h not in out}


def _created(model: Any, field: str, municipality_id: int, cutoff: date) -> Any:
    return model.objects.filter(
        **{"municipality_id": municipality_id, f"{field}__lt": day_after(cutoff)}
    )


def due(
    municipality_id: int, rule: Rule, as_of: date, held: set[int]
) -> Iterable[tuple[int, date]]:
    """(record id, event day) of each record of ``rule``'s kind that the rule makes due on
    ``as_of``, leaving out held persons' records and records anonymised before; nothing for a
    kind no app has registered (``kinds``)."""
    if not kinds.handled(rule.kind):
        return []
    rows = list(kinds.get(rule.kind).due(municipality_id, rule, as_of, held))
    if rule.action == RetentionAction.ANONYMISE and rows:
        done = set(
            AnonymisedRecord.objects.filter(
                municipality_id=municipality_id, kind=rule.kind
            ).values_list("record_id", flat=True)
        )
        rows = [(pk, d) for pk, d in rows if pk not in done]
    return rows


def cutoff(rule: Rule, as_of: date) -> date:
    """The last event day that makes a record due under ``rule`` on ``as_of``."""
    return add_months(as_of, -rule.months)


def _persons_due(
    municipality_id: int, rule: Rule, as_of: date, held: set[int]
) -> list[tuple[int, date]]:
    from velkomst.people.models import Person

    day = cutoff(rule, as_of)
    if rule.event == RetentionEvent.CREATED:
        qs = _created(Person, "created_at", municipality_id, day)
        return [(pk, at.date()) for pk, at in qs.values_list("pk", "created_at") if pk not in held]
    return [
        (p, d) for p, d in _case_dates(municipality_id, rule.event, day).values() if p not in held
    ]


def _cases_due(
    municipality_id: int, rule: Rule, as_of: date, held: set[int]
) -> list[tuple[int, date]]:
    from velkomst.people.models import Case

    day = cutoff(rule, as_of)
    if rule.event == RetentionEvent.CREATED:
        qs = _created(Case, "created_at", municipality_id, day)
        return [
            (pk, at.date())
            for pk, at, p in qs.values_list("pk", "created_at", "person_id")
            if p not in held
        ]
    return [
        (c, d)
        for c, (p, d) in _case_dates(municipality_id, rule.event, day).items()
        if p not in held
    ]


def _notes_due(
    municipality_id: int, rule: Rule, as_of: date, held: set[int]
) -> list[tuple[int, date]]:
    from velkomst.people.models import JournalNote

    day = cutoff(rule, as_of)
    notes = JournalNote.objects.filter(case__municipality_id=municipality_id)
    if rule.event == RetentionEvent.CREATED:
        return [
            (pk, at.date())
            for pk, at, p in notes.filter(created_at__lt=day_after(day)).values_list(
                "pk", "created_at", "case__person_id"
            )
            if p not in held
        ]
    cases = _case_dates(municipality_id, rule.event, day)
    return [
        (pk, cases[c][1])
        for pk, c, p in notes.filter(case_id__in=list(cases)).values_list(
            "pk", "case_id", "case__person_id"
        )
        if p not in held
    ]


def _placements_due(
    municipality_id: int, rule: Rule, as_of: date, held: set[int]
) -> list[tuple[int, date]]:
    from velkomst.housing.models import Placement

    day = cutoff(rule, as_of)
    if rule.event == RetentionEvent.CREATED:
        held_households = _held_households(municipality_id, held)
        qs = _created(Placement, "created_at", municipality_id, day)
        return [
            (pk, at.date())
            for pk, at, h in qs.values_list("pk", "created_at", "household_id")
            if h not in held_households
        ]
    households = _household_dates(municipality_id, rule.event, day, held)
    return [
        (pk, households[h])
        for pk, h in Placement.objects.filter(
            municipality_id=municipality_id, household_id__in=list(households)
        ).values_list("pk", "household_id")
    ]


def _reports_due(
    municipality_id: int, rule: Rule, as_of: date, held: set[int]
) -> list[tuple[int, date]]:
    from velkomst.neighbours.models import NeighbourReport, ReportStatus

    day = cutoff(rule, as_of)
    held_households = _held_households(municipality_id, held)
    reports = NeighbourReport.objects.filter(municipality_id=municipality_id)
    found: Iterable[tuple[int, Any, int]]
    if rule.event == RetentionEvent.CREATED:
        found = reports.filter(received_at__lt=day_after(day)).values_list(
            "pk", "received_at", "household_id"
        )
        rows = [(pk, timezone.localtime(at).date(), h) for pk, at, h in found]
    elif rule.event == RetentionEvent.CASE_CLOSED:
        found = reports.filter(
            status=ReportStatus.CLOSED, closed_at__lt=day_after(day)
        ).values_list("pk", "closed_at", "household_id")
        rows = [(pk, timezone.localtime(at).date(), h) for pk, at, h in found]
    else:
        households = _household_dates(municipality_id, rule.event, day, held)
        rows = [
            (pk, households[h], h)
            for pk, h in reports.filter(household_id__in=list(households)).values_list(
                "pk", "household_id"
            )
        ]
    return [(pk, d) for pk, d, h in rows if h not in held_households]


def _audit_due(
    municipality_id: int, rule: Rule, as_of: date, held: set[int]
) -> list[tuple[int, date]]:
    if rule.event != RetentionEvent.CREATED:
        return []
    found = AuditEntry.objects.filter(
        municipality_id=municipality_id, at__lt=day_after(cutoff(rule, as_of))
    ).values_list("pk", "at", "person_id")
    return [(pk, timezone.localtime(at).date()) for pk, at, p in found if p not in held]


def _held_households(municipality_id: int, held: set[int]) -> set[int]:
    from velkomst.people.models import Person

    if not held:
        return set()
    return set(
        Person.objects.filter(municipality_id=municipality_id, pk__in=held).values_list(
            "household_id", flat=True
        )
    )


def plan(run_id: int) -> None:
    """The dry run: the items the rules in force on the run's day make due, in batches."""
    run = Run.objects.get(pk=run_id)
    if run.state != RunState.PLANNING:
        return
    municipality_id = run.municipality_id
    rule_set = rule_set_in_force(municipality_id, run.as_of)
    items: list[RunItem] = []
    if rule_set is not None:
        held = held_person_ids(municipality_id)
        by_kind = {r.kind: r for r in rule_set.rules.all()}
        for kind in [k.key for k in kinds.in_order()]:
            rule = by_kind.get(kind)
            if rule is None or rule.action == RetentionAction.KEEP:
                continue
            for record_id, day in sorted(due(municipality_id, rule, run.as_of, held)):
                items.append(
                    RunItem(
                        run=run,
                        kind=kind,
                        record_id=record_id,
                        rule=rule,
                        action=rule.action,
                        event_date=day,
                        batch=len(items) // BATCH_SIZE,
                    )
                )
    planned = Counter(key(i.kind, i.rule_id, i.action) for i in items)
    with transaction.atomic():
        # a second task of the same run (queued again by the daily command) writes nothing
        if Run.objects.select_for_update().get(pk=run.pk).state != RunState.PLANNING:
            return
        RunItem.objects.bulk_create(items, batch_size=2000)
        Run.objects.filter(pk=run.pk).update(
            rule_set=rule_set,
            state=RunState.PLANNED,
            planned=dict(planned),
            progress_total=len(items),
            planned_at=timezone.now(),
        )


# --- doing it ---------------------------------------------------------------------------------


def execute(run_id: int, *, on_batch: Callable[[int], None] | None = None) -> None:
    """Do an approved run's items, one batch per transaction, from the first batch not yet
    done (a run interrupted by a crash goes on where it stopped)."""
    run = Run.objects.select_related("approved_by").get(pk=run_id)
    if run.state not in (RunState.APPROVED, RunState.FAILED) or run.approved_by is None:
        return
    if run.state == RunState.FAILED:
        Run.objects.filter(pk=run.pk).update(state=RunState.APPROVED, error="")
    actor = run.approved_by
    while True:
        batch = (
            RunItem.objects.filter(run_id=run.pk, done_at__isnull=True)
            .order_by("batch")
            .values_list("batch", flat=True)
            .first()
        )
        if batch is None:
            break
        if on_batch is not None:
            on_batch(batch)
        with transaction.atomic():
            _do_batch(run, actor, batch)
    Run.objects.filter(pk=run.pk).update(state=RunState.DONE, finished_at=timezone.now())


def _do_batch(run: Run, actor: StaffUser, batch: int) -> None:
    items = list(
        RunItem.objects.select_for_update().filter(run_id=run.pk, batch=batch, done_at__isnull=True)
    )
    if not items:
        return
    municipality_id = run.municipality_id
    by_kind: dict[str, list[RunItem]] = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(item)
    entries: list[dict[str, Any]] = []
    for kind in kinds.in_order():
        group = by_kind.get(kind.key)
        if not group:
            continue
        outcomes = kind.erase(municipality_id, group, run)
        for item in group:
            item.outcome = outcomes.get(item.record_id, item.action)
            entries.append(_entry(actor, item))
    now = timezone.now()
    for item in items:
        item.done_at = now
    RunItem.objects.bulk_update(items, ["done_at", "outcome"])
    AnonymisedRecord.objects.bulk_create(
        [
            AnonymisedRecord(
                municipality_id=municipality_id, kind=i.kind, record_id=i.record_id, run=run
            )
            for i in items
            if i.outcome == RetentionAction.ANONYMISE
        ],
        ignore_conflicts=True,
    )
    audit.log_bulk(entries)
    locked = Run.objects.select_for_update().get(pk=run.pk)
    done = Counter(locked.done)
    done.update(key(i.kind, i.rule_id, i.outcome) for i in items)
    locked.done = dict(done)
    locked.progress_done += len(items)
    locked.batches_done += 1
    locked.save(update_fields=["done", "progress_done", "batches_done"])


def _entry(actor: StaffUser, item: RunItem) -> dict[str, Any]:
    values = audit.entry(
        actor=actor,
        action=AuditAction.DELETE if item.outcome == RetentionAction.DELETE else AuditAction.CHANGE,
        reason=f"Opbevaringsregel {item.rule_id}: "
        + ("slettet" if item.outcome == RetentionAction.DELETE else "anonymiseret"),
        channel="job",
        person_id=item.record_id if item.kind == RecordKind.PERSON else None,
    )
    values["object_type"] = kinds.get(item.kind).model
    values["object_id"] = str(item.record_id)
    return values


def _try_delete(delete: Callable[[], Any]) -> bool:
    """Run ``delete`` in a savepoint; False (and nothing changed) when a record of another app
    still refers to what it deletes."""
    try:
        with transaction.atomic():
            delete()
    except (ProtectedError, RestrictedError, IntegrityError):
        return False
    return True


def split(items: list[RunItem]) -> tuple[list[int], list[int]]:
    """The ids of a batch's items to delete and to anonymise."""
    deletes = [i.record_id for i in items if i.action == RetentionAction.DELETE]
    anonymise = [i.record_id for i in items if i.action == RetentionAction.ANONYMISE]
    return deletes, anonymise


def delete_each(
    ids: list[int], delete: Callable[[list[int]], Any], anonymise: Callable[[list[int]], Any]
) -> dict[int, str]:
    """Delete ``ids`` at once; if one is still referenced, one by one, anonymising those that
    are. Returns the outcome of each id that was anonymised instead."""
    if not ids or _try_delete(lambda: delete(ids)):
        return {}
    kept = [pk for pk in ids if not _try_delete(lambda pk=pk: delete([pk]))]  # type: ignore[misc]
    anonymise(kept)
    return {pk: RetentionAction.ANONYMISE for pk in kept}


# journal notes


def _notes_anonymise(ids: list[int]) -> None:
    from velkomst.people.models import JournalNote

    JournalNote.objects.filter(pk__in=ids).update(text=ANONYMISED_TEXT)


def _notes_delete(ids: list[int]) -> None:
    from velkomst.people.models import JournalNote

    # a correction refers to the note it corrects: the corrections first
    notes = JournalNote.objects.filter(pk__in=ids)
    notes.filter(corrects__isnull=False).delete()
    notes.delete()


def _journal_notes(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    deletes, anonymise = split(items)
    _notes_anonymise(anonymise)
    return delete_each(deletes, _notes_delete, _notes_anonymise)


# cases


def _cases_anonymise(ids: list[int]) -> None:
    from velkomst.people.models import SYSTEM_REASONS, CaseAssignment, PhaseTransition

    _notes_anonymise(_note_ids(ids))
    PhaseTransition.objects.filter(case_id__in=ids).exclude(reason__in=list(SYSTEM_REASONS)).update(
        reason=ANONYMISED_TEXT
    )
    CaseAssignment.objects.filter(case_id__in=ids).exclude(reason="").update(reason="")


def _note_ids(case_ids: list[int]) -> list[int]:
    from velkomst.people.models import JournalNote

    return list(JournalNote.objects.filter(case_id__in=case_ids).values_list("pk", flat=True))


def _cases_delete(ids: list[int]) -> None:
    from velkomst.people.models import Case, CaseAssignment, PhaseTransition

    _notes_delete(_note_ids(ids))
    PhaseTransition.objects.filter(case_id__in=ids).delete()
    CaseAssignment.objects.filter(case_id__in=ids).delete()
    Case.objects.filter(pk__in=ids).delete()


def _cases(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    deletes, anonymise = split(items)
    _cases_anonymise(anonymise)
    return delete_each(deletes, _cases_delete, _cases_anonymise)


# persons


def _persons_anonymise(ids: list[int]) -> None:
    from velkomst.people.models import Case, Person

    Person.objects.filter(pk__in=ids).update(first_name=ANONYMISED, cpr="", search_name="")
    for pk in ids:
        Person.objects.filter(pk=pk).update(last_name=pseudonym("person", pk))
    households = set(Person.objects.filter(pk__in=ids).values_list("household_id", flat=True))
    for pk in households:
        _household_anonymise(pk)
    freetext.anonymise(person_ids=ids, household_ids=households)
    _cases_anonymise(list(Case.objects.filter(person_id__in=ids).values_list("pk", flat=True)))


def _household_anonymise(pk: int) -> None:
    from velkomst.people.models import Household

    Household.objects.filter(pk=pk).update(
        name=pseudonym("household", pk), address="", asylum_centre=""
    )


def _persons_delete(ids: list[int]) -> None:
    from velkomst.people.models import Case, Household, Person

    households = set(Person.objects.filter(pk__in=ids).values_list("household_id", flat=True))
    _cases_delete(list(Case.objects.filter(person_id__in=ids).values_list("pk", flat=True)))
    Person.objects.filter(pk__in=ids).delete()
    for pk in households:
        if not Person.objects.filter(household_id=pk).exists():
            if not _try_delete(lambda pk=pk: Household.objects.filter(pk=pk).delete()):  # type: ignore[misc]
                _household_anonymise(pk)
                freetext.anonymise(person_ids=[], household_ids=[pk])


def _secrets(ids: list[int]) -> dict[int, list[str]]:
    """The words that name each person (names, CPR, the household's name and address), read
    before they are erased, to pseudonymise the audit log's entries about them."""
    from velkomst.people.models import Person

    found: dict[int, list[str]] = {}
    for pk, first, last, cpr, household, address in Person.objects.filter(pk__in=ids).values_list(
        "pk", "first_name", "last_name", "cpr", "household__name", "household__address"
    ):
        found[pk] = [f"{first} {last}", first, last, cpr, household, address]
    return found


def _persons(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    secrets = _secrets([i.record_id for i in items])
    deletes, anonymise = split(items)
    _persons_anonymise(anonymise)
    outcomes = delete_each(deletes, _persons_delete, _persons_anonymise)
    for pk, words in secrets.items():
        audit.pseudonymise_person(
            municipality_id=municipality_id,
            person_id=pk,
            secrets=words,
            pseudonym=pseudonym("person", pk),
        )
    return outcomes


# housing history


def _placements_anonymise(ids: list[int]) -> None:
    from velkomst.housing.models import Placement

    Placement.objects.filter(pk__in=ids).update(note="")


def _placements_delete(ids: list[int]) -> None:
    from velkomst.housing.models import Placement

    Placement.objects.filter(pk__in=ids).delete()


def _placements(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    deletes, anonymise = split(items)
    _placements_anonymise(anonymise)
    return delete_each(deletes, _placements_delete, _placements_anonymise)


# public reports


def _reports_anonymise(ids: list[int]) -> None:
    from velkomst.neighbours.models import NeighbourReport, ReportEvent

    NeighbourReport.objects.filter(pk__in=ids).update(
        reporter_name=ANONYMISED,
        reporter_phone="",
        reporter_email="",
        address="",
        description=ANONYMISED_TEXT,
        resolution="",
    )
    ReportEvent.objects.filter(report_id__in=ids).exclude(text="").update(text=ANONYMISED_TEXT)


def _reports_delete(ids: list[int]) -> None:
    from velkomst.neighbours.models import NeighbourReport, ReportEvent

    ReportEvent.objects.filter(report_id__in=ids).delete()
    NeighbourReport.objects.filter(pk__in=ids).delete()


def _reports(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    deletes, anonymise = split(items)
    _reports_anonymise(anonymise)
    return delete_each(deletes, _reports_delete, _reports_anonymise)


# the audit log's own retention


def _audit_entries(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    deletes, _anonymise = split(items)
    audit.expire_entries(municipality_id=municipality_id, ids=deletes)
    return {}


def register_kinds() -> None:
    """The kinds of the people, housing and neighbours apps and the audit log (the retention
    app's ``ready``); other apps register their own (``kinds``)."""
    for order, (key, model, describes, find, erase) in enumerate(
        [
            (
                RecordKind.JOURNAL_NOTE,
                "people.JournalNote",
                "people.JournalNote",
                _notes_due,
                _journal_notes,
            ),
            (
                RecordKind.PUBLIC_REPORT,
                "neighbours.NeighbourReport",
                "neighbours.NeighbourReport (with its events)",
                _reports_due,
                _reports,
            ),
            (
                RecordKind.HOUSING_HISTORY,
                "housing.Placement",
                "housing.Placement",
                _placements_due,
                _placements,
            ),
            (
                RecordKind.CASE,
                "people.Case",
                "people.Case (phase transitions, assignments, journal notes)",
                _cases_due,
                _cases,
            ),
            (
                RecordKind.PERSON,
                "people.Person",
                "people.Person (with the household's name and address, and the free text of "
                "every app about the person: freetext.py)",
                _persons_due,
                _persons,
            ),
            (
                RecordKind.AUDIT_ENTRY,
                "core.AuditEntry",
                "core.AuditEntry",
                _audit_due,
                _audit_entries,
            ),
        ]
    ):
        kinds.register(
            kinds.Kind(
                key=key, model=model, describes=describes, due=find, erase=erase, order=order * 10
            )
        )


def unplanned_runs(municipality_id: int) -> list[int]:
    """Dry runs still to be written (their task was lost, e.g. the worker was down)."""
    return list(
        Run.objects.filter(municipality_id=municipality_id, state=RunState.PLANNING).values_list(
            "pk", flat=True
        )
    )


def resumable_runs(municipality_id: int | None = None) -> list[int]:
    """Approved runs with items not yet done (a run a crash stopped)."""
    runs = Run.objects.filter(
        Q(state=RunState.APPROVED) | Q(state=RunState.FAILED, approved_at__isnull=False),
        items__done_at__isnull=True,
    )
    if municipality_id is not None:
        runs = runs.filter(municipality_id=municipality_id)
    return sorted(set(runs.values_list("pk", flat=True)))
