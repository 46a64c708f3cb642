"""Template helpers for reception plans: deadline rules in words, state badges, and the deadline
lists included on the person and household pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import dateformat
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from velkomst.engines.calendar import NotWorking, holiday_name
from velkomst.engines.deadlines import DeadlineState
from velkomst.people.models import Household, Person
from velkomst.reception.categories import category_label as _category_label

from .. import selectors
from ..models import Adjustment, Anchor, DayKind
from ..models import DeadlineState as StateChoices

register = template.Library()

BADGES = {
    DeadlineState.UPCOMING: "badge-info",
    DeadlineState.DUE_SOON: "badge-warning",
    DeadlineState.OVERDUE: "badge-error",
    DeadlineState.MET_ON_TIME: "badge-success",
    DeadlineState.MET_LATE: "badge-warning",
    DeadlineState.NOT_RELEVANT: "",
}


@register.filter
def state_badge(state: str) -> str:
    return BADGES.get(DeadlineState(state), "") if state else ""


@register.filter
def state_label(state: str) -> str:
    return str(StateChoices(state).label) if state else ""


@register.filter
def rule_text(task: Any) -> str:
    """A deadline rule in words: "21 kalenderdage før forventet ankomst"."""
    anchor = task.anchor
    if anchor == Anchor.FIXED:
        return _("Fast dato")
    if anchor == Anchor.TASK_COMPLETION:
        other = task.anchor_task.title if task.anchor_task_id else _("en anden opgave")
        base = _("at «%(task)s» er udført") % {"task": other}
    else:
        base = str(Anchor(anchor).label).lower()
    parts = []
    if task.offset_months:
        months = abs(task.offset_months)
        parts.append(ngettext("%(n)d måned", "%(n)d måneder", months) % {"n": months})
    if task.offset_days:
        days = abs(task.offset_days)
        if task.day_kind == DayKind.WORKING:
            parts.append(ngettext("%(n)d arbejdsdag", "%(n)d arbejdsdage", days) % {"n": days})
        else:
            parts.append(ngettext("%(n)d dag", "%(n)d dage", days) % {"n": days})
    negative = (task.offset_months or task.offset_days) < 0
    if parts:
        offset = _(" og ").join(parts)
        text = (
            _("%(offset)s før %(anchor)s") if negative else _("%(offset)s efter %(anchor)s")
        ) % {"offset": offset, "anchor": base}
    else:
        text = _("samme dag som %(anchor)s") % {"anchor": base}
    if task.day_kind == DayKind.WEEK_END:
        text = _("sidste arbejdsdag i ugen, %(rule)s") % {"rule": text}
    if task.day_kind == DayKind.CALENDAR:
        adjustment = str(Adjustment(task.adjustment).label)
        text = _("%(rule)s; på en lukkedag: %(adjustment)s") % {
            "rule": text,
            "adjustment": adjustment[:1].lower() + adjustment[1:],
        }
    return text


def moved_text(counted: date, moved: date, because: str) -> str:
    """Why a deadline is not the day its rule counted, in the reader's language: "1. august 2026
    er en lørdag: flyttet til mandag 3. august" / "1 August 2026 is a Saturday: moved to Monday 3
    August". Holidays and closing days are named as the holidays package names them."""
    language = get_language() or "da"
    counted_text = dateformat.format(counted, pgettext("dato i en sætning", "j. F Y"))
    moved_format = (
        pgettext("ugedag og dato i en sætning", "l j. F")
        if moved.year == counted.year
        else pgettext("ugedag og dato med år i en sætning", "l j. F Y")
    )
    values = {"counted": counted_text, "moved": dateformat.format(moved, moved_format)}
    name = holiday_name(counted, language)
    if language.startswith("da"):
        name = name.lower()  # Danish names of days are not capitalised in a sentence
    match because:
        case NotWorking.SATURDAY:
            text = _("%(counted)s er en lørdag: flyttet til %(moved)s")
        case NotWorking.SUNDAY:
            text = _("%(counted)s er en søndag: flyttet til %(moved)s")
        case NotWorking.HOLIDAY:
            text = _("%(counted)s er %(name)s: flyttet til %(moved)s")
        case NotWorking.CLOSING_DAY if name:
            text = _("%(counted)s er %(name)s, hvor kommunen holder lukket: flyttet til %(moved)s")
        case _:
            text = _("%(counted)s er en lukkedag: flyttet til %(moved)s")
    return text % {**values, "name": name}


@register.filter
def due_moved(task: Any) -> str:
    """Why ``task``'s deadline moved off the day its rule counted; "" if it did not."""
    if task.due_counted is None or task.due_date is None or not task.due_moved_because:
        return ""
    return moved_text(task.due_counted, task.due_date, task.due_moved_because)


@register.simple_tag(takes_context=True)
def person_deadlines(context: Any, person: Person) -> list[Any]:
    user = context["request"].user
    today = selectors.Today.for_municipality(person.municipality)
    return selectors.with_states(selectors.person_deadlines(user=user, person=person), today)


@register.simple_tag(takes_context=True)
def household_plan_summary(context: Any, household: Household) -> dict[str, Any]:
    """The plan's open tasks by due date, and counts per state, for the household page."""
    user = context["request"].user
    plan = selectors.plan_of(household)
    if plan is None:
        return {"plan": None}
    today = selectors.Today.for_municipality(household.municipality)
    tasks = selectors.with_states(selectors.plan_tasks(plan), today)
    counts: dict[str, int] = {}
    for task in tasks:
        state = task.deadline_state  # type: ignore[attr-defined]
        counts[state] = counts.get(state, 0) + 1
    open_tasks = sorted(
        (t for t in tasks if t.is_open),
        key=lambda t: (t.due_date is None, t.due_date or today.day, t.order, t.pk),
    )
    return {
        "plan": plan,
        "open": open_tasks,
        "counts": [(StateChoices(s).label, s, counts[s]) for s in DeadlineState if s in counts],
        "user": user,
    }


@register.filter
def category_label(slug: str) -> str:
    """``{{ task.category|category_label }}``: the task type by its label."""
    return _category_label(slug)
