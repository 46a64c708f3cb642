"""Reads of surveys (CIT-2): a person's invitations, one invitation, the definitions, and the
aggregated results with small counts hidden (MI-6, ``small_count_threshold``, by the disclosure
engine like the management information). Tenant-scoped; results cover the whole municipality for
roles that see all citizens, else the citizens the reader's unit works with."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from velkomst.core import access, config
from velkomst.core.models import Municipality, StaffUser
from velkomst.engines.disclosure import PRIMARY, Reason, suppress_breakdowns
from velkomst.people.models import Person
from velkomst.people.selectors import persons_visible_to

from . import presets
from .models import Answer, Definition, Invitation, Moment, Status


def language() -> str:
    code = (get_language() or "da").lower()
    if code.startswith("prs"):  # Dari: the definitions' Farsi/Dari texts
        return "fa"
    return code[:2]


def text(texts: dict[str, str]) -> str:
    return presets.text_in(texts, language())


def options_of(question: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    if question["scale"] == presets.CHOICE:
        return [(code, texts) for code, texts in question.get("options", [])]
    return list(presets.SCALES[question["scale"]])


def definitions() -> QuerySet[Definition]:
    return Definition.objects.all()


def invitations_for(*, user: StaffUser, person: Person) -> list[Invitation]:
    return list(
        Invitation.objects.filter(municipality_id=access.tenant_id(user), person=person)
        .select_related("definition", "response")
        .order_by("-due_on", "-id")
    )


def invitations_visible(*, user: StaffUser) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        municipality_id=access.tenant_id(user), person__in=persons_visible_to(user)
    ).select_related("definition")


def invitations_of_citizen(person: Person) -> list[Invitation]:
    """The signed-in citizen's own invitations (CIT-2), the open ones first."""
    return sorted(
        Invitation.objects.filter(municipality_id=person.municipality_id, person=person)
        .select_related("definition")
        .order_by("-due_on", "-id"),
        key=lambda i: not i.is_open,
    )


def invitation_of_citizen(person: Person, pk: int) -> Invitation:
    """One of the citizen's own invitations; anyone else's is a 404."""
    found = (
        Invitation.objects.filter(municipality_id=person.municipality_id, person=person, pk=pk)
        .select_related("definition")
        .first()
    )
    if found is None:
        raise Http404
    return found


def invitation_get(*, user: StaffUser, pk: int) -> Invitation:
    found = (
        Invitation.objects.filter(
            municipality_id=access.tenant_id(user),
            person__in=persons_visible_to(user, few=True),
            pk=pk,
        )
        .select_related("person", "definition")
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass
class Cell:
    label: str
    count: int | None
    share: Decimal | None
    hidden: str = ""  # "<5" or "–"


@dataclass
class QuestionResult:
    key: str
    text: str
    answered: int | None
    cells: list[Cell]
    average: Decimal | None = None
    hidden: str = ""


@dataclass
class MomentResult:
    moment: str
    label: str
    invited: int | None
    statuses: list[Cell]
    questions: list[QuestionResult] = field(default_factory=list)
    hidden: str = ""


@dataclass
class Results:
    start: date
    end: date
    threshold: int
    moments: list[MomentResult]


def _hidden_text(reason: Reason | None, threshold: int) -> str:
    if reason is None:
        return ""
    return f"<{threshold}" if reason in PRIMARY else "–"


def _cells(
    counts: dict[str, int], labels: dict[str, str], threshold: int
) -> tuple[str, list[Cell]]:
    """The distribution with small counts and their complements hidden; the total's text."""
    total = sum(counts.values())
    shown = suppress_breakdowns(total, {"x": counts}, threshold)
    cells = []
    for code, label in labels.items():
        n = counts.get(code, 0)
        reason = shown.groups["x"].get(code)
        if reason is not None or shown.total is not None:
            cells.append(Cell(label, None, None, _hidden_text(reason, threshold) or "–"))
        else:
            share = (Decimal(n * 100) / total).quantize(Decimal("0.1")) if total else None
            cells.append(Cell(label, n, share))
    return _hidden_text(shown.total, threshold), cells


def results(*, user: StaffUser, start: date, end: date, moment: str = "") -> Results:
    """Per moment of the invitations sent ``start``..``end``: how many were invited, the share
    answered, declined, unanswered and still open, and per question the distribution of the
    answers (and the average on an agreement scale)."""
    access.require(user, access.SURVEY_RESULTS)
    municipality = Municipality.objects.get(pk=access.tenant_id(user))
    threshold = int(config.config_value(municipality, "small_count_threshold"))
    invitations = Invitation.objects.filter(
        municipality=municipality, due_on__gte=start, due_on__lte=end
    )
    if not access.can(user, access.SEE_ALL_CITIZENS):
        invitations = invitations.filter(person__in=persons_visible_to(user))
    if moment:
        invitations = invitations.filter(moment=moment)
    status_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for moment_key, status in invitations.values_list("moment", "status"):
        status_counts[moment_key][status] += 1
    answers: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for moment_key, question, value in Answer.objects.filter(
        response__invitation__in=invitations
    ).values_list("response__invitation__moment", "question", "value"):
        answers[(moment_key, question)][value] += 1
    key = config.config_value(municipality, "survey_key")
    definition = Definition.objects.filter(key=key).order_by("-version").first()
    questions = definition.questions if definition else presets.PRESETS[key]["questions"]
    status_labels = {s.value: str(s.label) for s in Status}
    made = []
    for moment_key in [m for m in Moment.values if m in status_counts]:
        counts = status_counts[moment_key]
        hidden, statuses = _cells(dict(counts), status_labels, threshold)
        result = MomentResult(
            moment_key,
            str(Moment(moment_key).label),
            None if hidden else sum(counts.values()),
            statuses,
            hidden=hidden,
        )
        for question in questions:
            labels = {code: text(texts) for code, texts in options_of(question)}
            given = answers.get((moment_key, question["key"]), Counter())
            q_hidden, cells = _cells(dict(given), labels, threshold)
            average = None
            total = sum(given.values())
            if question["scale"] == presets.AGREE and total and not q_hidden:
                mean = Decimal(sum(int(v) * n for v, n in given.items())) / total
                average = mean.quantize(Decimal("0.1"))
            result.questions.append(
                QuestionResult(
                    question["key"],
                    text(question["text"]),
                    None if q_hidden else total,
                    cells,
                    average,
                    q_hidden,
                )
            )
        made.append(result)
    return Results(start, end, threshold, made)


def reason_text(threshold: int) -> str:
    return _("Tal under %(n)s og de tal, de kan regnes ud af, vises ikke.") % {"n": threshold}
