"""Filters that show values the one way the UI does (core/formats.py).

``{{ day|long_date }}`` "30. oktober 2026", ``|short_date`` "30.10.2026", ``|weekday_date``,
``|month``, ``|date_time``, ``|short_date_time``, ``|clock`` "14:30"; ``{{ rent|amount }}`` "4.100
kr."; ``{{ n|number }}``; ``{{ code|country }}``, ``{{ code|language }}``, ``{{ codes|languages
}}``; ``{{ address|place:area.name }}`` without repeats. English pages get English forms.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from velkomst.core import formats

register = template.Library()


@register.filter
def long_date(value: Any) -> str:
    return formats.format_date(value, "long")


@register.filter
def short_date(value: Any) -> str:
    return formats.format_date(value, "short")


@register.filter
def weekday_date(value: Any) -> str:
    return formats.format_date(value, "weekday")


@register.filter
def month(value: Any) -> str:
    return formats.format_date(value, "month")


@register.filter
def date_time(value: Any) -> str:
    return formats.format_date(value, "datetime")


@register.filter
def short_date_time(value: Any) -> str:
    return formats.format_date(value, "short_datetime")


@register.filter
def clock(value: Any) -> str:
    return formats.format_date(value, "time")


@register.filter
def amount(value: Any) -> str:
    return formats.format_amount(value)


@register.filter
def number(value: Any) -> str:
    return formats.format_number(value)


@register.filter
def country(value: Any) -> str:
    return formats.country(value)


@register.filter
def language(value: Any) -> str:
    return formats.language(value)


@register.filter
def languages(values: Iterable[str] | None) -> str:
    return ", ".join(formats.language(code) for code in values or [])


@register.filter
def place(value: Any, other: Any = "") -> str:
    return formats.join_places(str(value or ""), str(other or ""))
