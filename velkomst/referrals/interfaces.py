"""The interface descriptions in force (COO-2): who does a task, referral or activity type and
to whom it hands over, read from the municipality's versioned configuration
(``interface_descriptions``, presets in core/config.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from velkomst.core.config import INTERFACE_DESCRIPTIONS, config_value
from velkomst.core.models import Municipality, Unit, UnitKind

SUBJECTS = {
    "task": gettext_lazy("Opgave i modtageplanen"),
    "referral": gettext_lazy("Henvisning"),
    "activity": gettext_lazy("Aktivitet i integrationsplanen"),
}


@dataclass(frozen=True)
class Interface:
    subject: str  # "task", "referral" or "activity"
    type: str  # the task category, referral kind or activity kind
    by: str  # a UnitKind
    to: str  # a UnitKind or ""
    note: str

    @property
    def key(self) -> str:
        return f"{self.subject}:{self.type}"

    @property
    def subject_label(self) -> str:
        return str(SUBJECTS.get(self.subject, self.subject))

    @property
    def type_label(self) -> str:
        return type_label(self.subject, self.type)

    @property
    def by_label(self) -> str:
        return unit_kind_label(self.by)

    @property
    def to_label(self) -> str:
        return unit_kind_label(self.to)

    @property
    def line(self) -> str:
        """ "Udføres af Jobcenter · overdrages til Sprogcenter" (the second part when it hands
        over)."""
        done_by = _("Udføres af %(unit)s") % {"unit": self.by_label}
        if not self.to:
            return done_by
        return f"{done_by} · " + _("overdrages til %(unit)s") % {"unit": self.to_label}


def unit_kind_label(kind: str) -> str:
    if not kind:
        return ""
    return str(UnitKind(kind).label) if kind in UnitKind.values else kind


def type_label(subject: str, type_: str) -> str:
    if subject == "task":
        from velkomst.reception.categories import category_label

        return category_label(type_)
    if subject == "referral":
        from .models import ReferralKind

        return str(ReferralKind(type_).label) if type_ in ReferralKind.values else type_
    if subject == "activity":
        from velkomst.programme.models import ActivityKind

        return str(ActivityKind(type_).label) if type_ in ActivityKind.values else type_
    return type_


def _parse(key: str, value: Any) -> Interface | None:
    subject, _sep, type_ = key.partition(":")
    if not type_ or not isinstance(value, dict) or not value.get("by"):
        return None
    return Interface(
        subject=subject,
        type=type_,
        by=str(value.get("by", "")),
        to=str(value.get("to", "") or ""),
        note=str(value.get("note", "") or ""),
    )


def descriptions(municipality: Municipality, on: date | None = None) -> dict[str, Interface]:
    """The municipality's interface descriptions in force on ``on`` (today), by key."""
    raw = config_value(municipality, "interface_descriptions", on) or INTERFACE_DESCRIPTIONS
    parsed = {key: _parse(key, value) for key, value in raw.items()}
    return {key: i for key, i in parsed.items() if i is not None}


def for_task(interfaces: dict[str, Interface], category: str) -> Interface | None:
    return interfaces.get(f"task:{category}") if category else None


def proposed_unit_kind(
    interfaces: dict[str, Interface], *, kind: str = "", task_category: str = ""
) -> str:
    """The unit kind a referral should go to: the one a task hands over to, else the one that
    does the referral's kind; "" when no description says."""
    task = for_task(interfaces, task_category)
    if task is not None and task.to:
        return task.to
    referral = interfaces.get(f"referral:{kind}") if kind else None
    return referral.by if referral is not None else ""


def proposed_unit(
    municipality: Municipality, *, kind: str = "", task_category: str = "", exclude: Any = None
) -> Unit | None:
    """The municipality's first unit of the proposed kind (not ``exclude``, the sender's)."""
    unit_kind = proposed_unit_kind(
        descriptions(municipality), kind=kind, task_category=task_category
    )
    if not unit_kind:
        return None
    units = Unit.objects.filter(municipality=municipality, kind=unit_kind).order_by("name")
    if exclude is not None:
        units = units.exclude(pk=exclude.pk)
    return units.first()
