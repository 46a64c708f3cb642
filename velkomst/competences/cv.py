"""The CV (PRG-3): the person's competences on one A4 page where possible, as PDF in Danish or
English (WeasyPrint via core/pdf.py). It names the person but never their CPR number."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from velkomst.core.pdf import html_to_pdf

from . import occupations
from .selectors import Competences


def _named(items: list[Any], language: str) -> list[tuple[Any, str]]:
    """Each work item or trade with its code's title ("" for one recorded only in words: the CV
    then shows the words)."""
    return [(item, occupations.occupation_name(item.occupation, language)) for item in items]


def cv_html(comp: Competences, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            "competences/cv_pdf.html",
            {
                "c": comp,
                "person": comp.person,
                "language": language,
                "work": _named(comp.work, language),
                "trades": _named(comp.trades, language),
            },
        )


def cv_pdf(comp: Competences, *, language: str) -> bytes:
    return html_to_pdf(cv_html(comp, language=language))


def page_count(html: str) -> int:
    """How many pages WeasyPrint lays ``html`` out on (the CV aims at one)."""
    from weasyprint import HTML

    return len(HTML(string=html).render().pages)
