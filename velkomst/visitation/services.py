"""Writes for visitation imports (REC-1, SEC-5).

``batch_upload`` reads and validates the whole file and records the attempt; nothing about a
citizen is written. ``batch_confirm`` registers every household in one call of
``reception.services.households_register_bulk`` (which writes the audit rows, the reception
plans and the children's placements) in ONE transaction, after a person has decided on every
likely duplicate: all or nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from velkomst.core import access, audit
from velkomst.core.models import AuditAction, StaffUser
from velkomst.people.services import HouseholdData
from velkomst.reception.services import households_register_bulk

from . import selectors
from .models import ImportBatch, ImportStatus
from .parsing import Problem, UnreadableFile, parse_file
from .validation import VisitationRow, find_duplicates, group_households, validate_file

IMPORT, SKIP = "import", "skip"
DECISIONS = (IMPORT, SKIP)
CHANNEL = "import"
MAX_STORED_PROBLEMS = 1000


class BatchNotInReview(Exception):
    """The batch has been imported or cancelled already (by this or another user)."""


class DuplicatesChanged(Exception):
    """Since the review page was shown, someone registered persons the file also holds."""


class DecisionsInvalid(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


class NotSameMunicipality(Exception):
    pass


@dataclass(frozen=True)
class Summary:
    households: int
    persons: int
    adults: int
    children: int


def batch_upload(
    *, acting_user: StaffUser, file_name: str, content: bytes, today: date | None = None
) -> ImportBatch:
    """Read and validate a visitation file; record the attempt as a batch in review (valid) or
    rejected (with every problem). Citizens' data is not written here."""
    access.require(acting_user, access.HOUSEHOLD_CREATE)
    municipality_id = access.tenant_id(acting_user)
    today = today or timezone.localdate()
    batch = ImportBatch(
        municipality_id=municipality_id,
        created_by=acting_user,
        file_name=file_name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        file_format="xlsx" if content.startswith(b"PK\x03\x04") else "csv",
    )
    try:
        parsed = parse_file(content)
    except UnreadableFile as error:
        batch.status = ImportStatus.REJECTED
        batch.problems = [Problem(None, "", str(error)).as_dict()]
        batch.save()
        return batch
    check = validate_file(parsed, today=today)
    batch.row_count = len(parsed.rows)
    batch.ignored_headers = parsed.ignored_headers
    if not check.ok:
        batch.status = ImportStatus.REJECTED
        batch.problems = [p.as_dict() for p in check.problems[:MAX_STORED_PROBLEMS]]
        batch.result = {"problem_count": len(check.problems)}
        batch.save()
        return batch
    batch.status = ImportStatus.REVIEW
    batch.household_count = len(group_households(check.rows))
    batch.rows = [row.to_json() for row in check.rows]
    batch.duplicates = _duplicates(municipality_id, check.rows)
    batch.save()
    return batch


def _duplicates(municipality_id: int, rows: list[VisitationRow]) -> list[dict[str, Any]]:
    existing = selectors.existing_persons(
        municipality_id=municipality_id,
        birth_dates=(r.birth_date for r in rows),
        cprs=(r.cpr for r in rows),
    )
    return find_duplicates(rows, existing)


def _signature(duplicates: list[dict[str, Any]]) -> set[tuple[int, str, int]]:
    return {
        (d["line"], m["kind"], m.get("person_id") or m.get("line") or 0)
        for d in duplicates
        for m in d["matches"]
    }


def batch_rows(batch: ImportBatch) -> list[VisitationRow]:
    return [VisitationRow.from_json(data) for data in batch.rows]


def batch_summary(rows: list[VisitationRow]) -> Summary:
    def adult(row: VisitationRow) -> bool:
        day = row.expected_arrival_date or row.visitation_date
        born = row.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day)) >= 18

    adults = sum(1 for r in rows if adult(r))
    return Summary(len(group_households(rows)), len(rows), adults, len(rows) - adults)


