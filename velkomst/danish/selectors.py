"""Reads of Danish education (PRG-2), always scoped to the acting user's municipality and the
persons the user may see. ``danish_levels`` and ``exams_passed`` are the functions the matching
and outcomes parts call with ids they already scoped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from . import rules
from .models import DanishExam, ExamResult, ModuleProgress


def danish_levels(*, municipality_id: int, person_ids: Iterable[int]) -> dict[int, str]:
    """Each person's Danish level (a ``people.levels.CefrLevel`` value) from what is recorded:
    the highest of the levels attested by passed exams and passed module tests
    (``rules.EXAM_LEVEL``, ``rules.module_level``). Every id asked for is in the answer; a person
    with nothing passed is ``CefrLevel.NONE`` ("no documented Danish"). Two queries."""
    ids = list(person_ids)
    found: dict[int, list[str]] = {pk: [] for pk in ids}
    if not ids:
        return {}
    for person_id, exam in DanishExam.objects.filter(
        municipality_id=municipality_id, person_id__in=ids, result=ExamResult.PASSED
    ).values_list("person_id", "exam"):
        found[person_id].append(rules.EXAM_LEVEL[exam])
    for person_id, track, module in ModuleProgress.objects.filter(
        municipality_id=municipality_id,
        referral__person_id__in=ids,
        passed_on__isnull=False,
    ).values_list("referral__person_id", "referral__track", "module"):
        found[person_id].append(rules.module_level(track, module))
    return {pk: rules.highest(levels) for pk, levels in found.items()}


def exams_passed(
    *, municipality_id: int, person_ids: Iterable[int]
) -> dict[int, list[tuple[str, date]]]:
    """Each person's passed exams as (``Exam`` value, date taken), oldest first; every id asked
    for is in the answer (an empty list when none passed). One query."""
    ids = list(person_ids)
    found: dict[int, list[tuple[str, date]]] = {pk: [] for pk in ids}
    if not ids:
        return found
    for person_id, exam, taken_on in (
        DanishExam.objects.filter(
            municipality_id=municipality_id, person_id__in=ids, result=ExamResult.PASSED
        )
        .order_by("taken_on", "id")
        .values_list("person_id", "exam", "taken_on")
    ):
        found[person_id].append((exam, taken_on))
    return found
