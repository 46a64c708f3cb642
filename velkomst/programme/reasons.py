"""The programme engine's findings (codes and parameters) in the reader's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from velkomst.core.formats import format_date, format_number
from velkomst.engines.programme import Reason


def _params(params: dict[str, Any]) -> dict[str, str]:
    shown: dict[str, str] = {}
    for key, value in params.items():
        if hasattr(value, "isoformat"):
            shown[key] = format_date(value)
        elif isinstance(value, int | float) or hasattr(value, "quantize"):
            shown[key] = format_number(value)
        else:
            shown[key] = str(value)
    return shown


_TEXTS: dict[str, Callable[[], str]] = {
    "hours_not_positive": lambda: _("Timer pr. uge skal være over 0."),
    "hours_over_max": lambda: _("En aktivitet kan højst have %(max)s timer pr. uge."),
    "week_total_over_max": lambda: _(
        "Aktiviteterne, der løber samtidig, giver %(total)s timer pr. uge fra %(day)s; "
        "højst %(max)s timer pr. uge i alt."
    ),
    "weeks_short": lambda: _("%(count)s uger har færre end de forventede %(expected)s timer."),
    "gap_too_long": lambda: _(
        "Et hul på %(weeks)s uger uden virksomhedsrettet aktivitet fra %(start)s; "
        "højst %(max)s uger."
    ),
    "first_enterprise_overdue": lambda: _(
        "Ingen virksomhedsrettet aktivitet inden fristen %(due)s (%(weeks)s uger efter "
        "overtagelsen)."
    ),
    "first_enterprise_late": lambda: _(
        "Den første virksomhedsrettede aktivitet startede %(start)s, efter fristen %(due)s."
    ),
    "internship_from_arrival": lambda: _(
        "Ingen praktik inden for %(months)s måneder efter ankomsten (frist %(due)s)."
    ),
    "meetings_missing": lambda: _(
        "Kun %(held)s af mindst %(min)s jobsamtaler i de første %(months)s måneder."
    ),
    "young_not_education": lambda: _(
        "Borgeren er %(age)s år, under 30, og planen er ikke uddannelsesrettet."
    ),
    "young_no_education_goal": lambda: _(
        "Borgeren er %(age)s år, under 30, og planen har intet uddannelsesmål."
    ),
}

CODES = frozenset(_TEXTS)


def text(reason: Reason) -> str:
    return _TEXTS[reason.code]() % _params(reason.params)


def texts(reasons: Iterable[Reason]) -> list[str]:
    return [text(r) for r in reasons]
