"""Survey answers as a record kind of the erasure job (SEC-4), registered from the app's ``ready``.

A survey answer is a ``Response`` with its ``Answer`` rows; its event day is the person's case
closing (or moving away), or the day it was answered. Anonymising it removes the comment, the only
free text, and keeps the answer codes, the day, the channel and the invitation, so the results and
the indicator ``refugees_own_experience`` count exactly as before; deleting it removes the response
and its answers (the invitation stays, answered, with the person's case).
"""

from __future__ import annotations

from datetime import date

from velkomst.retention import erasure, kinds
from velkomst.retention.models import RecordKind, Rule, Run, RunItem

from .models import Answer, Response


def due(municipality_id: int, rule: Rule, as_of: date, held: set[int]) -> list[tuple[int, date]]:
    return erasure.persons_records_due(
        municipality_id,
        Response.objects.filter(municipality_id=municipality_id),
        person="invitation__person_id",
        created="answered_on",
        rule=rule,
        as_of=as_of,
        held=held,
    )


def anonymise(ids: list[int]) -> None:
    Response.objects.filter(pk__in=ids).exclude(comment="").update(comment="")


def delete(ids: list[int]) -> None:
    Answer.objects.filter(response_id__in=ids).delete()
    Response.objects.filter(pk__in=ids).delete()


def erase(municipality_id: int, items: list[RunItem], run: Run) -> dict[int, str]:
    deletes, anonymised = erasure.split(items)
    anonymise(anonymised)
    return erasure.delete_each(deletes, delete, anonymise)


def register() -> None:
    kinds.register(
        kinds.Kind(
            key=RecordKind.SURVEY_ANSWER,
            model="surveys.Response",
            describes="surveys.Response (with its answers): the comment anonymised",
            due=due,
            erase=erase,
            order=25,  # after housing history, before the case and the person
        )
    )