def batch_confirm(
    *, batch: ImportBatch, acting_user: StaffUser, decisions: dict[int, str]
) -> ImportBatch:
    """Import the batch: every household through households_register_bulk, in one transaction.

    ``decisions`` maps each duplicate row's line to "import" (as a new person) or "skip". Raises
    DecisionsInvalid if one is missing or would leave a household without its head,
    DuplicatesChanged if new likely duplicates appeared since the review (the batch is updated
    to show them), BatchNotInReview if it was imported or cancelled meanwhile.
    """
    access.require(acting_user, access.HOUSEHOLD_CREATE)
    if batch.municipality_id != access.tenant_id(acting_user):
        raise NotSameMunicipality()
    changed: list[dict[str, Any]] | None = None
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportStatus.REVIEW:
            raise BatchNotInReview()
        rows = batch_rows(locked)
        current = _duplicates(locked.municipality_id, rows)
        if not _signature(current) <= _signature(locked.duplicates):
            changed = current
        else:
            skipped = _check_decisions(locked, rows, decisions)
            _import(locked, rows, skipped, acting_user)
    if changed is not None:
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.REVIEW).update(
            duplicates=changed
        )
        batch.duplicates = changed
        raise DuplicatesChanged()
    batch.refresh_from_db()
    return batch


def _check_decisions(
    batch: ImportBatch, rows: list[VisitationRow], decisions: dict[int, str]
) -> set[int]:
    duplicate_lines = [d["line"] for d in batch.duplicates]
    missing = [line for line in duplicate_lines if decisions.get(line) not in DECISIONS]
    messages = [
        _("Linje %(line)s: vælg, om personen skal importeres som ny person eller springes over.")
        % {"line": line}
        for line in missing
    ]
    skipped = {line for line in duplicate_lines if decisions.get(line) == SKIP}
    for plan in group_households(rows):
        head = plan.head
        kept = [r for r in plan.rows if r.line not in skipped]
        if head is not None and head.line in skipped and kept:
            messages.append(
                _(
                    "Husstand '%(ref)s': hovedpersonen på linje %(line)s springes over, men "
                    "andre i husstanden (linje %(kept)s) importeres. Spring hele husstanden "
                    "over, eller importér hovedpersonen."
                )
                % {
                    "ref": plan.reference,
                    "line": head.line,
                    "kept": ", ".join(str(r.line) for r in kept),
                }
            )
    if messages:
        raise DecisionsInvalid(messages)
    return skipped


