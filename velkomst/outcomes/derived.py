"""The stored table of derived result grants (PRG-7, decision 108): ``DerivedGrant`` rows the
lists read with SQL instead of running the rules engine over every person on each request.

The table is kept current by ``ensure_current`` (called by the reads, and each night by
``manage.py refresh_result_grants``):

- no state yet, another day (grants are earned as time passes) or other rate tables: the
  municipality's rows are rebuilt from its facts (``facts_of_municipality``);
- else the persons whose facts were written since the state's ``data_moment`` (every write of a
  citizen's data writes an audit entry in the same transaction) are derived afresh and only their
  rows replaced; nothing written since costs one index look-up.

The rows are derived data: never edited by hand and never the source of a claim (the claim form
derives the person's grants afresh, ``selectors.grant_of``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from velkomst.core.config import config_value
from velkomst.core.models import Municipality
from velkomst.core.writes import latest_write, writes_since
from velkomst.engines import grants as engine

from .facts import facts_for, facts_of_municipality
from .models import DerivedGrant, DerivedGrantState

# the models the engine's facts are read from (facts.person_facts, facts_for,
# facts_of_municipality): a write of one of them changes the person's grants; a person's own
# write (deleted, moved) is read as well
FACT_TYPES = (
    "outcomes.Employment",
    "outcomes.EducationOutcome",
    "danish.DanishExam",
    "people.Case",
    "people.Person",
)
BATCH = 2000


def rates_fingerprint(values: Any) -> str:
    """A fingerprint of the rate tables' configuration (``result_grant_rates``)."""
    text = json.dumps(values or {}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


# --- evidence as JSON ---------------------------------------------------------------------------


def evidence_json(
    evidence: engine.JobEvidence | engine.EducationEvidence | engine.ExamEvidence,
) -> dict[str, Any]:
    """The engine's evidence as JSON (dates ISO, hours a string, ids a list)."""

    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        return value

    return {key: plain(value) for key, value in asdict(evidence).items()}


def evidence_of(
    kind: str, data: dict[str, Any]
) -> engine.JobEvidence | engine.EducationEvidence | engine.ExamEvidence:
    """The engine's evidence dataclass back from ``evidence_json``."""
    if kind == engine.Kind.JOB:
        return engine.JobEvidence(
            employment_ids=tuple(data["employment_ids"]),
            window_start=date.fromisoformat(data["window_start"]),
            window_end=date.fromisoformat(data["window_end"]),
            average_hours=Decimal(data["average_hours"]),
        )
    if kind == engine.Kind.EDUCATION:
        return engine.EducationEvidence(
            education_id=data["education_id"],
            started_on=date.fromisoformat(data["started_on"]),
            programme=data["programme"],
            institution=data["institution"],
        )
    return engine.ExamEvidence(exam=data["exam"], taken_on=date.fromisoformat(data["taken_on"]))


def grant_of_row(row: DerivedGrant) -> engine.Grant:
    """The engine's grant a stored row holds (equal to the one derived afresh)."""
    return engine.Grant(
        person_id=row.person_id,
        kind=engine.Kind(row.kind),
        achieved_on=row.achieved_on,
        earned_on=row.earned_on,
        tier=engine.Tier(row.tier),
        amount=row.amount,
        table_year=row.table_year,
        approximate=row.approximate,
        evidence=evidence_of(row.kind, row.evidence),
    )


def _row(municipality_id: int, grant: engine.Grant) -> DerivedGrant:
    return DerivedGrant(
        municipality_id=municipality_id,
        person_id=grant.person_id,
        kind=grant.kind.value,
        achieved_on=grant.achieved_on,
        earned_on=grant.earned_on,
        tier=grant.tier.value,
        amount=grant.amount,
        table_year=grant.table_year,
        approximate=grant.approximate,
        evidence=evidence_json(grant.evidence),
    )


# --- keeping the table current ------------------------------------------------------------------


def _rates(municipality: Municipality, today: date) -> tuple[dict[int, engine.RateTable], str]:
    values = config_value(municipality, "result_grant_rates", today)
    return engine.tables_from_config(values), rates_fingerprint(values)


def ensure_current(municipality_id: int, today: date | None = None) -> DerivedGrantState:
    """Make the municipality's derived grants current for ``today`` (default today): rebuilt for
    a new day or other rate tables, else the persons written since recomputed. Current already:
    four queries."""
    today = today or timezone.localdate()
    municipality = Municipality.objects.get(pk=municipality_id)
    tables, rates = _rates(municipality, today)
    state = DerivedGrantState.objects.filter(municipality_id=municipality_id).first()
    if (
        state is not None
        and state.as_of == today
        and state.rates == rates
        and state.data_moment is not None
        and not writes_since(municipality_id, state.data_moment).exists()
    ):
        return state
    if state is None:
        # one state row per municipality (unique): a request at the same time gets this one
        state, _created = DerivedGrantState.objects.get_or_create(
            municipality_id=municipality_id, defaults={"as_of": date.min, "rates": ""}
        )
    with transaction.atomic():
        # one run at a time per municipality: the second waits here and then finds it current
        state = DerivedGrantState.objects.select_for_update().get(municipality_id=municipality_id)
        moment = latest_write(municipality_id)  # before reading: a write during the run is next
        if state.as_of != today or state.rates != rates or state.data_moment is None:
            _rebuild(municipality_id, today, tables)
        elif moment is not None and moment > state.data_moment:
            _update(municipality_id, today, tables, since=state.data_moment)
        else:
            return state
        state.as_of, state.rates, state.computed_at = today, rates, timezone.now()
        # no write yet: the run's own moment, so the next request is not taken for a new write
        state.data_moment = moment or timezone.now()
        state.save()
    return state


def _rebuild(municipality_id: int, today: date, tables: dict[int, engine.RateTable]) -> None:

    found = engine.grants_for(
        facts_of_municipality(municipality_id=municipality_id), as_of=today, tables=tables
    )
    DerivedGrant.objects.filter(municipality_id=municipality_id).delete()
    DerivedGrant.objects.bulk_create([_row(municipality_id, g) for g in found], batch_size=BATCH)


def _update(
    municipality_id: int, today: date, tables: dict[int, engine.RateTable], *, since: datetime
) -> None:
    """Derive afresh the grants of the persons whose facts were written after ``since``."""

    person_ids = sorted(
        {
            pk
            for pk in writes_since(municipality_id, since)
            .filter(object_type__in=FACT_TYPES, person_id__isnull=False)
            .values_list("person_id", flat=True)
            .distinct()
            if pk is not None
        }
    )
    if not person_ids:
        return
    found = engine.grants_for(
        facts_for(municipality_id=municipality_id, person_ids=person_ids),
        as_of=today,
        tables=tables,
    )
    DerivedGrant.objects.filter(municipality_id=municipality_id, person_id__in=person_ids).delete()
    DerivedGrant.objects.bulk_create([_row(municipality_id, g) for g in found], batch_size=BATCH)


def forget(municipality_id: int) -> None:
    """Take the municipality's table for outdated (a bulk load wrote facts without audit rows):
    the next read rebuilds it."""
    DerivedGrantState.objects.filter(municipality_id=municipality_id).delete()


def refresh_all(today: date | None = None) -> int:
    """Make every municipality's derived grants current for ``today`` (the nightly command, so
    the day's first visitor does not pay): the number of municipalities."""
    ids = list(Municipality.objects.order_by("pk").values_list("pk", flat=True))
    for municipality_id in ids:
        ensure_current(municipality_id, today)
    return len(ids)
