"""A group key of an indicator's breakdown as the reader sees it, in the reader's language.

Definitions give their groups stable keys (``definitions/*.py`` say which); this turns a key into
its label: a unit's, area's or institution's name from the database (the key is its id), a task
type's or an enumeration's label, "Kvinder"/"Mænd", "18–29 år". A key no rule knows is returned
as it is (never an error: a figure can outlive the record its group came from).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from velkomst.core.models import Unit as StaffUnit
from velkomst.danish.models import Exam, Track
from velkomst.families.models import Institution, PlacementKind
from velkomst.housing.models import Area, DwellingType
from velkomst.interpreting.models import Mode
from velkomst.outcomes.models import BenefitType, GrantKind
from velkomst.people.codes import language_name
from velkomst.programme.models import Category
from velkomst.reception.categories import category_label
from velkomst.surveys.models import Moment

from .definitions.children import NO_INSTITUTION
from .definitions.economy import (
    ACTIVITIES,
    BOOKINGS,
    EDUCATION,
    STAYS,
    SUPPORT,
    SUPPORTS,
    WORK,
)
from .definitions.reception import NO_STANDARD

SEXES = {"F": _("Kvinder"), "M": _("Mænd"), "X": _("Andet/uoplyst")}
CONTINUITY_GROUPS = {
    "girls": _("Piger"),
    "boys": _("Drenge"),
    "women": _("Kvinder"),
    "men": _("Mænd"),
    "other": _("Andre"),
}
HOUSING_STATUS = {
    "moved": _("Flyttet til permanent bolig"),
    "staying": _("Stadig i midlertidig bolig"),
}
COOPERATION_KINDS = {
    "association": _("Foreninger"),
    "volunteer": _("Frivillige"),
    "housing_association": _("Boligorganisationer"),
}

RESULTS = {WORK: _("Startet i arbejde"), EDUCATION: _("Startet på uddannelse")}
COST_SOURCES = {
    ACTIVITIES: _("Aktiviteter"),
    SUPPORTS: _("Støtteforanstaltninger"),
    BOOKINGS: _("Tolkebestillinger"),
    STAYS: _("Ophold i midlertidig bolig"),
}


# Breakdowns whose group keys are an enumeration's values, by name (the definitions give the code;
# the reader sees the label)
ENUMERATIONS: dict[str, type[models.TextChoices]] = {
    "exam": Exam,
    "track": Track,
    "benefit": BenefitType,
    "category": Category,
    "mode": Mode,
    "moment": Moment,
}


def age_label(group: str) -> str:
    """``18-29`` → "18–29 år"; ``67+`` → "67 år og derover"."""
    if group.endswith("+") and group[:-1].isdigit():
        return str(_("%(age)s år og derover") % {"age": group[:-1]})
    low, dash, high = group.partition("-")
    if dash and low.isdigit() and high.isdigit():
        return str(_("%(low)s–%(high)s år") % {"low": low, "high": high})
    return group


def _name_by_id(model: type[StaffUnit] | type[Area] | type[Institution], group: str) -> str:
    if not group.isdigit():
        return group
    name = model.objects.filter(pk=int(group)).values_list("name", flat=True).first()
    return name if name is not None else group


def _institution(group: str) -> str:
    if group == NO_INSTITUTION:
        return str(_("Ingen institution angivet"))
    if group.startswith("name:"):
        return group.removeprefix("name:")
    return _name_by_id(Institution, group)


def group_label(definition_key: str, breakdown: str, group: str) -> str:
    """The label of ``group`` in ``breakdown`` of the indicator ``definition_key``."""
    if breakdown == "sex":
        return str(SEXES.get(group, group))
    if breakdown == "age":
        return age_label(group)
    if breakdown == "unit":
        return _name_by_id(StaffUnit, group)
    if breakdown == "standard":
        return str(_("Uden type")) if group == NO_STANDARD else category_label(group)
    if breakdown == "area":
        return _name_by_id(Area, group)
    if breakdown == "institution":
        return _institution(group)
    if breakdown == "category" and group == SUPPORT:
        return str(_("Støtteforanstaltninger (buskort, pasning, mentor)"))
    if breakdown in ENUMERATIONS and group in ENUMERATIONS[breakdown].values:
        return str(ENUMERATIONS[breakdown](group).label)
    if breakdown == "kind" and definition_key == "result_grants_earned":
        return str(GrantKind(group).label) if group in GrantKind.values else group
    if breakdown == "kind" and definition_key == "cooperation_agreements":
        return str(COOPERATION_KINDS.get(group, group))
    if breakdown == "kind" and group in PlacementKind.values:
        return str(PlacementKind(group).label)
    if breakdown == "type" and group in DwellingType.values:
        return str(DwellingType(group).label)
    if breakdown == "status" and definition_key == "temporary_housing_days":
        return str(HOUSING_STATUS.get(group, group))
    if breakdown == "result":
        return str(RESULTS.get(group, group))
    if breakdown == "source":
        return str(COST_SOURCES.get(group, group))
    if breakdown == "group":
        return str(CONTINUITY_GROUPS.get(group, group))
    if breakdown == "language":
        return language_name(group, get_language() or "da")
    return group