def _import(
    batch: ImportBatch, rows: list[VisitationRow], skipped: set[int], acting_user: StaffUser
) -> None:
    plans = group_households(r for r in rows if r.line not in skipped)
    households = households_register_bulk(
        [
            HouseholdData(
                name=plan.name,
                members=[row.member_data() for row in plan.rows],
                visitation_date=plan.first.visitation_date,
                expected_arrival_date=plan.first.expected_arrival_date,
                arrival_date=None,
                asylum_centre=plan.first.asylum_centre,
                address="",
                caseworker=None,
            )
            for plan in plans
        ],
        acting_user=acting_user,
        channel=CHANNEL,
    )
    household_ids = [household.pk for household in households]
    persons = sum(len(plan.rows) for plan in plans)
    batch.status = ImportStatus.IMPORTED
    batch.rows = []
    batch.result = {
        "households": household_ids,
        "persons": persons,
        "skipped_lines": sorted(skipped),
    }
    batch.decided_by = acting_user
    batch.decided_at = timezone.now()
    batch.save(update_fields=["status", "rows", "result", "decided_by", "decided_at"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CREATE,
        obj=batch,
        changes={
            "households": [None, len(household_ids)],
            "persons": [None, persons],
            "skipped_lines": [None, sorted(skipped)],
            "sha256": [None, batch.sha256],
        },
        reason=_("Visitationsimport af filen %(name)s") % {"name": batch.file_name},
        channel=CHANNEL,
    )


# why a background import came back to review (ImportBatch.import_error); views show them
ERROR_DUPLICATES, ERROR_DECISIONS, ERROR_NO_TEMPLATE, ERROR_FAILED = (
    "duplicates",
    "decisions",
    "no_template",
    "failed",
)


@transaction.atomic
def batch_confirm_start(
    *, batch: ImportBatch, acting_user: StaffUser, decisions: dict[int, str]
) -> ImportBatch:
    """Queue the import of a reviewed batch as a background task (``tasks.confirm_batch``),
    so the request returns at once; the review page shows it working and then the result.

    The decisions are checked here (DecisionsInvalid at once, naming each line); the task then
    runs ``batch_confirm``: all or nothing, as before. Raises BatchNotInReview if the batch is
    being imported, imported or cancelled.
    """
    access.require(acting_user, access.HOUSEHOLD_CREATE)
    if batch.municipality_id != access.tenant_id(acting_user):
        raise NotSameMunicipality()
    # the stored rows (megabytes for 10,000) are read only when a head may be skipped
    locked = (
        ImportBatch.objects.select_for_update()
        .only("status", "duplicates", "municipality_id")
        .get(pk=batch.pk)
    )
    if locked.status != ImportStatus.REVIEW:
        raise BatchNotInReview()
    skips = SKIP in decisions.values()
    _check_decisions(locked, batch_rows(locked) if skips else [], decisions)
    locked.status = ImportStatus.IMPORTING
    locked.decisions = {str(line): decision for line, decision in decisions.items()}
    locked.decided_by = acting_user
    locked.import_error = ""
    locked.save(update_fields=["status", "decisions", "decided_by", "import_error"])
    from .tasks import confirm_batch

    confirm_batch.enqueue(locked.pk)
    locked.refresh_from_db()
    return locked


def batch_execute(batch_id: int) -> None:
    """The task's body: import the batch as its confirming user decided. A failure leaves
    nothing written (one transaction) and puts the batch back to review with the reason."""
    batch = ImportBatch.objects.select_related("decided_by").get(pk=batch_id)
    if batch.status != ImportStatus.IMPORTING or batch.decided_by is None:
        return
    decisions = {int(line): decision for line, decision in batch.decisions.items()}
    error = ""
    try:
        with transaction.atomic():
            ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.REVIEW)
            batch.status = ImportStatus.REVIEW
            batch_confirm(batch=batch, acting_user=batch.decided_by, decisions=decisions)
    except DuplicatesChanged:
        error = ERROR_DUPLICATES
    except DecisionsInvalid:
        error = ERROR_DECISIONS
    except Exception as exc:
        from velkomst.reception.services import NoTemplateInForce

        error = ERROR_NO_TEMPLATE if isinstance(exc, NoTemplateInForce) else ERROR_FAILED
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.REVIEW, import_error=error
        )
        if error == ERROR_FAILED:
            raise
        return
    if error:  # the new likely duplicates (batch_confirm found them) are shown for review
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.REVIEW, import_error=error, duplicates=batch.duplicates
        )


@transaction.atomic
def batch_cancel(*, batch: ImportBatch, acting_user: StaffUser) -> ImportBatch:
    """Drop a batch awaiting review; its rows are deleted, nothing is imported."""
    access.require(acting_user, access.HOUSEHOLD_CREATE)
    if batch.municipality_id != access.tenant_id(acting_user):
        raise NotSameMunicipality()
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status != ImportStatus.REVIEW:
        raise BatchNotInReview()
    locked.status = ImportStatus.CANCELLED
    locked.rows = []
    locked.decided_by = acting_user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "rows", "decided_by", "decided_at"])
    audit.log(
        actor=acting_user,
        action=AuditAction.CHANGE,
        obj=locked,
        changes={"status": [ImportStatus.REVIEW.value, ImportStatus.CANCELLED.value]},
        reason=_("Visitationsimport annulleret: %(name)s") % {"name": locked.file_name},
        channel=CHANNEL,
    )
    return locked


def batches_purge_stale(*, created_before: datetime) -> int:
    """Drop the rows of batches left awaiting review since before ``created_before``: they hold
    personal data (names, CPR) that was never imported. Run as a scheduled job
    (``manage.py visitation_purge``). Returns how many batches were purged."""
    stale = ImportBatch.objects.filter(status=ImportStatus.REVIEW, created_at__lt=created_before)
    return stale.update(
        status=ImportStatus.CANCELLED,
        rows=[],
        duplicates=[],
        decided_at=timezone.now(),
        result={"purged": True},
    )
