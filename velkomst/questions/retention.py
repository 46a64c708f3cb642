"""A citizen's questions with their attachments as the erasure job's record kind "document"
(SEC-4), registered from the app's ``ready``.

The record is a ``Question``; its event day is the person's case closing (or moving away), or the
day it was asked. Anonymising it replaces its texts (subject, question, answer, where to send the
notice) and removes its attached files from the private storage (the attachment rows go; the
question, its dates and its status stay, so the deadlines kept and missed still count). Deleting
it removes the question, its attachments and their files. Files leave the storage only once the
batch has committed (``kinds.remove_files``). Anonymising a person by the person rule removes
their questions' files too (``freetext.register_files``).
"""

from __future__ import annotations

from datetime import date

from velkomst.retention import erasure, freetext, kinds
from velkomst.retention.freetext import ANONYMISED_TEXT
from velkomst.retention.models import RecordKind, Rule, Run, RunItem

from . import files
from .models import Attachment, Question

TEXTS = ("subject", "text", "answer", "notify_to")


def due(municipality_id: int, rule: Rule, as_of: date, held: set[int]) -> list[tuple[int, date]]:
    return erasure.persons_records_due(
        municipality_id,
        Question.objects.filter(municipality_id=municipality_id),
        person="person_id",
        created="asked_at",
        rule=rule,
        as_of=as_of,
        held=held,
    )


def _remove_attachments(ids: list[int]) -> None:
    attachments = Attachment.objects.filter(question_id__in=ids)
    kinds.remove_files(
        (files.storage(), name) for name in attachments.values_list("stored_name", flat=True)
    )
    attachments.delete()


def remove_files_of_persons(person_ids: list[int]) -> None:
    """Anonymising a person removes the files they and their caseworker attached."""
    _remove_attachments(
        list(Question.objects.filter(person_id__in=person_ids).values_list("pk", flat=True))
    )


def anonymise(ids: list[int]) -> None:
    _remove_attachments(ids)
    for field in TEXTS:
        Question.objects.filter(pk__in=ids).exclude(**{field: ""}).update(
            **{field: ANONYMISED_TEXT}
        )


def delete(ids: list[int]) -> None:
    _remove_attachments(ids)
    Question.objects.filter(pk__in=ids).delete()


def erase(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    deletes, anonymised = erasure.split(items)
    anonymise(anonymised)
    return erasure.delete_each(deletes, delete, anonymise)


def register() -> None:
    freetext.register_files(remove_files_of_persons)
    kinds.register(
        kinds.Kind(
            key=RecordKind.DOCUMENT,
            model="questions.Question",
            describes="questions.Question with its attachments (the files): texts anonymised, "
            "files removed",
            due=due,
            erase=erase,
            order=24,  # before the survey answers, the case and the person
        )
    )
